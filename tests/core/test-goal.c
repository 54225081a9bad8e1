/* test-goal.c
 *
 * AllianceGoal as a value: validation, statuses, copying.
 */
#define G_LOG_DOMAIN "alliance-test-goal"

#include "config.h"

#include "alliance-error.h"
#include "alliance-goal.h"

static void
assert_goal_invalid (const AllianceGoal      *goal,
                     AllianceValidationError  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (alliance_goal_validate (goal, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, (int)code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_false (alliance_goal_validate (goal, NULL));
}

static void
test_new (void)
{
  g_autoptr(AllianceGoal) goal = alliance_goal_new (3, "Sleep six hours", "2024-02-17");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (goal->id, ==, 0);
  g_assert_cmpint (goal->client_id, ==, 3);
  g_assert_cmpstr (goal->description, ==, "Sleep six hours");
  g_assert_cmpstr (goal->set_on, ==, "2024-02-17");
  g_assert_null (goal->reviewed_on);
  g_assert_cmpint (goal->status, ==, ALLIANCE_GOAL_STATUS_ACTIVE);
  g_assert_true (alliance_goal_validate (goal, &error));
  g_assert_no_error (error);
}

static void
test_description_required (void)
{
  static const char *blanks[] = { NULL, "", "  ", "\t\n" };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(AllianceGoal) goal = alliance_goal_new (1, blanks[i], "2024-02-17");

      assert_goal_invalid (goal, ALLIANCE_VALIDATION_ERROR_REQUIRED);
    }
}

static void
test_set_on (void)
{
  g_autoptr(AllianceGoal) missing = alliance_goal_new (1, "Walk daily", NULL);
  g_autoptr(AllianceGoal) impossible = alliance_goal_new (1, "Walk daily", "2023-02-29");
  g_autoptr(AllianceGoal) malformed = alliance_goal_new (1, "Walk daily", "17/02/2024");
  g_autoptr(AllianceGoal) leap = alliance_goal_new (1, "Walk daily", "2024-02-29");

  assert_goal_invalid (missing, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  assert_goal_invalid (impossible, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
  assert_goal_invalid (malformed, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
  g_assert_true (alliance_goal_validate (leap, NULL));
}

static void
test_reviewed_on (void)
{
  g_autoptr(AllianceGoal) goal = alliance_goal_new (1, "Walk daily", "2024-02-17");

  goal->status = ALLIANCE_GOAL_STATUS_ACHIEVED;
  goal->reviewed_on = g_strdup ("2024-02-16");
  assert_goal_invalid (goal, ALLIANCE_VALIDATION_ERROR_DATE_ORDER);

  g_free (goal->reviewed_on);
  goal->reviewed_on = g_strdup ("2023-12-31");
  assert_goal_invalid (goal, ALLIANCE_VALIDATION_ERROR_DATE_ORDER);

  g_free (goal->reviewed_on);
  goal->reviewed_on = g_strdup ("2024-02-30");
  assert_goal_invalid (goal, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);

  /* Reviewed the day it was set is fine. */
  g_free (goal->reviewed_on);
  goal->reviewed_on = g_strdup ("2024-02-17");
  g_assert_true (alliance_goal_validate (goal, NULL));
}

static void
test_status_strings (void)
{
  static const char *expected[] = { "active", "achieved", "dropped" };
  AllianceGoalStatus status;

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == ALLIANCE_GOAL_N_STATUSES);

  for (guint i = 0; i < ALLIANCE_GOAL_N_STATUSES; i++)
    {
      const char *text = alliance_goal_status_to_string ((AllianceGoalStatus)i);

      g_assert_cmpstr (text, ==, expected[i]);
      status = ALLIANCE_GOAL_N_STATUSES;
      g_assert_true (alliance_goal_status_from_string (text, &status));
      g_assert_cmpint (status, ==, i);
      g_assert_cmpstr (alliance_goal_status_get_label ((AllianceGoalStatus)i), !=, "");
    }

  status = ALLIANCE_GOAL_STATUS_DROPPED;
  g_assert_false (alliance_goal_status_from_string ("done", &status));
  g_assert_false (alliance_goal_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, ALLIANCE_GOAL_STATUS_DROPPED);
}

static void
test_copy (void)
{
  g_autoptr(AllianceGoal) goal = alliance_goal_new (9, "Join the walking group", "2024-02-17");
  g_autoptr(AllianceGoal) copy = NULL;

  goal->id = 4;
  goal->status = ALLIANCE_GOAL_STATUS_DROPPED;
  goal->reviewed_on = g_strdup ("2024-03-01");
  copy = alliance_goal_copy (goal);

  g_assert_cmpint (copy->id, ==, 4);
  g_assert_cmpint (copy->client_id, ==, 9);
  g_assert_cmpint (copy->status, ==, ALLIANCE_GOAL_STATUS_DROPPED);
  g_assert_cmpstr (copy->description, ==, goal->description);
  g_assert_true (copy->description != goal->description);
  g_assert_cmpstr (copy->reviewed_on, ==, "2024-03-01");
  g_assert_true (copy->reviewed_on != goal->reviewed_on);
  alliance_goal_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/goal/new", test_new);
  g_test_add_func ("/goal/validate/description-required", test_description_required);
  g_test_add_func ("/goal/validate/set-on", test_set_on);
  g_test_add_func ("/goal/validate/reviewed-on", test_reviewed_on);
  g_test_add_func ("/goal/status-strings", test_status_strings);
  g_test_add_func ("/goal/copy", test_copy);

  return g_test_run ();
}
