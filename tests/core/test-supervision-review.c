/* test-supervision-review.c
 *
 * The review list of a supervision period: who is listed and in which
 * order (most severe flag, then more flags, then name; quiet active and
 * on-hold clients after; others left out), what each entry holds (sessions
 * in the inclusive period without those entered in error, unrepaired
 * ruptures of any date, ruptures, repairs and boundary events of the
 * period only, open action items, the agenda's question), one entry
 * rebuilt alone, and the de-identified wording: age bands at birthdays and
 * "Week N · session N".
 */
#define G_LOG_DOMAIN "alliance-test-supervision-review"

#include "config.h"

#include <sqlite3.h>
#include <stdarg.h>

#include "alliance-database.h"
#include "alliance-supervision-review.h"
#include "test-common.h"

#define PERIOD_FROM "2026-11-01"
#define PERIOD_TO   "2026-11-27"

enum
{
  ADA = 1,    /* active, urgent: PHQ-9 item 9 */
  BEA,        /* active, warning: two missed sessions */
  CAL,        /* active, two warnings: an old unrepaired rupture, two missed sessions */
  DAN,        /* on hold, notices: a boundary event, no alliance rating lately */
  EVE,        /* active, no flags */
  ABE,        /* on hold, no flags */
  FAY,        /* enquiry, no flags: left out */
  GUS,        /* discharged, no flags: left out… */
  HAL,        /* archived, no flags: left out */
  IVY,        /* archived, a risk answer: left out all the same */
  ZED,        /* discharged, a risk answer: flagged, so listed */
  N_CLIENTS_PLUS_ONE,
};

typedef struct
{
  char                     *dir;
  char                     *path;
  AllianceDatabase         *database;
  AllianceClientStore      *clients;
  AllianceSessionStore     *sessions;
  AllianceRatingStore      *ratings;
  AllianceSupervisionStore *supervision;
  GDate                     today;
  gint64                    open_item_id;
} Fixture;

static void
exec_printf (sqlite3    *handle,
             const char *format,
             ...)
{
  va_list args;
  char *sql;
  char *message = NULL;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_free (sql);
}

static void
add_client (sqlite3    *handle,
            gint64      id,
            const char *given_name,
            const char *status,
            gboolean    archived)
{
  exec_printf (handle,
               "INSERT INTO clients (id, code, given_name, family_name, status, archived, start_date,"
               " discharge_date, created_at, updated_at) "
               "VALUES (%lld, 'C-%04lld', %Q, 'Test', %Q, %d, '2026-01-05', %Q, 'now', 'now')",
               (long long)id, (long long)id, given_name, status, archived,
               g_str_equal (status, "discharged") ? "2026-11-25" : NULL);
}

static void
add_session (sqlite3    *handle,
             gint64      id,
             gint64      client_id,
             const char *starts_at,
             const char *attendance,
             const char *error_reason)
{
  exec_printf (handle,
               "INSERT INTO sessions (id, client_id, starts_at, duration_minutes, attendance, error_reason,"
               " created_at, updated_at) VALUES (%lld, %lld, %Q, 50, %Q, %Q, 'now', 'now')",
               (long long)id, (long long)client_id, starts_at, attendance, error_reason);
}

static void
add_event (sqlite3    *handle,
           gint64      id,
           gint64      session_id,
           const char *kind,
           gint64      rupture_id)
{
  g_autofree char *filled = NULL;

  if (g_str_equal (kind, "rupture"))
    filled = g_strdup ("'withdrawal', 2, NULL, NULL, NULL");
  else if (g_str_equal (kind, "repair"))
    filled = g_strdup_printf ("NULL, NULL, 'validate', 1, %lld", (long long)rupture_id);
  else
    filled = g_strdup ("NULL, NULL, NULL, NULL, NULL");

  exec_printf (handle,
               "INSERT INTO session_events (id, session_id, kind, rupture_type, intensity, strategy,"
               " resolved, rupture_id, boundary_kind, created_at) VALUES (%lld, %lld, %Q, %s, %Q, 'now')",
               (long long)id, (long long)session_id, kind, filled,
               g_str_equal (kind, "boundary") ? "gift" : NULL);
}

