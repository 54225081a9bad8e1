/* alliance-client-store.h
 *
 * Loads and saves clients and their goals. Every write is one transaction,
 * validated first; "changed" is emitted after the commit.
 */
#pragma once

#include "alliance-client.h"
#include "alliance-database.h"
#include "alliance-store.h"
#include "alliance-goal.h"

G_BEGIN_DECLS

/* A caseload row as read from the database; strings valid for the call. */
typedef struct
{
  gint64                id;
  const char           *code;
  const char           *given_name;
  const char           *family_name;
  const char           *preferred_name;
  AllianceClientStatus  status;
  gboolean              archived;
} AllianceClientListing;

typedef void (*AllianceClientListingFunc) (const AllianceClientListing *listing,
                                           gpointer                     user_data);

#define ALLIANCE_TYPE_CLIENT_STORE (alliance_client_store_get_type ())

G_DECLARE_FINAL_TYPE (AllianceClientStore, alliance_client_store, ALLIANCE, CLIENT_STORE, AllianceStore)

AllianceClientStore *alliance_client_store_new                (AllianceDatabase           *database);
AllianceDatabase    *alliance_client_store_get_database       (AllianceClientStore        *self);
gboolean             alliance_client_store_foreach_listing    (AllianceClientStore        *self,
                                                               AllianceClientListingFunc   func,
                                                               gpointer                    user_data,
                                                               GError                    **error);
gint64               alliance_client_store_count              (AllianceClientStore        *self,
                                                               GError                    **error);
AllianceClient      *alliance_client_store_load               (AllianceClientStore        *self,
                                                               gint64                      client_id,
                                                               GError                    **error);
char                *alliance_client_store_suggest_code       (AllianceClientStore        *self,
                                                               GError                    **error);
gboolean             alliance_client_store_save               (AllianceClientStore        *self,
                                                               AllianceClient             *client,
                                                               AllianceClientField        *invalid_field,
                                                               GError                    **error);
gboolean             alliance_client_store_set_archived       (AllianceClientStore        *self,
                                                               gint64                      client_id,
                                                               gboolean                    archived,
                                                               GError                    **error);
gboolean             alliance_client_store_discharge          (AllianceClientStore        *self,
                                                               gint64                      client_id,
                                                               const char                 *discharge_date,
                                                               const char                 *reason,
                                                               AllianceClientField        *invalid_field,
                                                               GError                    **error);
gboolean             alliance_client_store_reactivate         (AllianceClientStore        *self,
                                                               gint64                      client_id,
                                                               GError                    **error);
GPtrArray           *alliance_client_store_list_goals         (AllianceClientStore        *self,
                                                               gint64                      client_id,
                                                               GError                    **error);
gboolean             alliance_client_store_save_goal          (AllianceClientStore        *self,
                                                               AllianceGoal               *goal,
                                                               GError                    **error);
gboolean             alliance_client_store_set_goal_status    (AllianceClientStore        *self,
                                                               gint64                      goal_id,
                                                               AllianceGoalStatus          status,
                                                               const char                 *reviewed_on,
                                                               GError                    **error);

G_END_DECLS
