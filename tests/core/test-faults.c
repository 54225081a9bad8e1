/* test-faults.c
 *
 * Faults from outside the app, made real rather than simulated: a disk
 * that really fills up (a small tmpfs mounted for the test) and a database
 * locked by another process. Each must give the therapist a clear message
 * and leave every record saved before it exactly as it was.
 *
 * Mounting needs privilege: as root the test mounts directly; otherwise it
 * runs itself again inside a private user and mount namespace
 * (`unshare --user --map-root-user --mount`), where mounting a tmpfs is
 * allowed and nothing is visible to the rest of the system.
 */
#define G_LOG_DOMAIN "alliance-test-faults"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "alliance-client-store.h"
#include "alliance-session-store.h"
#include "test-child.h"
#include "test-common.h"

#define IN_NAMESPACE_ARGUMENT "--in-namespace"
#define HOLD_LOCK_ARGUMENT "--hold-lock"
/* Small enough to fill in a moment, big enough for the schema and a few records. */
#define TMPFS_SIZE "3m"
#define NOTE_BYTES (48 * 1024)
#define BALLAST_BYTES (512 * 1024)

static char *
make_note_text (guint n)
{
  GString *text = g_string_new (NULL);

  g_string_printf (text, "note %u: ", n);
  while (text->len < NOTE_BYTES)
    g_string_append_printf (text, "[%u] ", n);
  return g_string_free (text, FALSE);
}

static gint64
save_session_with_note (AllianceSessionStore *sessions,
                        gint64                client_id,
                        guint                 n,
                        GError              **error)
{
  g_autoptr(AllianceSession) session = alliance_session_new (client_id);
  g_autoptr(AllianceNote) note = NULL;

  session->starts_at = g_strdup_printf ("2026-01-%02u 10:00", 1 + n % 28);
  if (!alliance_session_store_save_session (sessions, session, NULL, error))
    return 0;
  note = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_FREE);
  g_free (note->sections[0]);
  note->sections[0] = make_note_text (n);
  if (!alliance_session_store_save_draft (sessions, note, error))
    return 0;
  return session->id;
}

