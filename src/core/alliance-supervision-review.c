/* alliance-supervision-review.c
 *
 * The review list is built for the whole caseload at once, so it is read
 * in a few passes rather than a few queries per client:
 *
 *  - every client not archived, in one query;
 *  - the flags of the whole caseload through alliance_caseload_flags_compute
 *    (its own read-only connection, one pass over the tables);
 *  - which clients have sessions in the period, an unrepaired rupture or an
 *    open action item, one query each;
 *  - then, for those clients only, their records through the stores (so a
 *    session is numbered and an event read the one way the stores do it).
 *
 * With 2,000 clients most are discharged and quiet: they cost a row in the
 * first query and nothing after.
 */
#define G_LOG_DOMAIN "alliance-supervision-review"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-caseload-flags.h"
#include "alliance-database.h"
#include "alliance-date.h"
#include "alliance-redaction.h"
#include "alliance-supervision-review.h"
#include "alliance-text.h"

#define CLIENT_SQL                                                                                 \
  "SELECT id, code, given_name, family_name, preferred_name, status, archived, date_of_birth, "    \
  "start_date FROM clients "

/* Dates are compared on the session's calendar day: the period is inclusive. */
#define ACTIVE_IN_PERIOD_SQL                                                                       \
  "SELECT DISTINCT client_id FROM sessions WHERE substr(starts_at, 1, 10) BETWEEN ?1 AND ?2"
/* The rating store's rule (alliance_rating_store_list_unrepaired_ruptures),
 * only to know whom to ask it about. */
#define WITH_UNREPAIRED_SQL                                                                        \
  "SELECT DISTINCT s.client_id FROM session_events e JOIN sessions s ON s.id = e.session_id "      \
  "WHERE e.kind = 'rupture' "                                                                      \
  "AND NOT EXISTS (SELECT 1 FROM session_events r WHERE r.rupture_id = e.id AND r.resolved = 1)"
#define WITH_OPEN_ITEMS_SQL "SELECT DISTINCT client_id FROM action_items WHERE done_on IS NULL"

/* What to load for a client beyond its row and flags. */
typedef struct
{
  gboolean period;       /* sessions (and so events) in the period */
  gboolean unrepaired;
  gboolean open_items;
} Wanted;

static const Wanted want_everything = { TRUE, TRUE, TRUE };

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                       _("This client’s record is no longer in the database."));
}

static AllianceReviewEntry *
read_entry (sqlite3_stmt *stmt)
{
  AllianceReviewEntry *entry = g_new0 (AllianceReviewEntry, 1);
  AllianceClientStatus status = ALLIANCE_CLIENT_STATUS_ACTIVE;

  entry->client_id = sqlite3_column_int64 (stmt, 0);
  entry->code = alliance_statement_dup_text (stmt, 1);
  entry->display_name = alliance_client_make_display_name (alliance_statement_get_text (stmt, 2),
                                                           alliance_statement_get_text (stmt, 3),
                                                           alliance_statement_get_text (stmt, 4));
  if (!alliance_client_status_from_string (alliance_statement_get_text (stmt, 5), &status))
    g_warning ("Unknown client status in the database");
  entry->status = status;
  entry->date_of_birth = alliance_statement_dup_text (stmt, 7);
  entry->start_date = alliance_statement_dup_text (stmt, 8);
  entry->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_free);
  entry->unrepaired_ruptures = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_event_free);
  entry->ruptures_and_repairs = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_event_free);
  entry->boundary_events = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_event_free);
  entry->open_action_items = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_action_item_free);
  return entry;
}

