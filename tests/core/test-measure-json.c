/* test-measure-json.c
 *
 * Measure definitions as JSON: every built-in survives export → import →
 * export unchanged; malformed files, wrong types and invalid definitions
 * are refused with the JSON path of the first problem.
 */
#define G_LOG_DOMAIN "alliance-test-measure-json"

#include "config.h"

#include <string.h>

#include "alliance-error.h"
#include "alliance-measure-json.h"
#include "alliance-measure-library.h"

/* A small valid definition; @items replaces the item list when not NULL,
 * @extra is appended to the top-level object. */
static char *
custom_json (const char *items,
             const char *extra)
{
  return g_strdup_printf ("{ \"format\": \"alliance-measure\", \"version\": 1,"
                          "  \"id\": \"x\", \"name\": \"X\", \"measure_version\": 2, \"rater\": \"observer\","
                          "  \"items\": %s,"
                          "  \"total\": \"sum\", \"higher_is_better\": true %s }",
                          items != NULL ? items
                                        : "[ { \"id\": \"a\", \"label\": \"A\", \"min\": 0, \"max\": 4 },"
                                          "  { \"id\": \"b\", \"label\": \"\", \"min\": 0, \"max\": 4, \"reverse\": true } ]",
                          extra != NULL ? extra : "");
}

static void
assert_refused (const char *json,
                const char *expected_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceMeasure) measure = alliance_measure_from_json (json, -1, &error);

  g_assert_null (measure);
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, expected_start))
    g_error ("“%s” does not start with “%s”", error->message, expected_start);
}

static void
assert_custom_refused (const char *items,
                       const char *extra,
                       const char *expected_start)
{
  g_autofree char *json = custom_json (items, extra);

  assert_refused (json, expected_start);
}

static void
assert_round_trip (const AllianceMeasure *measure)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = alliance_measure_to_json (measure);
  g_autoptr(AllianceMeasure) imported = alliance_measure_from_json (first, -1, &error);
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_false (imported->translatable);
  second = alliance_measure_to_json (imported);
  g_assert_cmpstr (first, ==, second);

  g_assert_cmpstr (imported->id, ==, measure->id);
  g_assert_cmpstr (imported->name, ==, measure->name);
  g_assert_cmpint (imported->version, ==, measure->version);
  g_assert_cmpint (imported->rater, ==, measure->rater);
  g_assert_cmpuint (imported->items->len, ==, measure->items->len);
  g_assert_cmpuint (imported->subscales->len, ==, measure->subscales->len);
  g_assert_cmpuint (imported->bands->len, ==, measure->bands->len);
  g_assert_cmpint (imported->total_rule, ==, measure->total_rule);
  g_assert_cmpint (imported->higher_is_better, ==, measure->higher_is_better);
  g_assert_cmpint (imported->cutoff, ==, measure->cutoff);
  g_assert_cmpfloat (imported->cutoff_value, ==, measure->cutoff_value);
  g_assert_cmpint (imported->reliable_change, ==, measure->reliable_change);
  g_assert_cmpfloat (imported->rc_points, ==, measure->rc_points);
  g_assert_cmpfloat (imported->rc_s1, ==, measure->rc_s1);
  g_assert_cmpfloat (imported->rc_r, ==, measure->rc_r);
  g_assert_cmpstr (imported->risk_item_id, ==, measure->risk_item_id);
  g_assert_cmpstr (imported->note, ==, measure->note);
  for (guint i = 0; i < measure->items->len; i++)
    {
      const AllianceMeasureItem *a = g_ptr_array_index (measure->items, i);
      const AllianceMeasureItem *b = g_ptr_array_index (imported->items, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->label, ==, b->label);
      g_assert_cmpint (a->min, ==, b->min);
      g_assert_cmpint (a->max, ==, b->max);
      g_assert_cmpint (a->reverse, ==, b->reverse);
    }
}

static void
test_round_trip_builtin (void)
{
  g_autoptr(GPtrArray) list = alliance_measure_library_list ();

  for (guint i = 0; i < list->len; i++)
    assert_round_trip (g_ptr_array_index (list, i));
}

