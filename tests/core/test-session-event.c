/* test-session-event.c
 *
 * AllianceSessionEvent: string round trips of every enumeration, labels,
 * validation of the kind-specific fields, and descriptions.
 */
#define G_LOG_DOMAIN "alliance-test-session-event"

#include "config.h"

#include <string.h>

#include "alliance-error.h"
#include "alliance-session-event.h"

static void
test_string_round_trips (void)
{
  for (int i = 0; i < ALLIANCE_N_EVENT_KINDS; i++)
    {
      AllianceEventKind kind = ALLIANCE_N_EVENT_KINDS;

      g_assert_true (alliance_event_kind_from_string (alliance_event_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpuint (strlen (alliance_event_kind_get_label (i)), >, 0);
    }
  for (int i = 0; i < ALLIANCE_N_RUPTURE_TYPES; i++)
    {
      AllianceRuptureType type = ALLIANCE_N_RUPTURE_TYPES;

      g_assert_true (alliance_rupture_type_from_string (alliance_rupture_type_to_string (i), &type));
      g_assert_cmpint (type, ==, i);
      g_assert_cmpuint (strlen (alliance_rupture_type_get_label (i)), >, 0);
    }
  for (int i = 0; i < ALLIANCE_N_REPAIR_STRATEGIES; i++)
    {
      AllianceRepairStrategy strategy = ALLIANCE_N_REPAIR_STRATEGIES;

      g_assert_true (alliance_repair_strategy_from_string (alliance_repair_strategy_to_string (i), &strategy));
      g_assert_cmpint (strategy, ==, i);
      g_assert_cmpuint (strlen (alliance_repair_strategy_get_label (i)), >, 0);
    }
  for (int i = 0; i < ALLIANCE_N_BOUNDARY_KINDS; i++)
    {
      AllianceBoundaryKind kind = ALLIANCE_N_BOUNDARY_KINDS;

      g_assert_true (alliance_boundary_kind_from_string (alliance_boundary_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpuint (strlen (alliance_boundary_kind_get_label (i)), >, 0);
    }

  /* The stored spellings, which the schema's CHECKs list. */
  g_assert_cmpstr (alliance_event_kind_to_string (ALLIANCE_EVENT_RUPTURE), ==, "rupture");
  g_assert_cmpstr (alliance_repair_strategy_to_string (ALLIANCE_REPAIR_ACKNOWLEDGE_OWN_PART), ==,
                   "acknowledge-own-part");
  g_assert_cmpstr (alliance_repair_strategy_to_string (ALLIANCE_REPAIR_CHANGE_TASK_OR_GOAL), ==,
                   "change-task-or-goal");
  g_assert_cmpstr (alliance_boundary_kind_to_string (ALLIANCE_BOUNDARY_OUT_OF_SESSION_CONTACT), ==,
                   "out-of-session-contact");

  {
    AllianceEventKind kind = ALLIANCE_EVENT_RISK;

    g_assert_false (alliance_event_kind_from_string ("Rupture", &kind));
    g_assert_false (alliance_event_kind_from_string (NULL, &kind));
    g_assert_cmpint (kind, ==, ALLIANCE_EVENT_RISK);
  }
}

static void
test_validate (void)
{
  g_autoptr(AllianceSessionEvent) rupture = alliance_session_event_new (4, ALLIANCE_EVENT_RUPTURE);
  g_autoptr(AllianceSessionEvent) repair = alliance_session_event_new (4, ALLIANCE_EVENT_REPAIR);
  g_autoptr(AllianceSessionEvent) boundary = alliance_session_event_new (4, ALLIANCE_EVENT_BOUNDARY);
  g_autoptr(AllianceSessionEvent) life = alliance_session_event_new (4, ALLIANCE_EVENT_LIFE);
  g_autoptr(AllianceSessionEvent) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (rupture->note, ==, "");
  g_assert_cmpint (rupture->session_id, ==, 4);
  g_assert_true (alliance_session_event_validate (rupture, &error));
  g_assert_no_error (error);
  rupture->intensity = 4;
  g_assert_false (alliance_session_event_validate (rupture, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);
  rupture->intensity = 0;
  g_assert_false (alliance_session_event_validate (rupture, &error));
  g_clear_error (&error);
  rupture->intensity = 3;
  rupture->rupture_type = ALLIANCE_N_RUPTURE_TYPES;
  g_assert_false (alliance_session_event_validate (rupture, &error));
  g_clear_error (&error);
  rupture->rupture_type = ALLIANCE_RUPTURE_WITHDRAWAL;

  /* A repair names its rupture. */
  g_assert_false (alliance_session_event_validate (repair, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  repair->rupture_id = 12;
  g_assert_true (alliance_session_event_validate (repair, &error));
  g_assert_no_error (error);
  repair->id = 12;
  g_assert_false (alliance_session_event_validate (repair, &error));
  g_clear_error (&error);
  repair->id = 0;
  repair->strategy = ALLIANCE_N_REPAIR_STRATEGIES;
  g_assert_false (alliance_session_event_validate (repair, &error));
  g_clear_error (&error);
  repair->strategy = ALLIANCE_REPAIR_VALIDATE;

  g_assert_true (alliance_session_event_validate (boundary, &error));
  boundary->boundary_kind = ALLIANCE_N_BOUNDARY_KINDS;
  g_assert_false (alliance_session_event_validate (boundary, &error));
  g_clear_error (&error);

  g_assert_true (alliance_session_event_validate (life, &error));
  g_assert_no_error (error);

  life->note = (g_free (life->note), g_strdup ("Moved house"));
  life->occurred_at = g_strdup ("2025-01-06 10:00");
  copy = alliance_session_event_copy (life);
  g_assert_true (copy->note != life->note);
  g_assert_cmpstr (copy->note, ==, "Moved house");
  g_assert_cmpstr (copy->occurred_at, ==, "2025-01-06 10:00");
  g_assert_cmpint (copy->kind, ==, ALLIANCE_EVENT_LIFE);
  alliance_session_event_free (NULL);
}

static void
test_describe (void)
{
  g_autoptr(AllianceSessionEvent) rupture = alliance_session_event_new (1, ALLIANCE_EVENT_RUPTURE);
  g_autoptr(AllianceSessionEvent) repair = alliance_session_event_new (1, ALLIANCE_EVENT_REPAIR);
  g_autoptr(AllianceSessionEvent) boundary = alliance_session_event_new (1, ALLIANCE_EVENT_BOUNDARY);
  g_autofree char *text = NULL;

  rupture->intensity = 2;
  text = alliance_session_event_describe (rupture);
  g_assert_cmpstr (text, ==, "A rupture (withdrawal, intensity 2)");
  g_clear_pointer (&text, g_free);
  rupture->rupture_type = ALLIANCE_RUPTURE_CONFRONTATION;
  text = alliance_session_event_describe (rupture);
  g_assert_cmpstr (text, ==, "A rupture (confrontation, intensity 2)");
  g_clear_pointer (&text, g_free);

  repair->resolved = TRUE;
  text = alliance_session_event_describe (repair);
  g_assert_cmpstr (text, ==, "A repair (resolved)");
  g_clear_pointer (&text, g_free);
  repair->resolved = FALSE;
  text = alliance_session_event_describe (repair);
  g_assert_cmpstr (text, ==, "A repair (not resolved)");
  g_clear_pointer (&text, g_free);

  boundary->boundary_kind = ALLIANCE_BOUNDARY_GIFT;
  text = alliance_session_event_describe (boundary);
  g_assert_cmpstr (text, ==, "A boundary event (Gift)");
  g_clear_pointer (&text, g_free);

  for (int i = 0; i < ALLIANCE_N_EVENT_KINDS; i++)
    {
      g_autoptr(AllianceSessionEvent) event = alliance_session_event_new (1, i);
      g_autofree char *description = alliance_session_event_describe (event);

      g_assert_cmpuint (strlen (description), >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session-event/string-round-trips", test_string_round_trips);
  g_test_add_func ("/session-event/validate", test_validate);
  g_test_add_func ("/session-event/describe", test_describe);

  return g_test_run ();
}
