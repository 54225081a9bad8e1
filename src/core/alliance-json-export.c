/* alliance-json-export.c
 *
 * Walks the tables of alliance-json-format.c with one query per table and
 * parent, reading the rows exactly as stored (ids, timestamps, hashes), and
 * adds what is computed, never stored: each client's flags and each
 * administration's answers and score. The whole walk runs in one
 * transaction, so an export made while the app is writing is still one
 * consistent moment of the records.
 */
#define G_LOG_DOMAIN "alliance-json-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "alliance-audit.h"
#include "alliance-caseload-flags.h"
#include "alliance-encryption.h"
#include "alliance-file-writer.h"
#include "alliance-json-export.h"
#include "alliance-json-format.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"

typedef struct
{
  AllianceDatabase            *database;
  AllianceSessionStore        *sessions;
  AllianceRatingStore         *ratings;
  const AllianceFlagSettings  *settings;
  const GDate                 *today;
  GHashTable                  *administrations;   /* id → AllianceAdministration *, the current client's */
} Export;

static JsonNode *export_rows (Export                  *export,
                              const AllianceJsonTable *table,
                              gint64                   parent_id,
                              GError                 **error);

static char *
build_select (const AllianceJsonTable *table)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");

  for (guint i = 0; table->columns[i].name != NULL; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", table->columns[i].name);
  g_string_append_printf (sql, " FROM %s", table->table);
  if (table->parent_where != NULL)
    g_string_append_printf (sql, " WHERE %s", table->parent_where);
  g_string_append_printf (sql, " ORDER BY %s", table->order_by);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static void
set_number (JsonObject *object,
            const char *name,
            double      value)
{
  /* Whole totals read as 14, not 14.0. */
  if (value == floor (value) && fabs (value) < 1e15)
    json_object_set_int_member (object, name, (gint64) value);
  else
    json_object_set_double_member (object, name, value);
}

static gboolean
add_column (JsonObject                *object,
            const AllianceJsonColumn  *column,
            sqlite3_stmt              *stmt,
            int                        index,
            GError                   **error)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    {
      json_object_set_null_member (object, column->name);
      return TRUE;
    }

  switch (column->kind)
    {
    case ALLIANCE_JSON_INT:
      json_object_set_int_member (object, column->name, sqlite3_column_int64 (stmt, index));
      return TRUE;

    case ALLIANCE_JSON_BOOL:
      json_object_set_boolean_member (object, column->name, sqlite3_column_int64 (stmt, index) != 0);
      return TRUE;

    case ALLIANCE_JSON_DEFINITION:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        const char *text = (const char *) sqlite3_column_text (stmt, index);

        if (!json_parser_load_from_data (parser, text, -1, NULL))
          {
            g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CORRUPT,
                                 _("A stored measure definition could not be read."));
            return FALSE;
          }
        json_object_set_member (object, column->name, json_node_copy (json_parser_get_root (parser)));
        return TRUE;
      }

    case ALLIANCE_JSON_TEXT:
    case ALLIANCE_JSON_DATE:
    case ALLIANCE_JSON_DATE_TIME:
    case ALLIANCE_JSON_TIMESTAMP:
    case ALLIANCE_JSON_SHA256:
    default:
      json_object_set_string_member (object, column->name, (const char *) sqlite3_column_text (stmt, index));
      return TRUE;
    }
}

static gboolean
add_flags (Export      *export,
           JsonObject  *object,
           gint64       client_id,
           GError     **error)
{
  g_autoptr(AllianceClientFlags) flags = NULL;
  JsonArray *ids = json_array_new ();

  json_object_set_array_member (object, ALLIANCE_JSON_FLAGS, ids);
  flags = alliance_caseload_flags_compute_client (export->sessions, export->ratings, client_id,
                                                  export->settings, export->today, error);
  if (flags == NULL)
    return FALSE;
  for (guint i = 0; i < flags->flags->len; i++)
    {
      const AllianceFlag *flag = g_ptr_array_index (flags->flags, i);

      json_array_add_string_element (ids, flag->id);
    }
  return TRUE;
}

static gboolean
load_administrations (Export  *export,
                      gint64   client_id,
                      GError **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_hash_table_remove_all (export->administrations);
  list = alliance_rating_store_list_client_administrations (export->ratings, client_id, error);
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      AllianceAdministration *copy = alliance_administration_copy (g_ptr_array_index (list, i));

      g_hash_table_insert (export->administrations, &copy->id, copy);
    }
  return TRUE;
}

/* The answers in item order (null where unanswered) and, for a complete
 * administration, its score as the app computes it now. */
