/* alliance-date.c
 *
 * GDate does the calendar arithmetic; this file only insists on one
 * unambiguous written form, so that 03/04/2024 never means two things.
 */
#define G_LOG_DOMAIN "alliance-date"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-date.h"
#include "alliance-error.h"

/**
 * alliance_date_parse:
 * @text: a date written YYYY-MM-DD
 * @date: (out) (optional): the date
 *
 * Returns: %TRUE for a real calendar date; otherwise sets an
 *   %ALLIANCE_VALIDATION_ERROR saying what is wrong in words.
 */
gboolean
alliance_date_parse (const char  *text,
                     GDate       *date,
                     GError     **error)
{
  guint year = 0, month = 0, day = 0;
  GDate parsed;

  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < 10; i++)
    {
      gboolean dash = i == 4 || i == 7;
      if (text[i] == '\0' || (dash ? text[i] != '-' : !g_ascii_isdigit (text[i])))
        goto malformed;
    }
  if (text[10] != '\0')
    goto malformed;

  year = (guint)g_ascii_strtoull (text, NULL, 10);
  month = (guint)g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint)g_ascii_strtoull (text + 8, NULL, 10);

  if (year < 1 || year > 9999)
    goto malformed;
  if (month < 1 || month > 12)
    {
      g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE,
                   _("There is no month %u; months run from 01 to 12."), month);
      return FALSE;
    }
  if (day < 1 || day > g_date_get_days_in_month ((GDateMonth)month, (GDateYear)year))
    {
      g_autoptr(GDateTime) first = g_date_time_new_utc ((int)year, (int)month, 1, 0, 0, 0);
      /* Translators: month and year, e.g. "February 2023"; see the strftime manual */
      g_autofree char *month_name = g_date_time_format (first, _("%B %Y"));

      g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE,
                   _("%s has only %u days."), month_name,
                   (guint)g_date_get_days_in_month ((GDateMonth)month, (GDateYear)year));
      return FALSE;
    }

  g_date_clear (&parsed, 1);
  g_date_set_dmy (&parsed, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
  if (date != NULL)
    *date = parsed;
  return TRUE;

malformed:
  g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE,
               _("Write the date as year-month-day, for example 2024-03-15."));
  return FALSE;
}

gboolean
alliance_date_is_valid (const char *text)
{
  return text != NULL && alliance_date_parse (text, NULL, NULL);
}

char *
alliance_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Today's local date, for code that counts days (flags, attendance). */
void
alliance_date_get_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (today != NULL);

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay)g_date_time_get_day_of_month (now), (GDateMonth)g_date_time_get_month (now),
                  (GDateYear)g_date_time_get_year (now));
}

/* A date as people read it in their locale, e.g. "15 March 2024". */
char *
alliance_date_format (const char *iso_date)
{
  g_autoptr(GDateTime) date_time = NULL;
  GDate date;

  if (iso_date == NULL || !alliance_date_parse (iso_date, &date, NULL))
    return NULL;

  date_time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                     g_date_get_day (&date), 12, 0, 0);
  /* Translators: a full date, see the strftime manual; e.g. "%-d %B %Y" */
  return g_strstrip (g_date_time_format (date_time, _("%-d %B %Y")));
}

/* UTC, second precision, sortable as text: the form used for created_at. */
char *
alliance_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Whole years from @birth_date to @today (both YYYY-MM-DD), or -1. */
int
alliance_date_age_years (const char *birth_date,
                         const char *today)
{
  GDate birth, now;
  int years;

  if (birth_date == NULL || today == NULL ||
      !alliance_date_parse (birth_date, &birth, NULL) || !alliance_date_parse (today, &now, NULL) ||
      g_date_compare (&birth, &now) > 0)
    return -1;

  years = g_date_get_year (&now) - g_date_get_year (&birth);
  if (g_date_get_month (&now) < g_date_get_month (&birth) ||
      (g_date_get_month (&now) == g_date_get_month (&birth) && g_date_get_day (&now) < g_date_get_day (&birth)))
    years--;
  return years;
}
