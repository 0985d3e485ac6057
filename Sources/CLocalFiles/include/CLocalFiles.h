// renameat2(2), which <stdio.h> declares only under _GNU_SOURCE; Swift's Glibc module is built
// without it, so the wrapper is compiled with it instead.
#ifndef KILN_CLOCALFILES_H
#define KILN_CLOCALFILES_H

// renameat2(from, to, RENAME_EXCHANGE): swaps the two names atomically (Linux 3.15; glibc 2.28).
// -1 with errno EINVAL where the file system cannot exchange.
int kiln_rename_exchange(const char *from, const char *to);
#endif
