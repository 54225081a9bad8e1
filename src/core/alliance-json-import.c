/* alliance-json-import.c
 *
 * json-glib parses the file (and names the line and column of a syntax
 * error); then the tree is checked and inserted table by table, in the
 * order of alliance-json-format.c, inside one transaction. json-glib keeps
 * no positions for nodes, so for any later error a small scanner walks the
 * (already valid) text along the member path of the faulty value to name
 * its line and column.
 *
 * Signed records: the schema freezes a signed note (or meeting) and
 * refuses children under it, so each goes in unsigned, its children after
 * it, and only then its signature, as the app itself signs; addenda, which
 * need a signed note, come last. Its hash is then checked against the
 * content now stored, exactly as the app computes it.
 */
#define G_LOG_DOMAIN "alliance-json-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <string.h>

#include "alliance-audit.h"
#include "alliance-date.h"
#include "alliance-json-format.h"
#include "alliance-json-import.h"
#include "alliance-measure-json.h"
#include "alliance-migrations.h"
#include "alliance-score.h"
#include "alliance-session.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"

G_DEFINE_QUARK (alliance-import-error-quark, alliance_import_error)

typedef struct
{
  JsonObject *object;
  GPtrArray  *path;
  gint64      session_id;
} DeferredRepair;

typedef struct
{
  AllianceDatabase          *database;
  const char                *name;
  const char                *text;
  gsize                      length;
  GPtrArray                 *path;          /* char *: "clients", "[3]", "sessions"… */
  GPtrArray                 *repairs;       /* DeferredRepair * */
  gboolean                   repairs_done;  /* the deferred repairs are going in */
  GHashTable                *measures;      /* row id (gint64 *) → AllianceMeasure * */
  AllianceSessionStore      *sessions;
  AllianceSupervisionStore  *supervision;
  gint64                     client_id;     /* the client being read */
  gint64                     meeting_id;    /* the meeting being read */
  gint64                     discussion_client_id;
  AllianceJsonImportCounts  *counts;
} Import;

static gboolean import_array (Import                  *import,
                              const AllianceJsonTable *table,
                              JsonNode                *node,
                              gint64                   parent_id,
                              GError                 **error);

static gpointer
copy_string (gconstpointer string,
             gpointer      user_data)
{
  return g_strdup (string);
}

static void
deferred_repair_free (DeferredRepair *repair)
{
  json_object_unref (repair->object);
  g_ptr_array_unref (repair->path);
  g_free (repair);
}

/* --- Where in the text ---------------------------------------------------- */

static gsize
skip_space (const char *text,
            gsize       length,
            gsize       pos)
{
  while (pos < length && strchr (" \t\r\n", text[pos]) != NULL && text[pos] != '\0')
    pos++;
  return pos;
}

/* From an opening quote to just after the closing one. */
static gsize
skip_string (const char *text,
             gsize       length,
             gsize       pos)
{
  for (pos++; pos < length && text[pos] != '"'; pos++)
    if (text[pos] == '\\')
      pos++;
  return MIN (pos + 1, length);
}

static gsize
skip_value (const char *text,
            gsize       length,
            gsize       pos)
{
  int depth = 0;

  if (pos >= length)
    return length;
  if (text[pos] == '"')
    return skip_string (text, length, pos);
  if (text[pos] != '{' && text[pos] != '[')
    {
      while (pos < length && strchr (",]} \t\r\n", text[pos]) == NULL)
        pos++;
      return pos;
    }
  for (; pos < length; pos++)
    {
      if (text[pos] == '"')
        {
          pos = skip_string (text, length, pos) - 1;
          continue;
        }
      if (text[pos] == '{' || text[pos] == '[')
        depth++;
      else if ((text[pos] == '}' || text[pos] == ']') && --depth == 0)
        return pos + 1;
    }
  return length;
}

