// The one place Kiln includes libarchive's headers.
#ifndef KILN_CLIBARCHIVE_SHIM_H
#define KILN_CLIBARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

// libarchive defines the file-type constants as casts, e.g.
// `#define AE_IFREG ((__LA_MODE_T)0100000)`; Swift's importer only takes plain
// literal macros, so these accessors hand the values to Swift unchanged.
static inline __LA_MODE_T kiln_ae_ifreg(void) { return AE_IFREG; }
static inline __LA_MODE_T kiln_ae_ifdir(void) { return AE_IFDIR; }
static inline __LA_MODE_T kiln_ae_iflnk(void) { return AE_IFLNK; }
static inline __LA_MODE_T kiln_ae_ifchr(void) { return AE_IFCHR; }
static inline __LA_MODE_T kiln_ae_ifblk(void) { return AE_IFBLK; }
static inline __LA_MODE_T kiln_ae_ififo(void) { return AE_IFIFO; }
static inline __LA_MODE_T kiln_ae_ifsock(void) { return AE_IFSOCK; }

#endif
