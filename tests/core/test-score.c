/* test-score.c
 *
 * Scoring one administration: totals by sum and mean, reverse items,
 * subscales, bands at their boundaries, cut-offs, incomplete and refused
 * answers, and reliable change by points and by Jacobson–Truax.
 */
#define G_LOG_DOMAIN "alliance-test-score"

#include "config.h"

#include <string.h>

#include "alliance-error.h"
#include "alliance-measure-library.h"
#include "alliance-score.h"

#define M ALLIANCE_SCORE_MISSING

/* Answers that add up to @total over @n items of 0–3, filled from the front. */
static void
fill_total (int   *values,
            guint  n,
            int    total)
{
  for (guint i = 0; i < n; i++)
    {
      values[i] = MIN (3, total);
      total -= values[i];
    }
  g_assert_cmpint (total, ==, 0);
}

static AllianceScore *
score (const AllianceMeasure *measure,
       const int             *values,
       guint                  n)
{
  g_autoptr(GError) error = NULL;
  AllianceScore *result = alliance_score_compute (measure, values, n, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
assert_band (const AllianceMeasure *measure,
             int                    total,
             const char            *label)
{
  int values[9];
  guint n = measure->items->len;
  g_autoptr(AllianceScore) result = NULL;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (values));
  fill_total (values, n, total);
  result = score (measure, values, n);
  g_assert_true (result->complete);
  g_assert_cmpfloat (result->total, ==, total);
  g_assert_cmpstr (result->band_label, ==, label);
}

static void
test_phq9_bands (void)
{
  g_autoptr(AllianceMeasure) phq = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);

  assert_band (phq, 0, "Minimal");
  assert_band (phq, 4, "Minimal");
  assert_band (phq, 5, "Mild");
  assert_band (phq, 9, "Mild");
  assert_band (phq, 10, "Moderate");
  assert_band (phq, 14, "Moderate");
  assert_band (phq, 15, "Moderately severe");
  assert_band (phq, 19, "Moderately severe");
  assert_band (phq, 20, "Severe");
  assert_band (phq, 27, "Severe");
}

static void
test_gad7_bands (void)
{
  g_autoptr(AllianceMeasure) gad = alliance_measure_library_get (ALLIANCE_MEASURE_GAD7);

  assert_band (gad, 0, "Minimal");
  assert_band (gad, 4, "Minimal");
  assert_band (gad, 5, "Mild");
  assert_band (gad, 9, "Mild");
  assert_band (gad, 10, "Moderate");
  assert_band (gad, 14, "Moderate");
  assert_band (gad, 15, "Severe");
  assert_band (gad, 21, "Severe");
}

static void
test_phq9_risk_item (void)
{
  g_autoptr(AllianceMeasure) phq = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);
  const int none[9] = { 0, 0, 0, 0, 0, 0, 0, 0, 0 };
  const int some[9] = { 0, 0, 0, 0, 0, 0, 0, 0, 1 };
  g_autoptr(AllianceScore) zero = score (phq, none, 9);
  g_autoptr(AllianceScore) one = score (phq, some, 9);

  g_assert_false (zero->risk);
  g_assert_true (one->risk);
  g_assert_cmpstr (one->band_label, ==, "Minimal");
}

static void
test_wai_sr (void)
{
  g_autoptr(AllianceMeasure) wai = alliance_measure_library_get (ALLIANCE_MEASURE_WAI_SR);
  /* Items 1–12 answered with their own number's pattern: Task = 1, 2, 10,
   * 12; Bond = 3, 5, 7, 9; Goal = 4, 6, 8, 11. */
  const int values[12] = { 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2 };
  const int lowest[12] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  const int highest[12] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
  g_autoptr(AllianceScore) result = score (wai, values, 12);
  g_autoptr(AllianceScore) low = score (wai, lowest, 12);
  g_autoptr(AllianceScore) high = score (wai, highest, 12);

  g_assert_cmpuint (result->n_subscales, ==, 3);
  g_assert_cmpstr (((AllianceMeasureSubscale *)g_ptr_array_index (wai->subscales, 0))->id, ==, "task");
  g_assert_cmpfloat (result->subscale_totals[0], ==, 1 + 2 + 5 + 2);    /* task: items 1, 2, 10, 12 */
  g_assert_cmpfloat (result->subscale_totals[1], ==, 3 + 5 + 2 + 4);    /* bond: items 3, 5, 7, 9 */
  g_assert_cmpfloat (result->subscale_totals[2], ==, 4 + 1 + 3 + 1);    /* goal: items 4, 6, 8, 11 */
  g_assert_cmpfloat (result->total, ==, 33);
  g_assert_null (result->band_label);
  g_assert_false (result->has_cutoff);

  g_assert_cmpfloat (low->total, ==, 12);
  g_assert_cmpfloat (high->total, ==, 60);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (low->subscale_totals[i], ==, 4);
      g_assert_cmpfloat (high->subscale_totals[i], ==, 20);
    }
}

