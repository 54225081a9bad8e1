/* alliance-retention-store.c
 *
 * Disposal deletes a client and everything of theirs in one transaction.
 * Signed notes and meetings are frozen by triggers; for the length of the
 * transaction a row in disposal_in_progress lets this one client's rows
 * through those triggers (migration 6), and the schema refuses to commit
 * while the row is still there, so the freeze is never left open.
 *
 * A signed supervision meeting that discussed the client keeps its date,
 * its notes and the other clients' discussions; the disposed client's
 * discussion, excerpts and recommendations go with the rest of their
 * record. The meeting keeps the hash it was signed with, which then no
 * longer matches what it holds: the disposal register and the audit log
 * say why. Refusing instead would make such a client impossible ever to
 * dispose of, keeping clinical text past its retention for good.
 */
#define G_LOG_DOMAIN "alliance-retention-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-audit.h"
#include "alliance-date.h"
#include "alliance-error.h"
#include "alliance-retention-store.h"

struct _AllianceRetentionStore
{
  AllianceStore        parent_instance;

  AllianceDatabase    *database;   /* the parent's, borrowed for brevity */
  AllianceClientStore *clients;
};

G_DEFINE_FINAL_TYPE (AllianceRetentionStore, alliance_retention_store, ALLIANCE_TYPE_STORE)

/* "Last contact": the later of the latest session not entered in error,
 * whatever its attendance — a no-show or a cancellation is written in the
 * record and the client was in contact to book it — and the discharge
 * (often a letter or a last call). Taking the later errs towards keeping
 * records longer, as an irreversible disposal should. A session entered in
 * error never took place. The start date is the last resort (the schema
 * makes a discharged client have a discharge date, so it is only there for
 * safety). SQLite's max() of several values is NULL if any is, hence the
 * coalesces. */
#define LATEST_SESSION \
  "(SELECT max(substr(s.starts_at, 1, 10)) FROM sessions s WHERE s.client_id = c.id AND s.error_reason IS NULL)"
#define RETENTION_SELECT                                                                            \
  "SELECT c.id, c.code, c.given_name, c.family_name, c.preferred_name, c.date_of_birth, "          \
  "c.start_date, c.discharge_date, "                                                                \
  "coalesce(max(coalesce(" LATEST_SESSION ", c.discharge_date), coalesce(c.discharge_date, " LATEST_SESSION ")), " \
  "c.start_date) "                                                                                  \
  "FROM clients c WHERE c.status = 'discharged' "

/* In this order: each statement removes what the next would be refused
 * for (ON DELETE RESTRICT keys), and every statement names the client. */
static const char *const disposal_statements[] = {
  /* Supervision: their recommendations, excerpts (also any excerpt of
   * their notes elsewhere) and discussions. */
  "DELETE FROM action_items WHERE client_id = ?1",
  "DELETE FROM supervision_excerpts WHERE discussion_id IN (SELECT id FROM supervision_discussions WHERE client_id = ?1)"
  " OR note_id IN (SELECT n.id FROM notes n JOIN sessions s ON s.id = n.session_id WHERE s.client_id = ?1)",
  "DELETE FROM supervision_discussions WHERE client_id = ?1",
  /* Notes: addenda, sections (their search rows go by trigger), notes. */
  "DELETE FROM note_addenda WHERE note_id IN (SELECT n.id FROM notes n JOIN sessions s ON s.id = n.session_id"
  " WHERE s.client_id = ?1)",
  "DELETE FROM note_sections WHERE note_id IN (SELECT n.id FROM notes n JOIN sessions s ON s.id = n.session_id"
  " WHERE s.client_id = ?1)",
  "DELETE FROM notes WHERE session_id IN (SELECT id FROM sessions WHERE client_id = ?1)",
  /* Ratings and events; repairs first, as a repair may name a rupture of
   * an earlier session. */
  "DELETE FROM item_scores WHERE administration_id IN (SELECT id FROM administrations WHERE client_id = ?1)",
  "DELETE FROM administrations WHERE client_id = ?1",
  "DELETE FROM session_events WHERE kind = 'repair' AND session_id IN (SELECT id FROM sessions WHERE client_id = ?1)",
  "DELETE FROM session_events WHERE session_id IN (SELECT id FROM sessions WHERE client_id = ?1)",
  "DELETE FROM sessions WHERE client_id = ?1",
  "DELETE FROM goals WHERE client_id = ?1",
  "DELETE FROM clients WHERE id = ?1",
};

/* ---------------------------------------------------------------------- */

