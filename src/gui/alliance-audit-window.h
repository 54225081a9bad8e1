/* alliance-audit-window.h
 *
 * The audit log, newest entry first, loaded a page at a time as the list
 * is scrolled; "Verify" checks the chain and says whether it is intact.
 */
#pragma once

#include <adwaita.h>

#include "alliance-database.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_AUDIT_WINDOW (alliance_audit_window_get_type ())

G_DECLARE_FINAL_TYPE (AllianceAuditWindow, alliance_audit_window, ALLIANCE, AUDIT_WINDOW, AdwWindow)

AllianceAuditWindow *alliance_audit_window_new            (AllianceDatabase    *database);
GListModel          *alliance_audit_window_get_model      (AllianceAuditWindow *self);
gboolean             alliance_audit_window_load_more      (AllianceAuditWindow *self);
void                 alliance_audit_window_verify         (AllianceAuditWindow *self);
const char          *alliance_audit_window_get_status     (AllianceAuditWindow *self);

G_END_DECLS
