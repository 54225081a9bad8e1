/* alliance-score.c */
#define G_LOG_DOMAIN "alliance-score"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "alliance-error.h"
#include "alliance-score.h"

G_DEFINE_BOXED_TYPE (AllianceScore, alliance_score, alliance_score_copy, alliance_score_free)

/* Jacobson & Truax (1991): a change is reliable when |RCI| > 1.96. */
#define RCI_CRITICAL 1.96

static double
apply_rule (const AllianceMeasure *measure,
            double                 sum,
            guint                  n)
{
  if (measure->total_rule == ALLIANCE_MEASURE_TOTAL_MEAN && n > 0)
    return sum / n;
  return sum;
}

static int
scored_value (const AllianceMeasureItem *item,
              int                        value)
{
  return item->reverse ? item->min + item->max - value : value;
}

/* @n_values answers, all unanswered (ALLIANCE_SCORE_MISSING). Free with g_free. */
int *
alliance_score_values_new (guint n_values)
{
  int *values = g_new (int, MAX (n_values, 1));

  for (guint i = 0; i < n_values; i++)
    values[i] = ALLIANCE_SCORE_MISSING;
  return values;
}

AllianceScore *
alliance_score_copy (const AllianceScore *self)
{
  AllianceScore *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->subscale_totals = self->n_subscales > 0
    ? g_memdup2 (self->subscale_totals, sizeof (double) * self->n_subscales)
    : NULL;
  copy->band_label = g_strdup (self->band_label);
  return copy;
}

void
alliance_score_free (AllianceScore *self)
{
  if (self == NULL)
    return;

  g_free (self->subscale_totals);
  g_free (self->band_label);
  g_free (self);
}

/* Whether @value is an allowed answer to item @index; the error names the
 * allowed range. ALLIANCE_SCORE_MISSING is allowed (not answered yet). */
gboolean
alliance_score_check_item (const AllianceMeasure  *measure,
                           guint                   index,
                           int                     value,
                           GError                **error)
{
  const AllianceMeasureItem *item;

  g_return_val_if_fail (measure != NULL, FALSE);
  g_return_val_if_fail (index < measure->items->len, FALSE);

  item = g_ptr_array_index (measure->items, index);
  if (value == ALLIANCE_SCORE_MISSING || (value >= item->min && value <= item->max))
    return TRUE;

  g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
               _("Item %u must be a whole number from %d to %d; %d is outside that range."),
               index + 1, item->min, item->max, value);
  return FALSE;
}

/* Index of the band the total falls in, or -1. */
int
alliance_score_find_band (const AllianceMeasure *measure,
                          double                 total)
{
  g_return_val_if_fail (measure != NULL, -1);

  for (guint i = 0; i < measure->bands->len; i++)
    {
      const AllianceMeasureBand *band = g_ptr_array_index (measure->bands, i);

      if (total >= band->min && total <= band->max)
        return (int)i;
    }
  return -1;
}

/* Whether the comparison of @total with the cut-off holds (FALSE when the
 * measure has no cut-off). */
gboolean
alliance_score_cutoff_met (const AllianceMeasure *measure,
                           double                 total)
{
  g_return_val_if_fail (measure != NULL, FALSE);

  switch (measure->cutoff)
    {
    case ALLIANCE_MEASURE_CUTOFF_BELOW:
      return total < measure->cutoff_value;
    case ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW:
      return total <= measure->cutoff_value;
    case ALLIANCE_MEASURE_CUTOFF_ABOVE:
      return total > measure->cutoff_value;
    case ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE:
      return total >= measure->cutoff_value;
    case ALLIANCE_MEASURE_CUTOFF_NONE:
    case ALLIANCE_MEASURE_N_CUTOFFS:
    default:
      return FALSE;
    }
}

/* The change from total @earlier to total @later. With a points rule a
 * change of at least the threshold is reliable (PHQ-9: "a drop of 6 or
 * more"); with Jacobson–Truax, RCI = (later − earlier) / S_diff,
 * S_diff = √2 · SE, SE = s1 · √(1 − r), reliable when |RCI| > 1.96. */
AllianceChange
alliance_score_change (const AllianceMeasure *measure,
                       double                 earlier,
                       double                 later)
{
  AllianceChange change = { 0, };

  g_return_val_if_fail (measure != NULL, change);

  change.known = TRUE;
  change.difference = later - earlier;
  if (change.difference != 0)
    change.direction = (change.difference > 0) == !!measure->higher_is_better
      ? ALLIANCE_CHANGE_IMPROVED
      : ALLIANCE_CHANGE_DETERIORATED;

  switch (measure->reliable_change)
    {
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_POINTS:
      /* A tolerance so that a mean total's 0.1 + 0.2 still meets 0.3. */
      change.reliable = fabs (change.difference) >= measure->rc_points - 1e-9;
      break;
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX:
      {
        double se = measure->rc_s1 * sqrt (1 - measure->rc_r);
        double s_diff = G_SQRT2 * se;

        if (s_diff > 0)
          {
            change.rci = change.difference / s_diff;
            change.reliable = fabs (change.rci) > RCI_CRITICAL;
          }
      }
      break;
    case ALLIANCE_MEASURE_RELIABLE_CHANGE_NONE:
    case ALLIANCE_MEASURE_N_RELIABLE_CHANGES:
    default:
      break;
    }
  return change;
}

