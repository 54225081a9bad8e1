/* alliance-session-store.c
 *
 * The clinical record rules live here and, once more, in the schema's
 * triggers: a signed note and its session never change, corrections are
 * signed addenda, a session is never deleted once its note is signed, only
 * marked entered in error. Every check is made inside the write
 * transaction, so nothing is written when one fails.
 */
#define G_LOG_DOMAIN "alliance-session-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-client.h"
#include "alliance-date.h"
#include "alliance-error.h"
#include "alliance-session-store.h"
#include "alliance-text.h"

struct _AllianceSessionStore
{
  AllianceStore     parent_instance;

  AllianceDatabase *database;   /* the parent's, borrowed for brevity */
};

G_DEFINE_FINAL_TYPE (AllianceSessionStore, alliance_session_store, ALLIANCE_TYPE_STORE)

/* The session number is computed, never stored: the count of attended
 * sessions not entered in error, up to and including this one, in
 * (starts_at, id) order; 0 for a session that does not count. A list
 * numbers all of a client's sessions in one pass with a window function. */
#define SESSION_COLUMNS                                                                            \
  "SELECT s.id, s.client_id, s.starts_at, s.duration_minutes, s.kind, s.modality, s.attendance, "  \
  "s.error_reason, s.created_at, s.updated_at, "
#define SESSION_COUNTS "s.attendance = 'attended' AND s.error_reason IS NULL"
#define NOTE_STATE                                                                                 \
  "CASE WHEN n.id IS NULL THEN 0 WHEN n.signed_at IS NULL THEN 1 ELSE 2 END AS note_state "        \
  "FROM sessions s LEFT JOIN notes n ON n.session_id = s.id "

#define SESSION_LIST_SQL                                                                           \
  SESSION_COLUMNS                                                                                  \
  "CASE WHEN " SESSION_COUNTS " "                                                                  \
  "THEN count(*) FILTER (WHERE " SESSION_COUNTS ") "                                               \
  "OVER (PARTITION BY s.client_id ORDER BY s.starts_at, s.id) ELSE 0 END AS number, "              \
  NOTE_STATE                                                                                       \
  "WHERE s.client_id = ?1 ORDER BY s.starts_at DESC, s.id DESC"

/* One session: the same number, counted through the (client_id, starts_at)
 * index instead of numbering every session of the client (which a save,
 * reloading what it wrote, would otherwise do each time). */
#define SESSION_LOAD_SQL                                                                           \
  SESSION_COLUMNS                                                                                  \
  "CASE WHEN " SESSION_COUNTS " "                                                                  \
  "THEN (SELECT count(*) FROM sessions o WHERE o.client_id = s.client_id "                         \
  "      AND o.starts_at <= s.starts_at AND (o.starts_at < s.starts_at OR o.id <= s.id) "          \
  "      AND o.attendance = 'attended' AND o.error_reason IS NULL) "                               \
  "ELSE 0 END AS number, "                                                                         \
  NOTE_STATE                                                                                       \
  "WHERE s.id = ?1"

/* Each FTS5 hit is a note section (rowid > 0) or an addendum (rowid < 0).
 *
 * Newest first, not by bm25: a common word can match a third of ten years
 * of notes, and ranking every match costs ~90 ms at 60,000 notes, while
 * walking the index backwards from the newest entry costs a few. For a
 * therapist "where did I write about this lately" is also the question.
 * Each branch takes the newest ?2 hits of its kind straight off the index
 * (sections and addenda have their own rowid ranges), then the joins and
 * the final order by session date see at most twice ?2 rows. */
#define SEARCH_HIT_COLUMNS "rowid AS hit, snippet(note_search, 0, char(1), char(2), '…', 12) AS snip "
#define SEARCH_SQL                                                                                 \
  "SELECT n.id, s.id, c.id, c.given_name, c.family_name, c.preferred_name, c.code, s.starts_at, "  \
  "h.snip, h.hit < 0 "                                                                             \
  "FROM (SELECT * FROM (SELECT " SEARCH_HIT_COLUMNS "FROM note_search "                             \
  "                     WHERE note_search MATCH ?1 AND rowid > 0 ORDER BY rowid DESC LIMIT ?2) "    \
  "      UNION ALL "                                                                               \
  "      SELECT * FROM (SELECT " SEARCH_HIT_COLUMNS "FROM note_search "                             \
  "                     WHERE note_search MATCH ?1 AND rowid < 0 ORDER BY rowid ASC LIMIT ?2)) h "  \
  "LEFT JOIN note_sections ns ON h.hit > 0 AND ns.id = h.hit "                                     \
  "LEFT JOIN note_addenda na ON h.hit < 0 AND na.id = -h.hit "                                     \
  "JOIN notes n ON n.id = coalesce(ns.note_id, na.note_id) "                                       \
  "JOIN sessions s ON s.id = n.session_id "                                                        \
  "JOIN clients c ON c.id = s.client_id "                                                          \
  "ORDER BY s.starts_at DESC, s.id DESC, abs(h.hit) DESC "                                         \
  "LIMIT ?2"

