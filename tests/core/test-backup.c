/* test-backup.c
 *
 * Backups: named to sort, private, checked and whole, made while another
 * connection writes; the rotation keeps exactly 7 daily, 4 weekly and 12
 * monthly and runs only after a good backup; a full disk or a read-only
 * folder leaves no partial file and the older backups as they were.
 * Restore: brings back the old records after backing up the current ones,
 * and refuses a truncated, garbage, foreign or newer file, or an encrypted
 * one with the wrong passphrase, leaving the records byte for byte.
 */
#define G_LOG_DOMAIN "alliance-test-backup"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "alliance-audit.h"
#include "alliance-backup.h"
#include "alliance-client-store.h"
#include "alliance-database.h"
#include "alliance-demo.h"
#include "alliance-migrations.h"
#include "test-common.h"

#define PASSPHRASE "a long passphrase for the stick"

typedef struct
{
  char *dir;
  char *path;     /* the records */
  char *folder;   /* the backups */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "alliance.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "backups", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->folder, g_free);
}

static char *template_dir;

/* The sample caseload (clients, sessions, notes), made once and copied,
 * closed, so the copy is a plain file without a write-ahead log. */
static void
make_records (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template_path = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = g_file_new_for_path (path);

  if (template_dir == NULL)
    template_dir = test_make_tmp_dir ();
  template_path = g_build_filename (template_dir, "records.db", NULL);
  if (!g_file_test (template_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(AllianceDatabase) database = alliance_database_open (template_path, &error);
      g_autoptr(AllianceClientStore) store = NULL;

      g_assert_no_error (error);
      store = alliance_client_store_new (database);
      g_assert_true (alliance_demo_populate (store, &error));
      g_assert_no_error (error);
    }
  source = g_file_new_for_path (template_path);
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

static void
add_client (const char *path,
            const char *family_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open (path, &error);
  g_autoptr(AllianceClientStore) store = NULL;
  g_autoptr(AllianceClient) client = test_client_new ("Added", family_name);

  g_assert_no_error (error);
  store = alliance_client_store_new (database);
  g_assert_true (alliance_client_store_save (store, client, NULL, &error));
  g_assert_no_error (error);
}

static gint64
count_in (const char *path,
          const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *handle = test_raw_open (path);
  gint64 count = test_query_int (handle, sql);

  sqlite3_close (handle);
  return count;
}

static char *
make_backup (Fixture                           *fixture,
             const AllianceEncryptionRecipient *recipient,
             GDateTime                         *now)
{
  g_autoptr(GError) error = NULL;
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, recipient, now, 0, TRUE };
  char *written = alliance_backup_create (fixture->path, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (written);
  return written;
}

/* Names in @folder, sorted; dot files (temporaries) included. */
static GPtrArray *
list_names (const char *folder)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
  return names;
}

static void
assert_no_temporaries (const char *folder)
{
  g_autoptr(GPtrArray) names = list_names (folder);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (name[0] == '.')
        g_error ("A temporary file was left in %s: %s", folder, name);
    }
}

/* --- Names --------------------------------------------------------------- */

static void
test_file_names (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 27, 10, 15, 0);
  g_autoptr(GTimeZone) toronto = g_time_zone_new_identifier ("-05:00");
  g_autoptr(GDateTime) local = g_date_time_new (toronto, 2026, 11, 27, 5, 15, 0);
  const char *refused[] = { "alliance-2026-11-27T101500.db", "alliance-2026-13-27T101500Z.db",
                            "alliance-2026-11-27T101500Z.sqlite", "other-2026-11-27T101500Z.db",
                            "alliance-2026-11-27T101500Z-whatever.db", "alliance-.db" };
  struct
  {
    AllianceBackupKind kind;
    gboolean           encrypted;
    const char        *name;
  } cases[] = {
    { ALLIANCE_BACKUP_KIND_REGULAR, FALSE, "alliance-2026-11-27T101500Z.db" },
    { ALLIANCE_BACKUP_KIND_REGULAR, TRUE, "alliance-2026-11-27T101500Z.db.enc" },
    { ALLIANCE_BACKUP_KIND_BEFORE_RESTORE, FALSE, "alliance-2026-11-27T101500Z-before-restore.db" },
    { ALLIANCE_BACKUP_KIND_BEFORE_RESTORE, TRUE, "alliance-2026-11-27T101500Z-before-restore.db.enc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = alliance_backup_file_name (when, cases[i].kind, cases[i].encrypted);
      g_autofree char *from_local = alliance_backup_file_name (local, cases[i].kind, cases[i].encrypted);
      g_autoptr(GDateTime) parsed = NULL;
      AllianceBackupKind kind;
      gboolean encrypted;

      g_assert_cmpstr (name, ==, cases[i].name);
      /* Named in UTC whatever the zone, so names sort by time. */
      g_assert_cmpstr (from_local, ==, cases[i].name);
      g_assert_true (alliance_backup_parse_file_name (name, &parsed, &kind, &encrypted));
      g_assert_true (g_date_time_equal (parsed, when));
      g_assert_cmpint (kind, ==, cases[i].kind);
      g_assert_cmpint (encrypted, ==, cases[i].encrypted);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      GDateTime *parsed = NULL;
      AllianceBackupKind kind;
      gboolean encrypted;

      g_assert_false (alliance_backup_parse_file_name (refused[i], &parsed, &kind, &encrypted));
      g_assert_null (parsed);
    }
}

