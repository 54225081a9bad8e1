/* alliance-error.c */
#define G_LOG_DOMAIN "alliance-error"

#include "config.h"

#include "alliance-error.h"

G_DEFINE_QUARK (alliance-validation-error-quark, alliance_validation_error)
