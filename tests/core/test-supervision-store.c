/* test-supervision-store.c
 *
 * AllianceSupervisionStore and the record rules for meetings: a save and
 * a load give back the whole meeting; children are matched by id, so the
 * date an action item was done survives a save of an older copy; the
 * agenda and its default period; signing (the supervisor is required);
 * a signed meeting frozen by the store and by the schema itself, except
 * the date an action item was done; addenda; action items listed per
 * client; and "changed" after each commit. Refusals write nothing.
 */
#define G_LOG_DOMAIN "alliance-test-supervision-store"

#include "config.h"

#include <string.h>

#include "alliance-client-store.h"
#include "alliance-error.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"
#include "test-common.h"

#define SIGNER "Dr Sam Rivera"

typedef struct
{
  AllianceDatabase         *database;
  AllianceClientStore      *clients;
  AllianceSessionStore     *sessions;
  AllianceSupervisionStore *store;
  GArray                   *changed_ids;   /* gint64, one per "changed" emission */
  gint64                    zoe;
  gint64                    kate;
  gint64                    note_id;       /* a signed note of Zoë's */
} Fixture;

static void
changed_cb (AllianceSupervisionStore *store,
            gint64                    client_id,
            Fixture                  *fixture)
{
  g_assert_true (store == fixture->store);
  /* Emitted after the commit: no transaction may still be open. */
  g_assert_true (sqlite3_get_autocommit (alliance_database_get_handle (fixture->database)));
  g_array_append_val (fixture->changed_ids, client_id);
}

static gint64
add_client (Fixture    *fixture,
            const char *given_name,
            const char *family_name)
{
  g_autoptr(AllianceClient) client = test_client_new (given_name, family_name);
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
  g_assert_no_error (error);
  return client->id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(AllianceNote) note = NULL;
  g_autoptr(GError) error = NULL;

  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->sessions = alliance_session_store_new (fixture->database);
  fixture->store = alliance_supervision_store_new (fixture->database);
  fixture->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->zoe = add_client (fixture, "Zoë", "Laurent");
  fixture->kate = add_client (fixture, "Katherine", "O'Connor-Whitfield");

  session = alliance_session_new (fixture->zoe);
  session->starts_at = g_strdup ("2026-10-05 09:00");
  g_assert_true (alliance_session_store_save_session (fixture->sessions, session, NULL, &error));
  g_assert_no_error (error);
  note = alliance_note_new (session->id, ALLIANCE_NOTE_TEMPLATE_FREE);
  g_free (note->sections[0]);
  note->sections[0] = g_strdup ("Zoë spoke about her sister in Lyon.");
  g_assert_true (alliance_session_store_sign_note (fixture->sessions, note, SIGNER, &error));
  g_assert_no_error (error);
  fixture->note_id = note->id;

  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->sessions);
  g_assert_finalize_object (fixture->clients);
  g_assert_finalize_object (fixture->database);
  g_array_unref (fixture->changed_ids);
}

static sqlite3 *
handle_of (Fixture *fixture)
{
  return alliance_database_get_handle (fixture->database);
}

static gint64
count (Fixture    *fixture,
       const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return test_query_int (handle_of (fixture), sql);
}

static void
set_text (char       **field,
          const char  *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

/* A meeting about Zoë (a question, an excerpt, two recommendations) and
 * Kate (a question only). */
static AllianceMeeting *
make_meeting (Fixture *fixture)
{
  AllianceMeeting *meeting = alliance_meeting_new ("2026-10-28");
  AllianceSupervisionDiscussion *discussion;

  set_text (&meeting->supervisor, "Dr Ana Ruiz");
  meeting->format = ALLIANCE_SUPERVISION_GROUP;
  meeting->period_start = g_strdup ("2026-09-30");
  meeting->period_end = g_strdup ("2026-10-27");
  set_text (&meeting->notes, "Caseload reviewed.");

  discussion = alliance_meeting_add_discussion (meeting, fixture->zoe);
  set_text (&discussion->question, "Is the pace right?");
  set_text (&discussion->discussion, "Slow down; name the withdrawal.");
  g_ptr_array_add (discussion->excerpts, alliance_supervision_excerpt_new (fixture->note_id, "[name] spoke about her sister."));
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (fixture->zoe, "Review the goals together"));
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (fixture->zoe, "Offer a longer session"));

  discussion = alliance_meeting_add_discussion (meeting, fixture->kate);
  set_text (&discussion->question, "When to discharge?");
  return meeting;
}