/* --- Making a backup ----------------------------------------------------- */

static void
test_create (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *written = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  AllianceBackupFile *file;
  guint8 header[20];
  sqlite3 *handle;
  FILE *stream;

  make_records (fixture->path);
  written = make_backup (fixture, NULL, NULL);

  g_assert_true (g_str_has_prefix (written, fixture->folder));
  g_assert_cmpuint (test_file_mode (fixture->folder), ==, 0700);
  g_assert_cmpuint (test_file_mode (written), ==, 0600);
  assert_no_temporaries (fixture->folder);
  assert_no_temporaries (fixture->dir);

  /* The rows are all there, and SQLite finds nothing wrong with the copy. */
  g_assert_cmpint (count_in (written, "clients"), >, 0);
  g_assert_cmpint (count_in (written, "clients"), ==, count_in (fixture->path, "clients"));
  g_assert_cmpint (count_in (written, "sessions"), ==, count_in (fixture->path, "sessions"));
  g_assert_cmpint (count_in (written, "notes"), ==, count_in (fixture->path, "notes"));
  g_assert_cmpint (count_in (written, "note_sections"), ==, count_in (fixture->path, "note_sections"));
  handle = test_raw_open (written);
  check = test_query_text (handle, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (test_query_int (handle, "PRAGMA user_version"), ==, alliance_database_get_latest_version ());
  g_assert_cmpint (test_query_int (handle, "PRAGMA application_id"), ==, ALLIANCE_APPLICATION_ID);
  sqlite3_close (handle);

  /* A file that stands alone: not in WAL mode (header bytes 18 and 19). */
  stream = fopen (written, "rb");
  g_assert_nonnull (stream);
  g_assert_cmpuint (fread (header, 1, sizeof header, stream), ==, sizeof header);
  fclose (stream);
  g_assert_cmpuint (header[18], ==, 1);
  g_assert_cmpuint (header[19], ==, 1);

  files = alliance_backup_list (fixture->folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 1);
  file = g_ptr_array_index (files, 0);
  g_assert_cmpstr (file->path, ==, written);
  g_assert_cmpint (file->kind, ==, ALLIANCE_BACKUP_KIND_REGULAR);
  g_assert_false (file->encrypted);
}

static void
test_create_needs_records (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, TRUE };

  /* A mistyped path makes no empty database and no backup of one. */
  g_assert_null (alliance_backup_create (fixture->path, &options, &error));
  g_assert_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_NO_DATABASE);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

typedef struct
{
  const char *path;
  gint        stop;
  guint       n_written;
  gint64      longest_us;
} Writer;

static gpointer
write_clients (gpointer user_data)
{
  Writer *writer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open (writer->path, &error);
  g_autoptr(AllianceClientStore) store = NULL;

  g_assert_no_error (error);
  store = alliance_client_store_new (database);
  while (!g_atomic_int_get (&writer->stop))
    {
      g_autofree char *name = g_strdup_printf ("Writer%u", writer->n_written);
      g_autoptr(AllianceClient) client = test_client_new ("Busy", name);
      gint64 start = g_get_monotonic_time ();

      g_assert_true (alliance_client_store_save (store, client, NULL, &error));
      g_assert_no_error (error);
      writer->longest_us = MAX (writer->longest_us, g_get_monotonic_time () - start);
      writer->n_written++;
      /* A therapist saves every second or so, not in a tight loop: a writer
       * that never lets go would starve the backup's own audit entry of
       * the write lock (SQLite's busy handler waits by sleeping). */
      g_usleep (2000);
    }
  return NULL;
}

