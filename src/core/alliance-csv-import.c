/* alliance-csv-import.c
 *
 * Each row becomes the record the app would make (AllianceClient,
 * AllianceSession, AllianceAdministration) and is saved through the same
 * store, so the same validation applies; the stores' own transactions
 * nest as savepoints inside this one, which makes the file all or nothing.
 * Cells are checked first, so an error can name the column.
 */
#define G_LOG_DOMAIN "alliance-csv-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "alliance-audit.h"
#include "alliance-client-store.h"
#include "alliance-csv.h"
#include "alliance-csv-import.h"
#include "alliance-date.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"

typedef struct
{
  const char *name;
  gboolean    required;
} Column;

enum
{
  CLIENT_CODE, CLIENT_GIVEN_NAME, CLIENT_FAMILY_NAME, CLIENT_PREFERRED_NAME, CLIENT_PRONOUNS,
  CLIENT_DATE_OF_BIRTH, CLIENT_STATUS, CLIENT_REFERRAL_SOURCE, CLIENT_START_DATE, CLIENT_DISCHARGE_DATE,
  CLIENT_DISCHARGE_REASON, CLIENT_PHONE, CLIENT_EMAIL, CLIENT_EMERGENCY_NAME, CLIENT_EMERGENCY_RELATIONSHIP,
  CLIENT_EMERGENCY_PHONE, CLIENT_PRESENTING_CONCERNS, CLIENT_ARCHIVED, N_CLIENT_COLUMNS
};

static const Column client_columns[] = {
  { "code", TRUE }, { "given_name", TRUE }, { "family_name", TRUE }, { "preferred_name", FALSE },
  { "pronouns", FALSE }, { "date_of_birth", FALSE }, { "status", FALSE }, { "referral_source", FALSE },
  { "start_date", FALSE }, { "discharge_date", FALSE }, { "discharge_reason", FALSE }, { "phone", FALSE },
  { "email", FALSE }, { "emergency_name", FALSE }, { "emergency_relationship", FALSE },
  { "emergency_phone", FALSE }, { "presenting_concerns", FALSE }, { "archived", FALSE },
};

enum
{
  SESSION_CLIENT_CODE, SESSION_DATE, SESSION_TIME, SESSION_DURATION, SESSION_KIND, SESSION_MODALITY,
  SESSION_ATTENDANCE, N_SESSION_COLUMNS
};

static const Column session_columns[] = {
  { "client_code", TRUE }, { "date", TRUE }, { "time", TRUE }, { "duration", FALSE }, { "kind", FALSE },
  { "modality", FALSE }, { "attendance", FALSE },
};

enum
{
  SCORE_CLIENT_CODE, SCORE_SESSION_DATE, SCORE_SESSION_TIME, SCORE_MEASURE, N_SCORE_COLUMNS
};

static const Column score_columns[] = {
  { "client_code", TRUE }, { "session_date", TRUE }, { "session_time", FALSE }, { "measure", TRUE },
};

typedef struct
{
  AllianceDatabase         *database;
  const char               *name;
  AllianceCsvTable         *table;
  int                       columns[N_CLIENT_COLUMNS];   /* header index of each known column, or -1 */
  GHashTable               *item_columns;                /* folded item id → header index + 1 */
  AllianceClientStore      *clients;
  AllianceSessionStore     *sessions;
  AllianceRatingStore      *ratings;
  AllianceCsvImportCounts  *counts;
  char                     *today;
} Import;

static const char * const kind_names[] = { "clients", "sessions", "scores" };

