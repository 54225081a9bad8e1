/* test-paths.c
 *
 * The data folder: created private (0700), tightened if it was not, and
 * holding the real and the sample database as two different files.
 *
 * GLib reads XDG_DATA_HOME once and caches it, so main() points it at a
 * temporary folder before anything asks; each test starts with that folder
 * missing. (G_TEST_OPTION_ISOLATE_DIRS would do the same per test, but in
 * GLib 2.74 it leaks the folder names it replaces, which the sanitizer
 * build reports.) These tests never touch the real ~/.local/share.
 */
#define G_LOG_DOMAIN "alliance-test-paths"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-database.h"
#include "alliance-paths.h"
#include "test-common.h"

static char *data_home;

/* The data folder every test expects, after making sure it does not exist
 * yet (nor does the XDG data home above it). */
static char *
expected_data_dir (void)
{
  g_assert_cmpstr (g_get_user_data_dir (), ==, data_home);
  test_remove_tree (data_home);
  return g_build_filename (data_home, "alliance", NULL);
}

static void
test_created_private (void)
{
  g_autofree char *expected = expected_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));
  dir = alliance_paths_ensure_data_dir (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (dir, ==, expected);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (test_file_mode (dir), ==, 0700);

  /* Again: nothing changes, nothing fails. */
  g_clear_pointer (&dir, g_free);
  dir = alliance_paths_ensure_data_dir (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (dir), ==, 0700);
}

static void
test_missing_parents (void)
{
  g_autofree char *expected = expected_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  /* A fresh account may not even have ~/.local/share yet. */
  g_assert_false (g_file_test (data_home, G_FILE_TEST_EXISTS));
  dir = alliance_paths_ensure_data_dir (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (dir, ==, expected);
  g_assert_cmpuint (test_file_mode (dir), ==, 0700);
}

static void
test_existing_tightened (void)
{
  g_autofree char *expected = expected_data_dir ();
  g_autofree char *inside = g_build_filename (expected, "alliance.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  g_assert_cmpint (g_mkdir_with_parents (expected, 0755), ==, 0);
  g_assert_cmpint (g_chmod (expected, 0755), ==, 0);
  test_write_file (inside, "", 0, 0600);
  g_assert_cmpuint (test_file_mode (expected), ==, 0755);

  dir = alliance_paths_ensure_data_dir (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (dir), ==, 0700);
  /* What was inside is untouched. */
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (g_chmod (expected, 0777), ==, 0);
  g_assert_true (alliance_paths_ensure_private_dir (expected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (expected), ==, 0700);
}

static void
test_database_paths (void)
{
  g_autofree char *expected = expected_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *real = alliance_paths_default_database (&error);
  g_autofree char *demo = NULL;
  g_autofree char *real_dir = NULL;
  g_autofree char *demo_dir = NULL;

  g_assert_no_error (error);
  demo = alliance_paths_demo_database (&error);
  g_assert_no_error (error);

  g_assert_cmpstr (real, !=, demo);
  real_dir = g_path_get_dirname (real);
  demo_dir = g_path_get_dirname (demo);
  g_assert_cmpstr (real_dir, ==, expected);
  g_assert_cmpstr (demo_dir, ==, expected);
  g_assert_true (g_str_has_suffix (real, ".db"));
  g_assert_true (g_str_has_suffix (demo, ".db"));
  /* Asking for a path made the folder, privately, but not the files. */
  g_assert_cmpuint (test_file_mode (expected), ==, 0700);
  g_assert_false (g_file_test (real, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (demo, G_FILE_TEST_EXISTS));
}

static void
test_not_creatable (void)
{
  g_autofree char *blocker = g_build_filename (data_home, "blocker", NULL);
  g_autofree char *below = g_build_filename (blocker, "alliance", NULL);
  g_autoptr(GError) error = NULL;

  /* A file where a folder should be. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  test_write_file (blocker, "x", 1, 0600);
  g_assert_false (alliance_paths_ensure_private_dir (below, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_PERMISSIONS);
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = test_make_tmp_dir ();
  int status;

  /* Before g_test_init() and before anything can call g_get_user_data_dir(). */
  data_home = g_build_filename (root, "home", ".local", "share", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paths/data-dir/created-private", test_created_private);
  g_test_add_func ("/paths/data-dir/missing-parents", test_missing_parents);
  g_test_add_func ("/paths/data-dir/existing-tightened", test_existing_tightened);
  g_test_add_func ("/paths/data-dir/not-creatable", test_not_creatable);
  g_test_add_func ("/paths/databases", test_database_paths);

  status = g_test_run ();

  test_remove_tree (root);
  g_clear_pointer (&data_home, g_free);
  return status;
}