static void
test_create_while_writing (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  Writer writer = { fixture->path, 0, 0, 0 };
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 1, TRUE };
  g_autofree char *written = NULL;
  gint64 before, after, copied;
  GThread *thread;

  make_records (fixture->path);
  before = count_in (fixture->path, "clients");

  /* One page per step: the copy takes many steps while clients are added. */
  thread = g_thread_new ("writer", write_clients, &writer);
  while (g_atomic_int_get (&writer.n_written) < 5)
    g_usleep (1000);
  written = alliance_backup_create (fixture->path, &options, &error);
  g_assert_no_error (error);
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);

  after = count_in (fixture->path, "clients");
  copied = count_in (written, "clients");
  g_test_message ("%u clients written meanwhile, longest save %" G_GINT64_FORMAT " µs; the copy has %" G_GINT64_FORMAT
                  " of %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                  writer.n_written, writer.longest_us, copied, before, after);
  /* A consistent moment between the first and the last write. */
  g_assert_cmpint (copied, >=, before + 5);
  g_assert_cmpint (copied, <=, after);
  /* The writer was never held up for long (the busy timeout is 5 s). */
  g_assert_cmpint (writer.longest_us, <, G_USEC_PER_SEC);
  {
    sqlite3 *handle = test_raw_open (written);
    g_autofree char *check = test_query_text (handle, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
    sqlite3_close (handle);
  }
}

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_create_async (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, TRUE };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *folder = g_strdup (fixture->folder);

  make_records (fixture->path);
  alliance_backup_create_async (fixture->path, &options, NULL, keep_result_cb, &result);
  /* The options were copied: the caller's may go at once. */
  options.folder = NULL;
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  written = alliance_backup_create_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (written, folder));
  g_assert_cmpint (count_in (written, "clients"), ==, count_in (fixture->path, "clients"));
}

/* --- Rotation ------------------------------------------------------------ */

static GPtrArray *
daily_dates (GDateTime *last,
             guint      n_days,
             guint      per_day)
{
  GPtrArray *dates = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);

  for (guint day = 0; day < n_days; day++)
    for (guint k = 0; k < per_day; k++)
      g_ptr_array_add (dates, g_date_time_add_full (last, 0, 0, -(int)day, -3 * (int)k, 0, 0));
  return dates;
}

static int
period_key (GDateTime *date,
            char       period)
{
  switch (period)
    {
    case 'd':
      return g_date_time_get_year (date) * 1000 + g_date_time_get_day_of_year (date);
    case 'w':
      return g_date_time_get_week_numbering_year (date) * 100 + g_date_time_get_week_of_year (date);
    default:
      return g_date_time_get_year (date) * 100 + g_date_time_get_month (date);
    }
}

static int
compare_dates_newest_first (gconstpointer a,
                            gconstpointer b)
{
  return g_date_time_compare (*(GDateTime * const *)b, *(GDateTime * const *)a);
}

/* Checks, another way than the plan does it (the newest date of every
 * period, then the periods ordered by it), that the dates flagged @flag
 * are exactly the newest of each of the @n newest periods. */
static void
assert_plan_keeps (GPtrArray   *dates,
                   const guint *keep,
                   guint        flag,
                   char         period,
                   guint        n)
{
  g_autoptr(GHashTable) newest = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GHashTable) expected_set = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer value;
  guint n_flagged = 0;

  for (guint i = 0; i < dates->len; i++)
    {
      GDateTime *date = g_ptr_array_index (dates, i);
      gpointer key = GINT_TO_POINTER (period_key (date, period));
      GDateTime *current = g_hash_table_lookup (newest, key);

      if (current == NULL || g_date_time_compare (date, current) > 0)
        g_hash_table_insert (newest, key, date);
    }
  g_hash_table_iter_init (&iter, newest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (expected, value);
  g_ptr_array_sort (expected, compare_dates_newest_first);
  for (guint i = 0; i < MIN (n, expected->len); i++)
    g_hash_table_add (expected_set, g_ptr_array_index (expected, i));

  for (guint i = 0; i < dates->len; i++)
    {
      gboolean flagged = (keep[i] & flag) != 0;

      g_assert_cmpint (flagged, ==, g_hash_table_contains (expected_set, g_ptr_array_index (dates, i)));
      n_flagged += flagged;
    }
  g_assert_cmpuint (n_flagged, ==, n);
}

