/* alliance-chart-data.c
 *
 * The chart's data is a plain boxed record: arrays own their elements
 * (clear functions set where the arrays are made), so one free releases
 * everything and a copy is deep.
 */
#define G_LOG_DOMAIN "alliance-chart-data"

#include "config.h"

#include <string.h>

#include "alliance-chart-data.h"

G_DEFINE_BOXED_TYPE (AllianceChartData, alliance_chart_data, alliance_chart_data_copy, alliance_chart_data_free)

static void
copy_date (char        dest[11],
           const char *date)
{
  memset (dest, 0, 11);
  if (date != NULL)
    g_strlcpy (dest, date, 11);
}

static void
clear_event (gpointer data)
{
  AllianceChartEvent *event = data;

  g_clear_pointer (&event->description, g_free);
}

static AllianceChartSeries *
series_new (AllianceChartSeriesKind  kind,
            const char              *label)
{
  AllianceChartSeries *series = g_new0 (AllianceChartSeries, 1);

  series->kind = kind;
  series->label = g_strdup (label);
  series->points = g_array_new (FALSE, TRUE, sizeof (AllianceChartPoint));
  return series;
}

static void
series_free (gpointer data)
{
  AllianceChartSeries *series = data;

  if (series == NULL)
    return;
  g_free (series->label);
  g_clear_pointer (&series->points, g_array_unref);
  g_free (series);
}

static AllianceChartSeries *
series_copy (const AllianceChartSeries *series)
{
  AllianceChartSeries *copy;

  if (series == NULL)
    return NULL;
  copy = series_new (series->kind, series->label);
  g_array_append_vals (copy->points, series->points->data, series->points->len);
  return copy;
}

static void
band_free (gpointer data)
{
  AllianceChartBand *band = data;

  g_free (band->label);
  g_free (band);
}

static void
outcome_free (AllianceChartOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->title);
  g_clear_pointer (&outcome->bands, g_ptr_array_unref);
  series_free (outcome->series);
  g_free (outcome);
}

static AllianceChartOutcome *
outcome_copy (const AllianceChartOutcome *outcome)
{
  AllianceChartOutcome *copy;

  if (outcome == NULL)
    return NULL;
  copy = g_new0 (AllianceChartOutcome, 1);
  *copy = *outcome;
  copy->title = g_strdup (outcome->title);
  copy->series = series_copy (outcome->series);
  copy->bands = g_ptr_array_new_with_free_func (band_free);
  for (guint i = 0; outcome->bands != NULL && i < outcome->bands->len; i++)
    {
      const AllianceChartBand *band = g_ptr_array_index (outcome->bands, i);

      alliance_chart_outcome_add_band (copy, band->min, band->max, band->label);
    }
  return copy;
}

AllianceChartData *
alliance_chart_data_new (void)
{
  AllianceChartData *self = g_new0 (AllianceChartData, 1);

  self->x_mode = ALLIANCE_CHART_X_SESSION;
  self->y_min = 0;
  self->y_max = 1;
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->events = g_array_new (FALSE, TRUE, sizeof (AllianceChartEvent));
  g_array_set_clear_func (self->events, clear_event);
  self->missed = g_array_new (FALSE, TRUE, sizeof (AllianceChartMissed));
  return self;
}

AllianceChartData *
alliance_chart_data_copy (const AllianceChartData *self)
{
  AllianceChartData *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = alliance_chart_data_new ();
  copy->title = g_strdup (self->title);
  copy->x_label = g_strdup (self->x_label);
  copy->y_label = g_strdup (self->y_label);
  copy->x_mode = self->x_mode;
  copy->y_min = self->y_min;
  copy->y_max = self->y_max;
  copy->has_cutoff = self->has_cutoff;
  copy->cutoff = self->cutoff;
  copy->cutoff_comparison = self->cutoff_comparison;
  copy->cutoff_label = g_strdup (self->cutoff_label);
  for (guint i = 0; i < self->series->len; i++)
    g_ptr_array_add (copy->series, series_copy (g_ptr_array_index (self->series, i)));
  for (guint i = 0; i < self->events->len; i++)
    {
      const AllianceChartEvent *event = &g_array_index (self->events, AllianceChartEvent, i);

      alliance_chart_data_add_event (copy, event->kind, event->session_number,
                                     event->date, event->description);
    }
  g_array_append_vals (copy->missed, self->missed->data, self->missed->len);
  copy->outcome = outcome_copy (self->outcome);
  copy->first_date = g_strdup (self->first_date);
  copy->last_date = g_strdup (self->last_date);
  copy->first_number = self->first_number;
  copy->last_number = self->last_number;
  return copy;
}

