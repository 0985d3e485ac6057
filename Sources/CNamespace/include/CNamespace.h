#ifndef KILN_CNAMESPACE_H
#define KILN_CNAMESPACE_H

// Kiln's namespace launcher. It exists in C because the code between clone() and execve() may only
// make system calls: a Swift process is multithreaded, so the cloned child must not touch the Swift
// runtime, locks or the allocator. Swift prepares every string; this code only mounts, chroots and execs.

#include <stddef.h>
#include <sys/types.h>

/// One mount(2) call made in the child, before chroot. `create` makes the target first
/// (1: a directory, 2: an empty file) so binds onto paths the tree lacks work.
struct kiln_mount {
    const char *source;
    const char *target;
    const char *fstype;
    unsigned long flags;
    const char *data;
    int create;
};

/// What to run: the tree, the mounts, and the command (searched in `search`, a NULL-terminated list of
/// directories inside the tree, when `program` has no slash).
struct kiln_launch {
    const char *root;
    const struct kiln_mount *mounts;
    size_t mount_count;
    const char *program;
    char *const *argv;
    char *const *envp;
    char *const *search;
};

/// Where a launch failed: the step (a mount's index, or one of the KILN_STEP_* values) and its errno.
struct kiln_launch_failure {
    int step;
    int error;
};

enum {
    KILN_STEP_NONE = -1,
    KILN_STEP_CLONE = -2,
    KILN_STEP_PRIVATE = -3,
    KILN_STEP_CHROOT = -4,
    KILN_STEP_EXEC = -5,
    KILN_STEP_FORK = -6,
    KILN_STEP_PARENT = -7,
};

/// Starts `launch` in new mount and PID namespaces and returns the pid of the namespace's init (a
/// small reaper that forwards SIGINT/SIGTERM/SIGHUP/SIGQUIT to the command and exits with its status,
/// 128+N for signal N). The init dies with the calling thread (PR_SET_PDEATHSIG), taking the
/// namespaces and their mounts with it. `keepalive` receives a descriptor to close after waiting for
/// the init (the init checks it to see whether Kiln died before PR_SET_PDEATHSIG took hold).
/// On failure returns -1 and fills `failure`.
pid_t kiln_launch_in_namespace(const struct kiln_launch *launch, struct kiln_launch_failure *failure, int *keepalive);

#endif