static void
test_rotation_two_years (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) last = g_date_time_new (zone, 2026, 11, 27, 21, 30, 0);
  /* Two years of backups, three a day, in a shuffled order. */
  g_autoptr(GPtrArray) dates = daily_dates (last, 730, 3);
  g_autofree guint *keep = g_new0 (guint, dates->len);
  guint n_kept = 0;

  for (guint i = dates->len - 1; i > 0; i--)
    {
      guint j = (guint)g_test_rand_int_range (0, (gint)i + 1);
      gpointer swap = dates->pdata[i];

      dates->pdata[i] = dates->pdata[j];
      dates->pdata[j] = swap;
    }

  alliance_backup_plan_rotation ((GDateTime * const *)dates->pdata, dates->len, 7, 4, 12, keep);
  assert_plan_keeps (dates, keep, ALLIANCE_BACKUP_KEEP_DAILY, 'd', 7);
  assert_plan_keeps (dates, keep, ALLIANCE_BACKUP_KEEP_WEEKLY, 'w', 4);
  assert_plan_keeps (dates, keep, ALLIANCE_BACKUP_KEEP_MONTHLY, 'm', 12);
  for (guint i = 0; i < dates->len; i++)
    {
      if (keep[i] != 0)
        n_kept++;
      /* The newest backup of all is kept for every reason. */
      if (g_date_time_equal (g_ptr_array_index (dates, i), last))
        g_assert_cmpuint (keep[i], ==,
                          ALLIANCE_BACKUP_KEEP_DAILY | ALLIANCE_BACKUP_KEEP_WEEKLY | ALLIANCE_BACKUP_KEEP_MONTHLY);
    }
  /* 7 days, of which the last 3 weeks' ends add 3 more Sundays (the 4th
   * week is the current one), 12 month ends of which November's is today:
   * no more than 7 + 4 + 12 and no fewer than 12. */
  g_test_message ("kept %u of %u", n_kept, dates->len);
  g_assert_cmpuint (n_kept, <=, 7 + 4 + 12);
  g_assert_cmpuint (n_kept, >=, 12);
}

static void
test_rotation_few_and_gaps (void)
{
  g_autoptr(GDateTime) last = g_date_time_new_utc (2026, 3, 31, 12, 0, 0);
  /* Backups only every 10 days: each day that has one counts, so the 7
   * "daily" reach back 60 days. */
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify)g_date_time_unref);
  g_autofree guint *keep = NULL;
  guint n_daily = 0;

  for (int i = 0; i < 5; i++)
    g_ptr_array_add (dates, g_date_time_add_days (last, -10 * i));
  keep = g_new0 (guint, dates->len);
  alliance_backup_plan_rotation ((GDateTime * const *)dates->pdata, dates->len, 7, 4, 12, keep);
  for (guint i = 0; i < dates->len; i++)
    {
      g_assert_cmpuint (keep[i] & ALLIANCE_BACKUP_KEEP_DAILY, !=, 0);
      n_daily++;
    }
  g_assert_cmpuint (n_daily, ==, 5);

  /* Nothing to plan: nothing to do. */
  alliance_backup_plan_rotation (NULL, 0, 7, 4, 12, NULL);
}

/* Fills the folder with a copy of a real backup under older names. */
static void
plant_old_backups (Fixture   *fixture,
                   const char *model,
                   GDateTime  *newest,
                   guint       n_days)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize size;

  g_file_get_contents (model, &contents, &size, &error);
  g_assert_no_error (error);
  for (guint day = 1; day <= n_days; day++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (newest, -(int)day);
      g_autofree char *name = alliance_backup_file_name (when, ALLIANCE_BACKUP_KIND_REGULAR, FALSE);
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

      test_write_file (path, contents, size, 0600);
    }
}

