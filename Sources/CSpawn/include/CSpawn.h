// glibc's posix_spawn extensions, which <spawn.h> declares only under _GNU_SOURCE; Swift's
// Glibc module is built without it, so these wrappers are compiled with it instead.
#ifndef KILN_CSPAWN_H
#define KILN_CSPAWN_H
#include <spawn.h>

// posix_spawn_file_actions_addclosefrom_np (glibc 2.34): closes every descriptor >= `from` in
// the child, so it inherits none of the parent's sockets or pipes by accident.
int kiln_spawn_close_from(posix_spawn_file_actions_t *actions, int from);

// POSIX_SPAWN_SETSID (glibc 2.26): the child starts a new session.
short kiln_spawn_setsid_flag(void);
#endif
