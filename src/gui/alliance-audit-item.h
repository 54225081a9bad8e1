/* alliance-audit-item.h
 *
 * One audit log entry as a list item for the viewer, with what it shows
 * already formatted: the local time, the action, the record and, for a
 * client's record, the client's code.
 */
#pragma once

#include <glib-object.h>

#include "alliance-audit.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_AUDIT_ITEM (alliance_audit_item_get_type ())

G_DECLARE_FINAL_TYPE (AllianceAuditItem, alliance_audit_item, ALLIANCE, AUDIT_ITEM, GObject)

/* Takes @entry. @client_code: (nullable) */
AllianceAuditItem        *alliance_audit_item_new             (AllianceAuditEntry *entry,
                                                               const char         *client_code);
const AllianceAuditEntry *alliance_audit_item_get_entry       (AllianceAuditItem  *self);
const char               *alliance_audit_item_get_client_code (AllianceAuditItem  *self);
char                     *alliance_audit_item_dup_title       (AllianceAuditItem  *self);
char                     *alliance_audit_item_dup_local_time  (AllianceAuditItem  *self);

G_END_DECLS
