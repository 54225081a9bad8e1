/* test-crash-harness.c
 *
 * Nothing acknowledged is ever lost, whatever moment the app dies at. A
 * child process (this binary with --child) makes random writes through the
 * stores, as the app does — new clients and sessions, note autosaves,
 * signatures, alliance scores — and acknowledges each on its standard
 * output once the store call has returned (the moment the app says
 * "Saved"). The parent kills it with SIGKILL at a random moment, 100 times
 * over the same database, and after each kill opens the file the way the
 * app does and checks that SQLite, the foreign keys and the full-text index
 * find nothing wrong and that every acknowledged write is there, whole.
 *
 * Between kills the database keeps growing: each child starts from what
 * the previous one left, recovering its write-ahead log, as the app would
 * after a crash. SIGKILL tests crashes, the OOM killer and forced logouts;
 * power loss depends on synchronous=FULL and the disk honouring fsync and
 * is not simulated (see test-draft-durability.c).
 */
#define G_LOG_DOMAIN "alliance-test-crash-harness"

#include "config.h"

#include <string.h>

#include "alliance-client-store.h"
#include "alliance-measure-library.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "test-child.h"
#include "test-common.h"

#define CHILD_ARGUMENT "--child"
#define N_KILLS 100
/* How far into its writes a child may get before the kill is aimed, and how
 * long after the chosen acknowledgement it lands: anywhere in the next
 * write, its commit's fsync, or between the commit and the acknowledgement. */
#define MAX_ACKS_BEFORE_KILL 30
#define MAX_KILL_DELAY_US 5000
/* Each note section is a few hundred bytes, all of them depending on the
 * draft's number, so a torn or mixed draft cannot pass for a whole one. */
#define SECTION_BYTES 600
#define SIGNER "Dr Kim Harness"

/* --- The child: random writes until it is killed --------------------------- */

typedef struct
{
  AllianceDatabase     *database;
  AllianceClientStore  *clients;
  AllianceSessionStore *sessions;
  AllianceRatingStore  *ratings;
  GArray               *client_ids;     /* gint64 */
  GArray               *session_ids;    /* gint64: sessions whose note is still unsigned */
  GRand                *rand;
} Child;

static char *
make_section_text (guint64 n,
                   guint   position)
{
  GString *text = g_string_new (NULL);
  g_autofree char *filler = g_strdup_printf ("<%" G_GUINT64_FORMAT ">", n);

  g_string_printf (text, "draft %" G_GUINT64_FORMAT ", section %u: ", n, position);
  while (text->len < SECTION_BYTES)
    g_string_append (text, filler);
  return g_string_free (text, FALSE);
}

/* The draft number a note holds, or 0 when it has none. */
static guint64
note_draft_number (const AllianceNote *note)
{
  if (note->sections[0] == NULL || !g_str_has_prefix (note->sections[0], "draft "))
    return 0;
  return g_ascii_strtoull (note->sections[0] + strlen ("draft "), NULL, 10);
}

static G_GNUC_NORETURN void
child_fail (const char   *what,
            const GError *error)
{
  g_printerr ("crash-harness child: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static void
child_ack (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static void
child_ack (const char *format,
           ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  if (!test_child_acknowledge (line))
    child_fail ("acknowledge", NULL);
}

/* What the previous children left: every client, and the sessions whose
 * note is not signed yet. */
static void
child_load_state (Child *child)
{
  sqlite3 *handle = alliance_database_get_handle (child->database);
  sqlite3_stmt *statement = NULL;

  sqlite3_prepare_v2 (handle, "SELECT id FROM clients ORDER BY id", -1, &statement, NULL);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      g_array_append_val (child->client_ids, id);
    }
  sqlite3_finalize (statement);

  sqlite3_prepare_v2 (handle,
                      "SELECT s.id FROM sessions s LEFT JOIN notes n ON n.session_id = s.id "
                      "WHERE n.signed_at IS NULL ORDER BY s.id", -1, &statement, NULL);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      g_array_append_val (child->session_ids, id);
    }
  sqlite3_finalize (statement);
}

static void
child_new_client (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceClient) client = test_client_new ("Casey", "Crash");

  g_free (client->code);
  client->code = g_strdup_printf ("CR-%u", g_rand_int (child->rand));
  if (!alliance_client_store_save (child->clients, client, NULL, &error))
    child_fail ("save client", error);
  g_array_append_val (child->client_ids, client->id);
  child_ack ("client %" G_GINT64_FORMAT " %s", client->id, client->code);
}

