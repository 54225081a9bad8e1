/* alliance-audit.c
 *
 * The chain. Row N's hash is the lowercase hex SHA-256 of this canonical
 * text, UTF-8, fields separated by one line feed, no trailing newline:
 *
 *   id \n at \n action \n entity_type \n entity_id \n previous_hash
 *
 * with id and entity_id in decimal, at as stored ("2026-11-27T08:30:54Z"),
 * action as stored ("create"), and previous_hash the hex hash of row N-1
 * (64 zeros for the first row). The same function computes it for the
 * triggers (as the SQL function alliance_audit_hash) and for
 * alliance_audit_verify(), so the two cannot disagree.
 *
 * Without a secret key a chain cannot stop someone who rewrites every
 * hash after the row they changed; it shows a row changed or removed by
 * anyone who did not, which is what it is for. Removing the newest rows
 * is not detectable from the chain alone either.
 */
#define G_LOG_DOMAIN "alliance-audit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-audit-private.h"
#include "alliance-audit.h"

static const char *action_strings[ALLIANCE_N_AUDIT_ACTIONS] = {
  [ALLIANCE_AUDIT_CREATE] = "create",
  [ALLIANCE_AUDIT_CHANGE] = "change",
  [ALLIANCE_AUDIT_DELETE] = "delete",
  [ALLIANCE_AUDIT_SIGN] = "sign",
  [ALLIANCE_AUDIT_ADDENDUM] = "addendum",
  [ALLIANCE_AUDIT_EXPORT] = "export",
  [ALLIANCE_AUDIT_IMPORT] = "import",
  [ALLIANCE_AUDIT_BACKUP] = "backup",
  [ALLIANCE_AUDIT_RESTORE] = "restore",
  [ALLIANCE_AUDIT_DISPOSAL] = "disposal",
  [ALLIANCE_AUDIT_LOCK] = "lock",
  [ALLIANCE_AUDIT_UNLOCK] = "unlock",
};

#define ENTRY_COLUMNS "id, at, action, entity_type, entity_id, previous_hash, hash"

char *
alliance_audit_compute_hash (gint64      id,
                             const char *at,
                             const char *action,
                             const char *entity_type,
                             gint64      entity_id,
                             const char *previous_hash)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s\n%s\n%s\n%" G_GINT64_FORMAT "\n%s",
                          id, at, action, entity_type, entity_id, previous_hash);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* alliance_audit_hash(id, at, action, entity_type, entity_id, previous_hash):
 * NULL when a field is NULL, so the NOT NULL constraint refuses the row. */
static void
audit_hash_sql (sqlite3_context  *context,
                int               n_args,
                sqlite3_value   **args)
{
  char *hash;

  g_assert (n_args == 6);
  for (int i = 0; i < n_args; i++)
    if (sqlite3_value_type (args[i]) == SQLITE_NULL)
      {
        sqlite3_result_null (context);
        return;
      }

  hash = alliance_audit_compute_hash (sqlite3_value_int64 (args[0]),
                                      (const char *)sqlite3_value_text (args[1]),
                                      (const char *)sqlite3_value_text (args[2]),
                                      (const char *)sqlite3_value_text (args[3]),
                                      sqlite3_value_int64 (args[4]),
                                      (const char *)sqlite3_value_text (args[5]));
  sqlite3_result_text (context, hash, -1, g_free);
}

/* Per connection: set by alliance_audit_log_batch(), cleared when the
 * transaction ends, however it ends. */
typedef struct
{
  gboolean in_batch;
} AuditConnection;

static void
audit_logging_sql (sqlite3_context  *context,
                   int               n_args,
                   sqlite3_value   **args)
{
  AuditConnection *connection = sqlite3_user_data (context);

  sqlite3_result_int (context, !connection->in_batch);
}