void
alliance_chart_data_free (AllianceChartData *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->x_label);
  g_free (self->y_label);
  g_free (self->cutoff_label);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->missed, g_array_unref);
  outcome_free (self->outcome);
  g_free (self->first_date);
  g_free (self->last_date);
  g_free (self);
}

AllianceChartSeries *
alliance_chart_data_add_series (AllianceChartData       *self,
                                AllianceChartSeriesKind  kind,
                                const char              *label)
{
  AllianceChartSeries *series;

  g_return_val_if_fail (self != NULL, NULL);

  series = series_new (kind, label);
  g_ptr_array_add (self->series, series);
  return series;
}

void
alliance_chart_series_add_point (AllianceChartSeries *series,
                                 gint64               session_id,
                                 int                  session_number,
                                 const char          *date,
                                 double               value)
{
  AllianceChartPoint point = { 0, };

  g_return_if_fail (series != NULL);

  point.session_id = session_id;
  point.session_number = session_number;
  copy_date (point.date, date);
  point.value = value;
  g_array_append_val (series->points, point);
}

void
alliance_chart_data_add_event (AllianceChartData *self,
                               AllianceEventKind  kind,
                               int                session_number,
                               const char        *date,
                               const char        *description)
{
  AllianceChartEvent event = { 0, };

  g_return_if_fail (self != NULL);

  event.kind = kind;
  event.session_number = session_number;
  copy_date (event.date, date);
  event.description = g_strdup (description);
  g_array_append_val (self->events, event);
}

void
alliance_chart_data_add_missed (AllianceChartData *self,
                                const char        *date,
                                int                after_session_number)
{
  AllianceChartMissed missed = { 0, };

  g_return_if_fail (self != NULL);

  copy_date (missed.date, date);
  missed.after_session_number = after_session_number;
  g_array_append_val (self->missed, missed);
}

AllianceChartOutcome *
alliance_chart_data_set_outcome (AllianceChartData *self,
                                 const char        *title,
                                 double             y_min,
                                 double             y_max,
                                 gboolean           higher_is_better,
                                 const char        *series_label)
{
  AllianceChartOutcome *outcome;

  g_return_val_if_fail (self != NULL, NULL);

  outcome_free (self->outcome);
  outcome = g_new0 (AllianceChartOutcome, 1);
  outcome->title = g_strdup (title);
  outcome->y_min = y_min;
  outcome->y_max = y_max;
  outcome->higher_is_better = higher_is_better;
  outcome->bands = g_ptr_array_new_with_free_func (band_free);
  outcome->series = series_new (ALLIANCE_CHART_SERIES_SCORE, series_label);
  self->outcome = outcome;
  return outcome;
}

void
alliance_chart_outcome_add_band (AllianceChartOutcome *outcome,
                                 double                min,
                                 double                max,
                                 const char           *label)
{
  AllianceChartBand *band;

  g_return_if_fail (outcome != NULL);

  band = g_new0 (AllianceChartBand, 1);
  band->min = min;
  band->max = max;
  band->label = g_strdup (label);
  if (outcome->bands == NULL)
    outcome->bands = g_ptr_array_new_with_free_func (band_free);
  g_ptr_array_add (outcome->bands, band);
}

const AllianceChartSeries *
alliance_chart_data_get_score (const AllianceChartData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->series->len; i++)
    {
      const AllianceChartSeries *series = g_ptr_array_index (self->series, i);

      if (series->kind == ALLIANCE_CHART_SERIES_SCORE)
        return series;
    }
  return NULL;
}

guint
alliance_chart_data_count_scores (const AllianceChartData *self)
{
  const AllianceChartSeries *score;

  g_return_val_if_fail (self != NULL, 0);

  score = alliance_chart_data_get_score (self);
  return score != NULL ? score->points->len : 0;
}