static void
test_alliance_check (void)
{
  g_autoptr(AllianceMeasure) check = alliance_measure_library_get (ALLIANCE_MEASURE_ALLIANCE_CHECK);
  g_autoptr(AllianceMeasure) prediction = alliance_measure_library_get (ALLIANCE_MEASURE_THERAPIST_PREDICTION);
  g_autoptr(AllianceMeasure) reflection = alliance_measure_library_get (ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION);
  const int values[3] = { 7, 8, 10 };
  const int predicted[1] = { 28 };
  const int pillars[5] = { 5, 4, 4, 3, 5 };
  g_autoptr(AllianceScore) result = score (check, values, 3);
  g_autoptr(AllianceScore) guess = score (prediction, predicted, 1);
  g_autoptr(AllianceScore) reflected = score (reflection, pillars, 5);

  g_assert_true (result->complete);
  g_assert_cmpfloat (result->total, ==, 25);
  g_assert_cmpfloat (guess->total - result->total, ==, 3);    /* the calibration gap */
  g_assert_cmpfloat (reflected->total, ==, 21);
}

static AllianceMeasure *
make_custom (AllianceMeasureTotalRule rule)
{
  static const char * const pair[] = { "a", "b", NULL };
  AllianceMeasure *measure = alliance_measure_new ("custom", "Custom", ALLIANCE_MEASURE_RATER_CLIENT);

  alliance_measure_add_item (measure, "a", "A", 1, 5, FALSE);
  alliance_measure_add_item (measure, "b", "B", 1, 5, TRUE);
  alliance_measure_add_item (measure, "c", "C", 1, 5, FALSE);
  alliance_measure_add_item (measure, "d", "D", 1, 5, FALSE);
  alliance_measure_add_subscale (measure, "ab", "A and B", pair);
  measure->total_rule = rule;
  g_assert_true (alliance_measure_validate (measure, NULL));
  return measure;
}

static void
test_reverse_sum (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom (ALLIANCE_MEASURE_TOTAL_SUM);
  const int values[4] = { 4, 2, 3, 5 };   /* b reversed: 1 + 5 − 2 = 4 */
  const int b_low[4] = { 1, 5, 1, 1 };    /* b reversed: 1 */
  g_autoptr(AllianceScore) result = score (measure, values, 4);
  g_autoptr(AllianceScore) lowest = score (measure, b_low, 4);
  double min, max;

  g_assert_cmpfloat (result->total, ==, 4 + 4 + 3 + 5);
  g_assert_cmpfloat (result->subscale_totals[0], ==, 8);
  g_assert_cmpfloat (lowest->total, ==, 4);
  alliance_measure_get_total_range (measure, &min, &max);
  g_assert_cmpfloat (min, ==, 4);
  g_assert_cmpfloat (max, ==, 20);
}

static void
test_mean_rule (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom (ALLIANCE_MEASURE_TOTAL_MEAN);
  const int values[4] = { 4, 2, 3, 5 };   /* scored 4, 4, 3, 5 */
  g_autoptr(AllianceScore) result = score (measure, values, 4);
  double min, max;

  g_assert_cmpfloat_with_epsilon (result->total, 16.0 / 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->subscale_totals[0], 8.0 / 2, 1e-12);
  alliance_measure_get_total_range (measure, &min, &max);
  g_assert_cmpfloat (min, ==, 1);
  g_assert_cmpfloat (max, ==, 5);

  alliance_measure_add_band (measure, 1, 2.5, "Low");
  alliance_measure_add_band (measure, 2.75, 5, "High");
  g_assert_true (alliance_measure_validate (measure, NULL));
  g_clear_pointer (&result, alliance_score_free);
  result = score (measure, values, 4);
  g_assert_cmpstr (result->band_label, ==, "High");
}

