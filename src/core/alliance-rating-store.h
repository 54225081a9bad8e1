/* alliance-rating-store.h
 *
 * Measure definitions (built in and custom, versioned), the administrations
 * of them at sessions with their per-item answers, and session events
 * (ruptures, repairs, boundary events…). Every write is one transaction,
 * validated first; "changed" is emitted after the commit with the client
 * concerned (0 for a change of definitions).
 *
 * Definitions are stored as their JSON (alliance-measure-json.h), one row
 * per key and version. A definition that any administration uses is frozen
 * by the database itself; saving a changed definition then stores it as the
 * next version, and new entries use the newest version.
 */
#pragma once

#include "alliance-administration.h"
#include "alliance-database.h"
#include "alliance-measure.h"
#include "alliance-score.h"
#include "alliance-session-event.h"
#include "alliance-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_RATING_STORE (alliance_rating_store_get_type ())

G_DECLARE_FINAL_TYPE (AllianceRatingStore, alliance_rating_store, ALLIANCE, RATING_STORE, AllianceStore)

AllianceRatingStore    *alliance_rating_store_new                 (AllianceDatabase        *database);

/* Definitions. Returned definitions are owned by the store (a cache keyed
 * on key and version; entries are immutable) and live as long as it. */
const AllianceMeasure  *alliance_rating_store_get_measure         (AllianceRatingStore     *self,
                                                                   const char              *key,
                                                                   int                      version,
                                                                   GError                 **error);
/* The newest version of @key, or NULL with ALLIANCE_VALIDATION_ERROR_INVALID. */
const AllianceMeasure  *alliance_rating_store_get_current_measure (AllianceRatingStore     *self,
                                                                   const char              *key,
                                                                   GError                 **error);
/* The newest version of every measure offered for new entries (not
 * retired): built-ins first in library order, then custom ones by name.
 * An array of const AllianceMeasure * owned by the store (no free func). */
GPtrArray              *alliance_rating_store_list_measures       (AllianceRatingStore     *self,
                                                                   GError                 **error);
gboolean                alliance_rating_store_is_builtin          (AllianceRatingStore     *self,
                                                                   const char              *key);
/* TRUE when an administration uses this key and version. */
gboolean                alliance_rating_store_measure_in_use      (AllianceRatingStore     *self,
                                                                   const char              *key,
                                                                   int                      version,
                                                                   GError                 **error);
/* Validates @measure and stores it as a custom definition. A new key is
 * stored as version 1. For an existing key: unchanged → nothing happens;
 * changed and the newest version not in use → replaced in place; changed and
 * in use → stored as the next version. @measure->version is updated to the
 * version stored. Built-in keys are refused. */
gboolean                alliance_rating_store_save_measure        (AllianceRatingStore     *self,
                                                                   AllianceMeasure         *measure,
                                                                   GError                 **error);
/* Hides a custom measure from new entries; stored answers keep it. */
gboolean                alliance_rating_store_retire_measure      (AllianceRatingStore     *self,
                                                                   const char              *key,
                                                                   GError                 **error);

/* Administrations, oldest first (by session time, then entry order). */
GPtrArray              *alliance_rating_store_list_session_administrations (AllianceRatingStore *self,
                                                                   gint64                   session_id,
                                                                   GError                 **error);
GPtrArray              *alliance_rating_store_list_client_administrations  (AllianceRatingStore *self,
                                                                   gint64                   client_id,
                                                                   GError                 **error);
/* Inserts (id 0) or updates; at most one administration of a key per
 * session. Values are checked against the definition (the error names the
 * item and its allowed range); an incomplete one is saved as incomplete.
 * Sets id, entry_order, complete and the timestamps. */
gboolean                alliance_rating_store_save_administration (AllianceRatingStore     *self,
                                                                   AllianceAdministration  *administration,
                                                                   GError                 **error);
gboolean                alliance_rating_store_delete_administration (AllianceRatingStore   *self,
                                                                   gint64                   administration_id,
                                                                   GError                 **error);
/* The score of @administration with its change since the previous and the
 * first complete administration of the same key and version for the client
 * before it. NULL with an error if incomplete (nothing to score). */
AllianceScore          *alliance_rating_store_interpret           (AllianceRatingStore     *self,
                                                                   const AllianceAdministration *administration,
                                                                   GError                 **error);

/* Events, oldest first. */
GPtrArray              *alliance_rating_store_list_session_events (AllianceRatingStore     *self,
                                                                   gint64                   session_id,
                                                                   GError                 **error);
GPtrArray              *alliance_rating_store_list_client_events  (AllianceRatingStore     *self,
                                                                   gint64                   client_id,
                                                                   GError                 **error);
/* Ruptures with no resolved repair linked to them. */
GPtrArray              *alliance_rating_store_list_unrepaired_ruptures (AllianceRatingStore *self,
                                                                   gint64                   client_id,
                                                                   GError                 **error);
/* A repair must name a rupture of the same client in the same or an
 * earlier session. */
gboolean                alliance_rating_store_save_event          (AllianceRatingStore     *self,
                                                                   AllianceSessionEvent    *event,
                                                                   GError                 **error);
/* A rupture that a repair names cannot be deleted before the repair. */
gboolean                alliance_rating_store_delete_event        (AllianceRatingStore     *self,
                                                                   gint64                   event_id,
                                                                   GError                 **error);

G_END_DECLS