/* ---------------------------------------------------------------------- */
/* Messages shared by several refusals                                     */

static const char *
note_signed_message (void)
{
  return _("This note is signed and can no longer be changed; add an addendum instead.");
}

static const char *
session_signed_message (void)
{
  return _("This session’s note is signed, so its date, length and attendance can no longer change. "
           "Mark it entered in error instead.");
}

static const char *
signer_required_message (void)
{
  return _("Enter your name as it should appear on signed notes (Preferences).");
}

static const char *
addendum_needs_signed_message (void)
{
  return _("Only a signed note can have an addendum; sign the note first.");
}

static const char *
session_signed_delete_message (void)
{
  return _("This session’s note is signed, so the session cannot be deleted. Mark it entered in error instead.");
}

static void
set_session_gone (GError **error)
{
  g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                       _("This session is no longer in the database."));
}

static void
set_note_gone (GError **error)
{
  g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                       _("This note is no longer in the database."));
}

/* ---------------------------------------------------------------------- */

static void
alliance_session_store_constructed (GObject *object)
{
  AllianceSessionStore *self = (AllianceSessionStore *)object;

  G_OBJECT_CLASS (alliance_session_store_parent_class)->constructed (object);

  self->database = alliance_store_get_database (ALLIANCE_STORE (self));
}

static void
alliance_session_store_class_init (AllianceSessionStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alliance_session_store_constructed;
}

static void
alliance_session_store_init (AllianceSessionStore *self)
{
}

AllianceSessionStore *
alliance_session_store_new (AllianceDatabase *database)
{
  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), NULL);

  return g_object_new (ALLIANCE_TYPE_SESSION_STORE, "database", database, NULL);
}

AllianceDatabase *
alliance_session_store_get_database (AllianceSessionStore *self)
{
  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), NULL);

  return self->database;
}

void
alliance_search_hit_free (AllianceSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->client_name);
  g_free (hit->client_code);
  g_free (hit->starts_at);
  g_free (hit->snippet);
  g_free (hit);
}

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

static sqlite3 *
handle_of (AllianceSessionStore *self)
{
  return alliance_database_get_handle (self->database);
}

static AllianceSession *
read_session (sqlite3_stmt *stmt)
{
  AllianceSession *session = alliance_session_new (sqlite3_column_int64 (stmt, 1));

  /* The CHECK constraints make unknown values impossible. */
  session->id = sqlite3_column_int64 (stmt, 0);
  session->starts_at = alliance_statement_dup_text (stmt, 2);
  session->duration_minutes = sqlite3_column_int (stmt, 3);
  if (!alliance_session_kind_from_string (alliance_statement_get_text (stmt, 4), &session->kind))
    g_warning ("Unknown session kind in the database");
  if (!alliance_modality_from_string (alliance_statement_get_text (stmt, 5), &session->modality))
    g_warning ("Unknown session modality in the database");
  if (!alliance_attendance_from_string (alliance_statement_get_text (stmt, 6), &session->attendance))
    g_warning ("Unknown attendance in the database");
  session->error_reason = alliance_statement_dup_text (stmt, 7);
  session->created_at = alliance_statement_dup_text (stmt, 8);
  session->updated_at = alliance_statement_dup_text (stmt, 9);
  session->number = sqlite3_column_int (stmt, 10);
  session->note_state = (AllianceNoteState)sqlite3_column_int (stmt, 11);
  return session;
}

typedef struct
{
  gint64   client_id;
  gboolean has_note;
  gboolean note_signed;
  gboolean in_error;
} SessionFacts;

/* What the rules need to know about a stored session. */
static gboolean
lookup_session (AllianceSessionStore  *self,
                gint64                 session_id,
                SessionFacts          *facts,
                GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT s.client_id, n.id IS NOT NULL, n.signed_at IS NOT NULL, "
                                    "s.error_reason IS NOT NULL "
                                    "FROM sessions s LEFT JOIN notes n ON n.session_id = s.id WHERE s.id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return FALSE;
  if (!found)
    {
      set_session_gone (error);
      return FALSE;
    }
  facts->client_id = sqlite3_column_int64 (stmt, 0);
  facts->has_note = sqlite3_column_int (stmt, 1) != 0;
  facts->note_signed = sqlite3_column_int (stmt, 2) != 0;
  facts->in_error = sqlite3_column_int (stmt, 3) != 0;
  return TRUE;
}