static void
child_new_session (Child *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceSession) session = NULL;
  gint64 client_id = g_array_index (child->client_ids, gint64,
                                    g_rand_int_range (child->rand, 0, (int)child->client_ids->len));

  session = alliance_session_new (client_id);
  /* Distinct times, so the session numbering never ties. */
  session->starts_at = g_strdup_printf ("2026-%02d-%02d %02d:%02d", g_rand_int_range (child->rand, 1, 13),
                                        g_rand_int_range (child->rand, 1, 29), g_rand_int_range (child->rand, 8, 20),
                                        5 * g_rand_int_range (child->rand, 0, 12));
  if (!alliance_session_store_save_session (child->sessions, session, NULL, &error))
    child_fail ("save session", error);
  g_array_append_val (child->session_ids, session->id);
  child_ack ("session %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, session->id, client_id);
}

static AllianceNote *
child_load_note (Child  *child,
                 gint64  session_id)
{
  g_autoptr(GError) error = NULL;
  AllianceNote *note = alliance_session_store_load_note (child->sessions, session_id, &error);

  if (note != NULL)
    return note;
  if (!g_error_matches (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND))
    child_fail ("load note", error);
  return alliance_note_new (session_id, ALLIANCE_NOTE_TEMPLATE_SOAP);
}