static void
test_rotation_applied (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) long_ago = g_date_time_add_days (now, -400);
  g_autofree char *first = NULL;
  g_autofree char *kept_aside = NULL;
  g_autofree char *kept_aside_path = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  guint n_regular = 0;

  make_records (fixture->path);
  first = make_backup (fixture, NULL, long_ago);
  plant_old_backups (fixture, first, now, 500);
  kept_aside = alliance_backup_file_name (long_ago, ALLIANCE_BACKUP_KIND_BEFORE_RESTORE, FALSE);
  kept_aside_path = g_build_filename (fixture->folder, kept_aside, NULL);
  test_write_file (kept_aside_path, "x", 1, 0600);

  written = make_backup (fixture, NULL, now);

  files = alliance_backup_list (fixture->folder, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    {
      AllianceBackupFile *file = g_ptr_array_index (files, i);

      if (file->kind == ALLIANCE_BACKUP_KIND_REGULAR)
        n_regular++;
    }
  /* The newest is the new one; 7 + 4 + 12 at most; the copy made before a
   * restore is never rotated away. */
  g_assert_cmpstr (((AllianceBackupFile *)g_ptr_array_index (files, 0))->path, ==, written);
  g_assert_cmpuint (n_regular, <=, 23);
  g_assert_cmpuint (n_regular, >=, 12 + 4);
  g_assert_true (g_file_test (kept_aside_path, G_FILE_TEST_EXISTS));
}

/* --- Faults while backing up --------------------------------------------- */

/* The child has a fixture of its own: the parent's paths come by the environment. */
static void
disk_full_child (void)
{
  g_autoptr(GError) error = NULL;
  AllianceBackupOptions options = { g_getenv ("ALLIANCE_TEST_BACKUP_FOLDER"), ALLIANCE_BACKUP_KIND_REGULAR, NULL,
                                    NULL, 0, TRUE };
  const char *records = g_getenv ("ALLIANCE_TEST_RECORDS");
  struct rlimit limit = { 48 * 1024, 48 * 1024 };

  /* Files may grow to 48 KB: the copy of the records cannot be written.
   * (EFBIG, where a full disk gives ENOSPC: the same path in SQLite and
   * the same cleaning up; a real full tmpfs was tried by hand.) */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_nonnull (records);
  g_assert_nonnull (options.folder);
  g_assert_null (alliance_backup_create (records, &options, &error));
  g_assert_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FULL);
  g_printerr ("%s\n", error->message);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GDateTime) yesterday = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *older = NULL;
  g_autoptr(TestFileSnapshot) older_before = NULL;
  g_autoptr(TestFileSnapshot) records_before = NULL;
  g_autoptr(GPtrArray) names_before = NULL;
  g_autoptr(GPtrArray) names_after = NULL;

  if (g_test_subprocess ())
    {
      disk_full_child ();
      return;
    }

  make_records (fixture->path);
  g_assert_cmpint (count_in (fixture->path, "notes"), >, 0);
  yesterday = g_date_time_add_days (now, -1);
  older = make_backup (fixture, NULL, yesterday);
  older_before = test_file_snapshot_new (older);
  records_before = test_file_snapshot_new (fixture->path);
  names_before = list_names (fixture->folder);

  g_setenv ("ALLIANCE_TEST_RECORDS", fixture->path, TRUE);
  g_setenv ("ALLIANCE_TEST_BACKUP_FOLDER", fixture->folder, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*was not made. Nothing was changed*");

  names_after = list_names (fixture->folder);
  g_assert_cmpuint (names_after->len, ==, names_before->len);
  for (guint i = 0; i < names_after->len; i++)
    g_assert_cmpstr (g_ptr_array_index (names_after, i), ==, g_ptr_array_index (names_before, i));
  test_assert_file_unchanged (older_before);
  assert_no_temporaries (fixture->folder);
  assert_no_temporaries (fixture->dir);
  g_assert_cmpint (count_in (fixture->path, "clients"), >, 0);
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, TRUE };

  make_records (fixture->path);
  g_assert_cmpint (g_mkdir (fixture->folder, 0500), ==, 0);
  g_assert_null (alliance_backup_create (fixture->path, &options, &error));
  g_assert_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, fixture->folder));
  g_assert_nonnull (strstr (error->message, "read-only"));
  names = list_names (fixture->folder);
  g_assert_cmpuint (names->len, ==, 0);
}

/* --- Reading a backup ---------------------------------------------------- */