/* The offset of the value at @path, or of the deepest part of it found. */
static gsize
locate (const char *text,
        gsize       length,
        GPtrArray  *path)
{
  gsize pos = skip_space (text, length, 0);

  for (guint i = 0; i < path->len; i++)
    {
      const char *part = g_ptr_array_index (path, i);
      gsize found = G_MAXSIZE;

      if (part[0] == '[')
        {
          guint64 index = g_ascii_strtoull (part + 1, NULL, 10);
          gsize p;

          if (pos >= length || text[pos] != '[')
            return pos;
          p = skip_space (text, length, pos + 1);
          for (guint64 k = 0; k < index && p < length; k++)
            {
              p = skip_space (text, length, skip_value (text, length, p));
              if (p >= length || text[p] != ',')
                return pos;
              p = skip_space (text, length, p + 1);
            }
          found = p;
        }
      else
        {
          gsize p, key_len = strlen (part);

          if (pos >= length || text[pos] != '{')
            return pos;
          p = skip_space (text, length, pos + 1);
          while (p < length && text[p] == '"')
            {
              gsize key_end = skip_string (text, length, p);
              gboolean match = key_end - p == key_len + 2 && memcmp (text + p + 1, part, key_len) == 0;

              p = skip_space (text, length, key_end);
              if (p >= length || text[p] != ':')
                return pos;
              p = skip_space (text, length, p + 1);
              if (match)
                {
                  found = p;
                  break;
                }
              p = skip_space (text, length, skip_value (text, length, p));
              if (p >= length || text[p] != ',')
                return pos;
              p = skip_space (text, length, p + 1);
            }
          if (found == G_MAXSIZE)
            return pos;
        }
      pos = found;
    }
  return pos;
}

static void
line_and_column (const char *text,
                 gsize       offset,
                 guint      *line,
                 guint      *column)
{
  const char *line_start = text;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      {
        (*line)++;
        line_start = text + i + 1;
      }
  *column = (guint) g_utf8_strlen (line_start, text + offset - line_start) + 1;
}

static char *
format_path (GPtrArray *path)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < path->len; i++)
    {
      const char *part = g_ptr_array_index (path, i);

      if (part[0] != '[' && out->len > 0)
        g_string_append_c (out, '.');
      g_string_append (out, part);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "clients.json:120:7: clients[3].date_of_birth: expected …" */
static gboolean G_GNUC_PRINTF (4, 5)
fail (Import     *import,
      GError    **error,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = format_path (import->path);
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  line_and_column (import->text, locate (import->text, import->length, import->path), &line, &column);
  if (where[0] != '\0')
    g_set_error (error, ALLIANCE_IMPORT_ERROR, code, "%s:%u:%u: %s: %s", import->name, line, column, where, message);
  else
    g_set_error (error, ALLIANCE_IMPORT_ERROR, code, "%s:%u:%u: %s", import->name, line, column, message);
  return FALSE;
}

static void
push (Import     *import,
      const char *member)
{
  g_ptr_array_add (import->path, g_strdup (member));
}

static void
push_index (Import *import,
            guint   index)
{
  g_ptr_array_add (import->path, g_strdup_printf ("[%u]", index));
}

static void
pop (Import *import)
{
  g_ptr_array_set_size (import->path, import->path->len - 1);
}

/* --- Values ----------------------------------------------------------------- */

/* What was found, without repeating free text (it may be clinical). */
static char *
describe (JsonNode *node,
          gboolean  quote_text)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return g_strdup (_("an object"));
    case JSON_NODE_ARRAY:
      return g_strdup (_("a list"));
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);

        if (!quote_text)
          return g_strdup (_("a text"));
        if (g_utf8_strlen (text, -1) > 40)
          {
            g_autofree char *start = g_utf8_substring (text, 0, 40);

            return g_strdup_printf ("“%s…”", start);
          }
        return g_strdup_printf ("“%s”", text);
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    default:
      return g_strdup (_("something else"));
    }
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_timestamp (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *again = NULL;

  if (strlen (text) != 20 || text[10] != 'T' || text[19] != 'Z')
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return FALSE;
  again = g_date_time_format (parsed, "%Y-%m-%dT%H:%M:%SZ");
  return g_strcmp0 (again, text) == 0;
}

