/* alliance-disk-encryption.c
 *
 * fscrypt is asked of the folder itself (statx's encrypted attribute, or
 * the encryption-policy ioctl). The rest comes from the mount table: the
 * file system holding the folder is found in /proc/self/mountinfo by its
 * device number; eCryptfs is a file system type, and dm-crypt is a
 * device-mapper device whose uuid starts "CRYPT-" — the device the file
 * system is on, or one below it (LVM or RAID over LUKS), found through
 * /sys/dev/block/MAJ:MIN/slaves.
 */
#define G_LOG_DOMAIN "alliance-disk-encryption"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "alliance-disk-encryption.h"

/* Deep enough for LVM over RAID over LUKS; a loop in a crafted tree ends. */
#define MAX_DEPTH 8

gboolean
alliance_disk_encryption_is_protected (AllianceDiskEncryption encryption)
{
  return encryption == ALLIANCE_DISK_ENCRYPTION_DM_CRYPT || encryption == ALLIANCE_DISK_ENCRYPTION_FSCRYPT ||
         encryption == ALLIANCE_DISK_ENCRYPTION_ECRYPTFS;
}

static gboolean
parse_device_number (const char *text,
                     guint      *major_out,
                     guint      *minor_out)
{
  guint64 major_value, minor_value;
  const char *colon = strchr (text, ':');
  char *end;

  if (colon == NULL)
    return FALSE;
  major_value = g_ascii_strtoull (text, &end, 10);
  if (end != colon)
    return FALSE;
  minor_value = g_ascii_strtoull (colon + 1, &end, 10);
  if (end == colon + 1 || (*end != '\0' && !g_ascii_isspace (*end)))
    return FALSE;
  *major_out = (guint)major_value;
  *minor_out = (guint)minor_value;
  return TRUE;
}