static void
child_autosave (Child *child,
                guint  index)
{
  g_autoptr(GError) error = NULL;
  gint64 session_id = g_array_index (child->session_ids, gint64, index);
  g_autoptr(AllianceNote) note = child_load_note (child, session_id);
  guint64 n = note_draft_number (note) + 1;

  for (guint i = 0; note->sections[i] != NULL; i++)
    {
      g_free (note->sections[i]);
      note->sections[i] = make_section_text (n, i);
    }
  if (!alliance_session_store_save_draft (child->sessions, note, &error))
    child_fail ("save draft", error);
  child_ack ("draft %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT, session_id, n);
}

static void
child_sign (Child *child,
            guint  index)
{
  g_autoptr(GError) error = NULL;
  gint64 session_id = g_array_index (child->session_ids, gint64, index);
  g_autoptr(AllianceNote) note = child_load_note (child, session_id);
  guint64 n = note_draft_number (note);

  if (n == 0)
    {
      child_autosave (child, index);
      return;
    }
  if (!alliance_session_store_sign_note (child->sessions, note, SIGNER, &error))
    child_fail ("sign", error);
  g_array_remove_index_fast (child->session_ids, index);
  child_ack ("sign %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT, session_id, n);
}

/* An Alliance check for a session; the session may have one already (a
 * session has at most one of a measure), then its answers change. */
static void
child_score (Child *child,
             guint  index)
{
  g_autoptr(GError) error = NULL;
  gint64 session_id = g_array_index (child->session_ids, gint64, index);
  const AllianceMeasure *measure = alliance_rating_store_get_current_measure (child->ratings,
                                                                              ALLIANCE_MEASURE_ALLIANCE_CHECK, &error);
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(AllianceAdministration) administration = NULL;
  g_autoptr(AllianceSession) session = NULL;
  GString *values = g_string_new (NULL);

  if (measure == NULL)
    child_fail ("measure", error);
  session = alliance_session_store_load_session (child->sessions, session_id, &error);
  if (session == NULL)
    child_fail ("load session", error);
  existing = alliance_rating_store_list_session_administrations (child->ratings, session_id, &error);
  if (existing == NULL)
    child_fail ("list administrations", error);
  for (guint i = 0; i < existing->len && administration == NULL; i++)
    {
      AllianceAdministration *a = g_ptr_array_index (existing, i);

      if (g_strcmp0 (a->measure_key, measure->id) == 0)
        administration = alliance_administration_copy (a);
    }
  if (administration == NULL)
    administration = alliance_administration_new (session->client_id, session_id, measure);

  for (guint i = 0; i < administration->n_values; i++)
    {
      const AllianceMeasureItem *item = g_ptr_array_index (measure->items, i);

      administration->values[i] = g_rand_int_range (child->rand, item->min, item->max + 1);
      g_string_append_printf (values, "%s%d", i > 0 ? "," : "", administration->values[i]);
    }
  /* Said before the write: if the kill lands in it, these answers may or
   * may not be stored, and either is right. */
  child_ack ("try %" G_GINT64_FORMAT " %s", session_id, values->str);
  if (!alliance_rating_store_save_administration (child->ratings, administration, &error))
    child_fail ("save administration", error);
  child_ack ("score %" G_GINT64_FORMAT " %s", session_id, values->str);
  g_string_free (values, TRUE);
}

static int
run_child (const char *db_path,
           guint32     seed)
{
  g_autoptr(GError) error = NULL;
  Child child = { 0 };

  child.database = alliance_database_open (db_path, &error);
  if (child.database == NULL)
    child_fail ("open", error);
  child.clients = alliance_client_store_new (child.database);
  child.sessions = alliance_session_store_new (child.database);
  child.ratings = alliance_rating_store_new (child.database);
  child.client_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  child.session_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  child.rand = g_rand_new_with_seed (seed);
  child_load_state (&child);
  child_ack ("ready");

  /* Bounded, so that a parent that never kills cannot leave it running. */
  for (guint step = 0; step < 100000; step++)
    {
      guint roll = (guint)g_rand_int_range (child.rand, 0, 100);

      if (child.client_ids->len == 0 || roll < 4)
        child_new_client (&child);
      else if (child.session_ids->len == 0 || roll < 24)
        child_new_session (&child);
      else
        {
          guint index = (guint)g_rand_int_range (child.rand, 0, (int)child.session_ids->len);

          if (roll < 70)
            child_autosave (&child, index);
          else if (roll < 82)
            child_sign (&child, index);
          else
            child_score (&child, index);
        }
    }
  return 2;
}

/* --- The parent: what must be there ----------------------------------------- */

typedef struct
{
  GHashTable *clients;      /* id → code */
  GHashTable *sessions;     /* id → client id */
  GHashTable *drafts;       /* session id → last acknowledged draft number */
  GHashTable *signatures;   /* session id → the draft number signed */
  GHashTable *scores;       /* session id → its Alliance check's answers, "v1,v2,…" */
  GHashTable *attempts;     /* session id → GPtrArray of answers tried since the last acknowledged */
  guint       n_acks;
} Expected;

static gpointer
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static void
expected_init (Expected *expected)
{
  expected->clients = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  expected->sessions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  expected->drafts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  expected->signatures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  expected->scores = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  expected->attempts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
}

static void
expected_clear (Expected *expected)
{
  g_hash_table_unref (expected->clients);
  g_hash_table_unref (expected->sessions);
  g_hash_table_unref (expected->drafts);
  g_hash_table_unref (expected->signatures);
  g_hash_table_unref (expected->scores);
  g_hash_table_unref (expected->attempts);
}

static void
expected_record (Expected   *expected,
                 const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", 3);
  guint n_words = g_strv_length (words);

  if (g_strcmp0 (line, "ready") == 0)
    return;
  gint64 id;

  g_assert_cmpuint (n_words, >=, 3);
  id = g_ascii_strtoll (words[1], NULL, 10);
  g_assert_cmpint (id, >, 0);

  if (strcmp (words[0], "try") == 0)
    {
      GPtrArray *tried = g_hash_table_lookup (expected->attempts, &id);

      if (tried == NULL)
        {
          tried = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (expected->attempts, id_key (id), tried);
        }
      g_ptr_array_add (tried, g_strdup (words[2]));
      return;
    }
  expected->n_acks++;

  if (strcmp (words[0], "client") == 0)
    g_hash_table_insert (expected->clients, id_key (id), g_strdup (words[2]));
  else if (strcmp (words[0], "session") == 0)
    g_hash_table_insert (expected->sessions, id_key (id), id_key (g_ascii_strtoll (words[2], NULL, 10)));
  else if (strcmp (words[0], "draft") == 0)
    g_hash_table_insert (expected->drafts, id_key (id), id_key (g_ascii_strtoll (words[2], NULL, 10)));
  else if (strcmp (words[0], "sign") == 0)
    g_hash_table_insert (expected->signatures, id_key (id), id_key (g_ascii_strtoll (words[2], NULL, 10)));
  else if (strcmp (words[0], "score") == 0)
    {
      g_hash_table_insert (expected->scores, id_key (id), g_strdup (words[2]));
      g_hash_table_remove (expected->attempts, &id);
    }
  else
    g_error ("unknown acknowledgement “%s”", line);
}

/* One child, killed after @kill_after writes and @delay_us more; every line
 * it acknowledged goes into @expected. */
static void
run_and_kill_child (const char *db_path,
                    guint32     seed,
                    guint       kill_after,
                    guint       delay_us,
                    Expected   *expected)
{
  g_autofree char *self = test_child_own_executable ();
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  const char *argv[] = { self, CHILD_ARGUMENT, db_path, seed_text, NULL };
  TestChild *child = test_child_spawn (argv);
  guint start = expected->n_acks;
  char *line;

  line = test_child_read_line (child);
  g_assert_cmpstr (line, ==, "ready");
  g_free (line);
  while (expected->n_acks - start < kill_after && (line = test_child_read_line (child)) != NULL)
    {
      expected_record (expected, line);
      g_free (line);
    }
  g_usleep (delay_us);
  test_child_kill (child);
  /* Acknowledged between the one awaited and the kill: those count too. */
  while ((line = test_child_read_line (child)) != NULL)
    {
      expected_record (expected, line);
      g_free (line);
    }
  test_child_reap_killed (child);
}

static void
assert_note_is_draft (const AllianceNote *note,
                      guint64             n)
{
  for (guint i = 0; note->sections[i] != NULL; i++)
    {
      g_autofree char *text = make_section_text (n, i);

      g_assert_cmpstr (note->sections[i], ==, text);
    }
}

static void
check_database (const char *db_path,
                Expected   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = NULL;
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  g_autofree char *integrity = NULL;
  char *message = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3 *handle;

  /* The app's own way in: it recovers the write-ahead log the child left. */
  database = alliance_database_open (db_path, &error);
  g_assert_no_error (error);
  handle = alliance_database_get_handle (database);
  integrity = test_query_text (handle, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  /* integrity_check does not look inside FTS5 tables: ask the index. */
  sqlite3_exec (handle, "INSERT INTO note_search (note_search) VALUES ('integrity-check')", NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);

  sessions = alliance_session_store_new (database);
  ratings = alliance_rating_store_new (database);

  g_hash_table_iter_init (&iter, expected->clients);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *sql = g_strdup_printf ("SELECT code FROM clients WHERE id = %" G_GINT64_FORMAT,
                                              *(gint64 *)key);
      g_autofree char *code = test_query_text (handle, sql);

      g_assert_cmpstr (code, ==, value);
    }

  g_hash_table_iter_init (&iter, expected->sessions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(AllianceSession) session = alliance_session_store_load_session (sessions, *(gint64 *)key, &error);

      g_assert_no_error (error);
      g_assert_cmpint (session->client_id, ==, *(gint64 *)value);
    }

  /* A draft holds the last acknowledged text or a later one (a save
   * committed just before the kill, or by a later child), never an older
   * one and never a mix. */
  g_hash_table_iter_init (&iter, expected->drafts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(AllianceNote) note = alliance_session_store_load_note (sessions, *(gint64 *)key, &error);
      guint64 stored;

      g_assert_no_error (error);
      stored = note_draft_number (note);
      g_assert_cmpuint (stored, >=, *(guint64 *)value);
      assert_note_is_draft (note, stored);
    }

  /* A signature is there, over exactly the text that was signed. */
  g_hash_table_iter_init (&iter, expected->signatures);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(AllianceNote) note = alliance_session_store_load_note (sessions, *(gint64 *)key, &error);
      g_autofree char *sha = NULL;

      g_assert_no_error (error);
      g_assert_true (alliance_note_is_signed (note));
      g_assert_cmpstr (note->signed_by, ==, SIGNER);
      g_assert_cmpuint (note_draft_number (note), ==, *(guint64 *)value);
      assert_note_is_draft (note, *(guint64 *)value);
      sha = alliance_note_compute_sha256 (note);
      g_assert_cmpstr (sha, ==, note->content_sha256);
    }

  /* A session's Alliance check holds the answers last acknowledged, or
   * answers tried after them whose write the kill interrupted. */
  g_hash_table_iter_init (&iter, expected->scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GPtrArray) list = alliance_rating_store_list_session_administrations (ratings, *(gint64 *)key, &error);
      GPtrArray *tried = g_hash_table_lookup (expected->attempts, key);
      g_autofree char *stored = NULL;

      g_assert_no_error (error);
      for (guint i = 0; i < list->len && stored == NULL; i++)
        {
          const AllianceAdministration *administration = g_ptr_array_index (list, i);
          GString *values;

          if (g_strcmp0 (administration->measure_key, ALLIANCE_MEASURE_ALLIANCE_CHECK) != 0)
            continue;
          g_assert_true (administration->complete);
          values = g_string_new (NULL);
          for (guint v = 0; v < administration->n_values; v++)
            g_string_append_printf (values, "%s%d", v > 0 ? "," : "", administration->values[v]);
          stored = g_string_free (values, FALSE);
        }
      g_assert_nonnull (stored);
      if (g_strcmp0 (stored, value) != 0)
        {
          g_assert_nonnull (tried);
          g_assert_true (g_ptr_array_find_with_equal_func (tried, stored, g_str_equal, NULL));
        }
    }
}

