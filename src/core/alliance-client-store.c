/* alliance-client-store.c */
#define G_LOG_DOMAIN "alliance-client-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-client-store.h"
#include "alliance-date.h"
#include "alliance-error.h"

struct _AllianceClientStore
{
  AllianceStore     parent_instance;

  AllianceDatabase *database;   /* the parent's, borrowed for brevity */
};

G_DEFINE_FINAL_TYPE (AllianceClientStore, alliance_client_store, ALLIANCE_TYPE_STORE)

#define CLIENT_COLUMNS                                                                      \
  "id, code, given_name, family_name, preferred_name, pronouns, date_of_birth, status, "    \
  "referral_source, start_date, discharge_date, discharge_reason, phone, email, "           \
  "emergency_name, emergency_relationship, emergency_phone, presenting_concerns, archived, " \
  "created_at, updated_at"

static void
alliance_client_store_constructed (GObject *object)
{
  AllianceClientStore *self = (AllianceClientStore *)object;

  G_OBJECT_CLASS (alliance_client_store_parent_class)->constructed (object);

  self->database = alliance_store_get_database (ALLIANCE_STORE (self));
}

static void
alliance_client_store_class_init (AllianceClientStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alliance_client_store_constructed;
}

static void
alliance_client_store_init (AllianceClientStore *self)
{
}

AllianceClientStore *
alliance_client_store_new (AllianceDatabase *database)
{
  g_return_val_if_fail (ALLIANCE_IS_DATABASE (database), NULL);

  return g_object_new (ALLIANCE_TYPE_CLIENT_STORE, "database", database, NULL);
}

AllianceDatabase *
alliance_client_store_get_database (AllianceClientStore *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), NULL);

  return self->database;
}

static AllianceClientStatus
column_client_status (sqlite3_stmt *stmt,
                      int           column)
{
  AllianceClientStatus status = ALLIANCE_CLIENT_STATUS_ACTIVE;

  /* The CHECK constraint makes an unknown value impossible. */
  if (!alliance_client_status_from_string (alliance_statement_get_text (stmt, column), &status))
    g_warning ("Unknown client status in the database");
  return status;
}

gboolean
alliance_client_store_foreach_listing (AllianceClientStore        *self,
                                       AllianceClientListingFunc   func,
                                       gpointer                    user_data,
                                       GError                    **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = alliance_database_prepare (self->database,
                                    "SELECT id, code, given_name, family_name, preferred_name, status, archived "
                                    "FROM clients",
                                    error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AllianceClientListing listing = {
        .id = sqlite3_column_int64 (stmt, 0),
        .code = alliance_statement_get_text (stmt, 1),
        .given_name = alliance_statement_get_text (stmt, 2),
        .family_name = alliance_statement_get_text (stmt, 3),
        .preferred_name = alliance_statement_get_text (stmt, 4),
        .status = column_client_status (stmt, 5),
        .archived = sqlite3_column_int (stmt, 6) != 0,
      };
      func (&listing, user_data);
    }

  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return FALSE;
    }
  return TRUE;
}

