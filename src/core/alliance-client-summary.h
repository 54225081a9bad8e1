/* alliance-client-summary.h
 *
 * The item a caseload list shows for one client: built on demand by
 * AllianceCaseloadModel, so thousands of clients cost no thousands of objects.
 */
#pragma once

#include "alliance-client.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_CLIENT_SUMMARY (alliance_client_summary_get_type ())

G_DECLARE_FINAL_TYPE (AllianceClientSummary, alliance_client_summary, ALLIANCE, CLIENT_SUMMARY, GObject)

AllianceClientSummary *alliance_client_summary_new              (gint64                 id,
                                                                 const char            *code,
                                                                 const char            *display_name,
                                                                 AllianceClientStatus   status,
                                                                 gboolean               archived);
gint64                 alliance_client_summary_get_id           (AllianceClientSummary *self);
const char            *alliance_client_summary_get_code         (AllianceClientSummary *self);
const char            *alliance_client_summary_get_display_name (AllianceClientSummary *self);
AllianceClientStatus   alliance_client_summary_get_status       (AllianceClientSummary *self);
gboolean               alliance_client_summary_get_archived     (AllianceClientSummary *self);
char                  *alliance_client_summary_dup_subtitle     (AllianceClientSummary *self);

G_END_DECLS