static gboolean
client_exists (AllianceSessionStore  *self,
               gint64                 client_id,
               GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  stmt = alliance_database_prepare (self->database, "SELECT 1 FROM clients WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                           _("This client’s record is no longer in the database."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_with_id (AllianceSessionStore  *self,
              const char            *sql,
              gint64                 id,
              const char            *trigger_message,
              GError               **error)
{
  g_autoptr(AllianceStatement) stmt = alliance_database_prepare (self->database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return alliance_database_step_write (self->database, stmt, trigger_message, FALSE, error);
}

/* ---------------------------------------------------------------------- */
/* Sessions                                                                */

/**
 * alliance_session_store_list_sessions:
 *
 * Returns: (transfer container): the client's sessions (AllianceSession),
 *   newest first, numbered.
 */
GPtrArray *
alliance_session_store_list_sessions (AllianceSessionStore  *self,
                                      gint64                 client_id,
                                      GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), NULL);

  stmt = alliance_database_prepare (self->database, SESSION_LIST_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);

  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sessions, read_session (stmt));
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&sessions);
}

AllianceSession *
alliance_session_store_load_session (AllianceSessionStore  *self,
                                     gint64                 session_id,
                                     GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), NULL);

  stmt = alliance_database_prepare (self->database, SESSION_LOAD_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return NULL;
  if (!found)
    {
      set_session_gone (error);
      return NULL;
    }
  return read_session (stmt);
}

/**
 * alliance_session_store_suggest_session:
 * @now: the current time; its local wall-clock time is used
 *
 * A new, unsaved session for @client_id starting now, rounded to the
 * nearest 5 minutes, with the length, kind and modality of the client's
 * most recent session (50 minutes, individual, in person for a first one).
 */
AllianceSession *
alliance_session_store_suggest_session (AllianceSessionStore  *self,
                                        gint64                 client_id,
                                        GDateTime             *now,
                                        GError               **error)
{
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) wall_hour = NULL;
  g_autoptr(GDateTime) rounded = NULL;
  int seconds_into_hour;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!client_exists (self, client_id, error))
    return NULL;

  /* Wall-clock arithmetic on the local fields (in UTC, which has no
   * daylight-saving jumps): 23:58 rounds to 00:00 the next day. */
  local = g_date_time_to_local (now);
  wall_hour = g_date_time_new_utc (g_date_time_get_year (local), g_date_time_get_month (local),
                                   g_date_time_get_day_of_month (local), g_date_time_get_hour (local), 0, 0);
  seconds_into_hour = g_date_time_get_minute (local) * 60 + g_date_time_get_second (local);
  rounded = g_date_time_add_minutes (wall_hour, (seconds_into_hour + 150) / 300 * 5);

  session = alliance_session_new (client_id);
  session->starts_at = g_date_time_format (rounded, "%Y-%m-%d %H:%M");

  {
    g_autoptr(AllianceStatement) stmt = NULL;
    gboolean found;

    stmt = alliance_database_prepare (self->database,
                                      "SELECT duration_minutes, kind, modality FROM sessions "
                                      "WHERE client_id = ?1 ORDER BY starts_at DESC, id DESC LIMIT 1",
                                      error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, client_id);
    if (!alliance_database_step_row (self->database, stmt, &found, error))
      return NULL;
    if (found)
      {
        session->duration_minutes = sqlite3_column_int (stmt, 0);
        alliance_session_kind_from_string (alliance_statement_get_text (stmt, 1), &session->kind);
        alliance_modality_from_string (alliance_statement_get_text (stmt, 2), &session->modality);
      }
  }

  return g_steal_pointer (&session);
}

