/* alliance-supervision-store.c
 *
 * Supervision meetings and everything hanging from them. The record rules
 * are those of notes: a signed meeting never changes (the schema's
 * triggers refuse it once more), corrections are signed addenda; only the
 * date an action item was done stays writable. Every check is made inside
 * the write transaction, and the caller's meeting is only updated once the
 * transaction is committed.
 */
#define G_LOG_DOMAIN "alliance-supervision-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-date.h"
#include "alliance-error.h"
#include "alliance-supervision-store.h"
#include "alliance-text.h"

struct _AllianceSupervisionStore
{
  AllianceStore     parent_instance;

  AllianceDatabase *database;   /* the parent's, borrowed for brevity */
};

G_DEFINE_FINAL_TYPE (AllianceSupervisionStore, alliance_supervision_store, ALLIANCE_TYPE_STORE)

/* Without an earlier signed meeting, the agenda reviews the last four weeks. */
#define DEFAULT_PERIOD_DAYS 28

#define MEETING_SELECT                                                                             \
  "SELECT id, meeting_date, supervisor, format, period_start, period_end, notes, signed_at, "      \
  "signed_by, content_sha256, created_at, updated_at FROM supervision_meetings "

#define ACTION_ITEM_SELECT                                                                         \
  "SELECT a.id, a.meeting_id, a.client_id, a.text, a.done_on, a.created_at, m.meeting_date, "      \
  "m.supervisor FROM action_items a JOIN supervision_meetings m ON m.id = a.meeting_id "

/* What a save learnt inside its transaction, applied to the caller's
 * meeting only after the commit. */
typedef struct
{
  GPtrArray  *new_ids;      /* gint64 * of children that were 0: reset on rollback */
  GArray     *clients;      /* gint64: clients whose agenda entry or items changed */
  GHashTable *items;        /* action item id → StoredItem *, as stored */
} SaveState;

typedef struct
{
  char *done_on;
  char *created_at;
} StoredItem;

/* ---------------------------------------------------------------------- */
/* Messages                                                                */

static const char *
meeting_signed_message (void)
{
  return _("This supervision meeting is signed and can no longer be changed; add an addendum instead.");
}

static const char *
signer_required_message (void)
{
  return _("Enter your name as it should appear on signed records (Preferences).");
}

static const char *
addendum_needs_signed_message (void)
{
  return _("Only a signed supervision meeting can have an addendum; sign the meeting first.");
}

static void
set_meeting_gone (GError **error)
{
  g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                       _("This supervision meeting is no longer in the database."));
}

static void
set_part_gone (GError **error)
{
  g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                       _("Part of this supervision meeting was changed elsewhere; close it and open it again."));
}

/* ---------------------------------------------------------------------- */

static void
alliance_supervision_store_constructed (GObject *object)
{
  AllianceSupervisionStore *self = (AllianceSupervisionStore *)object;

  G_OBJECT_CLASS (alliance_supervision_store_parent_class)->constructed (object);

  self->database = alliance_store_get_database (ALLIANCE_STORE (self));
}

static void
alliance_supervision_store_class_init (AllianceSupervisionStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alliance_supervision_store_constructed;
}

static void
alliance_supervision_store_init (AllianceSupervisionStore *self)
{
}

AllianceSupervisionStore *
alliance_supervision_store_new (AllianceDatabase *database)
{
  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), NULL);

  return g_object_new (ALLIANCE_TYPE_SUPERVISION_STORE, "database", database, NULL);
}

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

static sqlite3 *
handle_of (AllianceSupervisionStore *self)
{
  return alliance_database_get_handle (self->database);
}

static void
stored_item_free (StoredItem *item)
{
  g_free (item->done_on);
  g_free (item->created_at);
  g_free (item);
}

static void
save_state_init (SaveState *state)
{
  state->new_ids = g_ptr_array_new ();
  state->clients = g_array_new (FALSE, FALSE, sizeof (gint64));
  state->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)stored_item_free);
}

static void
save_state_clear (SaveState *state)
{
  g_clear_pointer (&state->new_ids, g_ptr_array_unref);
  g_clear_pointer (&state->clients, g_array_unref);
  g_clear_pointer (&state->items, g_hash_table_unref);
}

/* Forgets the ids given to new children: their rows were rolled back. */
static void
save_state_roll_back (SaveState *state)
{
  for (guint i = 0; i < state->new_ids->len; i++)
    *(gint64 *)g_ptr_array_index (state->new_ids, i) = 0;
}

static void
add_client (GArray *clients,
            gint64  client_id)
{
  for (guint i = 0; i < clients->len; i++)
    if (g_array_index (clients, gint64, i) == client_id)
      return;
  g_array_append_val (clients, client_id);
}

/* Each client whose agenda entry or action items changed, then 0 for the
 * meeting itself. */
static void
emit_changed (AllianceSupervisionStore *self,
              GArray                   *clients)
{
  for (guint i = 0; clients != NULL && i < clients->len; i++)
    alliance_store_emit_changed (ALLIANCE_STORE (self), g_array_index (clients, gint64, i));
  alliance_store_emit_changed (ALLIANCE_STORE (self), 0);
}

/* A JSON array of ids, for "id NOT IN (SELECT value FROM json_each(?))":
 * one bound parameter however many children a meeting keeps. */
