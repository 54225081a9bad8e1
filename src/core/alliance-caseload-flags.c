/* alliance-caseload-flags.c
 *
 * The whole caseload's flags at start-up, read in one pass.
 *
 * Why not AllianceDatabase: that object is the app's single read-write
 * connection, owned by the main thread, and opening it runs migrations. A
 * worker thread needs a connection of its own, and this one only reads,
 * so a plain sqlite3 handle opened SQLITE_OPEN_READONLY is enough; under
 * WAL it sees one consistent snapshot per statement while the window keeps
 * writing. It refuses a file that is not an Alliance database of data
 * format 3 or later (the one with ratings).
 *
 * Sessions, administrations and events are read ORDER BY client through
 * the by-client indexes, and the streams are advanced together client by
 * client, so the records in memory are one client's history at a time
 * whatever the size of the caseload. Only the columns the rules read are
 * loaded.
 *
 * The answers are the exception: there are about three per administration,
 * and reading them joined to the by-client order seeks once per
 * administration, which costs twice as long as reading item_scores
 * straight through in its own (administration, position) order. So they
 * are read first into one compact table (12 bytes an answer, a few MB for
 * 60,000 rated sessions) and looked up by administration id.
 *
 * Past MIN_CLIENTS_PER_PART clients the work is cut in two (or more, one
 * per processor up to MAX_PARTS): the answers by ranges of administration
 * ids, then the clients by ranges of client ids, each range on its own
 * read-only connection in a thread of its own. 2,000 clients with 60,000
 * rated sessions take about 80 ms this way on two cores, against 130 ms in
 * one thread (tests/benchmark).
 */
#define G_LOG_DOMAIN "alliance-caseload-flags"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "alliance-caseload-flags.h"
#include "alliance-database.h"
#include "alliance-measure-json.h"
#include "alliance-migrations.h"
#include "alliance-score.h"

#define MIN_SCHEMA_VERSION 3

/* Sessions in the order the store numbers them; the number itself is
 * counted while streaming, as the store's window function does. */
#define SESSIONS_SQL                                                                               \
  "SELECT client_id, id, starts_at, attendance, error_reason FROM sessions "                       \
  "WHERE client_id BETWEEN ?1 AND ?2 ORDER BY client_id, starts_at, id"
/* Administrations in the order of the by-client index (client, then id),
 * so nothing is sorted: the loader puts a client's few administrations in
 * session order itself. The measure is found by row id in the table
 * loaded first, the date in the client's sessions. */
#define ADMINISTRATIONS_SQL                                                                        \
  "SELECT client_id, id, session_id, measure_id, entry_order, complete FROM administrations "      \
  "WHERE client_id BETWEEN ?1 AND ?2 ORDER BY client_id, id"
/* The primary key's order: a plain scan, no sort. */
#define ANSWERS_SQL                                                                                \
  "SELECT administration_id, position, value FROM item_scores "                                    \
  "WHERE administration_id BETWEEN ?1 AND ?2 ORDER BY administration_id, position"
#define MAX_ANSWERED_SQL "SELECT max(administration_id) FROM item_scores"
#define EVENTS_SQL                                                                                 \
  "SELECT s.client_id, e.id, e.session_id, e.kind, e.resolved, e.rupture_id, s.starts_at "         \
  "FROM session_events e JOIN sessions s ON s.id = e.session_id "                                  \
  "WHERE s.client_id BETWEEN ?1 AND ?2 ORDER BY s.client_id, s.starts_at, s.id, e.id"
/* The boundary-event flag counts from the latest supervision held (a
 * signed meeting; schema version 4), through a partial index. */
#define SUPERVISION_SCHEMA_VERSION 4
#define LAST_SUPERVISION_SQL "SELECT max(meeting_date) FROM supervision_meetings WHERE signed_at IS NOT NULL"
#define CLIENTS_SQL "SELECT id, status IN ('active', 'on-hold') FROM clients WHERE id BETWEEN ?1 AND ?2 ORDER BY id"
#define CLIENT_IDS_SQL "SELECT id FROM clients ORDER BY id"

/* Below this many clients one thread does it all; above, the caseload is
 * cut into ranges of clients, one worker each (up to MAX_PARTS, and no
 * more than the processors), every one on its own connection. */
#define MIN_CLIENTS_PER_PART 500
#define MAX_PARTS 4
#define MEASURES_SQL "SELECT id, key, version, builtin, definition FROM measures"

/* One table read in client order: the current row, if any, and its client. */
typedef struct
{
  sqlite3_stmt *stmt;
  gboolean      has_row;
  gint64        client_id;
} Stream;