gint64
alliance_client_store_count (AllianceClientStore  *self,
                             GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), -1);

  stmt = alliance_database_prepare (self->database, "SELECT count(*) FROM clients", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      alliance_database_set_error_from_code (self->database, sqlite3_errcode (alliance_database_get_handle (self->database)), error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

AllianceClient *
alliance_client_store_load (AllianceClientStore  *self,
                            gint64                client_id,
                            GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(AllianceClient) client = NULL;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), NULL);

  stmt = alliance_database_prepare (self->database,
                                    "SELECT " CLIENT_COLUMNS " FROM clients WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                   _("This client’s record is no longer in the database."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }

  client = alliance_client_new ();
  client->id = sqlite3_column_int64 (stmt, 0);
  client->code = alliance_statement_dup_text (stmt, 1);
  client->given_name = alliance_statement_dup_text (stmt, 2);
  client->family_name = alliance_statement_dup_text (stmt, 3);
  client->preferred_name = alliance_statement_dup_text (stmt, 4);
  client->pronouns = alliance_statement_dup_text (stmt, 5);
  client->date_of_birth = alliance_statement_dup_text (stmt, 6);
  client->status = column_client_status (stmt, 7);
  client->referral_source = alliance_statement_dup_text (stmt, 8);
  client->start_date = alliance_statement_dup_text (stmt, 9);
  client->discharge_date = alliance_statement_dup_text (stmt, 10);
  client->discharge_reason = alliance_statement_dup_text (stmt, 11);
  client->phone = alliance_statement_dup_text (stmt, 12);
  client->email = alliance_statement_dup_text (stmt, 13);
  client->emergency_name = alliance_statement_dup_text (stmt, 14);
  client->emergency_relationship = alliance_statement_dup_text (stmt, 15);
  client->emergency_phone = alliance_statement_dup_text (stmt, 16);
  client->presenting_concerns = alliance_statement_dup_text (stmt, 17);
  client->archived = sqlite3_column_int (stmt, 18) != 0;
  client->created_at = alliance_statement_dup_text (stmt, 19);
  client->updated_at = alliance_statement_dup_text (stmt, 20);

  return g_steal_pointer (&client);
}

/**
 * alliance_client_store_suggest_code:
 *
 * The next free code of the form C-0001, one above the highest such code;
 * codes the therapist typed in another form are left alone.
 */
char *
alliance_client_store_suggest_code (AllianceClientStore  *self,
                                    GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  gint64 highest = 0;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), NULL);

  /* Codes are unique whatever their case, so "c-0007" counts as C-0007;
   * a number of more than 9 digits is a custom code (and could overflow). */
  stmt = alliance_database_prepare (self->database,
                                    "SELECT max(CAST(substr(code, 3) AS INTEGER)) FROM clients "
                                    "WHERE code GLOB '[Cc]-[0-9]*' AND substr(code, 3) NOT GLOB '*[^0-9]*' "
                                    "AND length(code) <= 11",
                                    error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }
  highest = sqlite3_column_int64 (stmt, 0);

  return g_strdup_printf ("C-%04" G_GINT64_FORMAT, highest + 1);
}

static gboolean
code_is_taken (AllianceClientStore  *self,
               const AllianceClient *client,
               gboolean             *taken,
               GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  int rc;

  stmt = alliance_database_prepare (self->database,
                                    "SELECT 1 FROM clients WHERE code = ?1 AND id <> ?2",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, client->id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return FALSE;
    }
  *taken = rc == SQLITE_ROW;
  return TRUE;
}

