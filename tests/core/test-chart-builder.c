/* test-chart-builder.c
 *
 * alliance_chart_data_build() over data saved through the stores: the
 * score and prediction series by session and by date, a missed session,
 * a session entered in error left out, rupture and repair markers, an
 * outcome panel with its bands and reliable-change band, a date range,
 * a client with no ratings, and WAI-SR subscales.
 */
#define G_LOG_DOMAIN "alliance-test-chart-builder"

#include "config.h"

#include <string.h>

#include "alliance-chart-builder.h"
#include "alliance-client-store.h"
#include "alliance-measure-library.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "test-common.h"

typedef struct
{
  AllianceDatabase     *database;
  AllianceClientStore  *clients;
  AllianceSessionStore *sessions;
  AllianceRatingStore  *ratings;
  gint64                client_id;
  char                 *code;
  gint64                s1, s2, s3, s4, s5, s6;
} Fixture;

static gint64
add_client (Fixture *fixture,
            char   **code)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
  g_assert_no_error (error);
  if (code != NULL)
    *code = g_strdup (client->code);
  return client->id;
}

static gint64
add_session (Fixture            *fixture,
             gint64              client_id,
             const char         *starts_at,
             AllianceAttendance  attendance)
{
  g_autoptr(AllianceSession) session = alliance_session_new (client_id);
  g_autoptr(GError) error = NULL;

  session->starts_at = g_strdup (starts_at);
  session->attendance = attendance;
  g_assert_true (alliance_session_store_save_session (fixture->sessions, session, NULL, &error));
  g_assert_no_error (error);
  return session->id;
}

/* Saves @key in @session_id with the same answer to every item, or with
 * the last item left out when @complete is FALSE. */
static void
rate (Fixture    *fixture,
      gint64      client_id,
      gint64      session_id,
      const char *key,
      int         each,
      gboolean    complete)
{
  g_autoptr(GError) error = NULL;
  const AllianceMeasure *measure = alliance_rating_store_get_current_measure (fixture->ratings, key, &error);
  g_autoptr(AllianceAdministration) administration = NULL;

  g_assert_no_error (error);
  administration = alliance_administration_new (client_id, session_id, measure);
  for (guint i = 0; i < administration->n_values; i++)
    administration->values[i] = each;
  if (!complete)
    administration->values[administration->n_values - 1] = ALLIANCE_SCORE_MISSING;
  g_assert_true (alliance_rating_store_save_administration (fixture->ratings, administration, &error));
  g_assert_no_error (error);
}

static gint64
add_event (Fixture              *fixture,
           gint64                session_id,
           AllianceEventKind     kind,
           gint64                rupture_id)
{
  g_autoptr(AllianceSessionEvent) event = alliance_session_event_new (session_id, kind);
  g_autoptr(GError) error = NULL;

  if (kind == ALLIANCE_EVENT_RUPTURE)
    event->intensity = 2;
  if (kind == ALLIANCE_EVENT_REPAIR)
    {
      event->rupture_id = rupture_id;
      event->resolved = TRUE;
    }
  g_assert_true (alliance_rating_store_save_event (fixture->ratings, event, &error));
  g_assert_no_error (error);
  return event->id;
}

