/* alliance-record-report.h
 *
 * A client's clinical record in chronological order, for print and PDF:
 * who the client is, then every session, oldest first, with its note,
 * signature and addenda; sessions entered in error stay in, marked with the
 * reason. The same pages serve GtkPrintOperation (paginate in begin-print,
 * draw in draw-page) and alliance_record_report_write_pdf().
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "alliance-client-store.h"
#include "alliance-page-layout.h"
#include "alliance-session-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_RECORD_REPORT (alliance_record_report_get_type ())

G_DECLARE_FINAL_TYPE (AllianceRecordReport, alliance_record_report, ALLIANCE, RECORD_REPORT, GObject)

AllianceRecordReport *alliance_record_report_new        (AllianceClientStore   *clients,
                                                         AllianceSessionStore  *sessions,
                                                         gint64                 client_id,
                                                         gboolean               include_process_notes,
                                                         GError               **error);
const char           *alliance_record_report_get_title  (AllianceRecordReport  *self);
AlliancePageLayout   *alliance_record_report_get_layout (AllianceRecordReport  *self);
guint                 alliance_record_report_paginate   (AllianceRecordReport  *self,
                                                         PangoContext          *context,
                                                         double                 page_width,
                                                         double                 page_height);
void                  alliance_record_report_draw_page  (AllianceRecordReport  *self,
                                                         cairo_t               *cr,
                                                         guint                  page);
gboolean              alliance_record_report_write_pdf  (AllianceRecordReport  *self,
                                                         const char            *path,
                                                         GError               **error);

G_END_DECLS
