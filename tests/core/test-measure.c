/* test-measure.c
 *
 * AllianceMeasure as data: the built-in definitions validate and say what
 * PRODUCT.md says; invalid definitions are refused with a message that
 * names the problem.
 */
#define G_LOG_DOMAIN "alliance-test-measure"

#include "config.h"

#include <string.h>

#include "alliance-error.h"
#include "alliance-measure.h"
#include "alliance-measure-library.h"

static AllianceMeasure *
make_custom (void)
{
  static const char * const first_two[] = { "a", "b", NULL };
  AllianceMeasure *measure = alliance_measure_new ("custom", "Custom", ALLIANCE_MEASURE_RATER_OBSERVER);

  alliance_measure_add_item (measure, "a", "First", 0, 4, FALSE);
  alliance_measure_add_item (measure, "b", "Second", 0, 4, TRUE);
  alliance_measure_add_item (measure, "c", "Third", 0, 4, FALSE);
  alliance_measure_add_subscale (measure, "ab", "A and B", first_two);
  alliance_measure_add_band (measure, 0, 5, "Low");
  alliance_measure_add_band (measure, 6, 12, "High");
  alliance_measure_set_cutoff (measure, ALLIANCE_MEASURE_CUTOFF_BELOW, 4);
  alliance_measure_set_reliable_jt (measure, 2.5, 0.8);
  return measure;
}

