/* test-session-store.c
 *
 * AllianceSessionStore and the clinical record rules: sessions and their
 * computed numbers, suggestions, drafts saved exactly as typed, signing
 * (and the hash of what was signed), a signed note and its session frozen
 * by the store and by the schema itself, addenda, deletion and the
 * entered-in-error mark, full-text search, and the "changed" signal.
 * Every refusal is checked to have written nothing.
 */
#define G_LOG_DOMAIN "alliance-test-session-store"

#include "config.h"

#include <string.h>

#include "alliance-client-store.h"
#include "alliance-date.h"
#include "alliance-error.h"
#include "alliance-session-store.h"
#include "test-common.h"

#define SIGNER "Dr Sam Rivera"

typedef struct
{
  AllianceDatabase     *database;
  AllianceClientStore  *clients;
  AllianceSessionStore *store;
  GArray               *changed_ids;   /* gint64, one per "changed" emission */
} Fixture;

typedef struct
{
  gint64 sessions;
  gint64 notes;
  gint64 sections;
  gint64 addenda;
  gint64 indexed;
  gint64 total_body_length;
} Counts;

static void
changed_cb (AllianceSessionStore *store,
            gint64                client_id,
            Fixture              *fixture)
{
  g_assert_true (store == fixture->store);
  /* Emitted after the commit: no transaction may still be open. */
  g_assert_true (sqlite3_get_autocommit (alliance_database_get_handle (fixture->database)));
  g_array_append_val (fixture->changed_ids, client_id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->store = alliance_session_store_new (fixture->database);
  g_assert_true (alliance_session_store_get_database (fixture->store) == fixture->database);
  fixture->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->clients);
  g_assert_finalize_object (fixture->database);
  g_array_unref (fixture->changed_ids);
}

static sqlite3 *
handle_of (Fixture *fixture)
{
  return alliance_database_get_handle (fixture->database);
}

static Counts
take_counts (Fixture *fixture)
{
  sqlite3 *handle = handle_of (fixture);
  Counts counts = {
    .sessions = test_query_int (handle, "SELECT count(*) FROM sessions"),
    .notes = test_query_int (handle, "SELECT count(*) FROM notes"),
    .sections = test_query_int (handle, "SELECT count(*) FROM note_sections"),
    .addenda = test_query_int (handle, "SELECT count(*) FROM note_addenda"),
    .indexed = test_query_int (handle, "SELECT count(*) FROM note_search"),
    .total_body_length = test_query_int (handle, "SELECT coalesce(sum(length(body)), 0) FROM note_sections"),
  };

  /* The search index always holds exactly the sections and addenda. */
  g_assert_cmpint (counts.indexed, ==, counts.sections + counts.addenda);
  g_assert_true (sqlite3_get_autocommit (handle));
  return counts;
}

static void
assert_counts_unchanged (Fixture *fixture,
                         Counts   before)
{
  Counts after = take_counts (fixture);

  g_assert_cmpint (after.sessions, ==, before.sessions);
  g_assert_cmpint (after.notes, ==, before.notes);
  g_assert_cmpint (after.sections, ==, before.sections);
  g_assert_cmpint (after.addenda, ==, before.addenda);
  g_assert_cmpint (after.indexed, ==, before.indexed);
  g_assert_cmpint (after.total_body_length, ==, before.total_body_length);
}

/* @last_id: the client of the last emission; 0 to check only the count */
static void
assert_changed (Fixture *fixture,
                guint    n_expected,
                gint64   last_id)
{
  g_assert_cmpuint (fixture->changed_ids->len, ==, n_expected);
  if (n_expected > 0 && last_id != 0)
    g_assert_cmpint (g_array_index (fixture->changed_ids, gint64, n_expected - 1), ==, last_id);
}

static gint64
add_client (Fixture    *fixture,
            const char *given_name,
            const char *family_name,
            const char *preferred_name)
{
  g_autoptr(AllianceClient) client = test_client_new (given_name, family_name);
  g_autoptr(GError) error = NULL;

  client->preferred_name = g_strdup (preferred_name);
  g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
  g_assert_no_error (error);
  return client->id;
}