static void
assert_notes_intact (const char *db_path,
                     GArray     *session_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open (db_path, &error);
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autofree char *integrity = NULL;

  g_assert_no_error (error);
  integrity = test_query_text (alliance_database_get_handle (database), "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  sessions = alliance_session_store_new (database);
  for (guint i = 0; i < session_ids->len; i++)
    {
      g_autoptr(AllianceNote) note = alliance_session_store_load_note (sessions, g_array_index (session_ids, gint64, i),
                                                                       &error);
      g_autofree char *expected = make_note_text (i);

      g_assert_no_error (error);
      g_assert_cmpstr (note->sections[0], ==, expected);
    }
  /* A session whose note the full disk refused may be there, without one. */
  g_assert_cmpint (test_query_int (alliance_database_get_handle (database),
                                   "SELECT count(*) FROM sessions s JOIN notes n ON n.session_id = s.id"), ==,
                   session_ids->len);
  g_assert_cmpint (test_query_int (alliance_database_get_handle (database), "SELECT count(*) FROM sessions"), <=,
                   session_ids->len + 1);
}

/* Runs inside a folder on a fresh small tmpfs. */
static void
fill_the_disk (const char *dir)
{
  g_autofree char *db_path = g_build_filename (dir, "alliance.db", NULL);
  g_autofree char *ballast = g_build_filename (dir, "ballast", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(AllianceClient) client = test_client_new ("Fran", "Fullerton");
  g_autofree char *ballast_bytes = g_malloc0 (BALLAST_BYTES);
  guint n;

  /* Room to give back once the disk is full. */
  test_write_file (ballast, ballast_bytes, BALLAST_BYTES, 0600);

  {
    g_autoptr(AllianceDatabase) database = alliance_database_open (db_path, &error);
    g_autoptr(AllianceClientStore) clients = NULL;
    g_autoptr(AllianceSessionStore) sessions = NULL;
    gint64 session_id;

    g_assert_no_error (error);
    clients = alliance_client_store_new (database);
    sessions = alliance_session_store_new (database);
    g_assert_true (alliance_client_store_save (clients, client, NULL, &error));

    /* Notes until the disk refuses one. */
    for (n = 0; (session_id = save_session_with_note (sessions, client->id, n, &error)) != 0; n++)
      g_array_append_val (saved, session_id);
    g_test_message ("the disk filled after %u notes", n);
    g_assert_cmpuint (saved->len, >, 0);
    g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FULL);
    g_assert_nonnull (strstr (error->message, "disk is full"));
    g_clear_error (&error);
  }

  /* Reopened as after a restart: everything saved before is whole. */
  assert_notes_intact (db_path, saved);

  /* Space freed: saving works again, and nothing earlier was lost. */
  g_assert_cmpint (g_unlink (ballast), ==, 0);
  {
    g_autoptr(AllianceDatabase) database = alliance_database_open (db_path, &error);
    g_autoptr(AllianceSessionStore) sessions = NULL;
    gint64 session_id;

    g_assert_no_error (error);
    sessions = alliance_session_store_new (database);
    session_id = save_session_with_note (sessions, client->id, saved->len, &error);
    g_assert_no_error (error);
    g_array_append_val (saved, session_id);
  }
  assert_notes_intact (db_path, saved);
}

static int
run_in_namespace (void)
{
  g_autofree char *dir = test_make_tmp_dir ();

  if (mount ("alliance-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=" TMPFS_SIZE ",mode=0700") != 0)
    {
      g_printerr ("mount tmpfs: %s\n", g_strerror (errno));
      return 3;
    }
  fill_the_disk (dir);
  umount (dir);
  test_remove_tree (dir);
  return 0;
}

static void
test_disk_full_for_real (void)
{
  g_autofree char *self = test_child_own_executable ();
  g_autofree char *standard_error = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (geteuid () == 0)
    {
      g_assert_cmpint (run_in_namespace (), ==, 0);
      return;
    }
  {
    const char *argv[] = { "unshare", "--user", "--map-root-user", "--mount", self, IN_NAMESPACE_ARGUMENT, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &standard_error, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("the disk-full run in a private mount namespace failed: %s", standard_error);
  }
}

/* The other process: takes the write lock, starts a change, and holds it
 * until killed. (A plain SQLite connection, like another program's: it
 * cannot write clinical tables, whose audit triggers need Alliance's own
 * functions, so its change is to the schema.) */
static int
run_lock_holder (const char *db_path)
{
  sqlite3 *handle = NULL;

  if (sqlite3_open (db_path, &handle) != SQLITE_OK
      || sqlite3_exec (handle, "BEGIN IMMEDIATE; CREATE TABLE half_done (x)", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_printerr ("lock holder: %s\n", sqlite3_errmsg (handle));
      return 1;
    }
  test_child_acknowledge ("locked");
  for (;;)
    g_usleep (G_USEC_PER_SEC);
}

static void
test_locked_by_another_process (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "alliance.db", NULL);
  g_autofree char *self = test_child_own_executable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open (db_path, &error);
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(AllianceClient) first = test_client_new ("Lou", "Before");
  g_autoptr(AllianceClient) second = test_client_new ("Max", "During");
  g_autoptr(AllianceClient) reloaded = NULL;
  const char *argv[] = { self, HOLD_LOCK_ARGUMENT, db_path, NULL };
  TestChild *holder;
  char *line;
  gint64 started;

  g_assert_no_error (error);
  clients = alliance_client_store_new (database);
  g_assert_true (alliance_client_store_save (clients, first, NULL, &error));

  holder = test_child_spawn (argv);
  line = test_child_read_line (holder);
  g_assert_cmpstr (line, ==, "locked");
  g_free (line);

  /* The app waits its busy timeout, then says so; nothing is saved. */
  started = g_get_monotonic_time ();
  g_assert_false (alliance_client_store_save (clients, second, NULL, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_assert_cmpint (g_get_monotonic_time () - started, >=, G_USEC_PER_SEC);
  g_assert_cmpint (second->id, ==, 0);
  g_clear_error (&error);

  /* The other process dies mid-transaction: its change never lands, ours
   * goes through, and the record from before is as it was. */
  test_child_kill (holder);
  test_child_reap_killed (holder);
  g_assert_true (alliance_client_store_save (clients, second, NULL, &error));
  g_assert_no_error (error);
  reloaded = alliance_client_store_load (clients, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reloaded->family_name, ==, "Before");
  g_assert_cmpint (test_query_int (alliance_database_get_handle (database),
                                   "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"), ==, 0);
  g_assert_cmpint (test_query_int (alliance_database_get_handle (database), "SELECT count(*) FROM clients"), ==, 2);

  g_clear_object (&database);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 2 && strcmp (argv[1], IN_NAMESPACE_ARGUMENT) == 0)
    {
      g_test_init (&argc, &argv, NULL);
      return run_in_namespace ();
    }
  if (argc == 3 && strcmp (argv[1], HOLD_LOCK_ARGUMENT) == 0)
    return run_lock_holder (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/faults/disk-full-for-real", test_disk_full_for_real);
  g_test_add_func ("/faults/locked-by-another-process", test_locked_by_another_process);
  return g_test_run ();
}