/* The stored definitions: by key (each version) for the rules, and by
 * row id for the administrations that name them. */
typedef struct
{
  GHashTable *by_key;      /* key → GPtrArray of AllianceMeasure */
  GHashTable *by_row_id;   /* gint64 * → AllianceMeasure (owned by by_key) */
} Measures;

/* Every stored answer, sorted by administration (as item_scores is). */
typedef struct
{
  GArray *administration_ids;   /* gint64, ascending, one per administration with answers */
  GArray *first;                /* guint, index in answers of its first answer (+ a final end) */
  GArray *answers;              /* Answer */
  guint  *by_id;                /* by_id[id]..by_id[id + 1]: the answers of administration id, when ids are dense */
  gint64  max_id;
} Answers;

typedef struct
{
  guint32 position;
  gint32  value;
} Answer;

/* An administration's place in its client's history. */
typedef struct
{
  guint                   session_index;
  int                     entry_order;
  AllianceAdministration *administration;
} Placed;

typedef struct
{
  char                 *database_path;
  AllianceFlagSettings  settings;
  GDate                 today;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_free (data->database_path);
  g_free (data);
}

static void
set_sqlite_error (sqlite3  *handle,
                  GError  **error)
{
  g_debug ("Reading the caseload's flags failed: %s", handle != NULL ? sqlite3_errmsg (handle) : "no handle");
  g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FAILED,
               _("The flags could not be read from the database."));
}

static gint64
query_int (sqlite3    *handle,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static sqlite3 *
open_read_only (const char  *path,
                GError     **error)
{
  sqlite3 *handle = NULL;
  int rc;

  /* One thread uses it: no need for SQLite's own locking. */
  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("Could not open the database read-only: %s", sqlite3_errstr (rc));
      sqlite3_close (handle);
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_PERMISSIONS,
                   _("The database could not be opened to compute the flags."));
      return NULL;
    }
  sqlite3_busy_timeout (handle, 5000);
  /* Read the file through the page cache instead of copying every page. */
  sqlite3_exec (handle, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);

  if (query_int (handle, "PRAGMA application_id") != ALLIANCE_APPLICATION_ID)
    {
      sqlite3_close (handle);
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_A_DATABASE,
                   _("The file is not an Alliance database."));
      return NULL;
    }
  if (query_int (handle, "PRAGMA user_version") < MIN_SCHEMA_VERSION)
    {
      sqlite3_close (handle);
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FAILED,
                   _("The database has no ratings yet (data format older than %d), so there are no flags."),
                   MIN_SCHEMA_VERSION);
      return NULL;
    }
  return handle;
}

static void
measures_free (Measures *measures)
{
  g_clear_pointer (&measures->by_key, g_hash_table_unref);
  g_clear_pointer (&measures->by_row_id, g_hash_table_unref);
  g_free (measures);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Measures, measures_free)

static Measures *
load_measures (sqlite3  *handle,
               GError  **error)
{
  g_autoptr(Measures) measures = g_new0 (Measures, 1);
  sqlite3_stmt *stmt = NULL;
  int rc;

  measures->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  measures->by_row_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (sqlite3_prepare_v2 (handle, MEASURES_SQL, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (handle, error);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row_id = sqlite3_column_int64 (stmt, 0);
      const char *key = (const char *)sqlite3_column_text (stmt, 1);
      int version = sqlite3_column_int (stmt, 2);
      AllianceMeasure *measure = NULL;
      GPtrArray *versions;

      {
        g_autoptr(GError) local_error = NULL;

        measure = alliance_measure_from_stored (key, version, sqlite3_column_int (stmt, 3) != 0,
                                                (const char *)sqlite3_column_text (stmt, 4),
                                                sqlite3_column_bytes (stmt, 4), &local_error);
        if (measure == NULL)
          {
            g_debug ("A stored definition (version %d) could not be read: %s", version, local_error->message);
            continue;
          }
      }

      versions = g_hash_table_lookup (measures->by_key, key);
      if (versions == NULL)
        {
          versions = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_measure_free);
          g_hash_table_insert (measures->by_key, g_strdup (key), versions);
        }
      g_ptr_array_add (versions, measure);
      g_hash_table_insert (measures->by_row_id, g_memdup2 (&row_id, sizeof row_id), measure);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (handle, error);
      return NULL;
    }
  return g_steal_pointer (&measures);
}

static const AllianceMeasure *
lookup_measure (const char *key,
                int         version,
                gpointer    user_data)
{
  Measures *measures = user_data;
  GPtrArray *versions = g_hash_table_lookup (measures->by_key, key);

  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      const AllianceMeasure *measure = g_ptr_array_index (versions, i);

      if (measure->version == version)
        return measure;
    }
  return NULL;
}