static AllianceSession *
add_session (Fixture            *fixture,
             gint64              client_id,
             const char         *starts_at,
             AllianceAttendance  attendance)
{
  g_autoptr(AllianceSession) session = alliance_session_new (client_id);
  g_autoptr(GError) error = NULL;
  AllianceSessionField field = ALLIANCE_SESSION_FIELD_DURATION;

  session->starts_at = g_strdup (starts_at);
  session->attendance = attendance;
  g_assert_true (alliance_session_store_save_session (fixture->store, session, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (field, ==, ALLIANCE_SESSION_FIELD_NONE);
  g_assert_cmpint (session->id, >, 0);
  return g_steal_pointer (&session);
}

static AllianceSession *
load_session (Fixture *fixture,
              gint64   session_id)
{
  g_autoptr(GError) error = NULL;
  AllianceSession *session = alliance_session_store_load_session (fixture->store, session_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static void
save_session (Fixture         *fixture,
              AllianceSession *session)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_session_store_save_session (fixture->store, session, NULL, &error));
  g_assert_no_error (error);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
set_section (AllianceNote *note,
             guint         position,
             const char   *text)
{
  g_assert_cmpuint (position, <, g_strv_length (note->sections));
  g_free (note->sections[position]);
  note->sections[position] = g_strdup (text);
}

/* A saved draft for @session_id whose first section is @text. */
static AllianceNote *
add_draft (Fixture              *fixture,
           gint64                session_id,
           AllianceNoteTemplate  template_id,
           const char           *text)
{
  g_autoptr(AllianceNote) note = alliance_note_new (session_id, template_id);
  g_autoptr(GError) error = NULL;

  set_section (note, 0, text);
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_no_error (error);
  g_assert_cmpint (note->id, >, 0);
  return g_steal_pointer (&note);
}

static AllianceNote *
add_signed (Fixture              *fixture,
            gint64                session_id,
            AllianceNoteTemplate  template_id,
            const char           *text)
{
  g_autoptr(AllianceNote) note = alliance_note_new (session_id, template_id);
  g_autoptr(GError) error = NULL;

  set_section (note, 0, text);
  g_assert_true (alliance_session_store_sign_note (fixture->store, note, SIGNER, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_note_is_signed (note));
  return g_steal_pointer (&note);
}

static AllianceNote *
load_note (Fixture *fixture,
           gint64   session_id)
{
  g_autoptr(GError) error = NULL;
  AllianceNote *note = alliance_session_store_load_note (fixture->store, session_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (note);
  return note;
}

/* The client's session numbers, newest first, as "3 0 2 1". */
static char *
numbers_of (Fixture *fixture,
            gint64   client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = alliance_session_store_list_sessions (fixture->store, client_id, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < sessions->len; i++)
    {
      const AllianceSession *session = g_ptr_array_index (sessions, i);
      g_autoptr(AllianceSession) loaded = load_session (fixture, session->id);

      /* Newest first; loading one session numbers it the same way. */
      if (i > 0)
        {
          const AllianceSession *newer = g_ptr_array_index (sessions, i - 1);
          g_assert_cmpstr (newer->starts_at, >=, session->starts_at);
        }
      g_assert_cmpint (loaded->number, ==, session->number);
      g_assert_cmpint (session->number > 0, ==, alliance_session_counts (session));
      g_string_append_printf (out, "%s%d", i > 0 ? " " : "", session->number);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GPtrArray *
search (Fixture    *fixture,
        const char *query,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = alliance_session_store_search (fixture->store, query, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static guint
n_hits (Fixture    *fixture,
        const char *query)
{
  g_autoptr(GPtrArray) hits = search (fixture, query, 0);

  return hits->len;
}

/* Runs SQL on the database's own connection, bypassing the store. */
static int
raw_exec (Fixture    *fixture,
          const char *sql)
{
  return sqlite3_exec (handle_of (fixture), sql, NULL, NULL, NULL);
}

static void
assert_raw_refused_with (Fixture    *fixture,
                         const char *sql,
                         int         extended_code)
{
  int rc = raw_exec (fixture, sql);

  if (rc != extended_code)
    g_error ("“%s” gave %d (%s), not %d", sql, rc, sqlite3_errstr (rc), extended_code);
}

static void
assert_raw_refused (Fixture    *fixture,
                    const char *sql)
{
  int rc = raw_exec (fixture, sql);

  if ((rc & 0xff) != SQLITE_CONSTRAINT)
    g_error ("“%s” gave %d (%s), not SQLITE_CONSTRAINT", sql, rc, sqlite3_errstr (rc));
  g_assert_true (sqlite3_get_autocommit (handle_of (fixture)));
}

/* ---------------------------------------------------------------------- */
/* Sessions                                                                */

static void
test_save_and_load (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gint64 client_id = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = alliance_session_new (client_id);
  g_autoptr(AllianceSession) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *modality = NULL;

  session->starts_at = g_strdup ("2026-11-27 09:05");
  session->duration_minutes = 90;
  session->kind = ALLIANCE_SESSION_KIND_COUPLE;
  session->modality = ALLIANCE_MODALITY_VIDEO;
  g_assert_true (alliance_session_store_save_session (fixture->store, session, NULL, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 1, client_id);

  /* The caller's record is handed back as saved. */
  g_assert_cmpint (session->id, >, 0);
  g_assert_cmpint (session->number, ==, 1);
  g_assert_cmpint (session->note_state, ==, ALLIANCE_NOTE_STATE_NONE);
  g_assert_nonnull (session->created_at);
  g_assert_cmpstr (session->created_at, ==, session->updated_at);
  g_assert_true (g_str_has_suffix (session->created_at, "Z"));

  loaded = load_session (fixture, session->id);
  g_assert_cmpint (loaded->client_id, ==, client_id);
  g_assert_cmpstr (loaded->starts_at, ==, "2026-11-27 09:05");
  g_assert_cmpint (loaded->duration_minutes, ==, 90);
  g_assert_cmpint (loaded->kind, ==, ALLIANCE_SESSION_KIND_COUPLE);
  g_assert_cmpint (loaded->modality, ==, ALLIANCE_MODALITY_VIDEO);
  g_assert_cmpint (loaded->attendance, ==, ALLIANCE_ATTENDANCE_ATTENDED);
  g_assert_null (loaded->error_reason);
  g_assert_cmpint (loaded->number, ==, 1);

  /* An update keeps created_at and moves updated_at. */
  g_assert_cmpint (raw_exec (fixture, "UPDATE sessions SET created_at = '2000-01-01T00:00:00Z', "
                                      "updated_at = '2000-01-01T00:00:00Z'"),
                   ==, SQLITE_OK);
  loaded->duration_minutes = 45;
  loaded->modality = ALLIANCE_MODALITY_PHONE;
  save_session (fixture, loaded);
  assert_changed (fixture, 2, client_id);
  g_assert_cmpint (loaded->duration_minutes, ==, 45);
  g_assert_cmpstr (loaded->created_at, ==, "2000-01-01T00:00:00Z");
  g_assert_cmpstr (loaded->updated_at, >, "2000-01-01T00:00:00Z");
  modality = test_query_text (handle_of (fixture), "SELECT modality FROM sessions");
  g_assert_cmpstr (modality, ==, "phone");
  g_assert_cmpint (take_counts (fixture).sessions, ==, 1);

  /* Every kind, modality and attendance survives a round trip. */
  for (guint i = 0; i < ALLIANCE_N_ATTENDANCES; i++)
    {
      g_autoptr(AllianceSession) other = alliance_session_new (client_id);
      g_autoptr(AllianceSession) reloaded = NULL;

      other->starts_at = g_strdup_printf ("2026-10-%02u 14:00", i + 1);
      other->kind = i % ALLIANCE_SESSION_N_KINDS;
      other->modality = i % ALLIANCE_N_MODALITIES;
      other->attendance = i;
      save_session (fixture, other);
      reloaded = load_session (fixture, other->id);
      g_assert_cmpint (reloaded->kind, ==, i % ALLIANCE_SESSION_N_KINDS);
      g_assert_cmpint (reloaded->modality, ==, i % ALLIANCE_N_MODALITIES);
      g_assert_cmpint (reloaded->attendance, ==, i);
    }
}

static void
test_save_refused (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const struct
  {
    const char              *starts_at;
    int                      duration;
    AllianceValidationError  code;
    AllianceSessionField     field;
  } cases[] = {
    { NULL, 50, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_SESSION_FIELD_DATE },
    { "2026-02-29 10:00", 50, ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_DATE },
    { "2026-11-31 10:00", 50, ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_DATE },
    { "2026-11-27 25:00", 50, ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_TIME },
    { "2026-11-27 10:61", 50, ALLIANCE_VALIDATION_ERROR_INVALID_DATE, ALLIANCE_SESSION_FIELD_TIME },
    { "2026-11-27", 50, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_SESSION_FIELD_TIME },
    { "2026-11-27 10:00", 0, ALLIANCE_VALIDATION_ERROR_INVALID, ALLIANCE_SESSION_FIELD_DURATION },
    { "2026-11-27 10:00", -50, ALLIANCE_VALIDATION_ERROR_INVALID, ALLIANCE_SESSION_FIELD_DURATION },
    { "2026-11-27 10:00", 721, ALLIANCE_VALIDATION_ERROR_INVALID, ALLIANCE_SESSION_FIELD_DURATION },
  };
  gint64 client_id = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) existing = add_session (fixture, client_id, "2026-11-20 10:00",
                                                      ALLIANCE_ATTENDANCE_ATTENDED);
  Counts before = take_counts (fixture);

  g_array_set_size (fixture->changed_ids, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      for (guint update = 0; update < 2; update++)
        {
          g_autoptr(AllianceSession) session = update ? alliance_session_copy (existing)
                                                      : alliance_session_new (client_id);
          g_autoptr(AllianceSession) reloaded = NULL;
          g_autoptr(GError) error = NULL;
          AllianceSessionField field = ALLIANCE_SESSION_FIELD_NONE;
          gint64 id = session->id;

          set_string (&session->starts_at, cases[i].starts_at);
          session->duration_minutes = cases[i].duration;
          g_assert_false (alliance_session_store_save_session (fixture->store, session, &field, &error));
          g_assert_error (error, ALLIANCE_VALIDATION_ERROR, (int)cases[i].code);
          g_assert_cmpint (field, ==, cases[i].field);
          /* Refused: the caller's record is left as typed, nothing written. */
          g_assert_cmpint (session->id, ==, id);
          g_assert_cmpstr (session->starts_at, ==, cases[i].starts_at);
          g_assert_cmpint (session->duration_minutes, ==, cases[i].duration);
          assert_counts_unchanged (fixture, before);
          reloaded = load_session (fixture, existing->id);
          g_assert_cmpstr (reloaded->starts_at, ==, "2026-11-20 10:00");
          g_assert_cmpint (reloaded->duration_minutes, ==, 50);
        }
    }

  /* A client that does not exist. */
  {
    g_autoptr(AllianceSession) session = alliance_session_new (client_id + 100);
    g_autoptr(GError) error = NULL;

    session->starts_at = g_strdup ("2026-11-27 10:00");
    g_assert_false (alliance_session_store_save_session (fixture->store, session, NULL, &error));
    g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
    g_assert_cmpint (session->id, ==, 0);
  }

  /* A session that is no longer there. */
  {
    g_autoptr(AllianceSession) session = alliance_session_copy (existing);
    g_autoptr(GError) error = NULL;

    session->id = existing->id + 100;
    g_assert_false (alliance_session_store_save_session (fixture->store, session, NULL, &error));
    g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  }

  /* Moving a session to another client. */
  {
    gint64 other_client = add_client (fixture, "Mateo", "García", NULL);
    g_autoptr(AllianceSession) session = alliance_session_copy (existing);
    g_autoptr(GError) error = NULL;

    session->client_id = other_client;
    g_assert_false (alliance_session_store_save_session (fixture->store, session, NULL, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  }

  assert_counts_unchanged (fixture, before);
  assert_changed (fixture, 0, 0);
}

/* The store's check of the start time and the schema's agree. */
static void
test_schema_agrees_on_starts_at (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  static const char *texts[] = {
    "2026-11-27 09:05", "2026-11-27 00:00", "2026-11-27 23:59", "2024-02-29 12:00", "0001-01-01 00:00",
    "9999-12-31 23:59", "2023-02-29 10:00", "2026-04-31 10:00", "2026-13-01 10:00", "2026-11-27 24:00",
    "2026-11-27 25:00", "2026-11-27 10:60", "2026-11-27 9:05", "2026-11-27T09:05", "2026-11-27 09:05:00",
    "2026-11-27", "2026-11-27 09:05 ", "27/11/2026 09:05", "", "2026-11-27 0905",
  };
  gint64 client_id = add_client (fixture, "Zoë", "Laurent", NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture),
                                       "INSERT INTO sessions (client_id, starts_at, duration_minutes, "
                                       "created_at, updated_at) VALUES (?1, ?2, 50, 'x', 'x')",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gboolean accepted_by_store = alliance_date_time_parse (texts[i], NULL);
      int rc;

      sqlite3_bind_int64 (stmt, 1, client_id);
      sqlite3_bind_text (stmt, 2, texts[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (accepted_by_store != (rc == SQLITE_DONE))
        g_error ("“%s”: the store says %d, the schema %d", texts[i], accepted_by_store, rc);
    }
  sqlite3_finalize (stmt);

  /* And on the length. */
  assert_raw_refused (fixture, "INSERT INTO sessions (client_id, starts_at, duration_minutes, created_at, updated_at) "
                               "VALUES (1, '2026-11-27 10:00', 0, 'x', 'x')");
  assert_raw_refused (fixture, "INSERT INTO sessions (client_id, starts_at, duration_minutes, created_at, updated_at) "
                               "VALUES (1, '2026-11-27 10:00', 721, 'x', 'x')");
  assert_raw_refused (fixture, "INSERT INTO sessions (client_id, starts_at, duration_minutes, created_at, updated_at) "
                               "VALUES (1, '2026-11-27 10:00', -5, 'x', 'x')");
}

static void
test_numbering_out_of_order (Fixture       *fixture,
                             gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  gint64 mateo = add_client (fixture, "Mateo", "García", NULL);
  g_autoptr(AllianceSession) third = add_session (fixture, zoe, "2026-03-15 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) first = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) other = add_session (fixture, mateo, "2026-03-02 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) second = add_session (fixture, zoe, "2026-03-08 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) same_time = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *after = NULL;

  g_assert_nonnull (first);
  g_assert_nonnull (other);

  /* Numbered by date, not by the order they were typed in; each client
   * counts separately. */
  g_assert_cmpint (third->number, ==, 1); /* alone when it was saved */
  numbers = numbers_of (fixture, zoe);
  g_assert_cmpstr (numbers, ==, "3 2 1");
  g_clear_pointer (&numbers, g_free);
  numbers = numbers_of (fixture, mateo);
  g_assert_cmpstr (numbers, ==, "1");

  /* Two sessions at the same time: the one entered first comes first. */
  same_time = add_session (fixture, zoe, "2026-03-08 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_assert_cmpint (same_time->number, ==, 3);
  after = numbers_of (fixture, zoe);
  g_assert_cmpstr (after, ==, "4 3 2 1");
  {
    g_autoptr(AllianceSession) reloaded = load_session (fixture, second->id);
    g_assert_cmpint (reloaded->number, ==, 2);
  }

  /* A client with no sessions has an empty list. */
  {
    gint64 nobody = add_client (fixture, "Aoife", "Ní Bhriain", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) none = alliance_session_store_list_sessions (fixture->store, nobody, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_numbering_moves (Fixture       *fixture,
                      gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) a = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) b = add_session (fixture, zoe, "2026-03-08 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) c = add_session (fixture, zoe, "2026-03-15 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) d = add_session (fixture, zoe, "2026-03-22 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autofree char *numbers = NULL;

  g_assert_cmpint (d->number, ==, 4);

  /* Moving the last session before the first renumbers them all. */
  set_string (&d->starts_at, "2026-02-22 10:00");
  save_session (fixture, d);
  g_assert_cmpint (d->number, ==, 1);
  {
    g_autoptr(AllianceSession) reloaded = load_session (fixture, c->id);
    g_assert_cmpint (reloaded->number, ==, 4);
  }

  /* A no-show is not a session attended: it gets 0, later ones move down. */
  {
    g_autoptr(AllianceSession) reloaded = load_session (fixture, a->id);

    reloaded->attendance = ALLIANCE_ATTENDANCE_NO_SHOW;
    save_session (fixture, reloaded);
    g_assert_cmpint (reloaded->number, ==, 0);
  }
  numbers = numbers_of (fixture, zoe);
  g_assert_cmpstr (numbers, ==, "3 2 0 1");
  g_clear_pointer (&numbers, g_free);

  /* Every other kind of absence too; and back to attended. */
  for (guint i = ALLIANCE_ATTENDANCE_CANCELLED; i < ALLIANCE_N_ATTENDANCES; i++)
    {
      g_autoptr(AllianceSession) reloaded = load_session (fixture, b->id);

      reloaded->attendance = i;
      save_session (fixture, reloaded);
      numbers = numbers_of (fixture, zoe);
      g_assert_cmpstr (numbers, ==, "2 0 0 1");
      g_clear_pointer (&numbers, g_free);
    }
  {
    g_autoptr(AllianceSession) reloaded = load_session (fixture, b->id);

    reloaded->attendance = ALLIANCE_ATTENDANCE_ATTENDED;
    save_session (fixture, reloaded);
    g_assert_cmpint (reloaded->number, ==, 2);
  }
  numbers = numbers_of (fixture, zoe);
  g_assert_cmpstr (numbers, ==, "3 2 0 1");
}

static void
test_entered_in_error (Fixture       *fixture,
                       gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) a = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) b = add_session (fixture, zoe, "2026-03-08 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) c = add_session (fixture, zoe, "2026-03-15 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(GError) error = NULL;
  g_autofree char *numbers = NULL;
  Counts before;
  guint n_changed;

  /* A reason is required. */
  before = take_counts (fixture);
  n_changed = fixture->changed_ids->len;
  for (guint i = 0; i < 4; i++)
    {
      static const char *blanks[] = { NULL, "", "   ", "\n\t" };
      g_autoptr(GError) blank_error = NULL;

      g_assert_false (alliance_session_store_mark_entered_in_error (fixture->store, b->id, blanks[i], &blank_error));
      g_assert_error (blank_error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
    }
  assert_counts_unchanged (fixture, before);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM sessions WHERE error_reason IS NOT NULL"),
                   ==, 0);
  assert_changed (fixture, n_changed, 0);

  g_assert_true (alliance_session_store_mark_entered_in_error (fixture->store, b->id, "  Wrong client  ", &error));
  g_assert_no_error (error);
  assert_changed (fixture, n_changed + 1, zoe);
  {
    g_autoptr(AllianceSession) reloaded = load_session (fixture, b->id);

    g_assert_cmpstr (reloaded->error_reason, ==, "Wrong client");
    g_assert_cmpint (reloaded->number, ==, 0);
    g_assert_false (alliance_session_counts (reloaded));
  }
  numbers = numbers_of (fixture, zoe);
  g_assert_cmpstr (numbers, ==, "2 0 1");

  /* The mark stays: not replaced... */
  g_assert_false (alliance_session_store_mark_entered_in_error (fixture->store, b->id, "Another reason", &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  /* ...and not removed by saving the session. */
  {
    g_autoptr(AllianceSession) reloaded = load_session (fixture, b->id);

    g_clear_pointer (&reloaded->error_reason, g_free);
    reloaded->duration_minutes = 30;
    save_session (fixture, reloaded);
    g_assert_cmpstr (reloaded->error_reason, ==, "Wrong client");
    g_assert_cmpint (reloaded->duration_minutes, ==, 30);
  }
  /* Nor does saving a new session with a reason mark it. */
  {
    g_autoptr(AllianceSession) fresh = alliance_session_new (zoe);

    fresh->starts_at = g_strdup ("2026-03-22 10:00");
    fresh->error_reason = g_strdup ("Typed by mistake");
    save_session (fixture, fresh);
    g_assert_null (fresh->error_reason);
    g_assert_cmpint (fresh->number, ==, 3);
  }
  /* The schema holds the mark too. */
  assert_raw_refused (fixture, "UPDATE sessions SET error_reason = NULL WHERE error_reason IS NOT NULL");
  assert_raw_refused (fixture, "UPDATE sessions SET error_reason = 'Other' WHERE error_reason IS NOT NULL");
  assert_raw_refused (fixture, "UPDATE sessions SET error_reason = '  ' WHERE error_reason IS NULL");

  /* A session that is not there. */
  g_assert_false (alliance_session_store_mark_entered_in_error (fixture->store, c->id + 100, "Reason", &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (a->number, ==, 1);
}

static void
test_suggest_rounding (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const struct
  {
    int         year, month, day, hour, minute;
    double      seconds;
    const char *expected;
  } cases[] = {
    { 2026, 11, 27, 10, 0, 0, "2026-11-27 10:00" },
    { 2026, 11, 27, 10, 2, 29, "2026-11-27 10:00" },
    { 2026, 11, 27, 10, 2, 30, "2026-11-27 10:05" },
    { 2026, 11, 27, 10, 3, 0, "2026-11-27 10:05" },
    { 2026, 11, 27, 10, 7, 0, "2026-11-27 10:05" },
    { 2026, 11, 27, 10, 8, 0, "2026-11-27 10:10" },
    { 2026, 11, 27, 10, 57, 30, "2026-11-27 11:00" },
    { 2026, 11, 27, 10, 58, 0, "2026-11-27 11:00" },
    { 2026, 11, 27, 23, 57, 0, "2026-11-27 23:55" },
    { 2026, 11, 27, 23, 58, 0, "2026-11-28 00:00" },
    { 2026, 11, 30, 23, 59, 59, "2026-12-01 00:00" },
    { 2026, 12, 31, 23, 58, 0, "2027-01-01 00:00" },
    { 2028, 2, 28, 23, 58, 0, "2028-02-29 00:00" },
    { 2026, 11, 27, 0, 1, 0, "2026-11-27 00:00" },
  };
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_local (cases[i].year, cases[i].month, cases[i].day, cases[i].hour,
                                                        cases[i].minute, cases[i].seconds);
      g_autoptr(GError) error = NULL;
      g_autoptr(AllianceSession) session = alliance_session_store_suggest_session (fixture->store, zoe, now, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (session->starts_at, ==, cases[i].expected);
      g_assert_true (alliance_session_validate (session, NULL, NULL));

      /* A first session: the defaults. Nothing is saved. */
      g_assert_cmpint (session->id, ==, 0);
      g_assert_cmpint (session->client_id, ==, zoe);
      g_assert_cmpint (session->duration_minutes, ==, 50);
      g_assert_cmpint (session->kind, ==, ALLIANCE_SESSION_KIND_INDIVIDUAL);
      g_assert_cmpint (session->modality, ==, ALLIANCE_MODALITY_IN_PERSON);
      g_assert_cmpint (session->attendance, ==, ALLIANCE_ATTENDANCE_ATTENDED);
      g_assert_null (session->error_reason);
    }
  g_assert_cmpint (take_counts (fixture).sessions, ==, 0);
  assert_changed (fixture, 0, 0);

  /* A client that does not exist. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GError) error = NULL;

    g_assert_null (alliance_session_store_suggest_session (fixture->store, zoe + 1, now, &error));
    g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  }
}

static void
test_suggest_copies_last (Fixture       *fixture,
                          gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  gint64 mateo = add_client (fixture, "Mateo", "García", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 27, 14, 31, 0);
  g_autoptr(AllianceSession) suggestion = NULL;
  g_autoptr(GError) error = NULL;

  /* The latest by date is entered first; the one typed last is older. */
  {
    g_autoptr(AllianceSession) latest = alliance_session_new (zoe);
    g_autoptr(AllianceSession) older = alliance_session_new (zoe);
    g_autoptr(AllianceSession) someone_else = alliance_session_new (mateo);

    latest->starts_at = g_strdup ("2026-11-20 14:30");
    latest->duration_minutes = 75;
    latest->kind = ALLIANCE_SESSION_KIND_FAMILY;
    latest->modality = ALLIANCE_MODALITY_VIDEO;
    latest->attendance = ALLIANCE_ATTENDANCE_NO_SHOW;
    save_session (fixture, latest);

    older->starts_at = g_strdup ("2026-11-13 14:30");
    older->duration_minutes = 30;
    older->modality = ALLIANCE_MODALITY_PHONE;
    save_session (fixture, older);

    someone_else->starts_at = g_strdup ("2026-11-26 14:30");
    someone_else->duration_minutes = 120;
    someone_else->kind = ALLIANCE_SESSION_KIND_GROUP;
    save_session (fixture, someone_else);
  }

  suggestion = alliance_session_store_suggest_session (fixture->store, zoe, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (suggestion->starts_at, ==, "2026-11-27 14:30");
  g_assert_cmpint (suggestion->duration_minutes, ==, 75);
  g_assert_cmpint (suggestion->kind, ==, ALLIANCE_SESSION_KIND_FAMILY);
  g_assert_cmpint (suggestion->modality, ==, ALLIANCE_MODALITY_VIDEO);
  /* Attendance is not copied: a session being logged now was attended. */
  g_assert_cmpint (suggestion->attendance, ==, ALLIANCE_ATTENDANCE_ATTENDED);
  g_assert_cmpint (suggestion->id, ==, 0);
  g_assert_cmpint (take_counts (fixture).sessions, ==, 3);

  /* It saves as it is. */
  save_session (fixture, suggestion);
  g_assert_cmpint (suggestion->number, ==, 2);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) keep = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) bare = add_session (fixture, zoe, "2026-03-08 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) drafted = add_session (fixture, zoe, "2026-03-15 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) keep_note = add_draft (fixture, keep->id, ALLIANCE_NOTE_TEMPLATE_DAP, "Kept marmalade");
  g_autoptr(AllianceNote) draft = add_draft (fixture, drafted->id, ALLIANCE_NOTE_TEMPLATE_SOAP, "Deleted marmalade");
  g_autoptr(GError) error = NULL;
  g_autofree char *numbers = NULL;
  guint n_changed = fixture->changed_ids->len;

  g_assert_nonnull (keep_note);
  g_assert_nonnull (draft);

  g_assert_cmpuint (n_hits (fixture, "marmalade"), ==, 2);

  g_assert_true (alliance_session_store_delete_session (fixture->store, bare->id, &error));
  g_assert_no_error (error);
  assert_changed (fixture, n_changed + 1, zoe);

  /* A draft note goes with its session, out of the search index too. */
  g_assert_true (alliance_session_store_delete_session (fixture->store, drafted->id, &error));
  g_assert_no_error (error);
  assert_changed (fixture, n_changed + 2, zoe);
  {
    Counts counts = take_counts (fixture);

    g_assert_cmpint (counts.sessions, ==, 1);
    g_assert_cmpint (counts.notes, ==, 1);
    g_assert_cmpint (counts.sections, ==, 3);
  }
  g_assert_cmpuint (n_hits (fixture, "marmalade"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "deleted"), ==, 0);
  g_assert_null (alliance_session_store_load_session (fixture->store, drafted->id, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting it again: it is gone. */
  g_assert_false (alliance_session_store_delete_session (fixture->store, drafted->id, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  assert_changed (fixture, n_changed + 2, zoe);

  numbers = numbers_of (fixture, zoe);
  g_assert_cmpstr (numbers, ==, "1");
}

static void
test_delete_signed_refused (Fixture       *fixture,
                            gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = add_signed (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_SOAP, "Signed text");
  g_autoptr(GError) error = NULL;
  Counts before = take_counts (fixture);
  guint n_changed = fixture->changed_ids->len;

  g_assert_nonnull (note);

  g_assert_false (alliance_session_store_delete_session (fixture->store, session->id, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "entered in error"));
  assert_counts_unchanged (fixture, before);
  assert_changed (fixture, n_changed, 0);

  /* What it offers instead works, signed note or not. */
  g_clear_error (&error);
  g_assert_true (alliance_session_store_mark_entered_in_error (fixture->store, session->id, "Wrong client", &error));
  g_assert_no_error (error);
  assert_changed (fixture, n_changed + 1, zoe);
  {
    g_autoptr(AllianceSession) reloaded = load_session (fixture, session->id);
    g_autoptr(AllianceNote) still = load_note (fixture, session->id);

    g_assert_cmpstr (reloaded->error_reason, ==, "Wrong client");
    g_assert_cmpint (reloaded->note_state, ==, ALLIANCE_NOTE_STATE_SIGNED);
    g_assert_cmpstr (still->sections[0], ==, "Signed text");
  }
}

static void
test_signed_session_frozen (Fixture       *fixture,
                            gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = add_signed (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_FREE, "Signed");
  guint n_changed = fixture->changed_ids->len;
  Counts before = take_counts (fixture);

  g_assert_nonnull (note);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(AllianceSession) edited = load_session (fixture, session->id);
      g_autoptr(AllianceSession) reloaded = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (edited->note_state, ==, ALLIANCE_NOTE_STATE_SIGNED);
      if (i == 0)
        set_string (&edited->starts_at, "2026-02-01 10:00");
      else if (i == 1)
        edited->duration_minutes = 60;
      else if (i == 2)
        edited->attendance = ALLIANCE_ATTENDANCE_NO_SHOW;
      /* i == 3: even an unchanged save is refused, so the UI knows. */

      g_assert_false (alliance_session_store_save_session (fixture->store, edited, NULL, &error));
      g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==,
                       "This session’s note is signed, so its date, length and attendance can no longer change. "
                       "Mark it entered in error instead.");

      reloaded = load_session (fixture, session->id);
      g_assert_cmpstr (reloaded->starts_at, ==, "2026-03-01 10:00");
      g_assert_cmpint (reloaded->duration_minutes, ==, 50);
      g_assert_cmpint (reloaded->attendance, ==, ALLIANCE_ATTENDANCE_ATTENDED);
      g_assert_cmpstr (reloaded->updated_at, ==, session->updated_at);
    }
  assert_counts_unchanged (fixture, before);
  assert_changed (fixture, n_changed, 0);
}

/* ---------------------------------------------------------------------- */
/* Notes                                                                   */

static void
test_no_note (Fixture       *fixture,
              gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(GError) error = NULL;

  g_assert_null (alliance_session_store_load_note (fixture->store, session->id, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (alliance_session_store_load_note (fixture->store, session->id + 100, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
}

static void
test_draft_round_trip (Fixture       *fixture,
                       gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_SOAP);
  g_autoptr(AllianceNote) loaded = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = fixture->changed_ids->len;

  /* An empty draft saves: it is only a draft. */
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_no_error (error);
  assert_changed (fixture, n_changed + 1, zoe);
  g_assert_cmpint (note->id, >, 0);
  g_assert_nonnull (note->created_at);
  g_assert_cmpstr (note->created_at, ==, note->updated_at);
  g_assert_cmpint (take_counts (fixture).sections, ==, 4);
  {
    g_autoptr(AllianceSession) reloaded = load_session (fixture, session->id);
    g_assert_cmpint (reloaded->note_state, ==, ALLIANCE_NOTE_STATE_DRAFT);
  }

  set_section (note, 0, "Reports sleeping five hours.");
  set_section (note, 3, "Sleep diary; next week.");
  set_string (&note->process_note, "I felt hurried today.");
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_no_error (error);
  assert_changed (fixture, n_changed + 2, zoe);

  loaded = load_note (fixture, session->id);
  g_assert_cmpint (loaded->id, ==, note->id);
  g_assert_cmpint (loaded->session_id, ==, session->id);
  g_assert_cmpint (loaded->template_id, ==, ALLIANCE_NOTE_TEMPLATE_SOAP);
  {
    const char *expected[] = { "Reports sleeping five hours.", "", "", "Sleep diary; next week.", NULL };
    g_assert_cmpstrv (loaded->sections, expected);
  }
  g_assert_cmpstr (loaded->process_note, ==, "I felt hurried today.");
  g_assert_null (loaded->signed_at);
  g_assert_null (loaded->signed_by);
  g_assert_null (loaded->content_sha256);
  g_assert_cmpstr (loaded->created_at, ==, note->created_at);
  g_assert_cmpuint (loaded->addenda->len, ==, 0);
  g_assert_cmpint (take_counts (fixture).notes, ==, 1);
  g_assert_cmpint (take_counts (fixture).sections, ==, 4);

  /* Each section row carries its template's section id, in order. */
  {
    g_autofree char *ids = test_query_text (handle_of (fixture),
                                            "SELECT group_concat(section, ',') FROM "
                                            "(SELECT section FROM note_sections ORDER BY position)");
    g_assert_cmpstr (ids, ==, "subjective,objective,assessment,plan");
  }

  /* A draft with fewer texts than sections is padded; one with more is
   * refused rather than losing text. */
  {
    g_autoptr(AllianceNote) copy = alliance_note_copy (loaded);
    g_autoptr(AllianceNote) reread = NULL;
    Counts before = take_counts (fixture);

    g_strfreev (copy->sections);
    copy->sections = g_strsplit ("One|Two|Three|Four|Five", "|", -1);
    g_assert_false (alliance_session_store_save_draft (fixture->store, copy, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
    g_clear_error (&error);
    assert_counts_unchanged (fixture, before);

    g_strfreev (copy->sections);
    copy->sections = g_strsplit ("Only one", "|", -1);
    g_assert_true (alliance_session_store_save_draft (fixture->store, copy, &error));
    g_assert_no_error (error);
    reread = load_note (fixture, session->id);
    {
      const char *expected[] = { "Only one", "", "", "", NULL };
      g_assert_cmpstrv (reread->sections, expected);
    }
  }

  /* A second note for the same session is refused. */
  {
    g_autoptr(AllianceNote) second = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_FREE);
    Counts before = take_counts (fixture);
    guint n_before = fixture->changed_ids->len;

    set_section (second, 0, "Another note");
    g_assert_false (alliance_session_store_save_draft (fixture->store, second, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (second->id, ==, 0);
    assert_counts_unchanged (fixture, before);
    assert_changed (fixture, n_before, zoe);
  }

  /* A note for a session that does not exist. */
  {
    g_autoptr(AllianceNote) orphan = alliance_note_new (session->id + 100, ALLIANCE_NOTE_TEMPLATE_FREE);

    g_assert_false (alliance_session_store_save_draft (fixture->store, orphan, &error));
    g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

static char *
make_big_text (gsize size)
{
  static const char *lines[] = {
    "Ligne de thérapie — « guillemets » et 'apostrophes' ; \"doubles\".\n",
    "'); DROP TABLE notes; --\n",
    "SELECT * FROM note_sections WHERE 1 = 1; DELETE FROM sessions;\n",
    "Zoë naïve café 日本語 emoji \xf0\x9f\x99\x82 tab\there\r\n",
    "%s %d %n {} [] \\ \\\\ ? ?1 :name @name $name\n",
  };
  GString *out = g_string_sized_new (size + 128);

  for (guint i = 0; out->len < size; i++)
    g_string_append (out, lines[i % G_N_ELEMENTS (lines)]);
  g_string_append (out, "needleinthehaystack");
  return g_string_free (out, FALSE);
}

static void
test_draft_verbatim (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char *texts[] = {
    "'); DROP TABLE notes; --",
    "Robert'); DELETE FROM note_sections WHERE ('1' = '1",
    "\"double\" 'single' `back` ; -- /* comment */",
    "  leading and trailing spaces  \n\n",
    "Line one\nLine two\r\nLine three\ttabbed",
    "Zoë, Nguyễn Thị Minh Anh, Ólafur — “curly” ‘quotes’ …",
    "%s%s%s%n %d",
    "SELECT * FROM sessions; UPDATE notes SET signed_at = 'now';",
  };
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_BIRP);
  g_autofree char *big = make_big_text (1024 * 1024);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(AllianceNote) loaded = NULL;

      set_section (note, i % 4, texts[i]);
      set_string (&note->process_note, texts[(i + 1) % G_N_ELEMENTS (texts)]);
      g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
      g_assert_no_error (error);

      loaded = load_note (fixture, session->id);
      g_assert_cmpstrv (loaded->sections, note->sections);
      g_assert_cmpstr (loaded->process_note, ==, note->process_note);
    }

  /* A megabyte in one section. */
  set_section (note, 1, big);
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AllianceNote) loaded = load_note (fixture, session->id);

    g_assert_cmpuint (strlen (loaded->sections[1]), ==, strlen (big));
    g_assert_true (strcmp (loaded->sections[1], big) == 0);
    g_assert_cmpstrv (loaded->sections, note->sections);
  }
  g_assert_cmpuint (n_hits (fixture, "needleinthehaystack"), ==, 1);

  /* The tables are all still there, of course. */
  g_assert_cmpint (take_counts (fixture).sessions, ==, 1);
  g_assert_cmpint (take_counts (fixture).notes, ==, 1);

  /* And it signs, and the hash covers every byte. */
  g_assert_true (alliance_session_store_sign_note (fixture->store, note, SIGNER, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AllianceNote) loaded = load_note (fixture, session->id);
    g_autofree char *recomputed = alliance_note_compute_sha256 (loaded);

    g_assert_cmpstr (recomputed, ==, loaded->content_sha256);
  }
}

static void
test_template_change (Fixture       *fixture,
                      gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_SOAP);
  g_autoptr(GError) error = NULL;

  set_section (note, 0, "subjective pomegranate");
  set_section (note, 1, "objective pomegranate");
  set_section (note, 2, "assessment apricot");
  set_section (note, 3, "plan apricot");
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_hits (fixture, "pomegranate"), ==, 2);

  /* SOAP → free text: one section, "note". */
  g_strfreev (note->sections);
  note->sections = g_strsplit ("Free-text tangerine", "|", -1);
  note->template_id = ALLIANCE_NOTE_TEMPLATE_FREE;
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AllianceNote) loaded = load_note (fixture, session->id);
    g_autofree char *ids = test_query_text (handle_of (fixture), "SELECT group_concat(section) FROM note_sections");
    const char *expected[] = { "Free-text tangerine", NULL };

    g_assert_cmpint (loaded->template_id, ==, ALLIANCE_NOTE_TEMPLATE_FREE);
    g_assert_cmpstrv (loaded->sections, expected);
    g_assert_cmpstr (ids, ==, "note");
  }
  g_assert_cmpint (take_counts (fixture).sections, ==, 1);
  g_assert_cmpuint (n_hits (fixture, "pomegranate"), ==, 0);
  g_assert_cmpuint (n_hits (fixture, "apricot"), ==, 0);
  g_assert_cmpuint (n_hits (fixture, "tangerine"), ==, 1);

  /* Free → DAP, through the helper that keeps shared sections. */
  alliance_note_set_template (note, ALLIANCE_NOTE_TEMPLATE_DAP);
  set_section (note, 0, "Data damson");
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AllianceNote) loaded = load_note (fixture, session->id);
    g_autofree char *ids = test_query_text (handle_of (fixture),
                                            "SELECT group_concat(section, ',') FROM "
                                            "(SELECT section FROM note_sections ORDER BY position)");
    const char *expected[] = { "Data damson", "", "", NULL };

    g_assert_cmpint (loaded->template_id, ==, ALLIANCE_NOTE_TEMPLATE_DAP);
    g_assert_cmpstrv (loaded->sections, expected);
    g_assert_cmpstr (ids, ==, "data,assessment,plan");
  }
  g_assert_cmpuint (n_hits (fixture, "tangerine"), ==, 0);
  g_assert_cmpuint (n_hits (fixture, "damson"), ==, 1);
}

static void
test_sign_refused (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char *blank_signers[] = { NULL, "", "  ", "\t\n" };
  static const char *blank_texts[] = { "", "   ", "\n\t\n", "\xc2\xa0" };
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_SOAP);
  g_autoptr(GError) error = NULL;
  guint n_changed = fixture->changed_ids->len;
  Counts before = take_counts (fixture);

  /* An empty note: nothing in any section, or only white space. */
  for (guint i = 0; i < G_N_ELEMENTS (blank_texts); i++)
    {
      for (guint s = 0; s < 4; s++)
        set_section (note, s, blank_texts[(i + s) % G_N_ELEMENTS (blank_texts)]);
      set_string (&note->process_note, blank_texts[i]);
      g_assert_false (alliance_session_store_sign_note (fixture->store, note, SIGNER, &error));
      g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
      g_assert_cmpstr (error->message, ==, "An empty note cannot be signed.");
      g_clear_error (&error);
    }
  g_assert_cmpint (note->id, ==, 0);
  g_assert_null (note->signed_at);
  assert_counts_unchanged (fixture, before);

  /* A note with text but no signer. */
  set_section (note, 0, "Slept better.");
  for (guint i = 0; i < G_N_ELEMENTS (blank_signers); i++)
    {
      g_assert_false (alliance_session_store_sign_note (fixture->store, note, blank_signers[i], &error));
      g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
      g_assert_cmpstr (error->message, ==, "Enter your name as it should appear on signed notes (Preferences).");
      g_clear_error (&error);
    }
  g_assert_cmpint (note->id, ==, 0);
  g_assert_null (note->signed_at);
  g_assert_null (note->signed_by);
  g_assert_null (note->content_sha256);
  assert_counts_unchanged (fixture, before);

  /* A saved draft refused the same way keeps its saved text. */
  {
    g_autoptr(AllianceNote) saved = add_draft (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_DAP, "Saved text");
    g_autoptr(AllianceNote) reloaded = NULL;
    Counts with_draft = take_counts (fixture);

    n_changed = fixture->changed_ids->len;
    set_section (saved, 0, "Changed but not saved");
    g_assert_false (alliance_session_store_sign_note (fixture->store, saved, " ", &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
    g_clear_error (&error);
    assert_counts_unchanged (fixture, with_draft);
    reloaded = load_note (fixture, session->id);
    g_assert_cmpstr (reloaded->sections[0], ==, "Saved text");
    g_assert_null (reloaded->signed_at);
  }
  assert_changed (fixture, n_changed, 0);
}

static void
test_sign (Fixture       *fixture,
           gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = add_draft (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_DAP, "Draft data");
  g_autoptr(AllianceNote) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before_sign = alliance_timestamp_now ();
  g_autofree char *expected_sha256 = NULL;
  guint n_changed = fixture->changed_ids->len;

  /* Signing saves what is on screen first, in the same transaction. */
  set_section (note, 0, "Reports fewer panic attacks.");
  set_section (note, 1, "Exposure is working.");
  set_section (note, 2, "Continue weekly.");
  set_string (&note->process_note, "Noticed my own relief.");
  expected_sha256 = alliance_note_compute_sha256 (note);

  g_assert_true (alliance_session_store_sign_note (fixture->store, note, "  " SIGNER "  ", &error));
  g_assert_no_error (error);
  assert_changed (fixture, n_changed + 1, zoe);

  /* The caller's note is updated... */
  g_assert_true (alliance_note_is_signed (note));
  g_assert_cmpstr (note->signed_by, ==, SIGNER);
  g_assert_cmpstr (note->content_sha256, ==, expected_sha256);
  g_assert_cmpuint (strlen (note->content_sha256), ==, 64);
  g_assert_cmpstr (note->signed_at, >=, before_sign);
  g_assert_true (g_str_has_suffix (note->signed_at, "Z"));

  /* ...and matches what is stored; the stored text hashes to the stored hash. */
  loaded = load_note (fixture, session->id);
  g_assert_cmpstr (loaded->signed_at, ==, note->signed_at);
  g_assert_cmpstr (loaded->signed_by, ==, SIGNER);
  g_assert_cmpstr (loaded->content_sha256, ==, expected_sha256);
  g_assert_cmpstr (loaded->sections[0], ==, "Reports fewer panic attacks.");
  g_assert_cmpstr (loaded->process_note, ==, "Noticed my own relief.");
  {
    g_autofree char *recomputed = alliance_note_compute_sha256 (loaded);
    g_autofree char *content = alliance_note_dup_signed_content (loaded);
    g_autofree char *by_hand = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);

    g_assert_cmpstr (recomputed, ==, loaded->content_sha256);
    g_assert_cmpstr (by_hand, ==, loaded->content_sha256);
    g_assert_true (g_str_has_prefix (content, "alliance-note 1:1\ntemplate 3:dap\nsection 4:data\n"
                                              "text 28:Reports fewer panic attacks.\n"));
  }
  {
    g_autoptr(AllianceSession) reloaded = load_session (fixture, session->id);
    g_assert_cmpint (reloaded->note_state, ==, ALLIANCE_NOTE_STATE_SIGNED);
  }

  /* A note signed straight away, never saved as a draft. */
  {
    g_autoptr(AllianceSession) other = add_session (fixture, zoe, "2026-03-08 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
    g_autoptr(AllianceNote) direct = alliance_note_new (other->id, ALLIANCE_NOTE_TEMPLATE_FREE);
    g_autoptr(AllianceNote) reread = NULL;

    set_string (&direct->process_note, "Only a process note.");
    g_assert_true (alliance_session_store_sign_note (fixture->store, direct, SIGNER, &error));
    g_assert_no_error (error);
    g_assert_cmpint (direct->id, >, 0);
    reread = load_note (fixture, other->id);
    g_assert_cmpstr (reread->content_sha256, ==, direct->content_sha256);
  }
}

static void
test_signed_immutable_store (Fixture       *fixture,
                             gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) stale = add_draft (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_SOAP, "Before signing");
  g_autoptr(AllianceNote) note = alliance_note_copy (stale);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  Counts before;
  guint n_changed;

  g_assert_true (alliance_session_store_sign_note (fixture->store, note, SIGNER, &error));
  g_assert_no_error (error);
  sha256 = g_strdup (note->content_sha256);
  before = take_counts (fixture);
  n_changed = fixture->changed_ids->len;

  /* The signed note itself. */
  set_section (note, 0, "Changed after signing");
  g_assert_false (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This note is signed and can no longer be changed; add an addendum instead.");
  g_clear_error (&error);
  g_assert_false (alliance_session_store_sign_note (fixture->store, note, SIGNER, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (note->content_sha256, ==, sha256);

  /* A copy taken while it was a draft (another window, say): the schema's
   * trigger refuses it, and the store says why in words. */
  set_section (stale, 0, "Changed in a stale window");
  g_assert_false (alliance_session_store_save_draft (fixture->store, stale, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "This note is signed and can no longer be changed; add an addendum instead.");
  g_clear_error (&error);
  g_assert_false (alliance_session_store_sign_note (fixture->store, stale, "Someone Else", &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "This note is signed and can no longer be changed; add an addendum instead.");
  g_clear_error (&error);
  g_assert_null (stale->signed_at);

  /* A new note for the signed session. */
  {
    g_autoptr(AllianceNote) replacement = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_FREE);

    set_section (replacement, 0, "Replacement");
    g_assert_false (alliance_session_store_save_draft (fixture->store, replacement, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
    g_clear_error (&error);
  }

  assert_counts_unchanged (fixture, before);
  assert_changed (fixture, n_changed, 0);
  {
    g_autoptr(AllianceNote) loaded = load_note (fixture, session->id);
    g_autofree char *recomputed = alliance_note_compute_sha256 (loaded);

    g_assert_cmpstr (loaded->sections[0], ==, "Before signing");
    g_assert_cmpstr (loaded->signed_by, ==, SIGNER);
    g_assert_cmpstr (recomputed, ==, sha256);
  }
}

/* The schema itself refuses any change to a signed note, whoever asks. */
static void
test_signed_immutable_sql (Fixture       *fixture,
                           gconstpointer  user_data)
{
  static const char *refused[] = {
    "UPDATE note_sections SET body = 'tampered'",
    "UPDATE note_sections SET body = body",
    "UPDATE note_sections SET position = position + 10",
    "UPDATE note_sections SET note_id = (SELECT max(id) FROM notes)",
    "DELETE FROM note_sections",
    ("INSERT INTO note_sections (note_id, position, section, body) SELECT id, 9, 'x', 'added' FROM notes "
     "WHERE signed_at IS NOT NULL"),
    "UPDATE notes SET process_note = 'tampered'",
    "UPDATE notes SET template = 'free'",
    "UPDATE notes SET signed_by = 'Someone Else'",
    "UPDATE notes SET signed_at = NULL, signed_by = NULL, content_sha256 = NULL",
    "UPDATE notes SET content_sha256 = '0000000000000000000000000000000000000000000000000000000000000000'",
    "UPDATE notes SET session_id = (SELECT max(id) FROM sessions)",
    "DELETE FROM notes",
    "UPDATE sessions SET attendance = 'no-show' WHERE id = 1",
    "UPDATE sessions SET starts_at = '2026-01-01 10:00' WHERE id = 1",
    "UPDATE sessions SET duration_minutes = 10 WHERE id = 1",
    "UPDATE sessions SET kind = 'group' WHERE id = 1",
    "UPDATE sessions SET modality = 'phone' WHERE id = 1",
    "UPDATE sessions SET client_id = 2 WHERE id = 1",
    "DELETE FROM sessions WHERE id = 1",
    "UPDATE sessions SET id = 100 WHERE id = 1",
    "DELETE FROM clients WHERE id = 1",
  };
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  gint64 other_client = add_client (fixture, "Mateo", "García", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) spare = add_session (fixture, other_client, "2026-03-02 10:00",
                                                   ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = add_signed (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_SOAP, "Signed body");
  g_autofree char *sha256 = g_strdup (note->content_sha256);
  Counts before = take_counts (fixture);

  g_assert_cmpint (session->id, ==, 1);
  g_assert_cmpint (zoe, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_raw_refused (fixture, refused[i]);

  /* The refusal is a trigger's, with the extended code the store maps. */
  g_assert_cmpint (raw_exec (fixture, "UPDATE note_sections SET body = 'tampered'"), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (raw_exec (fixture, "DELETE FROM notes"), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (raw_exec (fixture, "UPDATE sessions SET attendance = 'no-show'"), ==, SQLITE_CONSTRAINT_TRIGGER);

  /* What stays allowed: the entered-in-error mark and the timestamp. */
  g_assert_cmpint (raw_exec (fixture, "UPDATE sessions SET error_reason = 'Wrong client', "
                                      "updated_at = '2026-11-27T00:00:00Z' WHERE id = 1"),
                   ==, SQLITE_OK);

  assert_counts_unchanged (fixture, before);
  {
    g_autoptr(AllianceNote) loaded = load_note (fixture, session->id);
    g_autoptr(AllianceSession) reloaded = load_session (fixture, session->id);
    g_autofree char *recomputed = alliance_note_compute_sha256 (loaded);

    g_assert_cmpstr (loaded->sections[0], ==, "Signed body");
    g_assert_cmpstr (loaded->content_sha256, ==, sha256);
    g_assert_cmpstr (recomputed, ==, sha256);
    g_assert_cmpstr (reloaded->starts_at, ==, "2026-03-01 10:00");
    g_assert_cmpint (reloaded->attendance, ==, ALLIANCE_ATTENDANCE_ATTENDED);
  }
  g_assert_cmpuint (n_hits (fixture, "tampered"), ==, 0);

  /* A note cannot be stored as signed without a signer or a hash. */
  assert_raw_refused_with (fixture, "INSERT INTO notes (session_id, template, signed_at, signed_by, content_sha256, "
                               "created_at, updated_at) VALUES (2, 'free', 'now', NULL, "
                               "'0000000000000000000000000000000000000000000000000000000000000000', 'x', 'x')",
                           SQLITE_CONSTRAINT_CHECK);
  assert_raw_refused_with (fixture, "INSERT INTO notes (session_id, template, signed_at, signed_by, content_sha256, "
                               "created_at, updated_at) VALUES (2, 'free', 'now', 'Dr Sam Rivera', NULL, 'x', 'x')",
                           SQLITE_CONSTRAINT_CHECK);
  assert_raw_refused_with (fixture, "INSERT INTO notes (session_id, template, signed_at, signed_by, content_sha256, "
                               "created_at, updated_at) VALUES (2, 'free', 'now', '  ', "
                               "'0000000000000000000000000000000000000000000000000000000000000000', 'x', 'x')",
                           SQLITE_CONSTRAINT_CHECK);
  assert_raw_refused_with (fixture, "INSERT INTO notes (session_id, template, signed_at, signed_by, content_sha256, "
                               "created_at, updated_at) VALUES (2, 'free', NULL, 'Dr Sam Rivera', NULL, 'x', 'x')",
                           SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (spare->id, ==, 2);
}

/* ---------------------------------------------------------------------- */
/* Addenda                                                                 */

static void
test_addendum_refused (Fixture       *fixture,
                       gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) drafted = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceSession) signed_session = add_session (fixture, zoe, "2026-03-08 10:00",
                                                            ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) draft = add_draft (fixture, drafted->id, ALLIANCE_NOTE_TEMPLATE_FREE, "A draft");
  g_autoptr(AllianceNote) note = add_signed (fixture, signed_session->id, ALLIANCE_NOTE_TEMPLATE_FREE, "Signed");
  g_autoptr(AllianceNote) unsaved = alliance_note_new (drafted->id, ALLIANCE_NOTE_TEMPLATE_FREE);
  g_autoptr(GError) error = NULL;
  Counts before = take_counts (fixture);
  guint n_changed = fixture->changed_ids->len;

  /* On a draft, or a note never saved: edit the draft instead. */
  g_assert_false (alliance_session_store_add_addendum (fixture->store, draft, "Correction", SIGNER, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (alliance_session_store_add_addendum (fixture->store, unsaved, "Correction", SIGNER, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  /* A draft that only claims to be signed: the database knows better. */
  {
    g_autoptr(AllianceNote) forged = alliance_note_copy (draft);

    forged->signed_at = g_strdup ("2026-03-01T12:00:00Z");
    forged->content_sha256 = g_strdup (note->content_sha256);
    g_assert_false (alliance_session_store_add_addendum (fixture->store, forged, "Correction", SIGNER, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* A blank body or signer. */
  for (guint i = 0; i < 4; i++)
    {
      static const char *blanks[] = { NULL, "", "  ", "\n\t" };

      g_assert_false (alliance_session_store_add_addendum (fixture->store, note, blanks[i], SIGNER, &error));
      g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
      g_clear_error (&error);
      g_assert_false (alliance_session_store_add_addendum (fixture->store, note, "Correction", blanks[i], &error));
      g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
      g_assert_cmpstr (error->message, ==, "Enter your name as it should appear on signed notes (Preferences).");
      g_clear_error (&error);
    }

  g_assert_cmpuint (note->addenda->len, ==, 0);
  g_assert_cmpuint (draft->addenda->len, ==, 0);
  assert_counts_unchanged (fixture, before);
  assert_changed (fixture, n_changed, 0);

  /* Nor through SQL, on a draft note. */
  assert_raw_refused (fixture, "INSERT INTO note_addenda (note_id, body, signed_at, signed_by, content_sha256, "
                               "created_at) SELECT id, 'x', 'now', 'me', "
                               "'0000000000000000000000000000000000000000000000000000000000000000', 'now' "
                               "FROM notes WHERE signed_at IS NULL");
}

static void
test_addenda (Fixture       *fixture,
              gconstpointer  user_data)
{
  static const char *bodies[] = {
    "Correction: the session lasted 60 minutes.",
    "The client's GP called; see the letter of 3 March.",
    "  Third, with spaces kept.\n",
  };
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = add_signed (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_BIRP, "Signed");
  g_autoptr(AllianceNote) loaded = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = fixture->changed_ids->len;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      AllianceAddendum *added;

      g_assert_true (alliance_session_store_add_addendum (fixture->store, note, bodies[i], " " SIGNER " ", &error));
      g_assert_no_error (error);
      assert_changed (fixture, n_changed + i + 1, zoe);
      g_assert_cmpuint (note->addenda->len, ==, i + 1);
      added = g_ptr_array_index (note->addenda, i);
      g_assert_cmpint (added->id, >, 0);
      g_assert_cmpint (added->note_id, ==, note->id);
      g_assert_cmpstr (added->body, ==, bodies[i]);
      g_assert_cmpstr (added->signed_by, ==, SIGNER);
      g_assert_nonnull (added->signed_at);
      g_assert_cmpuint (strlen (added->content_sha256), ==, 64);
    }

  /* Oldest first, each hash chained to the note's. */
  loaded = load_note (fixture, session->id);
  g_assert_cmpuint (loaded->addenda->len, ==, G_N_ELEMENTS (bodies));
  for (guint i = 0; i < loaded->addenda->len; i++)
    {
      AllianceAddendum *addendum = g_ptr_array_index (loaded->addenda, i);
      AllianceAddendum *added = g_ptr_array_index (note->addenda, i);
      g_autofree char *recomputed = alliance_addendum_compute_sha256 (addendum, loaded->content_sha256);
      g_autofree char *content = alliance_addendum_dup_signed_content (addendum, loaded->content_sha256);
      g_autofree char *by_hand = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);

      g_assert_cmpint (addendum->id, ==, added->id);
      g_assert_cmpstr (addendum->body, ==, bodies[i]);
      g_assert_cmpstr (addendum->signed_at, ==, added->signed_at);
      g_assert_cmpstr (addendum->content_sha256, ==, added->content_sha256);
      g_assert_cmpstr (recomputed, ==, addendum->content_sha256);
      g_assert_cmpstr (by_hand, ==, addendum->content_sha256);
      g_assert_nonnull (strstr (content, loaded->content_sha256));
    }

  /* The note itself is untouched. */
  {
    g_autofree char *recomputed = alliance_note_compute_sha256 (loaded);
    g_assert_cmpstr (recomputed, ==, note->content_sha256);
  }

  /* Addenda are frozen too. */
  assert_raw_refused (fixture, "UPDATE note_addenda SET body = 'tampered'");
  assert_raw_refused (fixture, "UPDATE note_addenda SET signed_by = 'Someone Else'");
  assert_raw_refused (fixture, "DELETE FROM note_addenda");
  g_assert_cmpint (take_counts (fixture).addenda, ==, G_N_ELEMENTS (bodies));
  {
    g_autoptr(AllianceNote) again = load_note (fixture, session->id);
    AllianceAddendum *first = g_ptr_array_index (again->addenda, 0);

    g_assert_cmpstr (first->body, ==, bodies[0]);
  }

  /* The note copy keeps its addenda. */
  {
    g_autoptr(AllianceNote) copy = alliance_note_copy (loaded);
    g_assert_cmpuint (copy->addenda->len, ==, G_N_ELEMENTS (bodies));
  }
}

/* ---------------------------------------------------------------------- */
/* Search                                                                  */

typedef struct
{
  gint64 zoe;
  gint64 kate;
  gint64 zoe_session;
  gint64 kate_session;
} SearchData;

static void
add_search_data (Fixture    *fixture,
                 SearchData *data)
{
  g_autoptr(AllianceSession) zoe_session = NULL;
  g_autoptr(AllianceSession) kate_session = NULL;
  g_autoptr(AllianceNote) zoe_note = NULL;
  g_autoptr(AllianceNote) kate_note = NULL;
  g_autoptr(GError) error = NULL;

  data->zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  data->kate = add_client (fixture, "Katherine", "O'Connor-Whitfield", "Kate");
  zoe_session = add_session (fixture, data->zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  kate_session = add_session (fixture, data->kate, "2026-03-02 11:00", ALLIANCE_ATTENDANCE_ATTENDED);
  data->zoe_session = zoe_session->id;
  data->kate_session = kate_session->id;

  zoe_note = alliance_note_new (zoe_session->id, ALLIANCE_NOTE_TEMPLATE_SOAP);
  set_section (zoe_note, 0, "Zoë spoke about her thérapeute and about sleep; whether or not and when.");
  set_section (zoe_note, 3, "Try the relaxation exercise before bed.");
  g_assert_true (alliance_session_store_sign_note (fixture->store, zoe_note, SIGNER, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_session_store_add_addendum (fixture->store, zoe_note,
                                                      "Addendum: the exercise was progressive muscle relaxation.",
                                                      SIGNER, &error));
  g_assert_no_error (error);

  kate_note = alliance_note_new (kate_session->id, ALLIANCE_NOTE_TEMPLATE_FREE);
  set_section (kate_note, 0, "Burnout at work; sleep is poor. \"Quoted\" words (in parentheses) AND capitals.");
  g_assert_true (alliance_session_store_save_draft (fixture->store, kate_note, &error));
  g_assert_no_error (error);
}

static void
test_fts_query (void)
{
  static const struct
  {
    const char *text;
    const char *expected;
  } cases[] = {
    { "zoe", "\"zoe\"*" },
    { "  zoe  sleep ", "\"zoe\" AND \"sleep\"*" },
    { "a \"b", "\"a\" AND \"\"\"b\"*" },
    { "say \"hello\"", "\"say\" AND \"\"\"hello\"\"\"*" },
    { "AND OR NOT (", "\"AND\" AND \"OR\" AND \"NOT\"*" },
    { "NEAR(a b)", "\"NEAR(a\" AND \"b)\"*" },
    { "body:zoe", "\"body:zoe\"*" },
    { "-zoe ^sleep", "\"-zoe\" AND \"^sleep\"*" },
    { "Zoë\xc2\xa0Laurent", "\"Zoë\" AND \"Laurent\"*" },
    { "tab\tnewline\nend", "\"tab\" AND \"newline\" AND \"end\"*" },
    { "x * ( ) \" : -", "\"x\"*" },
  };
  static const char *nothing[] = { NULL, "", "   ", "\t\n", "\"", "\"\"", "( ) * : - ^ +", "— … «»", "\xff\xfe" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = alliance_session_store_build_fts_query (cases[i].text);
      g_assert_cmpstr (query, ==, cases[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (nothing); i++)
    {
      g_autofree char *query = alliance_session_store_build_fts_query (nothing[i]);
      g_assert_null (query);
    }
}

static void
test_search_accents_and_prefix (Fixture       *fixture,
                                gconstpointer  user_data)
{
  SearchData data;

  add_search_data (fixture, &data);

  /* Diacritics and case do not matter, either way round. */
  g_assert_cmpuint (n_hits (fixture, "zoe"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "ZOË"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "therapeute"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "thérapeute"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "THERAPEUTE"), ==, 1);

  /* The last word is a prefix, so results come while typing... */
  g_assert_cmpuint (n_hits (fixture, "thera"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "sleep thér"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "burn"), ==, 1);
  /* ...the others are whole words, all of which must be there. */
  g_assert_cmpuint (n_hits (fixture, "thera sleep"), ==, 0);
  g_assert_cmpuint (n_hits (fixture, "sleep"), ==, 2);
  g_assert_cmpuint (n_hits (fixture, "sleep burnout"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "sleep zebra"), ==, 0);
  g_assert_cmpuint (n_hits (fixture, "nothinglikethis"), ==, 0);
}

static void
test_search_syntax_safe (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char *queries[] = {
    "\"", "\"\"", "\"zoe", "zoe\"", "AND OR NOT (", "AND", "OR", "NOT", "(", ")", "*", "NEAR(zoe sleep)",
    "NEAR", "body:zoe", "{body}: zoe", "-zoe", "^zoe", "zoe AND", "zoe OR", "+", "'; DROP TABLE notes; --",
    "\x01", "zoe*", "*zoe", "\"zoe\" \"sleep\"", "a:b:c", "rank", "note_search", "zoe NOT sleep", "\\",
    "(zoe OR sleep)", "'", "?1", "%", "\xff\xfe invalid UTF-8",
  };
  SearchData data;

  add_search_data (fixture, &data);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = alliance_session_store_search (fixture->store, queries[i], 0, &error);

      if (error != NULL)
        g_error ("“%s”: %s", queries[i], error->message);
      g_assert_nonnull (hits);
    }

  /* Operators are just words: these texts hold them. */
  g_assert_cmpuint (n_hits (fixture, "AND OR NOT ("), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "\"quoted\" (in parentheses)"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "zoe\""), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "zoe NOT sleep"), ==, 1); /* three words, all in Zoë's note */
  g_assert_cmpuint (n_hits (fixture, "zoe NOT burnout"), ==, 0);
  g_assert_cmpuint (n_hits (fixture, "or not"), ==, 1);
  g_assert_cmpuint (take_counts (fixture).notes, ==, 2);
}

static void
test_search_hits (Fixture       *fixture,
                  gconstpointer  user_data)
{
  SearchData data;
  g_autoptr(GPtrArray) hits = NULL;
  AllianceSearchHit *hit;

  add_search_data (fixture, &data);

  hits = search (fixture, "burnout", 10);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->client_id, ==, data.kate);
  g_assert_cmpint (hit->session_id, ==, data.kate_session);
  g_assert_cmpint (hit->note_id, ==, test_query_int (handle_of (fixture), "SELECT id FROM notes WHERE session_id = 2"));
  g_assert_cmpstr (hit->client_name, ==, "Kate O'Connor-Whitfield");
  g_assert_cmpstr (hit->client_code, ==, "C-0002");
  g_assert_cmpstr (hit->starts_at, ==, "2026-03-02 11:00");
  g_assert_false (hit->is_addendum);
  /* The matched word between \x01 and \x02. */
  g_assert_nonnull (strstr (hit->snippet, "\x01" "Burnout" "\x02"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* An addendum is a hit of its own. */
  hits = search (fixture, "progressive", 10);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_true (hit->is_addendum);
  g_assert_cmpint (hit->client_id, ==, data.zoe);
  g_assert_cmpint (hit->session_id, ==, data.zoe_session);
  g_assert_cmpstr (hit->client_name, ==, "Zoë Laurent");
  g_assert_cmpstr (hit->client_code, ==, "C-0001");
  g_assert_nonnull (strstr (hit->snippet, "\x01" "progressive" "\x02"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* "relaxation" is in a section and in the addendum. */
  hits = search (fixture, "relaxation", 10);
  g_assert_cmpuint (hits->len, ==, 2);
  {
    AllianceSearchHit *a = g_ptr_array_index (hits, 0);
    AllianceSearchHit *b = g_ptr_array_index (hits, 1);

    g_assert_cmpint (a->note_id, ==, b->note_id);
    g_assert_true (a->is_addendum != b->is_addendum);
  }
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A blank query finds nothing, without error. */
  hits = search (fixture, "   ", 10);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (fixture, NULL, 10);
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_search_limit_and_rank (Fixture       *fixture,
                            gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(GPtrArray) hits = NULL;
  gint64 sessions[5] = { 0 };
  gint64 old_twin, new_twin;

  /* Five notes mention it, written in date order: newest first. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *when = g_strdup_printf ("2026-0%u-01 10:00", i + 1);
      g_autoptr(AllianceSession) session = add_session (fixture, zoe, when, ALLIANCE_ATTENDANCE_ATTENDED);
      g_autoptr(AllianceNote) note = add_draft (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_FREE,
                                                i == 2 ? "Anxiety, anxiety, anxiety: the anxiety session."
                                                       : "Mentions anxiety once among many other words.");
      g_assert_nonnull (note);
      sessions[i] = session->id;
    }

  hits = search (fixture, "anxiety", 0);
  g_assert_cmpuint (hits->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (((AllianceSearchHit *)g_ptr_array_index (hits, i))->session_id, ==, sessions[4 - i]);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (fixture, "anxiety", 2);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (((AllianceSearchHit *)g_ptr_array_index (hits, 0))->session_id, ==, sessions[4]);
  g_assert_cmpint (((AllianceSearchHit *)g_ptr_array_index (hits, 1))->session_id, ==, sessions[3]);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (fixture, "anxiety", 1);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Equal matches: the newest session first, whatever order they were written in. */
  {
    g_autoptr(AllianceSession) newer = add_session (fixture, zoe, "2026-08-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
    g_autoptr(AllianceSession) older = add_session (fixture, zoe, "2026-07-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
    g_autoptr(AllianceNote) a = add_draft (fixture, older->id, ALLIANCE_NOTE_TEMPLATE_FREE, "identical twin text");
    g_autoptr(AllianceNote) b = add_draft (fixture, newer->id, ALLIANCE_NOTE_TEMPLATE_FREE, "identical twin text");

    g_assert_nonnull (a);
    g_assert_nonnull (b);

    old_twin = older->id;
    new_twin = newer->id;
  }
  hits = search (fixture, "twin", 0);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (((AllianceSearchHit *)g_ptr_array_index (hits, 0))->session_id, ==, new_twin);
  g_assert_cmpint (((AllianceSearchHit *)g_ptr_array_index (hits, 1))->session_id, ==, old_twin);
}

static void
test_search_follows_edits (Fixture       *fixture,
                           gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = add_draft (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_SOAP, "First wording: gooseberry");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n_hits (fixture, "gooseberry"), ==, 1);

  /* An autosave replaces the words in the index, not adds to them. */
  set_section (note, 0, "Second wording: elderberry");
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_hits (fixture, "gooseberry"), ==, 0);
  hits = search (fixture, "elderberry", 0);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (strstr (((AllianceSearchHit *)g_ptr_array_index (hits, 0))->snippet, "Second wording"));
  g_assert_null (strstr (((AllianceSearchHit *)g_ptr_array_index (hits, 0))->snippet, "First"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Another section edited; the first unchanged. */
  set_section (note, 2, "Assessment: cloudberry");
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_hits (fixture, "elderberry"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "cloudberry"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "wording"), ==, 1);

  /* Signing keeps the index as it is. */
  g_assert_true (alliance_session_store_sign_note (fixture->store, note, SIGNER, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_hits (fixture, "elderberry"), ==, 1);
  g_assert_cmpuint (n_hits (fixture, "gooseberry"), ==, 0);

  /* The index agrees with the sections, row for row. */
  g_assert_cmpint (test_query_int (handle_of (fixture),
                                   "SELECT count(*) FROM note_sections ns JOIN note_search s ON s.rowid = ns.id "
                                   "WHERE s.body IS ns.body"),
                   ==, 4);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM note_search"), ==, 4);
}

/* ---------------------------------------------------------------------- */

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  gint64 kate = add_client (fixture, "Katherine", "O'Connor-Whitfield", "Kate");
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(AllianceSession) kate_session = NULL;
  g_autoptr(AllianceSession) refused = alliance_session_new (zoe);
  g_autoptr(AllianceNote) note = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (fixture->changed_ids->len, ==, 0);

  session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  assert_changed (fixture, 1, zoe);
  kate_session = add_session (fixture, kate, "2026-03-01 11:00", ALLIANCE_ATTENDANCE_ATTENDED);
  assert_changed (fixture, 2, kate);
  save_session (fixture, session);
  assert_changed (fixture, 3, zoe);

  /* Refusals and reads: nothing. */
  refused->duration_minutes = 0;
  g_assert_false (alliance_session_store_save_session (fixture->store, refused, NULL, NULL));
  g_assert_null (alliance_session_store_load_note (fixture->store, session->id, NULL));
  {
    g_autoptr(GPtrArray) sessions = alliance_session_store_list_sessions (fixture->store, zoe, NULL);
    g_autoptr(GPtrArray) hits = search (fixture, "anything", 0);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(AllianceSession) suggestion = alliance_session_store_suggest_session (fixture->store, zoe, now, NULL);

    g_assert_nonnull (sessions);
    g_assert_nonnull (hits);
    g_assert_nonnull (suggestion);
  }
  assert_changed (fixture, 3, zoe);

  note = add_draft (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_FREE, "Draft");
  assert_changed (fixture, 4, zoe);
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  assert_changed (fixture, 5, zoe);
  g_assert_true (alliance_session_store_sign_note (fixture->store, note, SIGNER, &error));
  assert_changed (fixture, 6, zoe);
  g_assert_false (alliance_session_store_sign_note (fixture->store, note, SIGNER, NULL));
  g_assert_false (alliance_session_store_save_draft (fixture->store, note, NULL));
  g_assert_false (alliance_session_store_delete_session (fixture->store, session->id, NULL));
  g_assert_false (alliance_session_store_add_addendum (fixture->store, note, " ", SIGNER, NULL));
  assert_changed (fixture, 6, zoe);
  g_assert_true (alliance_session_store_add_addendum (fixture->store, note, "Addendum", SIGNER, &error));
  assert_changed (fixture, 7, zoe);
  g_assert_true (alliance_session_store_mark_entered_in_error (fixture->store, session->id, "Wrong", &error));
  assert_changed (fixture, 8, zoe);
  g_assert_false (alliance_session_store_mark_entered_in_error (fixture->store, session->id, "Again", NULL));
  assert_changed (fixture, 8, zoe);
  g_assert_true (alliance_session_store_delete_session (fixture->store, kate_session->id, &error));
  assert_changed (fixture, 9, kate);
  g_assert_no_error (error);
}

/* Inside a caller's transaction, saves are savepoints: a rollback of the
 * whole batch takes them all back. */
static void
test_nested_transaction (Fixture       *fixture,
                         gconstpointer  user_data)
{
  gint64 zoe = add_client (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(GError) error = NULL;
  Counts before = take_counts (fixture);

  /* "changed" comes after each savepoint, inside the open transaction. */
  g_signal_handlers_block_by_func (fixture->store, changed_cb, fixture);
  g_assert_true (alliance_database_begin (fixture->database, &error));
  {
    g_autoptr(AllianceSession) session = add_session (fixture, zoe, "2026-03-01 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
    g_autoptr(AllianceNote) note = add_signed (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_FREE, "In a batch");

    g_assert_nonnull (note);

    g_assert_false (sqlite3_get_autocommit (handle_of (fixture)));
  }
  alliance_database_rollback (fixture->database);
  g_signal_handlers_unblock_by_func (fixture->store, changed_cb, fixture);
  assert_counts_unchanged (fixture, before);
}

static void
count_cb (AllianceSessionStore *store,
          gint64                client_id,
          guint                *count)
{
  (*count)++;
}

/* A draft autosave says "changed::draft", everything else
 * "changed::record": flags and charts listen to the record only, and skip
 * the saves made every second while the therapist types. */
static void
test_changed_detail (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 client_id = add_client (fixture, "Robin", "Ashby", NULL);
  g_autoptr(AllianceSession) session = add_session (fixture, client_id, "2026-03-02 10:00",
                                                    ALLIANCE_ATTENDANCE_ATTENDED);
  g_autoptr(AllianceNote) note = NULL;
  g_autoptr(GError) error = NULL;
  guint records = 0, drafts = 0, all = 0;

  g_signal_connect (fixture->store, "changed::record", G_CALLBACK (count_cb), &records);
  g_signal_connect (fixture->store, "changed::draft", G_CALLBACK (count_cb), &drafts);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (count_cb), &all);

  note = add_draft (fixture, session->id, ALLIANCE_NOTE_TEMPLATE_FREE, "First words");
  set_section (note, 0, "First words, and more");
  g_assert_true (alliance_session_store_save_draft (fixture->store, note, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (drafts, ==, 2);
  g_assert_cmpuint (records, ==, 0);

  session->duration_minutes = 45;
  save_session (fixture, session);
  g_assert_true (alliance_session_store_sign_note (fixture->store, note, SIGNER, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 2);
  g_assert_cmpuint (drafts, ==, 2);
  /* Listeners without a detail hear everything. */
  g_assert_cmpuint (all, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/session-store/changed-detail", test_changed_detail);
  ADD ("/session-store/session/save-and-load", test_save_and_load);
  ADD ("/session-store/session/refused", test_save_refused);
  ADD ("/session-store/session/schema-agrees-on-starts-at", test_schema_agrees_on_starts_at);
  ADD ("/session-store/numbering/out-of-order", test_numbering_out_of_order);
  ADD ("/session-store/numbering/moves-and-attendance", test_numbering_moves);
  ADD ("/session-store/numbering/entered-in-error", test_entered_in_error);
  ADD ("/session-store/suggest/rounding", test_suggest_rounding);
  ADD ("/session-store/suggest/copies-last", test_suggest_copies_last);
  ADD ("/session-store/delete/with-draft", test_delete);
  ADD ("/session-store/delete/signed-refused", test_delete_signed_refused);
  ADD ("/session-store/session/signed-frozen", test_signed_session_frozen);
  ADD ("/session-store/note/none", test_no_note);
  ADD ("/session-store/note/draft-round-trip", test_draft_round_trip);
  ADD ("/session-store/note/verbatim", test_draft_verbatim);
  ADD ("/session-store/note/template-change", test_template_change);
  ADD ("/session-store/sign/refused", test_sign_refused);
  ADD ("/session-store/sign/hash", test_sign);
  ADD ("/session-store/sign/immutable-store", test_signed_immutable_store);
  ADD ("/session-store/sign/immutable-sql", test_signed_immutable_sql);
  ADD ("/session-store/addenda/refused", test_addendum_refused);
  ADD ("/session-store/addenda/order-and-hash", test_addenda);
  ADD ("/session-store/search/accents-and-prefix", test_search_accents_and_prefix);
  ADD ("/session-store/search/syntax-safe", test_search_syntax_safe);
  ADD ("/session-store/search/hits", test_search_hits);
  ADD ("/session-store/search/limit-and-rank", test_search_limit_and_rank);
  ADD ("/session-store/search/follows-edits", test_search_follows_edits);
  ADD ("/session-store/changed-signal", test_changed_signal);
  ADD ("/session-store/nested-transaction", test_nested_transaction);
#undef ADD
  g_test_add_func ("/session-store/search/fts-query", test_fts_query);

  return g_test_run ();
}
