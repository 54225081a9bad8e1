/* alliance-error.h
 *
 * Errors about what a person typed, as opposed to what the disk did
 * (AllianceDatabaseError). Messages are sentences for the user.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ALLIANCE_VALIDATION_ERROR (alliance_validation_error_quark ())

typedef enum
{
  ALLIANCE_VALIDATION_ERROR_REQUIRED,
  ALLIANCE_VALIDATION_ERROR_INVALID_DATE,
  ALLIANCE_VALIDATION_ERROR_FUTURE_DATE,
  ALLIANCE_VALIDATION_ERROR_DATE_ORDER,
  ALLIANCE_VALIDATION_ERROR_DUPLICATE_CODE,
  ALLIANCE_VALIDATION_ERROR_INVALID,
} AllianceValidationError;

GQuark alliance_validation_error_quark (void);

G_END_DECLS