/* TRUE for a dm-crypt device, or one built on one. */
static gboolean
is_dm_crypt (const char *sysfs_root,
             guint       major_number,
             guint       minor_number,
             guint       depth,
             gboolean   *known)
{
  g_autofree char *device = g_strdup_printf ("%u:%u", major_number, minor_number);
  g_autofree char *dir = g_build_filename (sysfs_root, "dev", "block", device, NULL);
  g_autofree char *uuid_path = g_build_filename (dir, "dm", "uuid", NULL);
  g_autofree char *slaves_path = g_build_filename (dir, "slaves", NULL);
  g_autofree char *uuid = NULL;
  g_autoptr(GDir) slaves = NULL;
  const char *name;

  if (depth > MAX_DEPTH || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return FALSE;
  *known = TRUE;

  if (g_file_get_contents (uuid_path, &uuid, NULL, NULL) && g_str_has_prefix (uuid, "CRYPT-"))
    return TRUE;

  slaves = g_dir_open (slaves_path, 0, NULL);
  while (slaves != NULL && (name = g_dir_read_name (slaves)) != NULL)
    {
      g_autofree char *dev_path = g_build_filename (sysfs_root, "class", "block", name, "dev", NULL);
      g_autofree char *dev = NULL;
      guint slave_major, slave_minor;

      if (g_file_get_contents (dev_path, &dev, NULL, NULL) &&
          parse_device_number (g_strstrip (dev), &slave_major, &slave_minor) &&
          is_dm_crypt (sysfs_root, slave_major, slave_minor, depth + 1, known))
        return TRUE;
    }
  return FALSE;
}

/* A file system on no block device of its own (btrfs says 0:N) names its
 * device as the mount source: /dev/dm-0, /dev/sda2 or /dev/mapper/NAME. */
static gboolean
source_device_number (const char *source,
                      const char *sysfs_root,
                      guint      *major_out,
                      guint      *minor_out)
{
  g_autofree char *base = NULL;
  g_autofree char *dev_path = NULL;
  g_autofree char *dev = NULL;
  struct stat st;

  if (!g_str_has_prefix (source, "/dev/"))
    return FALSE;
  if (strcmp (sysfs_root, "/sys") == 0 && g_stat (source, &st) == 0 && S_ISBLK (st.st_mode))
    {
      *major_out = major (st.st_rdev);
      *minor_out = minor (st.st_rdev);
      return TRUE;
    }

  base = g_path_get_basename (source);
  if (g_str_has_prefix (source, "/dev/mapper/"))
    {
      g_autofree char *block = g_build_filename (sysfs_root, "block", NULL);
      g_autoptr(GDir) dir = g_dir_open (block, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *name_path = g_build_filename (block, name, "dm", "name", NULL);
          g_autofree char *dm_name = NULL;

          if (g_file_get_contents (name_path, &dm_name, NULL, NULL) && strcmp (g_strstrip (dm_name), base) == 0)
            {
              g_free (base);
              base = g_strdup (name);
              break;
            }
        }
    }
  dev_path = g_build_filename (sysfs_root, "class", "block", base, "dev", NULL);
  return g_file_get_contents (dev_path, &dev, NULL, NULL) &&
         parse_device_number (g_strstrip (dev), major_out, minor_out);
}

/**
 * alliance_disk_encryption_check_with:
 * @major: (type guint): the device number of the file system (st_dev)
 * @mountinfo: the text of /proc/self/mountinfo
 * @sysfs_root: "/sys", or a tree shaped like it (tests)
 *
 * The mount-table part of alliance_disk_encryption_check(), on given text
 * and a given sysfs, so it can be tested on any layout.
 */
AllianceDiskEncryption
alliance_disk_encryption_check_with (guint       major_number,
                                     guint       minor_number,
                                     const char *mountinfo,
                                     const char *sysfs_root)
{
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (mountinfo != NULL, ALLIANCE_DISK_ENCRYPTION_UNKNOWN);
  g_return_val_if_fail (sysfs_root != NULL, ALLIANCE_DISK_ENCRYPTION_UNKNOWN);

  lines = g_strsplit (mountinfo, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      guint n_fields = g_strv_length (fields), separator;
      guint line_major, line_minor, device_major, device_minor;
      const char *fstype, *source;
      gboolean known = FALSE;

      /* id parent MAJ:MIN root mountpoint options [optional…] - fstype source super-options */
      if (n_fields < 10 || !parse_device_number (fields[2], &line_major, &line_minor) ||
          line_major != major_number || line_minor != minor_number)
        continue;
      for (separator = 6; separator < n_fields && strcmp (fields[separator], "-") != 0; separator++)
        ;
      if (separator + 2 >= n_fields)
        continue;
      fstype = fields[separator + 1];
      source = fields[separator + 2];

      if (strcmp (fstype, "ecryptfs") == 0)
        return ALLIANCE_DISK_ENCRYPTION_ECRYPTFS;

      device_major = line_major;
      device_minor = line_minor;
      if (device_major == 0 && !source_device_number (source, sysfs_root, &device_major, &device_minor))
        return ALLIANCE_DISK_ENCRYPTION_UNKNOWN;
      if (is_dm_crypt (sysfs_root, device_major, device_minor, 0, &known))
        return ALLIANCE_DISK_ENCRYPTION_DM_CRYPT;
      return known ? ALLIANCE_DISK_ENCRYPTION_NONE : ALLIANCE_DISK_ENCRYPTION_UNKNOWN;
    }
  return ALLIANCE_DISK_ENCRYPTION_UNKNOWN;
}

static gboolean
is_fscrypt (const char *path)
{
#ifdef STATX_ATTR_ENCRYPTED
  struct statx stx;

  if (statx (AT_FDCWD, path, 0, STATX_BASIC_STATS, &stx) == 0 &&
      (stx.stx_attributes_mask & STATX_ATTR_ENCRYPTED) != 0)
    return (stx.stx_attributes & STATX_ATTR_ENCRYPTED) != 0;
#endif
#ifdef FS_IOC_GET_ENCRYPTION_POLICY_EX
  {
    struct fscrypt_get_policy_ex_arg arg = { .policy_size = sizeof arg.policy };
    int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
    gboolean encrypted;

    if (fd < 0)
      return FALSE;
    /* Succeeds only on an encrypted folder (ENODATA when not). */
    encrypted = ioctl (fd, FS_IOC_GET_ENCRYPTION_POLICY_EX, &arg) == 0;
    close (fd);
    return encrypted;
  }
#else
  return FALSE;
#endif
}

/**
 * alliance_disk_encryption_check:
 * @path: a file or folder; when missing, its nearest existing parent
 *
 * How the data at @path is encrypted at rest, if at all.
 */
AllianceDiskEncryption
alliance_disk_encryption_check (const char *path)
{
  g_autofree char *existing = NULL;
  g_autofree char *mountinfo = NULL;
  struct stat st;

  g_return_val_if_fail (path != NULL, ALLIANCE_DISK_ENCRYPTION_UNKNOWN);

  existing = g_strdup (path);
  while (g_stat (existing, &st) != 0)
    {
      char *parent = g_path_get_dirname (existing);
      gboolean at_top = strcmp (parent, existing) == 0;

      g_free (existing);
      existing = parent;
      if (at_top)
        return ALLIANCE_DISK_ENCRYPTION_UNKNOWN;
    }

  if (is_fscrypt (existing))
    return ALLIANCE_DISK_ENCRYPTION_FSCRYPT;
  if (!g_file_get_contents ("/proc/self/mountinfo", &mountinfo, NULL, NULL))
    return ALLIANCE_DISK_ENCRYPTION_UNKNOWN;
  return alliance_disk_encryption_check_with (major (st.st_dev), minor (st.st_dev), mountinfo, "/sys");
}