static AllianceRetentionRecord *
read_record (AllianceStatement *stmt,
             guint              years)
{
  g_autoptr(AllianceRetentionRecord) record = g_new0 (AllianceRetentionRecord, 1);

  record->client_id = sqlite3_column_int64 (stmt, 0);
  record->code = alliance_statement_dup_text (stmt, 1);
  record->display_name = alliance_client_make_display_name (alliance_statement_get_text (stmt, 2),
                                                            alliance_statement_get_text (stmt, 3),
                                                            alliance_statement_get_text (stmt, 4));
  record->date_of_birth = alliance_statement_dup_text (stmt, 5);
  record->start_date = alliance_statement_dup_text (stmt, 6);
  record->discharge_date = alliance_statement_dup_text (stmt, 7);
  record->last_contact_date = alliance_statement_dup_text (stmt, 8);
  record->retention_date = alliance_retention_compute_date (record->last_contact_date, record->date_of_birth, years);
  if (record->retention_date == NULL)
    {
      /* The schema keeps real dates, so only a year past 9999 gets here:
       * such a record is kept, not listed. */
      g_debug ("No retention date for client %" G_GINT64_FORMAT, record->client_id);
      return NULL;
    }
  return g_steal_pointer (&record);
}

static gboolean
check_years (guint    years,
             GError **error)
{
  if (alliance_retention_years_are_valid (years))
    return TRUE;
  g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
               _("The retention period must be between %d and %d years."),
               ALLIANCE_RETENTION_MIN_YEARS, ALLIANCE_RETENTION_MAX_YEARS);
  return FALSE;
}

static gboolean
check_today (const char  *today,
             GError     **error)
{
  if (today != NULL && alliance_date_is_valid (today))
    return TRUE;
  g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE,
                       _("Write the date as year-month-day, for example 2024-03-15."));
  return FALSE;
}

static GPtrArray *
list_records (AllianceRetentionStore  *self,
              const char              *today,
              guint                    years,
              GError                 **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_retention_record_free);
  int rc;

  stmt = alliance_database_prepare (self->database, RETENTION_SELECT "ORDER BY c.code COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AllianceRetentionRecord *record = read_record (stmt, years);

      if (record == NULL)
        continue;
      if (today != NULL && !alliance_retention_is_past (record->retention_date, today))
        alliance_retention_record_free (record);
      else
        g_ptr_array_add (records, record);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

static AllianceRetentionRecord *
load_record (AllianceRetentionStore  *self,
             gint64                   client_id,
             guint                    years,
             GError                 **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  AllianceRetentionRecord *record;
  gboolean found = FALSE;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT c.status = 'discharged' FROM clients c WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return NULL;
  if (!found)
    {
      g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                           _("This client’s record is no longer in the database."));
      return NULL;
    }
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("Only a discharged client’s records can be disposed of."));
      return NULL;
    }
  alliance_statement_release (stmt);

  stmt = alliance_database_prepare (self->database, RETENTION_SELECT "AND c.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return NULL;
  record = found ? read_record (stmt, years) : NULL;
  if (record == NULL)
    g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                         _("This client’s record is no longer in the database."));
  return record;
}

static gboolean
exec_bound (AllianceRetentionStore  *self,
            const char              *sql,
            gint64                   client_id,
            GError                 **error)
{
  g_autoptr(AllianceStatement) stmt = alliance_database_prepare (self->database, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, client_id);
  return alliance_database_step_write (self->database, stmt,
                                       _("The records could not be disposed of: the database refused to "
                                         "delete part of them. Nothing was deleted."),
                                       TRUE, error);
}

