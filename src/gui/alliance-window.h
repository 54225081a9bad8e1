/* alliance-window.h
 *
 * The main window: the caseload beside the selected client, collapsing to
 * one pane when narrow. It is given its store; it never opens files itself.
 */
#pragma once

#include <adwaita.h>

#include "alliance-client-page.h"
#include "alliance-client-store.h"
#include "alliance-lock.h"
#include "alliance-rating-store.h"
#include "alliance-supervision-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_WINDOW (alliance_window_get_type ())

G_DECLARE_FINAL_TYPE (AllianceWindow, alliance_window, ALLIANCE, WINDOW, AdwApplicationWindow)

AllianceWindow      *alliance_window_new                 (AdwApplication      *application);
AllianceClientStore *alliance_window_get_store           (AllianceWindow      *self);
AllianceRatingStore *alliance_window_get_rating_store    (AllianceWindow      *self);
AllianceSupervisionStore *alliance_window_get_supervision_store (AllianceWindow *self);
void                 alliance_window_set_store           (AllianceWindow      *self,
                                                          AllianceClientStore *store,
                                                          gboolean             is_sample_data);
void                 alliance_window_show_problem        (AllianceWindow      *self,
                                                          const GError        *error);
void                 alliance_window_select_client       (AllianceWindow      *self,
                                                          gint64               client_id);
gint64               alliance_window_get_selected_client (AllianceWindow      *self);
AllianceClientPage  *alliance_window_get_client_page     (AllianceWindow      *self);
void                 alliance_window_set_lock            (AllianceWindow      *self,
                                                          AllianceLock        *lock);
void                 alliance_window_add_toast           (AllianceWindow      *self,
                                                          AdwToast            *toast);

G_END_DECLS
