/* alliance-rating-store.c
 *
 * Definitions, administrations and session events. Each check a write
 * depends on is made inside its transaction, so nothing is written when
 * one fails; the schema's triggers make the same refusals once more.
 */
#define G_LOG_DOMAIN "alliance-rating-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-date.h"
#include "alliance-error.h"
#include "alliance-measure-json.h"
#include "alliance-measure-library.h"
#include "alliance-rating-store.h"

struct _AllianceRatingStore
{
  AllianceStore     parent_instance;

  AllianceDatabase *database;   /* the parent's, borrowed for brevity */
  GHashTable       *measures;   /* "key\nversion" → AllianceMeasure, immutable */
  GPtrArray        *replaced;   /* definitions replaced in place; callers may still hold them */
};

G_DEFINE_FINAL_TYPE (AllianceRatingStore, alliance_rating_store, ALLIANCE_TYPE_STORE)

#define ADMINISTRATION_SELECT                                                                      \
  "SELECT a.id, a.client_id, a.session_id, m.key, m.version, a.rater, a.entry_order, a.complete, "  \
  "s.starts_at, a.created_at, a.updated_at "                                                       \
  "FROM administrations a JOIN measures m ON m.id = a.measure_id JOIN sessions s ON s.id = a.session_id "
#define ADMINISTRATION_ORDER " ORDER BY s.starts_at, a.session_id, a.entry_order"
/* The answers of the same administrations, in one query rather than one each. */
#define ANSWERS_SELECT                                                                             \
  "SELECT i.administration_id, i.position, i.value FROM item_scores i "                            \
  "JOIN administrations a ON a.id = i.administration_id "

#define EVENT_SELECT                                                                               \
  "SELECT e.id, e.session_id, e.kind, e.rupture_type, e.intensity, e.strategy, e.resolved, "       \
  "e.rupture_id, e.boundary_kind, e.note, s.client_id, s.starts_at, e.created_at "                 \
  "FROM session_events e JOIN sessions s ON s.id = e.session_id "
#define EVENT_ORDER " ORDER BY s.starts_at, e.session_id, e.id"

/* The earlier complete administrations interpret() compares with: same
 * client, key and version, in an earlier session (?4 its time, ?5 its id). */
#define EARLIER_COMPLETE                                                                           \
  "SELECT a.id FROM administrations a JOIN measures m ON m.id = a.measure_id "                     \
  "JOIN sessions s ON s.id = a.session_id "                                                        \
  "WHERE a.client_id = ?1 AND m.key = ?2 AND m.version = ?3 AND a.complete = 1 "                   \
  "AND (s.starts_at < ?4 OR (s.starts_at = ?4 AND a.session_id < ?5)) "

/* ---------------------------------------------------------------------- */
/* Messages                                                                */

static const char *
measure_in_use_message (void)
{
  return _("Answers were given to this version of the measure, so it can no longer change.");
}

static const char *
rupture_has_repair_message (void)
{
  return _("A repair names this rupture; delete the repair first.");
}

static const char *
repair_rupture_message (void)
{
  return _("A repair must name a rupture of the same client, in the same or an earlier session.");
}

static void
set_session_gone (GError **error)
{
  g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                       _("This session is no longer in the database."));
}

static void
set_measure_unknown (GError **error)
{
  g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                       _("This measure is not in the database."));
}

/* ---------------------------------------------------------------------- */

static void
alliance_rating_store_constructed (GObject *object)
{
  AllianceRatingStore *self = (AllianceRatingStore *)object;

  G_OBJECT_CLASS (alliance_rating_store_parent_class)->constructed (object);

  self->database = alliance_store_get_database (ALLIANCE_STORE (self));
}

static void
alliance_rating_store_finalize (GObject *object)
{
  AllianceRatingStore *self = (AllianceRatingStore *)object;

  g_clear_pointer (&self->measures, g_hash_table_unref);
  g_clear_pointer (&self->replaced, g_ptr_array_unref);

  G_OBJECT_CLASS (alliance_rating_store_parent_class)->finalize (object);
}

static void
alliance_rating_store_class_init (AllianceRatingStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alliance_rating_store_constructed;
  object_class->finalize = alliance_rating_store_finalize;
}

static void
alliance_rating_store_init (AllianceRatingStore *self)
{
  self->measures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)alliance_measure_free);
  self->replaced = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_measure_free);
}

AllianceRatingStore *
alliance_rating_store_new (AllianceDatabase *database)
{
  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), NULL);

  return g_object_new (ALLIANCE_TYPE_RATING_STORE, "database", database, NULL);
}

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

static sqlite3 *
handle_of (AllianceRatingStore *self)
{
  return alliance_database_get_handle (self->database);
}

static char *
cache_key (const char *key,
           int         version)
{
  return g_strdup_printf ("%s\n%d", key, version);
}

static gboolean
is_builtin_key (const char *key)
{
  const char **ids = alliance_measure_library_get_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], key) == 0)
      return TRUE;
  return FALSE;
}

