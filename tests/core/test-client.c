/* test-client.c
 *
 * AllianceClient as a value: validation (with a fixed "today"), display
 * names, statuses, copying.
 */
#define G_LOG_DOMAIN "alliance-test-client"

#include "config.h"

#include "alliance-client.h"
#include "alliance-error.h"
#include "test-common.h"

#define TODAY "2024-06-15"

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
assert_valid (const AllianceClient *client)
{
  g_autoptr(GError) error = NULL;
  AllianceClientField field = ALLIANCE_CLIENT_FIELD_EMAIL;

  g_assert_true (alliance_client_validate (client, TODAY, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (field, ==, ALLIANCE_CLIENT_FIELD_NONE);
}

static void
assert_invalid (const AllianceClient    *client,
                AllianceValidationError  code,
                AllianceClientField      expected_field)
{
  g_autoptr(GError) error = NULL;
  AllianceClientField field = ALLIANCE_CLIENT_FIELD_NONE;

  g_assert_false (alliance_client_validate (client, TODAY, &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, (int)code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (field, ==, expected_field);

  /* The out arguments are optional. */
  g_assert_false (alliance_client_validate (client, TODAY, NULL, NULL));
}

static void
test_valid (void)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");

  g_assert_cmpint (client->id, ==, 0);
  g_assert_cmpint (client->status, ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
  g_assert_false (client->archived);
  assert_valid (client);

  /* Everything filled in, consistently. */
  set_string (&client->code, "C-0001");
  set_string (&client->preferred_name, "Zo");
  set_string (&client->date_of_birth, "1991-04-12");
  set_string (&client->start_date, "2024-01-10");
  set_string (&client->discharge_date, "2024-06-15");
  set_string (&client->discharge_reason, "Goals met.");
  set_string (&client->email, "zoe@example.org");
  client->status = ALLIANCE_CLIENT_STATUS_DISCHARGED;
  assert_valid (client);
}

static void
test_required_names (void)
{
  static const char *blanks[] = { NULL, "", " ", "   ", "\t", " \n\t " };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(AllianceClient) no_given = test_client_new (blanks[i], "Laurent");
      g_autoptr(AllianceClient) no_family = test_client_new ("Zoë", blanks[i]);
      g_autoptr(AllianceClient) neither = test_client_new (blanks[i], blanks[i]);

      assert_invalid (no_given, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_CLIENT_FIELD_GIVEN_NAME);
      assert_invalid (no_family, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_CLIENT_FIELD_FAMILY_NAME);
      /* The first problem, in form order, is the one reported. */
      assert_invalid (neither, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_CLIENT_FIELD_GIVEN_NAME);
    }
}

static void
test_code (void)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");

  /* NULL means "assign one for me" (the store does); blank is a mistake. */
  assert_valid (client);
  set_string (&client->code, "   ");
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_CLIENT_FIELD_CODE);
  set_string (&client->code, "");
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_CLIENT_FIELD_CODE);
  set_string (&client->code, "Z-12");
  assert_valid (client);
}

static void
test_impossible_dates (void)
{
  static const char *impossible[] = {
    "2023-02-29", /* not a leap year */
    "2024-02-30",
    "2024-04-31",
    "1900-02-29", /* century, not a leap year */
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "2024-01-32",
    "0000-01-01",
    "15/03/2024",
    "03/15/2024",
    "2024-3-5",
    "2024-03-5",
    "24-03-15",
    "2024/03/15",
    "2024-03-15T10:00",
    " 2024-03-15",
    "2024-03-15 ",
    "2024-O3-15",
    "",
    "today",
  };
  static const struct
  {
    gsize               offset;
    AllianceClientField field;
  } date_fields[] = {
    { G_STRUCT_OFFSET (AllianceClient, date_of_birth), ALLIANCE_CLIENT_FIELD_DATE_OF_BIRTH },
    { G_STRUCT_OFFSET (AllianceClient, start_date), ALLIANCE_CLIENT_FIELD_START_DATE },
    { G_STRUCT_OFFSET (AllianceClient, discharge_date), ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE },
  };

  for (guint f = 0; f < G_N_ELEMENTS (date_fields); f++)
    for (guint i = 0; i < G_N_ELEMENTS (impossible); i++)
      {
        g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");
        char **field = G_STRUCT_MEMBER_P (client, date_fields[f].offset);

        g_test_message ("field %u: “%s”", f, impossible[i]);
        *field = g_strdup (impossible[i]);
        assert_invalid (client, ALLIANCE_VALIDATION_ERROR_INVALID_DATE, date_fields[f].field);
      }
}