static gboolean
write_register (AllianceRetentionStore         *self,
                const AllianceRetentionRecord  *record,
                guint                           years,
                GError                        **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree char *now = alliance_timestamp_now ();

  stmt = alliance_database_prepare (self->database,
                                    "INSERT INTO disposal_register (client_code, start_date, discharge_date, "
                                    "last_contact_date, retention_date, retention_years, disposed_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  alliance_statement_bind_text (stmt, 1, record->code);
  alliance_statement_bind_date (stmt, 2, record->start_date);
  alliance_statement_bind_date (stmt, 3, record->discharge_date);
  alliance_statement_bind_date (stmt, 4, record->last_contact_date);
  alliance_statement_bind_date (stmt, 5, record->retention_date);
  sqlite3_bind_int (stmt, 6, (int)years);
  alliance_statement_bind_text (stmt, 7, now);
  return alliance_database_step_done (self->database, stmt, error);
}

static gboolean
delete_client_records (AllianceRetentionStore         *self,
                       const AllianceRetentionRecord  *record,
                       guint                           years,
                       GError                        **error)
{
  if (!exec_bound (self, "INSERT INTO disposal_in_progress (client_id) VALUES (?1)", record->client_id, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (disposal_statements); i++)
    if (!exec_bound (self, disposal_statements[i], record->client_id, error))
      return FALSE;

  return write_register (self, record, years, error) &&
         alliance_audit_append (self->database, ALLIANCE_AUDIT_DISPOSAL, "client", record->client_id, error) &&
         exec_bound (self, "DELETE FROM disposal_in_progress WHERE client_id = ?1", record->client_id, error) &&
         /* Deleted rows leave their words in the full-text index until its
          * segments are merged; merging them all now drops them. */
         exec_bound (self, "INSERT INTO note_search (note_search) VALUES ('optimize')", 0, error);
}

static gboolean
query_secure_delete (sqlite3 *handle)
{
  sqlite3_stmt *stmt = NULL;
  gboolean on = FALSE;

  if (sqlite3_prepare_v2 (handle, "PRAGMA secure_delete", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    on = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  return on;
}

/* ---------------------------------------------------------------------- */

static void
alliance_retention_store_constructed (GObject *object)
{
  AllianceRetentionStore *self = (AllianceRetentionStore *)object;

  G_OBJECT_CLASS (alliance_retention_store_parent_class)->constructed (object);

  self->database = alliance_store_get_database (ALLIANCE_STORE (self));
}

static void
alliance_retention_store_dispose (GObject *object)
{
  AllianceRetentionStore *self = (AllianceRetentionStore *)object;

  g_clear_object (&self->clients);

  G_OBJECT_CLASS (alliance_retention_store_parent_class)->dispose (object);
}

static void
alliance_retention_store_class_init (AllianceRetentionStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alliance_retention_store_constructed;
  object_class->dispose = alliance_retention_store_dispose;
}

static void
alliance_retention_store_init (AllianceRetentionStore *self)
{
}

/**
 * alliance_retention_store_new:
 * @clients: the client store of the same records; it emits "changed" for
 *   a disposed client too, so the caseload drops them
 */
AllianceRetentionStore *
alliance_retention_store_new (AllianceClientStore *clients)
{
  AllianceRetentionStore *self;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (clients), NULL);

  self = g_object_new (ALLIANCE_TYPE_RETENTION_STORE,
                       "database", alliance_client_store_get_database (clients),
                       NULL);
  self->clients = g_object_ref (clients);
  return self;
}

/**
 * alliance_retention_store_list_discharged:
 *
 * Every discharged client with their retention date, by code.
 *
 * Returns: (transfer container) (element-type AllianceRetentionRecord):
 */
GPtrArray *
alliance_retention_store_list_discharged (AllianceRetentionStore  *self,
                                          guint                    years,
                                          GError                 **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RETENTION_STORE (self), NULL);

  if (!check_years (years, error))
    return NULL;
  return list_records (self, NULL, years, error);
}

/**
 * alliance_retention_store_list_past:
 * @today: YYYY-MM-DD
 *
 * The discharged clients whose retention date is before @today, by code:
 * the records that may be disposed of on that day.
 *
 * Returns: (transfer container) (element-type AllianceRetentionRecord):
 */
GPtrArray *
alliance_retention_store_list_past (AllianceRetentionStore  *self,
                                    const char              *today,
                                    guint                    years,
                                    GError                 **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RETENTION_STORE (self), NULL);

  if (!check_years (years, error) || !check_today (today, error))
    return NULL;
  return list_records (self, today, years, error);
}

/* One discharged client's retention; an error for anyone else. */
AllianceRetentionRecord *
alliance_retention_store_load (AllianceRetentionStore  *self,
                               gint64                   client_id,
                               guint                    years,
                               GError                 **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RETENTION_STORE (self), NULL);

  if (!check_years (years, error))
    return NULL;
  return load_record (self, client_id, years, error);
}