static AllianceActionItem *
item_at (AllianceMeeting *meeting,
         guint            discussion,
         guint            item)
{
  AllianceSupervisionDiscussion *d = g_ptr_array_index (meeting->discussions, discussion);

  return g_ptr_array_index (d->action_items, item);
}

static void
save_ok (Fixture         *fixture,
         AllianceMeeting *meeting)
{
  g_autoptr(GError) error = NULL;
  AllianceMeetingField field = ALLIANCE_MEETING_FIELD_DATE;

  g_assert_true (alliance_supervision_store_save_meeting (fixture->store, meeting, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (field, ==, ALLIANCE_MEETING_FIELD_NONE);
}

static void
sign_ok (Fixture         *fixture,
         AllianceMeeting *meeting)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_supervision_store_sign_meeting (fixture->store, meeting, SIGNER, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_changed (Fixture *fixture,
                gint64   first,
                gint64   second,
                gint64   third)
{
  gint64 expected[] = { first, second, third };
  guint n = third >= 0 ? 3 : second >= 0 ? 2 : 1;

  g_assert_cmpuint (fixture->changed_ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (fixture->changed_ids, gint64, i), ==, expected[i]);
  g_array_set_size (fixture->changed_ids, 0);
}

/* Every row of the supervision tables, quoted, in one string. */
static char *
dump_rows (Fixture *fixture)
{
  static const char *queries[] = {
    "SELECT group_concat(quote(id) || quote(meeting_date) || quote(supervisor) || quote(format) || quote(period_start) "
    "|| quote(period_end) || quote(notes) || quote(signed_at) || quote(content_sha256) || quote(updated_at), '|') "
    "FROM (SELECT * FROM supervision_meetings ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(meeting_id) || quote(client_id) || quote(position) || quote(question) || "
    "quote(discussion), '|') FROM (SELECT * FROM supervision_discussions ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(discussion_id) || quote(note_id) || quote(position) || quote(text), '|') "
    "FROM (SELECT * FROM supervision_excerpts ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(meeting_id) || quote(client_id) || quote(position) || quote(text) || "
    "quote(done_on), '|') FROM (SELECT * FROM action_items ORDER BY id)",
    "SELECT group_concat(quote(id) || quote(meeting_id) || quote(body), '|') FROM (SELECT * FROM supervision_addenda)",
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = test_query_text (handle_of (fixture), queries[i]);

      g_string_append_printf (out, "%s\n", rows ? rows : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---------------------------------------------------------------------- */

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AllianceMeeting) meeting = make_meeting (fixture);
  g_autoptr(AllianceMeeting) loaded = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GError) error = NULL;
  AllianceSupervisionDiscussion *zoe, *kate;
  AllianceSupervisionExcerpt *excerpt;

  save_ok (fixture, meeting);
  assert_changed (fixture, fixture->zoe, fixture->kate, 0);
  g_assert_cmpint (meeting->id, >, 0);
  g_assert_nonnull (meeting->created_at);
  g_assert_cmpstr (meeting->created_at, ==, meeting->updated_at);
  zoe = g_ptr_array_index (meeting->discussions, 0);
  g_assert_cmpint (zoe->id, >, 0);
  g_assert_cmpint (((AllianceSupervisionExcerpt *)g_ptr_array_index (zoe->excerpts, 0))->id, >, 0);
  g_assert_cmpint (item_at (meeting, 0, 1)->id, >, item_at (meeting, 0, 0)->id);
  g_assert_cmpint (item_at (meeting, 0, 0)->meeting_id, ==, meeting->id);
  g_assert_cmpstr (item_at (meeting, 0, 0)->meeting_date, ==, "2026-10-28");
  g_assert_nonnull (item_at (meeting, 0, 0)->created_at);

  loaded = alliance_supervision_store_load_meeting (fixture->store, meeting->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, meeting->id);
  g_assert_cmpstr (loaded->meeting_date, ==, "2026-10-28");
  g_assert_cmpstr (loaded->supervisor, ==, "Dr Ana Ruiz");
  g_assert_cmpint (loaded->format, ==, ALLIANCE_SUPERVISION_GROUP);
  g_assert_cmpstr (loaded->period_start, ==, "2026-09-30");
  g_assert_cmpstr (loaded->period_end, ==, "2026-10-27");
  g_assert_cmpstr (loaded->notes, ==, "Caseload reviewed.");
  g_assert_false (alliance_meeting_is_signed (loaded));
  g_assert_cmpstr (loaded->created_at, ==, meeting->created_at);
  g_assert_cmpuint (loaded->discussions->len, ==, 2);
  g_assert_cmpuint (loaded->addenda->len, ==, 0);

  zoe = g_ptr_array_index (loaded->discussions, 0);
  kate = g_ptr_array_index (loaded->discussions, 1);
  g_assert_cmpint (zoe->client_id, ==, fixture->zoe);
  g_assert_cmpstr (zoe->question, ==, "Is the pace right?");
  g_assert_cmpstr (zoe->discussion, ==, "Slow down; name the withdrawal.");
  g_assert_cmpuint (zoe->excerpts->len, ==, 1);
  excerpt = g_ptr_array_index (zoe->excerpts, 0);
  g_assert_cmpint (excerpt->note_id, ==, fixture->note_id);
  g_assert_cmpstr (excerpt->text, ==, "[name] spoke about her sister.");
  g_assert_cmpuint (zoe->action_items->len, ==, 2);
  g_assert_cmpstr (item_at (loaded, 0, 0)->text, ==, "Review the goals together");
  g_assert_cmpstr (item_at (loaded, 0, 1)->text, ==, "Offer a longer session");
  g_assert_cmpint (item_at (loaded, 0, 1)->client_id, ==, fixture->zoe);
  g_assert_cmpstr (item_at (loaded, 0, 1)->supervisor, ==, "Dr Ana Ruiz");
  g_assert_null (item_at (loaded, 0, 1)->done_on);
  g_assert_cmpint (kate->client_id, ==, fixture->kate);
  g_assert_cmpstr (kate->question, ==, "When to discharge?");
  g_assert_cmpstr (kate->discussion, ==, "");
  g_assert_cmpuint (kate->action_items->len, ==, 0);

  /* The signed content of what was loaded is that of what was saved. */
  {
    g_autofree char *saved = alliance_meeting_dup_signed_content (meeting);
    g_autofree char *reloaded = alliance_meeting_dup_signed_content (loaded);

    g_assert_cmpstr (saved, ==, reloaded);
  }

  /* Reordering the agenda is kept. */
  g_ptr_array_add (loaded->discussions, g_ptr_array_steal_index (loaded->discussions, 0));
  save_ok (fixture, loaded);
  {
    g_autoptr(AllianceMeeting) again = alliance_supervision_store_load_meeting (fixture->store, meeting->id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (((AllianceSupervisionDiscussion *)g_ptr_array_index (again->discussions, 0))->client_id, ==,
                     fixture->kate);
  }

  meetings = alliance_supervision_store_list_meetings (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 1);

  /* A missing meeting is an error, not a crash. */
  g_assert_null (alliance_supervision_store_load_meeting (fixture->store, 999, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
}

static void
test_children_matched_by_id (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(AllianceMeeting) meeting = make_meeting (fixture);
  g_autoptr(AllianceMeeting) stale = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_id, kate_id;

  save_ok (fixture, meeting);
  first_id = item_at (meeting, 0, 0)->id;
  kate_id = ((AllianceSupervisionDiscussion *)g_ptr_array_index (meeting->discussions, 1))->id;
  stale = alliance_meeting_copy (meeting);

  /* Marked done elsewhere (the client page)... */
  g_assert_true (alliance_supervision_store_set_action_item_done (fixture->store, first_id, "2026-11-02", &error));
  g_assert_no_error (error);

  /* ...then an older copy of the meeting is saved with an edited item: the
   * date it was done survives, and the copy learns it. */
  set_text (&item_at (stale, 0, 0)->text, "Review the goals together, in writing");
  save_ok (fixture, stale);
  g_assert_cmpstr (item_at (stale, 0, 0)->done_on, ==, "2026-11-02");
  g_assert_cmpint (item_at (stale, 0, 0)->id, ==, first_id);
  {
    g_autoptr(AllianceMeeting) loaded = alliance_supervision_store_load_meeting (fixture->store, meeting->id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (item_at (loaded, 0, 0)->text, ==, "Review the goals together, in writing");
    g_assert_cmpstr (item_at (loaded, 0, 0)->done_on, ==, "2026-11-02");
  }

  /* An item dropped from memory is deleted, a new one inserted; the
   * others keep their ids. */
  g_ptr_array_remove_index (((AllianceSupervisionDiscussion *)g_ptr_array_index (stale->discussions, 0))->action_items, 1);
  g_ptr_array_add (((AllianceSupervisionDiscussion *)g_ptr_array_index (stale->discussions, 1))->action_items,
                   alliance_action_item_new (fixture->kate, "Plan the ending"));
  save_ok (fixture, stale);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM action_items"), ==, 2);
  g_assert_cmpint (test_query_int (handle_of (fixture),
                                   "SELECT count(*) FROM action_items WHERE text = 'Offer a longer session'"),
                   ==, 0);
  g_assert_cmpint (item_at (stale, 1, 0)->id, >, 0);
  g_assert_cmpint (item_at (stale, 0, 0)->id, ==, first_id);
  g_assert_cmpint (item_at (stale, 1, 0)->client_id, ==, fixture->kate);
  g_assert_cmpint (((AllianceSupervisionDiscussion *)g_ptr_array_index (stale->discussions, 1))->id, ==, kate_id);

  /* Removing a client from the agenda removes its items and excerpts. */
  g_array_set_size (fixture->changed_ids, 0);
  g_assert_true (alliance_meeting_remove_discussion (stale, fixture->zoe));
  save_ok (fixture, stale);
  assert_changed (fixture, fixture->zoe, fixture->kate, 0);
  g_assert_cmpint (count (fixture, "supervision_discussions"), ==, 1);
  g_assert_cmpint (count (fixture, "supervision_excerpts"), ==, 0);
  g_assert_cmpint (count (fixture, "action_items"), ==, 1);

  /* And adding it back gives a fresh entry. */
  alliance_meeting_add_discussion (stale, fixture->zoe);
  save_ok (fixture, stale);
  g_assert_cmpint (count (fixture, "supervision_discussions"), ==, 2);
}

static void
test_failed_save_writes_nothing (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(AllianceMeeting) meeting = make_meeting (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AllianceSupervisionDiscussion *discussion;
  AllianceMeetingField field = ALLIANCE_MEETING_FIELD_NONE;

  save_ok (fixture, meeting);
  g_array_set_size (fixture->changed_ids, 0);
  before = dump_rows (fixture);

  /* Refused by validation: nothing written, the field named. */
  set_text (&item_at (meeting, 0, 0)->text, " ");
  g_assert_false (alliance_supervision_store_save_meeting (fixture->store, meeting, &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpint (field, ==, ALLIANCE_MEETING_FIELD_ACTION_ITEM);
  g_clear_error (&error);
  set_text (&item_at (meeting, 0, 0)->text, "Review the goals together");

  /* Refused by the database halfway (an excerpt of a note that does not
   * exist): the new rows are rolled back and their ids stay 0. */
  set_text (&meeting->notes, "Changed notes");
  discussion = alliance_meeting_add_discussion (meeting, add_client (fixture, "Robert", "Smith"));
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (0, "Something"));
  g_ptr_array_add (discussion->excerpts, alliance_supervision_excerpt_new (4242, "No such note"));
  g_assert_false (alliance_supervision_store_save_meeting (fixture->store, meeting, NULL, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CONSTRAINT);
  g_assert_cmpint (discussion->id, ==, 0);
  g_assert_cmpint (((AllianceSupervisionExcerpt *)g_ptr_array_index (discussion->excerpts, 0))->id, ==, 0);
  g_assert_cmpint (((AllianceActionItem *)g_ptr_array_index (discussion->action_items, 0))->id, ==, 0);
  after = dump_rows (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (fixture->changed_ids->len, ==, 0);
  g_assert_true (sqlite3_get_autocommit (handle_of (fixture)));

  /* Without the bad excerpt, the same meeting saves. */
  g_ptr_array_set_size (discussion->excerpts, 0);
  save_ok (fixture, meeting);
  g_assert_cmpint (discussion->id, >, 0);
  g_assert_cmpint (count (fixture, "supervision_discussions"), ==, 3);
}

static void
test_agenda (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(AllianceMeeting) agenda = NULL;
  g_autoptr(AllianceMeeting) same = NULL;
  g_autoptr(AllianceMeeting) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;

  g_assert_null (alliance_supervision_store_load_agenda (fixture->store, &error));
  g_assert_no_error (error);
  last = alliance_supervision_store_dup_last_meeting_date (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_null (last);

  /* No meeting yet: the last 28 days. */
  agenda = alliance_supervision_store_ensure_agenda (fixture->store, "2026-11-27", &error);
  g_assert_no_error (error);
  g_assert_cmpint (agenda->id, >, 0);
  g_assert_cmpstr (agenda->meeting_date, ==, "2026-11-27");
  g_assert_cmpstr (agenda->period_start, ==, "2026-10-30");
  g_assert_cmpstr (agenda->period_end, ==, "2026-11-27");
  g_assert_false (alliance_meeting_is_signed (agenda));
  assert_changed (fixture, 0, -1, -1);

  /* Asking again gives the same agenda, created once. */
  same = alliance_supervision_store_ensure_agenda (fixture->store, "2026-11-28", &error);
  g_assert_no_error (error);
  g_assert_cmpint (same->id, ==, agenda->id);
  g_assert_cmpuint (fixture->changed_ids->len, ==, 0);
  g_clear_pointer (&same, alliance_meeting_free);
  same = alliance_supervision_store_load_agenda (fixture->store, &error);
  g_assert_cmpint (same->id, ==, agenda->id);

  /* Questions for the agenda, then the meeting held and signed. */
  set_text (&alliance_meeting_add_discussion (agenda, fixture->kate)->question, "When to discharge?");
  set_text (&agenda->supervisor, "Dr Ana Ruiz");
  sign_ok (fixture, agenda);
  g_assert_null (alliance_supervision_store_load_agenda (fixture->store, &error));
  g_assert_no_error (error);
  last = alliance_supervision_store_dup_last_meeting_date (fixture->store, &error);
  g_assert_cmpstr (last, ==, "2026-11-27");

  /* The next agenda reviews from the day after the last meeting. */
  next = alliance_supervision_store_ensure_agenda (fixture->store, "2026-12-20", &error);
  g_assert_no_error (error);
  g_assert_cmpint (next->id, !=, agenda->id);
  g_assert_cmpstr (next->period_start, ==, "2026-11-28");
  g_assert_cmpstr (next->period_end, ==, "2026-12-20");
  g_assert_cmpuint (next->discussions->len, ==, 0);

  /* An unreal date is refused. */
  g_assert_null (alliance_supervision_store_ensure_agenda (fixture->store, "2026-02-30", &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
  g_clear_error (&error);

  /* The agenda can be thrown away while open. */
  g_assert_true (alliance_supervision_store_delete_meeting (fixture->store, next->id, &error));
  g_assert_no_error (error);
  g_assert_null (alliance_supervision_store_load_agenda (fixture->store, &error));
  g_assert_cmpint (count (fixture, "supervision_meetings"), ==, 1);
}

static void
test_sign (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(AllianceMeeting) meeting = make_meeting (fixture);
  g_autoptr(AllianceMeeting) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_sha = NULL;
  AllianceMeetingField field = ALLIANCE_MEETING_FIELD_NONE;

  /* The supervisor is required to sign, and a signer. */
  set_text (&meeting->supervisor, "  ");
  g_assert_false (alliance_supervision_store_sign_meeting (fixture->store, meeting, SIGNER, &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpint (field, ==, ALLIANCE_MEETING_FIELD_SUPERVISOR);
  g_clear_error (&error);
  set_text (&meeting->supervisor, "Dr Ana Ruiz");
  g_assert_false (alliance_supervision_store_sign_meeting (fixture->store, meeting, " ", &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (meeting->id, ==, 0);
  g_assert_cmpint (count (fixture, "supervision_meetings"), ==, 0);

  /* Signing an unsaved meeting saves it and signs it at once. */
  expected_sha = alliance_meeting_compute_sha256 (meeting);
  g_assert_true (alliance_supervision_store_sign_meeting (fixture->store, meeting, " " SIGNER " ", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_meeting_is_signed (meeting));
  g_assert_cmpstr (meeting->signed_by, ==, SIGNER);
  g_assert_cmpstr (meeting->content_sha256, ==, expected_sha);
  g_assert_cmpint (meeting->id, >, 0);
  assert_changed (fixture, fixture->zoe, fixture->kate, 0);

  loaded = alliance_supervision_store_load_meeting (fixture->store, meeting->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->signed_at, ==, meeting->signed_at);
  g_assert_cmpstr (loaded->signed_by, ==, SIGNER);
  g_assert_cmpstr (loaded->content_sha256, ==, expected_sha);
  {
    g_autofree char *recomputed = alliance_meeting_compute_sha256 (loaded);

    g_assert_cmpstr (recomputed, ==, expected_sha);
  }
}

static void
assert_refused (Fixture    *fixture,
                const char *sql)
{
  int rc = sqlite3_exec (handle_of (fixture), sql, NULL, NULL, NULL);

  if (rc != SQLITE_CONSTRAINT_TRIGGER)
    g_error ("“%s” gave %d, not a trigger's refusal", sql, rc);
}

static void
test_signed_is_frozen (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(AllianceMeeting) meeting = make_meeting (fixture);
  g_autoptr(AllianceMeeting) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *insert_discussion = NULL;
  g_autofree char *insert_item = NULL;
  g_autofree char *insert_excerpt = NULL;
  static const char *raw[] = {
    "UPDATE supervision_meetings SET notes = 'x'",
    "UPDATE supervision_meetings SET signed_at = NULL, signed_by = NULL, content_sha256 = NULL",
    "DELETE FROM supervision_meetings",
    "UPDATE supervision_discussions SET question = 'x'",
    "UPDATE supervision_discussions SET position = position + 1",
    "DELETE FROM supervision_discussions",
    "UPDATE supervision_excerpts SET text = 'x'",
    "DELETE FROM supervision_excerpts",
    "UPDATE action_items SET text = 'x'",
    "UPDATE action_items SET position = 5",
    "UPDATE action_items SET text = 'x', done_on = '2026-11-01'",
    "DELETE FROM action_items",
  };
  gint64 item_id;

  sign_ok (fixture, meeting);
  item_id = item_at (meeting, 0, 0)->id;
  g_array_set_size (fixture->changed_ids, 0);
  before = dump_rows (fixture);

  /* Through the store. */
  loaded = alliance_supervision_store_load_meeting (fixture->store, meeting->id, &error);
  g_assert_no_error (error);
  set_text (&loaded->notes, "Rewritten");
  g_assert_false (alliance_supervision_store_save_meeting (fixture->store, loaded, NULL, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "signed"));
  g_clear_error (&error);
  g_assert_false (alliance_supervision_store_sign_meeting (fixture->store, loaded, SIGNER, NULL, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (alliance_supervision_store_delete_meeting (fixture->store, meeting->id, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  /* A copy that forgot it was signed is refused by the trigger. */
  g_clear_pointer (&loaded->signed_at, g_free);
  g_clear_pointer (&loaded->signed_by, g_free);
  g_clear_pointer (&loaded->content_sha256, g_free);
  g_assert_false (alliance_supervision_store_save_meeting (fixture->store, loaded, NULL, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  /* Through raw SQL: every table, every kind of write. */
  for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
    assert_refused (fixture, raw[i]);
  insert_discussion = g_strdup_printf ("INSERT INTO supervision_discussions (meeting_id, client_id, position) "
                                       "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 9)",
                                       meeting->id, add_client (fixture, "Robert", "Smith"));
  assert_refused (fixture, insert_discussion);
  insert_item = g_strdup_printf ("INSERT INTO action_items (meeting_id, client_id, position, text, created_at) "
                                 "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 9, 'More', 'now')",
                                 meeting->id, fixture->kate);
  assert_refused (fixture, insert_item);
  insert_excerpt = g_strdup_printf ("INSERT INTO supervision_excerpts (discussion_id, note_id, position, text) "
                                    "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 9, 'More')",
                                    ((AllianceSupervisionDiscussion *)g_ptr_array_index (meeting->discussions, 0))->id,
                                    fixture->note_id);
  assert_refused (fixture, insert_excerpt);
  after = dump_rows (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (fixture->changed_ids->len, ==, 0);

  /* The one thing that changes: an item done, and reopened. */
  g_assert_true (alliance_supervision_store_set_action_item_done (fixture->store, item_id, "2026-11-03", &error));
  g_assert_no_error (error);
  assert_changed (fixture, fixture->zoe, 0, -1);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM action_items WHERE done_on = '2026-11-03'"),
                   ==, 1);
  g_assert_true (alliance_supervision_store_set_action_item_done (fixture->store, item_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM action_items WHERE done_on IS NOT NULL"),
                   ==, 0);
  g_assert_cmpint (sqlite3_exec (handle_of (fixture), "UPDATE action_items SET done_on = '2026-11-04'", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  /* Not before the meeting, and a real date. */
  g_assert_false (alliance_supervision_store_set_action_item_done (fixture->store, item_id, "2026-10-27", &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER);
  g_clear_error (&error);
  g_assert_false (alliance_supervision_store_set_action_item_done (fixture->store, item_id, "2026-11-31", &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
  g_clear_error (&error);
  assert_refused (fixture, "UPDATE action_items SET done_on = '2026-10-01'");
  g_assert_false (alliance_supervision_store_set_action_item_done (fixture->store, 4242, "2026-11-05", &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A client with action items keeps them, as with sessions. */
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM clients WHERE id = %" G_GINT64_FORMAT, fixture->zoe);

    g_assert_cmpint (sqlite3_exec (handle_of (fixture), sql, NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  }
}

static void
test_addenda (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(AllianceMeeting) meeting = make_meeting (fixture);
  g_autoptr(AllianceMeeting) loaded = NULL;
  g_autoptr(GError) error = NULL;
  AllianceMeetingAddendum *addendum;

  /* Not on an open meeting, through the store or the schema. */
  save_ok (fixture, meeting);
  g_assert_false (alliance_supervision_store_add_addendum (fixture->store, meeting, "Later.", SIGNER, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO supervision_addenda (meeting_id, body, signed_at, signed_by, "
                                            "content_sha256, created_at) VALUES (%" G_GINT64_FORMAT ", 'x', 'now', "
                                            "'me', printf('%%064d', 0), 'now')",
                                            meeting->id);

    assert_refused (fixture, sql);
  }

  sign_ok (fixture, meeting);
  g_assert_false (alliance_supervision_store_add_addendum (fixture->store, meeting, " ", SIGNER, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_false (alliance_supervision_store_add_addendum (fixture->store, meeting, "Later.", "", &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  g_array_set_size (fixture->changed_ids, 0);
  g_assert_true (alliance_supervision_store_add_addendum (fixture->store, meeting,
                                                          "The supervisor later added: check risk.", SIGNER, &error));
  g_assert_no_error (error);
  assert_changed (fixture, 0, -1, -1);
  g_assert_cmpuint (meeting->addenda->len, ==, 1);
  addendum = g_ptr_array_index (meeting->addenda, 0);
  g_assert_cmpint (addendum->id, >, 0);
  {
    g_autofree char *expected = alliance_meeting_addendum_compute_sha256 (addendum, meeting->content_sha256);

    g_assert_cmpstr (addendum->content_sha256, ==, expected);
  }

  loaded = alliance_supervision_store_load_meeting (fixture->store, meeting->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->addenda->len, ==, 1);
  g_assert_cmpstr (((AllianceMeetingAddendum *)g_ptr_array_index (loaded->addenda, 0))->body, ==,
                   "The supervisor later added: check risk.");

  /* Never changed nor deleted. */
  assert_refused (fixture, "UPDATE supervision_addenda SET body = 'x'");
  assert_refused (fixture, "DELETE FROM supervision_addenda");
}

static void
test_action_items (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AllianceMeeting) older = make_meeting (fixture);
  g_autoptr(AllianceMeeting) newer = make_meeting (fixture);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) kate = NULL;
  g_autoptr(GError) error = NULL;
  AllianceActionItem *item;

  sign_ok (fixture, older);
  set_text (&newer->meeting_date, "2026-11-25");
  set_text (&item_at (newer, 0, 0)->text, "Newer advice");
  g_ptr_array_set_size (((AllianceSupervisionDiscussion *)g_ptr_array_index (newer->discussions, 0))->action_items, 1);
  save_ok (fixture, newer);

  g_assert_true (alliance_supervision_store_set_action_item_done (fixture->store, item_at (older, 0, 1)->id,
                                                                  "2026-11-10", &error));
  g_assert_no_error (error);

  /* Open only: the older meeting's first item, then the newer one's. */
  open = alliance_supervision_store_list_action_items (fixture->store, fixture->zoe, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 2);
  item = g_ptr_array_index (open, 0);
  g_assert_cmpstr (item->text, ==, "Review the goals together");
  g_assert_cmpstr (item->meeting_date, ==, "2026-10-28");
  g_assert_cmpstr (item->supervisor, ==, "Dr Ana Ruiz");
  g_assert_cmpint (item->meeting_id, ==, older->id);
  g_assert_false (alliance_action_item_is_done (item));
  g_assert_cmpstr (((AllianceActionItem *)g_ptr_array_index (open, 1))->text, ==, "Newer advice");

  all = alliance_supervision_store_list_action_items (fixture->store, fixture->zoe, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  item = g_ptr_array_index (all, 1);
  g_assert_cmpstr (item->text, ==, "Offer a longer session");
  g_assert_cmpstr (item->done_on, ==, "2026-11-10");
  g_assert_true (alliance_action_item_is_done (item));

  kate = alliance_supervision_store_list_action_items (fixture->store, fixture->kate, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kate->len, ==, 0);
}

static void
test_last_meeting_date (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(AllianceMeeting) first = make_meeting (fixture);
  g_autoptr(AllianceMeeting) second = make_meeting (fixture);
  g_autoptr(AllianceMeeting) open = make_meeting (fixture);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;

  set_text (&first->meeting_date, "2026-09-01");
  sign_ok (fixture, first);
  set_text (&second->meeting_date, "2026-10-01");
  sign_ok (fixture, second);
  /* An open meeting, even a later one, is not a supervision held. */
  set_text (&open->meeting_date, "2026-11-01");
  save_ok (fixture, open);

  last = alliance_supervision_store_dup_last_meeting_date (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (last, ==, "2026-10-01");

  meetings = alliance_supervision_store_list_meetings (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 3);
  g_assert_cmpstr (((AllianceMeeting *)g_ptr_array_index (meetings, 0))->meeting_date, ==, "2026-11-01");
  g_assert_cmpstr (((AllianceMeeting *)g_ptr_array_index (meetings, 2))->meeting_date, ==, "2026-09-01");
  g_assert_cmpuint (((AllianceMeeting *)g_ptr_array_index (meetings, 2))->discussions->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/supervision-store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("children-matched-by-id", test_children_matched_by_id);
  ADD ("failed-save-writes-nothing", test_failed_save_writes_nothing);
  ADD ("agenda", test_agenda);
  ADD ("sign", test_sign);
  ADD ("signed-is-frozen", test_signed_is_frozen);
  ADD ("addenda", test_addenda);
  ADD ("action-items", test_action_items);
  ADD ("last-meeting-date", test_last_meeting_date);
#undef ADD

  return g_test_run ();
}
