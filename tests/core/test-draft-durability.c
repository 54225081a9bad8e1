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

#include <errno.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alliance-client-store.h"
#include "alliance-session-store.h"
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

/* A child that stops acknowledging for this long is hung. */
#define ACK_TIMEOUT_SECONDS 20

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

/* write(2) directly: no stdio buffer may hold an acknowledgement back. */
static gboolean
acknowledge (guint64 n)
{
  char line[32];
  int length = g_snprintf (line, sizeof line, "%" G_GUINT64_FORMAT "\n", n);
  const char *p = line;

  while (length > 0)
    {
      ssize_t written = write (STDOUT_FILENO, p, (size_t)length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      p += written;
      length -= (int)written;
    }
  return TRUE;
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

typedef struct
{
  int      fd;
  GString *pending;      /* bytes after the last complete line */
  gint64   last_ack;     /* -1 before "0" (ready) */
} AckReader;

/* Reads the next acknowledgement into reader->last_ack; FALSE at the end of
 * the child's output. Acknowledgements must come in order, one by one. */
static gboolean
read_ack (AckReader *reader)
{
  gint64 deadline = g_get_monotonic_time () + ACK_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  for (;;)
    {
      const char *newline = memchr (reader->pending->str, '\n', reader->pending->len);
      char buffer[256];
      ssize_t n_read;

      if (newline != NULL)
        {
          g_autofree char *line = g_strndup (reader->pending->str, newline - reader->pending->str);
          guint64 ack = 0;
          g_autoptr(GError) error = NULL;

          g_string_erase (reader->pending, 0, newline - reader->pending->str + 1);
          g_ascii_string_to_unsigned (line, 10, 0, G_MAXINT64, &ack, &error);
          g_assert_no_error (error);
          g_assert_cmpint ((gint64)ack, ==, reader->last_ack + 1);
          reader->last_ack = (gint64)ack;
          return TRUE;
        }

      {
        struct pollfd pfd = { reader->fd, POLLIN, 0 };
        int remaining_ms = (int)((deadline - g_get_monotonic_time ()) / 1000);

        g_assert_cmpint (remaining_ms, >, 0);
        if (poll (&pfd, 1, remaining_ms) < 0 && errno != EINTR)
          g_error ("poll: %s", g_strerror (errno));
        if (pfd.revents == 0)
          continue;  /* interrupted, or timed out: the deadline decides */
      }
      n_read = read (reader->fd, buffer, sizeof buffer);
      if (n_read < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n_read, >=, 0);
      if (n_read == 0)
        {
          /* A write of a few bytes to a pipe is atomic: no half line. */
          g_assert_cmpuint (reader->pending->len, ==, 0);
          return FALSE;
        }
      g_string_append_len (reader->pending, buffer, n_read);
    }
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

static char *
own_executable (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);
  return path;
}

/* One child, killed after @kill_after acknowledgements and @delay_us more;
 * returns the last acknowledgement read. */
static gint64
run_and_kill_child (const char *db_path,
                    gint64      kill_after,
                    guint       delay_us)
{
  g_autofree char *self = own_executable ();
  const char *argv[] = { self, CHILD_ARGUMENT, db_path, NULL };
  g_autoptr(GError) error = NULL;
  AckReader reader = { -1, g_string_new (NULL), -1 };
  GPid pid;
  int status = 0;

  g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
                            &reader.fd, NULL, &error);
  g_assert_no_error (error);

  while (reader.last_ack < kill_after)
    if (!read_ack (&reader))
      break;
  if (reader.last_ack == kill_after)
    {
      g_usleep (delay_us);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      /* Acknowledgements written between the one awaited and the kill. */
      while (read_ack (&reader))
        ;
    }

  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  g_spawn_close_pid (pid);
  g_close (reader.fd, NULL);
  g_string_free (reader.pending, TRUE);

  /* Anything else means the child failed on its own (see its stderr). */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  return reader.last_ack;
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