static void
append_json_id (GString *json,
                gint64   id)
{
  g_string_append_printf (json, "%s%" G_GINT64_FORMAT, json->len > 1 ? "," : "", id);
}

static gboolean
exec_with_id (AllianceSupervisionStore  *self,
              const char                *sql,
              gint64                     id,
              GError                   **error)
{
  g_autoptr(AllianceStatement) stmt = alliance_database_prepare (self->database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return alliance_database_step_write (self->database, stmt, meeting_signed_message (), FALSE, error);
}

/* Whether meeting @meeting_id exists (else an error) and is signed. */
static gboolean
lookup_meeting (AllianceSupervisionStore  *self,
                gint64                     meeting_id,
                gboolean                  *is_signed,
                GError                   **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  stmt = alliance_database_prepare (self->database, "SELECT signed_at IS NOT NULL FROM supervision_meetings WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return FALSE;
  if (!found)
    {
      set_meeting_gone (error);
      return FALSE;
    }
  *is_signed = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

static gboolean
collect_clients (AllianceSupervisionStore  *self,
                 gint64                     meeting_id,
                 GArray                    *clients,
                 GError                   **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  int rc;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT client_id FROM supervision_discussions WHERE meeting_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_client (clients, sqlite3_column_int64 (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Loading                                                                 */

static AllianceMeeting *
read_meeting (sqlite3_stmt *stmt)
{
  AllianceMeeting *meeting = alliance_meeting_new (alliance_statement_get_text (stmt, 1));

  meeting->id = sqlite3_column_int64 (stmt, 0);
  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup (alliance_statement_get_text (stmt, 2));
  /* The CHECK constraint makes an unknown format impossible. */
  if (!alliance_supervision_format_from_string (alliance_statement_get_text (stmt, 3), &meeting->format))
    g_warning ("Unknown supervision format in the database");
  meeting->period_start = alliance_statement_dup_text (stmt, 4);
  meeting->period_end = alliance_statement_dup_text (stmt, 5);
  g_free (meeting->notes);
  meeting->notes = g_strdup (alliance_statement_get_text (stmt, 6));
  meeting->signed_at = alliance_statement_dup_text (stmt, 7);
  meeting->signed_by = alliance_statement_dup_text (stmt, 8);
  meeting->content_sha256 = alliance_statement_dup_text (stmt, 9);
  meeting->created_at = alliance_statement_dup_text (stmt, 10);
  meeting->updated_at = alliance_statement_dup_text (stmt, 11);
  return meeting;
}

static AllianceActionItem *
read_action_item (sqlite3_stmt *stmt)
{
  AllianceActionItem *item = alliance_action_item_new (sqlite3_column_int64 (stmt, 2),
                                                       alliance_statement_get_text (stmt, 3));

  item->id = sqlite3_column_int64 (stmt, 0);
  item->meeting_id = sqlite3_column_int64 (stmt, 1);
  item->done_on = alliance_statement_dup_text (stmt, 4);
  item->created_at = alliance_statement_dup_text (stmt, 5);
  item->meeting_date = alliance_statement_dup_text (stmt, 6);
  item->supervisor = alliance_statement_dup_text (stmt, 7);
  return item;
}

static gboolean
finish_rows (AllianceSupervisionStore  *self,
             int                        rc,
             GError                   **error)
{
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Discussions, their excerpts and action items, and the addenda: four
 * queries for the whole meeting, not one per discussion. */
static gboolean
read_children (AllianceSupervisionStore  *self,
               AllianceMeeting           *meeting,
               GError                   **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  int rc;

  {
    g_autoptr(AllianceStatement) stmt = NULL;

    stmt = alliance_database_prepare (self->database,
                                      "SELECT id, client_id, question, discussion FROM supervision_discussions "
                                      "WHERE meeting_id = ?1 ORDER BY position, id",
                                      error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, meeting->id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        AllianceSupervisionDiscussion *discussion = alliance_supervision_discussion_new (sqlite3_column_int64 (stmt, 1));

        discussion->id = sqlite3_column_int64 (stmt, 0);
        g_free (discussion->question);
        discussion->question = g_strdup (alliance_statement_get_text (stmt, 2));
        g_free (discussion->discussion);
        discussion->discussion = g_strdup (alliance_statement_get_text (stmt, 3));
        g_ptr_array_add (meeting->discussions, discussion);
        g_hash_table_insert (by_id, &discussion->id, discussion);
      }
    if (!finish_rows (self, rc, error))
      return FALSE;
  }
  {
    g_autoptr(AllianceStatement) stmt = NULL;

    stmt = alliance_database_prepare (self->database,
                                      "SELECT e.id, e.discussion_id, e.note_id, e.text FROM supervision_excerpts e "
                                      "JOIN supervision_discussions d ON d.id = e.discussion_id "
                                      "WHERE d.meeting_id = ?1 ORDER BY e.position, e.id",
                                      error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, meeting->id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 discussion_id = sqlite3_column_int64 (stmt, 1);
        AllianceSupervisionDiscussion *discussion = g_hash_table_lookup (by_id, &discussion_id);
        AllianceSupervisionExcerpt *excerpt;

        excerpt = alliance_supervision_excerpt_new (sqlite3_column_int64 (stmt, 2), alliance_statement_get_text (stmt, 3));
        excerpt->id = sqlite3_column_int64 (stmt, 0);
        g_ptr_array_add (discussion->excerpts, excerpt);
      }
    if (!finish_rows (self, rc, error))
      return FALSE;
  }
  {
    g_autoptr(AllianceStatement) stmt = NULL;

    stmt = alliance_database_prepare (self->database,
                                      ACTION_ITEM_SELECT "WHERE a.meeting_id = ?1 ORDER BY a.position, a.id", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, meeting->id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        AllianceActionItem *item = read_action_item (stmt);
        /* The foreign key to (meeting, client) makes the discussion exist. */
        AllianceSupervisionDiscussion *discussion = alliance_meeting_find_discussion (meeting, item->client_id);

        g_ptr_array_add (discussion->action_items, item);
      }
    if (!finish_rows (self, rc, error))
      return FALSE;
  }
  {
    g_autoptr(AllianceStatement) stmt = NULL;

    stmt = alliance_database_prepare (self->database,
                                      "SELECT id, body, signed_at, signed_by, content_sha256 FROM supervision_addenda "
                                      "WHERE meeting_id = ?1 ORDER BY signed_at, id",
                                      error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, meeting->id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        AllianceMeetingAddendum *addendum = g_new0 (AllianceMeetingAddendum, 1);

        addendum->id = sqlite3_column_int64 (stmt, 0);
        addendum->meeting_id = meeting->id;
        addendum->body = alliance_statement_dup_text (stmt, 1);
        addendum->signed_at = alliance_statement_dup_text (stmt, 2);
        addendum->signed_by = alliance_statement_dup_text (stmt, 3);
        addendum->content_sha256 = alliance_statement_dup_text (stmt, 4);
        g_ptr_array_add (meeting->addenda, addendum);
      }
    if (!finish_rows (self, rc, error))
      return FALSE;
  }
  return TRUE;
}

/**
 * alliance_supervision_store_load_meeting:
 *
 * Returns: the meeting with its discussions (agenda order), their
 *   excerpts and action items (in order), and its addenda (oldest first);
 *   %NULL with %ALLIANCE_DATABASE_ERROR_NOT_FOUND when there is none.
 */
AllianceMeeting *
alliance_supervision_store_load_meeting (AllianceSupervisionStore  *self,
                                         gint64                     meeting_id,
                                         GError                   **error)
{
  g_autoptr(AllianceMeeting) meeting = NULL;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), NULL);

  {
    g_autoptr(AllianceStatement) stmt = NULL;
    gboolean found;

    stmt = alliance_database_prepare (self->database, MEETING_SELECT "WHERE id = ?1", error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, meeting_id);
    if (!alliance_database_step_row (self->database, stmt, &found, error))
      return NULL;
    if (!found)
      {
        set_meeting_gone (error);
        return NULL;
      }
    meeting = read_meeting (stmt);
  }

  if (!read_children (self, meeting, error))
    return NULL;
  return g_steal_pointer (&meeting);
}

/* The ids a query returns, read before any of them is loaded: loading
 * reuses the cached statements. */
static GArray *
query_ids (AllianceSupervisionStore  *self,
           const char                *sql,
           GError                   **error)
{
  g_autoptr(AllianceStatement) stmt = alliance_database_prepare (self->database, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!finish_rows (self, rc, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * alliance_supervision_store_list_meetings:
 *
 * Returns: (transfer container): every meeting (AllianceMeeting), newest
 *   first by date, then by id, each loaded whole.
 */
GPtrArray *
alliance_supervision_store_list_meetings (AllianceSupervisionStore  *self,
                                          GError                   **error)
{
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), NULL);

  ids = query_ids (self, "SELECT id FROM supervision_meetings ORDER BY meeting_date DESC, id DESC", error);
  if (ids == NULL)
    return NULL;

  meetings = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_meeting_free);
  for (guint i = 0; i < ids->len; i++)
    {
      AllianceMeeting *meeting = alliance_supervision_store_load_meeting (self, g_array_index (ids, gint64, i), error);

      if (meeting == NULL)
        return NULL;
      g_ptr_array_add (meetings, meeting);
    }
  return g_steal_pointer (&meetings);
}

#define AGENDA_ID_SQL                                                                              \
  "SELECT id FROM supervision_meetings WHERE signed_at IS NULL ORDER BY meeting_date DESC, id DESC LIMIT 1"

AllianceMeeting *
alliance_supervision_store_load_agenda (AllianceSupervisionStore  *self,
                                        GError                   **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), NULL);

  ids = query_ids (self, AGENDA_ID_SQL, error);
  if (ids == NULL || ids->len == 0)
    return NULL;
  return alliance_supervision_store_load_meeting (self, g_array_index (ids, gint64, 0), error);
}

char *
alliance_supervision_store_dup_last_meeting_date (AllianceSupervisionStore  *self,
                                                  GError                   **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), NULL);

  /* Served by the partial index supervision_meetings_signed. */
  stmt = alliance_database_prepare (self->database,
                                    "SELECT max(meeting_date) FROM supervision_meetings WHERE signed_at IS NOT NULL",
                                    error);
  if (stmt == NULL || !alliance_database_step_row (self->database, stmt, &found, error))
    return NULL;
  return found ? alliance_statement_dup_text (stmt, 0) : NULL;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint)g_date_get_year (date), (guint)g_date_get_month (date),
                          (guint)g_date_get_day (date));
}

