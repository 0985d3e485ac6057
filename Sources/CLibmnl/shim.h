#ifndef KILN_CLIBMNL_SHIM_H
#define KILN_CLIBMNL_SHIM_H

#include <sys/socket.h>
#include <linux/netlink.h>
#include <libmnl/libmnl.h>

/* MNL_SOCKET_BUFFER_SIZE is an expression macro calling sysconf(); Swift imports
 * only macros that expand to literals, so it is re-expressed as a function. */
static inline size_t kiln_mnl_socket_buffer_size(void) {
    return (size_t)MNL_SOCKET_BUFFER_SIZE;
}

/* mnl_attr_for_each() is a for-loop macro, which Swift cannot import. These two
 * functions split it into "first attribute" and "next attribute", returning NULL
 * when the message's payload holds no further well-formed attribute. */
static inline const struct nlattr *kiln_mnl_attr_first(const struct nlmsghdr *nlh,
                                                       unsigned int offset) {
    const struct nlattr *attr = mnl_nlmsg_get_payload_offset(nlh, offset);
    const char *tail = mnl_nlmsg_get_payload_tail(nlh);
    return mnl_attr_ok(attr, (int)(tail - (const char *)attr)) ? attr : NULL;
}

static inline const struct nlattr *kiln_mnl_attr_next(const struct nlmsghdr *nlh,
                                                      const struct nlattr *attr) {
    const struct nlattr *next = mnl_attr_next(attr);
    const char *tail = mnl_nlmsg_get_payload_tail(nlh);
    return mnl_attr_ok(next, (int)(tail - (const char *)next)) ? next : NULL;
}

#endif