static gboolean
write_session (AllianceSessionStore  *self,
               const AllianceSession *session,
               const char            *now,
               gint64                *id,
               GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;

  /* error_reason is left alone: only mark_entered_in_error() sets it. */
  if (session->id == 0)
    stmt = alliance_database_prepare (self->database,
                                      "INSERT INTO sessions (client_id, starts_at, duration_minutes, kind, "
                                      "modality, attendance, created_at, updated_at) "
                                      "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                                      error);
  else
    stmt = alliance_database_prepare (self->database,
                                      "UPDATE sessions SET starts_at = ?3, duration_minutes = ?4, kind = ?5, "
                                      "modality = ?6, attendance = ?7, updated_at = ?8 "
                                      "WHERE id = ?1 AND client_id = ?2",
                                      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session->id);
  sqlite3_bind_int64 (stmt, 2, session->client_id);
  alliance_statement_bind_text (stmt, 3, session->starts_at);
  sqlite3_bind_int (stmt, 4, session->duration_minutes);
  alliance_statement_bind_text (stmt, 5, alliance_session_kind_to_string (session->kind));
  alliance_statement_bind_text (stmt, 6, alliance_modality_to_string (session->modality));
  alliance_statement_bind_text (stmt, 7, alliance_attendance_to_string (session->attendance));
  alliance_statement_bind_text (stmt, 8, now);

  if (!alliance_database_step_write (self->database, stmt, session_signed_message (), FALSE, error))
    return FALSE;

  *id = session->id ? session->id : sqlite3_last_insert_rowid (handle_of (self));
  return TRUE;
}

/**
 * alliance_session_store_save_session:
 * @session: inserted when its id is 0, updated otherwise; on success it is
 *   replaced by the session as saved (id, number, timestamps)
 * @invalid_field: (out) (optional): the field a validation error is about
 *
 * Validates, then writes in one transaction. A session whose note is
 * signed is refused; its error_reason is never changed here. Nothing is
 * written, and @session is left as it was, on error.
 */
gboolean
alliance_session_store_save_session (AllianceSessionStore  *self,
                                     AllianceSession       *session,
                                     AllianceSessionField  *invalid_field,
                                     GError               **error)
{
  g_autofree char *now = alliance_timestamp_now ();
  g_autoptr(AllianceSession) saved = NULL;
  gint64 id = 0;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  if (!alliance_session_validate (session, invalid_field, error))
    return FALSE;

  if (!alliance_database_begin (self->database, error))
    return FALSE;

  if (session->id == 0)
    {
      if (!client_exists (self, session->client_id, error))
        goto failed;
    }
  else
    {
      SessionFacts facts;

      if (!lookup_session (self, session->id, &facts, error))
        goto failed;
      if (facts.client_id != session->client_id)
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                               _("A session cannot be moved to another client."));
          goto failed;
        }
      if (facts.note_signed)
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                               session_signed_message ());
          goto failed;
        }
    }

  if (!write_session (self, session, now, &id, error) ||
      !(saved = alliance_session_store_load_session (self, id, error)))
    goto failed;
  if (!alliance_database_commit (self->database, error))
    return FALSE;

  /* Hand the saved values back: id, number, note state, timestamps. */
  {
    AllianceSession swap = *session;

    *session = *saved;
    *saved = swap;
  }

  alliance_store_emit_changed (ALLIANCE_STORE (self), session->client_id);
  return TRUE;

failed:
  alliance_database_rollback (self->database);
  return FALSE;
}

/**
 * alliance_session_store_delete_session:
 *
 * Deletes a session and its draft note, if any. A session whose note is
 * signed stays in the record: mark it entered in error instead.
 */
gboolean
alliance_session_store_delete_session (AllianceSessionStore  *self,
                                       gint64                 session_id,
                                       GError               **error)
{
  SessionFacts facts;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), FALSE);

  if (!alliance_database_begin (self->database, error))
    return FALSE;

  if (!lookup_session (self, session_id, &facts, error))
    goto failed;
  if (facts.note_signed)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           session_signed_delete_message ());
      goto failed;
    }

  /* Sections first: their triggers take the text out of the search index. */
  if (!exec_with_id (self,
                     "DELETE FROM note_sections WHERE note_id IN (SELECT id FROM notes WHERE session_id = ?1)",
                     session_id, session_signed_delete_message (), error) ||
      !exec_with_id (self, "DELETE FROM notes WHERE session_id = ?1", session_id, session_signed_delete_message (),
                     error) ||
      !exec_with_id (self, "DELETE FROM sessions WHERE id = ?1", session_id, session_signed_delete_message (), error))
    goto failed;

  if (!alliance_database_commit (self->database, error))
    return FALSE;

  alliance_store_emit_changed (ALLIANCE_STORE (self), facts.client_id);
  return TRUE;

failed:
  alliance_database_rollback (self->database);
  return FALSE;
}

/**
 * alliance_session_store_mark_entered_in_error:
 * @reason: why, in words; required
 *
 * Marks a session entered in error, signed note or not: it stays in the
 * record, unnumbered. The mark is permanent.
 */
gboolean
alliance_session_store_mark_entered_in_error (AllianceSessionStore  *self,
                                              gint64                 session_id,
                                              const char            *reason,
                                              GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *now = alliance_timestamp_now ();
  SessionFacts facts;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), FALSE);

  if (alliance_text_is_blank (reason))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Say why this session was entered in error."));
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (reason));

  if (!alliance_database_begin (self->database, error))
    return FALSE;

  if (!lookup_session (self, session_id, &facts, error))
    goto failed;
  if (facts.in_error)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("This session is already marked entered in error; that mark stays as it is."));
      goto failed;
    }

  stmt = alliance_database_prepare (self->database,
                                    "UPDATE sessions SET error_reason = ?2, updated_at = ?3 WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, session_id);
  alliance_statement_bind_text (stmt, 2, trimmed);
  alliance_statement_bind_text (stmt, 3, now);
  if (!alliance_database_step_write (self->database, stmt,
                                     _("This session is already marked entered in error; that mark stays as it is."),
                                     FALSE, error))
    goto failed;
  g_clear_pointer (&stmt, alliance_statement_release);

  if (!alliance_database_commit (self->database, error))
    return FALSE;

  alliance_store_emit_changed (ALLIANCE_STORE (self), facts.client_id);
  return TRUE;

failed:
  alliance_database_rollback (self->database);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Notes                                                                   */

static gboolean
read_sections (AllianceSessionStore  *self,
               AllianceNote          *note,
               GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  guint n_sections = alliance_note_template_get_n_sections (note->template_id);
  int rc;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT body FROM note_sections WHERE note_id = ?1 ORDER BY position",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, note->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (bodies, g_strdup (alliance_statement_get_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return FALSE;
    }

  /* Padded to the template, so the UI always has a text per section. */
  while (bodies->len < n_sections)
    g_ptr_array_add (bodies, g_strdup (""));
  g_ptr_array_add (bodies, NULL);

  g_strfreev (note->sections);
  note->sections = (GStrv)g_ptr_array_free (g_steal_pointer (&bodies), FALSE);
  return TRUE;
}