static void
test_facts (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 10, 1, 8, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceBackupFacts) facts = NULL;
  g_autoptr(AllianceBackupFacts) copy = NULL;
  g_autofree char *written = NULL;
  g_autoptr(TestFileSnapshot) before = NULL;

  make_records (fixture->path);
  written = make_backup (fixture, NULL, when);
  before = test_file_snapshot_new (written);

  facts = alliance_backup_read_facts (written, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (facts->created, when));
  g_assert_cmpint (facts->schema_version, ==, alliance_database_get_latest_version ());
  g_assert_cmpint (facts->n_clients, ==, count_in (fixture->path, "clients"));
  g_assert_cmpint (facts->n_sessions, ==, count_in (fixture->path, "sessions"));
  g_assert_cmpint (facts->n_notes, ==, count_in (fixture->path, "notes"));
  g_assert_cmpint (facts->n_notes, >, 0);
  copy = alliance_backup_facts_copy (facts);
  g_assert_cmpint (copy->n_sessions, ==, facts->n_sessions);

  /* Read as it is: not a byte changed, no sidecar left. */
  test_assert_file_unchanged (before);
  test_assert_no_sidecars (written);
}

/* --- Restore ------------------------------------------------------------- */

static void
test_restore (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) last_week = g_date_time_add_days (now, -7);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(AllianceBackupFacts) saved_facts = NULL;
  g_autoptr(AllianceDatabase) reopened = NULL;
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, FALSE };
  gint64 old_clients, new_clients;

  make_records (fixture->path);
  old_clients = count_in (fixture->path, "clients");
  backup = make_backup (fixture, NULL, last_week);
  add_client (fixture->path, "Later");
  add_client (fixture->path, "Latest");
  new_clients = count_in (fixture->path, "clients");
  g_assert_cmpint (new_clients, ==, old_clients + 2);

  g_assert_true (alliance_backup_restore (fixture->path, backup, &options, &saved, &error));
  g_assert_no_error (error);

  /* The old records are back, the file private, no stale log beside it. */
  g_assert_cmpint (count_in (fixture->path, "clients"), ==, old_clients);
  g_assert_cmpuint (test_file_mode (fixture->path), ==, 0600);
  test_assert_no_sidecars (fixture->path);
  assert_no_temporaries (fixture->dir);

  /* What was there before is kept, named as such. */
  g_assert_nonnull (saved);
  g_assert_true (g_str_has_suffix (saved, "-before-restore.db"));
  saved_facts = alliance_backup_read_facts (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved_facts->n_clients, ==, new_clients);

  /* And the app opens the restored file as usual. */
  reopened = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);

  /* The restore is the last entry of the restored records' audit log, and
   * the chain still holds; the records it replaced logged their backup. */
  {
    g_autofree char *action = test_query_text (alliance_database_get_handle (reopened),
                                               "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1");
    g_autofree char *saved_plain = g_strdup (saved);
    gint64 first_broken = 0;
    guint64 n_rows = 0;
    sqlite3 *handle;

    g_assert_cmpstr (action, ==, "restore");
    g_assert_true (alliance_audit_verify (reopened, &first_broken, &n_rows, &error));
    g_assert_no_error (error);
    handle = test_raw_open (saved_plain);
    g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM audit_log WHERE action = 'backup'"), >=, 1);
    sqlite3_close (handle);
  }
}

