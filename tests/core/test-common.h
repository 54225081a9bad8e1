/* test-common.h
 *
 * Small helpers shared by the core unit tests: temporary folders, file
 * snapshots (to prove a refused file was left exactly as it was), raw SQLite
 * queries and client records.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "alliance-client.h"

G_BEGIN_DECLS

typedef struct
{
  char        *path;
  gboolean     exists;
  struct stat  st;
  GBytes      *contents;
} TestFileSnapshot;

/* A g_test fixture: a fresh private folder, and a database path in it. */
typedef struct
{
  char *dir;
  char *path;
} TestDirFixture;

void              test_dir_fixture_set_up    (TestDirFixture    *fixture,
                                              gconstpointer      user_data);
void              test_dir_fixture_tear_down (TestDirFixture    *fixture,
                                              gconstpointer      user_data);

char             *test_make_tmp_dir          (void);
void              test_remove_tree           (const char        *path);
guint             test_file_mode             (const char        *path);
void              test_write_file            (const char        *path,
                                              const void        *data,
                                              gsize              size,
                                              guint              mode);

TestFileSnapshot *test_file_snapshot_new     (const char        *path);
void              test_file_snapshot_free    (TestFileSnapshot  *snapshot);
void              test_assert_file_unchanged (TestFileSnapshot  *before);
void              test_assert_no_sidecars    (const char        *db_path);

gint64            test_query_int             (sqlite3           *handle,
                                              const char        *sql);
char             *test_query_text            (sqlite3           *handle,
                                              const char        *sql);
sqlite3          *test_raw_open              (const char        *path);

AllianceClient   *test_client_new            (const char        *given_name,
                                              const char        *family_name);
void              test_add_clients           (const char        *path,
                                              guint              n);
gint64            test_count_clients         (const char        *path);

guint             test_count_occurrences     (const char        *haystack,
                                              const char        *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestFileSnapshot, test_file_snapshot_free)

G_END_DECLS
