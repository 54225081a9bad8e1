/* alliance-chart-builder.c
 *
 * One client's chart data from the stores. Sessions entered in error are
 * left out altogether (their ratings and events with them); a point
 * belongs to an attended session and carries its number; no-shows and late
 * cancellations become ticks on the x axis. Only complete administrations
 * are plotted: a total over some of the items is not on the instrument's
 * scale. The y range is the instrument's whole range, never the data's.
 */
#define G_LOG_DOMAIN "alliance-chart-builder"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-interpretation.h"
#include "alliance-chart-builder.h"
#include "alliance-client-store.h"
#include "alliance-measure-library.h"

typedef struct
{
  AllianceRatingStore        *ratings;
  const AllianceChartOptions *options;
  GHashTable                 *by_id;            /* session id → AllianceSession (not in error) */
  GPtrArray                  *administrations;  /* the client's, oldest first */
} Builder;

static void
copy_date (char       *date,
           const char *starts_at)
{
  g_strlcpy (date, starts_at != NULL ? starts_at : "", 11);
}

static gboolean
date_in_range (const AllianceChartOptions *options,
               const char                 *date)
{
  if (options->from_date != NULL && strcmp (date, options->from_date) < 0)
    return FALSE;
  if (options->to_date != NULL && strcmp (date, options->to_date) > 0)
    return FALSE;
  return TRUE;
}

/* The attended session (not in error, within the date range) an
 * administration or event belongs to, with its date; NULL otherwise. */
static AllianceSession *
shown_session (Builder *builder,
               gint64   session_id,
               char     date[11])
{
  AllianceSession *session = g_hash_table_lookup (builder->by_id, &session_id);

  if (session == NULL)
    return NULL;
  copy_date (date, session->starts_at);
  if (!date_in_range (builder->options, date))
    return NULL;
  return session;
}

/* The key of the measure with the given purpose used most often for the
 * client (complete administrations in sessions not in error); ties go to
 * the one used first. NULL when there is none. */
static char *
find_most_used (Builder                 *builder,
                AllianceMeasurePurpose   purpose)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  const char *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < builder->administrations->len; i++)
    {
      const AllianceAdministration *administration = g_ptr_array_index (builder->administrations, i);
      const AllianceMeasure *measure;
      guint n;

      if (!administration->complete ||
          !g_hash_table_contains (builder->by_id, &administration->session_id))
        continue;
      measure = alliance_rating_store_get_measure (builder->ratings, administration->measure_key,
                                                   administration->measure_version, NULL);
      if (measure == NULL || measure->purpose != purpose)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, administration->measure_key));
      if (n == 0)
        g_ptr_array_add (order, administration->measure_key);
      g_hash_table_insert (counts, administration->measure_key, GUINT_TO_POINTER (n + 1));
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      if (n > best_count)
        {
          best = key;
          best_count = n;
        }
    }
  return g_strdup (best);
}

/* The score of a complete administration, or NULL (incomplete, definition
 * gone, or a session not shown). */
static AllianceScore *
score_administration (Builder                      *builder,
                      const AllianceAdministration *administration,
                      GError                      **error)
{
  const AllianceMeasure *measure;

  if (!administration->complete)
    return NULL;
  measure = alliance_rating_store_get_measure (builder->ratings, administration->measure_key,
                                               administration->measure_version, error);
  if (measure == NULL)
    return NULL;
  return alliance_score_compute (measure, administration->values, administration->n_values, error);
}

/* Adds a point per complete administration of @key to @series, and one per
 * subscale to @subscales (NULL: none). */
static gboolean
add_points (Builder             *builder,
            const char          *key,
            AllianceChartSeries *series,
            GPtrArray           *subscales,
            GError             **error)
{
  for (guint i = 0; i < builder->administrations->len; i++)
    {
      const AllianceAdministration *administration = g_ptr_array_index (builder->administrations, i);
      g_autoptr(AllianceScore) score = NULL;
      AllianceSession *session;
      char date[11];

      if (g_strcmp0 (administration->measure_key, key) != 0 || !administration->complete)
        continue;
      session = shown_session (builder, administration->session_id, date);
      if (session == NULL || session->number < 1)
        continue;
      score = score_administration (builder, administration, error);
      if (score == NULL)
        return FALSE;
      alliance_chart_series_add_point (series, session->id, session->number, date, score->total);
      for (guint j = 0; subscales != NULL && j < subscales->len && j < score->n_subscales; j++)
        alliance_chart_series_add_point (g_ptr_array_index (subscales, j), session->id,
                                         session->number, date, score->subscale_totals[j]);
    }
  return TRUE;
}

/* The client's first complete score of @key, in a session not in error,
 * whatever the date range: the baseline reliable change is measured from. */
static gboolean
find_first_score (Builder    *builder,
                  const char *key,
                  double     *first)
{
  for (guint i = 0; i < builder->administrations->len; i++)
    {
      const AllianceAdministration *administration = g_ptr_array_index (builder->administrations, i);
      g_autoptr(AllianceScore) score = NULL;

      if (g_strcmp0 (administration->measure_key, key) != 0 || !administration->complete ||
          !g_hash_table_contains (builder->by_id, &administration->session_id))
        continue;
      score = score_administration (builder, administration, NULL);
      if (score != NULL)
        {
          *first = score->total;
          return TRUE;
        }
    }
  return FALSE;
}