static void
test_round_trip_custom (void)
{
  static const char * const pair[] = { "b", "a", NULL };
  g_autoptr(AllianceMeasure) measure = alliance_measure_new ("srs-like", "My session rating", ALLIANCE_MEASURE_RATER_CLIENT);

  alliance_measure_add_item (measure, "a", "Relationship", 0, 10, FALSE);
  alliance_measure_add_item (measure, "b", "Goals “and” topics\n", 0, 10, TRUE);
  alliance_measure_add_subscale (measure, "pair", "Pair", pair);
  alliance_measure_add_band (measure, 0, 4.5, "Low");
  alliance_measure_add_band (measure, 4.75, 10, "High");
  measure->total_rule = ALLIANCE_MEASURE_TOTAL_MEAN;
  measure->version = 3;
  alliance_measure_set_cutoff (measure, ALLIANCE_MEASURE_CUTOFF_BELOW, 9);
  alliance_measure_set_reliable_jt (measure, 1.3, 0.84);
  measure->note = g_strdup ("Defined under my own licence.");
  g_assert_true (alliance_measure_validate (measure, NULL));

  assert_round_trip (measure);

  alliance_measure_set_reliable_points (measure, 2.5);
  g_clear_pointer (&measure->note, g_free);
  assert_round_trip (measure);
}

static void
test_format_members (void)
{
  g_autoptr(AllianceMeasure) wai = alliance_measure_library_get (ALLIANCE_MEASURE_WAI_SR);
  g_autoptr(AllianceMeasure) phq = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);
  g_autofree char *wai_json = alliance_measure_to_json (wai);
  g_autofree char *phq_json = alliance_measure_to_json (phq);

  g_assert_true (g_str_has_prefix (wai_json, "{\n  \"format\" : \"alliance-measure\",\n  \"version\" : 1,\n"));
  g_assert_true (g_str_has_suffix (wai_json, "}\n"));
  g_assert_nonnull (strstr (wai_json, "\"label\" : \"\""));
  g_assert_null (strstr (wai_json, "\"cutoff\""));
  g_assert_nonnull (strstr (phq_json, "\"points\" : 6"));
  g_assert_nonnull (strstr (phq_json, "\"risk_item\" : \"9\""));
}

static void
test_minimal_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = custom_json (NULL, NULL);
  g_autoptr(AllianceMeasure) measure = alliance_measure_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (measure);
  g_assert_cmpint (measure->version, ==, 2);
  g_assert_cmpint (measure->rater, ==, ALLIANCE_MEASURE_RATER_OBSERVER);
  g_assert_false (alliance_measure_get_item (measure, 0)->reverse);
  g_assert_true (alliance_measure_get_item (measure, 1)->reverse);
  g_assert_cmpint (measure->cutoff, ==, ALLIANCE_MEASURE_CUTOFF_NONE);
  g_assert_cmpint (measure->reliable_change, ==, ALLIANCE_MEASURE_RELIABLE_CHANGE_NONE);
  g_assert_null (measure->note);
}

static void
test_refuse_malformed (void)
{
  assert_refused ("", "$: the file must hold one JSON object.");
  assert_refused ("{ \"format\": \"alliance-measure\", ", "This is not a valid JSON file");
  assert_refused ("[ 1, 2 ]", "$: the file must hold one JSON object.");
  assert_refused ("\"alliance-measure\"", "$: ");
  assert_refused ("{ \"version\": 1 }", "format: is missing.");
  assert_refused ("{ \"format\": \"other\", \"version\": 1 }", "format: must be “alliance-measure”");
  assert_refused ("{ \"format\": \"alliance-measure\", \"version\": 2 }", "version: version 2 of the format is not supported");
  assert_refused ("{ \"format\": \"alliance-measure\", \"version\": \"1\" }", "version: must be a whole number.");
}

