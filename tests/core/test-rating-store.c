/* test-rating-store.c
 *
 * AllianceRatingStore: administrations with their per-item answers (complete
 * or not), range checks that write nothing, one per measure per session,
 * entry order, interpretation against earlier scores; custom definitions and
 * their versions, frozen by the schema once used; session events, repairs
 * and unrepaired ruptures; and deleting a session with all of it.
 */
#define G_LOG_DOMAIN "alliance-test-rating-store"

#include "config.h"

#include <string.h>

#include "alliance-client-store.h"
#include "alliance-error.h"
#include "alliance-measure-library.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "test-common.h"

typedef struct
{
  AllianceDatabase     *database;
  AllianceClientStore  *clients;
  AllianceSessionStore *sessions;
  AllianceRatingStore  *store;
  GArray               *changed_ids;
  gint64                client_id;
  gint64                other_client_id;
} Fixture;

static void
changed_cb (AllianceRatingStore *store,
            gint64               client_id,
            Fixture             *fixture)
{
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

static gint64
add_session (Fixture    *fixture,
             gint64      client_id,
             const char *starts_at)
{
  g_autoptr(AllianceSession) session = alliance_session_new (client_id);
  g_autoptr(GError) error = NULL;

  session->starts_at = g_strdup (starts_at);
  g_assert_true (alliance_session_store_save_session (fixture->sessions, session, NULL, &error));
  g_assert_no_error (error);
  return session->id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->sessions = alliance_session_store_new (fixture->database);
  fixture->store = alliance_rating_store_new (fixture->database);
  fixture->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
  fixture->client_id = add_client (fixture, "Zoë", "Laurent");
  fixture->other_client_id = add_client (fixture, "Kate", "Whitfield");
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

static AllianceAdministration *
new_administration (Fixture    *fixture,
                    gint64      session_id,
                    const char *key)
{
  g_autoptr(GError) error = NULL;
  const AllianceMeasure *measure = alliance_rating_store_get_current_measure (fixture->store, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (measure);
  return alliance_administration_new (fixture->client_id, session_id, measure);
}

static AllianceAdministration *
save_phq9 (Fixture    *fixture,
           gint64      session_id,
           const int  *values)
{
  AllianceAdministration *administration = new_administration (fixture, session_id, ALLIANCE_MEASURE_PHQ9);
  g_autoptr(GError) error = NULL;

  memcpy (administration->values, values, 9 * sizeof (int));
  g_assert_true (alliance_rating_store_save_administration (fixture->store, administration, &error));
  g_assert_no_error (error);
  return administration;
}

static AllianceMeasure *
make_custom (const char *name,
             int         max)
{
  AllianceMeasure *measure = alliance_measure_new ("session-feel", name, ALLIANCE_MEASURE_RATER_CLIENT);

  alliance_measure_add_item (measure, "heard", "I felt heard", 0, max, FALSE);
  alliance_measure_add_item (measure, "useful", "The session was useful", 0, max, FALSE);
  measure->higher_is_better = TRUE;
  return measure;
}

/* ---------------------------------------------------------------------- */

static void
test_builtins_listed (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(GError) error = NULL;
  const char **ids = alliance_measure_library_get_ids ();
  const AllianceMeasure *check;

  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM measures WHERE builtin = 1"), ==,
                   g_strv_length ((char **)ids));
  measures = alliance_rating_store_list_measures (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (measures->len, ==, g_strv_length ((char **)ids));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const AllianceMeasure *measure = g_ptr_array_index (measures, i);

      g_assert_cmpstr (measure->id, ==, ids[i]);
      g_assert_true (measure->translatable);
      g_assert_true (alliance_rating_store_is_builtin (fixture->store, ids[i]));
    }

  /* The cache hands out the same definition each time. */
  check = alliance_rating_store_get_current_measure (fixture->store, ALLIANCE_MEASURE_ALLIANCE_CHECK, &error);
  g_assert_no_error (error);
  g_assert_true (check == g_ptr_array_index (measures, 0));
  g_assert_true (check == alliance_rating_store_get_measure (fixture->store, ALLIANCE_MEASURE_ALLIANCE_CHECK,
                                                             check->version, NULL));

  g_assert_null (alliance_rating_store_get_current_measure (fixture->store, "no-such-measure", &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_false (alliance_rating_store_is_builtin (fixture->store, "no-such-measure"));
}

static void
test_save_load_administrations (Fixture       *fixture,
                                gconstpointer  user_data)
{
  static const int complete[9] = { 1, 2, 3, 0, 1, 2, 3, 0, 1 };
  g_autoptr(AllianceAdministration) first = NULL;
  g_autoptr(AllianceAdministration) partial = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AllianceScore) score = NULL;
  g_autoptr(GError) error = NULL;
  gint64 s1 = add_session (fixture, fixture->client_id, "2025-01-06 10:00");
  gint64 s2 = add_session (fixture, fixture->client_id, "2025-01-13 10:00");
  AllianceAdministration *loaded;

  first = save_phq9 (fixture, s1, complete);
  g_assert_cmpint (first->id, >, 0);
  g_assert_true (first->complete);
  g_assert_cmpint (first->entry_order, ==, 1);
  g_assert_cmpstr (first->administered_at, ==, "2025-01-06 10:00");
  g_assert_nonnull (first->created_at);
  g_assert_cmpint (first->rater, ==, ALLIANCE_MEASURE_RATER_CLIENT);
  g_assert_cmpuint (fixture->changed_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->changed_ids, gint64, 0), ==, fixture->client_id);

  partial = new_administration (fixture, s2, ALLIANCE_MEASURE_PHQ9);
  partial->values[0] = 3;
  partial->values[4] = 0;
  g_assert_true (alliance_rating_store_save_administration (fixture->store, partial, &error));
  g_assert_no_error (error);
  g_assert_false (partial->complete);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM item_scores"), ==, 9 + 2);

  list = alliance_rating_store_list_client_administrations (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  loaded = g_ptr_array_index (list, 0);
  g_assert_cmpint (loaded->id, ==, first->id);
  g_assert_cmpstr (loaded->measure_key, ==, ALLIANCE_MEASURE_PHQ9);
  g_assert_cmpuint (loaded->n_values, ==, 9);
  g_assert_cmpmem (loaded->values, 9 * sizeof (int), complete, sizeof complete);
  g_assert_true (loaded->complete);
  g_assert_cmpstr (loaded->administered_at, ==, "2025-01-06 10:00");
  loaded = g_ptr_array_index (list, 1);
  g_assert_false (loaded->complete);
  g_assert_cmpint (loaded->values[0], ==, 3);
  g_assert_cmpint (loaded->values[1], ==, ALLIANCE_SCORE_MISSING);
  g_assert_cmpint (loaded->values[4], ==, 0);
  g_assert_cmpuint (alliance_administration_count_answered (loaded), ==, 2);

  /* Nothing to score in an incomplete one. */
  score = alliance_rating_store_interpret (fixture->store, loaded, &error);
  g_assert_null (score);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Completing it updates in place: same id and entry order. */
  memcpy (partial->values, complete, sizeof complete);
  g_assert_true (alliance_rating_store_save_administration (fixture->store, partial, &error));
  g_assert_no_error (error);
  g_assert_true (partial->complete);
  g_assert_cmpint (partial->entry_order, ==, 1);
  g_assert_cmpint (count (fixture, "administrations"), ==, 2);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM item_scores"), ==, 18);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = alliance_rating_store_list_session_administrations (fixture->store, s2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (((AllianceAdministration *)g_ptr_array_index (list, 0))->complete);

  g_assert_true (alliance_rating_store_delete_administration (fixture->store, partial->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "administrations"), ==, 1);
  g_assert_cmpint (count (fixture, "item_scores"), ==, 9);
}

static void
test_out_of_range_refused (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(AllianceAdministration) administration = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session_id = add_session (fixture, fixture->client_id, "2025-01-06 10:00");

  administration = new_administration (fixture, session_id, ALLIANCE_MEASURE_ALLIANCE_CHECK);
  administration->values[0] = 8;
  administration->values[2] = 11;
  g_assert_false (alliance_rating_store_save_administration (fixture->store, administration, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_nonnull (strstr (error->message, "0"));
  g_assert_nonnull (strstr (error->message, "10"));
  g_assert_cmpint (administration->id, ==, 0);
  g_assert_cmpint (count (fixture, "administrations"), ==, 0);
  g_assert_cmpint (count (fixture, "item_scores"), ==, 0);
  g_assert_cmpuint (fixture->changed_ids->len, ==, 0);
  g_clear_error (&error);

  /* The schema refuses it too. */
  administration->values[2] = 10;
  g_assert_true (alliance_rating_store_save_administration (fixture->store, administration, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (handle_of (fixture), "UPDATE item_scores SET value = 11", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (handle_of (fixture),
                                 "INSERT INTO item_scores (administration_id, position, value) "
                                 "SELECT id, 5, 1 FROM administrations", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (handle_of (fixture),
                                 "DELETE FROM item_scores WHERE position = 2; "
                                 "INSERT INTO item_scores (administration_id, position, value) "
                                 "SELECT id, 2, 11 FROM administrations", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);

  /* And an administration of another client than the session's. */
  g_assert_cmpint (sqlite3_exec (handle_of (fixture), "UPDATE administrations SET client_id = client_id + 1",
                                 NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  {
    g_autoptr(AllianceAdministration) other = new_administration (fixture, session_id, ALLIANCE_MEASURE_PHQ9);

    other->client_id = fixture->other_client_id;
    g_assert_false (alliance_rating_store_save_administration (fixture->store, other, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
}

static void
test_one_per_session_and_order (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(AllianceAdministration) prediction = NULL;
  g_autoptr(AllianceAdministration) check = NULL;
  g_autoptr(AllianceAdministration) again = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session_id = add_session (fixture, fixture->client_id, "2025-01-06 10:00");

  /* The therapist predicts before seeing the client's own rating. */
  prediction = new_administration (fixture, session_id, ALLIANCE_MEASURE_THERAPIST_PREDICTION);
  prediction->values[0] = 24;
  g_assert_true (alliance_rating_store_save_administration (fixture->store, prediction, &error));
  g_assert_no_error (error);
  g_assert_cmpint (prediction->rater, ==, ALLIANCE_MEASURE_RATER_THERAPIST);

  check = new_administration (fixture, session_id, ALLIANCE_MEASURE_ALLIANCE_CHECK);
  check->values[0] = 7;
  check->values[1] = 8;
  check->values[2] = 9;
  g_assert_true (alliance_rating_store_save_administration (fixture->store, check, &error));
  g_assert_no_error (error);
  g_assert_cmpint (prediction->entry_order, ==, 1);
  g_assert_cmpint (check->entry_order, ==, 2);

  /* Saving the prediction again keeps its place. */
  prediction->values[0] = 25;
  g_assert_true (alliance_rating_store_save_administration (fixture->store, prediction, &error));
  g_assert_no_error (error);
  g_assert_cmpint (prediction->entry_order, ==, 1);

  list = alliance_rating_store_list_session_administrations (fixture->store, session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((AllianceAdministration *)g_ptr_array_index (list, 0))->measure_key, ==,
                   ALLIANCE_MEASURE_THERAPIST_PREDICTION);
  g_assert_cmpint (((AllianceAdministration *)g_ptr_array_index (list, 0))->values[0], ==, 25);
  g_assert_cmpstr (((AllianceAdministration *)g_ptr_array_index (list, 1))->measure_key, ==,
                   ALLIANCE_MEASURE_ALLIANCE_CHECK);

  again = new_administration (fixture, session_id, ALLIANCE_MEASURE_ALLIANCE_CHECK);
  g_assert_false (alliance_rating_store_save_administration (fixture->store, again, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_cmpint (count (fixture, "administrations"), ==, 2);
}

static void
test_interpret_change (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const int severe[9] = { 3, 3, 3, 3, 3, 2, 2, 2, 1 };     /* 22 */
  static const int moderate[9] = { 2, 2, 2, 2, 1, 1, 1, 1, 0 };   /* 12 */
  static const int mild[9] = { 1, 1, 1, 1, 1, 1, 1, 0, 0 };       /* 7 */
  gint64 s1 = add_session (fixture, fixture->client_id, "2025-01-06 10:00");
  gint64 s2 = add_session (fixture, fixture->client_id, "2025-01-13 10:00");
  gint64 s3 = add_session (fixture, fixture->client_id, "2025-01-20 10:00");
  gint64 s4 = add_session (fixture, fixture->client_id, "2025-01-27 10:00");
  g_autoptr(AllianceAdministration) a1 = NULL;
  g_autoptr(AllianceAdministration) a2 = NULL;
  g_autoptr(AllianceAdministration) a3 = NULL;
  g_autoptr(AllianceAdministration) a4 = NULL;
  g_autoptr(AllianceScore) score = NULL;
  g_autoptr(GError) error = NULL;

  /* Saved out of order: "before" is by session time, not by saving. */
  a3 = save_phq9 (fixture, s3, mild);
  a1 = save_phq9 (fixture, s1, severe);
  a2 = save_phq9 (fixture, s2, moderate);
  a4 = new_administration (fixture, s4, ALLIANCE_MEASURE_PHQ9);
  a4->values[0] = 0;
  g_assert_true (alliance_rating_store_save_administration (fixture->store, a4, &error));
  g_assert_no_error (error);

  score = alliance_rating_store_interpret (fixture->store, a1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (score->total, ==, 22);
  g_assert_false (score->since_previous.known);
  g_assert_false (score->since_first.known);
  g_clear_pointer (&score, alliance_score_free);

  score = alliance_rating_store_interpret (fixture->store, a3, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (score->total, ==, 7);
  g_assert_true (score->since_previous.known);
  g_assert_cmpfloat (score->since_previous.difference, ==, -5);
  g_assert_cmpint (score->since_previous.direction, ==, ALLIANCE_CHANGE_IMPROVED);
  g_assert_false (score->since_previous.reliable);
  g_assert_true (score->since_first.known);
  g_assert_cmpfloat (score->since_first.difference, ==, -15);
  g_assert_cmpint (score->since_first.direction, ==, ALLIANCE_CHANGE_IMPROVED);
  g_assert_true (score->since_first.reliable);
  g_clear_pointer (&score, alliance_score_free);

  /* The incomplete one cannot be scored, and is skipped as "previous". */
  g_assert_null (alliance_rating_store_interpret (fixture->store, a4, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  memcpy (a4->values, severe, sizeof severe);
  score = alliance_rating_store_interpret (fixture->store, a4, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (score->since_previous.difference, ==, 15);
  g_assert_cmpint (score->since_previous.direction, ==, ALLIANCE_CHANGE_DETERIORATED);
  g_assert_true (score->since_previous.reliable);
  g_assert_cmpfloat (score->since_first.difference, ==, 0);
}

static void
test_custom_measure_versions (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(AllianceMeasure) measure = make_custom ("Session feel", 5);
  g_autoptr(AllianceMeasure) renamed = NULL;
  g_autoptr(AllianceMeasure) wider = NULL;
  g_autoptr(AllianceAdministration) old_answers = NULL;
  g_autoptr(AllianceScore) before = NULL;
  g_autoptr(AllianceScore) after = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  const AllianceMeasure *stored;
  const AllianceMeasure *v1;
  gint64 session_id = add_session (fixture, fixture->client_id, "2025-01-06 10:00");
  guint n_changed;

  g_assert_true (alliance_rating_store_save_measure (fixture->store, measure, &error));
  g_assert_no_error (error);
  g_assert_cmpint (measure->version, ==, 1);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT builtin FROM measures WHERE key = 'session-feel'"),
                   ==, 0);
  g_assert_cmpuint (fixture->changed_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->changed_ids, gint64, 0), ==, 0);
  g_assert_false (alliance_rating_store_is_builtin (fixture->store, "session-feel"));

  /* Unchanged: nothing happens. */
  g_assert_true (alliance_rating_store_save_measure (fixture->store, measure, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->changed_ids->len, ==, 1);

  /* Changed while unused: replaced in place. */
  stored = alliance_rating_store_get_current_measure (fixture->store, "session-feel", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name, ==, "Session feel");
  renamed = make_custom ("How the session felt", 5);
  g_assert_true (alliance_rating_store_save_measure (fixture->store, renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (renamed->version, ==, 1);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM measures WHERE key = 'session-feel'"),
                   ==, 1);
  g_assert_cmpstr (stored->name, ==, "Session feel");   /* what callers hold stays valid */
  stored = alliance_rating_store_get_current_measure (fixture->store, "session-feel", &error);
  g_assert_cmpstr (stored->name, ==, "How the session felt");
  g_assert_false (stored->translatable);

  /* Used, then changed: version 2; version 1 still loads and scores the same. */
  old_answers = alliance_administration_new (fixture->client_id, session_id, stored);
  old_answers->values[0] = 4;
  old_answers->values[1] = 5;
  g_assert_true (alliance_rating_store_save_administration (fixture->store, old_answers, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_rating_store_measure_in_use (fixture->store, "session-feel", 1, &error));
  before = alliance_rating_store_interpret (fixture->store, old_answers, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (before->total, ==, 9);

  wider = make_custom ("How the session felt", 10);
  alliance_measure_set_cutoff (wider, ALLIANCE_MEASURE_CUTOFF_BELOW, 12);
  g_assert_true (alliance_rating_store_save_measure (fixture->store, wider, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wider->version, ==, 2);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM measures WHERE key = 'session-feel'"),
                   ==, 2);
  stored = alliance_rating_store_get_current_measure (fixture->store, "session-feel", &error);
  g_assert_cmpint (stored->version, ==, 2);
  g_assert_cmpint (alliance_measure_get_item (stored, 0)->max, ==, 10);

  v1 = alliance_rating_store_get_measure (fixture->store, "session-feel", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (alliance_measure_get_item (v1, 0)->max, ==, 5);
  list = alliance_rating_store_list_client_administrations (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((AllianceAdministration *)g_ptr_array_index (list, 0))->measure_version, ==, 1);
  after = alliance_rating_store_interpret (fixture->store, g_ptr_array_index (list, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (after->total, ==, before->total);
  g_assert_cmpint (after->cutoff_met, ==, before->cutoff_met);
  g_assert_false (after->has_cutoff);

  /* The schema freezes the used row whatever the code does. */
  g_assert_cmpint (sqlite3_exec (handle_of (fixture),
                                 "UPDATE measures SET definition = '{}' WHERE key = 'session-feel' AND version = 1",
                                 NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (handle_of (fixture),
                                 "UPDATE measures SET version = 7 WHERE key = 'session-feel' AND version = 1",
                                 NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (handle_of (fixture),
                                 "DELETE FROM measures WHERE key = 'session-feel' AND version = 1", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  /* The unused version 2 may still change. */
  g_assert_cmpint (sqlite3_exec (handle_of (fixture),
                                 "UPDATE measures SET name = name WHERE key = 'session-feel' AND version = 2",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);

  /* Built-in keys are refused. */
  n_changed = fixture->changed_ids->len;
  {
    g_autoptr(AllianceMeasure) fake = make_custom ("Fake", 5);

    g_free (fake->id);
    fake->id = g_strdup (ALLIANCE_MEASURE_PHQ9);
    g_assert_false (alliance_rating_store_save_measure (fixture->store, fake, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpuint (fixture->changed_ids->len, ==, n_changed);

  /* Retired: not offered, still readable. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = alliance_rating_store_list_measures (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((AllianceMeasure *)g_ptr_array_index (list, list->len - 1))->id, ==, "session-feel");
  g_assert_true (alliance_rating_store_retire_measure (fixture->store, "session-feel", &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = alliance_rating_store_list_measures (fixture->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (((AllianceMeasure *)g_ptr_array_index (list, i))->id, !=, "session-feel");
  g_assert_nonnull (alliance_rating_store_get_measure (fixture->store, "session-feel", 1, &error));
  g_assert_no_error (error);
  g_assert_false (alliance_rating_store_retire_measure (fixture->store, ALLIANCE_MEASURE_PHQ9, &error));
  g_assert_nonnull (error);
}

static AllianceSessionEvent *
save_rupture (Fixture *fixture,
              gint64   session_id)
{
  AllianceSessionEvent *rupture = alliance_session_event_new (session_id, ALLIANCE_EVENT_RUPTURE);
  g_autoptr(GError) error = NULL;

  rupture->rupture_type = ALLIANCE_RUPTURE_CONFRONTATION;
  rupture->intensity = 2;
  g_assert_true (alliance_rating_store_save_event (fixture->store, rupture, &error));
  g_assert_no_error (error);
  return rupture;
}

static void
test_events (Fixture       *fixture,
             gconstpointer  user_data)
{
  gint64 s1 = add_session (fixture, fixture->client_id, "2025-01-06 10:00");
  gint64 s2 = add_session (fixture, fixture->client_id, "2025-01-13 10:00");
  gint64 other_session = add_session (fixture, fixture->other_client_id, "2025-01-06 11:00");
  g_autoptr(AllianceSessionEvent) r1 = NULL;
  g_autoptr(AllianceSessionEvent) r2 = NULL;
  g_autoptr(AllianceSessionEvent) other_rupture = NULL;
  g_autoptr(AllianceSessionEvent) repair = NULL;
  g_autoptr(AllianceSessionEvent) boundary = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_events;

  r1 = save_rupture (fixture, s1);
  g_assert_cmpint (r1->id, >, 0);
  g_assert_cmpint (r1->client_id, ==, fixture->client_id);
  g_assert_cmpstr (r1->occurred_at, ==, "2025-01-06 10:00");
  r2 = save_rupture (fixture, s2);
  other_rupture = save_rupture (fixture, other_session);

  boundary = alliance_session_event_new (s1, ALLIANCE_EVENT_BOUNDARY);
  boundary->boundary_kind = ALLIANCE_BOUNDARY_GIFT;
  boundary->note = (g_free (boundary->note), g_strdup ("A card"));
  g_assert_true (alliance_rating_store_save_event (fixture->store, boundary, &error));
  g_assert_no_error (error);

  /* A repair in s2 of the s1 rupture, not resolved yet. */
  repair = alliance_session_event_new (s2, ALLIANCE_EVENT_REPAIR);
  repair->strategy = ALLIANCE_REPAIR_METACOMMUNICATION;
  repair->rupture_id = r1->id;
  g_assert_true (alliance_rating_store_save_event (fixture->store, repair, &error));
  g_assert_no_error (error);

  list = alliance_rating_store_list_unrepaired_ruptures (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  repair->resolved = TRUE;
  g_assert_true (alliance_rating_store_save_event (fixture->store, repair, &error));
  g_assert_no_error (error);
  list = alliance_rating_store_list_unrepaired_ruptures (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((AllianceSessionEvent *)g_ptr_array_index (list, 0))->id, ==, r2->id);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = alliance_rating_store_list_client_events (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (((AllianceSessionEvent *)g_ptr_array_index (list, 0))->id, ==, r1->id);
  g_assert_cmpint (((AllianceSessionEvent *)g_ptr_array_index (list, 1))->kind, ==, ALLIANCE_EVENT_BOUNDARY);
  g_assert_cmpstr (((AllianceSessionEvent *)g_ptr_array_index (list, 1))->note, ==, "A card");
  g_assert_cmpint (((AllianceSessionEvent *)g_ptr_array_index (list, 1))->boundary_kind, ==, ALLIANCE_BOUNDARY_GIFT);
  {
    AllianceSessionEvent *loaded = g_ptr_array_index (list, 3);

    g_assert_cmpint (loaded->kind, ==, ALLIANCE_EVENT_REPAIR);
    g_assert_true (loaded->resolved);
    g_assert_cmpint (loaded->rupture_id, ==, r1->id);
    g_assert_cmpint (loaded->strategy, ==, ALLIANCE_REPAIR_METACOMMUNICATION);
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  list = alliance_rating_store_list_session_events (fixture->store, s2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((AllianceSessionEvent *)g_ptr_array_index (list, 0))->intensity, ==, 2);
  g_assert_cmpint (((AllianceSessionEvent *)g_ptr_array_index (list, 0))->rupture_type, ==,
                   ALLIANCE_RUPTURE_CONFRONTATION);

  n_events = count (fixture, "session_events");
  {
    g_autoptr(AllianceSessionEvent) bad = alliance_session_event_new (s2, ALLIANCE_EVENT_REPAIR);

    /* Another client's rupture. */
    bad->rupture_id = other_rupture->id;
    g_assert_false (alliance_rating_store_save_event (fixture->store, bad, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
    g_clear_error (&error);
    /* A later session's rupture. */
    bad->session_id = s1;
    bad->rupture_id = r2->id;
    g_assert_false (alliance_rating_store_save_event (fixture->store, bad, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
    g_clear_error (&error);
    /* Not a rupture. */
    bad->session_id = s2;
    bad->rupture_id = boundary->id;
    g_assert_false (alliance_rating_store_save_event (fixture->store, bad, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpint (count (fixture, "session_events"), ==, n_events);
  /* The schema refuses the other client's rupture too. */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO session_events (session_id, kind, strategy, resolved, "
                                            "rupture_id, created_at) VALUES (%" G_GINT64_FORMAT ", 'repair', "
                                            "'validate', 1, %" G_GINT64_FORMAT ", 'x')",
                                            s2, other_rupture->id);

    g_assert_cmpint (sqlite3_exec (handle_of (fixture), sql, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);
  }

  /* A rupture that a repair names stays until the repair goes. */
  g_assert_false (alliance_rating_store_delete_event (fixture->store, r1->id, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, "session_events"), ==, n_events);
  g_assert_true (alliance_rating_store_delete_event (fixture->store, repair->id, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_rating_store_delete_event (fixture->store, r1->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "session_events"), ==, n_events - 2);
}

static void
test_delete_session_cascades (Fixture       *fixture,
                              gconstpointer  user_data)
{
  static const int answers[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  gint64 s1 = add_session (fixture, fixture->client_id, "2025-01-06 10:00");
  gint64 s2 = add_session (fixture, fixture->client_id, "2025-01-13 10:00");
  g_autoptr(AllianceAdministration) a1 = save_phq9 (fixture, s1, answers);
  g_autoptr(AllianceAdministration) a2 = save_phq9 (fixture, s2, answers);
  g_autoptr(AllianceSessionEvent) rupture = save_rupture (fixture, s1);
  g_autoptr(AllianceSessionEvent) repair = alliance_session_event_new (s1, ALLIANCE_EVENT_REPAIR);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (a1);
  g_assert_nonnull (a2);

  /* Saved after the rupture, in the same session. */
  repair->rupture_id = rupture->id;
  repair->resolved = TRUE;
  g_assert_true (alliance_rating_store_save_event (fixture->store, repair, &error));
  g_assert_no_error (error);
  /* And the rupture saved again after its repair. */
  g_assert_true (alliance_rating_store_save_event (fixture->store, rupture, &error));
  g_assert_no_error (error);

  g_assert_true (alliance_session_store_delete_session (fixture->sessions, s1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "administrations"), ==, 1);
  g_assert_cmpint (count (fixture, "item_scores"), ==, 9);
  g_assert_cmpint (count (fixture, "session_events"), ==, 0);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  g_assert_true (alliance_session_store_delete_session (fixture->sessions, s2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "administrations"), ==, 0);
  g_assert_cmpint (count (fixture, "item_scores"), ==, 0);
  /* The definitions stay, now free to change. */
  g_assert_cmpint (count (fixture, "measures"), ==, g_strv_length ((char **)alliance_measure_library_get_ids ()));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rating-store/builtins-listed", test_builtins_listed);
  ADD ("/rating-store/administrations/save-load", test_save_load_administrations);
  ADD ("/rating-store/administrations/out-of-range", test_out_of_range_refused);
  ADD ("/rating-store/administrations/one-per-session-and-order", test_one_per_session_and_order);
  ADD ("/rating-store/administrations/interpret", test_interpret_change);
  ADD ("/rating-store/measures/versions", test_custom_measure_versions);
  ADD ("/rating-store/events", test_events);
  ADD ("/rating-store/delete-session", test_delete_session_cascades);
#undef ADD

  return g_test_run ();
}