static void
test_incomplete (void)
{
  g_autoptr(AllianceMeasure) phq = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);
  const int values[9] = { 3, 3, 3, M, 3, 3, 3, 3, 3 };
  const int none[9] = { M, M, M, M, M, M, M, M, M };
  const int full[9] = { 3, 3, 3, 3, 3, 3, 3, 3, 3 };
  g_autoptr(AllianceScore) result = score (phq, values, 9);
  g_autoptr(AllianceScore) empty = score (phq, none, 9);
  g_autoptr(AllianceScore) first = score (phq, full, 9);
  g_autoptr(AllianceScore) copy = NULL;

  g_assert_false (result->complete);
  g_assert_cmpuint (result->n_answered, ==, 8);
  g_assert_cmpfloat (result->total, ==, 0);
  g_assert_null (result->band_label);
  g_assert_cmpint (result->band_index, ==, -1);
  g_assert_null (result->subscale_totals);
  g_assert_false (result->risk);
  g_assert_false (empty->complete);
  g_assert_cmpuint (empty->n_answered, ==, 0);

  /* Nothing to compare, either way round. */
  alliance_score_compare (result, phq, first, first);
  g_assert_false (result->since_previous.known);
  alliance_score_compare (first, phq, result, result);
  g_assert_false (first->since_previous.known);
  g_assert_false (first->since_first.known);

  copy = alliance_score_copy (first);
  g_assert_cmpfloat (copy->total, ==, 27);
  g_assert_cmpstr (copy->band_label, ==, "Severe");
  g_assert_true (copy->band_label != first->band_label);
}

static void
test_out_of_range (void)
{
  g_autoptr(AllianceMeasure) phq = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);
  const int values[9] = { 0, 0, 4, 0, 0, 0, 0, 0, 0 };
  const int negative[9] = { 0, 0, 0, 0, 0, 0, 0, 0, -1 };
  g_autoptr(GError) error = NULL;
  AllianceScore *result;

  result = alliance_score_compute (phq, values, 9, &error);
  g_assert_null (result);
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Item 3 must be a whole number from 0 to 3; 4 is outside that range.");
  g_clear_error (&error);

  g_assert_null (alliance_score_compute (phq, negative, 9, &error));
  g_assert_nonnull (strstr (error->message, "from 0 to 3"));
  g_clear_error (&error);

  g_assert_null (alliance_score_compute (phq, values, 8, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (alliance_score_check_item (phq, 0, 3, &error));
  g_assert_true (alliance_score_check_item (phq, 0, M, &error));
  g_assert_no_error (error);
  g_assert_false (alliance_score_check_item (phq, 8, 7, &error));
  g_assert_nonnull (strstr (error->message, "Item 9 must be a whole number from 0 to 3"));
}

static void
test_reliable_points (void)
{
  g_autoptr(AllianceMeasure) phq = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);
  AllianceChange change;

  /* A drop of 6 on PHQ-9 (lower is better) is a reliable improvement. */
  change = alliance_score_change (phq, 18, 12);
  g_assert_true (change.known);
  g_assert_cmpfloat (change.difference, ==, -6);
  g_assert_cmpint (change.direction, ==, ALLIANCE_CHANGE_IMPROVED);
  g_assert_true (change.reliable);

  /* A drop of 5 is an improvement, but not a reliable one. */
  change = alliance_score_change (phq, 18, 13);
  g_assert_cmpint (change.direction, ==, ALLIANCE_CHANGE_IMPROVED);
  g_assert_false (change.reliable);

  /* A rise of 6 is a reliable deterioration. */
  change = alliance_score_change (phq, 6, 12);
  g_assert_cmpint (change.direction, ==, ALLIANCE_CHANGE_DETERIORATED);
  g_assert_true (change.reliable);

  change = alliance_score_change (phq, 9, 9);
  g_assert_cmpint (change.direction, ==, ALLIANCE_CHANGE_NONE);
  g_assert_false (change.reliable);
}