/* Every client not archived (or the one client, archived or not). */
static GPtrArray *
load_entries (AllianceDatabase  *database,
              gint64             client_id,
              GError           **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  stmt = alliance_database_prepare (database,
                                    client_id > 0 ? CLIENT_SQL "WHERE id = ?1"
                                                  : CLIENT_SQL "WHERE archived = 0 ORDER BY id",
                                    error);
  if (stmt == NULL)
    return NULL;
  if (client_id > 0)
    sqlite3_bind_int64 (stmt, 1, client_id);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_review_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_entry (stmt));
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* The client ids @sql selects (with the period bound when it asks). */
static GHashTable *
load_client_set (AllianceDatabase  *database,
                 const char        *sql,
                 const char        *from,
                 const char        *to,
                 GError           **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GHashTable) set = NULL;
  int rc;

  stmt = alliance_database_prepare (database, sql, error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    {
      alliance_statement_bind_text (stmt, 1, from);
      alliance_statement_bind_text (stmt, 2, to);
    }

  set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (set, g_memdup2 (&id, sizeof id));
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&set);
}

static gboolean
in_period (const char *starts_at,
           const char *from,
           const char *to)
{
  return starts_at != NULL && strlen (starts_at) >= 10
         && strncmp (starts_at, from, 10) >= 0 && strncmp (starts_at, to, 10) <= 0;
}

static gboolean
fill_entry (AllianceReviewEntry       *entry,
            AllianceSessionStore      *sessions,
            AllianceRatingStore       *ratings,
            AllianceSupervisionStore  *supervision,
            const char                *from,
            const char                *to,
            const Wanted              *wanted,
            GError                   **error)
{
  g_autoptr(GPtrArray) session_list = NULL;

  if (wanted->period)
    {
      session_list = alliance_session_store_list_sessions (sessions, entry->client_id, error);
      if (session_list == NULL)
        return FALSE;
    }

  /* The store lists newest first; the review reads oldest first. */
  for (guint i = session_list != NULL ? session_list->len : 0; i > 0; i--)
    {
      AllianceSession *session = g_ptr_array_index (session_list, i - 1);

      if (session->error_reason != NULL || !in_period (session->starts_at, from, to))
        continue;
      entry->n_sessions++;
      if (session->attendance == ALLIANCE_ATTENDANCE_ATTENDED)
        entry->n_attended++;
      g_ptr_array_add (entry->sessions, alliance_session_copy (session));
    }

  /* Events are counted as the flags count them: a session entered in error
   * keeps its events (the rating store lists them too). */
  if (wanted->period)
    {
      g_autoptr(GPtrArray) events = alliance_rating_store_list_client_events (ratings, entry->client_id, error);

      if (events == NULL)
        return FALSE;
      for (guint i = 0; i < events->len; i++)
        {
          AllianceSessionEvent *event = g_ptr_array_index (events, i);
          GPtrArray *list;

          if (event->kind == ALLIANCE_EVENT_RUPTURE || event->kind == ALLIANCE_EVENT_REPAIR)
            list = entry->ruptures_and_repairs;
          else if (event->kind == ALLIANCE_EVENT_BOUNDARY)
            list = entry->boundary_events;
          else
            continue;
          if (in_period (event->occurred_at, from, to))
            g_ptr_array_add (list, g_ptr_array_steal_index (events, i--));
        }
    }

  if (wanted->unrepaired)
    {
      g_autoptr(GPtrArray) ruptures = alliance_rating_store_list_unrepaired_ruptures (ratings, entry->client_id,
                                                                                     error);

      if (ruptures == NULL)
        return FALSE;
      g_ptr_array_extend_and_steal (entry->unrepaired_ruptures, g_steal_pointer (&ruptures));
    }

  if (wanted->open_items)
    {
      g_autoptr(GPtrArray) items = alliance_supervision_store_list_action_items (supervision, entry->client_id,
                                                                                FALSE, error);

      if (items == NULL)
        return FALSE;
      g_ptr_array_extend_and_steal (entry->open_action_items, g_steal_pointer (&items));
    }
  return TRUE;
}

