/* alliance-consistency.c
 *
 * A session cancelled by the therapist was never the client's to attend,
 * so it is left out of the rate; a session entered in error never
 * happened; a session after today has not happened yet.
 */
#define G_LOG_DOMAIN "alliance-consistency"

#include "config.h"

#include <string.h>

#include "alliance-consistency.h"
#include "alliance-session.h"

static gboolean
parse_day (const char *starts_at,
           GDate      *date)
{
  guint year, month, day;

  g_date_clear (date, 1);
  if (starts_at == NULL || strlen (starts_at) < 10 || starts_at[4] != '-' || starts_at[7] != '-')
    return FALSE;
  year = (guint)g_ascii_strtoull (starts_at, NULL, 10);
  month = (guint)g_ascii_strtoull (starts_at + 5, NULL, 10);
  day = (guint)g_ascii_strtoull (starts_at + 8, NULL, 10);
  if (!g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
  return TRUE;
}

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint32 day_a = *(const guint32 *)a, day_b = *(const guint32 *)b;

  return day_a < day_b ? -1 : day_a > day_b;
}

static char *
format_julian (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

void
alliance_consistency_compute (GPtrArray           *sessions,
                              const GDate         *today,
                              AllianceConsistency *out)
{
  g_autoptr(GArray) attended_days = NULL;
  guint32 today_julian, gap_from = 0, gap_to = 0;

  g_return_if_fail (sessions != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  today_julian = g_date_get_julian (today);
  attended_days = g_array_sized_new (FALSE, FALSE, sizeof (guint32), sessions->len);

  for (guint i = 0; i < sessions->len; i++)
    {
      const AllianceSession *session = g_ptr_array_index (sessions, i);
      GDate date;
      guint32 julian;

      if (session->error_reason != NULL || !parse_day (session->starts_at, &date))
        continue;
      julian = g_date_get_julian (&date);
      if (julian > today_julian || session->attendance == ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST)
        continue;

      out->counted++;
      if (session->attendance == ALLIANCE_ATTENDANCE_ATTENDED)
        {
          out->attended++;
          g_array_append_val (attended_days, julian);
        }
    }

  out->attendance_rate = out->counted > 0 ? (double)out->attended / out->counted : 0;

  g_array_sort (attended_days, compare_julian);
  for (guint i = 1; i < attended_days->len; i++)
    {
      guint32 from = g_array_index (attended_days, guint32, i - 1);
      guint32 to = g_array_index (attended_days, guint32, i);

      if ((int)(to - from) > out->longest_gap_days)
        {
          out->longest_gap_days = (int)(to - from);
          gap_from = from;
          gap_to = to;
        }
    }
  if (out->longest_gap_days > 0)
    {
      out->longest_gap_from = format_julian (gap_from);
      out->longest_gap_to = format_julian (gap_to);
    }
}

void
alliance_consistency_clear (AllianceConsistency *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->longest_gap_from, g_free);
  g_clear_pointer (&self->longest_gap_to, g_free);
  memset (self, 0, sizeof *self);
}