/* @sql selects the clients from ?1 to ?2. */
static gboolean
stream_open (Stream      *stream,
             sqlite3     *handle,
             const char  *sql,
             gint64       first_client,
             gint64       last_client,
             GError     **error)
{
  memset (stream, 0, sizeof *stream);
  if (sqlite3_prepare_v2 (handle, sql, -1, &stream->stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (handle, error);
      return FALSE;
    }
  sqlite3_bind_int64 (stream->stmt, 1, first_client);
  sqlite3_bind_int64 (stream->stmt, 2, last_client);
  return TRUE;
}

static gboolean
stream_next (Stream   *stream,
             sqlite3  *handle,
             GError  **error)
{
  int rc = sqlite3_step (stream->stmt);

  stream->has_row = rc == SQLITE_ROW;
  if (stream->has_row)
    stream->client_id = sqlite3_column_int64 (stream->stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      set_sqlite_error (handle, error);
      return FALSE;
    }
  return TRUE;
}

static void
stream_close (Stream *stream)
{
  g_clear_pointer (&stream->stmt, sqlite3_finalize);
}

/* Rows of @stream whose client comes before @client_id belong to no
 * client row (cannot happen with foreign keys on): skip them. */
static gboolean
stream_skip_to (Stream   *stream,
                sqlite3  *handle,
                gint64    client_id,
                GError  **error)
{
  while (stream->has_row && stream->client_id < client_id)
    if (!stream_next (stream, handle, error))
      return FALSE;
  return TRUE;
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static gboolean
read_sessions (Stream     *stream,
               sqlite3    *handle,
               gint64      client_id,
               GPtrArray  *sessions,
               GError    **error)
{
  int number = 0;

  if (!stream_skip_to (stream, handle, client_id, error))
    return FALSE;
  while (stream->has_row && stream->client_id == client_id)
    {
      sqlite3_stmt *stmt = stream->stmt;
      AllianceSession *session = g_new0 (AllianceSession, 1);
      AllianceAttendance attendance = ALLIANCE_ATTENDANCE_ATTENDED;

      session->client_id = client_id;
      session->id = sqlite3_column_int64 (stmt, 1);
      session->starts_at = column_strdup (stmt, 2);
      session->duration_minutes = ALLIANCE_SESSION_DEFAULT_DURATION;   /* not read: no rule needs it */
      alliance_attendance_from_string ((const char *)sqlite3_column_text (stmt, 3), &attendance);
      session->attendance = attendance;
      session->error_reason = column_strdup (stmt, 4);
      session->number = alliance_session_counts (session) ? ++number : 0;
      g_ptr_array_add (sessions, session);

      if (!stream_next (stream, handle, error))
        return FALSE;
    }
  return TRUE;
}

static void
answers_clear (Answers *answers)
{
  g_clear_pointer (&answers->administration_ids, g_array_unref);
  g_clear_pointer (&answers->first, g_array_unref);
  g_clear_pointer (&answers->answers, g_array_unref);
  g_clear_pointer (&answers->by_id, g_free);
}

/* Row ids are dense unless many rows were deleted: then a direct index
 * by id (4 bytes an id) replaces a binary search per administration. */
static void
index_answers (Answers *answers)
{
  guint n = answers->administration_ids->len;
  gint64 max_id = n > 0 ? g_array_index (answers->administration_ids, gint64, n - 1) : 0;
  gint64 next = 0;

  if (n == 0 || g_array_index (answers->administration_ids, gint64, 0) < 0 ||
      max_id > 4 * (gint64)n + 65536)
    return;

  answers->max_id = max_id;
  answers->by_id = g_new (guint, max_id + 2);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_array_index (answers->administration_ids, gint64, i);

      /* Ids without answers get an empty range. */
      for (; next <= id; next++)
        answers->by_id[next] = g_array_index (answers->first, guint, i);
    }
  for (; next <= max_id + 1; next++)
    answers->by_id[next] = answers->answers->len;
}

static gboolean
load_answers (sqlite3  *handle,
              gint64    first_id,
              gint64    last_id_wanted,
              Answers  *answers,
              GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 last_id = G_MININT64;
  int rc;

  answers->administration_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  answers->first = g_array_new (FALSE, FALSE, sizeof (guint));
  answers->answers = g_array_new (FALSE, FALSE, sizeof (Answer));
  if (sqlite3_prepare_v2 (handle, ANSWERS_SQL, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (handle, error);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id_wanted);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 position = sqlite3_column_int64 (stmt, 1);
      Answer answer;

      if (id != last_id)
        {
          g_assert (id > last_id);
          g_array_append_val (answers->administration_ids, id);
          g_array_append_val (answers->first, answers->answers->len);
          last_id = id;
        }
      answer.position = (guint32)CLAMP (position, 0, G_MAXUINT32);
      answer.value = sqlite3_column_int (stmt, 2);
      g_array_append_val (answers->answers, answer);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (handle, error);
      return FALSE;
    }
  return TRUE;
}

/* Appends @part (answers of higher administration ids) to @answers. */
static void
append_answers (Answers *answers,
                Answers *part)
{
  guint offset = answers->answers->len;

  g_array_append_vals (answers->administration_ids, part->administration_ids->data,
                       part->administration_ids->len);
  for (guint i = 0; i < part->first->len; i++)
    {
      guint first = g_array_index (part->first, guint, i) + offset;

      g_array_append_val (answers->first, first);
    }
  g_array_append_vals (answers->answers, part->answers->data, part->answers->len);
}

/* Closes the table: the end of the last administration's answers, and the
 * index by id. */
static void
finish_answers (Answers *answers)
{
  guint end = answers->answers->len;

  g_array_append_val (answers->first, end);
  index_answers (answers);
}

/* Fills @administration's values from its stored answers. */
static void
copy_answers (const Answers          *answers,
              AllianceAdministration *administration)
{
  const gint64 *ids = (const gint64 *)(gpointer)answers->administration_ids->data;
  guint low = 0, high = answers->administration_ids->len;
  guint start, end;

  if (answers->by_id != NULL)
    {
      if (administration->id < 0 || administration->id > answers->max_id)
        return;
      start = answers->by_id[administration->id];
      end = answers->by_id[administration->id + 1];
      goto copy;
    }

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (ids[middle] < administration->id)
        low = middle + 1;
      else
        high = middle;
    }
  if (low >= answers->administration_ids->len || ids[low] != administration->id)
    return;
  start = g_array_index (answers->first, guint, low);
  end = g_array_index (answers->first, guint, low + 1);

copy:
  for (guint i = start; i < end; i++)
    {
      const Answer *answer = &g_array_index (answers->answers, Answer, i);

      if (answer->position < administration->n_values)
        administration->values[answer->position] = answer->value;
    }
}

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *x = a, *y = b;

  if (x->session_index != y->session_index)
    return x->session_index < y->session_index ? -1 : 1;
  return x->entry_order - y->entry_order;
}