static gboolean
add_answers_and_score (Export      *export,
                       JsonObject  *object,
                       gint64       administration_id,
                       GError     **error)
{
  const AllianceAdministration *administration;
  const AllianceMeasure *measure;
  g_autoptr(AllianceScore) score = NULL;
  JsonArray *answers;
  JsonObject *score_object, *subscales;

  administration = g_hash_table_lookup (export->administrations, &administration_id);
  if (administration == NULL)
    {
      g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CORRUPT,
                           _("A rating could not be read back with its session."));
      return FALSE;
    }

  answers = json_array_new ();
  for (guint i = 0; i < administration->n_values; i++)
    {
      if (administration->values[i] == ALLIANCE_SCORE_MISSING)
        json_array_add_null_element (answers);
      else
        json_array_add_int_element (answers, administration->values[i]);
    }
  json_object_set_array_member (object, ALLIANCE_JSON_ANSWERS, answers);

  if (!administration->complete)
    {
      json_object_set_null_member (object, ALLIANCE_JSON_SCORE);
      return TRUE;
    }
  measure = alliance_rating_store_get_measure (export->ratings, administration->measure_key,
                                               administration->measure_version, error);
  if (measure == NULL)
    return FALSE;
  score = alliance_rating_store_interpret (export->ratings, administration, error);
  if (score == NULL)
    return FALSE;

  score_object = json_object_new ();
  set_number (score_object, "total", score->total);
  subscales = json_object_new ();
  for (guint i = 0; i < score->n_subscales && i < measure->subscales->len; i++)
    {
      const AllianceMeasureSubscale *subscale = g_ptr_array_index (measure->subscales, i);

      set_number (subscales, subscale->id, score->subscale_totals[i]);
    }
  json_object_set_object_member (score_object, "subscales", subscales);
  if (score->band_label != NULL)
    json_object_set_string_member (score_object, "band", score->band_label);
  else
    json_object_set_null_member (score_object, "band");
  json_object_set_object_member (object, ALLIANCE_JSON_SCORE, score_object);
  return TRUE;
}

static JsonObject *
export_row (Export                  *export,
            const AllianceJsonTable *table,
            sqlite3_stmt            *stmt,
            GError                 **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  gint64 id = sqlite3_column_int64 (stmt, 0);

  for (guint i = 0; table->columns[i].name != NULL; i++)
    if (!add_column (object, &table->columns[i], stmt, (int) i, error))
      return NULL;

  if (table == &alliance_json_clients &&
      (!add_flags (export, object, id, error) || !load_administrations (export, id, error)))
    return NULL;
  if (table == &alliance_json_administrations && !add_answers_and_score (export, object, id, error))
    return NULL;

  for (guint i = 0; table->children[i] != NULL; i++)
    {
      JsonNode *children = export_rows (export, table->children[i], id, error);

      if (children == NULL)
        return NULL;
      json_object_set_member (object, table->children[i]->member, children);
    }
  return g_steal_pointer (&object);
}

/* The rows of @table under @parent_id: an array, or for a single child
 * (a session's note) the object or null. */
static JsonNode *
export_rows (Export                  *export,
             const AllianceJsonTable *table,
             gint64                   parent_id,
             GError                 **error)
{
  g_autofree char *sql = build_select (table);
  g_autoptr(JsonArray) rows = json_array_new ();
  sqlite3_stmt *stmt;
  JsonNode *node;
  int rc;

  /* Not the database's statement cache: the stores called for each row
   * (flags, scores) must not reset this walk's statement. */
  rc = sqlite3_prepare_v2 (alliance_database_get_handle (export->database), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      alliance_database_set_error_from_code (export->database, rc, error);
      return NULL;
    }
  if (table->parent_where != NULL)
    sqlite3_bind_int64 (stmt, 1, parent_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *object = export_row (export, table, stmt, error);

      if (object == NULL)
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      json_array_add_object_element (rows, object);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (export->database, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  if (!table->single)
    {
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, g_steal_pointer (&rows));
      return node;
    }
  if (json_array_get_length (rows) == 0)
    return json_node_new (JSON_NODE_NULL);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, json_array_get_object_element (rows, 0));
  return node;
}

static char *
build_document (Export  *export,
                GError **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  const AllianceJsonTable *tables[] = {
    &alliance_json_measures, &alliance_json_clients, &alliance_json_meetings,
  };
  g_autofree char *text = NULL;
  char as_of[16];

  g_date_strftime (as_of, sizeof as_of, "%Y-%m-%d", export->today);
  json_object_set_string_member (root, "format", ALLIANCE_JSON_EXPORT_FORMAT);
  json_object_set_int_member (root, "format_version", ALLIANCE_JSON_EXPORT_VERSION);
  json_object_set_string_member (root, "flags_as_of", as_of);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      JsonNode *rows = export_rows (export, tables[i], 0, error);

      if (rows == NULL)
        return NULL;
      json_object_set_member (root, tables[i]->member, rows);
    }

  root_node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root_node, root);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root_node);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