static void
test_reliable_gad7 (void)
{
  g_autoptr(AllianceMeasure) gad = alliance_measure_library_get (ALLIANCE_MEASURE_GAD7);

  g_assert_true (alliance_score_change (gad, 15, 11).reliable);
  g_assert_false (alliance_score_change (gad, 15, 12).reliable);
}

static void
test_reliable_jacobson_truax (void)
{
  g_autoptr(AllianceMeasure) measure = alliance_measure_new ("jt", "JT", ALLIANCE_MEASURE_RATER_CLIENT);
  AllianceChange change;

  for (guint i = 0; i < 10; i++)
    {
      char id[4];

      g_snprintf (id, sizeof id, "%u", i + 1);
      alliance_measure_add_item (measure, id, "", 0, 4, FALSE);
    }
  alliance_measure_set_reliable_jt (measure, 5, 0.84);
  g_assert_true (alliance_measure_validate (measure, NULL));

  /* Worked by hand: s1 = 5, r = 0.84.
   *   SE     = s1 · √(1 − r) = 5 · √0.16 = 5 · 0.4 = 2
   *   S_diff = √2 · SE = 2.828427…
   *   20 → 26: RCI = 6 / 2.828427 = 2.1213 > 1.96   reliable improvement
   *   20 → 25: RCI = 5 / 2.828427 = 1.7678 ≤ 1.96   not reliable
   *   20 → 14: RCI = −2.1213, |RCI| > 1.96            reliable deterioration
   *   threshold = 1.96 · 2.828427 = 5.5437 points */
  change = alliance_score_change (measure, 20, 26);
  g_assert_cmpfloat_with_epsilon (change.rci, 2.1213, 1e-4);
  g_assert_true (change.reliable);
  g_assert_cmpint (change.direction, ==, ALLIANCE_CHANGE_IMPROVED);

  change = alliance_score_change (measure, 20, 25);
  g_assert_cmpfloat_with_epsilon (change.rci, 1.7678, 1e-4);
  g_assert_false (change.reliable);
  g_assert_cmpint (change.direction, ==, ALLIANCE_CHANGE_IMPROVED);

  change = alliance_score_change (measure, 20, 14);
  g_assert_cmpfloat_with_epsilon (change.rci, -2.1213, 1e-4);
  g_assert_true (change.reliable);
  g_assert_cmpint (change.direction, ==, ALLIANCE_CHANGE_DETERIORATED);

  g_assert_cmpfloat_with_epsilon (alliance_measure_get_reliable_threshold (measure), 5.5437, 1e-4);
}

static void
test_no_reliable_rule (void)
{
  g_autoptr(AllianceMeasure) check = alliance_measure_library_get (ALLIANCE_MEASURE_ALLIANCE_CHECK);
  AllianceChange change = alliance_score_change (check, 0, 30);

  g_assert_true (change.known);
  g_assert_cmpint (change.direction, ==, ALLIANCE_CHANGE_IMPROVED);
  g_assert_false (change.reliable);
  g_assert_cmpfloat (alliance_measure_get_reliable_threshold (check), ==, 0);
}

static void
test_compare (void)
{
  g_autoptr(AllianceMeasure) phq = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);
  const int v1[9] = { 3, 3, 3, 3, 3, 3, 2, 0, 0 };   /* 20 */
  const int v2[9] = { 3, 3, 2, 2, 2, 2, 2, 0, 0 };   /* 16 */
  const int v3[9] = { 2, 2, 2, 2, 2, 2, 1, 0, 0 };   /* 13 */
  g_autoptr(AllianceScore) first = score (phq, v1, 9);
  g_autoptr(AllianceScore) previous = score (phq, v2, 9);
  g_autoptr(AllianceScore) latest = score (phq, v3, 9);

  alliance_score_compare (first, phq, NULL, NULL);
  g_assert_false (first->since_previous.known);
  g_assert_false (first->since_first.known);

  alliance_score_compare (latest, phq, previous, first);
  g_assert_true (latest->since_previous.known);
  g_assert_cmpfloat (latest->since_previous.difference, ==, -3);
  g_assert_false (latest->since_previous.reliable);
  g_assert_cmpint (latest->since_previous.direction, ==, ALLIANCE_CHANGE_IMPROVED);
  g_assert_cmpfloat (latest->since_first.difference, ==, -7);
  g_assert_true (latest->since_first.reliable);
  g_assert_cmpint (latest->since_first.direction, ==, ALLIANCE_CHANGE_IMPROVED);
}