static gboolean
is_sha256 (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* Checks @node against @column and binds it to parameter @index. */
static gboolean
bind_column (Import                    *import,
             const AllianceJsonColumn  *column,
             JsonNode                  *node,
             sqlite3_stmt              *stmt,
             int                        index,
             GError                   **error)
{
  g_autofree char *found = NULL;
  const char *text;

  if (JSON_NODE_HOLDS_NULL (node) && column->nullable)
    {
      sqlite3_bind_null (stmt, index);
      return TRUE;
    }

  switch (column->kind)
    {
    case ALLIANCE_JSON_INT:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
          (strcmp (column->name, "id") != 0 || json_node_get_int (node) >= 1))
        {
          sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
          return TRUE;
        }
      found = describe (node, TRUE);
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   strcmp (column->name, "id") == 0 ? _("expected a whole number from 1 up, found %s")
                                                   : _("expected a whole number, found %s"), found);

    case ALLIANCE_JSON_BOOL:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        {
          sqlite3_bind_int (stmt, index, json_node_get_boolean (node) ? 1 : 0);
          return TRUE;
        }
      found = describe (node, TRUE);
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, _("expected true or false, found %s"), found);

    case ALLIANCE_JSON_DEFINITION:
      g_assert_not_reached ();

    case ALLIANCE_JSON_TEXT:
    case ALLIANCE_JSON_DATE:
    case ALLIANCE_JSON_DATE_TIME:
    case ALLIANCE_JSON_TIMESTAMP:
    case ALLIANCE_JSON_SHA256:
    default:
      break;
    }

  if (!is_string (node))
    {
      found = describe (node, FALSE);
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   column->nullable ? _("expected a text or null, found %s") : _("expected a text, found %s"),
                   found);
    }
  text = json_node_get_string (node);

  switch (column->kind)
    {
    case ALLIANCE_JSON_DATE:
      if (!alliance_date_is_valid (text))
        {
          found = describe (node, TRUE);
          return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                       _("expected a date like 1990-04-23, found %s"), found);
        }
      break;

    case ALLIANCE_JSON_DATE_TIME:
      if (!alliance_date_time_parse (text, NULL))
        {
          found = describe (node, TRUE);
          return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                       _("expected a date and time like 2024-03-05 14:30, found %s"), found);
        }
      break;

    case ALLIANCE_JSON_TIMESTAMP:
      if (!is_timestamp (text))
        {
          found = describe (node, TRUE);
          return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                       _("expected a UTC time like 2024-03-05T14:30:00Z, found %s"), found);
        }
      break;

    case ALLIANCE_JSON_SHA256:
      if (!is_sha256 (text))
        {
          found = describe (node, TRUE);
          return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                       _("expected a SHA-256 in 64 lowercase hexadecimal digits, found %s"), found);
        }
      break;

    case ALLIANCE_JSON_TEXT:
    default:
      if (column->choices != NULL && !g_strv_contains (column->choices, text))
        {
          g_autofree char *choices = g_strjoinv (", ", (char **) column->choices);

          found = describe (node, TRUE);
          return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                       /* Translators: a list of words, then what the file has */
                       _("expected one of %s; found %s"), choices, found);
        }
      break;
    }
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  return TRUE;
}

/* A measure row's definition: the same checks as importing one file. */
static gboolean
bind_definition (Import       *import,
                 JsonObject   *row,
                 JsonNode     *node,
                 sqlite3_stmt *stmt,
                 int           index,
                 gint64        measure_row_id,
                 GError      **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AllianceMeasure) measure = NULL;
  JsonNode *key, *version;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *found = describe (node, FALSE);

      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("expected a measure definition (an object), found %s"), found);
    }
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  measure = alliance_measure_from_json (text, -1, &local_error);
  if (measure == NULL)
    return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, "%s", local_error->message);

  key = json_object_get_member (row, "key");
  version = json_object_get_member (row, "version");
  if (!is_string (key) || strcmp (json_node_get_string (key), measure->id) != 0 ||
      !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != measure->version)
    return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                 _("the definition’s id and measure_version must be the row’s key and version"));

  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  g_hash_table_insert (import->measures, g_memdup2 (&measure_row_id, sizeof measure_row_id),
                       g_steal_pointer (&measure));
  return TRUE;
}

/* A refused write, in words; SQLite's own text goes to the debug log. */
static gboolean
fail_write (Import  *import,
            int      rc,
            GError **error)
{
  sqlite3 *handle = alliance_database_get_handle (import->database);
  int extended = sqlite3_extended_errcode (handle);

  g_debug ("SQLite error %d: %s", rc, sqlite3_errmsg (handle));
  if ((rc & 0xff) != SQLITE_CONSTRAINT)
    {
      alliance_database_set_error_from_code (import->database, rc, error);
      return FALSE;
    }
  switch (extended)
    {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("this record’s id, or a value that must be unique (a client code, a measure "
                     "version, one note per session), is already in the file"));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("this record names a record (by its id) that is not in the file before it"));
    case SQLITE_CONSTRAINT_TRIGGER:
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("this record breaks a rule of clinical records (a signed record changed, an answer "
                     "out of range, a repair of another client’s rupture, an item done before its meeting)"));
    default:
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("this record breaks a rule of the records (a value not allowed, dates out of "
                     "order, a required text left empty)"));
    }
}

static gboolean
step (Import       *import,
      sqlite3_stmt *stmt,
      GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  return fail_write (import, rc, error);
}

/* --- Rows ------------------------------------------------------------------- */

static gboolean
is_signing_column (const AllianceJsonTable  *table,
                   const AllianceJsonColumn *column)
{
  return table->sign_before > 0 &&
         (strcmp (column->name, "signed_at") == 0 || strcmp (column->name, "signed_by") == 0 ||
          strcmp (column->name, "content_sha256") == 0);
}

