/* alliance-client.h
 *
 * One client's identifying and administrative record, as a plain value:
 * the store loads and saves it, the UI edits a copy.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_CLIENT_STATUS_ENQUIRY,
  ALLIANCE_CLIENT_STATUS_WAITLIST,
  ALLIANCE_CLIENT_STATUS_ACTIVE,
  ALLIANCE_CLIENT_STATUS_ON_HOLD,
  ALLIANCE_CLIENT_STATUS_DISCHARGED,
  ALLIANCE_CLIENT_N_STATUSES,
} AllianceClientStatus;

/* Which field a validation error is about, so the UI can point at it. */
typedef enum
{
  ALLIANCE_CLIENT_FIELD_NONE,
  ALLIANCE_CLIENT_FIELD_CODE,
  ALLIANCE_CLIENT_FIELD_GIVEN_NAME,
  ALLIANCE_CLIENT_FIELD_FAMILY_NAME,
  ALLIANCE_CLIENT_FIELD_DATE_OF_BIRTH,
  ALLIANCE_CLIENT_FIELD_START_DATE,
  ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE,
  ALLIANCE_CLIENT_FIELD_STATUS,
  ALLIANCE_CLIENT_FIELD_EMAIL,
} AllianceClientField;

typedef struct
{
  gint64                id;                 /* 0 until first saved */
  char                 *code;
  char                 *given_name;
  char                 *family_name;
  char                 *preferred_name;
  char                 *pronouns;
  char                 *date_of_birth;      /* YYYY-MM-DD or NULL */
  AllianceClientStatus  status;
  char                 *referral_source;
  char                 *start_date;         /* YYYY-MM-DD or NULL */
  char                 *discharge_date;     /* YYYY-MM-DD or NULL */
  char                 *discharge_reason;
  char                 *phone;
  char                 *email;
  char                 *emergency_name;
  char                 *emergency_relationship;
  char                 *emergency_phone;
  char                 *presenting_concerns;
  gboolean              archived;
  char                 *created_at;
  char                 *updated_at;
} AllianceClient;

#define ALLIANCE_TYPE_CLIENT (alliance_client_get_type ())

GType                 alliance_client_get_type            (void) G_GNUC_CONST;
AllianceClient       *alliance_client_new                 (void);
AllianceClient       *alliance_client_copy                (const AllianceClient  *self);
void                  alliance_client_free                (AllianceClient        *self);
char                 *alliance_client_dup_display_name    (const AllianceClient  *self);
gboolean              alliance_client_validate            (const AllianceClient  *self,
                                                           const char            *today,
                                                           AllianceClientField   *invalid_field,
                                                           GError               **error);

const char           *alliance_client_status_to_string    (AllianceClientStatus   status);
gboolean              alliance_client_status_from_string  (const char            *text,
                                                           AllianceClientStatus  *status);
const char           *alliance_client_status_get_label    (AllianceClientStatus   status);
gboolean              alliance_client_status_in_therapy   (AllianceClientStatus         status);

char                 *alliance_client_make_display_name   (const char            *given_name,
                                                           const char            *family_name,
                                                           const char            *preferred_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceClient, alliance_client_free)

G_END_DECLS