/* Administrations mostly come in session order: the search starts where
 * the previous one was found (@hint, 1-based). */
static guint
find_session_index (GPtrArray  *sessions,
                    GHashTable *by_id,
                    gint64      session_id,
                    guint      *hint)
{
  if (by_id != NULL)
    return GPOINTER_TO_UINT (g_hash_table_lookup (by_id, &session_id));
  for (guint n = 0, i = *hint > 0 ? *hint - 1 : 0; n < sessions->len; n++, i = (i + 1) % sessions->len)
    if (((AllianceSession *)g_ptr_array_index (sessions, i))->id == session_id)
      return *hint = i + 1;
  return 0;
}

/* The client's administrations with their answers, in session order then
 * entry order, as the rules read them. */
static gboolean
read_administrations (Stream         *stream,
                      sqlite3        *handle,
                      gint64          client_id,
                      Measures       *measures,
                      const Answers  *answers,
                      GPtrArray      *sessions,
                      GPtrArray      *administrations,
                      GError        **error)
{
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GArray) placed = NULL;
  guint hint = 0;

  if (!stream_skip_to (stream, handle, client_id, error))
    return FALSE;
  if (!stream->has_row || stream->client_id != client_id)
    return TRUE;

  /* Session positions, 1-based (0: not found); a hash only for long histories. */
  if (sessions->len > 64)
    {
      by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < sessions->len; i++)
        g_hash_table_insert (by_id, &((AllianceSession *)g_ptr_array_index (sessions, i))->id,
                             GUINT_TO_POINTER (i + 1));
    }

  placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  while (stream->has_row && stream->client_id == client_id)
    {
      sqlite3_stmt *stmt = stream->stmt;
      gint64 measure_row_id = sqlite3_column_int64 (stmt, 3);
      const AllianceMeasure *measure = g_hash_table_lookup (measures->by_row_id, &measure_row_id);
      Placed entry = { 0, };

      entry.session_index = find_session_index (sessions, by_id, sqlite3_column_int64 (stmt, 2), &hint);
      if (measure != NULL && entry.session_index > 0)
        {
          const AllianceSession *session = g_ptr_array_index (sessions, entry.session_index - 1);
          AllianceAdministration *administration = g_new0 (AllianceAdministration, 1);

          administration->client_id = client_id;
          administration->id = sqlite3_column_int64 (stmt, 1);
          administration->session_id = session->id;
          administration->measure_key = g_strdup (measure->id);
          administration->measure_version = measure->version;
          administration->rater = measure->rater;
          administration->entry_order = sqlite3_column_int (stmt, 4);
          administration->complete = sqlite3_column_int (stmt, 5) != 0;
          /* administered_at and the timestamps: no rule reads them. */
          administration->n_values = alliance_measure_get_n_items (measure);
          administration->values = alliance_score_values_new (administration->n_values);
          copy_answers (answers, administration);

          entry.entry_order = administration->entry_order;
          entry.administration = administration;
          g_array_append_val (placed, entry);
        }

      if (!stream_next (stream, handle, error))
        return FALSE;
    }

  g_array_sort (placed, compare_placed);
  for (guint i = 0; i < placed->len; i++)
    g_ptr_array_add (administrations, g_array_index (placed, Placed, i).administration);
  return TRUE;
}

