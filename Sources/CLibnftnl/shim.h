#ifndef KILN_CLIBNFTNL_SHIM_H
#define KILN_CLIBNFTNL_SHIM_H

/* libnftnl's headers only forward-declare struct nlmsghdr; Swift needs the
 * definition to pass messages between libnftnl and libmnl. */
#include <linux/netlink.h>
/* <netinet/in.h> must come before <linux/netfilter.h>: the kernel header pulls in
 * <linux/in.h>, which only steps aside (libc-compat) when glibc's came first. */
#include <netinet/in.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
/* NF_NAT_RANGE_* flags for the nat expression. */
#include <linux/netfilter/nf_nat.h>

#include <libnftnl/common.h>
#include <libnftnl/batch.h>
#include <libnftnl/gen.h>
#include <libnftnl/table.h>
#include <libnftnl/chain.h>
#include <libnftnl/rule.h>
#include <libnftnl/expr.h>
#include <libnftnl/set.h>
#include <libnftnl/object.h>
#include <libnftnl/flowtable.h>
#include <libnftnl/ruleset.h>
#include <libnftnl/udata.h>

#endif
