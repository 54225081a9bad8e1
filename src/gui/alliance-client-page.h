/* alliance-client-page.h
 *
 * One client's record: details, contact, goals, supervision's open action
 * items, and the actions that change their place in the caseload
 * (discharge, reactivate, archive).
 */
#pragma once

#include <adwaita.h>

#include "alliance-client-store.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_CLIENT_PAGE (alliance_client_page_get_type ())

G_DECLARE_FINAL_TYPE (AllianceClientPage, alliance_client_page, ALLIANCE, CLIENT_PAGE, AdwBin)

GtkWidget           *alliance_client_page_new            (void);
AllianceClientStore *alliance_client_page_get_store      (AllianceClientPage  *self);
void                 alliance_client_page_set_store      (AllianceClientPage  *self,
                                                          AllianceClientStore *store);
AllianceSessionStore *alliance_client_page_get_session_store (AllianceClientPage   *self);
void                 alliance_client_page_set_session_store (AllianceClientPage   *self,
                                                            AllianceSessionStore *session_store);
AllianceRatingStore *alliance_client_page_get_rating_store  (AllianceClientPage   *self);
void                 alliance_client_page_set_rating_store  (AllianceClientPage   *self,
                                                            AllianceRatingStore  *rating_store);
AllianceSupervisionStore *alliance_client_page_get_supervision_store (AllianceClientPage       *self);
void                 alliance_client_page_set_supervision_store (AllianceClientPage       *self,
                                                                 AllianceSupervisionStore *supervision_store);
gint64               alliance_client_page_get_client_id  (AllianceClientPage  *self);
void                 alliance_client_page_set_client_id  (AllianceClientPage  *self,
                                                          gint64               client_id);
const AllianceClient *alliance_client_page_get_client    (AllianceClientPage  *self);

G_END_DECLS