static char *
describe_cutoff (AllianceMeasureCutoff comparison,
                 double                value)
{
  g_autofree char *number = alliance_interpretation_format_number (value);

  switch (comparison)
    {
    case ALLIANCE_MEASURE_CUTOFF_BELOW:
      /* Translators: the line on the alliance chart under which a score is a concern */
      return g_strdup_printf (_("Cut-off: below %s"), number);
    case ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW:
      return g_strdup_printf (_("Cut-off: %s or below"), number);
    case ALLIANCE_MEASURE_CUTOFF_ABOVE:
      return g_strdup_printf (_("Cut-off: above %s"), number);
    case ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE:
      return g_strdup_printf (_("Cut-off: %s or above"), number);
    case ALLIANCE_MEASURE_CUTOFF_NONE:
    case ALLIANCE_MEASURE_N_CUTOFFS:
    default:
      return NULL;
    }
}

/* Adds the outcome panel of @measure to @data; on failure @error is set
 * and the panel stays with the data, which frees it. */
static void
add_outcome (Builder                *builder,
             const AllianceMeasure  *measure,
             AllianceChartData      *data,
             GError                **error)
{
  const char *name = alliance_measure_translate (measure, measure->name);
  AllianceChartOutcome *outcome;
  double y_min, y_max, first, threshold;

  alliance_measure_get_total_range (measure, &y_min, &y_max);
  outcome = alliance_chart_data_set_outcome (data, name, y_min, y_max, measure->higher_is_better, name);
  for (guint i = 0; i < measure->bands->len; i++)
    {
      const AllianceMeasureBand *band = g_ptr_array_index (measure->bands, i);

      alliance_chart_outcome_add_band (outcome, band->min, band->max,
                                       alliance_measure_translate (measure, band->label));
    }

  threshold = alliance_measure_get_reliable_threshold (measure);
  if (threshold > 0 && find_first_score (builder, measure->id, &first))
    {
      outcome->has_reliable_band = TRUE;
      outcome->reliable_center = first;
      outcome->reliable_half_width = threshold;
    }

  add_points (builder, measure->id, outcome->series, NULL, error);
}

static void
add_events (Builder           *builder,
            gint64             client_id,
            AllianceChartData *data,
            GError           **error)
{
  g_autoptr(GPtrArray) events = alliance_rating_store_list_client_events (builder->ratings, client_id, error);

  if (events == NULL)
    return;
  for (guint i = 0; i < events->len; i++)
    {
      const AllianceSessionEvent *event = g_ptr_array_index (events, i);
      g_autofree char *description = NULL;
      AllianceSession *session;
      char date[11];

      session = shown_session (builder, event->session_id, date);
      if (session == NULL)
        continue;
      description = alliance_session_event_describe (event);
      alliance_chart_data_add_event (data, event->kind, session->number, date, description);
    }
}

/* Missed sessions and the x range, from the sessions oldest first. */
static void
add_sessions (Builder           *builder,
              GPtrArray         *sessions,
              AllianceChartData *data)
{
  int last_number = 0;

  for (guint i = sessions->len; i > 0; i--)
    {
      const AllianceSession *session = g_ptr_array_index (sessions, i - 1);
      gboolean missed;
      char date[11];

      if (session->error_reason != NULL)
        continue;
      copy_date (date, session->starts_at);
      missed = session->attendance == ALLIANCE_ATTENDANCE_NO_SHOW ||
               session->attendance == ALLIANCE_ATTENDANCE_LATE_CANCELLED;
      if (!date_in_range (builder->options, date))
        {
          if (session->number > 0)
            last_number = session->number;
          continue;
        }
      if (missed)
        alliance_chart_data_add_missed (data, date, last_number);
      else if (session->number < 1)
        continue;
      else
        {
          last_number = session->number;
          if (data->first_number == 0)
            data->first_number = session->number;
          data->last_number = session->number;
        }
      if (data->first_date == NULL)
        data->first_date = g_strdup (date);
      g_free (data->last_date);
      data->last_date = g_strdup (date);
    }
}

void
alliance_chart_options_init (AllianceChartOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->measure_key = NULL;
  options->x_mode = ALLIANCE_CHART_X_SESSION;
  options->show_subscales = FALSE;
  options->show_prediction = TRUE;
  options->outcome_key = NULL;
  options->from_date = NULL;
  options->to_date = NULL;
}