/* On the agenda of the open meeting, with the therapist's question. */
static void
mark_agenda (AllianceReviewEntry   *entry,
             const AllianceMeeting *agenda)
{
  AllianceSupervisionDiscussion *discussion;

  if (agenda == NULL)
    return;
  discussion = alliance_meeting_find_discussion (agenda, entry->client_id);
  if (discussion == NULL)
    return;
  entry->on_agenda = TRUE;
  g_clear_pointer (&entry->question, g_free);
  if (discussion->question != NULL && discussion->question[0] != '\0')
    entry->question = g_strdup (discussion->question);
}

static gint
compare_entries_cb (gconstpointer a,
                    gconstpointer b)
{
  return alliance_review_entry_compare (*(AllianceReviewEntry * const *)a,
                                        *(AllianceReviewEntry * const *)b);
}

static GDate *
get_today (const GDate *today,
           GDate       *storage)
{
  if (today != NULL && g_date_valid (today))
    return (GDate *)today;
  alliance_date_get_today (storage);
  return storage;
}

void
alliance_review_entry_free (AllianceReviewEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->code);
  g_free (entry->display_name);
  g_free (entry->date_of_birth);
  g_free (entry->start_date);
  g_clear_pointer (&entry->flags, alliance_client_flags_free);
  g_clear_pointer (&entry->sessions, g_ptr_array_unref);
  g_clear_pointer (&entry->unrepaired_ruptures, g_ptr_array_unref);
  g_clear_pointer (&entry->ruptures_and_repairs, g_ptr_array_unref);
  g_clear_pointer (&entry->boundary_events, g_ptr_array_unref);
  g_clear_pointer (&entry->open_action_items, g_ptr_array_unref);
  g_free (entry->question);
  g_free (entry);
}

/**
 * alliance_supervision_review_build:
 *
 * Besides the flagged clients and the active and on-hold ones, a client on
 * the agenda is listed whatever its status (unless archived), so that no
 * agenda entry is lost from the view.
 *
 * Returns: (transfer container) (element-type AllianceReviewEntry)
 */
GPtrArray *
alliance_supervision_review_build (AllianceClientStore        *clients,
                                   AllianceSessionStore       *sessions,
                                   AllianceRatingStore        *ratings,
                                   AllianceSupervisionStore   *supervision,
                                   const char                 *from,
                                   const char                 *to,
                                   const AllianceFlagSettings *settings,
                                   const GDate                *today,
                                   GError                    **error)
{
  AllianceDatabase *database;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) flags = NULL;
  g_autoptr(GHashTable) active = NULL;
  g_autoptr(GHashTable) unrepaired = NULL;
  g_autoptr(GHashTable) open_items = NULL;
  g_autoptr(AllianceMeeting) agenda = NULL;
  GDate today_storage;
  const char *path;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (clients), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (sessions), NULL);
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (ratings), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (supervision), NULL);
  g_return_val_if_fail (alliance_date_is_valid (from) && alliance_date_is_valid (to), NULL);

  today = get_today (today, &today_storage);
  database = alliance_client_store_get_database (clients);
  path = alliance_database_get_path (database);

  candidates = load_entries (database, 0, error);
  if (candidates == NULL)
    return NULL;
  if (g_strcmp0 (path, ":memory:") != 0)
    {
      flags = alliance_caseload_flags_compute (path, settings, today, NULL, error);
      if (flags == NULL)
        return NULL;
    }
  if ((active = load_client_set (database, ACTIVE_IN_PERIOD_SQL, from, to, error)) == NULL ||
      (unrepaired = load_client_set (database, WITH_UNREPAIRED_SQL, NULL, NULL, error)) == NULL ||
      (open_items = load_client_set (database, WITH_OPEN_ITEMS_SQL, NULL, NULL, error)) == NULL)
    return NULL;
  agenda = alliance_supervision_store_load_agenda (supervision, error);
  if (agenda == NULL && error != NULL && *error != NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_review_entry_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      AllianceReviewEntry *entry = g_ptr_array_index (candidates, i);
      AllianceClientFlags *client_flags = NULL;
      Wanted wanted;

      /* An in-memory database (tests) has no file for a second connection;
       * a client added since the pass has no flags in it yet. */
      if (flags != NULL)
        client_flags = g_hash_table_lookup (flags, &entry->client_id);
      if (client_flags != NULL)
        entry->flags = alliance_client_flags_copy (client_flags);
      else
        {
          entry->flags = alliance_caseload_flags_compute_client (sessions, ratings, entry->client_id, settings,
                                                                 today, error);
          if (entry->flags == NULL)
            return NULL;
        }

      mark_agenda (entry, agenda);
      if (entry->flags->flags->len == 0 && !alliance_client_status_in_therapy (entry->status)
          && !entry->on_agenda)
        continue;

      wanted.period = g_hash_table_contains (active, &entry->client_id);
      wanted.unrepaired = g_hash_table_contains (unrepaired, &entry->client_id);
      wanted.open_items = g_hash_table_contains (open_items, &entry->client_id);
      if (!fill_entry (entry, sessions, ratings, supervision, from, to, &wanted, error))
        return NULL;
      g_ptr_array_add (entries, g_ptr_array_steal_index (candidates, i--));
    }

  g_ptr_array_sort (entries, compare_entries_cb);
  return g_steal_pointer (&entries);
}

