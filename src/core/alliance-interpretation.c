/* alliance-interpretation.c */
#define G_LOG_DOMAIN "alliance-interpretation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "alliance-interpretation.h"

char *
alliance_interpretation_format_number (double value)
{
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

/* A signed difference with a real minus sign, as typeset: "+3", "−1.5", "0". */
char *
alliance_interpretation_format_difference (double value)
{
  g_autofree char *magnitude = alliance_interpretation_format_number (fabs (value));

  if (value > 0)
    return g_strdup_printf ("+%s", magnitude);
  if (value < 0)
    return g_strdup_printf ("−%s", magnitude);
  return g_steal_pointer (&magnitude);
}

char *
alliance_interpretation_describe_total (const AllianceMeasure *measure,
                                        const AllianceScore   *score)
{
  g_autofree char *total = NULL;
  GString *text;
  double min, max;

  g_return_val_if_fail (measure != NULL, NULL);
  g_return_val_if_fail (score != NULL && score->complete, NULL);

  alliance_measure_get_total_range (measure, &min, &max);
  total = alliance_interpretation_format_number (score->total);
  text = g_string_new (NULL);
  if (measure->total_rule == ALLIANCE_MEASURE_TOTAL_MEAN)
    {
      g_autofree char *low = alliance_interpretation_format_number (min);
      g_autofree char *high = alliance_interpretation_format_number (max);

      /* Translators: a mean score and the range it can take, e.g. "Mean 3.4 (1–5)" */
      g_string_append_printf (text, _("Mean %s (%s–%s)"), total, low, high);
    }
  else
    {
      g_autofree char *high = alliance_interpretation_format_number (max);

      /* Translators: a total score out of its maximum, e.g. "Total 24 of 30" */
      g_string_append_printf (text, _("Total %s of %s"), total, high);
    }

  for (guint i = 0; i < score->n_subscales && i < measure->subscales->len; i++)
    {
      const AllianceMeasureSubscale *subscale = g_ptr_array_index (measure->subscales, i);
      g_autofree char *value = alliance_interpretation_format_number (score->subscale_totals[i]);

      /* Translators: separator, then a subscale and its score, e.g. " · Bond 16" */
      g_string_append_printf (text, _(" · %s %s"), alliance_measure_translate (measure, subscale->label), value);
    }
  return g_string_free (text, FALSE);
}

static const char *
describe_direction (const AllianceMeasure *measure,
                    const AllianceChange  *change)
{
  /* Without a published threshold nothing can be said about reliability. */
  if (measure->reliable_change == ALLIANCE_MEASURE_RELIABLE_CHANGE_NONE)
    return NULL;
  if (!change->reliable)
    return _("not a reliable change");
  if (change->direction == ALLIANCE_CHANGE_IMPROVED)
    return _("reliable improvement");
  return _("reliable deterioration");
}

static void
append_part (GString    *text,
             const char *part)
{
  if (text->len > 0)
    g_string_append (text, " · ");
  g_string_append (text, part);
}

char *
alliance_interpretation_describe_details (const AllianceMeasure *measure,
                                          const AllianceScore   *score)
{
  GString *text;

  g_return_val_if_fail (measure != NULL, NULL);
  g_return_val_if_fail (score != NULL && score->complete, NULL);

  text = g_string_new (NULL);
  if (score->band_label != NULL)
    append_part (text, alliance_measure_translate (measure, score->band_label));

  if (score->has_cutoff)
    {
      g_autofree char *value = alliance_interpretation_format_number (measure->cutoff_value);
      g_autofree char *part = NULL;
      AllianceMeasureCutoff relation = measure->cutoff;

      /* Name the relation that holds: the comparison itself when the total
       * is of concern, its opposite otherwise. */
      if (!score->cutoff_met)
        {
          static const AllianceMeasureCutoff opposite[ALLIANCE_MEASURE_N_CUTOFFS] = {
            [ALLIANCE_MEASURE_CUTOFF_BELOW] = ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE,
            [ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW] = ALLIANCE_MEASURE_CUTOFF_ABOVE,
            [ALLIANCE_MEASURE_CUTOFF_ABOVE] = ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW,
            [ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE] = ALLIANCE_MEASURE_CUTOFF_BELOW,
          };
          relation = opposite[relation];
        }
      switch (relation)
        {
        case ALLIANCE_MEASURE_CUTOFF_BELOW:
          part = g_strdup_printf (_("Below the cut-off of %s"), value);
          break;
        case ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW:
          part = g_strdup_printf (_("At or below the cut-off of %s"), value);
          break;
        case ALLIANCE_MEASURE_CUTOFF_ABOVE:
          part = g_strdup_printf (_("Above the cut-off of %s"), value);
          break;
        case ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE:
          part = g_strdup_printf (_("At or above the cut-off of %s"), value);
          break;
        case ALLIANCE_MEASURE_CUTOFF_NONE:
        case ALLIANCE_MEASURE_N_CUTOFFS:
        default:
          break;
        }
      if (part != NULL)
        append_part (text, part);
    }

  if (score->since_previous.known && score->since_previous.difference == 0)
    append_part (text, _("no change since last"));
  else if (score->since_previous.known)
    {
      g_autofree char *difference = alliance_interpretation_format_difference (score->since_previous.difference);
      const char *direction = describe_direction (measure, &score->since_previous);
      g_autofree char *part = direction != NULL
        /* Translators: change since the previous score, and whether it is reliable */
        ? g_strdup_printf (_("%s since last (%s)"), difference, direction)
        /* Translators: change since the previous score, e.g. "+2 since last" */
        : g_strdup_printf (_("%s since last"), difference);

      append_part (text, part);
    }
  if (score->since_first.known && score->since_first.difference == 0)
    append_part (text, _("no change since first"));
  else if (score->since_first.known)
    {
      g_autofree char *difference = alliance_interpretation_format_difference (score->since_first.difference);
      const char *direction = describe_direction (measure, &score->since_first);
      g_autofree char *part = direction != NULL
        /* Translators: change since the first score, and whether it is reliable */
        ? g_strdup_printf (_("%s since first (%s)"), difference, direction)
        /* Translators: change since the first score, e.g. "+6 since first" */
        : g_strdup_printf (_("%s since first"), difference);

      append_part (text, part);
    }
  if (!score->since_previous.known && !score->since_first.known)
    append_part (text, _("First score"));

  return g_string_free (text, FALSE);
}

char *
alliance_interpretation_describe_incomplete (const AllianceMeasure *measure,
                                             guint                  n_answered)
{
  guint n_items;

  g_return_val_if_fail (measure != NULL, NULL);

  n_items = alliance_measure_get_n_items (measure);
  /* Translators: an unfinished questionnaire, e.g. "Incomplete: 2 of 3 answered, not scored" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Incomplete: %u of %u answered, not scored",
                                       "Incomplete: %u of %u answered, not scored", n_items),
                          n_answered, n_items);
}

char *
alliance_interpretation_describe_prediction_gap (double   predicted,
                                                 double   client_total,
                                                 gboolean entered_first)
{
  g_autofree char *gap = alliance_interpretation_format_difference (predicted - client_total);

  if (entered_first)
    /* Translators: prediction minus the client's own total, e.g. "Gap to the client’s total: +4" */
    return g_strdup_printf (_("Gap to the client’s total: %s"), gap);
  return g_strdup_printf (_("Gap to the client’s total: %s (entered after it, so not counted)"), gap);
}