static gboolean
read_addenda (AllianceSessionStore  *self,
              AllianceNote          *note,
              GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  int rc;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT id, body, signed_at, signed_by, content_sha256 FROM note_addenda "
                                    "WHERE note_id = ?1 ORDER BY signed_at, id",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, note->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AllianceAddendum *addendum = g_new0 (AllianceAddendum, 1);

      addendum->id = sqlite3_column_int64 (stmt, 0);
      addendum->note_id = note->id;
      addendum->body = alliance_statement_dup_text (stmt, 1);
      addendum->signed_at = alliance_statement_dup_text (stmt, 2);
      addendum->signed_by = alliance_statement_dup_text (stmt, 3);
      addendum->content_sha256 = alliance_statement_dup_text (stmt, 4);
      g_ptr_array_add (note->addenda, addendum);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * alliance_session_store_load_note:
 *
 * Returns: the session's note with its sections (one per section of its
 *   template, in order) and addenda (oldest first), or %NULL with
 *   %ALLIANCE_DATABASE_ERROR_NOT_FOUND when the session has no note.
 */
AllianceNote *
alliance_session_store_load_note (AllianceSessionStore  *self,
                                  gint64                 session_id,
                                  GError               **error)
{
  g_autoptr(AllianceNote) note = NULL;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), NULL);

  {
    g_autoptr(AllianceStatement) stmt = NULL;
    AllianceNoteTemplate template_id = ALLIANCE_NOTE_TEMPLATE_FREE;
    gboolean found;

    stmt = alliance_database_prepare (self->database,
                                      "SELECT id, template, process_note, signed_at, signed_by, content_sha256, "
                                      "created_at, updated_at FROM notes WHERE session_id = ?1",
                                      error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, session_id);
    if (!alliance_database_step_row (self->database, stmt, &found, error))
      return NULL;
    if (!found)
      {
        g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                             _("This session has no note yet."));
        return NULL;
      }

    if (!alliance_note_template_from_string (alliance_statement_get_text (stmt, 1), &template_id))
      g_warning ("Unknown note template in the database");
    note = alliance_note_new (session_id, template_id);
    note->id = sqlite3_column_int64 (stmt, 0);
    g_free (note->process_note);
    note->process_note = g_strdup (alliance_statement_get_text (stmt, 2));
    note->signed_at = alliance_statement_dup_text (stmt, 3);
    note->signed_by = alliance_statement_dup_text (stmt, 4);
    note->content_sha256 = alliance_statement_dup_text (stmt, 5);
    note->created_at = alliance_statement_dup_text (stmt, 6);
    note->updated_at = alliance_statement_dup_text (stmt, 7);
  }

  if (!read_sections (self, note, error) || !read_addenda (self, note, error))
    return NULL;

  return g_steal_pointer (&note);
}

/* A note the store can write: a known template, and no more texts than it
 * has sections (dropping one would lose what was typed). */
static gboolean
check_note_shape (const AllianceNote  *note,
                  GError             **error)
{
  if (note->template_id >= ALLIANCE_NOTE_N_TEMPLATES ||
      (note->sections != NULL &&
       g_strv_length (note->sections) > alliance_note_template_get_n_sections (note->template_id)))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("This note has more sections than its template; choose the template again."));
      return FALSE;
    }
  return TRUE;
}

static const char *
note_section_text (const AllianceNote *note,
                   guint               position)
{
  if (note->sections == NULL)
    return "";
  for (guint i = 0; i <= position; i++)
    if (note->sections[i] == NULL)
      return "";
  return note->sections[position];
}