/*   s1 2026-01-05 attended #1  check 8×3 = 24, prediction 26, PHQ-9 2×9 = 18
 *   s2 2026-01-12 no-show
 *   s3 2026-01-19 attended #2  check 6×3 = 18, prediction 25, rupture; PHQ-9 incomplete
 *   s4 2026-01-26 entered in error: check 30, a rupture — all left out
 *   s5 2026-02-02 attended #3  check 9×3 = 27, prediction 24, repair, PHQ-9 1×9 = 9
 *   s6 2026-02-09 late cancellation */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 rupture;

  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  fixture->sessions = alliance_session_store_new (fixture->database);
  fixture->ratings = alliance_rating_store_new (fixture->database);
  fixture->client_id = add_client (fixture, &fixture->code);

  fixture->s1 = add_session (fixture, fixture->client_id, "2026-01-05 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  fixture->s2 = add_session (fixture, fixture->client_id, "2026-01-12 10:00", ALLIANCE_ATTENDANCE_NO_SHOW);
  fixture->s3 = add_session (fixture, fixture->client_id, "2026-01-19 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  fixture->s4 = add_session (fixture, fixture->client_id, "2026-01-26 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  fixture->s5 = add_session (fixture, fixture->client_id, "2026-02-02 10:00", ALLIANCE_ATTENDANCE_ATTENDED);
  fixture->s6 = add_session (fixture, fixture->client_id, "2026-02-09 10:00", ALLIANCE_ATTENDANCE_LATE_CANCELLED);

  rate (fixture, fixture->client_id, fixture->s1, ALLIANCE_MEASURE_ALLIANCE_CHECK, 8, TRUE);
  rate (fixture, fixture->client_id, fixture->s1, ALLIANCE_MEASURE_THERAPIST_PREDICTION, 26, TRUE);
  rate (fixture, fixture->client_id, fixture->s1, ALLIANCE_MEASURE_PHQ9, 2, TRUE);
  rate (fixture, fixture->client_id, fixture->s3, ALLIANCE_MEASURE_ALLIANCE_CHECK, 6, TRUE);
  rate (fixture, fixture->client_id, fixture->s3, ALLIANCE_MEASURE_THERAPIST_PREDICTION, 25, TRUE);
  rate (fixture, fixture->client_id, fixture->s3, ALLIANCE_MEASURE_PHQ9, 1, FALSE);
  rate (fixture, fixture->client_id, fixture->s4, ALLIANCE_MEASURE_ALLIANCE_CHECK, 10, TRUE);
  rate (fixture, fixture->client_id, fixture->s5, ALLIANCE_MEASURE_ALLIANCE_CHECK, 9, TRUE);
  rate (fixture, fixture->client_id, fixture->s5, ALLIANCE_MEASURE_THERAPIST_PREDICTION, 24, TRUE);
  rate (fixture, fixture->client_id, fixture->s5, ALLIANCE_MEASURE_PHQ9, 1, TRUE);

  rupture = add_event (fixture, fixture->s3, ALLIANCE_EVENT_RUPTURE, 0);
  add_event (fixture, fixture->s4, ALLIANCE_EVENT_RUPTURE, 0);
  add_event (fixture, fixture->s5, ALLIANCE_EVENT_REPAIR, rupture);

  g_assert_true (alliance_session_store_mark_entered_in_error (fixture->sessions, fixture->s4,
                                                               "Wrong client", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->ratings);
  g_assert_finalize_object (fixture->sessions);
  g_assert_finalize_object (fixture->clients);
  g_assert_finalize_object (fixture->database);
  g_free (fixture->code);
}

static AllianceChartData *
build (Fixture                    *fixture,
       gint64                      client_id,
       const AllianceChartOptions *options)
{
  g_autoptr(GError) error = NULL;
  AllianceChartData *data = alliance_chart_data_build (fixture->sessions, fixture->ratings,
                                                       client_id, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static const AllianceChartSeries *
find_series (const AllianceChartData *data,
             AllianceChartSeriesKind  kind)
{
  for (guint i = 0; i < data->series->len; i++)
    {
      const AllianceChartSeries *series = g_ptr_array_index (data->series, i);

      if (series->kind == kind)
        return series;
    }
  return NULL;
}

static void
assert_point (const AllianceChartSeries *series,
              guint                      index,
              gint64                     session_id,
              int                        number,
              const char                *date,
              double                     value)
{
  const AllianceChartPoint *point;

  g_assert_cmpuint (index, <, series->points->len);
  point = &g_array_index (series->points, AllianceChartPoint, index);
  g_assert_cmpint (point->session_id, ==, session_id);
  g_assert_cmpint (point->session_number, ==, number);
  g_assert_cmpstr (point->date, ==, date);
  g_assert_cmpfloat_with_epsilon (point->value, value, 1e-9);
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(AllianceChartData) data = NULL;
  g_autofree char *title = NULL;
  const AllianceChartSeries *score, *prediction;
  AllianceChartOptions options;

  alliance_chart_options_init (&options);
  g_assert_null (options.measure_key);
  g_assert_null (options.outcome_key);
  g_assert_true (options.show_prediction);
  g_assert_false (options.show_subscales);
  g_assert_cmpint (options.x_mode, ==, ALLIANCE_CHART_X_SESSION);

  data = build (fixture, fixture->client_id, &options);
  title = g_strdup_printf ("Alliance check — %s", fixture->code);
  g_assert_cmpstr (data->title, ==, title);
  g_assert_cmpstr (data->x_label, ==, "Session");
  g_assert_cmpstr (data->y_label, ==, "Total (0–30)");
  g_assert_cmpint (data->x_mode, ==, ALLIANCE_CHART_X_SESSION);
  g_assert_cmpfloat (data->y_min, ==, 0);
  g_assert_cmpfloat (data->y_max, ==, 30);
  g_assert_true (data->has_cutoff);
  g_assert_cmpfloat (data->cutoff, ==, 24);
  g_assert_cmpint (data->cutoff_comparison, ==, ALLIANCE_MEASURE_CUTOFF_BELOW);
  g_assert_cmpstr (data->cutoff_label, ==, "Cut-off: below 24");
  g_assert_null (data->outcome);

  /* The score first; the session in error is not there, and the numbers
   * are those of attended sessions. */
  score = alliance_chart_data_get_score (data);
  g_assert_nonnull (score);
  g_assert_true (score == g_ptr_array_index (data->series, 0));
  g_assert_cmpint (score->kind, ==, ALLIANCE_CHART_SERIES_SCORE);
  g_assert_cmpuint (alliance_chart_data_count_scores (data), ==, 3);
  assert_point (score, 0, fixture->s1, 1, "2026-01-05", 24);
  assert_point (score, 1, fixture->s3, 2, "2026-01-19", 18);
  assert_point (score, 2, fixture->s5, 3, "2026-02-02", 27);

  prediction = find_series (data, ALLIANCE_CHART_SERIES_PREDICTION);
  g_assert_nonnull (prediction);
  g_assert_cmpuint (prediction->points->len, ==, 3);
  assert_point (prediction, 0, fixture->s1, 1, "2026-01-05", 26);
  assert_point (prediction, 2, fixture->s5, 3, "2026-02-02", 24);
  g_assert_null (find_series (data, ALLIANCE_CHART_SERIES_SUBSCALE));

  /* The rupture and its repair; not the rupture of the session in error. */
  g_assert_cmpuint (data->events->len, ==, 2);
  {
    const AllianceChartEvent *rupture = &g_array_index (data->events, AllianceChartEvent, 0);
    const AllianceChartEvent *repair = &g_array_index (data->events, AllianceChartEvent, 1);

    g_assert_cmpint (rupture->kind, ==, ALLIANCE_EVENT_RUPTURE);
    g_assert_cmpint (rupture->session_number, ==, 2);
    g_assert_cmpstr (rupture->date, ==, "2026-01-19");
    g_assert_nonnull (strstr (rupture->description, "rupture"));
    g_assert_cmpint (repair->kind, ==, ALLIANCE_EVENT_REPAIR);
    g_assert_cmpint (repair->session_number, ==, 3);
    g_assert_cmpstr (repair->description, ==, "A repair (resolved)");
  }

  /* The no-show and the late cancellation, after the session before them. */
  g_assert_cmpuint (data->missed->len, ==, 2);
  g_assert_cmpstr (g_array_index (data->missed, AllianceChartMissed, 0).date, ==, "2026-01-12");
  g_assert_cmpint (g_array_index (data->missed, AllianceChartMissed, 0).after_session_number, ==, 1);
  g_assert_cmpstr (g_array_index (data->missed, AllianceChartMissed, 1).date, ==, "2026-02-09");
  g_assert_cmpint (g_array_index (data->missed, AllianceChartMissed, 1).after_session_number, ==, 3);

  g_assert_cmpint (data->first_number, ==, 1);
  g_assert_cmpint (data->last_number, ==, 3);
  g_assert_cmpstr (data->first_date, ==, "2026-01-05");
  g_assert_cmpstr (data->last_date, ==, "2026-02-09");
}

static void
test_no_prediction (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(AllianceChartData) hidden = NULL;
  g_autoptr(AllianceChartData) other = NULL;
  AllianceChartOptions options;

  alliance_chart_options_init (&options);
  options.show_prediction = FALSE;
  hidden = build (fixture, fixture->client_id, &options);
  g_assert_null (find_series (hidden, ALLIANCE_CHART_SERIES_PREDICTION));
  g_assert_cmpuint (hidden->series->len, ==, 1);

  /* The prediction is of the Alliance check: not drawn against another measure. */
  alliance_chart_options_init (&options);
  options.measure_key = ALLIANCE_MEASURE_WAI_SR;
  other = build (fixture, fixture->client_id, &options);
  g_assert_null (find_series (other, ALLIANCE_CHART_SERIES_PREDICTION));
  g_assert_cmpuint (alliance_chart_data_count_scores (other), ==, 0);
  g_assert_cmpfloat (other->y_min, ==, 12);
  g_assert_cmpfloat (other->y_max, ==, 60);
  g_assert_false (other->has_cutoff);
  g_assert_null (other->cutoff_label);
}

static void
test_by_date (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(AllianceChartData) data = NULL;
  AllianceChartOptions options;

  alliance_chart_options_init (&options);
  options.x_mode = ALLIANCE_CHART_X_DATE;
  data = build (fixture, fixture->client_id, &options);
  g_assert_cmpint (data->x_mode, ==, ALLIANCE_CHART_X_DATE);
  g_assert_cmpstr (data->x_label, ==, "Date");
  /* Same points: the mode only changes how x is read. */
  assert_point (alliance_chart_data_get_score (data), 1, fixture->s3, 2, "2026-01-19", 18);
}

static void
test_date_range (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AllianceChartData) data = NULL;
  AllianceChartOptions options;

  alliance_chart_options_init (&options);
  options.from_date = "2026-01-10";
  options.to_date = "2026-01-31";
  options.outcome_key = ALLIANCE_MEASURE_PHQ9;
  data = build (fixture, fixture->client_id, &options);

  g_assert_cmpuint (alliance_chart_data_count_scores (data), ==, 1);
  assert_point (alliance_chart_data_get_score (data), 0, fixture->s3, 2, "2026-01-19", 18);
  g_assert_cmpuint (find_series (data, ALLIANCE_CHART_SERIES_PREDICTION)->points->len, ==, 1);
  g_assert_cmpuint (data->events->len, ==, 1);
  g_assert_cmpint (g_array_index (data->events, AllianceChartEvent, 0).kind, ==, ALLIANCE_EVENT_RUPTURE);
  g_assert_cmpuint (data->missed->len, ==, 1);
  g_assert_cmpint (g_array_index (data->missed, AllianceChartMissed, 0).after_session_number, ==, 1);
  g_assert_cmpint (data->first_number, ==, 2);
  g_assert_cmpint (data->last_number, ==, 2);
  g_assert_cmpstr (data->first_date, ==, "2026-01-12");
  g_assert_cmpstr (data->last_date, ==, "2026-01-19");

  /* Only the incomplete PHQ-9 falls in the range: no point, but the
   * reliable band stays on the client's first score. */
  g_assert_nonnull (data->outcome);
  g_assert_cmpuint (data->outcome->series->points->len, ==, 0);
  g_assert_true (data->outcome->has_reliable_band);
  g_assert_cmpfloat (data->outcome->reliable_center, ==, 18);
}

static void
test_outcome (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(AllianceChartData) data = NULL;
  const AllianceChartOutcome *outcome;
  const AllianceChartBand *band;
  AllianceChartOptions options;

  alliance_chart_options_init (&options);
  options.outcome_key = "";
  data = build (fixture, fixture->client_id, &options);
  outcome = data->outcome;
  g_assert_nonnull (outcome);
  g_assert_cmpstr (outcome->title, ==, "PHQ-9");
  g_assert_cmpfloat (outcome->y_min, ==, 0);
  g_assert_cmpfloat (outcome->y_max, ==, 27);
  g_assert_false (outcome->higher_is_better);
  g_assert_cmpuint (outcome->bands->len, ==, 5);
  band = g_ptr_array_index (outcome->bands, 1);
  g_assert_cmpfloat (band->min, ==, 5);
  g_assert_cmpfloat (band->max, ==, 9);
  g_assert_cmpstr (band->label, ==, "Mild");

  /* Complete administrations only. */
  g_assert_cmpint (outcome->series->kind, ==, ALLIANCE_CHART_SERIES_SCORE);
  g_assert_cmpuint (outcome->series->points->len, ==, 2);
  assert_point (outcome->series, 0, fixture->s1, 1, "2026-01-05", 18);
  assert_point (outcome->series, 1, fixture->s5, 3, "2026-02-02", 9);
  g_assert_true (outcome->has_reliable_band);
  g_assert_cmpfloat (outcome->reliable_center, ==, 18);
  g_assert_cmpfloat (outcome->reliable_half_width, ==, 6);

  /* A copy carries the outcome panel too. */
  {
    g_autoptr(AllianceChartData) copy = alliance_chart_data_copy (data);

    g_assert_nonnull (copy->outcome);
    g_assert_cmpuint (copy->outcome->bands->len, ==, 5);
  }
}

static void
test_no_ratings (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AllianceChartData) data = NULL;
  AllianceChartOptions options;
  gint64 client_id = add_client (fixture, NULL);

  add_session (fixture, client_id, "2026-03-02 09:00", ALLIANCE_ATTENDANCE_ATTENDED);
  alliance_chart_options_init (&options);
  options.outcome_key = "";
  data = build (fixture, client_id, &options);

  /* The Alliance check by default, with nothing in it, and no outcome measure to show. */
  g_assert_nonnull (g_strstr_len (data->title, -1, "Alliance check"));
  g_assert_cmpuint (alliance_chart_data_count_scores (data), ==, 0);
  g_assert_cmpuint (data->events->len, ==, 0);
  g_assert_cmpuint (data->missed->len, ==, 0);
  g_assert_null (data->outcome);
  g_assert_cmpint (data->first_number, ==, 1);
  g_assert_cmpint (data->last_number, ==, 1);
}

static void
test_subscales (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(AllianceChartData) data = NULL;
  g_autoptr(AllianceChartData) without = NULL;
  AllianceChartOptions options;
  gint64 client_id = add_client (fixture, NULL);
  gint64 a = add_session (fixture, client_id, "2026-03-02 09:00", ALLIANCE_ATTENDANCE_ATTENDED);
  gint64 b = add_session (fixture, client_id, "2026-03-09 09:00", ALLIANCE_ATTENDANCE_ATTENDED);
  gint64 c = add_session (fixture, client_id, "2026-03-16 09:00", ALLIANCE_ATTENDANCE_ATTENDED);

  /* WAI-SR twice, the Alliance check once: WAI-SR is the most used. */
  rate (fixture, client_id, a, ALLIANCE_MEASURE_WAI_SR, 3, TRUE);
  rate (fixture, client_id, b, ALLIANCE_MEASURE_WAI_SR, 4, TRUE);
  rate (fixture, client_id, c, ALLIANCE_MEASURE_WAI_SR, 5, FALSE);
  rate (fixture, client_id, c, ALLIANCE_MEASURE_ALLIANCE_CHECK, 5, TRUE);

  alliance_chart_options_init (&options);
  options.show_subscales = TRUE;
  data = build (fixture, client_id, &options);
  g_assert_nonnull (g_strstr_len (data->title, -1, "WAI-SR"));
  g_assert_cmpfloat (data->y_min, ==, 12);
  g_assert_cmpfloat (data->y_max, ==, 60);
  g_assert_cmpuint (alliance_chart_data_count_scores (data), ==, 2);
  assert_point (alliance_chart_data_get_score (data), 1, b, 2, "2026-03-09", 48);
  g_assert_null (find_series (data, ALLIANCE_CHART_SERIES_PREDICTION));

  g_assert_cmpuint (data->series->len, ==, 4);
  {
    const char *labels[] = { "Task", "Bond", "Goal" };

    for (guint i = 0; i < 3; i++)
      {
        const AllianceChartSeries *subscale = g_ptr_array_index (data->series, i + 1);

        g_assert_cmpint (subscale->kind, ==, ALLIANCE_CHART_SERIES_SUBSCALE);
        g_assert_cmpstr (subscale->label, ==, labels[i]);
        assert_point (subscale, 0, a, 1, "2026-03-02", 12);
        assert_point (subscale, 1, b, 2, "2026-03-09", 16);
      }
  }

  alliance_chart_options_init (&options);
  without = build (fixture, client_id, &options);
  g_assert_cmpuint (without->series->len, ==, 1);
}

static void
test_unknown_measure (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceChartData) data = NULL;
  AllianceChartOptions options;

  alliance_chart_options_init (&options);
  options.measure_key = "no-such-measure";
  data = alliance_chart_data_build (fixture->sessions, fixture->ratings, fixture->client_id, &options, &error);
  g_assert_null (data);
  g_assert_nonnull (error);
  g_clear_error (&error);

  alliance_chart_options_init (&options);
  options.outcome_key = "no-such-measure";
  data = alliance_chart_data_build (fixture->sessions, fixture->ratings, fixture->client_id, &options, &error);
  g_assert_null (data);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/chart-builder/defaults", test_defaults);
  ADD ("/chart-builder/no-prediction", test_no_prediction);
  ADD ("/chart-builder/by-date", test_by_date);
  ADD ("/chart-builder/date-range", test_date_range);
  ADD ("/chart-builder/outcome", test_outcome);
  ADD ("/chart-builder/no-ratings", test_no_ratings);
  ADD ("/chart-builder/subscales", test_subscales);
  ADD ("/chart-builder/unknown-measure", test_unknown_measure);
#undef ADD

  return g_test_run ();
}