static void
test_refuse_wrong_types (void)
{
  assert_custom_refused ("{}", NULL, "items: must be an array.");
  assert_custom_refused ("[ 3 ]", NULL, "items[0]: must be an object.");
  assert_custom_refused ("[ { \"id\": \"a\", \"label\": \"A\", \"min\": 0, \"max\": 4 },"
                         "  { \"id\": \"b\", \"label\": \"B\", \"min\": 0, \"max\": \"4\" } ]",
                         NULL, "items[1].max: must be a whole number.");
  assert_custom_refused ("[ { \"id\": \"a\", \"label\": \"A\", \"min\": 0.5, \"max\": 4 } ]",
                         NULL, "items[0].min: must be a whole number.");
  assert_custom_refused ("[ { \"id\": 1, \"label\": \"A\", \"min\": 0, \"max\": 4 } ]",
                         NULL, "items[0].id: must be a string.");
  assert_custom_refused ("[ { \"id\": \"a\", \"min\": 0, \"max\": 4 } ]",
                         NULL, "items[0].label: is missing.");
  assert_custom_refused ("[ { \"id\": \"a\", \"label\": \"A\", \"min\": 0, \"max\": 4, \"reverse\": 1 } ]",
                         NULL, "items[0].reverse: must be true or false.");
  assert_custom_refused ("[ { \"id\": \"a\", \"label\": \"A\", \"min\": 0, \"max\": 4, \"reversed\": true } ]",
                         NULL, "items[0].reversed: this member is not part of the format.");
  assert_custom_refused (NULL, ", \"subscales\": [ { \"id\": \"s\", \"label\": \"S\", \"items\": [ \"a\", 2 ] } ]",
                         "subscales[0].items[1]: must be a string.");
  assert_custom_refused (NULL, ", \"bands\": [ { \"min\": 0, \"max\": \"4\", \"label\": \"L\" } ]",
                         "bands[0].max: must be a number.");
  assert_custom_refused (NULL, ", \"cutoff\": { \"comparison\": \"under\", \"value\": 3 }",
                         "cutoff.comparison: must be “below”");
  assert_custom_refused (NULL, ", \"cutoff\": 3", "cutoff: must be an object.");
  assert_custom_refused (NULL, ", \"reliable_change\": { \"s1\": 2 }", "reliable_change.r: is missing.");
  assert_custom_refused (NULL, ", \"reliable_change\": { \"points\": 2, \"r\": 0.8 }", "reliable_change: give either");
  assert_custom_refused (NULL, ", \"colour\": \"red\"", "colour: this member is not part of the format.");
  assert_custom_refused (NULL, ", \"note\": null", "note: must be a string.");
}

static void
test_refuse_invalid_definition (void)
{
  assert_custom_refused ("[ { \"id\": \"a\", \"label\": \"A\", \"min\": 0, \"max\": 4 },"
                         "  { \"id\": \"b\", \"label\": \"B\", \"min\": 0, \"max\": 4 },"
                         "  { \"id\": \"c\", \"label\": \"C\", \"min\": 0, \"max\": 4 },"
                         "  { \"id\": \"d\", \"label\": \"D\", \"min\": 3, \"max\": 3 } ]",
                         NULL, "items[3].max: The maximum of item “d” (3) must be greater than its minimum (3).");
  assert_custom_refused ("[ { \"id\": \"a\", \"label\": \"A\", \"min\": 0, \"max\": 4 },"
                         "  { \"id\": \"a\", \"label\": \"B\", \"min\": 0, \"max\": 4 } ]",
                         NULL, "items[1].id: Item id “a” is used twice");
  assert_custom_refused ("[]", NULL, "items: A measure needs at least one item.");
  assert_custom_refused (NULL, ", \"subscales\": [ { \"id\": \"s\", \"label\": \"S\", \"items\": [ \"a\", \"q\" ] } ]",
                         "subscales[0].items[1]: Subscale “s” names item “q”");
  assert_custom_refused (NULL, ", \"bands\": [ { \"min\": 0, \"max\": 4, \"label\": \"L\" },"
                               "  { \"min\": 4, \"max\": 8, \"label\": \"H\" } ]",
                         "bands[1].min: Band “H” (4–8) overlaps band “L” (0–4)");
  assert_custom_refused (NULL, ", \"cutoff\": { \"comparison\": \"below\", \"value\": 9 }",
                         "cutoff.value: The cut-off (9) must lie within the range of the total, 0–8.");
  assert_custom_refused (NULL, ", \"reliable_change\": { \"s1\": 2, \"r\": 1.5 }",
                         "reliable_change.r: ");
  assert_custom_refused (NULL, ", \"risk_item\": \"z\"", "risk_item: ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/measure-json/round-trip/builtin", test_round_trip_builtin);
  g_test_add_func ("/measure-json/round-trip/custom", test_round_trip_custom);
  g_test_add_func ("/measure-json/format", test_format_members);
  g_test_add_func ("/measure-json/import/minimal", test_minimal_valid);
  g_test_add_func ("/measure-json/refuse/malformed", test_refuse_malformed);
  g_test_add_func ("/measure-json/refuse/wrong-types", test_refuse_wrong_types);
  g_test_add_func ("/measure-json/refuse/invalid-definition", test_refuse_invalid_definition);

  return g_test_run ();
}