/* A PHQ-9 whose item 9 is @item9 (the others 1). */
static void
add_phq9 (sqlite3 *handle,
          gint64   id,
          gint64   client_id,
          gint64   session_id,
          int      item9)
{
  exec_printf (handle,
               "INSERT INTO administrations (id, client_id, session_id, measure_id, rater, entry_order,"
               " complete, created_at, updated_at) VALUES (%lld, %lld, %lld,"
               " (SELECT id FROM measures WHERE key = 'phq-9' ORDER BY version DESC LIMIT 1),"
               " 'client', 1, 1, 'now', 'now')",
               (long long)id, (long long)client_id, (long long)session_id);
  for (int i = 0; i < 9; i++)
    exec_printf (handle, "INSERT INTO item_scores VALUES (%lld, %d, %d)", (long long)id, i, i == 8 ? item9 : 1);
}

static void
fill_caseload (sqlite3 *handle)
{
  g_assert_cmpint (test_query_int (handle, "SELECT count(*) FROM measures WHERE key = 'phq-9'"), >, 0);

  exec_printf (handle, "BEGIN");
  add_client (handle, ADA, "Ada", "active", FALSE);
  add_session (handle, 100, ADA, "2026-11-20 10:00", "attended", NULL);
  add_phq9 (handle, 1000, ADA, 100, 1);

  add_client (handle, BEA, "Bea", "active", FALSE);
  add_session (handle, 200, BEA, "2026-11-10 10:00", "no-show", NULL);
  add_session (handle, 201, BEA, "2026-11-17 10:00", "late-cancelled", NULL);

  add_client (handle, CAL, "Cal", "active", FALSE);
  add_session (handle, 300, CAL, "2026-09-01 10:00", "attended", NULL);
  add_event (handle, 3000, 300, "rupture", 0);
  add_session (handle, 301, CAL, "2026-11-10 10:00", "no-show", NULL);
  add_session (handle, 302, CAL, "2026-11-17 10:00", "no-show", NULL);

  /* Dan: sessions either side of both bounds of the period, one entered in
   * error; a rupture before the period repaired inside it; boundary events
   * before and inside. */
  add_client (handle, DAN, "Dan", "on-hold", FALSE);
  add_session (handle, 400, DAN, "2026-10-31 23:59", "attended", NULL);
  add_event (handle, 4000, 400, "rupture", 0);
  add_event (handle, 4001, 400, "boundary", 0);
  add_session (handle, 401, DAN, "2026-11-01 08:00", "attended", NULL);
  add_event (handle, 4002, 401, "repair", 4000);
  add_session (handle, 402, DAN, "2026-11-15 10:00", "cancelled", NULL);
  add_event (handle, 4003, 402, "boundary", 0);
  add_session (handle, 403, DAN, "2026-11-20 10:00", "attended", "Another client's session");
  add_session (handle, 404, DAN, "2026-11-27 18:00", "attended", NULL);
  add_event (handle, 4004, 404, "life", 0);
  add_session (handle, 405, DAN, "2026-11-28 10:00", "attended", NULL);

  add_client (handle, EVE, "Eve", "active", FALSE);
  add_client (handle, ABE, "Abe", "on-hold", FALSE);
  add_client (handle, FAY, "Fay", "enquiry", FALSE);
  add_client (handle, GUS, "Gus", "discharged", FALSE);
  add_client (handle, HAL, "Hal", "active", TRUE);

  add_client (handle, IVY, "Ivy", "active", TRUE);
  add_session (handle, 900, IVY, "2026-11-20 10:00", "attended", NULL);
  add_phq9 (handle, 9000, IVY, 900, 2);

  add_client (handle, ZED, "Zed", "discharged", FALSE);
  add_session (handle, 1100, ZED, "2026-11-20 10:00", "attended", NULL);
  add_phq9 (handle, 11000, ZED, 1100, 2);
  exec_printf (handle, "COMMIT");
}

/* An old signed meeting that left Cal an open and a done action item, and
 * the agenda of the next one: Bea with a question, Eve without. */