static void
test_restore_older_version (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture_sql = NULL;
  g_autofree char *old = g_build_filename (fixture->dir, "version-3.db", NULL);
  g_autoptr(AllianceBackupFacts) facts = NULL;
  g_autoptr(AllianceDatabase) reopened = NULL;
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, FALSE };
  g_autofree char *fixture_path = g_build_filename (ALLIANCE_TEST_FIXTURES_DIR, "schema-v3.sql", NULL);
  sqlite3 *handle;

  /* A backup from an older Alliance is restored, then upgraded on open. */
  g_file_get_contents (fixture_path, &fixture_sql, NULL, &error);
  g_assert_no_error (error);
  handle = test_raw_open (old);
  g_assert_cmpint (sqlite3_exec (handle, fixture_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  facts = alliance_backup_read_facts (old, &error);
  g_assert_no_error (error);
  g_assert_cmpint (facts->schema_version, ==, 3);

  make_records (fixture->path);
  g_assert_true (alliance_backup_restore (fixture->path, old, &options, NULL, &error));
  g_assert_no_error (error);
  reopened = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (alliance_database_get_schema_version (reopened), ==, alliance_database_get_latest_version ());
}

typedef enum
{
  BAD_TRUNCATED,
  BAD_GARBAGE,
  BAD_OTHER_SQLITE,
  BAD_NEWER,
  BAD_EMPTY,
  BAD_ENCRYPTED,
} BadBackup;

static void
test_restore_refuses (Fixture       *fixture,
                      gconstpointer  user_data)
{
  BadBackup bad = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "bad-backup.db", NULL);
  g_autoptr(TestFileSnapshot) before = NULL;
  g_autoptr(GPtrArray) backups_before = NULL;
  g_autoptr(GPtrArray) backups_after = NULL;
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, FALSE };
  int expected = ALLIANCE_BACKUP_ERROR_NOT_A_BACKUP;

  make_records (fixture->path);
  good = make_backup (fixture, NULL, NULL);

  switch (bad)
    {
    case BAD_TRUNCATED:
      {
        g_autofree char *contents = NULL;
        gsize size;

        g_file_get_contents (good, &contents, &size, &error);
        g_assert_no_error (error);
        test_write_file (path, contents, size / 2, 0600);
        expected = ALLIANCE_BACKUP_ERROR_DAMAGED;
      }
      break;
    case BAD_GARBAGE:
      test_write_file (path, "This is a shopping list, not a backup.\n", 39, 0600);
      break;
    case BAD_OTHER_SQLITE:
      {
        sqlite3 *handle = test_raw_open (path);

        g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')",
                                       NULL, NULL, NULL),
                         ==, SQLITE_OK);
        sqlite3_close (handle);
      }
      break;
    case BAD_NEWER:
      {
        g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", alliance_database_get_latest_version () + 1);
        sqlite3 *handle;

        g_assert_cmpint (g_rename (good, path), ==, 0);
        handle = test_raw_open (path);
        g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
        sqlite3_close (handle);
        expected = ALLIANCE_BACKUP_ERROR_NEWER_VERSION;
      }
      break;
    case BAD_EMPTY:
      test_write_file (path, "", 0, 0600);
      break;
    case BAD_ENCRYPTED:
      {
        g_autoptr(AllianceEncryptionRecipient) recipient =
            alliance_encryption_recipient_new (PASSPHRASE, ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error);

        g_assert_no_error (error);
        g_assert_true (alliance_encryption_encrypt_file (good, path, recipient, &error));
        g_assert_no_error (error);
        expected = ALLIANCE_BACKUP_ERROR_FAILED;
      }
      break;
    default:
      g_assert_not_reached ();
    }

  before = test_file_snapshot_new (fixture->path);
  backups_before = list_names (fixture->folder);
  g_assert_false (alliance_backup_restore (fixture->path, path, &options, NULL, &error));
  g_assert_error (error, ALLIANCE_BACKUP_ERROR, expected);
  g_test_message ("%s", error->message);

  /* The records byte for byte, no copy of the current records made, no
   * temporary file beside them. */
  test_assert_file_unchanged (before);
  test_assert_no_sidecars (fixture->path);
  assert_no_temporaries (fixture->dir);
  backups_after = list_names (fixture->folder);
  g_assert_cmpuint (backups_after->len, ==, backups_before->len);
}

static void
test_restore_refuses_while_open (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) open_elsewhere = NULL;
  g_autofree char *backup = NULL;
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, FALSE };
  gint64 clients;

  make_records (fixture->path);
  backup = make_backup (fixture, NULL, NULL);
  add_client (fixture->path, "Current");
  clients = count_in (fixture->path, "clients");

  open_elsewhere = alliance_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (alliance_backup_restore (fixture->path, backup, &options, NULL, &error));
  g_assert_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_IN_USE);
  g_assert_cmpint (count_in (fixture->path, "clients"), ==, clients);
  assert_no_temporaries (fixture->dir);
}

