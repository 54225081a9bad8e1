/* test-interpretation.c
 *
 * The words shown beside a score: totals and subscales, bands, which side
 * of the cut-off, and changes with whether they are reliable.
 */
#define G_LOG_DOMAIN "alliance-test-interpretation"

#include "config.h"

#include "alliance-interpretation.h"
#include "alliance-measure-library.h"
#include "alliance-score.h"

static AllianceScore *
score (const AllianceMeasure *measure,
       const int             *values,
       guint                  n_values)
{
  g_autoptr(GError) error = NULL;
  AllianceScore *result = alliance_score_compute (measure, values, n_values, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
test_total_with_subscales (void)
{
  g_autoptr(AllianceMeasure) wai = alliance_measure_library_get (ALLIANCE_MEASURE_WAI_SR);
  const int values[12] = { 5, 5, 4, 4, 4, 4, 4, 4, 4, 5, 4, 5 };
  g_autoptr(AllianceScore) result = score (wai, values, 12);
  g_autofree char *total = alliance_interpretation_describe_total (wai, result);

  /* Task = 1, 2, 10, 12 → 20; Bond = 3, 5, 7, 9 → 16; Goal = 4, 6, 8, 11 → 16. */
  g_assert_cmpstr (total, ==, "Total 52 of 60 · Task 20 · Bond 16 · Goal 16");
}

static void
test_cutoff_sides (void)
{
  g_autoptr(AllianceMeasure) check = alliance_measure_library_get (ALLIANCE_MEASURE_ALLIANCE_CHECK);
  const int low[3] = { 8, 8, 7 };
  const int at[3] = { 8, 8, 8 };
  g_autoptr(AllianceScore) below = score (check, low, 3);
  g_autoptr(AllianceScore) level = score (check, at, 3);
  g_autofree char *below_text = alliance_interpretation_describe_details (check, below);
  g_autofree char *level_text = alliance_interpretation_describe_details (check, level);

  g_assert_cmpstr (below_text, ==, "Below the cut-off of 24 · First score");
  g_assert_cmpstr (level_text, ==, "At or above the cut-off of 24 · First score");
}

static void
test_changes_and_bands (void)
{
  g_autoptr(AllianceMeasure) phq = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);
  const int first_values[9] = { 3, 3, 3, 3, 2, 2, 1, 0, 0 };   /* 17 */
  const int previous_values[9] = { 2, 2, 2, 2, 2, 2, 1, 0, 0 }; /* 13 */
  const int latest_values[9] = { 2, 1, 1, 1, 1, 1, 1, 0, 0 };   /* 8 */
  g_autoptr(AllianceScore) first = score (phq, first_values, 9);
  g_autoptr(AllianceScore) previous = score (phq, previous_values, 9);
  g_autoptr(AllianceScore) latest = score (phq, latest_values, 9);
  g_autofree char *details = NULL;
  g_autofree char *total = NULL;

  alliance_score_compare (latest, phq, previous, first);
  details = alliance_interpretation_describe_details (phq, latest);
  total = alliance_interpretation_describe_total (phq, latest);
  g_assert_cmpstr (total, ==, "Total 8 of 27");
  /* −5 is short of the 6 points PHQ-9 needs; −9 is beyond it. */
  g_assert_cmpstr (details, ==, "Mild · −5 since last (not a reliable change) · −9 since first (reliable improvement)");
}

static void
test_mean_and_incomplete (void)
{
  g_autoptr(AllianceMeasure) custom = alliance_measure_new ("custom", "Custom", ALLIANCE_MEASURE_RATER_CLIENT);
  const int values[2] = { 2, 5 };
  g_autoptr(AllianceScore) result = NULL;
  g_autofree char *total = NULL;
  g_autofree char *incomplete = NULL;

  alliance_measure_add_item (custom, "a", "A", 1, 5, FALSE);
  alliance_measure_add_item (custom, "b", "B", 1, 5, FALSE);
  custom->total_rule = ALLIANCE_MEASURE_TOTAL_MEAN;
  result = score (custom, values, 2);
  total = alliance_interpretation_describe_total (custom, result);
  g_assert_cmpstr (total, ==, "Mean 3.5 (1–5)");

  incomplete = alliance_interpretation_describe_incomplete (custom, 1);
  g_assert_cmpstr (incomplete, ==, "Incomplete: 1 of 2 answered, not scored");
}

static void
test_no_change (void)
{
  g_autoptr(AllianceMeasure) check = alliance_measure_library_get (ALLIANCE_MEASURE_ALLIANCE_CHECK);
  const int values[3] = { 9, 9, 9 };
  g_autoptr(AllianceScore) first = score (check, values, 3);
  g_autoptr(AllianceScore) latest = score (check, values, 3);
  g_autofree char *details = NULL;

  alliance_score_compare (latest, check, first, first);
  details = alliance_interpretation_describe_details (check, latest);
  /* A change of nothing is not called "not a reliable change". */
  g_assert_cmpstr (details, ==, "At or above the cut-off of 24 · no change since last · no change since first");
}

static void
test_no_reliable_change_rule (void)
{
  g_autoptr(AllianceMeasure) wai = alliance_measure_library_get (ALLIANCE_MEASURE_WAI_SR);
  const int first_values[12] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 };
  const int latest_values[12] = { 5, 5, 4, 4, 4, 4, 4, 4, 4, 5, 4, 5 };
  g_autoptr(AllianceScore) first = score (wai, first_values, 12);
  g_autoptr(AllianceScore) latest = score (wai, latest_values, 12);
  g_autofree char *details = NULL;

  alliance_score_compare (latest, wai, first, first);
  details = alliance_interpretation_describe_details (wai, latest);
  /* WAI-SR publishes no reliable-change threshold: reliability is not claimed either way. */
  g_assert_cmpstr (details, ==, "+16 since last · +16 since first");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interpretation/total-with-subscales", test_total_with_subscales);
  g_test_add_func ("/interpretation/cutoff-sides", test_cutoff_sides);
  g_test_add_func ("/interpretation/changes-and-bands", test_changes_and_bands);
  g_test_add_func ("/interpretation/mean-and-incomplete", test_mean_and_incomplete);
  g_test_add_func ("/interpretation/no-change", test_no_change);
  g_test_add_func ("/interpretation/no-reliable-change-rule", test_no_reliable_change_rule);

  return g_test_run ();
}
