/* test-lock-secret.c
 *
 * The lock's passphrase file: set, verified right and wrong, rehashed when
 * weaker than today's parameters, private (0600 in a 0700 folder), refused
 * when damaged (the lock is then unavailable, not off), changed only with
 * the current passphrase, and cleared.
 */
#define G_LOG_DOMAIN "alliance-test-lock-secret"

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "alliance-lock-secret.h"
#include "test-common.h"

#define RIGHT "correct horse battery"
#define OTHER "staple in the drawer"

typedef struct
{
  TestDirFixture  dir;
  char           *secret;   /* dir/config/alliance/lock: its folder does not exist yet */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  test_dir_fixture_set_up (&fixture->dir, user_data);
  fixture->secret = g_build_filename (fixture->dir.dir, "config", "alliance", "lock", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->secret, g_free);
  test_dir_fixture_tear_down (&fixture->dir, user_data);
}

static void
set_passphrase (const char *path,
                const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_lock_secret_set (path, passphrase, &error));
  g_assert_no_error (error);
}

static void
assert_verifies (const char *path,
                 const char *passphrase,
                 gboolean    right)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = alliance_lock_secret_verify (path, passphrase, &error);

  g_assert_cmpint (ok, ==, right);
  if (right)
    g_assert_no_error (error);
  else
    g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_WRONG);
}