/**
 * alliance_supervision_store_ensure_agenda:
 * @today: "YYYY-MM-DD"
 *
 * The open meeting, created when there is none: dated @today, reviewing
 * the days since the last signed meeting (or the last 28 days) up to
 * @today.
 */
AllianceMeeting *
alliance_supervision_store_ensure_agenda (AllianceSupervisionStore  *self,
                                          const char                *today,
                                          GError                   **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *last = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *now = alliance_timestamp_now ();
  GError *local_error = NULL;
  gboolean created = FALSE;
  gint64 meeting_id;
  GDate end, start;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), NULL);

  if (today == NULL || !alliance_date_parse (today, &end, error))
    return NULL;

  if (!alliance_database_begin (self->database, error))
    return NULL;

  ids = query_ids (self, AGENDA_ID_SQL, error);
  if (ids == NULL)
    goto failed;
  if (ids->len > 0)
    meeting_id = g_array_index (ids, gint64, 0);
  else
    {
      g_autoptr(AllianceStatement) stmt = NULL;

      last = alliance_supervision_store_dup_last_meeting_date (self, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          goto failed;
        }
      start = end;
      if (last != NULL && alliance_date_parse (last, &start, NULL))
        {
          g_date_add_days (&start, 1);
          /* A meeting held today (or dated ahead) leaves a one-day period. */
          if (g_date_compare (&start, &end) > 0)
            start = end;
        }
      else
        g_date_subtract_days (&start, DEFAULT_PERIOD_DAYS);
      start_text = format_date (&start);

      stmt = alliance_database_prepare (self->database,
                                        "INSERT INTO supervision_meetings (meeting_date, period_start, period_end, "
                                        "created_at, updated_at) VALUES (?1, ?2, ?1, ?3, ?3)",
                                        error);
      if (stmt == NULL)
        goto failed;
      alliance_statement_bind_text (stmt, 1, today);
      alliance_statement_bind_text (stmt, 2, start_text);
      alliance_statement_bind_text (stmt, 3, now);
      if (!alliance_database_step_write (self->database, stmt, NULL, FALSE, error))
        goto failed;
      meeting_id = sqlite3_last_insert_rowid (handle_of (self));
      created = TRUE;
    }

  if (!alliance_database_commit (self->database, error))
    return NULL;

  if (created)
    emit_changed (self, NULL);
  return alliance_supervision_store_load_meeting (self, meeting_id, error);