static void
test_leap_days (void)
{
  static const char *leap_days[] = { "2024-02-29", "2000-02-29", "1996-02-29" };

  for (guint i = 0; i < G_N_ELEMENTS (leap_days); i++)
    {
      g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");

      set_string (&client->date_of_birth, leap_days[i]);
      set_string (&client->start_date, leap_days[i]);
      assert_valid (client);
    }
}

static void
test_future_dates (void)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");
  g_autoptr(GError) error = NULL;

  set_string (&client->date_of_birth, "2024-06-16");
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_FUTURE_DATE, ALLIANCE_CLIENT_FIELD_DATE_OF_BIRTH);
  set_string (&client->date_of_birth, "2030-01-01");
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_FUTURE_DATE, ALLIANCE_CLIENT_FIELD_DATE_OF_BIRTH);
  /* Born today is possible (and "today" really is the argument). */
  set_string (&client->date_of_birth, TODAY);
  assert_valid (client);
  g_assert_true (alliance_client_validate (client, "2030-01-01", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (alliance_client_validate (client, "2024-06-14", NULL, NULL));

  set_string (&client->date_of_birth, "1990-01-01");
  set_string (&client->start_date, "2024-01-01");
  set_string (&client->discharge_date, "2024-06-16");
  client->status = ALLIANCE_CLIENT_STATUS_DISCHARGED;
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_FUTURE_DATE, ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE);
  set_string (&client->discharge_date, TODAY);
  assert_valid (client);

  /* A start date ahead is fine: a first appointment booked for next week. */
  set_string (&client->discharge_date, NULL);
  client->status = ALLIANCE_CLIENT_STATUS_WAITLIST;
  set_string (&client->start_date, "2024-07-01");
  assert_valid (client);
}

static void
test_date_order (void)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");

  set_string (&client->start_date, "2024-03-10");
  set_string (&client->discharge_date, "2024-03-09");
  client->status = ALLIANCE_CLIENT_STATUS_DISCHARGED;
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_DATE_ORDER, ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE);

  /* Across a year boundary, compared as dates and not as numbers. */
  set_string (&client->start_date, "2024-01-02");
  set_string (&client->discharge_date, "2023-12-31");
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_DATE_ORDER, ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE);

  /* A single-session client: discharged the day they started. */
  set_string (&client->discharge_date, "2024-01-02");
  assert_valid (client);

  /* Starting therapy before being born. */
  set_string (&client->date_of_birth, "2024-01-03");
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_DATE_ORDER, ALLIANCE_CLIENT_FIELD_START_DATE);
}

static void
test_discharged_needs_date (void)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");

  client->status = ALLIANCE_CLIENT_STATUS_DISCHARGED;
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_REQUIRED, ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE);
  set_string (&client->discharge_date, "2024-05-01");
  assert_valid (client);
}

static void
test_email (void)
{
  static const char *valid[] = { NULL, "", "   ", "zoe@example.org", "a@b" };
  static const char *invalid[] = { "zoe.example.org", "zoe", "zoe at example.org" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");

      set_string (&client->email, valid[i]);
      assert_valid (client);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");

      set_string (&client->email, invalid[i]);
      assert_invalid (client, ALLIANCE_VALIDATION_ERROR_INVALID, ALLIANCE_CLIENT_FIELD_EMAIL);
    }
}

static void
test_unknown_status (void)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");

  client->status = ALLIANCE_CLIENT_N_STATUSES;
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_INVALID, ALLIANCE_CLIENT_FIELD_STATUS);
  client->status = (AllianceClientStatus)77;
  assert_invalid (client, ALLIANCE_VALIDATION_ERROR_INVALID, ALLIANCE_CLIENT_FIELD_STATUS);
}

