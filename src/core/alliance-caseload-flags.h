/* alliance-caseload-flags.h
 *
 * Loads what the flag rules need for every client and computes their
 * flags. The whole caseload is read on a connection of its own, opened
 * read-only, so it can run in a worker thread at start-up while the window
 * keeps working (WAL lets readers and the writer proceed together); a
 * single client is recomputed on the main thread after one of its records
 * changes.
 */
#pragma once

#include <gio/gio.h>

#include "alliance-flags.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"

G_BEGIN_DECLS

/* Client id (gint64 *) → AllianceClientFlags *, for every client. */
GHashTable           *alliance_caseload_flags_compute        (const char                  *database_path,
                                                              const AllianceFlagSettings  *settings,
                                                              const GDate                 *today,
                                                              GCancellable                *cancellable,
                                                              GError                     **error);
/* The same in a GTask worker thread; @settings and @today are copied. */
void                  alliance_caseload_flags_compute_async  (const char                  *database_path,
                                                              const AllianceFlagSettings  *settings,
                                                              const GDate                 *today,
                                                              GCancellable                *cancellable,
                                                              GAsyncReadyCallback          callback,
                                                              gpointer                     user_data);
GHashTable           *alliance_caseload_flags_compute_finish (GAsyncResult                *result,
                                                              GError                     **error);
/* One client, through the stores (main thread). */
AllianceClientFlags  *alliance_caseload_flags_compute_lists  (AllianceRatingStore         *ratings,
                                                              gint64                       client_id,
                                                              gboolean                     in_therapy,
                                                              GPtrArray                   *sessions,
                                                              GPtrArray                   *administrations,
                                                              GPtrArray                   *events,
                                                              const AllianceFlagSettings  *settings,
                                                              const GDate                 *today);
AllianceClientFlags  *alliance_caseload_flags_compute_client (AllianceSessionStore        *sessions,
                                                              AllianceRatingStore         *ratings,
                                                              gint64                       client_id,
                                                              const AllianceFlagSettings  *settings,
                                                              const GDate                 *today,
                                                              GError                     **error);

G_END_DECLS
