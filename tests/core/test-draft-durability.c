/* test-draft-durability.c
 *
 * A draft survives the app being killed. A child process (this same binary,
 * started with --child) saves a note's draft over and over, as autosave
 * does, and writes "N\n" on its standard output each time
 * alliance_session_store_save_draft() has returned for draft N: that is the
 * acknowledgement the note editor turns into "Saved". The parent kills it
 * with SIGKILL at a random moment, then opens the database as the app
 * would and checks that it opens, that SQLite and the full-text index find
 * nothing wrong, and that the draft stored is the last acknowledged one or
 * the one after it (killed between the commit and the acknowledgement):
 * never an older one, and never a mix of two.
 *
 * SIGKILL tests what a crash, the OOM killer or a forced logout can do; the
 * kernel still writes out what the process had written. Pulling the power
 * is another matter (it depends on synchronous=FULL and on the disk
 * honouring fsync) and is not simulated here.
 */
#define G_LOG_DOMAIN "alliance-test-draft-durability"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-client-store.h"
#include "alliance-session-store.h"
#include "test-child.h"
#include "test-common.h"

#define CHILD_ARGUMENT "--child"

/* How many kills, and how far into its saves the child may get first. */
#define N_KILLS 20
#define MAX_ACKS_BEFORE_KILL 25
/* After the chosen acknowledgement, the kill waits up to this long, so that
 * it lands anywhere in the next save: in the transaction, in the fsync of
 * the commit, or between the commit and the acknowledgement. */
#define MAX_KILL_DELAY_US 4000

/* Each section (and the process note) is "draft N" padded to this size, so
 * a draft is a few KB and spans several database pages, as a real one does. */
#define SECTION_BYTES 1024

/* --- The child: saves drafts until it is killed ---------------------------- */

/* "draft N, section S: " then "(N) " repeated: every byte depends on N, so a
 * section from one draft and a section from another cannot be mistaken. */
static char *
make_text (guint64     n,
           const char *part)
{
  GString *text = g_string_new (NULL);
  g_autofree char *filler = g_strdup_printf ("(%" G_GUINT64_FORMAT ") ", n);

  g_string_printf (text, "draft %" G_GUINT64_FORMAT ", %s: ", n, part);
  while (text->len < SECTION_BYTES)
    g_string_append (text, filler);
  return g_string_free (text, FALSE);
}

static char *
make_section_text (guint64 n,
                   guint   position)
{
  g_autofree char *part = g_strdup_printf ("section %u", position);

  return make_text (n, part);
}

static void
fill_draft (AllianceNote *note,
            guint64       n)
{
  guint n_sections = alliance_note_template_get_n_sections (note->template_id);

  for (guint i = 0; i < n_sections; i++)
    {
      g_free (note->sections[i]);
      note->sections[i] = make_section_text (n, i);
    }
  g_free (note->process_note);
  note->process_note = make_text (n, "process note");
}

/* "N": draft N is saved. */
static gboolean
acknowledge (guint64 n)
{
  g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  return test_child_acknowledge (line);
}

static int
fail_child (const char   *what,
            const GError *error)
{
  g_printerr ("draft-durability child: %s: %s\n", what, error ? error->message : "failed");
  return 1;
}

/* Creates a client and a session, acknowledges "0" (ready), then saves
 * draft 1, 2, 3... of one SOAP note, acknowledging each. */
static int
run_child (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(AllianceSessionStore) store = NULL;
  g_autoptr(AllianceClient) client = NULL;
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(AllianceNote) note = NULL;

  database = alliance_database_open (db_path, &error);
  if (database == NULL)
    return fail_child ("open", error);
  clients = alliance_client_store_new (database);
  store = alliance_session_store_new (database);

  client = test_client_new ("Dana", "Durable");
  if (!alliance_client_store_save (clients, client, NULL, &error))
    return fail_child ("save client", error);
  session = alliance_session_new (client->id);
  session->starts_at = g_strdup ("2026-03-02 10:00");
  if (!alliance_session_store_save_session (store, session, NULL, &error))
    return fail_child ("save session", error);
  note = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_SOAP);

  if (!acknowledge (0))
    return fail_child ("acknowledge", NULL);
  /* Bounded, so that a parent that never kills cannot leave it running. */
  for (guint64 n = 1; n <= 100000; n++)
    {
      fill_draft (note, n);
      if (!alliance_session_store_save_draft (store, note, &error))
        return fail_child ("save draft", error);
      if (!acknowledge (n))
        return fail_child ("acknowledge", NULL);
    }
  return 2;
}

/* --- The parent: kills it and looks at what is left ----------------------- */