AllianceChartData *
alliance_chart_data_build (AllianceSessionStore        *sessions,
                           AllianceRatingStore         *ratings,
                           gint64                       client_id,
                           const AllianceChartOptions  *options,
                           GError                     **error)
{
  g_autoptr(AllianceChartData) data = NULL;
  g_autoptr(GPtrArray) session_list = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) administrations = NULL;
  g_autoptr(GPtrArray) subscales = NULL;
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(AllianceClient) client = NULL;
  g_autofree char *key = NULL;
  g_autofree char *range_min = NULL;
  g_autofree char *range_max = NULL;
  AllianceChartOptions defaults;
  const AllianceMeasure *measure;
  AllianceChartSeries *score;
  Builder builder;
  const char *name;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (sessions), NULL);
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (ratings), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      alliance_chart_options_init (&defaults);
      options = &defaults;
    }

  clients = alliance_client_store_new (alliance_session_store_get_database (sessions));
  client = alliance_client_store_load (clients, client_id, error);
  if (client == NULL)
    return NULL;
  session_list = alliance_session_store_list_sessions (sessions, client_id, error);
  if (session_list == NULL)
    return NULL;
  administrations = alliance_rating_store_list_client_administrations (ratings, client_id, error);
  if (administrations == NULL)
    return NULL;

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < session_list->len; i++)
    {
      AllianceSession *session = g_ptr_array_index (session_list, i);

      if (session->error_reason == NULL)
        g_hash_table_insert (by_id, &session->id, session);
    }

  builder = (Builder) {
    .ratings = ratings,
    .options = options,
    .by_id = by_id,
    .administrations = administrations,
  };

  if (options->measure_key != NULL)
    key = g_strdup (options->measure_key);
  else
    key = find_most_used (&builder, ALLIANCE_MEASURE_PURPOSE_ALLIANCE);
  if (key == NULL)
    key = g_strdup (ALLIANCE_MEASURE_ALLIANCE_CHECK);
  measure = alliance_rating_store_get_current_measure (ratings, key, error);
  if (measure == NULL)
    return NULL;
  name = alliance_measure_translate (measure, measure->name);

  data = alliance_chart_data_new ();
  /* Translators: the chart's title: a measure's name, then the client's code */
  data->title = g_strdup_printf (_("%s — %s"), name, client->code);
  data->x_mode = options->x_mode;
  data->x_label = g_strdup (options->x_mode == ALLIANCE_CHART_X_DATE ?
                            /* Translators: the chart's x axis */
                            _("Date") : C_("chart axis", "Session"));
  alliance_measure_get_total_range (measure, &data->y_min, &data->y_max);
  range_min = alliance_interpretation_format_number (data->y_min);
  range_max = alliance_interpretation_format_number (data->y_max);
  /* Translators: the chart's y axis: the instrument's total and its range */
  data->y_label = g_strdup_printf (_("Total (%s–%s)"), range_min, range_max);
  if (measure->cutoff != ALLIANCE_MEASURE_CUTOFF_NONE)
    {
      data->has_cutoff = TRUE;
      data->cutoff = measure->cutoff_value;
      data->cutoff_comparison = measure->cutoff;
      data->cutoff_label = describe_cutoff (measure->cutoff, measure->cutoff_value);
    }

  score = alliance_chart_data_add_series (data, ALLIANCE_CHART_SERIES_SCORE, name);
  if (options->show_subscales && measure->subscales->len > 0)
    {
      subscales = g_ptr_array_new ();
      for (guint i = 0; i < measure->subscales->len; i++)
        {
          const AllianceMeasureSubscale *subscale = g_ptr_array_index (measure->subscales, i);

          g_ptr_array_add (subscales,
                           alliance_chart_data_add_series (data, ALLIANCE_CHART_SERIES_SUBSCALE,
                                                           alliance_measure_translate (measure, subscale->label)));
        }
    }
  if (!add_points (&builder, key, score, subscales, error))
    return NULL;

  if (options->show_prediction && g_strcmp0 (key, ALLIANCE_MEASURE_ALLIANCE_CHECK) == 0)
    {
      AllianceChartSeries *prediction =
        alliance_chart_data_add_series (data, ALLIANCE_CHART_SERIES_PREDICTION,
                                        /* Translators: the therapist's prediction of the client's score, on the chart */
                                        _("Your prediction"));

      if (!add_points (&builder, ALLIANCE_MEASURE_THERAPIST_PREDICTION, prediction, NULL, error))
        return NULL;
    }

  if (options->outcome_key != NULL)
    {
      g_autofree char *outcome_key = NULL;

      if (options->outcome_key[0] != '\0')
        outcome_key = g_strdup (options->outcome_key);
      else
        outcome_key = find_most_used (&builder, ALLIANCE_MEASURE_PURPOSE_OUTCOME);
      if (outcome_key != NULL)
        {
          const AllianceMeasure *outcome = alliance_rating_store_get_current_measure (ratings, outcome_key, error);
          GError *outcome_error = NULL;

          if (outcome == NULL)
            return NULL;
          add_outcome (&builder, outcome, data, &outcome_error);
          if (outcome_error != NULL)
            {
              g_propagate_error (error, outcome_error);
              return NULL;
            }
        }
    }

  {
    GError *events_error = NULL;

    add_events (&builder, client_id, data, &events_error);
    if (events_error != NULL)
      {
        g_propagate_error (error, events_error);
        return NULL;
      }
  }
  add_sessions (&builder, session_list, data);

  return g_steal_pointer (&data);
}