static void
audit_begin_batch_sql (sqlite3_context  *context,
                       int               n_args,
                       sqlite3_value   **args)
{
  AuditConnection *connection = sqlite3_user_data (context);

  connection->in_batch = TRUE;
  sqlite3_result_null (context);
}

static int
transaction_committed_cb (void *user_data)
{
  AuditConnection *connection = user_data;

  connection->in_batch = FALSE;
  return 0;
}

static void
transaction_rolled_back_cb (void *user_data)
{
  AuditConnection *connection = user_data;

  connection->in_batch = FALSE;
}

/**
 * alliance_audit_register_functions:
 *
 * Makes alliance_audit_hash() available to the schema's triggers on
 * @handle. Innocuous (no side effects), so triggers may call it even with
 * PRAGMA trusted_schema off; not deterministic, so SQLite never lets an
 * index or CHECK depend on it.
 */
gboolean
alliance_audit_register_functions (sqlite3 *handle)
{
  AuditConnection *connection = g_new0 (AuditConnection, 1);
  int rc;

  rc = sqlite3_create_function_v2 (handle, "alliance_audit_hash", 6, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
                                   audit_hash_sql, NULL, NULL, NULL);
  /* SQLite frees @connection with the connection (after rolling back
   * whatever was open, so the hooks below never see it freed). */
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (handle, "alliance_audit_logging", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                     connection, audit_logging_sql, NULL, NULL, g_free);
  else
    g_free (connection);
  /* Direct only: no trigger or view can stop the logging. */
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (handle, "alliance_audit_begin_batch", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     connection, audit_begin_batch_sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_commit_hook (handle, transaction_committed_cb, connection);
      sqlite3_rollback_hook (handle, transaction_rolled_back_cb, connection);
    }
  if (rc != SQLITE_OK)
    g_debug ("Could not register the audit hash function: %s", sqlite3_errstr (rc));
  return rc == SQLITE_OK;
}

void
alliance_audit_entry_free (AllianceAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->entity_type);
  g_free (entry->previous_hash);
  g_free (entry->hash);
  g_free (entry);
}

const char *
alliance_audit_action_to_string (AllianceAuditAction action)
{
  g_return_val_if_fail (action < ALLIANCE_N_AUDIT_ACTIONS, NULL);

  return action_strings[action];
}

static gboolean
action_from_string (const char          *text,
                    AllianceAuditAction *action)
{
  for (guint i = 0; i < ALLIANCE_N_AUDIT_ACTIONS; i++)
    if (g_strcmp0 (text, action_strings[i]) == 0)
      {
        *action = i;
        return TRUE;
      }
  return FALSE;
}