/* The newest stored version of @key, 0 when there is none. */
static gboolean
lookup_newest_version (AllianceRatingStore  *self,
                       const char           *key,
                       int                  *version,
                       GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  stmt = alliance_database_prepare (self->database, "SELECT coalesce(max(version), 0) FROM measures WHERE key = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  alliance_statement_bind_text (stmt, 1, key);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return FALSE;
  *version = found ? sqlite3_column_int (stmt, 0) : 0;
  return TRUE;
}

typedef struct
{
  gint64  client_id;
  char   *starts_at;
} SessionFacts;

static void
session_facts_clear (SessionFacts *facts)
{
  g_clear_pointer (&facts->starts_at, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SessionFacts, session_facts_clear)

static gboolean
lookup_session (AllianceRatingStore  *self,
                gint64                session_id,
                SessionFacts         *facts,
                GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  stmt = alliance_database_prepare (self->database, "SELECT client_id, starts_at FROM sessions WHERE id = ?1", error);
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
  facts->starts_at = alliance_statement_dup_text (stmt, 1);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Definitions                                                             */

/**
 * alliance_rating_store_get_measure:
 *
 * A built-in is taken from the library (its texts translatable) when the
 * stored version is the library's; any other definition from its stored
 * JSON.
 *
 * Returns: (transfer none): the definition, owned by the store.
 */
const AllianceMeasure *
alliance_rating_store_get_measure (AllianceRatingStore  *self,
                                   const char           *key,
                                   int                   version,
                                   GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(AllianceMeasure) measure = NULL;
  g_autofree char *ckey = NULL;
  const AllianceMeasure *cached;
  gboolean found;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  ckey = cache_key (key, version);
  cached = g_hash_table_lookup (self->measures, ckey);
  if (cached != NULL)
    return cached;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT definition, builtin FROM measures WHERE key = ?1 AND version = ?2", error);
  if (stmt == NULL)
    return NULL;
  alliance_statement_bind_text (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, version);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return NULL;
  if (!found)
    {
      set_measure_unknown (error);
      return NULL;
    }

  {
    g_autoptr(GError) local_error = NULL;

    measure = alliance_measure_from_stored (key, version, sqlite3_column_int (stmt, 1) != 0,
                                            alliance_statement_get_text (stmt, 0), -1, &local_error);
    if (measure == NULL)
      {
        g_debug ("Stored measure definition does not load: %s", local_error->message);
        g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CORRUPT,
                             _("A stored measure definition is damaged and cannot be read."));
        return NULL;
      }
  }

  cached = measure;
  g_hash_table_insert (self->measures, g_steal_pointer (&ckey), g_steal_pointer (&measure));
  return cached;
}

const AllianceMeasure *
alliance_rating_store_get_current_measure (AllianceRatingStore  *self,
                                           const char           *key,
                                           GError              **error)
{
  int version;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!lookup_newest_version (self, key, &version, error))
    return NULL;
  if (version == 0)
    {
      set_measure_unknown (error);
      return NULL;
    }
  return alliance_rating_store_get_measure (self, key, version, error);
}

/**
 * alliance_rating_store_list_measures:
 *
 * Returns: (transfer container) (element-type AllianceMeasure): owned by the store.
 */
GPtrArray *
alliance_rating_store_list_measures (AllianceRatingStore  *self,
                                     GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GArray) versions = NULL;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), NULL);

  /* Read the rows first: loading a definition runs statements of its own. */
  stmt = alliance_database_prepare (self->database,
                                    "SELECT key, version, builtin FROM measures m WHERE retired = 0 "
                                    "AND version = (SELECT max(version) FROM measures WHERE key = m.key) "
                                    "ORDER BY builtin DESC, name COLLATE NOCASE, key",
                                    error);
  if (stmt == NULL)
    return NULL;
  keys = g_ptr_array_new_with_free_func (g_free);
  versions = g_array_new (FALSE, FALSE, sizeof (int));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int version = sqlite3_column_int (stmt, 1);

      g_ptr_array_add (keys, alliance_statement_dup_text (stmt, 0));
      g_array_append_val (versions, version);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, alliance_statement_release);

  measures = g_ptr_array_new ();
  /* Built-ins in library order. */
  {
    const char **ids = alliance_measure_library_get_ids ();

    for (guint i = 0; ids[i] != NULL; i++)
      for (guint j = 0; j < keys->len; j++)
        if (g_strcmp0 (ids[i], keys->pdata[j]) == 0)
          {
            const AllianceMeasure *measure;

            measure = alliance_rating_store_get_measure (self, ids[i], g_array_index (versions, int, j), error);
            if (measure == NULL)
              return NULL;
            g_ptr_array_add (measures, (gpointer)measure);
          }
  }
  for (guint j = 0; j < keys->len; j++)
    if (!is_builtin_key (keys->pdata[j]))
      {
        const AllianceMeasure *measure;

        measure = alliance_rating_store_get_measure (self, keys->pdata[j], g_array_index (versions, int, j), error);
        if (measure == NULL)
          return NULL;
        g_ptr_array_add (measures, (gpointer)measure);
      }
  return g_steal_pointer (&measures);
}