failed:
  alliance_database_rollback (self->database);
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* Saving                                                                  */

static gboolean
write_meeting_row (AllianceSupervisionStore  *self,
                   AllianceMeeting           *meeting,
                   const char                *now,
                   SaveState                 *state,
                   GError                   **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;

  if (meeting->id != 0)
    {
      gboolean is_signed;

      if (!lookup_meeting (self, meeting->id, &is_signed, error))
        return FALSE;
      if (is_signed)
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                               meeting_signed_message ());
          return FALSE;
        }
      stmt = alliance_database_prepare (self->database,
                                        "UPDATE supervision_meetings SET meeting_date = ?2, supervisor = ?3, "
                                        "format = ?4, period_start = ?5, period_end = ?6, notes = ?7, updated_at = ?8 "
                                        "WHERE id = ?1",
                                        error);
    }
  else
    stmt = alliance_database_prepare (self->database,
                                      "INSERT INTO supervision_meetings (meeting_date, supervisor, format, "
                                      "period_start, period_end, notes, created_at, updated_at) "
                                      "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                                      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, meeting->id);
  alliance_statement_bind_text (stmt, 2, meeting->meeting_date);
  alliance_statement_bind_text (stmt, 3, meeting->supervisor);
  alliance_statement_bind_text (stmt, 4, alliance_supervision_format_to_string (meeting->format));
  alliance_statement_bind_date (stmt, 5, meeting->period_start);
  alliance_statement_bind_date (stmt, 6, meeting->period_end);
  alliance_statement_bind_text (stmt, 7, meeting->notes);
  alliance_statement_bind_text (stmt, 8, now);
  if (!alliance_database_step_write (self->database, stmt, meeting_signed_message (), FALSE, error))
    return FALSE;

  if (meeting->id == 0)
    {
      meeting->id = sqlite3_last_insert_rowid (handle_of (self));
      g_ptr_array_add (state->new_ids, &meeting->id);
    }
  return TRUE;
}

/* Deletes the children the caller no longer holds: action items and
 * excerpts whose id is not in @meeting, then discussions (noting their
 * clients), so that a client removed and added again gets a fresh entry. */
