/* alliance-caseload-model.h
 *
 * The caseload as a GListModel: compact rows, searched and filtered in
 * place per keystroke; items are made only for the rows a view shows.
 * Each client's flags (computed elsewhere) are held by client id, survive
 * reloads, ride on the items (alliance_caseload_item_get_flags) and order
 * the "Needs Attention" filter: most severe, then most flags, then the sort.
 */
#pragma once

#include "alliance-client-store.h"
#include "alliance-client-summary.h"
#include "alliance-flags.h"

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_CASELOAD_FILTER_ACTIVE,
  ALLIANCE_CASELOAD_FILTER_ATTENTION,   /* flagged clients, most severe first */
  ALLIANCE_CASELOAD_FILTER_WAITLIST,
  ALLIANCE_CASELOAD_FILTER_ENQUIRY,
  ALLIANCE_CASELOAD_FILTER_ON_HOLD,
  ALLIANCE_CASELOAD_FILTER_DISCHARGED,
  ALLIANCE_CASELOAD_FILTER_ARCHIVED,
  ALLIANCE_CASELOAD_FILTER_ALL,
  ALLIANCE_CASELOAD_N_FILTERS,
} AllianceCaseloadFilter;

typedef enum
{
  ALLIANCE_CASELOAD_SORT_NAME,
  ALLIANCE_CASELOAD_SORT_CODE,
} AllianceCaseloadSort;

#define ALLIANCE_TYPE_CASELOAD_MODEL (alliance_caseload_model_get_type ())

G_DECLARE_FINAL_TYPE (AllianceCaseloadModel, alliance_caseload_model, ALLIANCE, CASELOAD_MODEL, GObject)

AllianceCaseloadModel  *alliance_caseload_model_new               (void);
gboolean                alliance_caseload_model_reload            (AllianceCaseloadModel  *self,
                                                                   AllianceClientStore    *store,
                                                                   GError                **error);
void                    alliance_caseload_model_set_query         (AllianceCaseloadModel  *self,
                                                                   const char             *query);
void                    alliance_caseload_model_set_filter        (AllianceCaseloadModel  *self,
                                                                   AllianceCaseloadFilter  filter);
AllianceCaseloadFilter  alliance_caseload_model_get_filter        (AllianceCaseloadModel  *self);
void                    alliance_caseload_model_set_sort          (AllianceCaseloadModel  *self,
                                                                   AllianceCaseloadSort    sort);
guint                   alliance_caseload_model_get_n_clients     (AllianceCaseloadModel  *self);
guint                   alliance_caseload_model_find_client       (AllianceCaseloadModel  *self,
                                                                   gint64                  client_id);
gint64                  alliance_caseload_model_get_client_id     (AllianceCaseloadModel  *self,
                                                                   guint                   position);
void                    alliance_caseload_model_set_flags         (AllianceCaseloadModel  *self,
                                                                   GHashTable             *flags);
void                    alliance_caseload_model_update_client_flags (AllianceCaseloadModel *self,
                                                                   gint64                  client_id,
                                                                   AllianceClientFlags    *flags);
guint                   alliance_caseload_model_get_n_flagged     (AllianceCaseloadModel  *self);
const AllianceClientFlags *alliance_caseload_model_get_client_flags (AllianceCaseloadModel *self,
                                                                   gint64                  client_id);
const AllianceClientFlags *alliance_caseload_item_get_flags       (AllianceClientSummary  *item);

const char             *alliance_caseload_filter_to_string        (AllianceCaseloadFilter  filter);
AllianceCaseloadFilter  alliance_caseload_filter_from_string      (const char             *text);
const char             *alliance_caseload_filter_get_label        (AllianceCaseloadFilter  filter);

G_END_DECLS