const char *
alliance_audit_action_get_label (AllianceAuditAction action)
{
  switch (action)
    {
    /* Translators: what was done to a record, in the audit log */
    case ALLIANCE_AUDIT_CREATE: return C_("audit action", "Created");
    case ALLIANCE_AUDIT_CHANGE: return C_("audit action", "Changed");
    case ALLIANCE_AUDIT_DELETE: return C_("audit action", "Deleted");
    case ALLIANCE_AUDIT_SIGN: return C_("audit action", "Signed");
    case ALLIANCE_AUDIT_ADDENDUM: return C_("audit action", "Addendum added");
    case ALLIANCE_AUDIT_EXPORT: return C_("audit action", "Exported");
    case ALLIANCE_AUDIT_IMPORT: return C_("audit action", "Imported");
    case ALLIANCE_AUDIT_BACKUP: return C_("audit action", "Backed up");
    case ALLIANCE_AUDIT_RESTORE: return C_("audit action", "Restored");
    case ALLIANCE_AUDIT_DISPOSAL: return C_("audit action", "Disposed of");
    case ALLIANCE_AUDIT_LOCK: return C_("audit action", "Locked");
    case ALLIANCE_AUDIT_UNLOCK: return C_("audit action", "Unlocked");
    case ALLIANCE_N_AUDIT_ACTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * alliance_audit_entity_type_get_label:
 *
 * The translated name of a kind of record as the triggers and callers of
 * alliance_audit_append() write it; an unknown kind is returned as is.
 */
const char *
alliance_audit_entity_type_get_label (const char *entity_type)
{
  static const struct
  {
    const char *type;
    const char *label;
  } labels[] = {
    /* Translators: kinds of record named in the audit log */
    { "client", NC_("audit record", "Client") },
    { "goal", NC_("audit record", "Goal") },
    { "session", NC_("audit record", "Session") },
    { "note", NC_("audit record", "Note") },
    { "administration", NC_("audit record", "Rating") },
    { "session_event", NC_("audit record", "Session event") },
    { "measure", NC_("audit record", "Measure") },
    { "supervision_meeting", NC_("audit record", "Supervision meeting") },
    { "action_item", NC_("audit record", "Action item") },
    { "audit_log", NC_("audit record", "Audit log") },
    { "database", NC_("audit record", "Database") },
    { "export", NC_("audit record", "Export") },
    { "backup", NC_("audit record", "Backup") },
    { "sample_data", NC_("audit record", "Sample data") },
  };

  g_return_val_if_fail (entity_type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (entity_type, labels[i].type))
      return g_dpgettext2 (GETTEXT_PACKAGE, "audit record", labels[i].label);
  return entity_type;
}

gboolean
alliance_audit_append (AllianceDatabase     *database,
                       AllianceAuditAction   action,
                       const char           *entity_type,
                       gint64                entity_id,
                       GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (action < ALLIANCE_N_AUDIT_ACTIONS, FALSE);
  g_return_val_if_fail (entity_type != NULL && entity_type[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!alliance_database_begin (database, error))
    return FALSE;
  stmt = alliance_database_prepare (database,
                                    "INSERT INTO audit_append (action, entity_type, entity_id) VALUES (?1, ?2, ?3)",
                                    error);
  if (stmt == NULL)
    {
      alliance_database_rollback (database);
      return FALSE;
    }
  alliance_statement_bind_text (stmt, 1, action_strings[action]);
  alliance_statement_bind_text (stmt, 2, entity_type);
  sqlite3_bind_int64 (stmt, 3, entity_id);
  if (!alliance_database_step_done (database, stmt, error) ||
      !alliance_database_commit (database, error))
    {
      alliance_database_rollback (database);
      return FALSE;
    }
  return TRUE;
}

/**
 * alliance_audit_log_batch:
 * @entity_type: what the batch writes ("sample_data")
 *
 * For bulk writes of generated records (the sample data, the benchmark's
 * caseloads), where a row per record would cost more than the records:
 * inside the caller's open transaction, appends one row (@action,
 * @entity_type, 0) for the whole batch and stops the per-record rows
 * until that transaction ends, committed or rolled back. Call it first in
 * the outermost transaction.
 */
gboolean
alliance_audit_log_batch (AllianceDatabase     *database,
                          AllianceAuditAction   action,
                          const char           *entity_type,
                          GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (alliance_database_get_handle (database)), FALSE);

  return alliance_audit_append (database, action, entity_type, 0, error) &&
         alliance_database_exec (database, "SELECT alliance_audit_begin_batch ()", error);
}

static AllianceAuditEntry *
entry_from_row (AllianceStatement *stmt)
{
  AllianceAuditEntry *entry = g_new0 (AllianceAuditEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->at = alliance_statement_dup_text (stmt, 1);
  /* The table's CHECK keeps the action one of ours. */
  if (!action_from_string (alliance_statement_get_text (stmt, 2), &entry->action))
    g_warn_if_reached ();
  entry->entity_type = alliance_statement_dup_text (stmt, 3);
  entry->entity_id = sqlite3_column_int64 (stmt, 4);
  entry->previous_hash = alliance_statement_dup_text (stmt, 5);
  entry->hash = alliance_statement_dup_text (stmt, 6);
  return entry;
}

GPtrArray *
alliance_audit_list (AllianceDatabase  *database,
                     gint64             before_id,
                     guint              limit,
                     GError           **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_audit_entry_free);
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), NULL);
  g_return_val_if_fail (before_id >= 0, NULL);

  stmt = alliance_database_prepare (database,
                                    "SELECT " ENTRY_COLUMNS " FROM audit_log WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, before_id > 0 ? before_id : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
alliance_audit_verify (AllianceDatabase  *database,
                       gint64            *first_broken_id,
                       guint64           *n_rows,
                       GError           **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree char *previous = g_strdup (ALLIANCE_AUDIT_ZERO_HASH);
  guint64 count = 0;
  gint64 broken = 0;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), FALSE);

  stmt = alliance_database_prepare (database, "SELECT " ENTRY_COLUMNS " FROM audit_log ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *previous_hash = alliance_statement_get_text (stmt, 5);
      const char *hash = alliance_statement_get_text (stmt, 6);
      g_autofree char *expected = NULL;

      count++;
      if (broken != 0)
        continue;
      expected = alliance_audit_compute_hash (sqlite3_column_int64 (stmt, 0),
                                              alliance_statement_get_text (stmt, 1),
                                              alliance_statement_get_text (stmt, 2),
                                              alliance_statement_get_text (stmt, 3),
                                              sqlite3_column_int64 (stmt, 4),
                                              previous_hash);
      /* A changed row no longer hashes to its own hash; the row after a
       * removed one no longer names its predecessor's. */
      if (!g_str_equal (previous_hash, previous) || !g_str_equal (hash, expected))
        broken = sqlite3_column_int64 (stmt, 0);
      g_free (previous);
      previous = g_strdup (hash);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (database, rc, error);
      return FALSE;
    }

  if (n_rows != NULL)
    *n_rows = count;
  if (first_broken_id != NULL)
    *first_broken_id = broken;
  return broken == 0;
}