static void
assert_cutoff (AllianceMeasureCutoff comparison,
               gboolean              below,
               gboolean              at,
               gboolean              above)
{
  g_autoptr(AllianceMeasure) measure = make_custom (ALLIANCE_MEASURE_TOTAL_SUM);
  const int at_values[4] = { 3, 3, 3, 3 };      /* 3 + 3 + 3 + 3 = 12 */
  const int below_values[4] = { 3, 4, 3, 3 };   /* b reversed 2: 11 */
  const int above_values[4] = { 4, 3, 3, 3 };   /* 13 */
  g_autoptr(AllianceScore) at_score = NULL;
  g_autoptr(AllianceScore) below_score = NULL;
  g_autoptr(AllianceScore) above_score = NULL;

  alliance_measure_set_cutoff (measure, comparison, 12);
  g_assert_true (alliance_measure_validate (measure, NULL));
  at_score = score (measure, at_values, 4);
  below_score = score (measure, below_values, 4);
  above_score = score (measure, above_values, 4);
  g_assert_cmpfloat (at_score->total, ==, 12);
  g_assert_cmpfloat (below_score->total, ==, 11);
  g_assert_cmpfloat (above_score->total, ==, 13);
  g_assert_true (at_score->has_cutoff);
  g_assert_cmpint (below_score->cutoff_met, ==, below);
  g_assert_cmpint (at_score->cutoff_met, ==, at);
  g_assert_cmpint (above_score->cutoff_met, ==, above);
}

static void
test_cutoffs (void)
{
  assert_cutoff (ALLIANCE_MEASURE_CUTOFF_BELOW, TRUE, FALSE, FALSE);
  assert_cutoff (ALLIANCE_MEASURE_CUTOFF_AT_OR_BELOW, TRUE, TRUE, FALSE);
  assert_cutoff (ALLIANCE_MEASURE_CUTOFF_ABOVE, FALSE, FALSE, TRUE);
  assert_cutoff (ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE, FALSE, TRUE, TRUE);
}

static void
test_no_cutoff (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom (ALLIANCE_MEASURE_TOTAL_SUM);
  const int values[4] = { 1, 5, 1, 1 };
  g_autoptr(AllianceScore) result = score (measure, values, 4);

  g_assert_false (result->has_cutoff);
  g_assert_false (result->cutoff_met);
  g_assert_false (alliance_score_cutoff_met (measure, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/score/phq9/bands", test_phq9_bands);
  g_test_add_func ("/score/phq9/risk-item", test_phq9_risk_item);
  g_test_add_func ("/score/gad7/bands", test_gad7_bands);
  g_test_add_func ("/score/wai-sr/subscales", test_wai_sr);
  g_test_add_func ("/score/alliance-check", test_alliance_check);
  g_test_add_func ("/score/total/reverse-sum", test_reverse_sum);
  g_test_add_func ("/score/total/mean", test_mean_rule);
  g_test_add_func ("/score/incomplete", test_incomplete);
  g_test_add_func ("/score/out-of-range", test_out_of_range);
  g_test_add_func ("/score/reliable/points", test_reliable_points);
  g_test_add_func ("/score/reliable/gad7", test_reliable_gad7);
  g_test_add_func ("/score/reliable/jacobson-truax", test_reliable_jacobson_truax);
  g_test_add_func ("/score/reliable/none", test_no_reliable_rule);
  g_test_add_func ("/score/compare", test_compare);
  g_test_add_func ("/score/cutoff/each-kind", test_cutoffs);
  g_test_add_func ("/score/cutoff/none", test_no_cutoff);

  return g_test_run ();
}