static gboolean
write_sections (AllianceSessionStore  *self,
                const AllianceNote    *note,
                gint64                 note_id,
                GError               **error)
{
  guint n_sections = alliance_note_template_get_n_sections (note->template_id);

  /* Only sections whose text (or template) changed are rewritten, so an
   * autosave of one section does not re-index the others. */
  for (guint i = 0; i < n_sections; i++)
    {
      g_autoptr(AllianceStatement) stmt = NULL;

      stmt = alliance_database_prepare (self->database,
                                        "INSERT INTO note_sections (note_id, position, section, body) "
                                        "VALUES (?1, ?2, ?3, ?4) "
                                        "ON CONFLICT (note_id, position) DO UPDATE "
                                        "SET section = excluded.section, body = excluded.body "
                                        "WHERE section IS NOT excluded.section OR body IS NOT excluded.body",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, note_id);
      sqlite3_bind_int (stmt, 2, (int)i);
      alliance_statement_bind_text (stmt, 3, alliance_note_template_get_section_id (note->template_id, i));
      alliance_statement_bind_text (stmt, 4, note_section_text (note, i));
      if (!alliance_database_step_write (self->database, stmt, note_signed_message (), FALSE, error))
        return FALSE;
    }

  /* A template with fewer sections than the previous one. */
  {
    g_autoptr(AllianceStatement) stmt = NULL;

    stmt = alliance_database_prepare (self->database,
                                      "DELETE FROM note_sections WHERE note_id = ?1 AND position >= ?2",
                                      error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, note_id);
    sqlite3_bind_int (stmt, 2, (int)n_sections);
    return alliance_database_step_write (self->database, stmt, note_signed_message (), FALSE, error);
  }
}

/* Writes a draft's content inside the caller's transaction: the note row,
 * then its sections. Refuses a signed note or a second note for a session. */
static gboolean
write_draft (AllianceSessionStore  *self,
             const AllianceNote    *note,
             const char            *now,
             gint64                *note_id,
             gint64                *client_id,
             GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  SessionFacts facts;

  if (!lookup_session (self, note->session_id, &facts, error))
    return FALSE;
  *client_id = facts.client_id;

  if (note->id == 0)
    {
      if (facts.has_note)
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                               facts.note_signed ? note_signed_message ()
                                                 : _("This session already has a note; open it to go on writing."));
          return FALSE;
        }
      stmt = alliance_database_prepare (self->database,
                                        "INSERT INTO notes (session_id, template, process_note, created_at, updated_at) "
                                        "VALUES (?2, ?3, ?4, ?5, ?5)",
                                        error);
    }
  else
    {
      g_autoptr(AllianceStatement) check = NULL;
      gboolean found;

      check = alliance_database_prepare (self->database, "SELECT session_id FROM notes WHERE id = ?1", error);
      if (check == NULL)
        return FALSE;
      sqlite3_bind_int64 (check, 1, note->id);
      if (!alliance_database_step_row (self->database, check, &found, error))
        return FALSE;
      if (!found)
        {
          set_note_gone (error);
          return FALSE;
        }
      if (sqlite3_column_int64 (check, 0) != note->session_id)
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                               _("This note belongs to another session."));
          return FALSE;
        }

      /* A note signed since the caller loaded it (in another window, say)
       * is refused by the schema's trigger, reported as signed. */
      stmt = alliance_database_prepare (self->database,
                                        "UPDATE notes SET template = ?3, process_note = ?4, updated_at = ?5 "
                                        "WHERE id = ?1 AND session_id = ?2",
                                        error);
    }
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, note->id);
  sqlite3_bind_int64 (stmt, 2, note->session_id);
  alliance_statement_bind_text (stmt, 3, alliance_note_template_to_string (note->template_id));
  alliance_statement_bind_text (stmt, 4, note->process_note);
  alliance_statement_bind_text (stmt, 5, now);
  if (!alliance_database_step_write (self->database, stmt, note_signed_message (), FALSE, error))
    return FALSE;

  *note_id = note->id ? note->id : sqlite3_last_insert_rowid (handle_of (self));
  return write_sections (self, note, *note_id, error);
}

/**
 * alliance_session_store_save_draft:
 * @note: inserted (with its sections) when its id is 0, updated otherwise;
 *   given its id and timestamps on success
 *
 * Saves a draft's text exactly as typed, in one transaction. A signed note
 * is refused: corrections are addenda.
 */
gboolean
alliance_session_store_save_draft (AllianceSessionStore  *self,
                                   AllianceNote          *note,
                                   GError               **error)
{
  g_autofree char *now = alliance_timestamp_now ();
  gint64 note_id = 0, client_id = 0;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  if (alliance_note_is_signed (note))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           note_signed_message ());
      return FALSE;
    }
  if (!check_note_shape (note, error))
    return FALSE;

  if (!alliance_database_begin (self->database, error))
    return FALSE;
  if (!write_draft (self, note, now, &note_id, &client_id, error))
    {
      alliance_database_rollback (self->database);
      return FALSE;
    }
  if (!alliance_database_commit (self->database, error))
    return FALSE;

  if (note->id == 0)
    {
      note->id = note_id;
      g_free (note->created_at);
      note->created_at = g_strdup (now);
    }
  g_free (note->updated_at);
  note->updated_at = g_steal_pointer (&now);

  alliance_store_emit_draft_changed (ALLIANCE_STORE (self), client_id);
  return TRUE;
}