static void
normalize_client (AllianceClient *client)
{
  char **fields[] = {
    &client->code, &client->given_name, &client->family_name, &client->preferred_name,
    &client->pronouns, &client->referral_source, &client->phone, &client->email,
    &client->emergency_name, &client->emergency_relationship, &client->emergency_phone,
  };
  char **dates[] = { &client->date_of_birth, &client->start_date, &client->discharge_date };

  /* Stray spaces around a name or code would make "Ann" and "Ann " two people. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (*fields[i] != NULL)
      g_strstrip (*fields[i]);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (*dates[i] != NULL && g_strstrip (*dates[i])[0] == '\0')
      g_clear_pointer (dates[i], g_free);
}

static gboolean
write_client (AllianceClientStore *self,
              AllianceClient      *client,
              const char          *now,
              GError             **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;

  if (client->id == 0)
    stmt = alliance_database_prepare (self->database,
                                      "INSERT INTO clients (" CLIENT_COLUMNS ") VALUES "
                                      "(NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                                      "?15, ?16, ?17, ?18, ?19, ?20, ?20)",
                                      error);
  else
    stmt = alliance_database_prepare (self->database,
                                      "UPDATE clients SET code = ?2, given_name = ?3, family_name = ?4, "
                                      "preferred_name = ?5, pronouns = ?6, date_of_birth = ?7, status = ?8, "
                                      "referral_source = ?9, start_date = ?10, discharge_date = ?11, "
                                      "discharge_reason = ?12, phone = ?13, email = ?14, emergency_name = ?15, "
                                      "emergency_relationship = ?16, emergency_phone = ?17, "
                                      "presenting_concerns = ?18, archived = ?19, updated_at = ?20 "
                                      "WHERE id = ?1",
                                      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, client->id);
  alliance_statement_bind_text (stmt, 2, client->code);
  alliance_statement_bind_text (stmt, 3, client->given_name);
  alliance_statement_bind_text (stmt, 4, client->family_name);
  alliance_statement_bind_text (stmt, 5, client->preferred_name);
  alliance_statement_bind_text (stmt, 6, client->pronouns);
  alliance_statement_bind_date (stmt, 7, client->date_of_birth);
  alliance_statement_bind_text (stmt, 8, alliance_client_status_to_string (client->status));
  alliance_statement_bind_text (stmt, 9, client->referral_source);
  alliance_statement_bind_date (stmt, 10, client->start_date);
  alliance_statement_bind_date (stmt, 11, client->discharge_date);
  alliance_statement_bind_text (stmt, 12, client->discharge_reason);
  alliance_statement_bind_text (stmt, 13, client->phone);
  alliance_statement_bind_text (stmt, 14, client->email);
  alliance_statement_bind_text (stmt, 15, client->emergency_name);
  alliance_statement_bind_text (stmt, 16, client->emergency_relationship);
  alliance_statement_bind_text (stmt, 17, client->emergency_phone);
  alliance_statement_bind_text (stmt, 18, client->presenting_concerns);
  sqlite3_bind_int (stmt, 19, client->archived ? 1 : 0);
  alliance_statement_bind_text (stmt, 20, now);

  if (!alliance_database_step_done (self->database, stmt, error))
    return FALSE;

  if (client->id != 0 && sqlite3_changes (alliance_database_get_handle (self->database)) == 0)
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                   _("This client’s record is no longer in the database."));
      return FALSE;
    }
  return TRUE;
}

/**
 * alliance_client_store_save:
 * @client: inserted when its id is 0 (and then given an id, a code when it
 *   has none, and timestamps), updated otherwise
 * @invalid_field: (out) (optional): the field a validation error is about
 *
 * Validates, then writes in one transaction. Nothing is written on error.
 */
gboolean
alliance_client_store_save (AllianceClientStore  *self,
                            AllianceClient       *client,
                            AllianceClientField  *invalid_field,
                            GError              **error)
{
  g_autoptr(AllianceClient) draft = NULL;
  g_autofree char *today = alliance_date_today ();
  g_autofree char *now = alliance_timestamp_now ();
  gboolean taken = FALSE;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (client != NULL, FALSE);

  /* Work on a copy so a refused save leaves the caller's values as typed. */
  draft = alliance_client_copy (client);
  normalize_client (draft);

  if (draft->code == NULL || draft->code[0] == '\0')
    {
      g_clear_pointer (&draft->code, g_free);
      if (draft->id == 0 && !(draft->code = alliance_client_store_suggest_code (self, error)))
        return FALSE;
    }

  if (!alliance_client_validate (draft, today, invalid_field, error))
    return FALSE;
  if (draft->code == NULL)
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("A client code is needed; leave the suggested one or type another."));
      if (invalid_field != NULL)
        *invalid_field = ALLIANCE_CLIENT_FIELD_CODE;
      return FALSE;
    }

  if (!alliance_database_begin (self->database, error))
    return FALSE;

  if (!code_is_taken (self, draft, &taken, error))
    goto failed;
  if (taken)
    {
      g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DUPLICATE_CODE,
                   _("Another client already has the code “%s”."), draft->code);
      if (invalid_field != NULL)
        *invalid_field = ALLIANCE_CLIENT_FIELD_CODE;
      goto failed;
    }

  if (!write_client (self, draft, now, error))
    goto failed;
  if (!alliance_database_commit (self->database, error))
    return FALSE;

  /* Hand the saved values back to the caller: id, code, trimmed text, times. */
  {
    gint64 id = draft->id ? draft->id : sqlite3_last_insert_rowid (alliance_database_get_handle (self->database));
    g_autoptr(AllianceClient) saved = alliance_client_store_load (self, id, error);
    AllianceClient swap;

    if (saved == NULL)
      return FALSE;
    swap = *client;
    *client = *saved;
    *saved = swap;
  }

  alliance_store_emit_changed (ALLIANCE_STORE (self), client->id);
  return TRUE;