/**
 * alliance_supervision_review_build_entry:
 *
 * The entry of @client_id whether or not the list would show it.
 */
AllianceReviewEntry *
alliance_supervision_review_build_entry (AllianceClientStore        *clients,
                                         AllianceSessionStore       *sessions,
                                         AllianceRatingStore        *ratings,
                                         AllianceSupervisionStore   *supervision,
                                         gint64                      client_id,
                                         const char                 *from,
                                         const char                 *to,
                                         const AllianceFlagSettings *settings,
                                         const GDate                *today,
                                         GError                    **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(AllianceMeeting) agenda = NULL;
  g_autoptr(GError) local_error = NULL;
  AllianceReviewEntry *entry;
  GDate today_storage;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (clients), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (sessions), NULL);
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (ratings), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (supervision), NULL);
  g_return_val_if_fail (client_id > 0, NULL);
  g_return_val_if_fail (alliance_date_is_valid (from) && alliance_date_is_valid (to), NULL);

  today = get_today (today, &today_storage);
  found = load_entries (alliance_client_store_get_database (clients), client_id, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      set_not_found (error);
      return NULL;
    }
  entry = g_ptr_array_index (found, 0);

  entry->flags = alliance_caseload_flags_compute_client (sessions, ratings, client_id, settings, today, error);
  if (entry->flags == NULL)
    return NULL;
  agenda = alliance_supervision_store_load_agenda (supervision, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  mark_agenda (entry, agenda);
  if (!fill_entry (entry, sessions, ratings, supervision, from, to, &want_everything, error))
    return NULL;
  return g_ptr_array_steal_index (found, 0);
}

/**
 * alliance_review_entry_compare:
 *
 * A qsort-style order (negative when @a comes first): the most severe flag
 * first, then more flags first, then by name (then code, then id, so the
 * order is total). Unflagged clients come last by the first rule.
 */
int
alliance_review_entry_compare (const AllianceReviewEntry *a,
                               const AllianceReviewEntry *b)
{
  AllianceFlagSeverity severity_a = a->flags != NULL ? a->flags->max_severity : ALLIANCE_FLAG_SEVERITY_NONE;
  AllianceFlagSeverity severity_b = b->flags != NULL ? b->flags->max_severity : ALLIANCE_FLAG_SEVERITY_NONE;
  guint n_a = a->flags != NULL ? a->flags->flags->len : 0;
  guint n_b = b->flags != NULL ? b->flags->flags->len : 0;
  int order;

  if (severity_a != severity_b)
    return severity_a > severity_b ? -1 : 1;
  if (n_a != n_b)
    return n_a > n_b ? -1 : 1;
  order = g_utf8_collate (a->display_name != NULL ? a->display_name : "",
                          b->display_name != NULL ? b->display_name : "");
  if (order != 0)
    return order;
  order = g_strcmp0 (a->code, b->code);
  if (order != 0)
    return order;
  return (a->client_id > b->client_id) - (a->client_id < b->client_id);
}

