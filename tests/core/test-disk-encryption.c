/* test-disk-encryption.c
 *
 * Telling whether a folder is on an encrypted disk: on mount tables and
 * sysfs trees shaped like those of a LUKS laptop, LVM over LUKS, btrfs on
 * LUKS, eCryptfs and a plain disk; and on this machine's real folders.
 */
#define G_LOG_DOMAIN "alliance-test-disk-encryption"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "alliance-disk-encryption.h"
#include "test-common.h"

/* Lines as the kernel writes them (fields: id parent MAJ:MIN root mount
 * options [optional fields] - type source super-options). */
static const char mountinfo[] =
  "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
  "24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,size=12334556k\n"
  "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard\n"
  "30 27 253:0 / /home rw,relatime shared:2 master:1 - ext4 /dev/mapper/luks-1234 rw\n"
  "31 27 253:2 / /srv rw,relatime - xfs /dev/mapper/vg-srv rw\n"
  "32 27 0:35 / /data rw,relatime shared:5 - btrfs /dev/mapper/cryptdata rw,subvolid=5\n"
  "33 27 0:36 /private /home/sam/Private rw,nosuid - ecryptfs /home/sam/.Private rw,ecryptfs_sig=abc\n"
  "34 27 0:40 / /run/user/1000 rw - tmpfs tmpfs rw,size=100k\n"
  "35 27 8:17 / /media/stick rw - vfat /dev/sdb1 rw\n"
  "36 27 0:41 / /mnt/btrfs-plain rw - btrfs /dev/sdc1 rw\n";

static void
write_sysfs (const char *root,
             const char *relative,
             const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  test_write_file (path, contents, strlen (contents), 0600);
}

