/* test-date.c
 *
 * Dates as the records keep them: strictly YYYY-MM-DD, real calendar dates.
 */
#define G_LOG_DOMAIN "alliance-test-date"

#include "config.h"

#include "alliance-date.h"
#include <string.h>

#include "alliance-error.h"

static void
test_parse_valid (void)
{
  static const struct
  {
    const char *text;
    guint       year;
    guint       month;
    guint       day;
  } cases[] = {
    { "2024-03-15", 2024, 3, 15 },
    { "2024-02-29", 2024, 2, 29 },
    { "2000-02-29", 2000, 2, 29 },
    { "2023-12-31", 2023, 12, 31 },
    { "0001-01-01", 1, 1, 1 },
    { "9999-12-31", 9999, 12, 31 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_date_clear (&date, 1);
      g_assert_true (alliance_date_parse (cases[i].text, &date, &error));
      g_assert_no_error (error);
      g_assert_true (g_date_valid (&date));
      g_assert_cmpuint (g_date_get_year (&date), ==, cases[i].year);
      g_assert_cmpuint (g_date_get_month (&date), ==, cases[i].month);
      g_assert_cmpuint (g_date_get_day (&date), ==, cases[i].day);
      g_assert_true (alliance_date_parse (cases[i].text, NULL, NULL));
      g_assert_true (alliance_date_is_valid (cases[i].text));
    }
}

static void
test_parse_invalid (void)
{
  static const char *invalid[] = {
    "2023-02-29", "2024-02-30", "1900-02-29", "2024-04-31", "2024-06-31", "2024-13-01", "2024-00-10",
    "2024-01-00", "2024-01-32", "0000-06-15", "15/03/2024", "2024-3-5", "2024-03-5", "2024-3-05",
    "20240315", "2024-03-15T00:00:00Z", "2024-03-15 ", " 2024-03-15", "2024-03", "2024", "", "-2024-03-15",
    "+024-03-15", "2024-03-1x", "２０２４-03-15", ("2024\xe2\x80\x90" "03-15"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_test_message ("“%s”", invalid[i]);
      g_date_clear (&date, 1);
      g_assert_false (alliance_date_parse (invalid[i], &date, &error));
      g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
      g_assert_cmpstr (error->message, !=, "");
      /* The out date is left alone on failure. */
      g_assert_false (g_date_valid (&date));
      g_assert_false (alliance_date_is_valid (invalid[i]));
    }
  g_assert_false (alliance_date_is_valid (NULL));
}

static void
test_format (void)
{
  g_autofree char *formatted = alliance_date_format ("2024-03-15");
  g_autofree char *leap = alliance_date_format ("2024-02-29");
  g_autofree char *bad = alliance_date_format ("2024-02-30");
  g_autofree char *none = alliance_date_format (NULL);

  g_assert_nonnull (formatted);
  g_assert_true (g_utf8_validate (formatted, -1, NULL));
  g_assert_nonnull (strstr (formatted, "2024"));
  g_assert_nonnull (strstr (formatted, "15"));
  /* No padding left over from %e. */
  g_assert_false (g_ascii_isspace (formatted[0]));
  g_assert_nonnull (leap);
  g_assert_nonnull (strstr (leap, "29"));
  g_assert_null (bad);
  g_assert_null (none);
}

static void
test_today_and_now (void)
{
  g_autofree char *today = alliance_date_today ();
  g_autofree char *now = alliance_timestamp_now ();
  g_autoptr(GDateTime) parsed = NULL;

  g_assert_true (alliance_date_is_valid (today));
  g_assert_cmpstr (today, >, "2020-01-01");

  /* 2024-03-15T10:20:30Z: UTC, second precision, sorts as text. */
  g_assert_cmpuint (strlen (now), ==, 20);
  g_assert_true (g_str_has_suffix (now, "Z"));
  g_assert_cmpint (now[10], ==, 'T');
  parsed = g_date_time_new_from_iso8601 (now, NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_get_utc_offset (parsed), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/today-and-now", test_today_and_now);

  return g_test_run ();
}
