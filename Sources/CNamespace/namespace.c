// See CNamespace.h for why this is C. Everything after clone() is a raw system call.
#define _GNU_SOURCE
#include "CNamespace.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct child_context {
    const struct kiln_launch *launch;
    int report;      // write end of a close-on-exec pipe: a failure record, or EOF on a successful exec
    int alive;       // read end of a pipe whose write end only Kiln holds: hang-up means Kiln is gone
    int alive_write; // the child's copy of that write end, closed first thing
};

static volatile pid_t command_pid;

static void report_failure(int fd, int step, int error) {
    struct kiln_launch_failure failure = { step, error };
    ssize_t ignored = write(fd, &failure, sizeof failure);
    (void)ignored;
}

static void forward_signal(int signal_number) {
    if (command_pid > 0) kill(command_pid, signal_number);
}

// Tries each directory of the search list, as execvp does, without its allocations.
static void exec_command(const struct kiln_launch *launch) {
    if (strchr(launch->program, '/') != NULL || launch->search == NULL) {
        execve(launch->program, launch->argv, launch->envp);
        return;
    }
    int first_error = ENOENT;
    for (char *const *directory = launch->search; *directory != NULL; directory++) {
        char path[4096];
        size_t length = strlen(*directory), name = strlen(launch->program);
        if (length + name + 2 > sizeof path) continue;
        memcpy(path, *directory, length);
        path[length] = '/';
        memcpy(path + length + 1, launch->program, name + 1);
        execve(path, launch->argv, launch->envp);
        if (errno != ENOENT && errno != ENOTDIR) first_error = errno;
    }
    errno = first_error;
}

static int make_target(const struct kiln_mount *mount_point) {
    if (mount_point->create == 1) {
        if (mkdir(mount_point->target, 0755) != 0 && errno != EEXIST) return -1;
    } else if (mount_point->create == 2) {
        int fd = open(mount_point->target, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return -1;
        close(fd);
    }
    return 0;
}

// The namespace's PID 1: reaps everything, forwards signals, exits with the command's status.
static int reap(pid_t command) {
    int result = 127;
    for (;;) {
        int status;
        pid_t done = waitpid(-1, &status, 0);
        if (done < 0) {
            if (errno == EINTR) continue;
            return result;
        }
        if (done != command) continue;
        if (WIFEXITED(status)) return WEXITSTATUS(status);
        if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    }
}

static int child_main(void *argument) {
    struct child_context *context = argument;
    const struct kiln_launch *launch = context->launch;
    int fd = context->report;
    // Die with Kiln. getppid() is 0 in a new PID namespace, so the race where Kiln died before
    // prctl ran is closed by the pipe: once Kiln is gone, its end is closed and poll reports a hang-up.
    close(context->alive_write);
    struct pollfd alive = { .fd = context->alive, .events = POLLIN };
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || poll(&alive, 1, 0) != 0) {
        report_failure(fd, KILN_STEP_PARENT, errno);
        _exit(127);
    }
    close(context->alive);
    // Nothing mounted here may propagate back to the host's namespace.
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        report_failure(fd, KILN_STEP_PRIVATE, errno);
        _exit(127);
    }
    for (size_t index = 0; index < launch->mount_count; index++) {
        const struct kiln_mount *item = &launch->mounts[index];
        if (make_target(item) != 0) {
            report_failure(fd, (int)index, errno);
            _exit(127);
        }
        // EBUSY: the same filesystem is already mounted right there (a tree inside mmdebstrap's
        // hooks has its /sys and /dev), which is what this mount was for.
        if (mount(item->source, item->target, item->fstype, item->flags, item->data) != 0 && errno != EBUSY) {
            report_failure(fd, (int)index, errno);
            _exit(127);
        }
    }
    if (chroot(launch->root) != 0 || chdir("/") != 0) {
        report_failure(fd, KILN_STEP_CHROOT, errno);
        _exit(127);
    }
    // _Fork, not fork: it runs no atfork handlers, which could wait on locks another thread of
    // Kiln held at clone time. This child has a single thread and never touches the Swift runtime.
    pid_t command = _Fork();
    if (command < 0) {
        report_failure(fd, KILN_STEP_FORK, errno);
        _exit(127);
    }
    if (command == 0) {
        // A fresh start, as a login shell would give it: Kiln ignores SIGINT/SIGQUIT while it waits,
        // and whoever started Kiln may have blocked or ignored others; both would survive execve.
        struct sigaction defaults = { .sa_handler = SIG_DFL };
        for (int number = 1; number < NSIG; number++) {
            if (number != SIGKILL && number != SIGSTOP) sigaction(number, &defaults, NULL);
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        exec_command(launch);
        report_failure(fd, KILN_STEP_EXEC, errno);
        _exit(127);
    }
    command_pid = command;
    close(fd);
    struct sigaction forward = { .sa_handler = forward_signal };
    sigaction(SIGINT, &forward, NULL);
    sigaction(SIGTERM, &forward, NULL);
    sigaction(SIGHUP, &forward, NULL);
    sigaction(SIGQUIT, &forward, NULL);
    _exit(reap(command));
}

pid_t kiln_launch_in_namespace(const struct kiln_launch *launch, struct kiln_launch_failure *failure, int *keepalive) {
    *keepalive = -1;
    failure->step = KILN_STEP_NONE;
    failure->error = 0;
    int report[2], alive[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        failure->step = KILN_STEP_CLONE;
        failure->error = errno;
        return -1;
    }
    if (pipe2(alive, O_CLOEXEC) != 0) {
        failure->step = KILN_STEP_CLONE;
        failure->error = errno;
        close(report[0]);
        close(report[1]);
        return -1;
    }
    struct child_context context = { launch, report[1], alive[0], alive[1] };
    // Without CLONE_VM the child gets a copy of this memory, like fork(), but only the calling thread.
    const size_t stack_size = 256 * 1024;
    char *stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        failure->step = KILN_STEP_CLONE;
        failure->error = errno;
        close(report[0]);
        close(report[1]);
        return -1;
    }
    pid_t init = clone(child_main, stack + stack_size, CLONE_NEWNS | CLONE_NEWPID | SIGCHLD, &context);
    int clone_error = errno;
    munmap(stack, stack_size);
    close(report[1]);
    close(alive[0]);
    // alive[1] stays open, unused, until the caller has waited for the init: its closing is the signal.
    if (init < 0) {
        failure->step = KILN_STEP_CLONE;
        failure->error = clone_error;
        close(report[0]);
        close(alive[1]);
        return -1;
    }
    // EOF: the command was exec'd (the pipe is close-on-exec); a record: the step that failed.
    struct kiln_launch_failure record;
    ssize_t got;
    do got = read(report[0], &record, sizeof record); while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof record) {
        *failure = record;
        int status;
        while (waitpid(init, &status, 0) < 0 && errno == EINTR) {}
        close(alive[1]);
        return -1;
    }
    *keepalive = alive[1];
    return init;
}