typedef struct
{
  const char *text;
  gsize       length;
} WriteJob;

static gboolean
write_text_cb (int       fd,
               gpointer  user_data,
               int      *saved_errno)
{
  WriteJob *job = user_data;
  gsize done = 0;

  while (done < job->length)
    {
      ssize_t n = write (fd, job->text + done, job->length - done);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

/* How the document leaves the export's transaction: written to a file
 * (plain or encrypted) before the export is logged, or not at all. */
typedef gboolean (*WriteDocumentFunc) (const char  *text,
                                       gpointer     user_data,
                                       GError     **error);

static gboolean
write_file (const char  *text,
            gpointer     user_data,
            GError     **error)
{
  const char *path = user_data;
  WriteJob job = { text, strlen (text) };
  int saved_errno = 0;
  g_autofree char *display_name = NULL;

  if (alliance_file_write_atomically (path, write_text_cb, &job, &saved_errno))
    return TRUE;

  display_name = g_filename_display_name (path);
  if (saved_errno != 0)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 /* Translators: a file name, then why, e.g. "No space left on device" */
                 _("Could not write the export to “%s”: %s."), display_name, g_strerror (saved_errno));
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                 _("Could not write the export to “%s”."), display_name);
  return FALSE;
}

typedef struct
{
  const char                         *path;
  const AllianceEncryptionRecipient  *recipient;
} EncryptedFile;

static gboolean
write_encrypted_file (const char  *text,
                      gpointer     user_data,
                      GError     **error)
{
  EncryptedFile *file = user_data;
  g_autoptr(GBytes) plaintext = g_bytes_new_static (text, strlen (text));

  return alliance_encryption_encrypt_bytes (plaintext, file->path, file->recipient, error);
}

/* Reads inside one transaction (a consistent snapshot), hands the document
 * to @write if given, and logs the export in the audit log in the same
 * transaction, so the log names exactly the exports that happened. */
static char *
export_document (AllianceDatabase            *database,
                 const AllianceFlagSettings  *settings,
                 const GDate                 *today,
                 WriteDocumentFunc            write,
                 gpointer                     write_data,
                 GError                     **error)
{
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  g_autoptr(GHashTable) administrations = NULL;
  char *text = NULL;
  Export export;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  sessions = alliance_session_store_new (database);
  ratings = alliance_rating_store_new (database);
  administrations = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                           (GDestroyNotify) alliance_administration_free);
  export = (Export) { database, sessions, ratings, settings, today, administrations };

  if (!alliance_database_begin (database, error))
    return NULL;
  text = build_document (&export, error);
  if (text == NULL ||
      (write != NULL && !write (text, write_data, error)) ||
      !alliance_audit_append (database, ALLIANCE_AUDIT_EXPORT, "database", 0, error) ||
      !alliance_database_commit (database, error))
    {
      alliance_database_rollback (database);
      alliance_encryption_wipe_string (text);
      return NULL;
    }
  return text;
}

char *
alliance_json_export (AllianceDatabase            *database,
                      const AllianceFlagSettings  *settings,
                      const GDate                 *today,
                      GError                     **error)
{
  return export_document (database, settings, today, NULL, NULL, error);
}

gboolean
alliance_json_export_to_file (AllianceDatabase            *database,
                              const AllianceFlagSettings  *settings,
                              const GDate                 *today,
                              const char                  *path,
                              GError                     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  text = export_document (database, settings, today, write_file, (gpointer)path, error);
  return text != NULL;
}

/**
 * alliance_json_export_to_encrypted_file:
 * @recipient: what to encrypt to: alliance_encryption_recipient_new() from
 *   the passphrase (the slow part, done before, off the main thread in the app)
 *
 * Like alliance_json_export_to_file(), encrypted: the document goes from
 * memory into the encrypted file (alliance-encryption.h) and is wiped; no
 * plaintext ever touches the disk. Logged in the audit log as any export,
 * and only once the file is written.
 */
gboolean
alliance_json_export_to_encrypted_file (AllianceDatabase                   *database,
                                        const AllianceFlagSettings         *settings,
                                        const GDate                        *today,
                                        const char                         *path,
                                        const AllianceEncryptionRecipient  *recipient,
                                        GError                            **error)
{
  EncryptedFile file = { path, recipient };
  char *text;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (recipient != NULL, FALSE);

  text = export_document (database, settings, today, write_encrypted_file, &file, error);
  if (text == NULL)
    return FALSE;
  alliance_encryption_wipe_string (text);
  return TRUE;
}