/**
 * alliance_session_store_sign_note:
 * @signer: the name signed notes carry
 *
 * Saves the note's current text and signs it, in one transaction: the
 * signature is the signer, the time (UTC) and a SHA-256 of
 * alliance_note_dup_signed_content(). From then on the database refuses
 * any change to the note, its sections or its session's date, length and
 * attendance. @note is updated on success only.
 */
gboolean
alliance_session_store_sign_note (AllianceSessionStore  *self,
                                  AllianceNote          *note,
                                  const char            *signer,
                                  GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree char *now = alliance_timestamp_now ();
  g_autofree char *signed_by = NULL;
  g_autofree char *sha256 = NULL;
  gint64 note_id = 0, client_id = 0;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  if (alliance_text_is_blank (signer))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           signer_required_message ());
      return FALSE;
    }
  if (alliance_note_is_signed (note))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           note_signed_message ());
      return FALSE;
    }
  if (alliance_note_is_empty (note))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("An empty note cannot be signed."));
      return FALSE;
    }
  if (!check_note_shape (note, error))
    return FALSE;

  signed_by = g_strstrip (g_strdup (signer));
  sha256 = alliance_note_compute_sha256 (note);

  if (!alliance_database_begin (self->database, error))
    return FALSE;
  if (!write_draft (self, note, now, &note_id, &client_id, error))
    goto failed;

  stmt = alliance_database_prepare (self->database,
                                    "UPDATE notes SET signed_at = ?2, signed_by = ?3, content_sha256 = ?4, "
                                    "updated_at = ?2 WHERE id = ?1 AND signed_at IS NULL",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, note_id);
  alliance_statement_bind_text (stmt, 2, now);
  alliance_statement_bind_text (stmt, 3, signed_by);
  alliance_statement_bind_text (stmt, 4, sha256);
  if (!alliance_database_step_write (self->database, stmt, note_signed_message (), FALSE, error))
    goto failed;
  if (sqlite3_changes (handle_of (self)) != 1)
    {
      set_note_gone (error);
      goto failed;
    }
  g_clear_pointer (&stmt, alliance_statement_release);

  if (!alliance_database_commit (self->database, error))
    return FALSE;

  if (note->id == 0)
    {
      note->id = note_id;
      g_free (note->created_at);
      note->created_at = g_strdup (now);
    }
  g_free (note->updated_at);
  note->updated_at = g_strdup (now);
  g_free (note->signed_at);
  note->signed_at = g_steal_pointer (&now);
  g_free (note->signed_by);
  note->signed_by = g_steal_pointer (&signed_by);
  g_free (note->content_sha256);
  note->content_sha256 = g_steal_pointer (&sha256);

  alliance_store_emit_changed (ALLIANCE_STORE (self), client_id);
  return TRUE;

failed:
  g_clear_pointer (&stmt, alliance_statement_release);
  alliance_database_rollback (self->database);
  return FALSE;
}

/**
 * alliance_session_store_add_addendum:
 * @note: a signed note; the addendum is appended to its addenda
 * @body: the correction or addition, stored as typed
 * @signer: the name signed notes carry
 *
 * Adds a dated, signed addendum below a signed note. Its SHA-256 covers
 * the note's own hash, so it is tied to exactly that note (see
 * alliance_addendum_dup_signed_content()).
 */
gboolean
alliance_session_store_add_addendum (AllianceSessionStore  *self,
                                     AllianceNote          *note,
                                     const char            *body,
                                     const char            *signer,
                                     GError               **error)
{
  g_autoptr(AllianceAddendum) addendum = NULL;
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree char *note_sha256 = NULL;
  gint64 client_id = 0;
  gboolean found;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  if (note->id == 0 || !alliance_note_is_signed (note))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           addendum_needs_signed_message ());
      return FALSE;
    }
  if (alliance_text_is_blank (body))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Write the addendum before signing it."));
      return FALSE;
    }
  if (alliance_text_is_blank (signer))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           signer_required_message ());
      return FALSE;
    }

  if (!alliance_database_begin (self->database, error))
    return FALSE;

  /* The hash chains to the note as stored, not as the caller holds it. */
  stmt = alliance_database_prepare (self->database,
                                    "SELECT n.content_sha256, s.client_id FROM notes n "
                                    "JOIN sessions s ON s.id = n.session_id WHERE n.id = ?1",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, note->id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    goto failed;
  if (!found)
    {
      set_note_gone (error);
      goto failed;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           addendum_needs_signed_message ());
      goto failed;
    }
  note_sha256 = alliance_statement_dup_text (stmt, 0);
  client_id = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, alliance_statement_release);

  addendum = g_new0 (AllianceAddendum, 1);
  addendum->note_id = note->id;
  addendum->body = g_strdup (body);
  addendum->signed_at = alliance_timestamp_now ();
  addendum->signed_by = g_strstrip (g_strdup (signer));
  addendum->content_sha256 = alliance_addendum_compute_sha256 (addendum, note_sha256);

  stmt = alliance_database_prepare (self->database,
                                    "INSERT INTO note_addenda (note_id, body, signed_at, signed_by, "
                                    "content_sha256, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?3)",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, addendum->note_id);
  alliance_statement_bind_text (stmt, 2, addendum->body);
  alliance_statement_bind_text (stmt, 3, addendum->signed_at);
  alliance_statement_bind_text (stmt, 4, addendum->signed_by);
  alliance_statement_bind_text (stmt, 5, addendum->content_sha256);
  if (!alliance_database_step_write (self->database, stmt, addendum_needs_signed_message (), FALSE, error))
    goto failed;
  addendum->id = sqlite3_last_insert_rowid (handle_of (self));
  g_clear_pointer (&stmt, alliance_statement_release);

  if (!alliance_database_commit (self->database, error))
    return FALSE;

  if (note->addenda == NULL)
    note->addenda = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_addendum_free);
  g_ptr_array_add (note->addenda, g_steal_pointer (&addendum));

  alliance_store_emit_changed (ALLIANCE_STORE (self), client_id);
  return TRUE;

