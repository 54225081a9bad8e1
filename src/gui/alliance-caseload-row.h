/* alliance-caseload-row.h
 *
 * One client in the caseload list: initials, name, code and status, up to
 * three flag icons, a sparkline of the recent alliance scores and the
 * latest one, drawn
 * by the widget itself. GtkListView (GTK 4.8) keeps about 200 rows alive,
 * so a row must cost next to nothing until it is actually on screen: text
 * is laid out only when the row is drawn.
 */
#pragma once

#include <gtk/gtk.h>

#include "alliance-client-summary.h"
#include "alliance-flags.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_CASELOAD_ROW (alliance_caseload_row_get_type ())

G_DECLARE_FINAL_TYPE (AllianceCaseloadRow, alliance_caseload_row, ALLIANCE, CASELOAD_ROW, GtkWidget)

GtkWidget  *alliance_caseload_row_new           (void);
void        alliance_caseload_row_set_summary   (AllianceCaseloadRow   *self,
                                                 AllianceClientSummary *summary);
void        alliance_caseload_row_set_client    (AllianceCaseloadRow       *self,
                                                 AllianceClientSummary     *summary,
                                                 const AllianceClientFlags *flags);
const char *alliance_caseload_row_get_name      (AllianceCaseloadRow   *self);
const char *alliance_caseload_row_get_icon_tooltip (AllianceCaseloadRow *self,
                                                 guint                  index);
const char *alliance_caseload_row_get_score     (AllianceCaseloadRow   *self);
guint       alliance_caseload_row_get_n_sparkline_points (AllianceCaseloadRow *self);

G_END_DECLS