static void
test_crash_harness (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "alliance.db", NULL);
  Expected expected;

  expected_init (&expected);
  for (guint round = 0; round < N_KILLS; round++)
    {
      guint kill_after = (guint)g_test_rand_int_range (0, MAX_ACKS_BEFORE_KILL + 1);
      guint delay_us = (guint)g_test_rand_int_range (0, MAX_KILL_DELAY_US + 1);

      run_and_kill_child (db_path, (guint32)g_test_rand_int (), kill_after, delay_us, &expected);
      check_database (db_path, &expected);
    }
  g_test_message ("%u kills, %u acknowledged writes: %u clients, %u sessions, %u notes, %u signed, %u scored",
                  N_KILLS, expected.n_acks, g_hash_table_size (expected.clients),
                  g_hash_table_size (expected.sessions), g_hash_table_size (expected.drafts),
                  g_hash_table_size (expected.signatures), g_hash_table_size (expected.scores));
  /* The harness did exercise every kind of write. */
  g_assert_cmpuint (g_hash_table_size (expected.signatures), >, 0);
  g_assert_cmpuint (g_hash_table_size (expected.scores), >, 0);
  expected_clear (&expected);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && strcmp (argv[1], CHILD_ARGUMENT) == 0)
    return run_child (argv[2], (guint32)g_ascii_strtoull (argv[3], NULL, 10));

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash-harness/acknowledged-writes-survive-sigkill", test_crash_harness);
  return g_test_run ();
}