static void
fill_supervision (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceMeeting) meeting = alliance_meeting_new ("2026-10-15");
  g_autoptr(AllianceMeeting) agenda = NULL;
  AllianceSupervisionDiscussion *discussion;
  AllianceActionItem *open_item, *done_item;

  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup ("Supervisor");
  g_free (meeting->period_start);
  meeting->period_start = g_strdup ("2026-09-15");
  g_free (meeting->period_end);
  meeting->period_end = g_strdup ("2026-10-15");
  discussion = alliance_meeting_add_discussion (meeting, CAL);
  open_item = alliance_action_item_new (CAL, "Offer a review session");
  done_item = alliance_action_item_new (CAL, "Write to the referrer");
  g_ptr_array_add (discussion->action_items, open_item);
  g_ptr_array_add (discussion->action_items, done_item);
  g_assert_true (alliance_supervision_store_sign_meeting (fixture->supervision, meeting, "Therapist", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_supervision_store_set_action_item_done (fixture->supervision, done_item->id,
                                                                  "2026-10-20", &error));
  g_assert_no_error (error);
  fixture->open_item_id = open_item->id;

  agenda = alliance_supervision_store_ensure_agenda (fixture->supervision, "2026-11-27", &error);
  g_assert_no_error (error);
  discussion = alliance_meeting_add_discussion (agenda, BEA);
  g_free (discussion->question);
  discussion->question = g_strdup ("How do I raise the missed sessions?");
  alliance_meeting_add_discussion (agenda, EVE);
  g_assert_true (alliance_supervision_store_save_meeting (fixture->supervision, agenda, NULL, &error));
  g_assert_no_error (error);
}

static void
open_stores (Fixture          *fixture,
             AllianceDatabase *database)
{
  fixture->database = database;
  fixture->clients = alliance_client_store_new (database);
  fixture->sessions = alliance_session_store_new (database);
  fixture->ratings = alliance_rating_store_new (database);
  fixture->supervision = alliance_supervision_store_new (database);
  g_date_clear (&fixture->today, 1);
  g_date_set_dmy (&fixture->today, 27, G_DATE_NOVEMBER, 2026);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean in_memory = GPOINTER_TO_INT (user_data);
  AllianceDatabase *database;

  if (in_memory)
    database = alliance_database_open_in_memory (&error);
  else
    {
      fixture->dir = test_make_tmp_dir ();
      fixture->path = g_build_filename (fixture->dir, "review.db", NULL);
      database = alliance_database_open (fixture->path, &error);
    }
  g_assert_no_error (error);
  fill_caseload (alliance_database_get_handle (database));
  open_stores (fixture, database);
  fill_supervision (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->supervision);
  g_clear_object (&fixture->ratings);
  g_clear_object (&fixture->sessions);
  g_clear_object (&fixture->clients);
  g_clear_object (&fixture->database);
  if (fixture->dir != NULL)
    test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

static GPtrArray *
build (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  entries = alliance_supervision_review_build (fixture->clients, fixture->sessions, fixture->ratings,
                                               fixture->supervision, PERIOD_FROM, PERIOD_TO, NULL,
                                               &fixture->today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static const AllianceReviewEntry *
find_entry (GPtrArray *entries,
            gint64     client_id)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const AllianceReviewEntry *entry = g_ptr_array_index (entries, i);

      if (entry->client_id == client_id)
        return entry;
    }
  return NULL;
}

static void
test_order (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = build (fixture);
  /* Urgent (one flag each, by name), warnings (more flags first), notices,
   * then quiet clients in therapy by name. Bea's place also proves a
   * question on the agenda does not lift a client. */
  static const gint64 expected[] = { ADA, ZED, CAL, BEA, DAN, ABE, EVE };

  for (guint i = 0; i < entries->len; i++)
    {
      const AllianceReviewEntry *entry = g_ptr_array_index (entries, i);

      g_test_message ("%u: %s, %u flags", i, entry->display_name, entry->flags->flags->len);
    }
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpint (((AllianceReviewEntry *)g_ptr_array_index (entries, i))->client_id, ==, expected[i]);

  g_assert_cmpint (find_entry (entries, ADA)->flags->max_severity, ==, ALLIANCE_FLAG_SEVERITY_URGENT);
  g_assert_cmpint (find_entry (entries, ZED)->flags->max_severity, ==, ALLIANCE_FLAG_SEVERITY_URGENT);
  g_assert_cmpuint (find_entry (entries, CAL)->flags->flags->len, ==, 2);
  g_assert_cmpuint (find_entry (entries, BEA)->flags->flags->len, ==, 1);
  g_assert_cmpint (find_entry (entries, DAN)->flags->max_severity, ==, ALLIANCE_FLAG_SEVERITY_NOTICE);
  g_assert_cmpuint (find_entry (entries, EVE)->flags->flags->len, ==, 0);
  g_assert_cmpstr (find_entry (entries, ADA)->display_name, ==, "Ada Test");
  g_assert_cmpstr (find_entry (entries, ADA)->code, ==, "C-0001");
  g_assert_cmpint (find_entry (entries, ABE)->status, ==, ALLIANCE_CLIENT_STATUS_ON_HOLD);

  /* each pair in order by the comparison too */
  for (guint i = 1; i < entries->len; i++)
    {
      g_assert_cmpint (alliance_review_entry_compare (g_ptr_array_index (entries, i - 1),
                                                      g_ptr_array_index (entries, i)), <, 0);
      g_assert_cmpint (alliance_review_entry_compare (g_ptr_array_index (entries, i),
                                                      g_ptr_array_index (entries, i - 1)), >, 0);
    }
}

static void
test_discharged_on_agenda (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceMeeting) agenda = alliance_supervision_store_load_agenda (fixture->supervision, &error);
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_no_error (error);
  alliance_meeting_add_discussion (agenda, GUS);
  g_assert_true (alliance_supervision_store_save_meeting (fixture->supervision, agenda, NULL, &error));
  g_assert_no_error (error);

  /* put on the agenda, a quiet discharged client is listed, among the quiet */
  entries = build (fixture);
  g_assert_cmpuint (entries->len, ==, 8);
  g_assert_cmpint (((AllianceReviewEntry *)g_ptr_array_index (entries, 6))->client_id, ==, EVE);
  g_assert_cmpint (((AllianceReviewEntry *)g_ptr_array_index (entries, 7))->client_id, ==, GUS);
  g_assert_true (find_entry (entries, GUS)->on_agenda);
  g_assert_null (find_entry (entries, FAY));
  g_assert_null (find_entry (entries, HAL));
  g_assert_null (find_entry (entries, IVY));
}

