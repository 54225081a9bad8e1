/* test-administration.c
 *
 * AllianceAdministration: a new one has every item unanswered, copies are
 * deep, and validation names the item and its allowed range.
 */
#define G_LOG_DOMAIN "alliance-test-administration"

#include "config.h"

#include <string.h>

#include "alliance-administration.h"
#include "alliance-error.h"
#include "alliance-measure-library.h"
#include "alliance-score.h"

static void
test_new_copy_free (void)
{
  g_autoptr(AllianceMeasure) measure = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);
  g_autoptr(AllianceAdministration) administration = alliance_administration_new (3, 7, measure);
  g_autoptr(AllianceAdministration) copy = NULL;

  g_assert_cmpint (administration->id, ==, 0);
  g_assert_cmpint (administration->client_id, ==, 3);
  g_assert_cmpint (administration->session_id, ==, 7);
  g_assert_cmpstr (administration->measure_key, ==, ALLIANCE_MEASURE_PHQ9);
  g_assert_cmpint (administration->measure_version, ==, measure->version);
  g_assert_cmpint (administration->rater, ==, ALLIANCE_MEASURE_RATER_CLIENT);
  g_assert_cmpuint (administration->n_values, ==, 9);
  for (guint i = 0; i < administration->n_values; i++)
    g_assert_cmpint (administration->values[i], ==, ALLIANCE_SCORE_MISSING);
  g_assert_cmpuint (alliance_administration_count_answered (administration), ==, 0);

  administration->values[2] = 1;
  administration->administered_at = g_strdup ("2025-01-06 10:00");
  copy = alliance_administration_copy (administration);
  g_assert_true (copy->values != administration->values);
  g_assert_cmpmem (copy->values, 9 * sizeof (int), administration->values, 9 * sizeof (int));
  g_assert_cmpstr (copy->measure_key, ==, administration->measure_key);
  g_assert_cmpstr (copy->administered_at, ==, "2025-01-06 10:00");
  g_assert_null (copy->created_at);
  g_assert_cmpuint (alliance_administration_count_answered (copy), ==, 1);

  g_assert_true (G_TYPE_IS_BOXED (ALLIANCE_TYPE_ADMINISTRATION));
  alliance_administration_free (NULL);
}

static void
test_validate (void)
{
  g_autoptr(AllianceMeasure) check = alliance_measure_library_get (ALLIANCE_MEASURE_ALLIANCE_CHECK);
  g_autoptr(AllianceMeasure) phq9 = alliance_measure_library_get (ALLIANCE_MEASURE_PHQ9);
  g_autoptr(AllianceAdministration) administration = alliance_administration_new (1, 1, check);
  g_autoptr(GError) error = NULL;

  /* Unanswered is fine: it is saved as incomplete. */
  g_assert_true (alliance_administration_validate (administration, check, &error));
  g_assert_no_error (error);

  administration->values[0] = 0;
  administration->values[1] = 10;
  g_assert_true (alliance_administration_validate (administration, check, &error));
  g_assert_no_error (error);

  administration->values[2] = 11;
  g_assert_false (alliance_administration_validate (administration, check, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Item 3"));
  g_assert_nonnull (strstr (error->message, "0"));
  g_assert_nonnull (strstr (error->message, "10"));
  g_clear_error (&error);

  administration->values[2] = -1;
  g_assert_false (alliance_administration_validate (administration, check, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  administration->values[2] = 5;

  /* Another measure, or another version of it. */
  g_assert_false (alliance_administration_validate (administration, phq9, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  administration->measure_version++;
  g_assert_false (alliance_administration_validate (administration, check, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  administration->measure_version--;

  /* Values that do not match the items. */
  administration->n_values = 2;
  g_assert_false (alliance_administration_validate (administration, check, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  administration->n_values = 3;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/administration/new-copy-free", test_new_copy_free);
  g_test_add_func ("/administration/validate", test_validate);

  return g_test_run ();
}