/* The next acknowledgement after @last_ack, or -1 at the end of the
 * child's output. Acknowledgements come in order, one by one. */
static gint64
read_ack (TestChild *child,
          gint64     last_ack)
{
  g_autofree char *line = test_child_read_line (child);
  g_autoptr(GError) error = NULL;
  guint64 ack = 0;

  if (line == NULL)
    return -1;
  g_ascii_string_to_unsigned (line, 10, 0, G_MAXINT64, &ack, &error);
  g_assert_no_error (error);
  g_assert_cmpint ((gint64)ack, ==, last_ack + 1);
  return (gint64)ack;
}

/* The draft number a stored note holds, checking that every part of it
 * belongs to that same draft; 0 when the session has no note. */
static guint64
stored_draft_number (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceSessionStore) store = NULL;
  g_autoptr(AllianceNote) note = NULL;
  g_autofree char *integrity = NULL;
  char *message = NULL;
  sqlite3 *handle;
  guint64 n;

  /* The app's own way in: recovers the write-ahead log the child left. */
  database = alliance_database_open (db_path, &error);
  g_assert_no_error (error);
  handle = alliance_database_get_handle (database);

  integrity = test_query_text (handle, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  /* SQLite 3.40's integrity_check does not look inside FTS5 tables: ask the
   * index itself whether it matches the text it indexes. */
  sqlite3_exec (handle, "INSERT INTO note_search (note_search) VALUES ('integrity-check')", NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);

  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM sessions"), ==, 1);
  store = alliance_session_store_new (database);
  note = alliance_session_store_load_note (store, test_query_int (handle, "SELECT id FROM sessions"), &error);
  if (note == NULL)
    {
      g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
      return 0;
    }
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (note->process_note, "draft "));
  n = g_ascii_strtoull (note->process_note + strlen ("draft "), NULL, 10);
  g_assert_cmpuint (n, >, 0);
  {
    g_autofree char *expected = make_text (n, "process note");

    g_assert_cmpstr (note->process_note, ==, expected);
  }
  g_assert_cmpuint (g_strv_length (note->sections), ==, alliance_note_template_get_n_sections (note->template_id));
  for (guint i = 0; note->sections[i] != NULL; i++)
    {
      g_autofree char *expected = make_section_text (n, i);

      g_assert_cmpstr (note->sections[i], ==, expected);
    }
  return n;
}

/* One child, killed after @kill_after acknowledgements and @delay_us more;
 * returns the last acknowledgement read. */
static gint64
run_and_kill_child (const char *db_path,
                    gint64      kill_after,
                    guint       delay_us)
{
  g_autofree char *self = test_child_own_executable ();
  const char *argv[] = { self, CHILD_ARGUMENT, db_path, NULL };
  TestChild *child = test_child_spawn (argv);
  gint64 last_ack = -1;  /* -1 before "0" (ready) */
  gint64 ack;

  while (last_ack < kill_after && (ack = read_ack (child, last_ack)) >= 0)
    last_ack = ack;
  if (last_ack == kill_after)
    {
      g_usleep (delay_us);
      test_child_kill (child);
      /* Acknowledgements written between the one awaited and the kill. */
      while ((ack = read_ack (child, last_ack)) >= 0)
        last_ack = ack;
    }
  test_child_reap_killed (child);
  return last_ack;
}

static void
test_draft_survives_kill (void)
{
  for (guint round = 0; round < N_KILLS; round++)
    {
      g_autofree char *dir = test_make_tmp_dir ();
      g_autofree char *db_path = g_build_filename (dir, "alliance.db", NULL);
      /* 0: killed in the first save, which creates the note. */
      gint64 kill_after = g_test_rand_int_range (0, MAX_ACKS_BEFORE_KILL + 1);
      guint delay_us = (guint)g_test_rand_int_range (0, MAX_KILL_DELAY_US + 1);
      gint64 last_ack;
      guint64 stored;

      last_ack = run_and_kill_child (db_path, kill_after, delay_us);
      g_assert_cmpint (last_ack, >=, kill_after);
      stored = stored_draft_number (db_path);
      g_test_message ("kill %u: after ack %" G_GINT64_FORMAT " + %u us; last ack %" G_GINT64_FORMAT
                      ", stored draft %" G_GUINT64_FORMAT,
                      round + 1, kill_after, delay_us, last_ack, stored);

      g_assert_cmpuint (stored, >=, (guint64)last_ack);
      g_assert_cmpuint (stored, <=, (guint64)last_ack + 1);
      test_remove_tree (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], CHILD_ARGUMENT) == 0)
    return run_child (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/draft-durability/survives-kill", test_draft_survives_kill);
  return g_test_run ();
}
