/* test-common.c */
#define G_LOG_DOMAIN "alliance-test"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "alliance-audit-private.h"
#include "alliance-client-store.h"
#include "test-common.h"

/* A private folder under $TMPDIR; remove it with test_remove_tree(). */
char *
test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("alliance-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

/* rm -rf, after giving back the write permission a test may have taken away. */
void
test_remove_tree (const char *path)
{
  struct stat st;

  if (path == NULL || g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          test_remove_tree (child);
        }
      if (g_rmdir (path) != 0)
        g_error ("Could not remove %s: %s", path, g_strerror (errno));
    }
  else if (g_unlink (path) != 0)
    g_error ("Could not remove %s: %s", path, g_strerror (errno));
}

guint
test_file_mode (const char *path)
{
  struct stat st;

  if (g_stat (path, &st) != 0)
    g_error ("Could not stat %s: %s", path, g_strerror (errno));
  return st.st_mode & 07777;
}

void
test_write_file (const char *path,
                 const void *data,
                 gsize       size,
                 guint       mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize)size, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

TestFileSnapshot *
test_file_snapshot_new (const char *path)
{
  TestFileSnapshot *snapshot = g_new0 (TestFileSnapshot, 1);

  snapshot->path = g_strdup (path);
  snapshot->exists = g_stat (path, &snapshot->st) == 0;
  if (snapshot->exists && S_ISREG (snapshot->st.st_mode))
    {
      g_autoptr(GError) error = NULL;
      char *data = NULL;
      gsize size = 0;

      g_file_get_contents (path, &data, &size, &error);
      g_assert_no_error (error);
      snapshot->contents = g_bytes_new_take (data, size);
    }
  return snapshot;
}

void
test_file_snapshot_free (TestFileSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->path);
  g_clear_pointer (&snapshot->contents, g_bytes_unref);
  g_free (snapshot);
}

/* Same bytes, size, mode and modification time as when the snapshot was taken. */
void
test_assert_file_unchanged (TestFileSnapshot *before)
{
  g_autoptr(TestFileSnapshot) after = test_file_snapshot_new (before->path);

  g_assert_cmpint (after->exists, ==, before->exists);
  if (!before->exists)
    return;

  g_assert_cmpint (after->st.st_size, ==, before->st.st_size);
  g_assert_cmpuint (after->st.st_mode, ==, before->st.st_mode);
  g_assert_cmpint (after->st.st_mtim.tv_sec, ==, before->st.st_mtim.tv_sec);
  g_assert_cmpint (after->st.st_mtim.tv_nsec, ==, before->st.st_mtim.tv_nsec);
  if (before->contents != NULL)
    {
      gsize size_before, size_after;
      const guint8 *data_before = g_bytes_get_data (before->contents, &size_before);
      const guint8 *data_after = g_bytes_get_data (after->contents, &size_after);

      g_assert_cmpmem (data_before, size_before, data_after, size_after);
    }
}

/* No journal, write-ahead log or shared-memory file beside the database. */
void
test_assert_no_sidecars (const char *db_path)
{
  static const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (db_path, suffixes[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", file);
    }
}

gint64
test_query_int (sqlite3    *handle,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The first column of the first row, or NULL for SQL NULL. */
char *
test_query_text (sqlite3    *handle,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* A plain SQLite connection that bypasses AllianceDatabase (but, like any
 * writer of records, has the audit log's hash function). */
sqlite3 *
test_raw_open (const char *path)
{
  sqlite3 *handle = NULL;
  int rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc != SQLITE_OK)
    g_error ("sqlite3_open_v2 (%s): %s", path, sqlite3_errstr (rc));
  /* As every connection that writes records must: the audit log's
   * triggers call it. */
  g_assert_true (alliance_audit_register_functions (handle));
  return handle;
}

AllianceClient *
test_client_new (const char *given_name,
                 const char *family_name)
{
  AllianceClient *client = alliance_client_new ();

  client->given_name = g_strdup (given_name);
  client->family_name = g_strdup (family_name);
  return client;
}

/* Adds @n clients ("Test Client4", …, numbered on from those there) to
 * the records in @path, through the store as the app would. */
void
test_add_clients (const char *path,
                  guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open (path, &error);
  g_autoptr(AllianceClientStore) store = NULL;
  gint64 first;

  g_assert_no_error (error);
  store = alliance_client_store_new (database);
  first = alliance_client_store_count (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client%" G_GINT64_FORMAT, first + i);
      g_autoptr(AllianceClient) client = test_client_new ("Test", name);

      g_assert_true (alliance_client_store_save (store, client, NULL, &error));
      g_assert_no_error (error);
    }
}

/* Clients in the records in @path, read without the app's code. */
gint64
test_count_clients (const char *path)
{
  sqlite3 *handle = test_raw_open (path);
  gint64 count = test_query_int (handle, "SELECT count(*) FROM clients");

  sqlite3_close (handle);
  return count;
}

void
test_dir_fixture_set_up (TestDirFixture *fixture,
                         gconstpointer   user_data)
{
  fixture->dir = test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "alliance.db", NULL);
}

void
test_dir_fixture_tear_down (TestDirFixture *fixture,
                            gconstpointer   user_data)
{
  test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* How many times @needle stands in @haystack, overlapping ones counted. */
guint
test_count_occurrences (const char *haystack,
                        const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}