static gboolean
read_events (Stream     *stream,
             sqlite3    *handle,
             gint64      client_id,
             GPtrArray  *events,
             GError    **error)
{
  if (!stream_skip_to (stream, handle, client_id, error))
    return FALSE;
  while (stream->has_row && stream->client_id == client_id)
    {
      sqlite3_stmt *stmt = stream->stmt;
      AllianceSessionEvent *event = g_new0 (AllianceSessionEvent, 1);
      const char *kind = (const char *)sqlite3_column_text (stmt, 3);

      event->client_id = client_id;
      event->id = sqlite3_column_int64 (stmt, 1);
      event->session_id = sqlite3_column_int64 (stmt, 2);
      /* Only the kinds the rules read; the others stay "life". */
      if (g_strcmp0 (kind, "rupture") == 0)
        event->kind = ALLIANCE_EVENT_RUPTURE;
      else if (g_strcmp0 (kind, "repair") == 0)
        event->kind = ALLIANCE_EVENT_REPAIR;
      else if (g_strcmp0 (kind, "boundary") == 0)
        event->kind = ALLIANCE_EVENT_BOUNDARY;
      else if (g_strcmp0 (kind, "risk") == 0)
        event->kind = ALLIANCE_EVENT_RISK;
      else
        event->kind = ALLIANCE_EVENT_LIFE;
      event->resolved = sqlite3_column_int (stmt, 4) != 0;
      event->rupture_id = sqlite3_column_int64 (stmt, 5);
      event->occurred_at = column_strdup (stmt, 6);
      event->note = g_strdup ("");
      g_ptr_array_add (events, event);

      if (!stream_next (stream, handle, error))
        return FALSE;
    }
  return TRUE;
}

/* One range of clients, computed on a connection of its own: the
 * definitions and the answers, read once, are shared (read-only). */
typedef struct
{
  const char                  *database_path;
  const AllianceFlagSettings  *settings;
  const GDate                 *today;
  const char                  *last_supervision;   /* NULL: none held */
  GCancellable                *cancellable;
  Measures                    *measures;
  const Answers               *answers;
  gint64                       first_client;
  gint64                       last_client;
  sqlite3                     *handle;      /* NULL: open one */
  GPtrArray                   *flags;       /* out: AllianceClientFlags * */
  GError                      *error;
  /* First the answers of a range of administrations are read, in parallel too. */
  gint64                       first_answered;
  gint64                       last_answered;
  Answers                      own_answers;
} Part;

