/* alliance-retention-store.h
 *
 * Discharged clients' retention dates, the list of records past retention
 * on a given day, their disposal, and the disposal register. The number
 * of years is the caller's (a preference), passed to every call.
 */
#pragma once

#include "alliance-client-store.h"
#include "alliance-retention.h"
#include "alliance-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_RETENTION_STORE (alliance_retention_store_get_type ())

G_DECLARE_FINAL_TYPE (AllianceRetentionStore, alliance_retention_store, ALLIANCE, RETENTION_STORE, AllianceStore)

AllianceRetentionStore  *alliance_retention_store_new                (AllianceClientStore     *clients);
GPtrArray               *alliance_retention_store_list_discharged    (AllianceRetentionStore  *self,
                                                                      guint                    years,
                                                                      GError                 **error);
GPtrArray               *alliance_retention_store_list_past          (AllianceRetentionStore  *self,
                                                                      const char              *today,
                                                                      guint                    years,
                                                                      GError                 **error);
AllianceRetentionRecord *alliance_retention_store_load               (AllianceRetentionStore  *self,
                                                                      gint64                   client_id,
                                                                      guint                    years,
                                                                      GError                 **error);
gint64                   alliance_retention_store_find_code          (AllianceRetentionStore  *self,
                                                                      const char              *code,
                                                                      GError                 **error);
gboolean                 alliance_retention_store_dispose_client     (AllianceRetentionStore  *self,
                                                                      gint64                   client_id,
                                                                      const char              *today,
                                                                      guint                    years,
                                                                      gboolean                *journal_cleared,
                                                                      GError                 **error);
GPtrArray               *alliance_retention_store_list_register      (AllianceRetentionStore  *self,
                                                                      GError                 **error);

G_END_DECLS