static void
test_encrypted_backup (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceEncryptionRecipient) recipient = NULL;
  g_autoptr(AllianceBackupFacts) facts = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GDateTime) made = NULL;
  g_autoptr(AllianceBackupFacts) dated = NULL;
  g_autofree char *written = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(TestFileSnapshot) before = NULL;
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, FALSE };
  gint64 clients;

  make_records (fixture->path);
  clients = count_in (fixture->path, "clients");
  recipient = alliance_encryption_recipient_new (PASSPHRASE, ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error);
  g_assert_no_error (error);
  made = g_date_time_new_utc (2026, 3, 1, 10, 0, 0);
  written = make_backup (fixture, recipient, made);

  g_assert_true (g_str_has_suffix (written, ".db.enc"));
  g_assert_cmpuint (test_file_mode (written), ==, 0600);
  g_assert_true (alliance_encryption_is_encrypted_file (written));
  assert_no_temporaries (fixture->folder);
  assert_no_temporaries (fixture->dir);
  files = alliance_backup_list (fixture->folder, &error);
  g_assert_true (((AllianceBackupFile *)g_ptr_array_index (files, 0))->encrypted);

  /* Read without the passphrase: refused, with the reason. */
  g_assert_null (alliance_backup_read_facts (written, &error));
  g_assert_error (error, ALLIANCE_BACKUP_ERROR, ALLIANCE_BACKUP_ERROR_FAILED);
  g_clear_error (&error);

  /* A wrong passphrase writes nothing. */
  g_assert_null (alliance_backup_decrypt (written, "not it", fixture->dir, &error));
  g_assert_error (error, ALLIANCE_ENCRYPTION_ERROR, ALLIANCE_ENCRYPTION_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  assert_no_temporaries (fixture->dir);

  plain = alliance_backup_decrypt (written, PASSPHRASE, fixture->dir, &error);
  g_assert_no_error (error);
  facts = alliance_backup_read_facts (plain, &error);
  g_assert_no_error (error);
  g_assert_cmpint (facts->n_clients, ==, clients);
  /* The decrypted copy was made just now; the backup's date is its name's. */
  g_assert_false (g_date_time_equal (facts->created, made));
  dated = alliance_backup_read_facts_dated (plain, written, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (dated->created, made));
  g_assert_cmpint (dated->n_clients, ==, clients);

  /* Restored with the safety copy encrypted too. */
  add_client (fixture->path, "After");
  before = test_file_snapshot_new (fixture->path);
  options.recipient = recipient;
  g_assert_true (alliance_backup_restore (fixture->path, plain, &options, &saved, &error));
  g_assert_no_error (error);
  g_unlink (plain);
  g_assert_cmpint (count_in (fixture->path, "clients"), ==, clients);
  g_assert_true (g_str_has_suffix (saved, "-before-restore.db.enc"));
  assert_no_temporaries (fixture->dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name, data, func) g_test_add (name, Fixture, data, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/backup/file-names", test_file_names);
  ADD ("/backup/create", NULL, test_create);
  ADD ("/backup/create/needs-records", NULL, test_create_needs_records);
  ADD ("/backup/create/while-writing", NULL, test_create_while_writing);
  ADD ("/backup/create/async", NULL, test_create_async);
  g_test_add_func ("/backup/rotation/two-years", test_rotation_two_years);
  g_test_add_func ("/backup/rotation/few-and-gaps", test_rotation_few_and_gaps);
  ADD ("/backup/rotation/applied", NULL, test_rotation_applied);
  ADD ("/backup/fault/disk-full", NULL, test_disk_full);
  ADD ("/backup/fault/read-only-folder", NULL, test_read_only_folder);
  ADD ("/backup/facts", NULL, test_facts);
  ADD ("/backup/restore", NULL, test_restore);
  ADD ("/backup/restore/older-version", NULL, test_restore_older_version);
  ADD ("/backup/restore/refuses/truncated", GINT_TO_POINTER (BAD_TRUNCATED), test_restore_refuses);
  ADD ("/backup/restore/refuses/garbage", GINT_TO_POINTER (BAD_GARBAGE), test_restore_refuses);
  ADD ("/backup/restore/refuses/other-sqlite", GINT_TO_POINTER (BAD_OTHER_SQLITE), test_restore_refuses);
  ADD ("/backup/restore/refuses/newer-version", GINT_TO_POINTER (BAD_NEWER), test_restore_refuses);
  ADD ("/backup/restore/refuses/empty", GINT_TO_POINTER (BAD_EMPTY), test_restore_refuses);
  ADD ("/backup/restore/refuses/encrypted", GINT_TO_POINTER (BAD_ENCRYPTED), test_restore_refuses);
  ADD ("/backup/restore/refuses/while-open", NULL, test_restore_refuses_while_open);
  ADD ("/backup/encrypted", NULL, test_encrypted_backup);
#undef ADD

  status = g_test_run ();
  test_remove_tree (template_dir);
  g_free (template_dir);
  return status;
}
