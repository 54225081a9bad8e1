/* test-audit.c
 *
 * The audit log: every kind of write through the real stores leaves its row
 * (and no clinical text); the table refuses UPDATE, DELETE and anything but
 * the next link; verify names the first row changed or after one removed
 * (tampering simulated by dropping the guarding trigger and putting it
 * back); draft autosaves coalesce; a bulk batch logs one row; a read-only
 * connection without Alliance's functions still reads the file.
 */
#define G_LOG_DOMAIN "alliance-test-audit"

#include "config.h"

#include <string.h>

#include "alliance-audit.h"
#include "alliance-client-store.h"
#include "alliance-measure-library.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"
#include "test-common.h"

#define SIGNER "Dr Sam Rivera"

/* Distinctive text written into every free-text field the tests touch:
 * none of it may reach the audit log. */
#define SECRET_NAME "Quillonmere"
#define SECRET_NOTE "Zanzibarquest"
#define SECRET_ADDENDUM "Xylofract"
#define SECRET_MEETING "Plumbagonel"
#define SECRET_ITEM "Wexforthian"
#define SECRET_EVENT "Trellisbrook"

typedef struct
{
  AllianceDatabase         *database;
  AllianceClientStore      *clients;
  AllianceSessionStore     *sessions;
  AllianceRatingStore      *ratings;
  AllianceSupervisionStore *supervision;
  gint64                    client_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", SECRET_NAME);
  g_autoptr(GError) error = NULL;

  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->sessions = alliance_session_store_new (fixture->database);
  fixture->ratings = alliance_rating_store_new (fixture->database);
  fixture->supervision = alliance_supervision_store_new (fixture->database);

  client->presenting_concerns = g_strdup ("Low mood; " SECRET_NAME);
  g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
  g_assert_no_error (error);
  fixture->client_id = client->id;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->supervision);
  g_assert_finalize_object (fixture->ratings);
  g_assert_finalize_object (fixture->sessions);
  g_assert_finalize_object (fixture->clients);
  g_assert_finalize_object (fixture->database);
}

static sqlite3 *
handle_of (Fixture *fixture)
{
  return alliance_database_get_handle (fixture->database);
}

/* How many rows say @action to @entity_type @entity_id. */
static gint64
count_rows (Fixture    *fixture,
            const char *action,
            const char *entity_type,
            gint64      entity_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = '%s' "
                                          "AND entity_type = '%s' AND entity_id = %" G_GINT64_FORMAT,
                                          action, entity_type, entity_id);

  return test_query_int (handle_of (fixture), sql);
}

static void
assert_logged (Fixture    *fixture,
               const char *action,
               const char *entity_type,
               gint64      entity_id)
{
  if (count_rows (fixture, action, entity_type, entity_id) != 1)
    g_error ("expected one '%s' row for %s %" G_GINT64_FORMAT ", found %" G_GINT64_FORMAT,
             action, entity_type, entity_id, count_rows (fixture, action, entity_type, entity_id));
}