static void
test_contents (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = build (fixture);
  const AllianceReviewEntry *dan = find_entry (entries, DAN);
  const AllianceReviewEntry *cal = find_entry (entries, CAL);
  const AllianceReviewEntry *bea = find_entry (entries, BEA);
  const AllianceReviewEntry *eve = find_entry (entries, EVE);
  const AllianceReviewEntry *abe = find_entry (entries, ABE);
  const AllianceSession *session;
  const AllianceSessionEvent *event;
  const AllianceActionItem *item;

  /* Dan: 1 Nov 08:00, 15 Nov and 27 Nov 18:00 are in; 31 Oct 23:59 and
   * 28 Nov are out; 20 Nov was entered in error. */
  g_assert_cmpuint (dan->n_sessions, ==, 3);
  g_assert_cmpuint (dan->n_attended, ==, 2);
  g_assert_cmpuint (dan->sessions->len, ==, 3);
  session = g_ptr_array_index (dan->sessions, 0);
  g_assert_cmpint (session->id, ==, 401);
  g_assert_cmpint (session->number, ==, 2);
  session = g_ptr_array_index (dan->sessions, 1);
  g_assert_cmpint (session->id, ==, 402);
  g_assert_cmpint (session->number, ==, 0);
  session = g_ptr_array_index (dan->sessions, 2);
  g_assert_cmpint (session->id, ==, 404);
  g_assert_cmpint (session->number, ==, 3);
  g_assert_cmpstr (dan->start_date, ==, "2026-01-05");

  /* the rupture of 31 Oct is outside the period, its repair inside; one
   * boundary event of two; the life event is neither */
  g_assert_cmpuint (dan->ruptures_and_repairs->len, ==, 1);
  event = g_ptr_array_index (dan->ruptures_and_repairs, 0);
  g_assert_cmpint (event->id, ==, 4002);
  g_assert_cmpint (event->kind, ==, ALLIANCE_EVENT_REPAIR);
  g_assert_cmpuint (dan->boundary_events->len, ==, 1);
  g_assert_cmpint (((AllianceSessionEvent *)g_ptr_array_index (dan->boundary_events, 0))->id, ==, 4003);
  g_assert_cmpuint (dan->unrepaired_ruptures->len, ==, 0);
  g_assert_nonnull (alliance_client_flags_find (dan->flags, ALLIANCE_FLAG_BOUNDARY_EVENT));

  /* Cal: the September rupture is unrepaired, so listed though old, and not
   * among the period's */
  g_assert_cmpuint (cal->unrepaired_ruptures->len, ==, 1);
  g_assert_cmpint (((AllianceSessionEvent *)g_ptr_array_index (cal->unrepaired_ruptures, 0))->id, ==, 3000);
  g_assert_cmpuint (cal->ruptures_and_repairs->len, ==, 0);
  g_assert_cmpuint (cal->n_sessions, ==, 2);
  g_assert_cmpuint (cal->n_attended, ==, 0);

  /* Cal's open action item, not the done one */
  g_assert_cmpuint (cal->open_action_items->len, ==, 1);
  item = g_ptr_array_index (cal->open_action_items, 0);
  g_assert_cmpint (item->id, ==, fixture->open_item_id);
  g_assert_cmpstr (item->text, ==, "Offer a review session");
  g_assert_cmpuint (bea->open_action_items->len, ==, 0);

  /* the agenda */
  g_assert_true (bea->on_agenda);
  g_assert_cmpstr (bea->question, ==, "How do I raise the missed sessions?");
  g_assert_true (eve->on_agenda);
  g_assert_null (eve->question);
  g_assert_false (cal->on_agenda);
  g_assert_null (cal->question);

  /* quiet clients have empty lists, never NULL */
  g_assert_cmpuint (abe->n_sessions, ==, 0);
  g_assert_nonnull (abe->flags);
  g_assert_cmpuint (abe->sessions->len, ==, 0);
  g_assert_cmpuint (abe->unrepaired_ruptures->len, ==, 0);
  g_assert_cmpuint (abe->ruptures_and_repairs->len, ==, 0);
  g_assert_cmpuint (abe->boundary_events->len, ==, 0);
  g_assert_cmpuint (abe->open_action_items->len, ==, 0);

  /* a period of one day, the last: Dan's 18:00 session only */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AllianceReviewEntry) one_day = NULL;

    one_day = alliance_supervision_review_build_entry (fixture->clients, fixture->sessions, fixture->ratings,
                                                       fixture->supervision, DAN, PERIOD_TO, PERIOD_TO, NULL,
                                                       &fixture->today, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (one_day->n_sessions, ==, 1);
    g_assert_cmpint (((AllianceSession *)g_ptr_array_index (one_day->sessions, 0))->id, ==, 404);
    g_assert_cmpuint (one_day->boundary_events->len, ==, 0);
  }
}

