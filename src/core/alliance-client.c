/* alliance-client.c */
#define G_LOG_DOMAIN "alliance-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-client.h"
#include "alliance-date.h"
#include "alliance-error.h"
#include "alliance-text.h"

G_DEFINE_BOXED_TYPE (AllianceClient, alliance_client, alliance_client_copy, alliance_client_free)

static const struct
{
  const char *id;
  const char *label;
} statuses[ALLIANCE_CLIENT_N_STATUSES] = {
  [ALLIANCE_CLIENT_STATUS_ENQUIRY] = { "enquiry", N_("Enquiry") },
  [ALLIANCE_CLIENT_STATUS_WAITLIST] = { "waitlist", N_("Waitlist") },
  [ALLIANCE_CLIENT_STATUS_ACTIVE] = { "active", N_("Active") },
  [ALLIANCE_CLIENT_STATUS_ON_HOLD] = { "on-hold", N_("On hold") },
  [ALLIANCE_CLIENT_STATUS_DISCHARGED] = { "discharged", N_("Discharged") },
};

const char *
alliance_client_status_to_string (AllianceClientStatus status)
{
  g_return_val_if_fail (status < ALLIANCE_CLIENT_N_STATUSES, NULL);

  return statuses[status].id;
}

gboolean
alliance_client_status_from_string (const char           *text,
                                    AllianceClientStatus *status)
{
  for (guint i = 0; i < ALLIANCE_CLIENT_N_STATUSES; i++)
    if (g_strcmp0 (text, statuses[i].id) == 0)
      {
        *status = (AllianceClientStatus)i;
        return TRUE;
      }
  return FALSE;
}

/* Seen in therapy now (active or on hold), as opposed to not yet started
 * or discharged: what most flags are about. */
gboolean
alliance_client_status_in_therapy (AllianceClientStatus status)
{
  return status == ALLIANCE_CLIENT_STATUS_ACTIVE || status == ALLIANCE_CLIENT_STATUS_ON_HOLD;
}

const char *
alliance_client_status_get_label (AllianceClientStatus status)
{
  g_return_val_if_fail (status < ALLIANCE_CLIENT_N_STATUSES, NULL);

  return _(statuses[status].label);
}

AllianceClient *
alliance_client_new (void)
{
  AllianceClient *self = g_new0 (AllianceClient, 1);

  self->status = ALLIANCE_CLIENT_STATUS_ACTIVE;
  return self;
}

AllianceClient *
alliance_client_copy (const AllianceClient *self)
{
  AllianceClient *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->code = g_strdup (self->code);
  copy->given_name = g_strdup (self->given_name);
  copy->family_name = g_strdup (self->family_name);
  copy->preferred_name = g_strdup (self->preferred_name);
  copy->pronouns = g_strdup (self->pronouns);
  copy->date_of_birth = g_strdup (self->date_of_birth);
  copy->referral_source = g_strdup (self->referral_source);
  copy->start_date = g_strdup (self->start_date);
  copy->discharge_date = g_strdup (self->discharge_date);
  copy->discharge_reason = g_strdup (self->discharge_reason);
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->emergency_name = g_strdup (self->emergency_name);
  copy->emergency_relationship = g_strdup (self->emergency_relationship);
  copy->emergency_phone = g_strdup (self->emergency_phone);
  copy->presenting_concerns = g_strdup (self->presenting_concerns);
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  return copy;
}

void
alliance_client_free (AllianceClient *self)
{
  if (self == NULL)
    return;

  g_free (self->code);
  g_free (self->given_name);
  g_free (self->family_name);
  g_free (self->preferred_name);
  g_free (self->pronouns);
  g_free (self->date_of_birth);
  g_free (self->referral_source);
  g_free (self->start_date);
  g_free (self->discharge_date);
  g_free (self->discharge_reason);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->emergency_name);
  g_free (self->emergency_relationship);
  g_free (self->emergency_phone);
  g_free (self->presenting_concerns);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self);
}

/* The name a person is called by: "Kate Smith" for Katherine "Kate" Smith. */
char *
alliance_client_make_display_name (const char *given_name,
                                   const char *family_name,
                                   const char *preferred_name)
{
  const char *first = alliance_text_is_blank (preferred_name) ? given_name : preferred_name;

  if (alliance_text_is_blank (first))
    return g_strdup (family_name ? family_name : "");
  if (alliance_text_is_blank (family_name))
    return g_strdup (first);
  return g_strdup_printf ("%s %s", first, family_name);
}