static void
assert_refused (const AllianceMeasure *measure,
                const char            *expected_path,
                const char            *expected_fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_false (alliance_measure_validate_with_path (measure, &path, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (path, ==, expected_path);
  if (strstr (error->message, expected_fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, expected_fragment);

  g_clear_error (&error);
  g_assert_false (alliance_measure_validate (measure, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
}

static void
test_builtin_valid (void)
{
  g_autoptr(GPtrArray) list = alliance_measure_library_list ();
  const char **ids = alliance_measure_library_get_ids ();

  g_assert_cmpuint (list->len, ==, 6);
  g_assert_cmpuint (g_strv_length ((char **)ids), ==, 6);
  for (guint i = 0; i < list->len; i++)
    {
      AllianceMeasure *measure = g_ptr_array_index (list, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(AllianceMeasure) copy = NULL;

      g_assert_cmpstr (measure->id, ==, ids[i]);
      g_assert_true (measure->translatable);
      g_assert_true (alliance_measure_validate (measure, &error));
      g_assert_no_error (error);
      g_assert_nonnull (measure->note);
      g_assert_cmpstr (alliance_measure_translate (measure, measure->name), ==, measure->name);

      copy = alliance_measure_copy (measure);
      g_assert_true (alliance_measure_validate (copy, &error));
      g_assert_cmpuint (copy->items->len, ==, measure->items->len);
    }
  g_assert_null (alliance_measure_library_get ("srs"));
  g_assert_null (alliance_measure_library_get ("ors"));
  g_assert_null (alliance_measure_library_get (NULL));
}

static void
test_builtin_contents (void)
{
  g_autoptr(AllianceMeasure) check = alliance_measure_library_get (ALLIANCE_MEASURE_ALLIANCE_CHECK);
  g_autoptr(AllianceMeasure) reflection = alliance_measure_library_get (ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION);
  g_autoptr(AllianceMeasure) prediction = alliance_measure_library_get (ALLIANCE_MEASURE_THERAPIST_PREDICTION);
  g_autoptr(AllianceMeasure) wai = alliance_measure_library_get (ALLIANCE_MEASURE_WAI_SR);
  g_autoptr(AllianceMeasure) phq = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);
  g_autoptr(AllianceMeasure) gad = alliance_measure_library_get (ALLIANCE_MEASURE_GAD7);
  double min, max, check_min, check_max;

  g_assert_cmpint (check->rater, ==, ALLIANCE_MEASURE_RATER_CLIENT);
  g_assert_cmpuint (alliance_measure_get_n_items (check), ==, 3);
  g_assert_nonnull (strstr (check->note, "not a validated instrument"));
  alliance_measure_get_total_range (check, &check_min, &check_max);
  g_assert_cmpfloat (check_min, ==, 0);
  g_assert_cmpfloat (check_max, ==, 30);

  g_assert_cmpint (reflection->rater, ==, ALLIANCE_MEASURE_RATER_THERAPIST);
  g_assert_cmpuint (alliance_measure_get_n_items (reflection), ==, 5);
  g_assert_cmpstr (alliance_measure_get_item (reflection, 0)->label, ==, "Trust");
  g_assert_cmpstr (alliance_measure_get_item (reflection, 4)->label, ==, "Boundaries");
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpint (alliance_measure_get_item (reflection, i)->min, ==, 1);
      g_assert_cmpint (alliance_measure_get_item (reflection, i)->max, ==, 5);
    }

  g_assert_cmpint (prediction->rater, ==, ALLIANCE_MEASURE_RATER_THERAPIST);
  alliance_measure_get_total_range (prediction, &min, &max);
  g_assert_cmpfloat (min, ==, check_min);
  g_assert_cmpfloat (max, ==, check_max);

  g_assert_cmpuint (alliance_measure_get_n_items (wai), ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      g_assert_cmpstr (alliance_measure_get_item (wai, i)->label, ==, "");
      g_assert_false (alliance_measure_get_item (wai, i)->reverse);
    }
  g_assert_nonnull (strstr (wai->note, "Society for Psychotherapy Research"));
  g_assert_nonnull (strstr (wai->note, "copyrighted"));
  alliance_measure_get_total_range (wai, &min, &max);
  g_assert_cmpfloat (min, ==, 12);
  g_assert_cmpfloat (max, ==, 60);

  alliance_measure_get_total_range (phq, &min, &max);
  g_assert_cmpfloat (max, ==, 27);
  g_assert_false (phq->higher_is_better);
  g_assert_cmpstr (phq->risk_item_id, ==, "9");
  g_assert_cmpint (phq->reliable_change, ==, ALLIANCE_MEASURE_RELIABLE_CHANGE_POINTS);
  g_assert_cmpfloat (alliance_measure_get_reliable_threshold (phq), ==, 6);
  g_assert_cmpuint (phq->bands->len, ==, 5);
  g_assert_cmpstr (alliance_measure_get_item (phq, 8)->label, !=, "");

  alliance_measure_get_total_range (gad, &min, &max);
  g_assert_cmpfloat (max, ==, 21);
  g_assert_cmpfloat (alliance_measure_get_reliable_threshold (gad), ==, 4);
  g_assert_cmpuint (gad->bands->len, ==, 4);
  g_assert_null (gad->risk_item_id);
}

static void
test_custom_valid (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom ();
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_measure_validate (measure, &error));
  g_assert_no_error (error);
  g_assert_false (measure->translatable);
  g_assert_cmpint (alliance_measure_find_item (measure, "c"), ==, 2);
  g_assert_cmpint (alliance_measure_find_item (measure, "z"), ==, -1);
}

static void
test_refuse_min_max (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom ();
  AllianceMeasureItem *item = g_ptr_array_index (measure->items, 2);

  item->max = item->min;
  assert_refused (measure, "items[2].max", "must be greater than its minimum");
  item->max = item->min - 1;
  assert_refused (measure, "items[2].max", "must be greater than its minimum");
}

static void
test_refuse_duplicate_item (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom ();

  alliance_measure_add_item (measure, "b", "Again", 0, 4, FALSE);
  assert_refused (measure, "items[3].id", "Item id “b” is used twice");
}

static void
test_refuse_no_items (void)
{
  g_autoptr(AllianceMeasure) measure = alliance_measure_new ("x", "X", ALLIANCE_MEASURE_RATER_CLIENT);

  assert_refused (measure, "items", "at least one item");
}

static void
test_refuse_blank_names (void)
{
  g_autoptr(AllianceMeasure) no_id = make_custom ();
  g_autoptr(AllianceMeasure) no_name = make_custom ();

  g_clear_pointer (&no_id->id, g_free);
  assert_refused (no_id, "id", "needs an id");
  g_free (no_name->name);
  no_name->name = g_strdup ("  ");
  assert_refused (no_name, "name", "needs a name");
}

static void
test_refuse_subscale_missing_item (void)
{
  static const char * const bad[] = { "a", "zz", NULL };
  g_autoptr(AllianceMeasure) measure = make_custom ();

  alliance_measure_add_subscale (measure, "bad", "Bad", bad);
  assert_refused (measure, "subscales[1].items[1]", "names item “zz”, which the measure does not have");
}

static void
test_refuse_overlapping_bands (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom ();
  AllianceMeasureBand *band = g_ptr_array_index (measure->bands, 1);

  band->min = 5;
  assert_refused (measure, "bands[1].min", "overlaps band “Low”");
}

static void
test_refuse_band_out_of_range (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom ();
  AllianceMeasureBand *band = g_ptr_array_index (measure->bands, 1);

  band->max = 13;
  assert_refused (measure, "bands[1]", "within the range of the total, 0–12");
}

static void
test_refuse_cutoff_out_of_range (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom ();

  alliance_measure_set_cutoff (measure, ALLIANCE_MEASURE_CUTOFF_AT_OR_ABOVE, 13);
  assert_refused (measure, "cutoff.value", "The cut-off (13) must lie within the range of the total, 0–12");
}

static void
test_refuse_reliable_change (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom ();

  alliance_measure_set_reliable_jt (measure, 2.5, 1.0);
  assert_refused (measure, "reliable_change.r", "between 0 and 1");
  alliance_measure_set_reliable_jt (measure, 0, 0.8);
  assert_refused (measure, "reliable_change.s1", "more than 0");
  alliance_measure_set_reliable_points (measure, 0);
  assert_refused (measure, "reliable_change.points", "more than 0");
}

static void
test_refuse_risk_item (void)
{
  g_autoptr(AllianceMeasure) measure = make_custom ();

  measure->risk_item_id = g_strdup ("q9");
  assert_refused (measure, "risk_item", "“q9”");
}

static void
test_strings (void)
{
  AllianceMeasureRater rater;
  AllianceMeasureTotalRule rule;
  AllianceMeasureCutoff cutoff;

  for (guint i = 0; i < ALLIANCE_MEASURE_N_RATERS; i++)
    {
      g_assert_true (alliance_measure_rater_from_string (alliance_measure_rater_to_string (i), &rater));
      g_assert_cmpint (rater, ==, i);
      g_assert_nonnull (alliance_measure_rater_get_label (i));
    }
  for (guint i = 0; i < ALLIANCE_MEASURE_N_TOTAL_RULES; i++)
    {
      g_assert_true (alliance_measure_total_rule_from_string (alliance_measure_total_rule_to_string (i), &rule));
      g_assert_cmpint (rule, ==, i);
    }
  for (guint i = 0; i < ALLIANCE_MEASURE_N_CUTOFFS; i++)
    {
      g_assert_true (alliance_measure_cutoff_from_string (alliance_measure_cutoff_to_string (i), &cutoff));
      g_assert_cmpint (cutoff, ==, i);
    }
  g_assert_false (alliance_measure_rater_from_string ("patient", &rater));
  g_assert_false (alliance_measure_total_rule_from_string (NULL, &rule));
  g_assert_false (alliance_measure_cutoff_from_string ("under", &cutoff));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/measure/builtin/valid", test_builtin_valid);
  g_test_add_func ("/measure/builtin/contents", test_builtin_contents);
  g_test_add_func ("/measure/custom/valid", test_custom_valid);
  g_test_add_func ("/measure/refuse/min-not-below-max", test_refuse_min_max);
  g_test_add_func ("/measure/refuse/duplicate-item", test_refuse_duplicate_item);
  g_test_add_func ("/measure/refuse/no-items", test_refuse_no_items);
  g_test_add_func ("/measure/refuse/blank-names", test_refuse_blank_names);
  g_test_add_func ("/measure/refuse/subscale-missing-item", test_refuse_subscale_missing_item);
  g_test_add_func ("/measure/refuse/overlapping-bands", test_refuse_overlapping_bands);
  g_test_add_func ("/measure/refuse/band-out-of-range", test_refuse_band_out_of_range);
  g_test_add_func ("/measure/refuse/cutoff-out-of-range", test_refuse_cutoff_out_of_range);
  g_test_add_func ("/measure/refuse/reliable-change", test_refuse_reliable_change);
  g_test_add_func ("/measure/refuse/risk-item", test_refuse_risk_item);
  g_test_add_func ("/measure/strings", test_strings);

  return g_test_run ();
}