failed:
  alliance_database_rollback (self->database);
  return FALSE;
}

static gboolean
update_client (AllianceClientStore  *self,
               gint64                client_id,
               void                (*change) (AllianceClient *client, gconstpointer data),
               gconstpointer         data,
               AllianceClientField  *invalid_field,
               GError              **error)
{
  g_autoptr(AllianceClient) client = alliance_client_store_load (self, client_id, error);

  if (client == NULL)
    return FALSE;
  change (client, data);
  return alliance_client_store_save (self, client, invalid_field, error);
}

static void
set_archived (AllianceClient *client,
              gconstpointer   data)
{
  client->archived = GPOINTER_TO_INT (data);
}

gboolean
alliance_client_store_set_archived (AllianceClientStore  *self,
                                    gint64                client_id,
                                    gboolean              archived,
                                    GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), FALSE);

  return update_client (self, client_id, set_archived, GINT_TO_POINTER (!!archived), NULL, error);
}

typedef struct
{
  const char *date;
  const char *reason;
} Discharge;

static void
set_discharged (AllianceClient *client,
                gconstpointer   data)
{
  const Discharge *discharge = data;

  client->status = ALLIANCE_CLIENT_STATUS_DISCHARGED;
  g_free (client->discharge_date);
  client->discharge_date = g_strdup (discharge->date);
  g_free (client->discharge_reason);
  client->discharge_reason = g_strdup (discharge->reason);
}

gboolean
alliance_client_store_discharge (AllianceClientStore  *self,
                                 gint64                client_id,
                                 const char           *discharge_date,
                                 const char           *reason,
                                 AllianceClientField  *invalid_field,
                                 GError              **error)
{
  Discharge discharge = { discharge_date, reason };

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), FALSE);

  if (discharge_date == NULL || discharge_date[0] == '\0')
    {
      g_set_error_literal (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED,
                           _("Enter the date of discharge."));
      if (invalid_field != NULL)
        *invalid_field = ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE;
      return FALSE;
    }
  return update_client (self, client_id, set_discharged, &discharge, invalid_field, error);
}

static void
set_reactivated (AllianceClient *client,
                 gconstpointer   data)
{
  client->status = ALLIANCE_CLIENT_STATUS_ACTIVE;
  client->archived = FALSE;
  g_clear_pointer (&client->discharge_date, g_free);
  g_clear_pointer (&client->discharge_reason, g_free);
}

gboolean
alliance_client_store_reactivate (AllianceClientStore  *self,
                                  gint64                client_id,
                                  GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), FALSE);

  return update_client (self, client_id, set_reactivated, NULL, NULL, error);
}