/* Members beyond the columns: nested tables and what the export computes. */
static gboolean
is_known_member (const AllianceJsonTable *table,
                 const char              *name)
{
  for (guint i = 0; table->columns[i].name != NULL; i++)
    if (strcmp (table->columns[i].name, name) == 0)
      return TRUE;
  for (guint i = 0; table->children[i] != NULL; i++)
    if (strcmp (table->children[i]->member, name) == 0)
      return TRUE;
  if (table == &alliance_json_clients && strcmp (name, ALLIANCE_JSON_FLAGS) == 0)
    return TRUE;
  if (table == &alliance_json_administrations &&
      (strcmp (name, ALLIANCE_JSON_ANSWERS) == 0 || strcmp (name, ALLIANCE_JSON_SCORE) == 0))
    return TRUE;
  return FALSE;
}

static gboolean
check_members (Import                  *import,
               const AllianceJsonTable *table,
               JsonObject              *object,
               GError                 **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (guint i = 0; table->columns[i].name != NULL; i++)
    if (!json_object_has_member (object, table->columns[i].name))
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("the member “%s” is missing"), table->columns[i].name);
  for (guint i = 0; table->children[i] != NULL; i++)
    if (!json_object_has_member (object, table->children[i]->member))
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("the member “%s” is missing"), table->children[i]->member);
  if (table == &alliance_json_administrations && !json_object_has_member (object, ALLIANCE_JSON_ANSWERS))
    return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                 _("the member “%s” is missing"), ALLIANCE_JSON_ANSWERS);

  for (GList *l = members; l != NULL; l = l->next)
    if (!is_known_member (table, l->data))
      {
        g_autofree char *name = g_utf8_make_valid (l->data, -1);

        push (import, l->data);
        fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, _("“%s” is not part of this format"), name);
        pop (import);
        return FALSE;
      }
  return TRUE;
}

static char *
build_insert (const AllianceJsonTable *table,
              const char * const      *parent_columns)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  guint n = 0;

  g_string_append_printf (sql, "INSERT INTO %s (", table->table);
  for (guint i = 0; table->columns[i].name != NULL; i++, n++)
    g_string_append_printf (sql, "%s%s", n > 0 ? ", " : "", table->columns[i].name);
  for (guint i = 0; parent_columns[i] != NULL; i++, n++)
    g_string_append_printf (sql, ", %s", parent_columns[i]);
  g_string_append (sql, ") VALUES (");
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (sql, "%s?%u", i > 1 ? ", " : "", i);
  g_string_append_c (sql, ')');
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The answers of an administration: one per item, null or in range, and
 * "complete" saying whether all are there. */