static gpointer
load_answers_in_thread (gpointer data)
{
  Part *part = data;
  sqlite3 *handle = open_read_only (part->database_path, &part->error);

  if (handle == NULL)
    return NULL;
  if (sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    set_sqlite_error (handle, &part->error);
  else
    load_answers (handle, part->first_answered, part->last_answered, &part->own_answers, &part->error);
  sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (handle);
  return NULL;
}

static gboolean
compute_part (Part *part)
{
  Stream clients = { 0, }, session_rows = { 0, }, administration_rows = { 0, }, event_rows = { 0, };
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_free);
  g_autoptr(GPtrArray) administrations = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_administration_free);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_event_free);
  gboolean own_handle = part->handle == NULL;
  GError **error = &part->error;
  sqlite3 *handle = part->handle;
  gboolean ok = FALSE;
  guint n = 0;

  if (own_handle)
    {
      handle = open_read_only (part->database_path, error);
      if (handle == NULL)
        return FALSE;
      if (sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        {
          set_sqlite_error (handle, error);
          goto out;
        }
    }

  if (!stream_open (&clients, handle, CLIENTS_SQL, part->first_client, part->last_client, error) ||
      !stream_open (&session_rows, handle, SESSIONS_SQL, part->first_client, part->last_client, error) ||
      !stream_open (&administration_rows, handle, ADMINISTRATIONS_SQL, part->first_client, part->last_client, error) ||
      !stream_open (&event_rows, handle, EVENTS_SQL, part->first_client, part->last_client, error) ||
      !stream_next (&clients, handle, error) ||
      !stream_next (&session_rows, handle, error) ||
      !stream_next (&administration_rows, handle, error) ||
      !stream_next (&event_rows, handle, error))
    goto out;

  while (clients.has_row)
    {
      AllianceClientHistory history = { 0, };

      if ((++n % 64) == 0 && g_cancellable_set_error_if_cancelled (part->cancellable, error))
        goto out;

      history.client_id = clients.client_id;
      history.not_in_therapy = sqlite3_column_int (clients.stmt, 1) == 0;
      history.sessions = sessions;
      history.administrations = administrations;
      history.events = events;
      history.last_supervision = part->last_supervision;

      if (!read_sessions (&session_rows, handle, history.client_id, sessions, error) ||
          !read_administrations (&administration_rows, handle, history.client_id, part->measures,
                                 part->answers, sessions, administrations, error) ||
          !read_events (&event_rows, handle, history.client_id, events, error))
        goto out;

      g_ptr_array_add (part->flags, alliance_flags_compute (&history, lookup_measure, part->measures,
                                                            part->settings, part->today));
      g_ptr_array_set_size (sessions, 0);
      g_ptr_array_set_size (administrations, 0);
      g_ptr_array_set_size (events, 0);
      if (!stream_next (&clients, handle, error))
        goto out;
    }
  ok = TRUE;

out:
  stream_close (&clients);
  stream_close (&session_rows);
  stream_close (&administration_rows);
  stream_close (&event_rows);
  if (own_handle)
    {
      sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (handle);
    }
  return ok;
}

static gpointer
compute_part_in_thread (gpointer data)
{
  compute_part (data);
  return NULL;
}

static gint64
query_max_answered (sqlite3 *handle)
{
  return query_int (handle, MAX_ANSWERED_SQL);
}

/* The date of the latest signed supervision meeting, read once for the
 * whole caseload: NULL when none (or the file predates meetings). */