static void
test_display_name (void)
{
  static const struct
  {
    const char *given;
    const char *family;
    const char *preferred;
    const char *expected;
  } cases[] = {
    { "Katherine", "O'Connor-Whitfield", "Kate", "Kate O'Connor-Whitfield" },
    { "Katherine", "O'Connor-Whitfield", NULL, "Katherine O'Connor-Whitfield" },
    { "Katherine", "O'Connor-Whitfield", "", "Katherine O'Connor-Whitfield" },
    { "Katherine", "O'Connor-Whitfield", "   ", "Katherine O'Connor-Whitfield" },
    { "Nguyễn", "Thị Minh Anh", "Minh", "Minh Thị Minh Anh" },
    { NULL, "Laurent", NULL, "Laurent" },
    { "", "Laurent", " ", "Laurent" },
    { "Zoë", NULL, NULL, "Zoë" },
    { "Zoë", "  ", NULL, "Zoë" },
    { NULL, NULL, NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AllianceClient) client = test_client_new (cases[i].given, cases[i].family);
      g_autofree char *made = alliance_client_make_display_name (cases[i].given, cases[i].family,
                                                                 cases[i].preferred);
      g_autofree char *dup = NULL;

      client->preferred_name = g_strdup (cases[i].preferred);
      dup = alliance_client_dup_display_name (client);
      g_assert_cmpstr (made, ==, cases[i].expected);
      g_assert_cmpstr (dup, ==, cases[i].expected);
    }
}

static void
test_status_strings (void)
{
  static const char *expected[] = { "enquiry", "waitlist", "active", "on-hold", "discharged" };
  AllianceClientStatus status;

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == ALLIANCE_CLIENT_N_STATUSES);

  for (guint i = 0; i < ALLIANCE_CLIENT_N_STATUSES; i++)
    {
      const char *text = alliance_client_status_to_string ((AllianceClientStatus)i);
      const char *label = alliance_client_status_get_label ((AllianceClientStatus)i);

      g_assert_cmpstr (text, ==, expected[i]);
      status = ALLIANCE_CLIENT_N_STATUSES;
      g_assert_true (alliance_client_status_from_string (text, &status));
      g_assert_cmpint (status, ==, i);
      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      g_assert_cmpstr (label, !=, text);
    }

  status = ALLIANCE_CLIENT_STATUS_WAITLIST;
  g_assert_false (alliance_client_status_from_string ("bogus", &status));
  g_assert_false (alliance_client_status_from_string ("Active", &status));
  g_assert_false (alliance_client_status_from_string ("", &status));
  g_assert_false (alliance_client_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, ALLIANCE_CLIENT_STATUS_WAITLIST);
}

static void
test_copy (void)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");
  g_autoptr(AllianceClient) copy = NULL;
  AllianceClient *boxed;

  client->id = 7;
  client->code = g_strdup ("C-0007");
  client->date_of_birth = g_strdup ("1991-04-12");
  client->presenting_concerns = g_strdup ("Low mood.");
  client->status = ALLIANCE_CLIENT_STATUS_ON_HOLD;
  client->archived = TRUE;

  copy = alliance_client_copy (client);
  g_assert_cmpint (copy->id, ==, 7);
  g_assert_cmpint (copy->status, ==, ALLIANCE_CLIENT_STATUS_ON_HOLD);
  g_assert_true (copy->archived);
  g_assert_cmpstr (copy->given_name, ==, "Zoë");
  g_assert_cmpstr (copy->code, ==, "C-0007");
  g_assert_cmpstr (copy->presenting_concerns, ==, "Low mood.");
  g_assert_null (copy->email);
  /* Deep: the copy owns its strings. */
  g_assert_true (copy->given_name != client->given_name);
  g_assert_true (copy->code != client->code);
  set_string (&client->given_name, "Changed");
  g_assert_cmpstr (copy->given_name, ==, "Zoë");

  g_assert_true (g_type_is_a (ALLIANCE_TYPE_CLIENT, G_TYPE_BOXED));
  boxed = g_boxed_copy (ALLIANCE_TYPE_CLIENT, copy);
  g_assert_cmpstr (boxed->date_of_birth, ==, "1991-04-12");
  g_boxed_free (ALLIANCE_TYPE_CLIENT, boxed);

  alliance_client_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/validate/valid", test_valid);
  g_test_add_func ("/client/validate/required-names", test_required_names);
  g_test_add_func ("/client/validate/code", test_code);
  g_test_add_func ("/client/validate/impossible-dates", test_impossible_dates);
  g_test_add_func ("/client/validate/leap-days", test_leap_days);
  g_test_add_func ("/client/validate/future-dates", test_future_dates);
  g_test_add_func ("/client/validate/date-order", test_date_order);
  g_test_add_func ("/client/validate/discharged-needs-date", test_discharged_needs_date);
  g_test_add_func ("/client/validate/email", test_email);
  g_test_add_func ("/client/validate/unknown-status", test_unknown_status);
  g_test_add_func ("/client/display-name", test_display_name);
  g_test_add_func ("/client/status-strings", test_status_strings);
  g_test_add_func ("/client/copy", test_copy);

  return g_test_run ();
}