gboolean
alliance_rating_store_is_builtin (AllianceRatingStore *self,
                                  const char          *key)
{
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), FALSE);

  return is_builtin_key (key);
}

gboolean
alliance_rating_store_measure_in_use (AllianceRatingStore  *self,
                                      const char           *key,
                                      int                   version,
                                      GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = alliance_database_prepare (self->database,
                                    "SELECT 1 FROM administrations a JOIN measures m ON m.id = a.measure_id "
                                    "WHERE m.key = ?1 AND m.version = ?2 LIMIT 1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  alliance_statement_bind_text (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, version);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return FALSE;
  return found;
}

/* Forgets the cached definition of @key at @version: it was replaced in
 * place. Callers may still hold it, so it lives on until the store goes. */
static void
uncache_measure (AllianceRatingStore *self,
                 const char          *key,
                 int                  version)
{
  g_autofree char *ckey = cache_key (key, version);
  gpointer stolen_key = NULL;
  gpointer stolen = NULL;

  if (g_hash_table_steal_extended (self->measures, ckey, &stolen_key, &stolen))
    {
      g_free (stolen_key);
      g_ptr_array_add (self->replaced, stolen);
    }
}

gboolean
alliance_rating_store_save_measure (AllianceRatingStore  *self,
                                    AllianceMeasure      *measure,
                                    GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *now = NULL;
  gint64 row_id = 0;
  int newest = 0;
  int original_version;
  gboolean found;
  gboolean in_use = FALSE;
  gboolean replaced = FALSE;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), FALSE);
  g_return_val_if_fail (measure != NULL, FALSE);

  if (measure->id != NULL && is_builtin_key (measure->id))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("Built-in measures cannot be changed; make a copy with another name."));
      return FALSE;
    }
  original_version = measure->version;
  measure->version = MAX (measure->version, 1);
  if (!alliance_measure_validate (measure, error))
    {
      measure->version = original_version;
      return FALSE;
    }
  measure->version = original_version;

  if (!alliance_database_begin (self->database, error))
    return FALSE;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT m.id, m.version, m.definition, "
                                    "       EXISTS (SELECT 1 FROM administrations a WHERE a.measure_id = m.id) "
                                    "FROM measures m WHERE m.key = ?1 ORDER BY m.version DESC LIMIT 1",
                                    error);
  if (stmt == NULL)
    goto failed;
  alliance_statement_bind_text (stmt, 1, measure->id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    goto failed;
  if (found)
    {
      row_id = sqlite3_column_int64 (stmt, 0);
      newest = sqlite3_column_int (stmt, 1);
      stored = alliance_statement_dup_text (stmt, 2);
      in_use = sqlite3_column_int (stmt, 3) != 0;
    }
  g_clear_pointer (&stmt, alliance_statement_release);

  if (found)
    {
      /* The export is stable, so equal text means an equal definition. */
      measure->version = newest;
      json = alliance_measure_to_json (measure);
      if (g_strcmp0 (json, stored) == 0)
        {
          alliance_database_rollback (self->database);
          return TRUE;
        }
    }

  now = alliance_timestamp_now ();
  if (found && !in_use)
    {
      stmt = alliance_database_prepare (self->database,
                                        "UPDATE measures SET name = ?2, definition = ?3, retired = 0 WHERE id = ?1",
                                        error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, row_id);
      alliance_statement_bind_text (stmt, 2, measure->name);
      alliance_statement_bind_text (stmt, 3, json);
      if (!alliance_database_step_write (self->database, stmt, measure_in_use_message (), TRUE, error))
        goto failed;
      replaced = TRUE;
    }
  else
    {
      measure->version = newest + 1;
      g_clear_pointer (&json, g_free);
      json = alliance_measure_to_json (measure);
      stmt = alliance_database_prepare (self->database,
                                        "INSERT INTO measures (key, version, name, definition, builtin, created_at) "
                                        "VALUES (?1, ?2, ?3, ?4, 0, ?5)",
                                        error);
      if (stmt == NULL)
        goto failed;
      alliance_statement_bind_text (stmt, 1, measure->id);
      sqlite3_bind_int (stmt, 2, measure->version);
      alliance_statement_bind_text (stmt, 3, measure->name);
      alliance_statement_bind_text (stmt, 4, json);
      alliance_statement_bind_text (stmt, 5, now);
      if (!alliance_database_step_write (self->database, stmt, NULL, TRUE, error))
        goto failed;
    }
  g_clear_pointer (&stmt, alliance_statement_release);

  if (!alliance_database_commit (self->database, error))
    {
      measure->version = original_version;
      return FALSE;
    }

  if (replaced)
    uncache_measure (self, measure->id, measure->version);
  alliance_store_emit_changed (ALLIANCE_STORE (self), 0);
  return TRUE;

failed:
  g_clear_pointer (&stmt, alliance_statement_release);
  alliance_database_rollback (self->database);
  measure->version = original_version;
  return FALSE;
}