char *
alliance_client_dup_display_name (const AllianceClient *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return alliance_client_make_display_name (self->given_name, self->family_name, self->preferred_name);
}

static gboolean
fail_at (AllianceClientField  field,
         AllianceClientField *invalid_field)
{
  if (invalid_field != NULL)
    *invalid_field = field;
  return FALSE;
}

static gboolean
validate_optional_date (const char           *value,
                        AllianceClientField   field,
                        AllianceClientField  *invalid_field,
                        GError              **error)
{
  if (value == NULL || alliance_date_parse (value, NULL, error))
    return TRUE;
  return fail_at (field, invalid_field);
}

/**
 * alliance_client_validate:
 * @today: today's date as YYYY-MM-DD, passed in so tests can fix the clock
 * @invalid_field: (out) (optional): the field the error is about
 *
 * Checks everything that can be checked without the database (the store
 * adds the unique code). Dates must be NULL or a real YYYY-MM-DD date.
 */
gboolean
alliance_client_validate (const AllianceClient  *self,
                          const char            *today,
                          AllianceClientField   *invalid_field,
                          GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (invalid_field != NULL)
    *invalid_field = ALLIANCE_CLIENT_FIELD_NONE;

  if (self->code != NULL && alliance_text_is_blank (self->code))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("A client code is needed; leave the suggested one or type another."));
      return fail_at (ALLIANCE_CLIENT_FIELD_CODE, invalid_field);
    }
  if (alliance_text_is_blank (self->given_name))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Enter the client’s given name."));
      return fail_at (ALLIANCE_CLIENT_FIELD_GIVEN_NAME, invalid_field);
    }
  if (alliance_text_is_blank (self->family_name))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Enter the client’s family name."));
      return fail_at (ALLIANCE_CLIENT_FIELD_FAMILY_NAME, invalid_field);
    }
  if (self->status >= ALLIANCE_CLIENT_N_STATUSES)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("Choose a status."));
      return fail_at (ALLIANCE_CLIENT_FIELD_STATUS, invalid_field);
    }

  if (!validate_optional_date (self->date_of_birth, ALLIANCE_CLIENT_FIELD_DATE_OF_BIRTH, invalid_field, error) ||
      !validate_optional_date (self->start_date, ALLIANCE_CLIENT_FIELD_START_DATE, invalid_field, error) ||
      !validate_optional_date (self->discharge_date, ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE, invalid_field, error))
    return FALSE;

  /* ISO dates compare correctly as text. */
  if (self->date_of_birth != NULL && strcmp (self->date_of_birth, today) > 0)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_FUTURE_DATE,
                           _("The date of birth is in the future."));
      return fail_at (ALLIANCE_CLIENT_FIELD_DATE_OF_BIRTH, invalid_field);
    }
  if (self->date_of_birth != NULL && self->start_date != NULL &&
      strcmp (self->start_date, self->date_of_birth) < 0)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER,
                           _("The start date is before the date of birth."));
      return fail_at (ALLIANCE_CLIENT_FIELD_START_DATE, invalid_field);
    }
  if (self->discharge_date != NULL && self->start_date != NULL &&
      strcmp (self->discharge_date, self->start_date) < 0)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER,
                           _("The discharge date is before the start date."));
      return fail_at (ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE, invalid_field);
    }
  if (self->discharge_date != NULL && strcmp (self->discharge_date, today) > 0)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_FUTURE_DATE,
                           _("The discharge date is in the future."));
      return fail_at (ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE, invalid_field);
    }
  if (self->status == ALLIANCE_CLIENT_STATUS_DISCHARGED && self->discharge_date == NULL)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("A discharged client needs a discharge date."));
      return fail_at (ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE, invalid_field);
    }
  if (!alliance_text_is_blank (self->email) && strchr (self->email, '@') == NULL)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("An e-mail address needs an “@”, as in name@example.org."));
      return fail_at (ALLIANCE_CLIENT_FIELD_EMAIL, invalid_field);
    }

  return TRUE;
}
