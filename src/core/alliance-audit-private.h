/* alliance-audit-private.h
 *
 * What the database layer needs of the audit log: the SQL function the
 * schema's triggers call to chain each row's hash. Any connection that
 * writes clinical tables must have it (AllianceDatabase registers it on
 * every connection it opens); without it such a write fails with "no such
 * function", so a script cannot write records unlogged without first
 * dropping the triggers.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* previous_hash of the first row. */
#define ALLIANCE_AUDIT_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

gboolean  alliance_audit_register_functions (sqlite3    *handle);
char     *alliance_audit_compute_hash       (gint64      id,
                                             const char *at,
                                             const char *action,
                                             const char *entity_type,
                                             gint64      entity_id,
                                             const char *previous_hash);

G_END_DECLS