gboolean
alliance_rating_store_retire_measure (AllianceRatingStore  *self,
                                      const char           *key,
                                      GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (is_builtin_key (key))
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("Built-in measures cannot be retired."));
      return FALSE;
    }

  if (!alliance_database_begin (self->database, error))
    return FALSE;
  stmt = alliance_database_prepare (self->database, "UPDATE measures SET retired = 1 WHERE key = ?1", error);
  if (stmt == NULL)
    goto failed;
  alliance_statement_bind_text (stmt, 1, key);
  if (!alliance_database_step_write (self->database, stmt, NULL, TRUE, error))
    goto failed;
  if (sqlite3_changes (handle_of (self)) == 0)
    {
      set_measure_unknown (error);
      goto failed;
    }
  g_clear_pointer (&stmt, alliance_statement_release);
  if (!alliance_database_commit (self->database, error))
    return FALSE;

  alliance_store_emit_changed (ALLIANCE_STORE (self), 0);
  return TRUE;

failed:
  g_clear_pointer (&stmt, alliance_statement_release);
  alliance_database_rollback (self->database);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Administrations                                                         */

/* Reads the per-item answers of administration @id into @values (which
 * has @n_values, all ALLIANCE_SCORE_MISSING). */
static gboolean
read_values (AllianceRatingStore  *self,
             gint64                id,
             int                  *values,
             guint                 n_values,
             GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  int rc;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT position, value FROM item_scores WHERE administration_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);

      if (position >= 0 && position < n_values)
        values[position] = sqlite3_column_int (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
list_administrations (AllianceRatingStore  *self,
                      const char           *sql,
                      const char           *answers_sql,
                      gint64                id,
                      GError              **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  stmt = alliance_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_administration_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AllianceAdministration *administration = g_new0 (AllianceAdministration, 1);

      administration->id = sqlite3_column_int64 (stmt, 0);
      administration->client_id = sqlite3_column_int64 (stmt, 1);
      administration->session_id = sqlite3_column_int64 (stmt, 2);
      administration->measure_key = alliance_statement_dup_text (stmt, 3);
      administration->measure_version = sqlite3_column_int (stmt, 4);
      if (!alliance_measure_rater_from_string (alliance_statement_get_text (stmt, 5), &administration->rater))
        g_warning ("Unknown rater in the database");
      administration->entry_order = sqlite3_column_int (stmt, 6);
      administration->complete = sqlite3_column_int (stmt, 7) != 0;
      administration->administered_at = alliance_statement_dup_text (stmt, 8);
      administration->created_at = alliance_statement_dup_text (stmt, 9);
      administration->updated_at = alliance_statement_dup_text (stmt, 10);
      g_ptr_array_add (list, administration);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, alliance_statement_release);

  /* The answers, sized by the definition each was given against. */
  for (guint i = 0; i < list->len; i++)
    {
      AllianceAdministration *administration = g_ptr_array_index (list, i);
      const AllianceMeasure *measure;

      measure = alliance_rating_store_get_measure (self, administration->measure_key,
                                                   administration->measure_version, error);
      if (measure == NULL)
        return NULL;
      administration->n_values = alliance_measure_get_n_items (measure);
      administration->values = alliance_score_values_new (administration->n_values);
      g_hash_table_insert (by_id, &administration->id, administration);
    }

  stmt = alliance_database_prepare (self->database, answers_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 administration_id = sqlite3_column_int64 (stmt, 0);
      gint64 position = sqlite3_column_int64 (stmt, 1);
      AllianceAdministration *administration = g_hash_table_lookup (by_id, &administration_id);

      if (administration != NULL && position >= 0 && position < administration->n_values)
        administration->values[position] = sqlite3_column_int (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * alliance_rating_store_list_session_administrations:
 *
 * Returns: (transfer container) (element-type AllianceAdministration):
 *   in entry order.
 */
GPtrArray *
alliance_rating_store_list_session_administrations (AllianceRatingStore  *self,
                                                    gint64                session_id,
                                                    GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), NULL);

  return list_administrations (self, ADMINISTRATION_SELECT "WHERE a.session_id = ?1" ADMINISTRATION_ORDER,
                               ANSWERS_SELECT "WHERE a.session_id = ?1", session_id, error);
}

/**
 * alliance_rating_store_list_client_administrations:
 *
 * Returns: (transfer container) (element-type AllianceAdministration):
 *   oldest session first, then entry order.
 */
GPtrArray *
alliance_rating_store_list_client_administrations (AllianceRatingStore  *self,
                                                   gint64                client_id,
                                                   GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), NULL);

  return list_administrations (self, ADMINISTRATION_SELECT "WHERE a.client_id = ?1" ADMINISTRATION_ORDER,
                               ANSWERS_SELECT "WHERE a.client_id = ?1", client_id, error);
}