static void
test_none (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (alliance_lock_secret_is_set (fixture->secret, &error));
  g_assert_no_error (error);

  g_assert_false (alliance_lock_secret_verify (fixture->secret, RIGHT, &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_NOT_SET);
  g_clear_error (&error);

  /* Clearing nothing is not a failure. */
  g_assert_true (alliance_lock_secret_clear (fixture->secret, &error));
  g_assert_no_error (error);
}

static void
test_set_and_verify (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (fixture->secret);
  g_autofree char *contents = NULL;

  set_passphrase (fixture->secret, RIGHT);
  g_assert_true (alliance_lock_secret_is_set (fixture->secret, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (fixture->secret), ==, 0600);
  g_assert_cmpuint (test_file_mode (folder), ==, 0700);

  /* A hash, never the passphrase itself. */
  g_assert_true (g_file_get_contents (fixture->secret, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "$argon2id$"));
  g_assert_null (strstr (contents, "horse"));

  assert_verifies (fixture->secret, RIGHT, TRUE);
  assert_verifies (fixture->secret, OTHER, FALSE);
  assert_verifies (fixture->secret, "", FALSE);
  assert_verifies (fixture->secret, RIGHT " ", FALSE);
  assert_verifies (fixture->secret, "\xff\xfe not UTF-8", FALSE);
  g_assert_false (alliance_lock_secret_needs_rehash (fixture->secret, &error));
  g_assert_no_error (error);

  /* Setting again replaces it. */
  set_passphrase (fixture->secret, OTHER);
  assert_verifies (fixture->secret, OTHER, TRUE);
  assert_verifies (fixture->secret, RIGHT, FALSE);
  g_assert_cmpuint (test_file_mode (fixture->secret), ==, 0600);
}

/* "é" typed as one character or as "e" and a combining accent. */
static void
test_normalized (Fixture       *fixture,
                 gconstpointer  user_data)
{
  set_passphrase (fixture->secret, "caf\xc3\xa9 au lait");
  assert_verifies (fixture->secret, "cafe\xcc\x81 au lait", TRUE);
  assert_verifies (fixture->secret, "cafe au lait", FALSE);
}

static void
test_too_short (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  TestFileSnapshot *before;

  g_assert_false (alliance_lock_secret_set (fixture->secret, "1234567", &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_TOO_SHORT);
  g_assert_nonnull (strstr (error->message, "8"));
  g_clear_error (&error);
  g_assert_false (g_file_test (fixture->secret, G_FILE_TEST_EXISTS));

  /* Counted in characters: eight accented letters are sixteen bytes. */
  set_passphrase (fixture->secret, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
  before = test_file_snapshot_new (fixture->secret);
  g_assert_false (alliance_lock_secret_set (fixture->secret, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_TOO_SHORT);
  test_assert_file_unchanged (before);
  test_file_snapshot_free (before);
}

static void
write_weak_hash (const char *path,
                 const char *passphrase)
{
  char hash[crypto_pwhash_STRBYTES];
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *line = NULL;

  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (crypto_pwhash_str (hash, passphrase, strlen (passphrase), crypto_pwhash_OPSLIMIT_MIN,
                                      crypto_pwhash_MEMLIMIT_MIN), ==, 0);
  line = g_strconcat (hash, "\n", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  test_write_file (path, line, strlen (line), 0600);
}

static void
test_needs_rehash (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  TestFileSnapshot *before;

  write_weak_hash (fixture->secret, RIGHT);
  g_assert_true (alliance_lock_secret_needs_rehash (fixture->secret, &error));
  g_assert_no_error (error);

  /* A wrong guess changes nothing. */
  before = test_file_snapshot_new (fixture->secret);
  assert_verifies (fixture->secret, OTHER, FALSE);
  test_assert_file_unchanged (before);
  test_file_snapshot_free (before);
  g_assert_true (alliance_lock_secret_needs_rehash (fixture->secret, &error));

  /* The right one is accepted and brings the hash up to today's strength. */
  assert_verifies (fixture->secret, RIGHT, TRUE);
  g_assert_false (alliance_lock_secret_needs_rehash (fixture->secret, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_file_mode (fixture->secret), ==, 0600);
  assert_verifies (fixture->secret, RIGHT, TRUE);
  assert_verifies (fixture->secret, OTHER, FALSE);
}

static void
assert_damaged (const char *path)
{
  g_autoptr(GError) error = NULL;
  TestFileSnapshot *before = test_file_snapshot_new (path);

  g_assert_false (alliance_lock_secret_is_set (path, &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Not even the right passphrase gets through a damaged file… */
  g_assert_false (alliance_lock_secret_verify (path, RIGHT, &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_false (alliance_lock_secret_needs_rehash (path, &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_DAMAGED);

  /* …and the file is left for the user to see. */
  test_assert_file_unchanged (before);
  test_file_snapshot_free (before);
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *good = NULL;
  g_autofree char *folder = g_path_get_dirname (fixture->secret);
  char argon2i[crypto_pwhash_argon2i_STRBYTES];
  const char with_nul[] = "$argon2id$v=19$m=65536,t=2,p=1$\0abc\n";
  gsize length;

  set_passphrase (fixture->secret, RIGHT);
  g_assert_true (g_file_get_contents (fixture->secret, &good, &length, NULL));

  test_write_file (fixture->secret, "", 0, 0600);
  assert_damaged (fixture->secret);

  test_write_file (fixture->secret, "not a hash at all\n", 18, 0600);
  assert_damaged (fixture->secret);

  /* Cut short, as by a full disk in an older version. */
  test_write_file (fixture->secret, good, length / 2, 0600);
  assert_damaged (fixture->secret);

  test_write_file (fixture->secret, with_nul, sizeof with_nul - 1, 0600);
  assert_damaged (fixture->secret);

  /* Two hashes, one after the other. */
  {
    g_autofree char *twice = g_strconcat (good, good, NULL);

    test_write_file (fixture->secret, twice, strlen (twice), 0600);
    assert_damaged (fixture->secret);
  }

  /* A real hash of another algorithm is not ours either. */
  g_assert_cmpint (crypto_pwhash_argon2i_str (argon2i, RIGHT, strlen (RIGHT), crypto_pwhash_argon2i_OPSLIMIT_MIN,
                                              crypto_pwhash_argon2i_MEMLIMIT_MIN), ==, 0);
  test_write_file (fixture->secret, argon2i, strlen (argon2i), 0600);
  assert_damaged (fixture->secret);

  /* A folder where the file should be cannot be read: unavailable too. */
  g_assert_true (alliance_lock_secret_clear (fixture->secret, NULL));
  g_assert_cmpint (g_mkdir (fixture->secret, 0700), ==, 0);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (alliance_lock_secret_is_set (fixture->secret, &error));
    g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_FAILED);
  }
  g_assert_cmpint (g_rmdir (fixture->secret), ==, 0);
  g_assert_cmpuint (test_file_mode (folder), ==, 0700);
}

static void
test_mode_tightened (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *contents = NULL;
  gsize length;

  set_passphrase (fixture->secret, RIGHT);
  g_assert_true (g_file_get_contents (fixture->secret, &contents, &length, NULL));
  test_write_file (fixture->secret, contents, length, 0644);
  g_assert_cmpuint (test_file_mode (fixture->secret), ==, 0644);

  g_assert_true (alliance_lock_secret_is_set (fixture->secret, NULL));
  g_assert_cmpuint (test_file_mode (fixture->secret), ==, 0600);
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  set_passphrase (fixture->secret, RIGHT);
  g_assert_true (alliance_lock_secret_clear (fixture->secret, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture->secret, G_FILE_TEST_EXISTS));
  g_assert_false (alliance_lock_secret_is_set (fixture->secret, &error));
  g_assert_no_error (error);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static gboolean
change (const char   *path,
        const char   *current,
        const char   *new_passphrase,
        GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alliance_lock_secret_change_async (path, current, new_passphrase, NULL, async_done_cb, &result);
  return alliance_lock_secret_change_finish (wait_for_result (&result), error);
}

static gboolean
verify_async (const char  *path,
              const char  *passphrase,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  alliance_lock_secret_verify_async (path, passphrase, NULL, async_done_cb, &result);
  return alliance_lock_secret_verify_finish (wait_for_result (&result), error);
}

static void
test_change (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  TestFileSnapshot *before;

  /* None set: no current passphrase is needed. */
  g_assert_true (change (fixture->secret, NULL, RIGHT, &error));
  g_assert_no_error (error);
  g_assert_true (verify_async (fixture->secret, RIGHT, &error));
  g_assert_no_error (error);
  g_assert_false (verify_async (fixture->secret, OTHER, &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_WRONG);
  g_clear_error (&error);

  /* Set: changing or removing it takes the current one. */
  before = test_file_snapshot_new (fixture->secret);
  g_assert_false (change (fixture->secret, NULL, OTHER, &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_WRONG);
  g_clear_error (&error);
  g_assert_false (change (fixture->secret, OTHER, OTHER, &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_WRONG);
  g_clear_error (&error);
  g_assert_false (change (fixture->secret, OTHER, NULL, &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_WRONG);
  g_clear_error (&error);
  g_assert_false (change (fixture->secret, RIGHT, "short", &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_TOO_SHORT);
  g_clear_error (&error);
  test_assert_file_unchanged (before);
  test_file_snapshot_free (before);

  g_assert_true (change (fixture->secret, RIGHT, OTHER, &error));
  g_assert_no_error (error);
  assert_verifies (fixture->secret, OTHER, TRUE);
  assert_verifies (fixture->secret, RIGHT, FALSE);

  g_assert_true (change (fixture->secret, OTHER, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (alliance_lock_secret_is_set (fixture->secret, &error));
  g_assert_no_error (error);

  /* A damaged file vouches for nothing: a new passphrase replaces it. */
  test_write_file (fixture->secret, "garbage", 7, 0600);
  g_assert_false (verify_async (fixture->secret, RIGHT, &error));
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_true (change (fixture->secret, NULL, RIGHT, &error));
  g_assert_no_error (error);
  assert_verifies (fixture->secret, RIGHT, TRUE);
}

static void
test_retry_delay (void)
{
  static const guint expected[] = { 0, 0, 0, 1, 2, 4, 8, 16, 30, 30 };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (alliance_lock_secret_get_retry_delay (i), ==, expected[i]);
  g_assert_cmpuint (alliance_lock_secret_get_retry_delay (G_MAXUINT), ==, 30);
}

static void
test_default_path (void)
{
  g_autofree char *path = alliance_lock_secret_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_config_dir (), "alliance", "lock", NULL);

  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_str_has_prefix (path, g_getenv ("XDG_CONFIG_HOME")));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_home = test_make_tmp_dir ();
  int status;

  /* GLib caches XDG_CONFIG_HOME on first use: never the real one here. */
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/lock-secret/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("none", test_none);
  ADD ("set-and-verify", test_set_and_verify);
  ADD ("normalized", test_normalized);
  ADD ("too-short", test_too_short);
  ADD ("needs-rehash", test_needs_rehash);
  ADD ("damaged", test_damaged);
  ADD ("mode-tightened", test_mode_tightened);
  ADD ("clear", test_clear);
  ADD ("change", test_change);
#undef ADD
  g_test_add_func ("/lock-secret/retry-delay", test_retry_delay);
  g_test_add_func ("/lock-secret/default-path", test_default_path);

  status = g_test_run ();
  test_remove_tree (config_home);
  return status;
}