failed:
  g_clear_pointer (&stmt, alliance_statement_release);
  alliance_database_rollback (self->database);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Search                                                                  */

/* Whether @word holds something the unicode61 tokenizer keeps (a letter,
 * a number or a private-use character): "(" or "—" alone would make an
 * empty phrase, which matches nothing. */
static gboolean
has_token_characters (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_type (c) == G_UNICODE_PRIVATE_USE)
        return TRUE;
    }
  return FALSE;
}

/**
 * alliance_session_store_build_fts_query:
 * @text: what the person typed
 *
 * Turns typed text into an FTS5 query that cannot be a syntax error: each
 * word (split on white space) becomes a string in double quotes (a " in
 * it doubled), so AND, OR, NOT, NEAR, parentheses and column filters are
 * only words; the last word is a prefix query ("therap"* finds
 * "thérapeute"), so results come while typing; the words are ANDed.
 *
 * Returns: (nullable): the query, or %NULL when @text has no word to search.
 */
char *
alliance_session_store_build_fts_query (const char *text)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) query = NULL;
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  p = text;
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          g_autofree char *word = g_strndup (start, (gsize)(p - start));

          if (has_token_characters (word))
            g_ptr_array_add (words, g_steal_pointer (&word));
        }
    }

  if (words->len == 0)
    return NULL;

  query = g_string_new (NULL);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (i > 0)
        g_string_append (query, " AND ");
      g_string_append_c (query, '"');
      for (const char *c = word; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *c);
        }
      g_string_append_c (query, '"');
      if (i == words->len - 1)
        g_string_append_c (query, '*');
    }
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/**
 * alliance_session_store_search:
 * @query: words as typed; accents and case do not matter
 * @limit: the most hits to return; 0 for all
 *
 * Full-text search over note sections and addenda, best match first (then
 * newest session first).
 *
 * Returns: (transfer container): AllianceSearchHit; empty for a blank query.
 */
/**
 * alliance_session_store_get_search_sql:
 *
 * The statement alliance_session_store_search() runs (?1 the FTS5 query,
 * ?2 the limit): the benchmark times it straight through sqlite3 as the
 * baseline for the store's own cost.
 */
const char *
alliance_session_store_get_search_sql (void)
{
  return SEARCH_SQL;
}

GPtrArray *
alliance_session_store_search (AllianceSessionStore  *self,
                               const char            *query,
                               guint                  limit,
                               GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *fts_query = NULL;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (self), NULL);

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_search_hit_free);
  fts_query = alliance_session_store_build_fts_query (query);
  if (fts_query == NULL)
    return g_steal_pointer (&hits);

  stmt = alliance_database_prepare (self->database, SEARCH_SQL, error);
  if (stmt == NULL)
    return NULL;
  alliance_statement_bind_text (stmt, 1, fts_query);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64)limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AllianceSearchHit *hit = g_new0 (AllianceSearchHit, 1);

      hit->note_id = sqlite3_column_int64 (stmt, 0);
      hit->session_id = sqlite3_column_int64 (stmt, 1);
      hit->client_id = sqlite3_column_int64 (stmt, 2);
      hit->client_name = alliance_client_make_display_name (alliance_statement_get_text (stmt, 3), alliance_statement_get_text (stmt, 4),
                                                            alliance_statement_get_text (stmt, 5));
      hit->client_code = g_strdup (alliance_statement_get_text (stmt, 6));
      hit->starts_at = g_strdup (alliance_statement_get_text (stmt, 7));
      hit->snippet = g_strdup (alliance_statement_get_text (stmt, 8));
      hit->is_addendum = sqlite3_column_int (stmt, 9) != 0;
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&hits);
}