static gboolean
insert_answers (Import      *import,
                JsonObject  *object,
                gint64       administration_id,
                GError     **error)
{
  gint64 measure_id = json_object_get_int_member (object, "measure_id");
  const AllianceMeasure *measure = g_hash_table_lookup (import->measures, &measure_id);
  JsonNode *node = json_object_get_member (object, ALLIANCE_JSON_ANSWERS);
  gboolean complete = json_object_get_boolean_member (object, "complete");
  gboolean all_answered = TRUE;
  sqlite3_stmt *stmt;
  JsonArray *answers;
  guint n_items;

  if (measure == NULL)
    {
      push (import, "measure_id");
      fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
            _("expected the id of a measure in this file, found %lld"), (long long) measure_id);
      pop (import);
      return FALSE;
    }

  push (import, ALLIANCE_JSON_ANSWERS);
  n_items = alliance_measure_get_n_items (measure);
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != n_items)
    {
      fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
            g_dngettext (GETTEXT_PACKAGE, "expected a list of %u answer (a whole number or null)",
                         "expected a list of %u answers (each a whole number or null)", n_items),
            n_items);
      pop (import);
      return FALSE;
    }
  answers = json_node_get_array (node);
  stmt = alliance_database_prepare (import->database,
                                    "INSERT INTO item_scores (administration_id, position, value) "
                                    "VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    {
      pop (import);
      return FALSE;
    }
  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *answer = json_array_get_element (answers, i);
      g_autoptr(GError) local_error = NULL;
      gint64 value;

      push_index (import, i);
      if (JSON_NODE_HOLDS_NULL (answer))
        {
          all_answered = FALSE;
          pop (import);
          continue;
        }
      if (!JSON_NODE_HOLDS_VALUE (answer) || json_node_get_value_type (answer) != G_TYPE_INT64)
        {
          g_autofree char *found = describe (answer, TRUE);

          fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, _("expected a whole number or null, found %s"), found);
          g_ptr_array_set_size (import->path, import->path->len - 2);
          return FALSE;
        }
      value = json_node_get_int (answer);
      if (value < G_MININT + 1 || value > G_MAXINT ||
          !alliance_score_check_item (measure, i, (int) value, &local_error))
        {
          if (local_error == NULL)
            fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, _("this answer is far out of range"));
          else
            fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, "%s", local_error->message);
          g_ptr_array_set_size (import->path, import->path->len - 2);
          return FALSE;
        }
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, administration_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_int (stmt, 3, (int) value);
      if (!step (import, stmt, error))
        {
          g_ptr_array_set_size (import->path, import->path->len - 2);
          sqlite3_reset (stmt);
          return FALSE;
        }
      pop (import);
    }
  sqlite3_reset (stmt);
  pop (import);

  if (complete != all_answered)
    {
      push (import, "complete");
      fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
            all_answered ? _("expected true: every item is answered")
                         : _("expected false: some items are unanswered"));
      pop (import);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sign (Import                  *import,
      const AllianceJsonTable *table,
      JsonObject              *object,
      gint64                   id,
      GError                 **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "signed_at")))
    return TRUE;

  sql = g_strdup_printf ("UPDATE %s SET signed_at = ?1, signed_by = ?2, content_sha256 = ?3 WHERE id = ?4",
                         table->table);
  stmt = alliance_database_prepare (import->database, sql, error);
  if (stmt == NULL)
    return FALSE;
  /* Checked by bind_column already; a signature needs all three. */
  sqlite3_bind_text (stmt, 1, json_object_get_string_member (object, "signed_at"), -1, SQLITE_TRANSIENT);
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "signed_by")) ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (object, "content_sha256")))
    {
      sqlite3_reset (stmt);
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("a signed record needs signed_at, signed_by and content_sha256 together"));
    }
  sqlite3_bind_text (stmt, 2, json_object_get_string_member (object, "signed_by"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member (object, "content_sha256"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!step (import, stmt, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
fail_tampered (Import     *import,
               const char *addenda_member,
               guint       addendum_index,
               gboolean    is_addendum,
               gboolean    is_meeting,
               GError    **error)
{
  if (is_addendum)
    {
      push (import, addenda_member);
      push_index (import, addendum_index);
    }
  push (import, "content_sha256");
  fail (import, error, ALLIANCE_IMPORT_ERROR_TAMPERED,
        is_addendum ? _("this addendum’s SHA-256 does not match its text: the file was changed after it was signed")
        : is_meeting ? _("this meeting’s SHA-256 does not match its content: the file was changed after it was signed")
                     : _("this note’s SHA-256 does not match its text: the file was changed after it was signed"));
  g_ptr_array_set_size (import->path, import->path->len - (is_addendum ? 3 : 1));
  return FALSE;
}

/* Recomputes the hashes of a signed note or meeting from what is now
 * stored, as the app does, and compares them with the file's. */
static gboolean
verify_signed (Import                  *import,
               const AllianceJsonTable *table,
               JsonObject              *object,
               gint64                   id,
               gint64                   parent_id,
               GError                 **error)
{
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "signed_at")))
    return TRUE;

  if (table == &alliance_json_notes)
    {
      g_autoptr(AllianceNote) note = alliance_session_store_load_note (import->sessions, parent_id, error);
      g_autofree char *hash = NULL;

      if (note == NULL)
        return FALSE;
      hash = alliance_note_compute_sha256 (note);
      if (g_strcmp0 (hash, note->content_sha256) != 0)
        return fail_tampered (import, NULL, 0, FALSE, FALSE, error);
      for (guint i = 0; i < note->addenda->len; i++)
        {
          const AllianceAddendum *addendum = g_ptr_array_index (note->addenda, i);
          g_autofree char *addendum_hash = alliance_addendum_compute_sha256 (addendum, note->content_sha256);

          if (g_strcmp0 (addendum_hash, addendum->content_sha256) != 0)
            return fail_tampered (import, "addenda", i, TRUE, FALSE, error);
        }
    }
  else
    {
      g_autoptr(AllianceMeeting) meeting = alliance_supervision_store_load_meeting (import->supervision, id, error);
      g_autofree char *hash = NULL;

      if (meeting == NULL)
        return FALSE;
      hash = alliance_meeting_compute_sha256 (meeting);
      if (g_strcmp0 (hash, meeting->content_sha256) != 0)
        return fail_tampered (import, NULL, 0, FALSE, TRUE, error);
      for (guint i = 0; i < meeting->addenda->len; i++)
        {
          const AllianceMeetingAddendum *addendum = g_ptr_array_index (meeting->addenda, i);
          g_autofree char *addendum_hash = alliance_meeting_addendum_compute_sha256 (addendum,
                                                                                     meeting->content_sha256);

          if (g_strcmp0 (addendum_hash, addendum->content_sha256) != 0)
            return fail_tampered (import, "addenda", i, TRUE, TRUE, error);
        }
    }
  return TRUE;
}

static void
count (Import                  *import,
       const AllianceJsonTable *table,
       JsonObject              *object)
{
  if (table == &alliance_json_clients)
    import->counts->clients++;
  else if (table == &alliance_json_sessions)
    import->counts->sessions++;
  else if (table == &alliance_json_notes)
    import->counts->notes++;
  else if (table == &alliance_json_administrations)
    import->counts->administrations++;
  else if (table == &alliance_json_meetings)
    import->counts->meetings++;
  else if (table == &alliance_json_measures && !json_object_get_boolean_member (object, "builtin"))
    import->counts->measures++;
}

/* One row and everything nested in it. */
static gboolean
import_object (Import                  *import,
               const AllianceJsonTable *table,
               JsonNode                *node,
               gint64                   parent_id,
               GError                 **error)
{
  const char *extra_columns[3] = { NULL, NULL, NULL };
  gint64 extra_values[2] = { parent_id, 0 };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  JsonObject *object;
  gint64 id;
  guint n_columns = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *found = describe (node, FALSE);

      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, _("expected an object, found %s"), found);
    }
  object = json_node_get_object (node);
  if (!check_members (import, table, object, error))
    return FALSE;

  /* A repair names a rupture that may come later in the file (a later
   * session); repairs go in once every client's ruptures are in. */
  if (table == &alliance_json_events && !import->repairs_done &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "rupture_id")))
    {
      DeferredRepair *repair = g_new0 (DeferredRepair, 1);

      repair->object = json_object_ref (object);
      repair->path = g_ptr_array_copy (import->path, copy_string, NULL);
      g_ptr_array_set_free_func (repair->path, g_free);
      repair->session_id = parent_id;
      g_ptr_array_add (import->repairs, repair);
      return TRUE;
    }

  if (table->parent_column != NULL)
    extra_columns[0] = table->parent_column;
  if (table == &alliance_json_administrations)
    {
      extra_columns[1] = "client_id";
      extra_values[1] = import->client_id;
    }
  else if (table == &alliance_json_action_items)
    {
      extra_columns[0] = "meeting_id";
      extra_values[0] = import->meeting_id;
      extra_columns[1] = "client_id";
      extra_values[1] = import->discussion_client_id;
    }

  sql = build_insert (table, extra_columns);
  stmt = alliance_database_prepare (import->database, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; table->columns[i].name != NULL; i++, n_columns++)
    {
      const AllianceJsonColumn *column = &table->columns[i];
      JsonNode *value = json_object_get_member (object, column->name);
      gboolean ok;

      push (import, column->name);
      if (column->kind == ALLIANCE_JSON_DEFINITION)
        ok = bind_definition (import, object, value, stmt, (int) i + 1,
                              json_object_get_int_member (object, "id"), error);
      else
        ok = bind_column (import, column, value, stmt, (int) i + 1, error);
      pop (import);
      if (!ok)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (is_signing_column (table, column))
        sqlite3_bind_null (stmt, (int) i + 1);
    }
  for (guint i = 0; extra_columns[i] != NULL; i++)
    sqlite3_bind_int64 (stmt, (int) (n_columns + i + 1), extra_values[i]);
  if (!step (import, stmt, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  id = json_object_get_int_member (object, "id");
  count (import, table, object);
  if (table == &alliance_json_clients)
    import->client_id = id;
  else if (table == &alliance_json_meetings)
    import->meeting_id = id;
  else if (table == &alliance_json_discussions)
    import->discussion_client_id = json_object_get_int_member (object, "client_id");
  else if (table == &alliance_json_administrations && !insert_answers (import, object, id, error))
    return FALSE;

  for (guint i = 0; table->children[i] != NULL; i++)
    {
      const AllianceJsonTable *child = table->children[i];
      gboolean ok;

      if (table->sign_before > 0 && i == table->sign_before && !sign (import, table, object, id, error))
        return FALSE;
      push (import, child->member);
      ok = import_array (import, child, json_object_get_member (object, child->member), id, error);
      pop (import);
      if (!ok)
        return FALSE;
    }
  if (table->sign_before > 0 && !verify_signed (import, table, object, id, parent_id, error))
    return FALSE;
  return TRUE;
}

static gboolean
import_array (Import                  *import,
              const AllianceJsonTable *table,
              JsonNode                *node,
              gint64                   parent_id,
              GError                 **error)
{
  JsonArray *array;

  if (table->single)
    {
      if (JSON_NODE_HOLDS_NULL (node))
        return TRUE;
      return import_object (import, table, node, parent_id, error);
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *found = describe (node, FALSE);

      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, _("expected a list, found %s"), found);
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gboolean ok;

      push_index (import, i);
      ok = import_object (import, table, json_array_get_element (array, i), parent_id, error);
      pop (import);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* --- The document ------------------------------------------------------------ */

static gboolean
check_empty (Import  *import,
             GError **error)
{
  sqlite3 *handle = alliance_database_get_handle (import->database);
  const char *queries[] = {
    "SELECT count(*) FROM clients",
    "SELECT count(*) FROM supervision_meetings",
    "SELECT count(*) FROM measures WHERE builtin = 0",
  };
  gint64 counts[G_N_ELEMENTS (queries)];

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (handle, queries[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        counts[i] = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW)
        {
          alliance_database_set_error_from_code (import->database, rc, error);
          return FALSE;
        }
    }

  if (counts[0] > 0)
    g_set_error (error, ALLIANCE_IMPORT_ERROR, ALLIANCE_IMPORT_ERROR_NOT_EMPTY,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Import goes into an empty database; this one has %lld client. "
                              "Nothing was imported.",
                              "Import goes into an empty database; this one has %lld clients. "
                              "Nothing was imported.",
                              (gulong) counts[0]),
                 (long long) counts[0]);
  else if (counts[1] > 0)
    g_set_error (error, ALLIANCE_IMPORT_ERROR, ALLIANCE_IMPORT_ERROR_NOT_EMPTY,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Import goes into an empty database; this one has %lld"
                              " supervision meeting. Nothing was imported.",
                              "Import goes into an empty database; this one has %lld"
                              " supervision meetings. Nothing was imported.",
                              (gulong) counts[1]),
                 (long long) counts[1]);
  else if (counts[2] > 0)
    g_set_error (error, ALLIANCE_IMPORT_ERROR, ALLIANCE_IMPORT_ERROR_NOT_EMPTY,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Import goes into an empty database; this one has %lld"
                              " measure of your own. Nothing was imported.",
                              "Import goes into an empty database; this one has %lld"
                              " measures of your own. Nothing was imported.",
                              (gulong) counts[2]),
                 (long long) counts[2]);
  else
    return TRUE;
  return FALSE;
}

