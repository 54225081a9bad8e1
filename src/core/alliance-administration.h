/* alliance-administration.h
 *
 * One filling-in of a measure for a client at a session: the answer to each
 * item, stored per item (never only the total). Which definition it was
 * filled in against is kept by key and version, so a later edit of a custom
 * measure can never reinterpret it.
 */
#pragma once

#include <glib-object.h>

#include "alliance-measure.h"

G_BEGIN_DECLS

typedef struct
{
  gint64                id;               /* 0 until first saved */
  gint64                client_id;
  gint64                session_id;
  char                 *measure_key;      /* AllianceMeasure.id, e.g. "phq-9" */
  int                   measure_version;  /* AllianceMeasure.version */
  AllianceMeasureRater  rater;
  int                  *values;           /* one per item; ALLIANCE_SCORE_MISSING when unanswered */
  guint                 n_values;
  /* Set by the store. */
  int                   entry_order;      /* 1, 2, … in the order first saved within the session */
  gboolean              complete;         /* every item answered */
  char                 *administered_at;  /* the session's "YYYY-MM-DD HH:MM" */
  char                 *created_at;
  char                 *updated_at;
} AllianceAdministration;

#define ALLIANCE_TYPE_ADMINISTRATION (alliance_administration_get_type ())

GType                    alliance_administration_get_type     (void) G_GNUC_CONST;
/* Every value starts as ALLIANCE_SCORE_MISSING. */
AllianceAdministration  *alliance_administration_new          (gint64                         client_id,
                                                               gint64                         session_id,
                                                               const AllianceMeasure         *measure);
AllianceAdministration  *alliance_administration_copy         (const AllianceAdministration  *self);
void                     alliance_administration_free         (AllianceAdministration        *self);
guint                    alliance_administration_count_answered (const AllianceAdministration *self);
/* Checks the values against @measure (same key and version, one value per
 * item, each missing or within its item's range). The message names the
 * item and the allowed range. */
gboolean                 alliance_administration_validate     (const AllianceAdministration  *self,
                                                               const AllianceMeasure         *measure,
                                                               GError                       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceAdministration, alliance_administration_free)

G_END_DECLS
