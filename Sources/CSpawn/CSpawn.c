#define _GNU_SOURCE
#include "CSpawn.h"

int kiln_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

short kiln_spawn_setsid_flag(void) {
    return POSIX_SPAWN_SETSID;
}