static gboolean
check_header (Import     *import,
              JsonObject *root,
              GError    **error)
{
  const char *members[] = { "format", "format_version", "flags_as_of", "measures", "clients",
                            "supervision_meetings" };
  g_autoptr(GList) names = json_object_get_members (root);
  JsonNode *node;

  node = json_object_get_member (root, "format");
  if (node == NULL || !is_string (node) || strcmp (json_node_get_string (node), ALLIANCE_JSON_EXPORT_FORMAT) != 0)
    return fail (import, error, ALLIANCE_IMPORT_ERROR_FORMAT,
                 _("this is not an Alliance export (its “format” must be “%s”)"), ALLIANCE_JSON_EXPORT_FORMAT);

  node = json_object_get_member (root, "format_version");
  push (import, "format_version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1)
    {
      fail (import, error, ALLIANCE_IMPORT_ERROR_FORMAT, _("expected the format version, a whole number from 1 up"));
      pop (import);
      return FALSE;
    }
  if (json_node_get_int (node) > ALLIANCE_JSON_EXPORT_VERSION)
    {
      fail (import, error, ALLIANCE_IMPORT_ERROR_FORMAT,
            _("this export was made by a newer version of Alliance (format version %lld"
              "); this version reads format version %d. Update Alliance to import it."),
            (long long) json_node_get_int (node), ALLIANCE_JSON_EXPORT_VERSION);
      pop (import);
      return FALSE;
    }
  pop (import);

  node = json_object_get_member (root, "flags_as_of");
  if (node != NULL && !(is_string (node) && alliance_date_is_valid (json_node_get_string (node))))
    {
      push (import, "flags_as_of");
      fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, _("expected a date like 1990-04-23"));
      pop (import);
      return FALSE;
    }

  for (guint i = 3; i < G_N_ELEMENTS (members); i++)
    if (!json_object_has_member (root, members[i]))
      return fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, _("the member “%s” is missing"), members[i]);
  for (GList *l = names; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        known = known || strcmp (members[i], l->data) == 0;
      if (!known)
        {
          g_autofree char *name = g_utf8_make_valid (l->data, -1);

          push (import, l->data);
          fail (import, error, ALLIANCE_IMPORT_ERROR_INVALID, _("“%s” is not part of this format"), name);
          pop (import);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
import_repairs (Import  *import,
                GError **error)
{
  g_autoptr(GPtrArray) saved_path = import->path;

  import->repairs_done = TRUE;
  for (guint i = 0; i < import->repairs->len; i++)
    {
      DeferredRepair *repair = g_ptr_array_index (import->repairs, i);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), repair->object);

      import->path = repair->path;
      if (!import_object (import, &alliance_json_events, node, repair->session_id, error))
        {
          import->path = g_steal_pointer (&saved_path);
          return FALSE;
        }
    }
  import->path = g_steal_pointer (&saved_path);
  return TRUE;
}