gboolean
alliance_rating_store_save_administration (AllianceRatingStore     *self,
                                           AllianceAdministration  *administration,
                                           GError                 **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree char *now = NULL;
  g_autofree char *created_at = NULL;
  g_auto(SessionFacts) session = { 0, NULL };
  const AllianceMeasure *measure;
  gint64 measure_id;
  gint64 id;
  int entry_order;
  gboolean complete;
  gboolean found;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), FALSE);
  g_return_val_if_fail (administration != NULL, FALSE);
  g_return_val_if_fail (administration->measure_key != NULL, FALSE);

  measure = alliance_rating_store_get_measure (self, administration->measure_key, administration->measure_version,
                                               error);
  if (measure == NULL)
    return FALSE;
  if (!alliance_administration_validate (administration, measure, error))
    return FALSE;
  complete = administration->n_values > 0 && alliance_administration_count_answered (administration) == administration->n_values;

  if (!alliance_database_begin (self->database, error))
    return FALSE;

  if (!lookup_session (self, administration->session_id, &session, error))
    goto failed;
  if (session.client_id != administration->client_id)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("This session belongs to another client."));
      goto failed;
    }

  stmt = alliance_database_prepare (self->database, "SELECT id FROM measures WHERE key = ?1 AND version = ?2", error);
  if (stmt == NULL)
    goto failed;
  alliance_statement_bind_text (stmt, 1, measure->id);
  sqlite3_bind_int (stmt, 2, measure->version);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    goto failed;
  if (!found)
    {
      set_measure_unknown (error);
      goto failed;
    }
  measure_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, alliance_statement_release);

  /* One filling-in of a measure per session, whatever its version. */
  stmt = alliance_database_prepare (self->database,
                                    "SELECT 1 FROM administrations a JOIN measures m ON m.id = a.measure_id "
                                    "WHERE a.session_id = ?1 AND m.key = ?2 AND a.id <> ?3",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, administration->session_id);
  alliance_statement_bind_text (stmt, 2, measure->id);
  sqlite3_bind_int64 (stmt, 3, administration->id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    goto failed;
  if (found)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           _("This measure was already filled in at this session; change those answers instead."));
      goto failed;
    }
  g_clear_pointer (&stmt, alliance_statement_release);

  now = alliance_timestamp_now ();
  if (administration->id == 0)
    {
      stmt = alliance_database_prepare (self->database,
                                        "INSERT INTO administrations (client_id, session_id, measure_id, rater, "
                                        "entry_order, complete, created_at, updated_at) "
                                        "VALUES (?1, ?2, ?3, ?4, "
                                        "(SELECT coalesce(max(entry_order), 0) + 1 FROM administrations "
                                        " WHERE session_id = ?2), ?5, ?6, ?6)",
                                        error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, administration->client_id);
      sqlite3_bind_int64 (stmt, 2, administration->session_id);
      sqlite3_bind_int64 (stmt, 3, measure_id);
      alliance_statement_bind_text (stmt, 4, alliance_measure_rater_to_string (measure->rater));
      sqlite3_bind_int (stmt, 5, complete);
      alliance_statement_bind_text (stmt, 6, now);
      if (!alliance_database_step_write (self->database, stmt, NULL, TRUE, error))
        goto failed;
      id = sqlite3_last_insert_rowid (handle_of (self));
    }
  else
    {
      id = administration->id;
      stmt = alliance_database_prepare (self->database,
                                        "UPDATE administrations SET measure_id = ?3, rater = ?4, complete = ?5, "
                                        "updated_at = ?6 WHERE id = ?1 AND session_id = ?2",
                                        error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, administration->session_id);
      sqlite3_bind_int64 (stmt, 3, measure_id);
      alliance_statement_bind_text (stmt, 4, alliance_measure_rater_to_string (measure->rater));
      sqlite3_bind_int (stmt, 5, complete);
      alliance_statement_bind_text (stmt, 6, now);
      if (!alliance_database_step_write (self->database, stmt, NULL, TRUE, error))
        goto failed;
      if (sqlite3_changes (handle_of (self)) != 1)
        {
          g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                               _("These answers are no longer in the database."));
          goto failed;
        }
      g_clear_pointer (&stmt, alliance_statement_release);

      stmt = alliance_database_prepare (self->database, "DELETE FROM item_scores WHERE administration_id = ?1",
                                        error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!alliance_database_step_write (self->database, stmt, NULL, TRUE, error))
        goto failed;
    }
  g_clear_pointer (&stmt, alliance_statement_release);

  stmt = alliance_database_prepare (self->database,
                                    "INSERT INTO item_scores (administration_id, position, value) VALUES (?1, ?2, ?3)",
                                    error);
  if (stmt == NULL)
    goto failed;
  for (guint i = 0; i < administration->n_values; i++)
    {
      if (administration->values[i] == ALLIANCE_SCORE_MISSING)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int)i);
      sqlite3_bind_int (stmt, 3, administration->values[i]);
      if (!alliance_database_step_write (self->database, stmt, NULL, TRUE, error))
        goto failed;
    }
  g_clear_pointer (&stmt, alliance_statement_release);

  stmt = alliance_database_prepare (self->database, "SELECT entry_order, created_at FROM administrations WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    goto failed;
  g_assert (found);
  entry_order = sqlite3_column_int (stmt, 0);
  created_at = alliance_statement_dup_text (stmt, 1);
  g_clear_pointer (&stmt, alliance_statement_release);

  if (!alliance_database_commit (self->database, error))
    return FALSE;

  administration->id = id;
  administration->rater = measure->rater;
  administration->entry_order = entry_order;
  administration->complete = complete;
  g_free (administration->administered_at);
  administration->administered_at = g_steal_pointer (&session.starts_at);
  g_free (administration->created_at);
  administration->created_at = g_steal_pointer (&created_at);
  g_free (administration->updated_at);
  administration->updated_at = g_steal_pointer (&now);

  alliance_store_emit_changed (ALLIANCE_STORE (self), administration->client_id);
  return TRUE;

failed:
  g_clear_pointer (&stmt, alliance_statement_release);
  alliance_database_rollback (self->database);
  return FALSE;
}

