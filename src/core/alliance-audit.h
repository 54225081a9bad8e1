/* alliance-audit.h
 *
 * The audit log: who did what to which record, never what the record
 * says. Append-only (triggers refuse UPDATE and DELETE) and tamper-evident:
 * each row carries a SHA-256 over its own fields and the previous row's
 * hash, so changing or removing a row breaks the chain from there on.
 * Writes to clinical tables are logged by the database itself (triggers);
 * actions that are not a row change — export, backup, restore, lock — are
 * logged with alliance_audit_append().
 */
#pragma once

#include "alliance-database.h"

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_AUDIT_CREATE,
  ALLIANCE_AUDIT_CHANGE,
  ALLIANCE_AUDIT_DELETE,
  ALLIANCE_AUDIT_SIGN,
  ALLIANCE_AUDIT_ADDENDUM,
  ALLIANCE_AUDIT_EXPORT,
  ALLIANCE_AUDIT_IMPORT,
  ALLIANCE_AUDIT_BACKUP,
  ALLIANCE_AUDIT_RESTORE,
  ALLIANCE_AUDIT_DISPOSAL,
  ALLIANCE_AUDIT_LOCK,
  ALLIANCE_AUDIT_UNLOCK,
  ALLIANCE_N_AUDIT_ACTIONS,
} AllianceAuditAction;

typedef struct
{
  gint64               id;
  char                *at;            /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
  AllianceAuditAction  action;
  char                *entity_type;   /* "client", "session", "note", "database", "export"… */
  gint64               entity_id;     /* 0 when the action is about no single row */
  char                *previous_hash; /* hex; 64 zeros for the first row */
  char                *hash;          /* hex */
} AllianceAuditEntry;

void        alliance_audit_entry_free         (AllianceAuditEntry  *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceAuditEntry, alliance_audit_entry_free)

/* Appends one row, in its own transaction or inside the caller's. */
gboolean    alliance_audit_append             (AllianceDatabase    *database,
                                               AllianceAuditAction  action,
                                               const char          *entity_type,
                                               gint64               entity_id,
                                               GError             **error);
/* Newest first, at most @limit rows before @before_id (0: from the newest). */
GPtrArray  *alliance_audit_list               (AllianceDatabase    *database,
                                               gint64               before_id,
                                               guint                limit,
                                               GError             **error);
/* Walks the chain from the first row. TRUE when intact; otherwise FALSE
 * with *first_broken_id set to the first row whose hash does not follow
 * (and no GError); FALSE with a GError when it could not be read. */
gboolean    alliance_audit_verify             (AllianceDatabase    *database,
                                               gint64              *first_broken_id,
                                               guint64             *n_rows,
                                               GError             **error);
const char *alliance_audit_action_to_string   (AllianceAuditAction  action);   /* "create", "sign"… */
const char *alliance_audit_action_get_label   (AllianceAuditAction  action);   /* translated */

/* Added while building it. The kind of record, translated ("Client"). */
const char *alliance_audit_entity_type_get_label (const char               *entity_type);
/* The code of the client whose record the entry names, or NULL. */
char       *alliance_audit_dup_client_code       (AllianceDatabase         *database,
                                                  const AllianceAuditEntry *entry);
/* Bulk generated data: one row for the batch instead of one per record,
 * until the caller's open transaction ends. */
gboolean    alliance_audit_log_batch             (AllianceDatabase         *database,
                                                  AllianceAuditAction       action,
                                                  const char               *entity_type,
                                                  GError                  **error);

G_END_DECLS