static void
assert_same_entry (const AllianceReviewEntry *a,
                   const AllianceReviewEntry *b)
{
  g_assert_cmpint (a->client_id, ==, b->client_id);
  g_assert_cmpstr (a->code, ==, b->code);
  g_assert_cmpstr (a->display_name, ==, b->display_name);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpuint (a->flags->flags->len, ==, b->flags->flags->len);
  g_assert_cmpint (a->flags->max_severity, ==, b->flags->max_severity);
  g_assert_cmpuint (a->n_sessions, ==, b->n_sessions);
  g_assert_cmpuint (a->n_attended, ==, b->n_attended);
  g_assert_cmpuint (a->sessions->len, ==, b->sessions->len);
  g_assert_cmpuint (a->unrepaired_ruptures->len, ==, b->unrepaired_ruptures->len);
  g_assert_cmpuint (a->ruptures_and_repairs->len, ==, b->ruptures_and_repairs->len);
  g_assert_cmpuint (a->boundary_events->len, ==, b->boundary_events->len);
  g_assert_cmpuint (a->open_action_items->len, ==, b->open_action_items->len);
  g_assert_cmpint (a->on_agenda, ==, b->on_agenda);
  g_assert_cmpstr (a->question, ==, b->question);
}

static void
test_build_entry (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = build (fixture);

  for (guint i = 0; i < entries->len; i++)
    {
      const AllianceReviewEntry *listed = g_ptr_array_index (entries, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(AllianceReviewEntry) alone = NULL;

      alone = alliance_supervision_review_build_entry (fixture->clients, fixture->sessions, fixture->ratings,
                                                       fixture->supervision, listed->client_id, PERIOD_FROM,
                                                       PERIOD_TO, NULL, &fixture->today, &error);
      g_assert_no_error (error);
      assert_same_entry (listed, alone);
    }

  /* a client the list leaves out still has an entry of its own */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AllianceReviewEntry) fay = NULL;
    g_autoptr(AllianceReviewEntry) missing = NULL;

    fay = alliance_supervision_review_build_entry (fixture->clients, fixture->sessions, fixture->ratings,
                                                   fixture->supervision, FAY, PERIOD_FROM, PERIOD_TO, NULL,
                                                   &fixture->today, &error);
    g_assert_no_error (error);
    g_assert_cmpint (fay->status, ==, ALLIANCE_CLIENT_STATUS_ENQUIRY);
    g_assert_cmpuint (fay->flags->flags->len, ==, 0);

    missing = alliance_supervision_review_build_entry (fixture->clients, fixture->sessions, fixture->ratings,
                                                       fixture->supervision, 999, PERIOD_FROM, PERIOD_TO, NULL,
                                                       &fixture->today, &error);
    g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
    g_assert_null (missing);
  }
}