/* The client of a row of @table, inside the write transaction. */
static gboolean
lookup_client_of (AllianceRatingStore  *self,
                  const char           *sql,
                  gint64                id,
                  gint64               *client_id,
                  const char           *gone_message,
                  GError              **error)
{
  g_autoptr(AllianceStatement) stmt = alliance_database_prepare (self->database, sql, error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND, gone_message);
      return FALSE;
    }
  *client_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
delete_row (AllianceRatingStore  *self,
            const char           *client_sql,
            const char           *delete_sql,
            gint64                id,
            const char           *gone_message,
            const char           *constraint_message,
            GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gint64 client_id = 0;

  if (!alliance_database_begin (self->database, error))
    return FALSE;
  if (!lookup_client_of (self, client_sql, id, &client_id, gone_message, error))
    goto failed;
  stmt = alliance_database_prepare (self->database, delete_sql, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!alliance_database_step_write (self->database, stmt, constraint_message, TRUE, error))
    goto failed;
  g_clear_pointer (&stmt, alliance_statement_release);
  if (!alliance_database_commit (self->database, error))
    return FALSE;

  alliance_store_emit_changed (ALLIANCE_STORE (self), client_id);
  return TRUE;

failed:
  g_clear_pointer (&stmt, alliance_statement_release);
  alliance_database_rollback (self->database);
  return FALSE;
}

gboolean
alliance_rating_store_delete_administration (AllianceRatingStore  *self,
                                             gint64                administration_id,
                                             GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), FALSE);

  return delete_row (self, "SELECT client_id FROM administrations WHERE id = ?1",
                     "DELETE FROM administrations WHERE id = ?1", administration_id,
                     _("These answers are no longer in the database."), NULL, error);
}

/* The score of the complete administration of key and version before the
 * session at @starts_at (@session_id breaking ties): the latest when
 * @latest, else the first. NULL without error when there is none. */
static AllianceScore *
score_earlier (AllianceRatingStore           *self,
               const AllianceAdministration  *administration,
               const AllianceMeasure         *measure,
               const char                    *starts_at,
               gboolean                       latest,
               GError                       **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree int *values = NULL;
  guint n_values = alliance_measure_get_n_items (measure);
  gboolean found;
  gint64 id;

  stmt = alliance_database_prepare (self->database,
                                    latest ? EARLIER_COMPLETE "ORDER BY s.starts_at DESC, a.session_id DESC LIMIT 1"
                                           : EARLIER_COMPLETE "ORDER BY s.starts_at, a.session_id LIMIT 1",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, administration->client_id);
  alliance_statement_bind_text (stmt, 2, administration->measure_key);
  sqlite3_bind_int (stmt, 3, administration->measure_version);
  alliance_statement_bind_text (stmt, 4, starts_at);
  sqlite3_bind_int64 (stmt, 5, administration->session_id);
  if (!alliance_database_step_row (self->database, stmt, &found, error) || !found)
    return NULL;
  id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, alliance_statement_release);

  values = alliance_score_values_new (n_values);
  if (!read_values (self, id, values, n_values, error))
    return NULL;
  return alliance_score_compute (measure, values, n_values, error);
}

/**
 * alliance_rating_store_interpret:
 *
 * Returns: (transfer full): the score, or %NULL with @error.
 */
