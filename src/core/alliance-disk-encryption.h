/* alliance-disk-encryption.h
 *
 * Whether a folder is on an encrypted file system: dm-crypt/LUKS (also
 * under LVM or RAID), fscrypt, or eCryptfs. Alliance's own lock only
 * keeps people out of the app; the file itself is protected from a
 * stolen laptop by disk encryption alone, so the app says when there is
 * none.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_DISK_ENCRYPTION_UNKNOWN,     /* could not tell */
  ALLIANCE_DISK_ENCRYPTION_NONE,
  ALLIANCE_DISK_ENCRYPTION_DM_CRYPT,
  ALLIANCE_DISK_ENCRYPTION_FSCRYPT,
  ALLIANCE_DISK_ENCRYPTION_ECRYPTFS,
} AllianceDiskEncryption;

AllianceDiskEncryption alliance_disk_encryption_check        (const char *path);
AllianceDiskEncryption alliance_disk_encryption_check_with   (guint       major,
                                                              guint       minor,
                                                              const char *mountinfo,
                                                              const char *sysfs_root);
gboolean               alliance_disk_encryption_is_protected (AllianceDiskEncryption encryption);

G_END_DECLS