static void
make_device_dir (const char *root,
                 const char *number)
{
  g_autofree char *path = g_build_filename (root, "dev", "block", number, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
}

/* vda plain; dm-0 LUKS; dm-2 an LVM volume on dm-1, which is LUKS on
 * sda2; dm-3 LUKS named "cryptdata" under btrfs; sdb1 and sdc1 plain. */
static char *
make_sysfs (void)
{
  char *root = test_make_tmp_dir ();

  make_device_dir (root, "254:0");
  write_sysfs (root, "dev/block/253:0/dm/uuid", "CRYPT-LUKS2-0123456789abcdef-luks-1234\n");
  write_sysfs (root, "dev/block/253:0/slaves/vda2", "");
  write_sysfs (root, "dev/block/253:2/dm/uuid", "LVM-abcdefABCDEF\n");
  write_sysfs (root, "dev/block/253:2/slaves/dm-1", "");
  write_sysfs (root, "class/block/dm-1/dev", "253:1\n");
  write_sysfs (root, "dev/block/253:1/dm/uuid", "CRYPT-LUKS1-fedcba-sda2_crypt\n");
  write_sysfs (root, "dev/block/253:1/slaves/sda2", "");
  write_sysfs (root, "class/block/sda2/dev", "8:2\n");
  make_device_dir (root, "8:2");
  write_sysfs (root, "dev/block/253:3/dm/uuid", "CRYPT-PLAIN-cryptdata\n");
  write_sysfs (root, "block/dm-3/dm/name", "cryptdata\n");
  write_sysfs (root, "class/block/dm-3/dev", "253:3\n");
  make_device_dir (root, "8:17");
  write_sysfs (root, "class/block/sdc1/dev", "8:33\n");
  make_device_dir (root, "8:33");
  return root;
}

static void
test_fixtures (void)
{
  g_autofree char *sysfs = make_sysfs ();
  struct
  {
    guint                  major_number;
    guint                  minor_number;
    AllianceDiskEncryption expected;
  } cases[] = {
    { 254, 0, ALLIANCE_DISK_ENCRYPTION_NONE },     /* a plain virtual disk */
    { 253, 0, ALLIANCE_DISK_ENCRYPTION_DM_CRYPT }, /* ext4 on LUKS */
    { 253, 2, ALLIANCE_DISK_ENCRYPTION_DM_CRYPT }, /* LVM on LUKS */
    { 0, 35, ALLIANCE_DISK_ENCRYPTION_DM_CRYPT },  /* btrfs on LUKS, by its mapper name */
    { 0, 36, ALLIANCE_DISK_ENCRYPTION_ECRYPTFS },
    { 0, 40, ALLIANCE_DISK_ENCRYPTION_UNKNOWN },   /* tmpfs: no disk to speak of */
    { 8, 17, ALLIANCE_DISK_ENCRYPTION_NONE },      /* a USB stick */
    { 0, 41, ALLIANCE_DISK_ENCRYPTION_NONE },      /* btrfs on a plain partition */
    { 9, 9, ALLIANCE_DISK_ENCRYPTION_UNKNOWN },    /* not mounted at all */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AllianceDiskEncryption found =
          alliance_disk_encryption_check_with (cases[i].major_number, cases[i].minor_number, mountinfo, sysfs);

      g_test_message ("%u:%u", cases[i].major_number, cases[i].minor_number);
      g_assert_cmpint (found, ==, cases[i].expected);
    }

  /* A device in the table but missing from sysfs: we cannot tell. */
  g_assert_cmpint (alliance_disk_encryption_check_with (254, 0, mountinfo, "/nonexistent"), ==,
                   ALLIANCE_DISK_ENCRYPTION_UNKNOWN);
  g_assert_cmpint (alliance_disk_encryption_check_with (254, 0, "", sysfs), ==, ALLIANCE_DISK_ENCRYPTION_UNKNOWN);
  g_assert_cmpint (alliance_disk_encryption_check_with (254, 0, "garbage\n27 1 254:0\n", sysfs), ==,
                   ALLIANCE_DISK_ENCRYPTION_UNKNOWN);

  g_assert_true (alliance_disk_encryption_is_protected (ALLIANCE_DISK_ENCRYPTION_DM_CRYPT));
  g_assert_true (alliance_disk_encryption_is_protected (ALLIANCE_DISK_ENCRYPTION_FSCRYPT));
  g_assert_true (alliance_disk_encryption_is_protected (ALLIANCE_DISK_ENCRYPTION_ECRYPTFS));
  g_assert_false (alliance_disk_encryption_is_protected (ALLIANCE_DISK_ENCRYPTION_NONE));
  g_assert_false (alliance_disk_encryption_is_protected (ALLIANCE_DISK_ENCRYPTION_UNKNOWN));

  test_remove_tree (sysfs);
}

/* A device chain that loops (a crafted tree) ends instead of recursing forever. */
static void
test_loop (void)
{
  g_autofree char *sysfs = test_make_tmp_dir ();

  write_sysfs (sysfs, "dev/block/253:5/dm/uuid", "LVM-x\n");
  write_sysfs (sysfs, "dev/block/253:5/slaves/dm-5", "");
  write_sysfs (sysfs, "class/block/dm-5/dev", "253:5\n");
  g_assert_cmpint (alliance_disk_encryption_check_with (253, 5, "1 1 253:5 / / rw - ext4 /dev/dm-5 rw\n", sysfs), ==,
                   ALLIANCE_DISK_ENCRYPTION_NONE);
  test_remove_tree (sysfs);
}

/* This machine's own folders: the full check agrees with the mount-table
 * check on the real /proc and /sys, and a folder not yet made is judged
 * by the one it would be made in. */
static void
test_real_paths (void)
{
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *missing = g_build_filename (tmp, "not", "yet", NULL);
  g_autofree char *mountinfo_text = NULL;
  const char *paths[] = { tmp, g_get_home_dir (), g_get_user_data_dir () };
  struct stat st;

  g_assert_true (g_file_get_contents ("/proc/self/mountinfo", &mountinfo_text, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      AllianceDiskEncryption found = alliance_disk_encryption_check (paths[i]);

      if (g_stat (paths[i], &st) != 0)
        continue;
      g_test_message ("%s: %d", paths[i], found);
      if (found != ALLIANCE_DISK_ENCRYPTION_FSCRYPT)
        g_assert_cmpint (found, ==,
                         alliance_disk_encryption_check_with (major (st.st_dev), minor (st.st_dev), mountinfo_text,
                                                              "/sys"));
    }
  g_assert_cmpint (alliance_disk_encryption_check (missing), ==, alliance_disk_encryption_check (tmp));
  test_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disk-encryption/fixtures", test_fixtures);
  g_test_add_func ("/disk-encryption/loop", test_loop);
  g_test_add_func ("/disk-encryption/real-paths", test_real_paths);

  return g_test_run ();
}