gboolean
alliance_csv_kind_from_string (const char      *text,
                               AllianceCsvKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (text, kind_names[i]) == 0)
      {
        *kind = (AllianceCsvKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
alliance_csv_kind_to_string (AllianceCsvKind kind)
{
  g_return_val_if_fail (kind < ALLIANCE_CSV_N_KINDS, NULL);

  return kind_names[kind];
}

gboolean
alliance_csv_kind_guess (const char      *filename,
                         AllianceCsvKind *kind)
{
  g_autofree char *base = NULL;
  g_autofree char *folded = NULL;
  const char *stems[] = { "client", "session", "score" };
  int found = -1;

  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  base = g_path_get_basename (filename);
  folded = g_ascii_strdown (base, -1);
  for (guint i = 0; i < G_N_ELEMENTS (stems); i++)
    if (strstr (folded, stems[i]) != NULL)
      {
        /* "client-sessions.csv" names two: ask rather than guess. */
        if (found >= 0)
          return FALSE;
        found = (int) i;
      }
  if (found < 0)
    return FALSE;
  *kind = (AllianceCsvKind) found;
  return TRUE;
}

/* --- Messages ----------------------------------------------------------------- */

/* "clients.csv:14: column 5 (date_of_birth): …", or without a column. */
static gboolean G_GNUC_PRINTF (6, 7)
fail (Import                  *import,
      const AllianceCsvRecord *record,
      int                      column,
      GError                 **error,
      int                      code,
      const char              *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (column >= 0)
    g_set_error (error, ALLIANCE_IMPORT_ERROR, code,
                 /* Translators: file:line: column number (its header): message */
                 _("%s:%u: column %d (%s): %s"), import->name, record->lines[column], column + 1,
                 alliance_csv_record_get (import->table->header, (guint) column), message);
  else
    g_set_error (error, ALLIANCE_IMPORT_ERROR, code, "%s:%u: %s", import->name, record->line, message);
  return FALSE;
}

/* A cell as found, for a message: short, and only from columns that hold
 * no clinical text (dates, codes, choices, numbers). */
static char *
quote (const char *text)
{
  if (g_utf8_strlen (text, -1) > 40)
    {
      g_autofree char *start = g_utf8_substring (text, 0, 40);

      return g_strdup_printf ("“%s…”", start);
    }
  return g_strdup_printf ("“%s”", text);
}

/* --- Header --------------------------------------------------------------------- */

/* "Date of birth", "DATE-OF-BIRTH" and "date_of_birth" are one column. */
static char *
fold_header (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *folded = g_utf8_strdown (stripped, -1);

  for (char *p = folded; *p != '\0'; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return folded;
}

static gboolean
map_header (Import        *import,
            const Column  *columns,
            guint          n_columns,
            GError       **error)
{
  const AllianceCsvRecord *header = import->table->header;

  for (guint i = 0; i < G_N_ELEMENTS (import->columns); i++)
    import->columns[i] = -1;

  for (guint h = 0; h < header->fields->len; h++)
    {
      g_autofree char *folded = fold_header (alliance_csv_record_get (header, h));
      gboolean known = FALSE;

      for (guint c = 0; c < n_columns; c++)
        if (strcmp (folded, columns[c].name) == 0)
          {
            if (import->columns[c] >= 0)
              return fail (import, header, (int) h, error, ALLIANCE_IMPORT_ERROR_INVALID,
                           _("this column is already named in column %d"), import->columns[c] + 1);
            import->columns[c] = (int) h;
            known = TRUE;
          }
      if (!known && import->item_columns != NULL && folded[0] != '\0')
        {
          /* Scores: any other column is an item, by its id ("item 3" is item "3"). */
          const char *id = folded;

          if (g_str_has_prefix (id, "item_") && id[5] != '\0')
            id += 5;
          else if (g_str_has_prefix (id, "item") && g_ascii_isdigit (id[4]))
            id += 4;
          if (g_hash_table_contains (import->item_columns, id))
            return fail (import, header, (int) h, error, ALLIANCE_IMPORT_ERROR_INVALID,
                         _("this item is already named in another column"));
          g_hash_table_insert (import->item_columns, g_strdup (id), GINT_TO_POINTER (h + 1));
          known = TRUE;
        }
      if (!known)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint c = 0; c < n_columns; c++)
            g_string_append_printf (names, "%s%s", c > 0 ? ", " : "", columns[c].name);
          return fail (import, header, (int) h, error, ALLIANCE_IMPORT_ERROR_INVALID,
                       /* Translators: %s is a list of column names */
                       _("not a column Alliance knows; the columns are %s"), names->str);
        }
    }

  for (guint c = 0; c < n_columns; c++)
    if (columns[c].required && import->columns[c] < 0)
      return fail (import, header, -1, error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("the header line has no column “%s”, which is needed"), columns[c].name);
  return TRUE;
}

/* --- Cells ---------------------------------------------------------------------- */

/* The trimmed cell of known column @c, or NULL when the file has no such column. */
static char *
dup_cell (Import                  *import,
          const AllianceCsvRecord *record,
          int                      c)
{
  if (import->columns[c] < 0)
    return NULL;
  return g_strstrip (g_strdup (alliance_csv_record_get (record, (guint) import->columns[c])));
}

static gboolean
read_date (Import                  *import,
           const AllianceCsvRecord *record,
           int                      c,
           gboolean                 required,
           char                   **date,
           GError                 **error)
{
  g_autofree char *cell = dup_cell (import, record, c);

  *date = NULL;
  if (cell == NULL || cell[0] == '\0')
    {
      if (required)
        return fail (import, record, import->columns[c], error, ALLIANCE_IMPORT_ERROR_INVALID,
                     _("expected a date like 1990-04-23, found nothing"));
      return TRUE;
    }
  if (!alliance_date_is_valid (cell))
    {
      g_autofree char *found = quote (cell);

      return fail (import, record, import->columns[c], error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("expected a date like 1990-04-23, found %s"), found);
    }
  *date = g_steal_pointer (&cell);
  return TRUE;
}

/* "No show", "no_show" and "no-show" are one choice. */
static char *
fold_choice (const char *text)
{
  char *folded = g_utf8_strdown (text, -1);

  for (char *p = folded; *p != '\0'; p++)
    if (*p == ' ' || *p == '_')
      *p = '-';
  return folded;
}

typedef gboolean (*FromStringFunc) (const char *text, int *value);

static gboolean
read_choice (Import                  *import,
             const AllianceCsvRecord *record,
             int                      c,
             FromStringFunc           from_string,
             const char              *choices,
             int                     *value,
             GError                 **error)
{
  g_autofree char *cell = dup_cell (import, record, c);
  g_autofree char *folded = NULL;
  g_autofree char *found = NULL;

  if (cell == NULL || cell[0] == '\0')
    return TRUE;   /* the default */
  folded = fold_choice (cell);
  if (from_string (folded, value))
    return TRUE;
  found = quote (cell);
  return fail (import, record, import->columns[c], error, ALLIANCE_IMPORT_ERROR_INVALID,
               _("expected one of %s; found %s"), choices, found);
}

static gboolean
parse_int (const char *text,
           gint64      min,
           gint64      max,
           int        *value)
{
  gint64 parsed;

  if (!g_ascii_string_to_signed (text, 10, min, max, &parsed, NULL))
    return FALSE;
  *value = (int) parsed;
  return TRUE;
}

static gint64
find_client_id (Import     *import,
                const char *code,
                GError    **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  stmt = alliance_database_prepare (import->database, "SELECT id FROM clients WHERE code = ?1", error);
  if (stmt == NULL)
    return -1;
  alliance_statement_bind_text (stmt, 1, code);
  if (!alliance_database_step_row (import->database, stmt, &found, error))
    return -1;
  return found ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
read_client (Import                  *import,
             const AllianceCsvRecord *record,
             int                      c,
             gint64                  *client_id,
             char                   **code_out,
             GError                 **error)
{
  g_autofree char *code = dup_cell (import, record, c);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *found = NULL;

  if (code[0] == '\0')
    return fail (import, record, import->columns[c], error, ALLIANCE_IMPORT_ERROR_INVALID,
                 _("expected a client code, found nothing"));
  *client_id = find_client_id (import, code, &local_error);
  if (*client_id < 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (*client_id == 0)
    {
      found = quote (code);
      return fail (import, record, import->columns[c], error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("expected the code of a client in the records, found %s; import the clients first"),
                   found);
    }
  if (code_out != NULL)
    *code_out = g_steal_pointer (&code);
  return TRUE;
}

/* --- Clients ------------------------------------------------------------------------ */

static gboolean
status_from_string (const char *text,
                    int        *value)
{
  AllianceClientStatus status;

  if (!alliance_client_status_from_string (text, &status))
    return FALSE;
  *value = (int) status;
  return TRUE;
}

static gboolean
archived_from_string (const char *text,
                      int        *value)
{
  const char *yes[] = { "yes", "true", "1", "y" };
  const char *no[] = { "no", "false", "0", "n" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (strcmp (text, yes[i]) == 0)
        {
          *value = TRUE;
          return TRUE;
        }
      if (strcmp (text, no[i]) == 0)
        {
          *value = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

static int
client_field_column (AllianceClientField field)
{
  switch (field)
    {
    case ALLIANCE_CLIENT_FIELD_CODE: return CLIENT_CODE;
    case ALLIANCE_CLIENT_FIELD_GIVEN_NAME: return CLIENT_GIVEN_NAME;
    case ALLIANCE_CLIENT_FIELD_FAMILY_NAME: return CLIENT_FAMILY_NAME;
    case ALLIANCE_CLIENT_FIELD_DATE_OF_BIRTH: return CLIENT_DATE_OF_BIRTH;
    case ALLIANCE_CLIENT_FIELD_START_DATE: return CLIENT_START_DATE;
    case ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE: return CLIENT_DISCHARGE_DATE;
    case ALLIANCE_CLIENT_FIELD_STATUS: return CLIENT_STATUS;
    case ALLIANCE_CLIENT_FIELD_EMAIL: return CLIENT_EMAIL;
    case ALLIANCE_CLIENT_FIELD_NONE:
    default: return -1;
    }
}

static char **
client_text_field (AllianceClient *client,
                   int             c)
{
  switch (c)
    {
    case CLIENT_CODE: return &client->code;
    case CLIENT_GIVEN_NAME: return &client->given_name;
    case CLIENT_FAMILY_NAME: return &client->family_name;
    case CLIENT_PREFERRED_NAME: return &client->preferred_name;
    case CLIENT_PRONOUNS: return &client->pronouns;
    case CLIENT_DATE_OF_BIRTH: return &client->date_of_birth;
    case CLIENT_REFERRAL_SOURCE: return &client->referral_source;
    case CLIENT_START_DATE: return &client->start_date;
    case CLIENT_DISCHARGE_DATE: return &client->discharge_date;
    case CLIENT_DISCHARGE_REASON: return &client->discharge_reason;
    case CLIENT_PHONE: return &client->phone;
    case CLIENT_EMAIL: return &client->email;
    case CLIENT_EMERGENCY_NAME: return &client->emergency_name;
    case CLIENT_EMERGENCY_RELATIONSHIP: return &client->emergency_relationship;
    case CLIENT_EMERGENCY_PHONE: return &client->emergency_phone;
    case CLIENT_PRESENTING_CONCERNS: return &client->presenting_concerns;
    default: return NULL;
    }
}

static gboolean
import_client (Import                  *import,
               const AllianceCsvRecord *record,
               GError                 **error)
{
  g_autoptr(AllianceClient) client = alliance_client_new ();
  g_autoptr(AllianceClient) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  AllianceClientField field = ALLIANCE_CLIENT_FIELD_NONE;
  int status = (int) client->status, archived = FALSE;
  gint64 existing_id;

  for (int c = 0; c < N_CLIENT_COLUMNS; c++)
    {
      char **text = client_text_field (client, c);

      if (text == NULL)
        continue;
      if (c == CLIENT_DATE_OF_BIRTH || c == CLIENT_START_DATE || c == CLIENT_DISCHARGE_DATE)
        {
          if (!read_date (import, record, c, FALSE, text, error))
            return FALSE;
        }
      else
        {
          char *cell = dup_cell (import, record, c);

          *text = cell != NULL ? cell : g_strdup ("");
        }
    }
  if (!read_choice (import, record, CLIENT_STATUS, status_from_string,
                    "enquiry, waitlist, active, on-hold, discharged", &status, error) ||
      !read_choice (import, record, CLIENT_ARCHIVED, archived_from_string, "yes, no", &archived, error))
    return FALSE;
  client->status = (AllianceClientStatus) status;
  client->archived = archived;

  if (!alliance_client_validate (client, import->today, &field, &local_error))
    {
      int c = client_field_column (field);

      return fail (import, record, c >= 0 ? import->columns[c] : -1, error,
                   ALLIANCE_IMPORT_ERROR_INVALID, "%s", local_error->message);
    }

  existing_id = find_client_id (import, client->code, error);
  if (existing_id < 0)
    return FALSE;
  if (existing_id > 0)
    {
      existing = alliance_client_store_load (import->clients, existing_id, error);
      if (existing == NULL)
        return FALSE;
      /* Only what the file says is compared: a column it lacks changes nothing. */
      for (int c = 0; c < N_CLIENT_COLUMNS; c++)
        {
          char **mine = client_text_field (client, c);
          char **theirs = client_text_field (existing, c);
          gboolean same;

          if (import->columns[c] < 0 || c == CLIENT_CODE)
            continue;
          if (mine != NULL)
            same = g_strcmp0 (*mine != NULL ? *mine : "", *theirs != NULL ? *theirs : "") == 0;
          else if (c == CLIENT_STATUS)
            same = alliance_csv_record_get (record, (guint) import->columns[c])[0] == '\0' ||
                   client->status == existing->status;
          else
            same = alliance_csv_record_get (record, (guint) import->columns[c])[0] == '\0' ||
                   client->archived == existing->archived;
          if (!same)
            return fail (import, record, import->columns[c], error, ALLIANCE_IMPORT_ERROR_CONFLICT,
                         _("client %s is already in the records with a different %s; nothing was imported "
                           "(correct the file, or change the client in Alliance)"),
                         existing->code, client_columns[c].name);
        }
      import->counts->unchanged++;
      return TRUE;
    }

  if (!alliance_client_store_save (import->clients, client, &field, &local_error))
    {
      int c = client_field_column (field);

      return fail (import, record, c >= 0 ? import->columns[c] : -1, error,
                   ALLIANCE_IMPORT_ERROR_INVALID, "%s", local_error->message);
    }
  import->counts->added++;
  return TRUE;
}

/* --- Sessions ------------------------------------------------------------------------ */

static gboolean
kind_from_string (const char *text,
                  int        *value)
{
  AllianceSessionKind kind;

  if (!alliance_session_kind_from_string (text, &kind))
    return FALSE;
  *value = (int) kind;
  return TRUE;
}

static gboolean
modality_from_string (const char *text,
                      int        *value)
{
  AllianceModality modality;

  if (!alliance_modality_from_string (text, &modality))
    return FALSE;
  *value = (int) modality;
  return TRUE;
}

static gboolean
attendance_from_string (const char *text,
                        int        *value)
{
  AllianceAttendance attendance;

  if (!alliance_attendance_from_string (text, &attendance))
    return FALSE;
  *value = (int) attendance;
  return TRUE;
}

/* The session of @client_id starting at @starts_at: its id, 0 if none. */
static gint64
find_session (Import     *import,
              gint64      client_id,
              const char *starts_at,
              GError    **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  stmt = alliance_database_prepare (import->database,
                                    "SELECT id FROM sessions WHERE client_id = ?1 AND starts_at = ?2", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, client_id);
  alliance_statement_bind_text (stmt, 2, starts_at);
  if (!alliance_database_step_row (import->database, stmt, &found, error))
    return -1;
  return found ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
read_starts_at (Import                  *import,
                const AllianceCsvRecord *record,
                int                      date_column,
                int                      time_column,
                const char              *date,
                char                   **starts_at,
                GError                 **error)
{
  g_autofree char *time = dup_cell (import, record, time_column);
  g_autofree char *found = NULL;

  *starts_at = alliance_date_time_join (date, time);
  if (*starts_at != NULL)
    return TRUE;
  found = quote (time);
  return fail (import, record, import->columns[time_column], error, ALLIANCE_IMPORT_ERROR_INVALID,
               _("expected a time like 14:30, found %s"), found);
}

static gboolean
import_session (Import                  *import,
                const AllianceCsvRecord *record,
                GError                 **error)
{
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *duration = NULL;
  AllianceSessionField field = ALLIANCE_SESSION_FIELD_NONE;
  gint64 client_id, existing_id;
  int kind, modality, attendance;

  if (!read_client (import, record, SESSION_CLIENT_CODE, &client_id, NULL, error))
    return FALSE;
  session = alliance_session_new (client_id);
  kind = (int) session->kind;
  modality = (int) session->modality;
  attendance = (int) session->attendance;
  if (!read_date (import, record, SESSION_DATE, TRUE, &date, error) ||
      !read_starts_at (import, record, SESSION_DATE, SESSION_TIME, date, &session->starts_at, error))
    return FALSE;

  duration = dup_cell (import, record, SESSION_DURATION);
  if (duration != NULL && duration[0] != '\0' &&
      !parse_int (duration, 1, ALLIANCE_SESSION_MAX_DURATION, &session->duration_minutes))
    {
      g_autofree char *found = quote (duration);

      return fail (import, record, import->columns[SESSION_DURATION], error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("expected minutes, a whole number from 1 to %d, found %s"),
                   ALLIANCE_SESSION_MAX_DURATION, found);
    }
  if (!read_choice (import, record, SESSION_KIND, kind_from_string, "individual, couple, family, group",
                    &kind, error) ||
      !read_choice (import, record, SESSION_MODALITY, modality_from_string, "in-person, video, phone",
                    &modality, error) ||
      !read_choice (import, record, SESSION_ATTENDANCE, attendance_from_string,
                    "attended, cancelled, late-cancelled, no-show, cancelled-by-therapist", &attendance, error))
    return FALSE;
  session->kind = (AllianceSessionKind) kind;
  session->modality = (AllianceModality) modality;
  session->attendance = (AllianceAttendance) attendance;

  existing_id = find_session (import, client_id, session->starts_at, error);
  if (existing_id < 0)
    return FALSE;
  if (existing_id > 0)
    {
      g_autoptr(AllianceSession) existing = alliance_session_store_load_session (import->sessions, existing_id, error);
      struct { int column; gboolean same; } checks[] = {
        { SESSION_DURATION, existing == NULL || duration == NULL || duration[0] == '\0' ||
                            existing->duration_minutes == session->duration_minutes },
        { SESSION_KIND, existing == NULL || existing->kind == session->kind },
        { SESSION_MODALITY, existing == NULL || existing->modality == session->modality },
        { SESSION_ATTENDANCE, existing == NULL || existing->attendance == session->attendance },
      };

      if (existing == NULL)
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
        if (import->columns[checks[i].column] >= 0 && !checks[i].same)
          return fail (import, record, import->columns[checks[i].column], error, ALLIANCE_IMPORT_ERROR_CONFLICT,
                       _("this session (%s) is already in the records with a different %s; nothing was "
                         "imported (correct the file, or change the session in Alliance)"),
                       session->starts_at, session_columns[checks[i].column].name);
      import->counts->unchanged++;
      return TRUE;
    }

  if (!alliance_session_store_save_session (import->sessions, session, &field, &local_error))
    {
      int c = field == ALLIANCE_SESSION_FIELD_DATE ? SESSION_DATE
            : field == ALLIANCE_SESSION_FIELD_TIME ? SESSION_TIME
            : field == ALLIANCE_SESSION_FIELD_DURATION ? SESSION_DURATION : -1;

      return fail (import, record, c >= 0 ? import->columns[c] : -1, error,
                   ALLIANCE_IMPORT_ERROR_INVALID, "%s", local_error->message);
    }
  import->counts->added++;
  return TRUE;
}

/* --- Scores ---------------------------------------------------------------------------- */

static gboolean
find_score_session (Import                  *import,
                    const AllianceCsvRecord *record,
                    gint64                   client_id,
                    const char              *code,
                    const char              *date,
                    gint64                  *session_id,
                    GError                 **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree char *time = dup_cell (import, record, SCORE_SESSION_TIME);
  guint n = 0;
  int rc;

  if (time != NULL && time[0] != '\0')
    {
      g_autofree char *starts_at = NULL;

      if (!read_starts_at (import, record, SCORE_SESSION_DATE, SCORE_SESSION_TIME, date, &starts_at, error))
        return FALSE;
      *session_id = find_session (import, client_id, starts_at, error);
      if (*session_id < 0)
        return FALSE;
      if (*session_id == 0)
        return fail (import, record, import->columns[SCORE_SESSION_TIME], error, ALLIANCE_IMPORT_ERROR_INVALID,
                     _("client %s has no session at %s; import the sessions first"), code, starts_at);
      return TRUE;
    }

  stmt = alliance_database_prepare (import->database,
                                    "SELECT id FROM sessions WHERE client_id = ?1 AND substr (starts_at, 1, 10) = ?2",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  alliance_statement_bind_text (stmt, 2, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *session_id = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (import->database, rc, error);
      return FALSE;
    }
  if (n == 0)
    return fail (import, record, import->columns[SCORE_SESSION_DATE], error, ALLIANCE_IMPORT_ERROR_INVALID,
                 _("client %s has no session on %s; import the sessions first"), code, date);
  if (n > 1)
    return fail (import, record, import->columns[SCORE_SESSION_DATE], error, ALLIANCE_IMPORT_ERROR_INVALID,
                 _("client %s has %u sessions on %s; add a session_time column to say which"), code, n, date);
  return TRUE;
}

static gboolean
read_answers (Import                  *import,
              const AllianceCsvRecord *record,
              const AllianceMeasure   *measure,
              AllianceAdministration  *administration,
              GError                 **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n_answered = 0;

  for (guint i = 0; i < administration->n_values; i++)
    {
      const AllianceMeasureItem *item = alliance_measure_get_item (measure, i);
      g_autofree char *folded = g_utf8_strdown (item->id, -1);
      int column = GPOINTER_TO_INT (g_hash_table_lookup (import->item_columns, folded)) - 1;
      g_autofree char *cell = NULL;
      g_autoptr(GError) local_error = NULL;
      int answer;

      if (column < 0)
        continue;   /* no column: unanswered */
      g_hash_table_add (used, GINT_TO_POINTER (column + 1));
      cell = g_strstrip (g_strdup (alliance_csv_record_get (record, (guint) column)));
      if (cell[0] == '\0')
        continue;
      if (!parse_int (cell, G_MININT + 1, G_MAXINT, &answer))
        {
          g_autofree char *found = quote (cell);

          return fail (import, record, column, error, ALLIANCE_IMPORT_ERROR_INVALID,
                       _("expected a whole number from %d to %d, found %s"), item->min, item->max, found);
        }
      if (!alliance_score_check_item (measure, i, answer, &local_error))
        return fail (import, record, column, error, ALLIANCE_IMPORT_ERROR_INVALID, "%s", local_error->message);
      administration->values[i] = answer;
      n_answered++;
    }

  /* A number under another measure's item is a mistake, not something to drop. */
  g_hash_table_iter_init (&iter, import->item_columns);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int column = GPOINTER_TO_INT (value) - 1;
      g_autofree char *cell = NULL;

      if (g_hash_table_contains (used, value))
        continue;
      cell = g_strstrip (g_strdup (alliance_csv_record_get (record, (guint) column)));
      if (cell[0] != '\0')
        return fail (import, record, column, error, ALLIANCE_IMPORT_ERROR_INVALID,
                     _("%s has no item “%s”; leave this cell empty on its rows"), measure->id,
                     (const char *) key);
    }

  if (n_answered == 0)
    return fail (import, record, -1, error, ALLIANCE_IMPORT_ERROR_INVALID,
                 _("this row has no answers (name each item’s column by its id, e.g. 1 to 9 for phq-9)"));
  return TRUE;
}

static gboolean
same_values (const AllianceAdministration *a,
             const AllianceAdministration *b)
{
  if (a->n_values != b->n_values)
    return FALSE;
  for (guint i = 0; i < a->n_values; i++)
    if (a->values[i] != b->values[i])
      return FALSE;
  return TRUE;
}

static gboolean
import_score (Import                  *import,
              const AllianceCsvRecord *record,
              GError                 **error)
{
  g_autoptr(AllianceAdministration) administration = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *date = NULL;
  g_autofree char *key = NULL;
  const AllianceMeasure *measure;
  gint64 client_id, session_id = 0;

  if (!read_client (import, record, SCORE_CLIENT_CODE, &client_id, &code, error) ||
      !read_date (import, record, SCORE_SESSION_DATE, TRUE, &date, error) ||
      !find_score_session (import, record, client_id, code, date, &session_id, error))
    return FALSE;

  key = dup_cell (import, record, SCORE_MEASURE);
  measure = alliance_rating_store_get_current_measure (import->ratings, key, NULL);
  if (measure == NULL)
    {
      g_autofree char *found = quote (key);

      return fail (import, record, import->columns[SCORE_MEASURE], error, ALLIANCE_IMPORT_ERROR_INVALID,
                   _("expected the key of a measure (as in Preferences → Measures, e.g. phq-9), found %s"),
                   found);
    }

  administration = alliance_administration_new (client_id, session_id, measure);
  if (!read_answers (import, record, measure, administration, error))
    return FALSE;

  existing = alliance_rating_store_list_session_administrations (import->ratings, session_id, error);
  if (existing == NULL)
    return FALSE;
  for (guint i = 0; i < existing->len; i++)
    {
      const AllianceAdministration *other = g_ptr_array_index (existing, i);

      if (strcmp (other->measure_key, measure->id) != 0)
        continue;
      if (other->measure_version == measure->version && same_values (other, administration))
        {
          import->counts->unchanged++;
          return TRUE;
        }
      return fail (import, record, import->columns[SCORE_MEASURE], error, ALLIANCE_IMPORT_ERROR_CONFLICT,
                   _("this session already has %s scores that differ from this row; nothing was imported "
                     "(correct the file, or change the scores in Alliance)"), measure->id);
    }

  if (!alliance_rating_store_save_administration (import->ratings, administration, &local_error))
    return fail (import, record, -1, error, ALLIANCE_IMPORT_ERROR_INVALID, "%s", local_error->message);
  import->counts->added++;
  return TRUE;
}

/* --- The file ------------------------------------------------------------------------------ */

static gboolean
import_rows (Import          *import,
             AllianceCsvKind  kind,
             GError         **error)
{
  for (guint r = 0; r < import->table->records->len; r++)
    {
      const AllianceCsvRecord *record = g_ptr_array_index (import->table->records, r);
      gboolean ok;

      switch (kind)
        {
        case ALLIANCE_CSV_CLIENTS:
          ok = import_client (import, record, error);
          break;
        case ALLIANCE_CSV_SESSIONS:
          ok = import_session (import, record, error);
          break;
        case ALLIANCE_CSV_SCORES:
        case ALLIANCE_CSV_N_KINDS:
        default:
          ok = import_score (import, record, error);
          break;
        }
      if (!ok)
        return FALSE;
    }
  return alliance_audit_append (import->database, ALLIANCE_AUDIT_IMPORT, "database", 0, error);
}

gboolean
alliance_csv_import (AllianceDatabase         *database,
                     AllianceCsvKind           kind,
                     const char               *name,
                     const char               *data,
                     gsize                     length,
                     AllianceCsvImportCounts  *counts,
                     GError                  **error)
{
  g_autoptr(AllianceCsvTable) table = NULL;
  g_autoptr(AllianceClientStore) clients = NULL;
  g_autoptr(AllianceSessionStore) sessions = NULL;
  g_autoptr(AllianceRatingStore) ratings = NULL;
  g_autoptr(GHashTable) item_columns = NULL;
  g_autofree char *today = alliance_date_today ();
  AllianceCsvImportCounts local_counts = { 0 };
  Import import;
  gboolean mapped;

  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (kind < ALLIANCE_CSV_N_KINDS, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (counts != NULL)
    *counts = (AllianceCsvImportCounts) { 0 };
  table = alliance_csv_table_parse (data, length, name, error);
  if (table == NULL)
    return FALSE;

  clients = alliance_client_store_new (database);
  sessions = alliance_session_store_new (database);
  ratings = alliance_rating_store_new (database);
  if (kind == ALLIANCE_CSV_SCORES)
    item_columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import = (Import) {
    .database = database, .name = name, .table = table, .item_columns = item_columns,
    .clients = clients, .sessions = sessions, .ratings = ratings,
    .counts = counts != NULL ? counts : &local_counts, .today = today,
  };
  *import.counts = (AllianceCsvImportCounts) { 0 };

  switch (kind)
    {
    case ALLIANCE_CSV_CLIENTS:
      mapped = map_header (&import, client_columns, G_N_ELEMENTS (client_columns), error);
      break;
    case ALLIANCE_CSV_SESSIONS:
      mapped = map_header (&import, session_columns, G_N_ELEMENTS (session_columns), error);
      break;
    case ALLIANCE_CSV_SCORES:
    case ALLIANCE_CSV_N_KINDS:
    default:
      mapped = map_header (&import, score_columns, G_N_ELEMENTS (score_columns), error);
      break;
    }
  if (!mapped)
    return FALSE;

  if (!alliance_database_begin (database, error))
    return FALSE;
  if (!import_rows (&import, kind, error) || !alliance_database_commit (database, error))
    {
      alliance_database_rollback (database);
      *import.counts = (AllianceCsvImportCounts) { 0 };
      return FALSE;
    }
  return TRUE;
}
