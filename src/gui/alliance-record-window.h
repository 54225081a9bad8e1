/* alliance-record-window.h
 *
 * A client's chronological record as it prints: the same pages, drawn by
 * the same renderer, on screen, on paper (Ctrl+P) and in a PDF.
 */
#pragma once

#include <adwaita.h>

#include "alliance-client-store.h"
#include "alliance-session-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_RECORD_WINDOW (alliance_record_window_get_type ())

G_DECLARE_FINAL_TYPE (AllianceRecordWindow, alliance_record_window, ALLIANCE, RECORD_WINDOW, AdwWindow)

AllianceRecordWindow *alliance_record_window_new         (AllianceClientStore  *clients,
                                                          AllianceSessionStore *sessions,
                                                          gint64                client_id,
                                                          GError              **error);
guint                 alliance_record_window_get_n_pages (AllianceRecordWindow *self);
gboolean              alliance_record_window_export      (AllianceRecordWindow *self,
                                                          const char           *path,
                                                          GError              **error);
gboolean              alliance_record_window_print       (AllianceRecordWindow    *self,
                                                          GtkPrintOperationAction  action,
                                                          const char              *export_path,
                                                          GError                 **error);

G_END_DECLS