AllianceScore *
alliance_rating_store_interpret (AllianceRatingStore           *self,
                                 const AllianceAdministration  *administration,
                                 GError                       **error)
{
  g_autoptr(AllianceScore) score = NULL;
  g_autoptr(AllianceScore) previous = NULL;
  g_autoptr(AllianceScore) first = NULL;
  g_auto(SessionFacts) session = { 0, NULL };
  const AllianceMeasure *measure;
  GError *local_error = NULL;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), NULL);
  g_return_val_if_fail (administration != NULL, NULL);

  measure = alliance_rating_store_get_measure (self, administration->measure_key, administration->measure_version,
                                               error);
  if (measure == NULL)
    return NULL;
  if (!alliance_administration_validate (administration, measure, error))
    return NULL;
  if (alliance_administration_count_answered (administration) != administration->n_values)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Some items are unanswered, so there is no score."));
      return NULL;
    }
  score = alliance_score_compute (measure, administration->values, administration->n_values, error);
  if (score == NULL)
    return NULL;

  if (!lookup_session (self, administration->session_id, &session, error))
    return NULL;
  previous = score_earlier (self, administration, measure, session.starts_at, TRUE, &local_error);
  if (local_error == NULL)
    first = score_earlier (self, administration, measure, session.starts_at, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  alliance_score_compare (score, measure, previous, first);
  return g_steal_pointer (&score);
}

/* ---------------------------------------------------------------------- */
/* Events                                                                  */

static AllianceSessionEvent *
read_event (sqlite3_stmt *stmt)
{
  AllianceEventKind kind = ALLIANCE_EVENT_LIFE;
  AllianceSessionEvent *event;

  if (!alliance_event_kind_from_string (alliance_statement_get_text (stmt, 2), &kind))
    g_warning ("Unknown event kind in the database");
  event = alliance_session_event_new (sqlite3_column_int64 (stmt, 1), kind);
  event->id = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL &&
      !alliance_rupture_type_from_string (alliance_statement_get_text (stmt, 3), &event->rupture_type))
    g_warning ("Unknown rupture type in the database");
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    event->intensity = sqlite3_column_int (stmt, 4);
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL &&
      !alliance_repair_strategy_from_string (alliance_statement_get_text (stmt, 5), &event->strategy))
    g_warning ("Unknown repair strategy in the database");
  event->resolved = sqlite3_column_int (stmt, 6) != 0;
  event->rupture_id = sqlite3_column_int64 (stmt, 7);
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL &&
      !alliance_boundary_kind_from_string (alliance_statement_get_text (stmt, 8), &event->boundary_kind))
    g_warning ("Unknown boundary event kind in the database");
  g_free (event->note);
  event->note = g_strdup (alliance_statement_get_text (stmt, 9));
  event->client_id = sqlite3_column_int64 (stmt, 10);
  event->occurred_at = alliance_statement_dup_text (stmt, 11);
  event->created_at = alliance_statement_dup_text (stmt, 12);
  return event;
}

static GPtrArray *
list_events (AllianceRatingStore  *self,
             const char           *sql,
             gint64                id,
             GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  stmt = alliance_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_session_event_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_event (stmt));
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * alliance_rating_store_list_session_events:
 *
 * Returns: (transfer container) (element-type AllianceSessionEvent)
 */
GPtrArray *
alliance_rating_store_list_session_events (AllianceRatingStore  *self,
                                           gint64                session_id,
                                           GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), NULL);

  return list_events (self, EVENT_SELECT "WHERE e.session_id = ?1" EVENT_ORDER, session_id, error);
}

/**
 * alliance_rating_store_list_client_events:
 *
 * Returns: (transfer container) (element-type AllianceSessionEvent)
 */
GPtrArray *
alliance_rating_store_list_client_events (AllianceRatingStore  *self,
                                          gint64                client_id,
                                          GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), NULL);

  return list_events (self, EVENT_SELECT "WHERE s.client_id = ?1" EVENT_ORDER, client_id, error);
}

/**
 * alliance_rating_store_list_unrepaired_ruptures:
 *
 * Returns: (transfer container) (element-type AllianceSessionEvent)
 */
GPtrArray *
alliance_rating_store_list_unrepaired_ruptures (AllianceRatingStore  *self,
                                                gint64                client_id,
                                                GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), NULL);

  return list_events (self,
                      EVENT_SELECT "WHERE s.client_id = ?1 AND e.kind = 'rupture' "
                      "AND NOT EXISTS (SELECT 1 FROM session_events r WHERE r.rupture_id = e.id AND r.resolved = 1)"
                      EVENT_ORDER,
                      client_id, error);
}