static gboolean
delete_dropped_children (AllianceSupervisionStore  *self,
                         const AllianceMeeting     *meeting,
                         SaveState                 *state,
                         GError                   **error)
{
  g_autoptr(GString) discussions = g_string_new ("[");
  g_autoptr(GString) excerpts = g_string_new ("[");
  g_autoptr(GString) items = g_string_new ("[");
  static const char *deletes[] = {
    "DELETE FROM action_items WHERE meeting_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
    ("DELETE FROM supervision_excerpts WHERE id NOT IN (SELECT value FROM json_each(?2)) "
     "AND discussion_id IN (SELECT id FROM supervision_discussions WHERE meeting_id = ?1)"),
    "DELETE FROM supervision_discussions WHERE meeting_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
  };
  GString *kept[] = { items, excerpts, discussions };

  for (guint i = 0; i < meeting->discussions->len; i++)
    {
      const AllianceSupervisionDiscussion *discussion = g_ptr_array_index (meeting->discussions, i);

      if (discussion->id != 0)
        append_json_id (discussions, discussion->id);
      for (guint j = 0; j < discussion->excerpts->len; j++)
        {
          const AllianceSupervisionExcerpt *excerpt = g_ptr_array_index (discussion->excerpts, j);

          if (excerpt->id != 0)
            append_json_id (excerpts, excerpt->id);
        }
      for (guint j = 0; j < discussion->action_items->len; j++)
        {
          const AllianceActionItem *item = g_ptr_array_index (discussion->action_items, j);

          if (item->id != 0)
            append_json_id (items, item->id);
        }
    }
  g_string_append_c (discussions, ']');
  g_string_append_c (excerpts, ']');
  g_string_append_c (items, ']');

  /* Every client on the agenda before the save is affected: the dropped
   * ones lose their entry, the others may have changed. */
  if (!collect_clients (self, meeting->id, state->clients, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      g_autoptr(AllianceStatement) stmt = alliance_database_prepare (self->database, deletes[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, meeting->id);
      alliance_statement_bind_text (stmt, 2, kept[i]->str);
      if (!alliance_database_step_write (self->database, stmt, meeting_signed_message (), FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/* Inserts (id 0) or updates one child row: @insert_sql and @update_sql
 * take the same parameters, ?1 being the child's id, and the update names
 * its parent so that a child of another meeting is never touched. */
static gboolean
write_child (AllianceSupervisionStore  *self,
             const char                *insert_sql,
             const char                *update_sql,
             gint64                     id,
             sqlite3_stmt             **out_stmt,
             GError                   **error)
{
  *out_stmt = alliance_database_prepare (self->database, id == 0 ? insert_sql : update_sql, error);
  if (*out_stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (*out_stmt, 1, id);
  return TRUE;
}

static gboolean
finish_child (AllianceSupervisionStore  *self,
              sqlite3_stmt              *stmt,
              gint64                    *id,
              SaveState                 *state,
              GError                   **error)
{
  gboolean ok = alliance_database_step_write (self->database, stmt, meeting_signed_message (), FALSE, error);

  alliance_statement_release (stmt);
  if (!ok)
    return FALSE;
  if (*id != 0)
    {
      if (sqlite3_changes (handle_of (self)) != 1)
        {
          set_part_gone (error);
          return FALSE;
        }
      return TRUE;
    }
  *id = sqlite3_last_insert_rowid (handle_of (self));
  g_ptr_array_add (state->new_ids, id);
  return TRUE;
}

static gboolean
write_discussion (AllianceSupervisionStore      *self,
                  const AllianceMeeting         *meeting,
                  AllianceSupervisionDiscussion *discussion,
                  guint                          position,
                  SaveState                     *state,
                  GError                       **error)
{
  sqlite3_stmt *stmt = NULL;

  /* The client is part of a discussion's identity (its action items name
   * it), so an update keeps it; one for another client is refused below. */
  if (!write_child (self,
                    "INSERT INTO supervision_discussions (meeting_id, client_id, position, question, discussion) "
                    "VALUES (?2, ?3, ?4, ?5, ?6)",
                    "UPDATE supervision_discussions SET position = ?4, question = ?5, discussion = ?6 "
                    "WHERE id = ?1 AND meeting_id = ?2 AND client_id = ?3",
                    discussion->id, &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, meeting->id);
  sqlite3_bind_int64 (stmt, 3, discussion->client_id);
  sqlite3_bind_int (stmt, 4, (int)position);
  alliance_statement_bind_text (stmt, 5, discussion->question);
  alliance_statement_bind_text (stmt, 6, discussion->discussion);
  if (!finish_child (self, stmt, &discussion->id, state, error))
    return FALSE;
  add_client (state->clients, discussion->client_id);

  for (guint i = 0; i < discussion->excerpts->len; i++)
    {
      AllianceSupervisionExcerpt *excerpt = g_ptr_array_index (discussion->excerpts, i);

      if (!write_child (self,
                        "INSERT INTO supervision_excerpts (discussion_id, note_id, position, text) "
                        "VALUES (?2, ?3, ?4, ?5)",
                        "UPDATE supervision_excerpts SET discussion_id = ?2, note_id = ?3, position = ?4, text = ?5 "
                        "WHERE id = ?1 AND discussion_id IN "
                        "(SELECT id FROM supervision_discussions WHERE meeting_id = ?6)",
                        excerpt->id, &stmt, error))
        return FALSE;
      sqlite3_bind_int64 (stmt, 2, discussion->id);
      sqlite3_bind_int64 (stmt, 3, excerpt->note_id);
      sqlite3_bind_int (stmt, 4, (int)i);
      alliance_statement_bind_text (stmt, 5, excerpt->text);
      if (excerpt->id != 0)
        sqlite3_bind_int64 (stmt, 6, meeting->id);
      if (!finish_child (self, stmt, &excerpt->id, state, error))
        return FALSE;
    }

  /* done_on is written for a new item only: an existing item keeps the
   * date it was marked done, whatever copy of the meeting is saved. */
  for (guint i = 0; i < discussion->action_items->len; i++)
    {
      AllianceActionItem *item = g_ptr_array_index (discussion->action_items, i);
      g_autofree char *created_at = alliance_timestamp_now ();

      if (!write_child (self,
                        "INSERT INTO action_items (meeting_id, client_id, position, text, done_on, created_at) "
                        "VALUES (?2, ?3, ?4, ?5, ?6, ?7)",
                        "UPDATE action_items SET client_id = ?3, position = ?4, text = ?5 "
                        "WHERE id = ?1 AND meeting_id = ?2",
                        item->id, &stmt, error))
        return FALSE;
      sqlite3_bind_int64 (stmt, 2, meeting->id);
      sqlite3_bind_int64 (stmt, 3, discussion->client_id);
      sqlite3_bind_int (stmt, 4, (int)i);
      alliance_statement_bind_text (stmt, 5, item->text);
      if (item->id == 0)
        {
          alliance_statement_bind_date (stmt, 6, item->done_on);
          alliance_statement_bind_text (stmt, 7, created_at);
        }
      if (!finish_child (self, stmt, &item->id, state, error))
        return FALSE;
    }
  return TRUE;
}

/* The action items as stored, to hand back after the commit. */
static gboolean
read_stored_items (AllianceSupervisionStore  *self,
                   gint64                     meeting_id,
                   SaveState                 *state,
                   GError                   **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  int rc;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT id, done_on, created_at FROM action_items WHERE meeting_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredItem *stored = g_new0 (StoredItem, 1);

      stored->done_on = alliance_statement_dup_text (stmt, 1);
      stored->created_at = alliance_statement_dup_text (stmt, 2);
      g_hash_table_insert (state->items, g_memdup2 (&(gint64){ sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                           stored);
    }
  return finish_rows (self, rc, error);
}

/* Writes the open meeting and its children inside the caller's
 * transaction. New children get their ids at once (so later rows can
 * name them); save_state_roll_back() takes them back on failure. */
static gboolean
write_meeting (AllianceSupervisionStore  *self,
               AllianceMeeting           *meeting,
               const char                *now,
               SaveState                 *state,
               GError                   **error)
{
  if (!write_meeting_row (self, meeting, now, state, error) ||
      !delete_dropped_children (self, meeting, state, error))
    return FALSE;

  for (guint i = 0; i < meeting->discussions->len; i++)
    {
      AllianceSupervisionDiscussion *discussion = g_ptr_array_index (meeting->discussions, i);

      if (!write_discussion (self, meeting, discussion, i, state, error))
        return FALSE;
    }
  return read_stored_items (self, meeting->id, state, error);
}

/* After the commit: timestamps, and each action item as stored. */
static void
apply_saved (AllianceMeeting *meeting,
             const char      *now,
             gboolean         inserted,
             SaveState       *state)
{
  if (inserted)
    {
      g_free (meeting->created_at);
      meeting->created_at = g_strdup (now);
    }
  g_free (meeting->updated_at);
  meeting->updated_at = g_strdup (now);

  for (guint i = 0; i < meeting->discussions->len; i++)
    {
      AllianceSupervisionDiscussion *discussion = g_ptr_array_index (meeting->discussions, i);

      for (guint j = 0; j < discussion->action_items->len; j++)
        {
          AllianceActionItem *item = g_ptr_array_index (discussion->action_items, j);
          StoredItem *stored = g_hash_table_lookup (state->items, &item->id);

          item->meeting_id = meeting->id;
          item->client_id = discussion->client_id;
          g_free (item->meeting_date);
          item->meeting_date = g_strdup (meeting->meeting_date);
          g_free (item->supervisor);
          item->supervisor = g_strdup (meeting->supervisor);
          if (stored != NULL)
            {
              g_free (item->done_on);
              item->done_on = g_strdup (stored->done_on);
              g_free (item->created_at);
              item->created_at = g_strdup (stored->created_at);
            }
        }
    }
}

static gboolean
check_meeting_shape (const AllianceMeeting  *meeting,
                     GError                **error)
{
  if (meeting->discussions == NULL || meeting->addenda == NULL)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("This supervision meeting is incomplete; close it and open it again."));
      return FALSE;
    }
  for (guint i = 0; i < meeting->discussions->len; i++)
    {
      const AllianceSupervisionDiscussion *discussion = g_ptr_array_index (meeting->discussions, i);

      if (discussion->excerpts == NULL || discussion->action_items == NULL)
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                               _("This supervision meeting is incomplete; close it and open it again."));
          return FALSE;
        }
    }
  return TRUE;
}

/* Saves and, with @signer, signs, in one transaction. */
static gboolean
save_or_sign (AllianceSupervisionStore  *self,
              AllianceMeeting           *meeting,
              const char                *signer,
              AllianceMeetingField      *invalid_field,
              GError                   **error)
{
  g_autofree char *now = alliance_timestamp_now ();
  g_autofree char *signed_by = NULL;
  g_autofree char *sha256 = NULL;
  gboolean inserted = meeting->id == 0;
  SaveState state;

  if (invalid_field != NULL)
    *invalid_field = ALLIANCE_MEETING_FIELD_NONE;

  if (alliance_meeting_is_signed (meeting))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           meeting_signed_message ());
      return FALSE;
    }
  if (!check_meeting_shape (meeting, error) || !alliance_meeting_validate (meeting, invalid_field, error))
    return FALSE;
  if (signer != NULL)
    {
      if (alliance_text_is_blank (signer))
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                               signer_required_message ());
          return FALSE;
        }
      if (alliance_text_is_blank (meeting->supervisor))
        {
          g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                               _("Enter the supervisor’s name before signing the meeting."));
          if (invalid_field != NULL)
            *invalid_field = ALLIANCE_MEETING_FIELD_SUPERVISOR;
          return FALSE;
        }
      signed_by = g_strstrip (g_strdup (signer));
    }

  save_state_init (&state);
  if (!alliance_database_begin (self->database, error))
    goto out;
  if (!write_meeting (self, meeting, now, &state, error))
    goto failed;

  if (signed_by != NULL)
    {
      g_autoptr(AllianceStatement) stmt = NULL;

      sha256 = alliance_meeting_compute_sha256 (meeting);
      stmt = alliance_database_prepare (self->database,
                                        "UPDATE supervision_meetings SET signed_at = ?2, signed_by = ?3, "
                                        "content_sha256 = ?4, updated_at = ?2 WHERE id = ?1 AND signed_at IS NULL",
                                        error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, meeting->id);
      alliance_statement_bind_text (stmt, 2, now);
      alliance_statement_bind_text (stmt, 3, signed_by);
      alliance_statement_bind_text (stmt, 4, sha256);
      if (!alliance_database_step_write (self->database, stmt, meeting_signed_message (), FALSE, error))
        goto failed;
      if (sqlite3_changes (handle_of (self)) != 1)
        {
          set_meeting_gone (error);
          goto failed;
        }
    }

  if (!alliance_database_commit (self->database, error))
    goto rolled_back;

  apply_saved (meeting, now, inserted, &state);
  if (signed_by != NULL)
    {
      meeting->signed_at = g_steal_pointer (&now);
      meeting->signed_by = g_steal_pointer (&signed_by);
      meeting->content_sha256 = g_steal_pointer (&sha256);
    }
  emit_changed (self, state.clients);
  save_state_clear (&state);
  return TRUE;

failed:
  alliance_database_rollback (self->database);
rolled_back:
  save_state_roll_back (&state);
out:
  save_state_clear (&state);
  return FALSE;
}