static gboolean
query_last_supervision (sqlite3  *handle,
                        char    **last_supervision,
                        GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *last_supervision = NULL;
  if (query_int (handle, "PRAGMA user_version") < SUPERVISION_SCHEMA_VERSION)
    return TRUE;
  if (sqlite3_prepare_v2 (handle, LAST_SUPERVISION_SQL, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (handle, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *last_supervision = column_strdup (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (handle, error);
      return FALSE;
    }
  return TRUE;
}

static GArray *
list_client_ids (sqlite3  *handle,
                 GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (handle, CLIENT_IDS_SQL, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (handle, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (handle, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * alliance_caseload_flags_compute:
 * @database_path: the Alliance database file
 * @settings: (nullable): thresholds; %NULL for the defaults
 * @today: the date the flags are for
 *
 * A large caseload is cut into ranges of clients computed in parallel,
 * each on its own read-only connection; the first range runs in the
 * calling thread. (Each connection reads its own snapshot: a rating saved
 * meanwhile may be seen without its answers, i.e. as incomplete, until
 * the next computation.)
 *
 * Returns: (transfer full): client id → #AllianceClientFlags for every
 *   client (the key points into the value), or %NULL with @error set.
 */
GHashTable *
alliance_caseload_flags_compute (const char                  *database_path,
                                 const AllianceFlagSettings  *settings,
                                 const GDate                 *today,
                                 GCancellable                *cancellable,
                                 GError                     **error)
{
  g_autoptr(GHashTable) result = NULL;
  g_autoptr(Measures) measures = NULL;
  g_autoptr(GArray) client_ids = NULL;
  g_autofree char *last_supervision = NULL;
  Answers answers = { 0, };
  Part parts[MAX_PARTS] = { { 0, }, };
  GThread *threads[MAX_PARTS] = { NULL, };
  gint64 max_answered;
  guint n_parts;
  gboolean ok = FALSE;
  sqlite3 *handle;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  handle = open_read_only (database_path, error);
  if (handle == NULL)
    return NULL;

  /* One read transaction: every stream of this connection sees the same snapshot. */
  if (sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (handle, error);
      goto out;
    }
  measures = load_measures (handle, error);
  if (measures == NULL || (client_ids = list_client_ids (handle, error)) == NULL ||
      !query_last_supervision (handle, &last_supervision, error))
    goto out;

  n_parts = CLAMP (client_ids->len / MIN_CLIENTS_PER_PART, 1, MIN (MAX_PARTS, g_get_num_processors ()));
  max_answered = query_max_answered (handle);

  /* The answers, cut into ranges of administration ids. */
  for (guint i = 0; i < n_parts; i++)
    {
      parts[i].database_path = database_path;
      parts[i].first_answered = i == 0 ? G_MININT64 : max_answered * i / n_parts + 1;
      parts[i].last_answered = i + 1 == n_parts ? G_MAXINT64 : max_answered * (i + 1) / n_parts;
    }
  for (guint i = 1; i < n_parts; i++)
    threads[i] = g_thread_new ("alliance-flags", load_answers_in_thread, &parts[i]);
  load_answers (handle, parts[0].first_answered, parts[0].last_answered, &answers, &parts[0].error);
  for (guint i = 1; i < n_parts; i++)
    {
      g_thread_join (threads[i]);
      if (parts[i].error == NULL && parts[0].error == NULL)
        append_answers (&answers, &parts[i].own_answers);
      answers_clear (&parts[i].own_answers);
      if (parts[i].error != NULL && parts[0].error == NULL)
        parts[0].error = g_steal_pointer (&parts[i].error);
      g_clear_error (&parts[i].error);
    }
  if (parts[0].error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&parts[0].error));
      goto out;
    }
  finish_answers (&answers);
  for (guint i = 0; i < n_parts; i++)
    {
      guint first = client_ids->len * i / n_parts;
      guint last = client_ids->len * (i + 1) / n_parts;

      parts[i].database_path = database_path;
      parts[i].settings = settings;
      parts[i].today = today;
      parts[i].last_supervision = last_supervision;
      parts[i].cancellable = cancellable;
      parts[i].measures = measures;
      parts[i].answers = &answers;
      parts[i].first_client = i == 0 ? G_MININT64 : g_array_index (client_ids, gint64, first);
      parts[i].last_client = i + 1 == n_parts ? G_MAXINT64 : g_array_index (client_ids, gint64, last) - 1;
      parts[i].flags = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_client_flags_free);
    }
  parts[0].handle = handle;
  for (guint i = 1; i < n_parts; i++)
    threads[i] = g_thread_new ("alliance-flags", compute_part_in_thread, &parts[i]);
  compute_part (&parts[0]);
  for (guint i = 1; i < n_parts; i++)
    g_thread_join (threads[i]);

  result = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                  (GDestroyNotify)alliance_client_flags_free);
  ok = TRUE;
  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i].error != NULL)
        {
          if (ok)
            g_propagate_error (error, g_steal_pointer (&parts[i].error));
          ok = FALSE;
          continue;
        }
      for (guint j = 0; j < parts[i].flags->len; j++)
        {
          AllianceClientFlags *flags = g_ptr_array_steal_index_fast (parts[i].flags, j--);

          g_hash_table_replace (result, &flags->client_id, flags);
        }
    }

out:
  for (guint i = 0; i < MAX_PARTS; i++)
    {
      g_clear_pointer (&parts[i].flags, g_ptr_array_unref);
      g_clear_error (&parts[i].error);
    }
  answers_clear (&answers);
  sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (handle);
  return ok ? g_steal_pointer (&result) : NULL;
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ComputeData *data = task_data;
  GError *error = NULL;
  GHashTable *result;

  result = alliance_caseload_flags_compute (data->database_path, &data->settings, &data->today,
                                            cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify)g_hash_table_unref);
}

void
alliance_caseload_flags_compute_async (const char                  *database_path,
                                       const AllianceFlagSettings  *settings,
                                       const GDate                 *today,
                                       GCancellable                *cancellable,
                                       GAsyncReadyCallback          callback,
                                       gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));

  data = g_new0 (ComputeData, 1);
  data->database_path = g_strdup (database_path);
  if (settings != NULL)
    data->settings = *settings;
  else
    alliance_flag_settings_init (&data->settings);
  data->today = *today;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, alliance_caseload_flags_compute_async);
  g_task_set_task_data (task, data, (GDestroyNotify)compute_data_free);
  g_task_run_in_thread (task, compute_in_thread);
}