static gboolean
import_document (Import     *import,
                 JsonObject *root,
                 GError    **error)
{
  const AllianceJsonTable *tables[] = { &alliance_json_measures, &alliance_json_clients, &alliance_json_meetings };

  /* Built-in definitions were stored when this database was made; the
   * file's rows (same keys, their own ids and dates) replace them. Nothing
   * uses them yet: the database is empty. */
  if (!alliance_database_exec (import->database, "DELETE FROM measures", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gboolean ok;

      push (import, tables[i]->member);
      ok = import_array (import, tables[i], json_object_get_member (root, tables[i]->member), 0, error);
      pop (import);
      if (!ok)
        return FALSE;

      if (tables[i] == &alliance_json_measures &&
          !alliance_migrations_add_builtin_measures (alliance_database_get_handle (import->database), error))
        return FALSE;
      if (tables[i] == &alliance_json_clients && !import_repairs (import, error))
        return FALSE;
    }
  return alliance_audit_append (import->database, ALLIANCE_AUDIT_IMPORT, "database", 0, error);
}

/* json-glib's parse error, with the file's name and none of its text. */
static void
set_syntax_error (const char  *name,
                  const char  *message,
                  GError     **error)
{
  g_autofree char *position = NULL;
  g_autofree char *what = alliance_json_describe_parse_error (message, &position);

  if (position != NULL)
    g_set_error (error, ALLIANCE_IMPORT_ERROR, ALLIANCE_IMPORT_ERROR_SYNTAX,
                 /* Translators: file:line:column, then json-glib's description */
                 _("%s:%s: this is not valid JSON: %s"), name, position, what);
  else
    g_set_error (error, ALLIANCE_IMPORT_ERROR, ALLIANCE_IMPORT_ERROR_SYNTAX,
                 _("%s: this is not valid JSON: %s"), name, what);
}

gboolean
alliance_json_import (AllianceDatabase          *database,
                      const char                *name,
                      const char                *data,
                      gsize                      length,
                      AllianceJsonImportCounts  *counts,
                      GError                   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) repairs = g_ptr_array_new_with_free_func ((GDestroyNotify) deferred_repair_free);
  g_autoptr(GHashTable) measures = NULL;
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceSupervisionStore) supervision = NULL;
  AllianceJsonImportCounts local_counts = { 0 };
  JsonNode *root;
  Import import;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (counts != NULL)
    *counts = (AllianceJsonImportCounts) { 0 };
  if (length > G_MAXSSIZE || memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, ALLIANCE_IMPORT_ERROR, ALLIANCE_IMPORT_ERROR_SYNTAX,
                   _("%s: this is not a text file (it holds a NUL byte)."), name);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      set_syntax_error (name, parse_error->message, error);
      return FALSE;
    }

  measures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) alliance_measure_free);
  sessions = alliance_session_store_new (database);
  supervision = alliance_supervision_store_new (database);
  import = (Import) {
    .database = database, .name = name, .text = data, .length = length, .path = path,
    .repairs = repairs, .measures = measures, .sessions = sessions, .supervision = supervision,
    .counts = counts != NULL ? counts : &local_counts,
  };
  *import.counts = (AllianceJsonImportCounts) { 0 };

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (&import, error, ALLIANCE_IMPORT_ERROR_FORMAT,
                 _("this is not an Alliance export (expected an object with “format”: “%s”)"),
                 ALLIANCE_JSON_EXPORT_FORMAT);
  if (!check_header (&import, json_node_get_object (root), error))
    return FALSE;

  if (!alliance_database_begin (database, error))
    return FALSE;
  if (!check_empty (&import, error) ||
      !import_document (&import, json_node_get_object (root), error) ||
      !alliance_database_commit (database, error))
    {
      alliance_database_rollback (database);
      *import.counts = (AllianceJsonImportCounts) { 0 };
      return FALSE;
    }
  return TRUE;
}