/**
 * alliance_age_band:
 *
 * "Under 18", then "18–19", then decades: "20–29", "30–39"… Age changes on
 * the birthday itself. A birth date after @today (or unreadable) is taken
 * as not recorded.
 */
char *
alliance_age_band (const char  *date_of_birth,
                   const GDate *today)
{
  GDate today_storage;
  char iso[16];
  int age, low;

  if (date_of_birth == NULL || date_of_birth[0] == '\0')
    return g_strdup (_("Age not recorded"));

  today = get_today (today, &today_storage);
  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", today);
  age = alliance_date_age_years (date_of_birth, iso);
  if (age < 0)
    return g_strdup (_("Age not recorded"));
  if (age < 18)
    return g_strdup (_("Under 18"));

  low = age < 20 ? 18 : age - age % 10;
  /* Translators: an age band in a de-identified packet, e.g. "30–39" (with an en dash) */
  return g_strdup_printf (_("%d–%d"), low, age < 20 ? 19 : low + 9);
}

/**
 * alliance_review_describe_session_time:
 * @start_date: (nullable): "YYYY-MM-DD"; without one the session is in week 1
 * @session_starts_at: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM"
 * @session_number: the attended-session number, or 0 for a session that
 *   does not count (then only the week is given)
 *
 * Week 1 is the seven days from @start_date on; a session before it is
 * "Before week 1".
 */
char *
alliance_review_describe_session_time (const char *start_date,
                                       const char *session_starts_at,
                                       int         session_number)
{
  g_autofree char *session_day = NULL;
  GDate start, day;
  gint64 days = 0;
  int week;

  g_return_val_if_fail (session_starts_at != NULL, NULL);

  session_day = g_strndup (session_starts_at, 10);
  if (alliance_date_parse (session_day, &day, NULL) && start_date != NULL
      && alliance_date_parse (start_date, &start, NULL))
    days = (gint64)g_date_get_julian (&day) - (gint64)g_date_get_julian (&start);
  week = (int)(days / 7) + 1;

  if (days < 0 && session_number > 0)
    /* Translators: a session dated before the client's start date, in a de-identified packet */
    return g_strdup_printf (_("Before week 1 · session %d"), session_number);
  if (days < 0)
    return g_strdup (_("Before week 1"));
  if (session_number > 0)
    /* Translators: "Week 3 · session 2": the week of therapy counted from the client's start, then
     * the attended-session number; said instead of a date in a de-identified packet */
    return g_strdup_printf (_("Week %d · session %d"), week, session_number);
  /* Translators: the week of therapy of a session that did not take place (no session number) */
  return g_strdup_printf (_("Week %d"), week);
}

/**
 * alliance_review_describe_flag_date:
 * @date: one of a flag's dates
 * @start_date: (type utf8) (nullable): "YYYY-MM-DD", the first day of week 1
 *
 * How a de-identified document says a flag's date, in the middle of the
 * flag's sentence: a session's as alliance_review_describe_session_time()
 * does ("week 3 · session 2"), from the session number the flag kept; the
 * last supervision's, which is no session of the client's, by the mask of
 * a date. An #AllianceFlagDateFormatter: the sentence is written with no
 * calendar date in it, rather than cleaned of them afterwards.
 *
 * Returns: (transfer full): the words
 */
char *
alliance_review_describe_flag_date (const AllianceFlagDate *date,
                                    gconstpointer           start_date)
{
  char iso[11];

  g_return_val_if_fail (date != NULL, NULL);

  if (date->kind != ALLIANCE_FLAG_DATE_SESSION || !g_date_valid (&date->date))
    return g_strdup (alliance_redaction_kind_get_mask (ALLIANCE_REDACTION_DATE));
  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &date->date);
  return alliance_text_lower_first (alliance_review_describe_session_time (start_date, iso, date->session_number));
}