GHashTable *
alliance_caseload_flags_compute_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == alliance_caseload_flags_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Active or on hold (not enquiry, waitlist or discharged). */
static gboolean
client_in_therapy (AllianceRatingStore  *ratings,
                   gint64                client_id,
                   gboolean             *in_therapy,
                   GError              **error)
{
  AllianceDatabase *database = alliance_store_get_database (ALLIANCE_STORE (ratings));
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  stmt = alliance_database_prepare (database, "SELECT status IN ('active', 'on-hold') FROM clients WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (!alliance_database_step_row (database, stmt, &found, error))
    return FALSE;
  *in_therapy = !found || sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* The date of the latest signed supervision meeting, or NULL: one row off
 * a partial index, cheap enough for each recomputation of one client. A
 * failure only costs the precise window: the flag falls back to its days. */
static char *
dup_last_supervision (AllianceRatingStore *ratings)
{
  AllianceDatabase *database = alliance_store_get_database (ALLIANCE_STORE (ratings));
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  stmt = alliance_database_prepare (database, LAST_SUPERVISION_SQL, &error);
  if (stmt == NULL || !alliance_database_step_row (database, stmt, &found, &error))
    {
      g_debug ("The date of the last supervision could not be read: %s", error->message);
      return NULL;
    }
  return found ? alliance_statement_dup_text (stmt, 0) : NULL;
}

static const AllianceMeasure *
lookup_in_store (const char *key,
                 int         version,
                 gpointer    user_data)
{
  return alliance_rating_store_get_measure (ALLIANCE_RATING_STORE (user_data), key, version, NULL);
}

/**
 * alliance_caseload_flags_compute_lists:
 * @sessions: the client's sessions as the session store lists them (newest first)
 * @administrations: as the rating store lists them (oldest first)
 * @events: likewise
 *
 * One client's flags from records the caller has already loaded (the
 * client page shows them too), so nothing is read twice; only the date of
 * the last supervision held is read here.
 */
AllianceClientFlags *
alliance_caseload_flags_compute_lists (AllianceRatingStore         *ratings,
                                       gint64                       client_id,
                                       gboolean                     in_therapy,
                                       GPtrArray                   *sessions,
                                       GPtrArray                   *administrations,
                                       GPtrArray                   *events,
                                       const AllianceFlagSettings  *settings,
                                       const GDate                 *today)
{
  g_autoptr(GPtrArray) oldest_first = NULL;
  g_autofree char *last_supervision = NULL;
  AllianceClientHistory history = { 0 };
  AllianceFlagSettings defaults;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (ratings), NULL);
  g_return_val_if_fail (sessions != NULL && administrations != NULL && events != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (settings == NULL)
    {
      alliance_flag_settings_init (&defaults);
      settings = &defaults;
    }

  /* The rules read oldest first; the caller's list stays as it is. */
  oldest_first = g_ptr_array_sized_new (sessions->len);
  for (guint i = sessions->len; i > 0; i--)
    g_ptr_array_add (oldest_first, g_ptr_array_index (sessions, i - 1));

  history.client_id = client_id;
  history.not_in_therapy = !in_therapy;
  history.sessions = oldest_first;
  history.administrations = administrations;
  history.events = events;
  last_supervision = dup_last_supervision (ratings);
  history.last_supervision = last_supervision;
  return alliance_flags_compute (&history, lookup_in_store, ratings, settings, today);
}

/**
 * alliance_caseload_flags_compute_client:
 *
 * One client's flags from the stores, for the main thread after one of the
 * client's records changed: a few indexed queries, no whole-caseload scan.
 */
AllianceClientFlags *
alliance_caseload_flags_compute_client (AllianceSessionStore        *sessions,
                                        AllianceRatingStore         *ratings,
                                        gint64                       client_id,
                                        const AllianceFlagSettings  *settings,
                                        const GDate                 *today,
                                        GError                     **error)
{
  g_autoptr(GPtrArray) session_list = NULL;
  g_autoptr(GPtrArray) administrations = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gboolean in_therapy = TRUE;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (sessions), NULL);
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (ratings), NULL);

  if (!client_in_therapy (ratings, client_id, &in_therapy, error) ||
      (session_list = alliance_session_store_list_sessions (sessions, client_id, error)) == NULL ||
      (administrations = alliance_rating_store_list_client_administrations (ratings, client_id, error)) == NULL ||
      (events = alliance_rating_store_list_client_events (ratings, client_id, error)) == NULL)
    return NULL;
  return alliance_caseload_flags_compute_lists (ratings, client_id, in_therapy, session_list, administrations,
                                                events, settings, today);
}