/* The id of the client with @code (any case), or 0 with an error. */
gint64
alliance_retention_store_find_code (AllianceRetentionStore  *self,
                                    const char              *code,
                                    GError                 **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (ALLIANCE_IS_RETENTION_STORE (self), 0);
  g_return_val_if_fail (code != NULL, 0);

  /* The code column is COLLATE NOCASE. */
  stmt = alliance_database_prepare (self->database, "SELECT id FROM clients WHERE code = ?1", error);
  if (stmt == NULL)
    return 0;
  alliance_statement_bind_text (stmt, 1, code);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return 0;
  if (!found)
    {
      /* Translators: %s is a client code such as C-0007 */
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                   _("There is no client with the code %s."), code);
      return 0;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * alliance_retention_store_dispose_client:
 * @today: YYYY-MM-DD; the client's retention date must be before it
 * @journal_cleared: (out) (optional): whether the write-ahead log could be
 *   emptied afterwards (%FALSE while another connection reads: then the
 *   old pages stay in it until Alliance closes the database)
 *
 * Deletes a discharged client past retention and every record of theirs,
 * and writes the disposal register and the audit log, in one transaction;
 * nothing is deleted on error.
 *
 * secure_delete is on for the connection meanwhile: SQLite overwrites the
 * deleted rows and the pages it frees with zeros in the database file. It
 * does not reach copies elsewhere: the write-ahead log still holds older
 * images of those pages, so it is checkpointed and truncated after the
 * commit; backups, exports and printouts already made keep the client, and
 * a journaling file system or an SSD may keep old blocks out of reach of
 * any program (disk encryption is what protects those).
 */
gboolean
alliance_retention_store_dispose_client (AllianceRetentionStore  *self,
                                         gint64                   client_id,
                                         const char              *today,
                                         guint                    years,
                                         gboolean                *journal_cleared,
                                         GError                 **error)
{
  g_autoptr(AllianceRetentionRecord) record = NULL;
  sqlite3 *handle;
  gboolean was_secure;
  gboolean done = FALSE;
  int n_log = 0, n_checkpointed = 0;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_RETENTION_STORE (self), FALSE);

  if (journal_cleared != NULL)
    *journal_cleared = FALSE;
  if (!check_years (years, error) || !check_today (today, error))
    return FALSE;

  handle = alliance_database_get_handle (self->database);
  /* The checkpoint below needs the commit to be final, not a savepoint. */
  g_return_val_if_fail (sqlite3_get_autocommit (handle), FALSE);

  was_secure = query_secure_delete (handle);
  if (!alliance_database_exec (self->database, "PRAGMA secure_delete = ON", error))
    return FALSE;
  if (!alliance_database_begin (self->database, error))
    goto out;

  /* Read again inside the transaction: what is deleted is what was checked. */
  record = load_record (self, client_id, years, error);
  if (record == NULL)
    goto failed;
  if (!alliance_retention_is_past (record->retention_date, today))
    {
      g_autofree char *shown = alliance_date_format (record->retention_date);

      /* Translators: %s is a date */
      g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                   _("These records must be kept until %s; they cannot be disposed of before then."), shown);
      goto failed;
    }
  if (!delete_client_records (self, record, years, error) ||
      !alliance_database_commit (self->database, error))
    goto failed;
  done = TRUE;
  goto out;

failed:
  alliance_database_rollback (self->database);
out:
  if (!was_secure)
    alliance_database_exec (self->database, "PRAGMA secure_delete = OFF", NULL);
  if (!done)
    return FALSE;

  /* TRUNCATE copies the log into the file (its zeroed pages over the old
   * ones) and empties the log. A reader elsewhere (the flags worker) can
   * keep it from finishing; the log is emptied when the last connection
   * closes anyway. */
  rc = sqlite3_wal_checkpoint_v2 (handle, NULL, SQLITE_CHECKPOINT_TRUNCATE, &n_log, &n_checkpointed);
  if (rc != SQLITE_OK)
    g_debug ("Checkpoint after disposal: SQLite error %d", rc);
  if (journal_cleared != NULL)
    *journal_cleared = rc == SQLITE_OK && n_log <= 0;

  alliance_store_emit_changed (ALLIANCE_STORE (self), client_id);
  alliance_store_emit_changed (ALLIANCE_STORE (self->clients), client_id);
  return TRUE;
}

/**
 * alliance_retention_store_list_register:
 *
 * The disposal register, newest first.
 *
 * Returns: (transfer container) (element-type AllianceDisposalEntry):
 */
GPtrArray *
alliance_retention_store_list_register (AllianceRetentionStore  *self,
                                        GError                 **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_disposal_entry_free);
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_RETENTION_STORE (self), NULL);

  stmt = alliance_database_prepare (self->database,
                                    "SELECT id, client_code, start_date, discharge_date, last_contact_date, "
                                    "retention_date, retention_years, disposed_at FROM disposal_register "
                                    "ORDER BY id DESC",
                                    error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AllianceDisposalEntry *entry = g_new0 (AllianceDisposalEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->client_code = alliance_statement_dup_text (stmt, 1);
      entry->start_date = alliance_statement_dup_text (stmt, 2);
      entry->discharge_date = alliance_statement_dup_text (stmt, 3);
      entry->last_contact_date = alliance_statement_dup_text (stmt, 4);
      entry->retention_date = alliance_statement_dup_text (stmt, 5);
      entry->retention_years = (guint)sqlite3_column_int (stmt, 6);
      entry->disposed_at = alliance_statement_dup_text (stmt, 7);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
