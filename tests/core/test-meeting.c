/* test-meeting.c
 *
 * Supervision meetings as values: validation points at the right field,
 * the agenda's discussions are found, added once and removed, copies are
 * deep, and the signed content is exactly the documented text, stable,
 * and changes with every part of the meeting a signature covers.
 */
#define G_LOG_DOMAIN "alliance-test-meeting"

#include "config.h"

#include <string.h>

#include "alliance-error.h"
#include "alliance-meeting.h"

static AllianceMeeting *
make_meeting (void)
{
  AllianceMeeting *meeting = alliance_meeting_new ("2026-10-28");
  AllianceSupervisionDiscussion *discussion;

  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup ("Dr Ana Ruiz");
  meeting->period_start = g_strdup ("2026-09-30");
  meeting->period_end = g_strdup ("2026-10-27");

  discussion = alliance_meeting_add_discussion (meeting, 12);
  g_free (discussion->question);
  discussion->question = g_strdup ("Why?");
  g_free (discussion->discussion);
  discussion->discussion = g_strdup ("We talked");
  g_ptr_array_add (discussion->excerpts, alliance_supervision_excerpt_new (104, "[name] said no"));
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (12, "Review the goals"));
  return meeting;
}

static void
assert_invalid (const AllianceMeeting *meeting,
                AllianceMeetingField   expected_field,
                int                    expected_code)
{
  g_autoptr(GError) error = NULL;
  AllianceMeetingField field = ALLIANCE_MEETING_FIELD_NONE;

  g_assert_false (alliance_meeting_validate (meeting, &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, expected_code);
  g_assert_cmpint (field, ==, expected_field);
  g_assert_cmpuint (strlen (error->message), >, 0);
}

static void
test_validate (void)
{
  g_autoptr(AllianceMeeting) meeting = make_meeting ();
  g_autoptr(GError) error = NULL;
  AllianceMeetingField field = ALLIANCE_MEETING_FIELD_DATE;
  AllianceActionItem *item;

  g_assert_true (alliance_meeting_validate (meeting, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (field, ==, ALLIANCE_MEETING_FIELD_NONE);

  /* No supervisor is fine until signing. */
  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup ("");
  g_assert_true (alliance_meeting_validate (meeting, NULL, NULL));

  g_free (meeting->meeting_date);
  meeting->meeting_date = g_strdup ("");
  assert_invalid (meeting, ALLIANCE_MEETING_FIELD_DATE, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_free (meeting->meeting_date);
  meeting->meeting_date = g_strdup ("2026-02-30");
  assert_invalid (meeting, ALLIANCE_MEETING_FIELD_DATE, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
  g_free (meeting->meeting_date);
  meeting->meeting_date = g_strdup ("2026-10-28");

  /* The period: both ends or neither, real, in order. */
  g_clear_pointer (&meeting->period_end, g_free);
  assert_invalid (meeting, ALLIANCE_MEETING_FIELD_PERIOD, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_clear_pointer (&meeting->period_start, g_free);
  g_assert_true (alliance_meeting_validate (meeting, NULL, NULL));
  meeting->period_start = g_strdup ("2026-10-27");
  meeting->period_end = g_strdup ("2026-09-30");
  assert_invalid (meeting, ALLIANCE_MEETING_FIELD_PERIOD, ALLIANCE_VALIDATION_ERROR_DATE_ORDER);
  g_free (meeting->period_end);
  meeting->period_end = g_strdup ("2026-13-01");
  assert_invalid (meeting, ALLIANCE_MEETING_FIELD_PERIOD, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
  g_free (meeting->period_end);
  meeting->period_end = g_strdup ("2026-10-27");
  g_assert_true (alliance_meeting_validate (meeting, NULL, NULL));

  /* Action items: text required; done on a real date, not before the meeting. */
  item = g_ptr_array_index (alliance_meeting_find_discussion (meeting, 12)->action_items, 0);
  g_free (item->text);
  item->text = g_strdup ("  \n");
  assert_invalid (meeting, ALLIANCE_MEETING_FIELD_ACTION_ITEM, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_free (item->text);
  item->text = g_strdup ("Review the goals");
  item->done_on = g_strdup ("2026-10-27");
  assert_invalid (meeting, ALLIANCE_MEETING_FIELD_ACTION_ITEM, ALLIANCE_VALIDATION_ERROR_DATE_ORDER);
  g_free (item->done_on);
  item->done_on = g_strdup ("28/10/2026");
  assert_invalid (meeting, ALLIANCE_MEETING_FIELD_ACTION_ITEM, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
  g_free (item->done_on);
  item->done_on = g_strdup ("2026-10-28");
  g_assert_true (alliance_meeting_validate (meeting, NULL, NULL));
  g_assert_true (alliance_action_item_is_done (item));

  /* An empty excerpt, an unknown format, a client twice. */
  {
    AllianceSupervisionExcerpt *excerpt = g_ptr_array_index (alliance_meeting_find_discussion (meeting, 12)->excerpts, 0);

    g_free (excerpt->text);
    excerpt->text = g_strdup ("");
    assert_invalid (meeting, ALLIANCE_MEETING_FIELD_NONE, ALLIANCE_VALIDATION_ERROR_REQUIRED);
    g_free (excerpt->text);
    excerpt->text = g_strdup ("kept");
  }
  meeting->format = ALLIANCE_N_SUPERVISION_FORMATS;
  assert_invalid (meeting, ALLIANCE_MEETING_FIELD_NONE, ALLIANCE_VALIDATION_ERROR_INVALID);
  meeting->format = ALLIANCE_SUPERVISION_GROUP;
  g_ptr_array_add (meeting->discussions, alliance_supervision_discussion_new (12));
  assert_invalid (meeting, ALLIANCE_MEETING_FIELD_NONE, ALLIANCE_VALIDATION_ERROR_INVALID);
}

static void
test_discussions (void)
{
  g_autoptr(AllianceMeeting) meeting = alliance_meeting_new ("2026-10-28");
  AllianceSupervisionDiscussion *first, *second;

  g_assert_false (alliance_meeting_is_signed (meeting));
  g_assert_cmpstr (meeting->supervisor, ==, "");
  g_assert_cmpstr (meeting->notes, ==, "");
  g_assert_cmpint (meeting->format, ==, ALLIANCE_SUPERVISION_INDIVIDUAL);
  g_assert_null (alliance_meeting_find_discussion (meeting, 3));

  first = alliance_meeting_add_discussion (meeting, 3);
  second = alliance_meeting_add_discussion (meeting, 5);
  g_assert_true (alliance_meeting_add_discussion (meeting, 3) == first);
  g_assert_cmpuint (meeting->discussions->len, ==, 2);
  g_assert_true (g_ptr_array_index (meeting->discussions, 1) == second);
  g_assert_cmpstr (first->question, ==, "");
  g_assert_true (alliance_meeting_find_discussion (meeting, 5) == second);

  g_assert_true (alliance_meeting_remove_discussion (meeting, 3));
  g_assert_false (alliance_meeting_remove_discussion (meeting, 3));
  g_assert_cmpuint (meeting->discussions->len, ==, 1);
  g_assert_null (alliance_meeting_find_discussion (meeting, 3));
}

static void
test_copy (void)
{
  g_autoptr(AllianceMeeting) meeting = make_meeting ();
  g_autoptr(AllianceMeeting) copy = NULL;
  AllianceMeetingAddendum addendum = { 7, 1, (char *)"Late", (char *)"2026-10-29T08:00:00Z", (char *)"Dr Sam Rivera",
                                       (char *)"abc" };
  AllianceSupervisionDiscussion *discussion;

  meeting->id = 4;
  meeting->signed_at = g_strdup ("2026-10-28T12:00:00Z");
  g_ptr_array_add (meeting->addenda, alliance_meeting_addendum_copy (&addendum));
  copy = alliance_meeting_copy (meeting);

  g_assert_cmpint (copy->id, ==, 4);
  g_assert_true (alliance_meeting_is_signed (copy));
  g_assert_cmpstr (copy->period_end, ==, "2026-10-27");
  g_assert_cmpuint (copy->addenda->len, ==, 1);
  g_assert_cmpstr (((AllianceMeetingAddendum *)g_ptr_array_index (copy->addenda, 0))->signed_by, ==, "Dr Sam Rivera");
  discussion = g_ptr_array_index (copy->discussions, 0);
  g_assert_true (discussion != g_ptr_array_index (meeting->discussions, 0));
  g_assert_cmpstr (discussion->question, ==, "Why?");
  g_assert_cmpuint (discussion->excerpts->len, ==, 1);
  g_assert_cmpuint (discussion->action_items->len, ==, 1);

  /* Deep: changing the copy leaves the original alone. */
  g_free (discussion->question);
  discussion->question = g_strdup ("Changed");
  g_assert_cmpstr (((AllianceSupervisionDiscussion *)g_ptr_array_index (meeting->discussions, 0))->question, ==,
                   "Why?");
  {
    g_autofree char *a = alliance_meeting_compute_sha256 (meeting);
    g_autofree char *b = alliance_meeting_compute_sha256 (copy);

    g_assert_cmpstr (a, !=, b);
  }
  g_assert_true (G_TYPE_IS_BOXED (ALLIANCE_TYPE_MEETING));
}

static void
test_formats (void)
{
  AllianceSupervisionFormat format = ALLIANCE_N_SUPERVISION_FORMATS;

  for (guint i = 0; i < ALLIANCE_N_SUPERVISION_FORMATS; i++)
    {
      const char *id = alliance_supervision_format_to_string ((AllianceSupervisionFormat)i);

      g_assert_true (alliance_supervision_format_from_string (id, &format));
      g_assert_cmpint (format, ==, (int)i);
      g_assert_cmpuint (strlen (alliance_supervision_format_get_label ((AllianceSupervisionFormat)i)), >, 0);
    }
  g_assert_cmpstr (alliance_supervision_format_to_string (ALLIANCE_SUPERVISION_GROUP), ==, "group");
  g_assert_false (alliance_supervision_format_from_string ("pair", &format));
  g_assert_false (alliance_supervision_format_from_string (NULL, &format));
}

static void
test_signed_content (void)
{
  g_autoptr(AllianceMeeting) meeting = make_meeting ();
  g_autofree char *content = alliance_meeting_dup_signed_content (meeting);
  g_autofree char *sha = alliance_meeting_compute_sha256 (meeting);
  g_autofree char *expected_sha = NULL;
  AllianceActionItem *item;

  /* Exactly the example documented in alliance-meeting.c. */
  g_assert_cmpstr (content, ==,
                   "alliance-meeting 1:1\n"
                   "date 10:2026-10-28\n"
                   "supervisor 11:Dr Ana Ruiz\n"
                   "format 10:individual\n"
                   "period-start 10:2026-09-30\n"
                   "period-end 10:2026-10-27\n"
                   "notes 0:\n"
                   "client 2:12\n"
                   "question 4:Why?\n"
                   "discussion 9:We talked\n"
                   "excerpt-note 3:104\n"
                   "excerpt 14:[name] said no\n"
                   "action 16:Review the goals\n");
  expected_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
  g_assert_cmpstr (sha, ==, expected_sha);
  g_assert_cmpuint (strlen (sha), ==, 64);

  /* Stable: the same meeting, built again, hashes the same. */
  {
    g_autoptr(AllianceMeeting) again = make_meeting ();
    g_autofree char *sha_again = alliance_meeting_compute_sha256 (again);

    g_assert_cmpstr (sha_again, ==, sha);
  }

  /* The date an item was done, ids and timestamps are not covered. */
  item = g_ptr_array_index (alliance_meeting_find_discussion (meeting, 12)->action_items, 0);
  item->done_on = g_strdup ("2026-11-02");
  item->id = 99;
  meeting->id = 5;
  meeting->updated_at = g_strdup ("2026-11-02T10:00:00Z");
  {
    g_autofree char *sha_done = alliance_meeting_compute_sha256 (meeting);

    g_assert_cmpstr (sha_done, ==, sha);
  }

  /* Every covered part changes it; text cannot pass for a field. */
  {
    static const char *variants[] = { "supervisor", "format", "period", "notes", "question", "excerpt", "action",
                                      "client", "shifted", "second-item" };

    for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
      {
        g_autoptr(AllianceMeeting) changed = make_meeting ();
        AllianceSupervisionDiscussion *discussion = g_ptr_array_index (changed->discussions, 0);
        g_autofree char *changed_sha = NULL;

        if (i == 0)
          {
            g_free (changed->supervisor);
            changed->supervisor = g_strdup ("Dr Ana Ruíz");
          }
        else if (i == 1)
          changed->format = ALLIANCE_SUPERVISION_GROUP;
        else if (i == 2)
          {
            g_free (changed->period_start);
            changed->period_start = g_strdup ("2026-10-01");
          }
        else if (i == 3)
          {
            g_free (changed->notes);
            changed->notes = g_strdup ("x");
          }
        else if (i == 4)
          {
            g_free (discussion->question);
            discussion->question = g_strdup ("Why not?");
          }
        else if (i == 5)
          ((AllianceSupervisionExcerpt *)g_ptr_array_index (discussion->excerpts, 0))->note_id = 105;
        else if (i == 6)
          {
            AllianceActionItem *changed_item = g_ptr_array_index (discussion->action_items, 0);

            g_free (changed_item->text);
            changed_item->text = g_strdup ("Review the goal");
          }
        else if (i == 7)
          discussion->client_id = 13;
        else if (i == 8)
          {
            /* The question's text moved into the discussion. */
            g_free (discussion->question);
            discussion->question = g_strdup ("");
            g_free (discussion->discussion);
            discussion->discussion = g_strdup ("Why?\ndiscussion 9:We talked");
          }
        else
          g_ptr_array_add (discussion->action_items, alliance_action_item_new (12, "Call the GP"));

        changed_sha = alliance_meeting_compute_sha256 (changed);
        if (g_strcmp0 (changed_sha, sha) == 0)
          g_error ("changing the %s left the hash unchanged", variants[i]);
      }
  }
}

static void
test_addendum_sha (void)
{
  AllianceMeetingAddendum addendum = { 0, 1, (char *)"Late entry.", (char *)"2026-11-27T09:05:00Z",
                                       (char *)"Dr Sam Rivera", NULL };
  g_autofree char *sha = alliance_meeting_addendum_compute_sha256 (&addendum, "aa");
  g_autofree char *same = alliance_meeting_addendum_compute_sha256 (&addendum, "aa");
  g_autofree char *other_meeting = alliance_meeting_addendum_compute_sha256 (&addendum, "ab");
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                             "alliance-meeting-addendum 1:1\n"
                                                             "meeting 2:aa\n"
                                                             "signed-at 20:2026-11-27T09:05:00Z\n"
                                                             "signed-by 13:Dr Sam Rivera\n"
                                                             "body 11:Late entry.\n",
                                                             -1);

  g_assert_cmpstr (sha, ==, expected);
  g_assert_cmpstr (same, ==, sha);
  g_assert_cmpstr (other_meeting, !=, sha);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/meeting/validate", test_validate);
  g_test_add_func ("/meeting/discussions", test_discussions);
  g_test_add_func ("/meeting/copy", test_copy);
  g_test_add_func ("/meeting/formats", test_formats);
  g_test_add_func ("/meeting/signed-content", test_signed_content);
  g_test_add_func ("/meeting/addendum-sha", test_addendum_sha);

  return g_test_run ();
}