static void
check_age_band (const char *date_of_birth,
                GDateDay    day,
                GDateMonth  month,
                GDateYear   year,
                const char *expected)
{
  g_autofree char *band = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, day, month, year);
  band = alliance_age_band (date_of_birth, &today);
  g_test_message ("%s on %d-%d-%d", date_of_birth, year, month, day);
  g_assert_cmpstr (band, ==, expected);
}

static void
test_age_band (void)
{
  /* the day before and the day of the 30th birthday */
  check_age_band ("1996-11-28", 27, G_DATE_NOVEMBER, 2026, "20–29");
  check_age_band ("1996-11-27", 27, G_DATE_NOVEMBER, 2026, "30–39");
  check_age_band ("1987-11-28", 27, G_DATE_NOVEMBER, 2026, "30–39");
  check_age_band ("1986-11-27", 27, G_DATE_NOVEMBER, 2026, "40–49");
  /* the 18th birthday */
  check_age_band ("2008-11-28", 27, G_DATE_NOVEMBER, 2026, "Under 18");
  check_age_band ("2008-11-27", 27, G_DATE_NOVEMBER, 2026, "18–19");
  check_age_band ("2006-11-27", 27, G_DATE_NOVEMBER, 2026, "20–29");
  check_age_band ("2020-01-01", 27, G_DATE_NOVEMBER, 2026, "Under 18");
  check_age_band ("1936-01-01", 27, G_DATE_NOVEMBER, 2026, "90–99");
  /* born on 29 February: 30 on 1 March in a common year */
  check_age_band ("2000-02-29", 28, G_DATE_FEBRUARY, 2030, "20–29");
  check_age_band ("2000-02-29", 1, G_DATE_MARCH, 2030, "30–39");
  /* nothing to go on */
  check_age_band (NULL, 27, G_DATE_NOVEMBER, 2026, "Age not recorded");
  check_age_band ("", 27, G_DATE_NOVEMBER, 2026, "Age not recorded");
  check_age_band ("2027-01-01", 27, G_DATE_NOVEMBER, 2026, "Age not recorded");
  check_age_band ("not a date", 27, G_DATE_NOVEMBER, 2026, "Age not recorded");
}

static void
test_session_time (void)
{
  static const struct
  {
    const char *start_date;
    const char *starts_at;
    int         number;
    const char *expected;
  } cases[] = {
    { "2026-11-02", "2026-11-02 09:00", 1, "Week 1 · session 1" },
    { "2026-11-02", "2026-11-08 23:59", 2, "Week 1 · session 2" },   /* the 7th day */
    { "2026-11-02", "2026-11-09 08:00", 3, "Week 2 · session 3" },   /* the 8th */
    { "2026-11-02", "2027-01-25 10:00", 12, "Week 13 · session 12" },
    { "2026-11-02", "2026-11-16", 4, "Week 3 · session 4" },
    { "2026-11-02", "2026-11-16 10:00", 0, "Week 3" },                /* not attended */
    { "2026-11-02", "2026-11-01 10:00", 1, "Before week 1 · session 1" },
    { NULL, "2026-11-16 10:00", 4, "Week 1 · session 4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = alliance_review_describe_session_time (cases[i].start_date, cases[i].starts_at,
                                                                     cases[i].number);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/supervision-review/order", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_order, fixture_tear_down);
  /* an in-memory database has no file for the caseload's flags pass */
  g_test_add ("/supervision-review/order/in-memory", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/supervision-review/discharged-on-agenda", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_discharged_on_agenda, fixture_tear_down);
  g_test_add ("/supervision-review/contents", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_contents, fixture_tear_down);
  g_test_add ("/supervision-review/build-entry", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_build_entry, fixture_tear_down);
  g_test_add_func ("/supervision-review/age-band", test_age_band);
  g_test_add_func ("/supervision-review/session-time", test_session_time);

  return g_test_run ();
}