/**
 * alliance_supervision_store_save_meeting:
 * @meeting: an open meeting: inserted when its id is 0, updated otherwise
 * @invalid_field: (out) (optional): the field a validation error is about
 *
 * Validates, then writes the meeting and its children in one transaction.
 * Children are matched by id: 0 inserts, an id no longer in @meeting is
 * deleted, the others are updated — except an action item's done_on,
 * which only alliance_supervision_store_set_action_item_done() changes
 * once the item is stored. On success @meeting gets its ids, timestamps
 * and each item's stored done_on; on error nothing is written and its ids
 * are as they were.
 */
gboolean
alliance_supervision_store_save_meeting (AllianceSupervisionStore  *self,
                                         AllianceMeeting           *meeting,
                                         AllianceMeetingField      *invalid_field,
                                         GError                   **error)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);

  return save_or_sign (self, meeting, NULL, invalid_field, error);
}

/**
 * alliance_supervision_store_sign_meeting:
 * @signer: the name signed records carry
 *
 * Saves the meeting as it is and signs it, in one transaction: the
 * signature is the signer, the time (UTC) and a SHA-256 of
 * alliance_meeting_dup_signed_content(). The supervisor's name is
 * required. From then on the database refuses any change to the meeting
 * and what hangs from it, except the date an action item is done.
 */