/* Scores one administration. @values holds one answer per item of the
 * measure, in its order, ALLIANCE_SCORE_MISSING where none was given.
 * Returns NULL with an error when an answer is out of range or the count is
 * wrong; otherwise a score, complete or not (an incomplete one has no total). */
/* Just the total of a complete, valid administration, allocating nothing:
 * for the flags, which score every rating of the caseload at start-up.
 * FALSE when an answer is missing or out of range. */
gboolean
alliance_score_compute_total (const AllianceMeasure *measure,
                              const int             *values,
                              guint                  n_values,
                              double                *total)
{
  double sum = 0;

  g_return_val_if_fail (measure != NULL, FALSE);
  g_return_val_if_fail (total != NULL, FALSE);

  if (n_values != measure->items->len || n_values == 0)
    return FALSE;
  for (guint i = 0; i < n_values; i++)
    {
      const AllianceMeasureItem *item = g_ptr_array_index (measure->items, i);

      if (values[i] == ALLIANCE_SCORE_MISSING || values[i] < item->min || values[i] > item->max)
        return FALSE;
      sum += scored_value (item, values[i]);
    }
  *total = apply_rule (measure, sum, n_values);
  return TRUE;
}

AllianceScore *
alliance_score_compute (const AllianceMeasure  *measure,
                        const int              *values,
                        guint                   n_values,
                        GError                **error)
{
  g_autoptr(AllianceScore) self = NULL;
  double sum = 0;

  g_return_val_if_fail (measure != NULL, NULL);
  g_return_val_if_fail (values != NULL || n_values == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_values != measure->items->len)
    {
      g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                   _("This measure has %u items, but %u answers were given."),
                   measure->items->len, n_values);
      return NULL;
    }

  self = g_new0 (AllianceScore, 1);
  self->band_index = -1;
  for (guint i = 0; i < n_values; i++)
    {
      if (!alliance_score_check_item (measure, i, values[i], error))
        return NULL;
      if (values[i] != ALLIANCE_SCORE_MISSING)
        {
          self->n_answered++;
          sum += scored_value (g_ptr_array_index (measure->items, i), values[i]);
        }
    }

  self->complete = self->n_answered == n_values && n_values > 0;
  if (!self->complete)
    return g_steal_pointer (&self);

  self->total = apply_rule (measure, sum, n_values);

  self->n_subscales = measure->subscales->len;
  self->subscale_totals = self->n_subscales > 0 ? g_new0 (double, self->n_subscales) : NULL;
  for (guint i = 0; i < self->n_subscales; i++)
    {
      const AllianceMeasureSubscale *subscale = g_ptr_array_index (measure->subscales, i);
      double subscale_sum = 0;
      guint n = 0;

      for (; subscale->item_ids[n] != NULL; n++)
        {
          int index = alliance_measure_find_item (measure, subscale->item_ids[n]);

          g_assert (index >= 0);
          subscale_sum += scored_value (g_ptr_array_index (measure->items, index), values[index]);
        }
      self->subscale_totals[i] = apply_rule (measure, subscale_sum, n);
    }

  self->band_index = alliance_score_find_band (measure, self->total);
  if (self->band_index >= 0)
    {
      const AllianceMeasureBand *band = g_ptr_array_index (measure->bands, self->band_index);

      self->band_label = g_strdup (band->label);
    }

  self->has_cutoff = measure->cutoff != ALLIANCE_MEASURE_CUTOFF_NONE;
  self->cutoff_met = alliance_score_cutoff_met (measure, self->total);

  if (measure->risk_item_id != NULL)
    {
      int index = alliance_measure_find_item (measure, measure->risk_item_id);

      if (index >= 0)
        {
          const AllianceMeasureItem *item = g_ptr_array_index (measure->items, index);

          self->risk = values[index] > item->min;
        }
    }

  return g_steal_pointer (&self);
}

/* Fills the change fields of @self against @previous and @first (either may
 * be NULL or incomplete: then that change stays unknown). */
void
alliance_score_compare (AllianceScore         *self,
                        const AllianceMeasure *measure,
                        const AllianceScore   *previous,
                        const AllianceScore   *first)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (measure != NULL);

  memset (&self->since_previous, 0, sizeof self->since_previous);
  memset (&self->since_first, 0, sizeof self->since_first);
  if (!self->complete)
    return;
  if (previous != NULL && previous->complete)
    self->since_previous = alliance_score_change (measure, previous->total, self->total);
  if (first != NULL && first->complete)
    self->since_first = alliance_score_change (measure, first->total, self->total);
}