/* A repair's rupture: same client, same or earlier session. */
static gboolean
check_repaired_rupture (AllianceRatingStore         *self,
                        const AllianceSessionEvent  *event,
                        const SessionFacts          *session,
                        GError                     **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gboolean found;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT 1 FROM session_events e JOIN sessions s ON s.id = e.session_id "
                                    "WHERE e.id = ?1 AND e.kind = 'rupture' AND s.client_id = ?2 "
                                    "AND (e.session_id = ?3 OR s.starts_at <= ?4)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event->rupture_id);
  sqlite3_bind_int64 (stmt, 2, session->client_id);
  sqlite3_bind_int64 (stmt, 3, event->session_id);
  alliance_statement_bind_text (stmt, 4, session->starts_at);
  if (!alliance_database_step_row (self->database, stmt, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                           repair_rupture_message ());
      return FALSE;
    }
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   gboolean      set,
                   const char   *text)
{
  if (set)
    alliance_statement_bind_text (stmt, index, text);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
alliance_rating_store_save_event (AllianceRatingStore   *self,
                                  AllianceSessionEvent  *event,
                                  GError               **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_auto(SessionFacts) session = { 0, NULL };
  g_autofree char *now = NULL;
  gboolean is_rupture, is_repair, is_boundary;
  gint64 id;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (!alliance_session_event_validate (event, error))
    return FALSE;
  is_rupture = event->kind == ALLIANCE_EVENT_RUPTURE;
  is_repair = event->kind == ALLIANCE_EVENT_REPAIR;
  is_boundary = event->kind == ALLIANCE_EVENT_BOUNDARY;

  if (!alliance_database_begin (self->database, error))
    return FALSE;
  if (!lookup_session (self, event->session_id, &session, error))
    goto failed;
  if (is_repair && !check_repaired_rupture (self, event, &session, error))
    goto failed;

  now = alliance_timestamp_now ();
  if (event->id == 0)
    stmt = alliance_database_prepare (self->database,
                                      "INSERT INTO session_events (session_id, kind, rupture_type, intensity, "
                                      "strategy, resolved, rupture_id, boundary_kind, note, created_at) "
                                      "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                      error);
  else
    stmt = alliance_database_prepare (self->database,
                                      "UPDATE session_events SET session_id = ?2, kind = ?3, rupture_type = ?4, "
                                      "intensity = ?5, strategy = ?6, resolved = ?7, rupture_id = ?8, "
                                      "boundary_kind = ?9, note = ?10 WHERE id = ?1",
                                      error);
  if (stmt == NULL)
    goto failed;
  if (event->id != 0)
    sqlite3_bind_int64 (stmt, 1, event->id);
  sqlite3_bind_int64 (stmt, 2, event->session_id);
  alliance_statement_bind_text (stmt, 3, alliance_event_kind_to_string (event->kind));
  bind_text_or_null (stmt, 4, is_rupture, is_rupture ? alliance_rupture_type_to_string (event->rupture_type) : NULL);
  if (is_rupture)
    sqlite3_bind_int (stmt, 5, event->intensity);
  else
    sqlite3_bind_null (stmt, 5);
  bind_text_or_null (stmt, 6, is_repair, is_repair ? alliance_repair_strategy_to_string (event->strategy) : NULL);
  if (is_repair)
    {
      sqlite3_bind_int (stmt, 7, event->resolved ? 1 : 0);
      sqlite3_bind_int64 (stmt, 8, event->rupture_id);
    }
  else
    {
      sqlite3_bind_null (stmt, 7);
      sqlite3_bind_null (stmt, 8);
    }
  bind_text_or_null (stmt, 9, is_boundary, is_boundary ? alliance_boundary_kind_to_string (event->boundary_kind) : NULL);
  alliance_statement_bind_text (stmt, 10, event->note != NULL ? event->note : "");
  if (event->id == 0)
    alliance_statement_bind_text (stmt, 11, now);
  /* A trigger refuses a repair of another client's rupture, or turning a
   * repaired rupture into something else. */
  if (!alliance_database_step_write (self->database, stmt, is_repair ? repair_rupture_message () : rupture_has_repair_message (), TRUE, error))
    goto failed;
  if (event->id != 0 && sqlite3_changes (handle_of (self)) != 1)
    {
      g_set_error_literal (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                           _("This event is no longer in the database."));
      goto failed;
    }
  id = event->id != 0 ? event->id : sqlite3_last_insert_rowid (handle_of (self));
  g_clear_pointer (&stmt, alliance_statement_release);

  if (!alliance_database_commit (self->database, error))
    return FALSE;

  if (event->id == 0)
    {
      event->id = id;
      g_free (event->created_at);
      event->created_at = g_steal_pointer (&now);
    }
  event->client_id = session.client_id;
  g_free (event->occurred_at);
  event->occurred_at = g_steal_pointer (&session.starts_at);

  alliance_store_emit_changed (ALLIANCE_STORE (self), event->client_id);
  return TRUE;

failed:
  g_clear_pointer (&stmt, alliance_statement_release);
  alliance_database_rollback (self->database);
  return FALSE;
}

gboolean
alliance_rating_store_delete_event (AllianceRatingStore  *self,
                                    gint64                event_id,
                                    GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (self), FALSE);

  return delete_row (self,
                     "SELECT s.client_id FROM session_events e JOIN sessions s ON s.id = e.session_id WHERE e.id = ?1",
                     "DELETE FROM session_events WHERE id = ?1", event_id,
                     _("This event is no longer in the database."), rupture_has_repair_message (), error);
}