gboolean
alliance_supervision_store_sign_meeting (AllianceSupervisionStore  *self,
                                         AllianceMeeting           *meeting,
                                         const char                *signer,
                                         AllianceMeetingField      *invalid_field,
                                         GError                   **error)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);

  return save_or_sign (self, meeting, signer ? signer : "", invalid_field, error);
}

/**
 * alliance_supervision_store_delete_meeting:
 *
 * Deletes an open meeting (an agenda no longer wanted) with its
 * discussions, excerpts and action items. A signed meeting stays.
 */
gboolean
alliance_supervision_store_delete_meeting (AllianceSupervisionStore  *self,
                                           gint64                     meeting_id,
                                           GError                   **error)
{
  g_autoptr(GArray) clients = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *signed_message = _("This supervision meeting is signed, so it cannot be deleted; add an addendum instead.");
  gboolean is_signed;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), FALSE);

  if (!alliance_database_begin (self->database, error))
    return FALSE;
  if (!lookup_meeting (self, meeting_id, &is_signed, error))
    goto failed;
  if (is_signed)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID, signed_message);
      goto failed;
    }
  if (!collect_clients (self, meeting_id, clients, error) ||
      !exec_with_id (self, "DELETE FROM supervision_meetings WHERE id = ?1", meeting_id, error))
    goto failed;
  if (!alliance_database_commit (self->database, error))
    return FALSE;

  emit_changed (self, clients);
  return TRUE;