/**
 * alliance_audit_dup_client_code:
 *
 * The code of the client whose record @entry names (a client, a goal, a
 * session, a note…), or NULL when it names none or the record is gone.
 */
char *
alliance_audit_dup_client_code (AllianceDatabase         *database,
                                const AllianceAuditEntry *entry)
{
  static const struct
  {
    const char *type;
    const char *sql;
  } lookups[] = {
    { "client", "SELECT code FROM clients WHERE id = ?1" },
    { "goal", "SELECT c.code FROM goals g JOIN clients c ON c.id = g.client_id WHERE g.id = ?1" },
    { "session", "SELECT c.code FROM sessions s JOIN clients c ON c.id = s.client_id WHERE s.id = ?1" },
    { "note", "SELECT c.code FROM notes n JOIN sessions s ON s.id = n.session_id "
              "JOIN clients c ON c.id = s.client_id WHERE n.id = ?1" },
    { "administration", "SELECT c.code FROM administrations a JOIN clients c ON c.id = a.client_id WHERE a.id = ?1" },
    { "session_event", "SELECT c.code FROM session_events e JOIN sessions s ON s.id = e.session_id "
                       "JOIN clients c ON c.id = s.client_id WHERE e.id = ?1" },
    { "action_item", "SELECT c.code FROM action_items i JOIN clients c ON c.id = i.client_id WHERE i.id = ?1" },
  };

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    if (g_strcmp0 (entry->entity_type, lookups[i].type) == 0)
      {
        g_autoptr(AllianceStatement) stmt = alliance_database_prepare (database, lookups[i].sql, NULL);
        gboolean found = FALSE;

        if (stmt == NULL)
          return NULL;
        sqlite3_bind_int64 (stmt, 1, entry->entity_id);
        if (!alliance_database_step_row (database, stmt, &found, NULL) || !found)
          return NULL;
        return alliance_statement_dup_text (stmt, 0);
      }
  return NULL;
}