GPtrArray *
alliance_client_store_list_goals (AllianceClientStore  *self,
                                  gint64                client_id,
                                  GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), NULL);

  stmt = alliance_database_prepare (self->database,
                                    "SELECT id, description, status, set_on, reviewed_on FROM goals "
                                    "WHERE client_id = ?1 "
                                    "ORDER BY status <> 'active', set_on, id",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);

  goals = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_goal_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AllianceGoal *goal = alliance_goal_new (client_id, alliance_statement_get_text (stmt, 1), alliance_statement_get_text (stmt, 3));

      goal->id = sqlite3_column_int64 (stmt, 0);
      if (!alliance_goal_status_from_string (alliance_statement_get_text (stmt, 2), &goal->status))
        g_warning ("Unknown goal status in the database");
      goal->reviewed_on = alliance_statement_dup_text (stmt, 4);
      g_ptr_array_add (goals, goal);
    }
  if (rc != SQLITE_DONE)
    {
      alliance_database_set_error_from_code (self->database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&goals);
}

gboolean
alliance_client_store_save_goal (AllianceClientStore  *self,
                                 AllianceGoal         *goal,
                                 GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autofree char *now = alliance_timestamp_now ();
  g_autofree char *description = NULL;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), FALSE);
  g_return_val_if_fail (goal != NULL, FALSE);

  if (!alliance_goal_validate (goal, error))
    return FALSE;
  description = g_strstrip (g_strdup (goal->description));

  if (!alliance_database_begin (self->database, error))
    return FALSE;

  if (goal->id == 0)
    stmt = alliance_database_prepare (self->database,
                                      "INSERT INTO goals (client_id, description, status, set_on, reviewed_on, "
                                      "created_at, updated_at) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                                      error);
  else
    stmt = alliance_database_prepare (self->database,
                                      "UPDATE goals SET description = ?3, status = ?4, set_on = ?5, "
                                      "reviewed_on = ?6, updated_at = ?7 WHERE id = ?1 AND client_id = ?2",
                                      error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, goal->id);
  sqlite3_bind_int64 (stmt, 2, goal->client_id);
  alliance_statement_bind_text (stmt, 3, description);
  alliance_statement_bind_text (stmt, 4, alliance_goal_status_to_string (goal->status));
  alliance_statement_bind_date (stmt, 5, goal->set_on);
  alliance_statement_bind_date (stmt, 6, goal->reviewed_on);
  alliance_statement_bind_text (stmt, 7, now);

  if (!alliance_database_step_done (self->database, stmt, error))
    goto failed;
  if (goal->id != 0 && sqlite3_changes (alliance_database_get_handle (self->database)) == 0)
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                   _("This goal is no longer in the database."));
      goto failed;
    }
  g_clear_pointer (&stmt, alliance_statement_release);
  if (!alliance_database_commit (self->database, error))
    return FALSE;

  if (goal->id == 0)
    goal->id = sqlite3_last_insert_rowid (alliance_database_get_handle (self->database));
  g_free (goal->description);
  goal->description = g_steal_pointer (&description);

  alliance_store_emit_changed (ALLIANCE_STORE (self), goal->client_id);
  return TRUE;

failed:
  alliance_database_rollback (self->database);
  return FALSE;
}

gboolean
alliance_client_store_set_goal_status (AllianceClientStore  *self,
                                       gint64                goal_id,
                                       AllianceGoalStatus    status,
                                       const char           *reviewed_on,
                                       GError              **error)
{
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(AllianceGoal) goal = NULL;
  int rc;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (self), FALSE);

  stmt = alliance_database_prepare (self->database,
                                    "SELECT client_id, description, set_on FROM goals WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, goal_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND,
                     _("This goal is no longer in the database."));
      else
        alliance_database_set_error_from_code (self->database, rc, error);
      return FALSE;
    }

  goal = alliance_goal_new (sqlite3_column_int64 (stmt, 0), alliance_statement_get_text (stmt, 1), alliance_statement_get_text (stmt, 2));
  goal->id = goal_id;
  goal->status = status;
  goal->reviewed_on = g_strdup (reviewed_on);
  g_clear_pointer (&stmt, alliance_statement_release);

  return alliance_client_store_save_goal (self, goal, error);
}
