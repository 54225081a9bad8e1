/* alliance-retention.c
 *
 * Retention dates. When the arithmetic has a choice (a birthday or a last
 * contact on 29 February, a year without one), it takes the later day:
 * disposal cannot be undone, so a record is never made disposable early.
 */
#define G_LOG_DOMAIN "alliance-retention"

#include "config.h"

#include <string.h>

#include "alliance-date.h"
#include "alliance-retention.h"

G_DEFINE_BOXED_TYPE (AllianceRetentionRecord, alliance_retention_record,
                     alliance_retention_record_copy, alliance_retention_record_free)
G_DEFINE_BOXED_TYPE (AllianceDisposalEntry, alliance_disposal_entry,
                     alliance_disposal_entry_copy, alliance_disposal_entry_free)

AllianceRetentionRecord *
alliance_retention_record_copy (const AllianceRetentionRecord *self)
{
  AllianceRetentionRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (AllianceRetentionRecord, 1);
  copy->client_id = self->client_id;
  copy->code = g_strdup (self->code);
  copy->display_name = g_strdup (self->display_name);
  copy->date_of_birth = g_strdup (self->date_of_birth);
  copy->start_date = g_strdup (self->start_date);
  copy->discharge_date = g_strdup (self->discharge_date);
  copy->last_contact_date = g_strdup (self->last_contact_date);
  copy->retention_date = g_strdup (self->retention_date);
  return copy;
}

void
alliance_retention_record_free (AllianceRetentionRecord *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->display_name);
  g_free (self->date_of_birth);
  g_free (self->start_date);
  g_free (self->discharge_date);
  g_free (self->last_contact_date);
  g_free (self->retention_date);
  g_free (self);
}

AllianceDisposalEntry *
alliance_disposal_entry_copy (const AllianceDisposalEntry *self)
{
  AllianceDisposalEntry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (AllianceDisposalEntry, 1);
  copy->id = self->id;
  copy->client_code = g_strdup (self->client_code);
  copy->start_date = g_strdup (self->start_date);
  copy->discharge_date = g_strdup (self->discharge_date);
  copy->last_contact_date = g_strdup (self->last_contact_date);
  copy->retention_date = g_strdup (self->retention_date);
  copy->retention_years = self->retention_years;
  copy->disposed_at = g_strdup (self->disposed_at);
  return copy;
}

void
alliance_disposal_entry_free (AllianceDisposalEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->client_code);
  g_free (self->start_date);
  g_free (self->discharge_date);
  g_free (self->last_contact_date);
  g_free (self->retention_date);
  g_free (self->disposed_at);
  g_free (self);
}

gboolean
alliance_retention_years_are_valid (gint64 years)
{
  return years >= ALLIANCE_RETENTION_MIN_YEARS && years <= ALLIANCE_RETENTION_MAX_YEARS;
}

/**
 * alliance_retention_add_years:
 * @date: YYYY-MM-DD
 *
 * The same day @years later. 29 February in a year without one becomes
 * 1 March (GDate would say 28 February: a day early for retention).
 *
 * Returns: (nullable): YYYY-MM-DD, or %NULL when @date is not a date or
 *   the result would pass the year 9999
 */
char *
alliance_retention_add_years (const char *date,
                              guint       years)
{
  GDate parsed;
  guint year;
  GDateDay day;
  GDateMonth month;

  if (date == NULL || !alliance_date_parse (date, &parsed, NULL))
    return NULL;

  year = g_date_get_year (&parsed) + years;
  if (year > 9999)
    return NULL;
  day = g_date_get_day (&parsed);
  month = g_date_get_month (&parsed);
  if (month == G_DATE_FEBRUARY && day == 29 && !g_date_is_leap_year ((GDateYear)year))
    {
      month = G_DATE_MARCH;
      day = 1;
    }
  return g_strdup_printf ("%04u-%02u-%02u", year, (guint)month, (guint)day);
}

/**
 * alliance_retention_compute_date:
 * @last_contact_date: YYYY-MM-DD
 * @date_of_birth: (nullable): YYYY-MM-DD, or %NULL when not recorded
 * @years: the retention period, 1–100
 *
 * The last day a discharged client's records must be kept: the later of
 * @years after the last contact and @years after the 18th birthday. With
 * no birth date recorded only the first applies — the store cannot know
 * whether the client was a minor, and says so nowhere else, so the UI
 * should keep birth dates for young clients.
 *
 * Returns: (nullable): YYYY-MM-DD, or %NULL when @last_contact_date is not
 *   a date
 */
char *
alliance_retention_compute_date (const char *last_contact_date,
                                 const char *date_of_birth,
                                 guint       years)
{
  g_autofree char *after_contact = NULL;
  g_autofree char *adult = NULL;
  g_autofree char *after_adult = NULL;

  g_return_val_if_fail (alliance_retention_years_are_valid (years), NULL);

  after_contact = alliance_retention_add_years (last_contact_date, years);
  if (after_contact == NULL)
    return NULL;

  adult = alliance_retention_add_years (date_of_birth, ALLIANCE_RETENTION_AGE_OF_MAJORITY);
  after_adult = alliance_retention_add_years (adult, years);
  /* ISO dates compare as text. */
  if (after_adult != NULL && g_strcmp0 (after_adult, after_contact) > 0)
    return g_steal_pointer (&after_adult);
  return g_steal_pointer (&after_contact);
}

/* The records may go once the last day they must be kept has passed. */
gboolean
alliance_retention_is_past (const char *retention_date,
                            const char *today)
{
  g_return_val_if_fail (retention_date != NULL && today != NULL, FALSE);

  return strcmp (today, retention_date) > 0;
}