failed:
  alliance_database_rollback (self->database);
  return FALSE;
}

/**
 * alliance_supervision_store_add_addendum:
 * @meeting: a signed meeting; the addendum is appended to its addenda
 * @body: the correction or addition, stored as typed
 * @signer: the name signed records carry
 *
 * Adds a dated, signed addendum below a signed meeting. Its SHA-256
 * covers the meeting's own hash as stored (see
 * alliance_meeting_addendum_compute_sha256()).
 */
gboolean
alliance_supervision_store_add_addendum (AllianceSupervisionStore  *self,
                                         AllianceMeeting           *meeting,
                                         const char                *body,
                                         const char                *signer,
                                         GError                   **error)
{
  g_autoptr(AllianceMeetingAddendum) addendum = NULL;
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree char *meeting_sha256 = NULL;
  gboolean found;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);

  if (meeting->id == 0 || !alliance_meeting_is_signed (meeting))
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

  /* The hash chains to the meeting as stored, not as the caller holds it. */
  stmt = alliance_database_prepare (self->database, "SELECT content_sha256 FROM supervision_meetings WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, meeting->id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    goto failed;
  if (!found)
    {
      set_meeting_gone (error);
      goto failed;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           addendum_needs_signed_message ());
      goto failed;
    }
  meeting_sha256 = alliance_statement_dup_text (stmt, 0);
  g_clear_pointer (&stmt, alliance_statement_release);

  addendum = g_new0 (AllianceMeetingAddendum, 1);
  addendum->meeting_id = meeting->id;
  addendum->body = g_strdup (body);
  addendum->signed_at = alliance_timestamp_now ();
  addendum->signed_by = g_strstrip (g_strdup (signer));
  addendum->content_sha256 = alliance_meeting_addendum_compute_sha256 (addendum, meeting_sha256);

  stmt = alliance_database_prepare (self->database,
                                    "INSERT INTO supervision_addenda (meeting_id, body, signed_at, signed_by, "
                                    "content_sha256, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?3)",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, addendum->meeting_id);
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

  if (meeting->addenda == NULL)
    meeting->addenda = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_meeting_addendum_free);
  g_ptr_array_add (meeting->addenda, g_steal_pointer (&addendum));

  emit_changed (self, NULL);
  return TRUE;

failed:
  g_clear_pointer (&stmt, alliance_statement_release);
  alliance_database_rollback (self->database);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Action items                                                            */

/**
 * alliance_supervision_store_list_action_items:
 * @include_done: whether to list the items already done too
 *
 * Returns: (transfer container): the client's action items
 *   (AllianceActionItem), oldest meeting first, each with its meeting's
 *   date and supervisor.
 */
GPtrArray *
alliance_supervision_store_list_action_items (AllianceSupervisionStore  *self,
                                              gint64                     client_id,
                                              gboolean                   include_done,
                                              GError                   **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) items = NULL;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), NULL);

  stmt = alliance_database_prepare (self->database,
                                    ACTION_ITEM_SELECT "WHERE a.client_id = ?1 AND (?2 OR a.done_on IS NULL) "
                                    "ORDER BY m.meeting_date, a.meeting_id, a.position, a.id",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int (stmt, 2, include_done ? 1 : 0);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_action_item_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, read_action_item (stmt));
  if (!finish_rows (self, rc, error))
    return NULL;
  return g_steal_pointer (&items);
}

gboolean
alliance_supervision_store_set_action_item_done (AllianceSupervisionStore  *self,
                                                 gint64                     action_item_id,
                                                 const char                *done_on,
                                                 GError                   **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GArray) clients = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean found;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (self), FALSE);

  if (done_on != NULL && done_on[0] == '\0')
    done_on = NULL;
  if (done_on != NULL && !alliance_date_parse (done_on, NULL, error))
    return FALSE;

  if (!alliance_database_begin (self->database, error))
    return FALSE;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT a.client_id, m.meeting_date FROM action_items a "
                                    "JOIN supervision_meetings m ON m.id = a.meeting_id WHERE a.id = ?1",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, action_item_id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    goto failed;
  if (!found)
    {
      g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                           _("This action item is no longer in the database."));
      goto failed;
    }
  add_client (clients, sqlite3_column_int64 (stmt, 0));
  if (done_on != NULL && strcmp (done_on, alliance_statement_get_text (stmt, 1)) < 0)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER,
                           _("An action item cannot be done before the meeting that recommended it."));
      goto failed;
    }
  g_clear_pointer (&stmt, alliance_statement_release);

  stmt = alliance_database_prepare (self->database, "UPDATE action_items SET done_on = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, action_item_id);
  alliance_statement_bind_date (stmt, 2, done_on);
  if (!alliance_database_step_write (self->database, stmt, meeting_signed_message (), FALSE, error))
    goto failed;
  g_clear_pointer (&stmt, alliance_statement_release);

  if (!alliance_database_commit (self->database, error))
    return FALSE;

  emit_changed (self, clients);
  return TRUE;

failed:
  g_clear_pointer (&stmt, alliance_statement_release);
  alliance_database_rollback (self->database);
  return FALSE;
}