static void
assert_intact (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = -1;
  guint64 n_rows = 0;

  g_assert_true (alliance_audit_verify (fixture->database, &broken, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 0);
  g_assert_cmpuint (n_rows, ==, (guint64)test_query_int (handle_of (fixture), "SELECT count(*) FROM audit_log"));
}

static gint64
add_session (Fixture    *fixture,
             const char *starts_at)
{
  g_autoptr(AllianceSession) session = alliance_session_new (fixture->client_id);
  g_autoptr(GError) error = NULL;

  session->starts_at = g_strdup (starts_at);
  g_assert_true (alliance_session_store_save_session (fixture->sessions, session, NULL, &error));
  g_assert_no_error (error);
  return session->id;
}

static AllianceNote *
write_note (Fixture    *fixture,
            gint64      session_id,
            const char *text)
{
  AllianceNote *note = alliance_note_new (session_id, ALLIANCE_NOTE_TEMPLATE_FREE);
  g_autoptr(GError) error = NULL;

  g_free (note->sections[0]);
  note->sections[0] = g_strdup (text);
  g_assert_true (alliance_session_store_save_draft (fixture->sessions, note, &error));
  g_assert_no_error (error);
  return note;
}

/* Drops the named trigger, runs @sql as a tamperer would, and puts the
 * trigger back exactly as it was. */
static void
tamper (Fixture    *fixture,
        const char *trigger,
        const char *sql)
{
  sqlite3 *handle = handle_of (fixture);
  g_autofree char *select = g_strdup_printf ("SELECT sql FROM sqlite_master WHERE name = '%s'", trigger);
  g_autofree char *create = test_query_text (handle, select);
  g_autofree char *drop = g_strdup_printf ("DROP TRIGGER %s", trigger);

  g_assert_nonnull (create);
  g_assert_cmpint (sqlite3_exec (handle, drop, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, create, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* ---------------------------------------------------------------------- */

static void
test_actions_round_trip (void)
{
  for (guint i = 0; i < ALLIANCE_N_AUDIT_ACTIONS; i++)
    {
      const char *text = alliance_audit_action_to_string (i);
      const char *label = alliance_audit_action_get_label (i);

      g_assert_nonnull (text);
      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
    }
  g_assert_cmpstr (alliance_audit_action_to_string (ALLIANCE_AUDIT_ADDENDUM), ==, "addendum");
  g_assert_cmpstr (alliance_audit_entity_type_get_label ("client"), ==, "Client");
  g_assert_cmpstr (alliance_audit_entity_type_get_label ("something-new"), ==, "something-new");
}

static void
test_new_database_starts_log (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open_in_memory (&error);
  g_autoptr(GPtrArray) entries = NULL;
  AllianceAuditEntry *entry;

  g_assert_no_error (error);
  entries = alliance_audit_list (database, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->id, ==, 1);
  g_assert_cmpint (entry->action, ==, ALLIANCE_AUDIT_CREATE);
  g_assert_cmpstr (entry->entity_type, ==, "audit_log");
  g_assert_cmpstr (entry->previous_hash, ==, "0000000000000000000000000000000000000000000000000000000000000000");
  g_assert_cmpuint (strlen (entry->hash), ==, 64);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", entry->at, 0, 0));
}

static void
test_append_and_list (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) next = NULL;
  gint64 total;
  AllianceAuditEntry *first, *second;

  g_assert_true (alliance_audit_append (fixture->database, ALLIANCE_AUDIT_EXPORT, "export", 0, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_audit_append (fixture->database, ALLIANCE_AUDIT_BACKUP, "database", 0, &error));
  g_assert_no_error (error);

  /* Inside the caller's transaction, and gone with it. */
  g_assert_true (alliance_database_begin (fixture->database, &error));
  g_assert_true (alliance_audit_append (fixture->database, ALLIANCE_AUDIT_LOCK, "database", 0, &error));
  g_assert_no_error (error);
  alliance_database_rollback (fixture->database);
  g_assert_cmpint (count_rows (fixture, "lock", "database", 0), ==, 0);

  total = test_query_int (handle_of (fixture), "SELECT count(*) FROM audit_log");
  page = alliance_audit_list (fixture->database, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  first = g_ptr_array_index (page, 0);
  second = g_ptr_array_index (page, 1);
  g_assert_cmpint (first->id, ==, total);
  g_assert_cmpint (first->action, ==, ALLIANCE_AUDIT_BACKUP);
  g_assert_cmpstr (first->entity_type, ==, "database");
  g_assert_cmpint (second->action, ==, ALLIANCE_AUDIT_EXPORT);
  g_assert_cmpstr (first->previous_hash, ==, second->hash);

  /* The next page starts below the last row seen, and ends at row 1. */
  next = alliance_audit_list (fixture->database, second->id, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (next->len, ==, total - 2);
  g_assert_cmpint (((AllianceAuditEntry *)g_ptr_array_index (next, next->len - 1))->id, ==, 1);
  assert_intact (fixture);
}

static void
test_store_writes_logged (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceClient) client = NULL;
  g_autoptr(AllianceGoal) goal = NULL;
  g_autoptr(AllianceNote) note = NULL;
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(AllianceAdministration) administration = NULL;
  g_autoptr(AllianceSessionEvent) event = NULL;
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autoptr(AllianceMeasure) measure = NULL;
  const AllianceMeasure *phq9;
  AllianceSupervisionDiscussion *discussion;
  AllianceActionItem *item;
  gint64 session_id, other_session_id, administration_id, event_id;

  assert_logged (fixture, "create", "client", fixture->client_id);

  /* A client changed; a goal set and reviewed. */
  client = alliance_client_store_load (fixture->clients, fixture->client_id, &error);
  g_assert_no_error (error);
  g_free (client->pronouns);
  client->pronouns = g_strdup ("she/her");
  g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "change", "client", fixture->client_id);
  goal = alliance_goal_new (fixture->client_id, "Sleep through " SECRET_NAME, "2026-10-01");
  g_assert_true (alliance_client_store_save_goal (fixture->clients, goal, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "create", "goal", goal->id);
  g_assert_true (alliance_client_store_set_goal_status (fixture->clients, goal->id, ALLIANCE_GOAL_STATUS_ACHIEVED,
                                                        "2026-10-20", &error));
  g_assert_no_error (error);
  assert_logged (fixture, "change", "goal", goal->id);

  /* A session, changed; its note written, signed, and amended. */
  session_id = add_session (fixture, "2026-10-05 09:00");
  assert_logged (fixture, "create", "session", session_id);
  session = alliance_session_store_load_session (fixture->sessions, session_id, &error);
  g_assert_no_error (error);
  session->duration_minutes = 90;
  g_assert_true (alliance_session_store_save_session (fixture->sessions, session, NULL, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "change", "session", session_id);
  note = write_note (fixture, session_id, "Spoke about " SECRET_NOTE);
  assert_logged (fixture, "create", "note", note->id);
  g_assert_true (alliance_session_store_sign_note (fixture->sessions, note, SIGNER, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "sign", "note", note->id);
  g_assert_true (alliance_session_store_add_addendum (fixture->sessions, note, "Also " SECRET_ADDENDUM, SIGNER,
                                                      &error));
  g_assert_no_error (error);
  assert_logged (fixture, "addendum", "note", note->id);

  /* A rating, changed and deleted; an event, changed and deleted. */
  phq9 = alliance_rating_store_get_current_measure (fixture->ratings, ALLIANCE_MEASURE_PHQ9, &error);
  g_assert_no_error (error);
  administration = alliance_administration_new (fixture->client_id, session_id, phq9);
  administration->values[0] = 2;
  g_assert_true (alliance_rating_store_save_administration (fixture->ratings, administration, &error));
  g_assert_no_error (error);
  administration_id = administration->id;
  assert_logged (fixture, "create", "administration", administration_id);
  administration->values[1] = 1;
  g_assert_true (alliance_rating_store_save_administration (fixture->ratings, administration, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "change", "administration", administration_id);
  g_assert_true (alliance_rating_store_delete_administration (fixture->ratings, administration_id, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "delete", "administration", administration_id);

  event = alliance_session_event_new (session_id, ALLIANCE_EVENT_BOUNDARY);
  event->boundary_kind = ALLIANCE_BOUNDARY_GIFT;
  g_free (event->note);
  event->note = g_strdup ("A card from " SECRET_EVENT);
  g_assert_true (alliance_rating_store_save_event (fixture->ratings, event, &error));
  g_assert_no_error (error);
  event_id = event->id;
  assert_logged (fixture, "create", "session_event", event_id);
  event->boundary_kind = ALLIANCE_BOUNDARY_OTHER;
  g_assert_true (alliance_rating_store_save_event (fixture->ratings, event, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "change", "session_event", event_id);
  g_assert_true (alliance_rating_store_delete_event (fixture->ratings, event_id, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "delete", "session_event", event_id);

  /* A custom measure defined. */
  measure = alliance_measure_new ("session-feel", "Session feel", ALLIANCE_MEASURE_RATER_CLIENT);
  alliance_measure_add_item (measure, "heard", "I felt heard", 0, 4, FALSE);
  g_assert_true (alliance_rating_store_save_measure (fixture->ratings, measure, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "create", "measure",
                 test_query_int (handle_of (fixture), "SELECT id FROM measures WHERE key = 'session-feel'"));

  /* A session without a signed note deleted, with its draft. */
  other_session_id = add_session (fixture, "2026-10-12 09:00");
  g_clear_pointer (&note, alliance_note_free);
  note = write_note (fixture, other_session_id, "Draft about " SECRET_NOTE);
  g_assert_true (alliance_session_store_delete_session (fixture->sessions, other_session_id, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "delete", "note", note->id);
  assert_logged (fixture, "delete", "session", other_session_id);

  /* A supervision meeting signed and amended; its action item done. */
  meeting = alliance_meeting_new ("2026-10-28");
  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup ("Dr Ana Ruiz");
  g_free (meeting->notes);
  meeting->notes = g_strdup ("Discussed " SECRET_MEETING);
  discussion = alliance_meeting_add_discussion (meeting, fixture->client_id);
  g_free (discussion->question);
  discussion->question = g_strdup ("Pace with " SECRET_MEETING "?");
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (fixture->client_id, "Ask " SECRET_ITEM));
  g_assert_true (alliance_supervision_store_save_meeting (fixture->supervision, meeting, NULL, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "create", "supervision_meeting", meeting->id);
  item = g_ptr_array_index (discussion->action_items, 0);
  assert_logged (fixture, "create", "action_item", item->id);
  /* Saving again rewrites the item unchanged: no row for it. */
  g_assert_true (alliance_supervision_store_save_meeting (fixture->supervision, meeting, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "change", "action_item", item->id), ==, 0);
  g_assert_true (alliance_supervision_store_sign_meeting (fixture->supervision, meeting, SIGNER, NULL, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "sign", "supervision_meeting", meeting->id);
  g_assert_true (alliance_supervision_store_add_addendum (fixture->supervision, meeting, "Later " SECRET_ADDENDUM,
                                                          SIGNER, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "addendum", "supervision_meeting", meeting->id);
  g_assert_true (alliance_supervision_store_set_action_item_done (fixture->supervision, item->id, "2026-11-02",
                                                                  &error));
  g_assert_no_error (error);
  assert_logged (fixture, "change", "action_item", item->id);

  /* The viewer's client code: for the client's records, not for others. */
  {
    g_autoptr(GPtrArray) entries = alliance_audit_list (fixture->database, 0, 1000, &error);
    g_autofree char *code = test_query_text (handle_of (fixture), "SELECT code FROM clients");

    g_assert_no_error (error);
    for (guint i = 0; i < entries->len; i++)
      {
        AllianceAuditEntry *entry = g_ptr_array_index (entries, i);
        g_autofree char *found = alliance_audit_dup_client_code (fixture->database, entry);

        if (g_str_equal (entry->entity_type, "client") || g_str_equal (entry->entity_type, "goal") ||
            (g_str_equal (entry->entity_type, "session") && entry->entity_id == session_id) ||
            (g_str_equal (entry->entity_type, "action_item")))
          g_assert_cmpstr (found, ==, code);
        else if (g_str_equal (entry->entity_type, "measure") || g_str_equal (entry->entity_type, "audit_log") ||
                 g_str_equal (entry->entity_type, "supervision_meeting") || entry->action == ALLIANCE_AUDIT_DELETE)
          g_assert_null (found);
      }
  }

  assert_intact (fixture);
}

/* Every column of every row, as one string, holds none of the text typed
 * into the records. */
static void
test_no_clinical_text (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char *secrets[] = {
    SECRET_NAME, SECRET_NOTE, SECRET_ADDENDUM, SECRET_MEETING, SECRET_ITEM, SECRET_EVENT, "Zoë", "Dr Sam Rivera",
    "Dr Ana Ruiz",
  };
  sqlite3 *handle = handle_of (fixture);

  test_store_writes_logged (fixture, user_data);
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM audit_log"), >, 20);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE instr(id || at || action || "
                                              "entity_type || entity_id || previous_hash || hash, '%s') > 0",
                                              secrets[i]);

      /* The text is in the records, so the search would find it there. */
      g_assert_cmpint (test_query_int (handle, sql), ==, 0);
    }
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM note_search WHERE note_search MATCH '"
                                           SECRET_NOTE "'"), >, 0);
  /* Only the kinds of record the triggers name. */
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM audit_log WHERE entity_type NOT IN ('audit_log', "
                                           "'client', 'goal', 'session', 'note', 'administration', "
                                           "'session_event', 'measure', 'supervision_meeting', 'action_item')"),
                   ==, 0);
}

static void
test_append_only (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const char *refused[] = {
    "UPDATE audit_log SET entity_id = 7 WHERE id = 2",
    "UPDATE audit_log SET at = at",
    "DELETE FROM audit_log WHERE id = 2",
    "DELETE FROM audit_log",
    /* REPLACE would delete the old row without the DELETE trigger. */
    "INSERT OR REPLACE INTO audit_log SELECT * FROM audit_log WHERE id = 1",
    /* A row that is not the next link: a made-up hash, a wrong id. */
    "INSERT INTO audit_log (id, at, action, entity_type, entity_id, previous_hash, hash) "
    "SELECT id + 1, at, 'export', 'export', 0, hash, hash FROM audit_log ORDER BY id DESC LIMIT 1",
    "INSERT INTO audit_log (id, at, action, entity_type, entity_id, previous_hash, hash) "
    "SELECT id + 5, at, 'export', 'export', 0, hash, "
    "alliance_audit_hash(id + 5, at, 'export', 'export', 0, hash) FROM audit_log ORDER BY id DESC LIMIT 1",
  };
  sqlite3 *handle = handle_of (fixture);
  g_autofree char *before = test_query_text (handle, "SELECT group_concat(hash) FROM audit_log");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      int rc = sqlite3_exec (handle, refused[i], NULL, NULL, NULL);

      if (rc != SQLITE_CONSTRAINT_TRIGGER)
        g_error ("“%s” gave %d, not a refusal by trigger", refused[i], rc);
    }
  {
    g_autofree char *after = test_query_text (handle, "SELECT group_concat(hash) FROM audit_log");

    g_assert_cmpstr (after, ==, before);
  }
  /* An unknown action is refused by the table itself. */
  g_assert_cmpint (sqlite3_exec (handle, "INSERT INTO audit_append (action, entity_type, entity_id) VALUES ('peek', 'client', 1)",
                                 NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_CHECK);
  assert_intact (fixture);
}

static void
add_some_rows (Fixture *fixture)
{
  for (guint i = 0; i < 6; i++)
    add_session (fixture, i % 2 ? "2026-10-05 09:00" : "2026-10-12 10:00");
}

static void
test_verify_changed_row (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;
  guint64 n_rows = 0;
  gint64 total;

  add_some_rows (fixture);
  assert_intact (fixture);
  total = test_query_int (handle_of (fixture), "SELECT count(*) FROM audit_log");

  /* Someone hides which session was touched at row 5. */
  tamper (fixture, "audit_log_no_update", "UPDATE audit_log SET entity_id = entity_id + 100 WHERE id = 5");
  g_assert_false (alliance_audit_verify (fixture->database, &broken, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 5);
  g_assert_cmpuint (n_rows, ==, total);
}

static void
test_verify_changed_time (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;

  add_some_rows (fixture);
  tamper (fixture, "audit_log_no_update", "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = 3");
  g_assert_false (alliance_audit_verify (fixture->database, &broken, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 3);
}

/* Rewriting a row's hash too moves the break to the row after it. */
static void
test_verify_rehashed_row (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;

  add_some_rows (fixture);
  tamper (fixture, "audit_log_no_update",
          "UPDATE audit_log SET action = 'change', "
          "hash = alliance_audit_hash(id, at, 'change', entity_type, entity_id, previous_hash) WHERE id = 4");
  g_assert_false (alliance_audit_verify (fixture->database, &broken, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 5);
}

static void
test_verify_deleted_row (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;
  guint64 n_rows = 0;
  gint64 total;

  add_some_rows (fixture);
  total = test_query_int (handle_of (fixture), "SELECT count(*) FROM audit_log");
  tamper (fixture, "audit_log_no_delete", "DELETE FROM audit_log WHERE id = 4");
  g_assert_false (alliance_audit_verify (fixture->database, &broken, &n_rows, &error));
  g_assert_no_error (error);
  /* Row 5 no longer follows the row before it. */
  g_assert_cmpint (broken, ==, 5);
  g_assert_cmpuint (n_rows, ==, total - 1);
}

static void
test_verify_deleted_first_row (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 broken = 0;

  add_some_rows (fixture);
  tamper (fixture, "audit_log_no_delete", "DELETE FROM audit_log WHERE id = 1");
  g_assert_false (alliance_audit_verify (fixture->database, &broken, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 2);
}

/* A draft autosaved every second while typing leaves one "change" row per
 * 10 minutes; its signature is logged all the same. */
static void
test_draft_autosaves_coalesce (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(AllianceNote) note = NULL;
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session_id = add_session (fixture, "2026-10-05 09:00");
  GString *typed = g_string_new ("S");

  note = write_note (fixture, session_id, typed->str);
  for (guint i = 0; i < 30; i++)
    {
      g_string_append_c (typed, 'a' + i % 26);
      g_free (note->sections[0]);
      note->sections[0] = g_strdup (typed->str);
      g_assert_true (alliance_session_store_save_draft (fixture->sessions, note, &error));
      g_assert_no_error (error);
    }
  g_string_free (typed, TRUE);
  assert_logged (fixture, "create", "note", note->id);
  assert_logged (fixture, "change", "note", note->id);

  /* Ten minutes later (the row made older, as only a test may), the next
   * autosave is logged again. */
  tamper (fixture, "audit_log_no_update",
          "UPDATE audit_log SET at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 minutes', '-1 seconds') "
          "WHERE action = 'change' AND entity_type = 'note'");
  g_assert_true (alliance_session_store_save_draft (fixture->sessions, note, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_session_store_save_draft (fixture->sessions, note, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "change", "note", note->id), ==, 2);
  g_assert_true (alliance_session_store_sign_note (fixture->sessions, note, SIGNER, &error));
  g_assert_no_error (error);
  assert_logged (fixture, "sign", "note", note->id);

  /* An open meeting (the next agenda) is edited the same way. */
  meeting = alliance_meeting_new ("2026-10-28");
  g_assert_true (alliance_supervision_store_save_meeting (fixture->supervision, meeting, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      g_free (meeting->notes);
      meeting->notes = g_strdup_printf ("Agenda %u", i);
      g_assert_true (alliance_supervision_store_save_meeting (fixture->supervision, meeting, NULL, &error));
      g_assert_no_error (error);
    }
  assert_logged (fixture, "change", "supervision_meeting", meeting->id);

  /* A client is saved on purpose: each save is logged. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AllianceClient) client = alliance_client_store_load (fixture->clients, fixture->client_id, &error);

      g_assert_no_error (error);
      g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count_rows (fixture, "change", "client", fixture->client_id), ==, 3);
}

static void
test_batch_logs_one_row (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = test_query_int (handle_of (fixture), "SELECT count(*) FROM audit_log");
  gint64 session_id;

  g_assert_true (alliance_database_begin (fixture->database, &error));
  g_assert_true (alliance_audit_log_batch (fixture->database, ALLIANCE_AUDIT_IMPORT, "sample_data", &error));
  g_assert_no_error (error);
  add_some_rows (fixture);
  g_assert_true (alliance_database_commit (fixture->database, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM audit_log"), ==, before + 1);
  assert_logged (fixture, "import", "sample_data", 0);

  /* The batch ended with its transaction: the next write is logged. */
  session_id = add_session (fixture, "2026-11-02 09:00");
  assert_logged (fixture, "create", "session", session_id);

  /* And a batch rolled back leaves nothing, and logging on. */
  g_assert_true (alliance_database_begin (fixture->database, &error));
  g_assert_true (alliance_audit_log_batch (fixture->database, ALLIANCE_AUDIT_IMPORT, "sample_data", &error));
  add_some_rows (fixture);
  alliance_database_rollback (fixture->database);
  g_assert_cmpint (count_rows (fixture, "import", "sample_data", 0), ==, 1);
  session_id = add_session (fixture, "2026-11-09 09:00");
  assert_logged (fixture, "create", "session", session_id);

  /* No trigger stored in the file may pause the logging. */
  g_assert_cmpint (sqlite3_exec (handle_of (fixture),
                                 "CREATE TRIGGER sneaky AFTER INSERT ON sessions BEGIN "
                                 "SELECT alliance_audit_begin_batch(); END;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle_of (fixture),
                                 "INSERT INTO sessions (client_id, starts_at, duration_minutes, created_at, updated_at) "
                                 "VALUES (1, '2026-11-16 09:00', 50, 'x', 'x')",
                                 NULL, NULL, NULL),
                   ==, SQLITE_ERROR);
  g_assert_cmpint (sqlite3_exec (handle_of (fixture), "DROP TRIGGER sneaky", NULL, NULL, NULL), ==, SQLITE_OK);
  session_id = add_session (fixture, "2026-11-16 09:00");
  assert_logged (fixture, "create", "session", session_id);
  assert_intact (fixture);
}

/* The flags' worker opens the file read-only, with none of Alliance's
 * functions: reading works, and a write could not go unlogged. */
static void
test_plain_connection (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "audit.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *plain = NULL;

  {
    g_autoptr(AllianceDatabase) database = alliance_database_open (path, &error);
    g_autoptr(AllianceClientStore) clients = NULL;
    g_autoptr(AllianceClient) client = test_client_new ("Ana", "Lima");

    g_assert_no_error (error);
    clients = alliance_client_store_new (database);
    g_assert_true (alliance_client_store_save (clients, client, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (sqlite3_open_v2 (path, &plain, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (test_query_int (plain, "SELECT count(*) FROM clients"), ==, 1);
  g_assert_cmpint (test_query_int (plain, "SELECT count(*) FROM audit_log"), ==, 2);
  sqlite3_close (plain);

  g_assert_cmpint (sqlite3_open_v2 (path, &plain, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (plain, "UPDATE clients SET pronouns = 'she/her'", NULL, NULL, NULL), ==,
                   SQLITE_ERROR);
  g_assert_cmpint (test_query_int (plain, "SELECT count(*) FROM clients WHERE pronouns = ''"), ==, 1);
  sqlite3_close (plain);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/audit/actions", test_actions_round_trip);
  g_test_add_func ("/audit/new-database-starts-log", test_new_database_starts_log);
  ADD ("/audit/append-and-list", test_append_and_list);
  ADD ("/audit/store-writes-logged", test_store_writes_logged);
  ADD ("/audit/no-clinical-text", test_no_clinical_text);
  ADD ("/audit/append-only", test_append_only);
  ADD ("/audit/verify/changed-row", test_verify_changed_row);
  ADD ("/audit/verify/changed-time", test_verify_changed_time);
  ADD ("/audit/verify/rehashed-row", test_verify_rehashed_row);
  ADD ("/audit/verify/deleted-row", test_verify_deleted_row);
  ADD ("/audit/verify/deleted-first-row", test_verify_deleted_first_row);
  ADD ("/audit/draft-autosaves-coalesce", test_draft_autosaves_coalesce);
  ADD ("/audit/batch-logs-one-row", test_batch_logs_one_row);
  g_test_add_func ("/audit/plain-connection", test_plain_connection);
#undef ADD

  return g_test_run ();
}
