/* alliance-supervision-page.h
 *
 * The Supervision view: for a period (since the last signed supervision
 * meeting by default), every client who needs attention, most severe
 * first, then the rest of the caseload; each with a small graph, flags in
 * words and what happened in the period. The therapist puts clients on the
 * agenda (the open meeting) with a question and masked excerpts, and
 * exports or prints the de-identified packet.
 */
#pragma once

#include <adwaita.h>

#include "alliance-client-store.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-review.h"
#include "alliance-supervision-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_SUPERVISION_PAGE (alliance_supervision_page_get_type ())

G_DECLARE_FINAL_TYPE (AllianceSupervisionPage, alliance_supervision_page, ALLIANCE, SUPERVISION_PAGE, AdwBin)

GtkWidget                 *alliance_supervision_page_new             (void);
/* export-packet, print-packet and record-meeting, for buttons outside the
 * page: insert the group as "supervision". */
GActionGroup              *alliance_supervision_page_get_actions     (AllianceSupervisionPage  *self);
/* All over one database; the review is built again when they change. */
void                       alliance_supervision_page_set_stores      (AllianceSupervisionPage  *self,
                                                                      AllianceClientStore      *clients,
                                                                      AllianceSessionStore     *sessions,
                                                                      AllianceRatingStore      *ratings,
                                                                      AllianceSupervisionStore *supervision);
/* Both "YYYY-MM-DD", @from <= @to; FALSE (and nothing changes) otherwise. */
gboolean                   alliance_supervision_page_set_period      (AllianceSupervisionPage  *self,
                                                                      const char               *from,
                                                                      const char               *to);
const char                *alliance_supervision_page_get_from        (AllianceSupervisionPage  *self);
const char                *alliance_supervision_page_get_to          (AllianceSupervisionPage  *self);
/* The review shown, in order (AllianceReviewEntry *); NULL before stores are set. */
GPtrArray                 *alliance_supervision_page_get_entries     (AllianceSupervisionPage  *self);
/* The card of @client_id, built if it was not yet; NULL when not listed. */
GtkWidget                 *alliance_supervision_page_get_card        (AllianceSupervisionPage  *self,
                                                                      gint64                    client_id);
/* The open meeting as last saved, or NULL when there is none. */
const AllianceMeeting     *alliance_supervision_page_get_agenda      (AllianceSupervisionPage  *self);
/* Puts @client_id on the agenda or takes them off it, and saves. */
gboolean                   alliance_supervision_page_set_on_agenda   (AllianceSupervisionPage  *self,
                                                                      gint64                    client_id,
                                                                      gboolean                  on_agenda,
                                                                      GError                  **error);
/* The packet of the agenda's clients for the period, to @path. */
gboolean                   alliance_supervision_page_export_packet   (AllianceSupervisionPage  *self,
                                                                      const char               *path,
                                                                      GError                  **error);
/* Prints the same packet: with a dialog, or to @export_path (PDF) with
 * GTK_PRINT_OPERATION_ACTION_EXPORT. */
gboolean                   alliance_supervision_page_print_packet    (AllianceSupervisionPage  *self,
                                                                      GtkPrintOperationAction   action,
                                                                      const char               *export_path,
                                                                      GError                  **error);
/* Opens the meeting window on @meeting_id, or on the agenda with 0, and
 * returns it (owned by GTK); NULL when it could not be opened (said). */
GtkWidget                 *alliance_supervision_page_record_meeting  (AllianceSupervisionPage  *self,
                                                                      gint64                    meeting_id);
/* Shows the excerpt dialog for @client_id and returns it (owned by GTK). */
GtkWidget                 *alliance_supervision_page_add_excerpt     (AllianceSupervisionPage  *self,
                                                                      gint64                    client_id);

G_END_DECLS
