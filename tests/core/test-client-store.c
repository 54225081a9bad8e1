/* test-client-store.c
 *
 * AllianceClientStore: codes, validation before any write, timestamps,
 * archive/discharge/reactivate, goals, the "changed" signal, and the
 * schema's own CHECK constraints as the last line of defence.
 */
#define G_LOG_DOMAIN "alliance-test-client-store"

#include "config.h"

#include <string.h>

#include "alliance-client-store.h"
#include "alliance-date.h"
#include "alliance-error.h"
#include "test-common.h"

typedef struct
{
  AllianceDatabase    *database;
  AllianceClientStore *store;
  GArray              *changed_ids;   /* gint64, one per "changed" emission */
} Fixture;

static void
changed_cb (AllianceClientStore *store,
            gint64               client_id,
            Fixture             *fixture)
{
  g_assert_true (store == fixture->store);
  /* Emitted after the commit: no transaction may still be open. */
  g_assert_true (sqlite3_get_autocommit (alliance_database_get_handle (fixture->database)));
  g_array_append_val (fixture->changed_ids, client_id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->store = alliance_client_store_new (fixture->database);
  g_assert_true (alliance_client_store_get_database (fixture->store) == fixture->database);
  fixture->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->database);
  g_array_unref (fixture->changed_ids);
}

static sqlite3 *
handle_of (Fixture *fixture)
{
  return alliance_database_get_handle (fixture->database);
}

static gint64
count (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 n = alliance_client_store_count (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpint (n, ==, test_query_int (handle_of (fixture), "SELECT count(*) FROM clients"));
  return n;
}

static void
assert_changed (Fixture *fixture,
                guint    n_expected,
                gint64   last_id)
{
  g_assert_cmpuint (fixture->changed_ids->len, ==, n_expected);
  if (n_expected > 0)
    g_assert_cmpint (g_array_index (fixture->changed_ids, gint64, n_expected - 1), ==, last_id);
}

static AllianceClient *
save_new (Fixture    *fixture,
          const char *given_name,
          const char *family_name,
          const char *code)
{
  g_autoptr(AllianceClient) client = test_client_new (given_name, family_name);
  g_autoptr(GError) error = NULL;

  client->code = g_strdup (code);
  g_assert_true (alliance_client_store_save (fixture->store, client, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (client->id, >, 0);
  return g_steal_pointer (&client);
}

static AllianceClient *
load (Fixture *fixture,
      gint64   id)
{
  g_autoptr(GError) error = NULL;
  AllianceClient *client = alliance_client_store_load (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
}

static void
backdate_timestamps (Fixture *fixture,
                     gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE clients SET created_at = '2000-01-01T00:00:00Z', "
                                          "updated_at = '2000-01-01T00:00:00Z' WHERE id = %" G_GINT64_FORMAT,
                                          id);

  g_assert_cmpint (sqlite3_exec (handle_of (fixture), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* ---------------------------------------------------------------------- */

static void
test_codes_assigned (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(AllianceClient) first = save_new (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceClient) second = save_new (fixture, "Mateo", "García", NULL);
  g_autoptr(AllianceClient) third = save_new (fixture, "Aoife", "Ní Bhriain", "");
  g_autoptr(AllianceClient) loaded = NULL;

  g_assert_cmpstr (first->code, ==, "C-0001");
  g_assert_cmpstr (second->code, ==, "C-0002");
  g_assert_cmpstr (third->code, ==, "C-0003");
  g_assert_cmpint (first->id, !=, second->id);
  g_assert_cmpint (count (fixture), ==, 3);

  /* The caller's record is handed back as saved, timestamps included. */
  g_assert_nonnull (first->created_at);
  g_assert_cmpstr (first->created_at, ==, first->updated_at);
  g_assert_true (g_str_has_suffix (first->created_at, "Z"));

  loaded = load (fixture, second->id);
  g_assert_cmpstr (loaded->code, ==, "C-0002");
  g_assert_cmpstr (loaded->given_name, ==, "Mateo");
  g_assert_cmpstr (loaded->family_name, ==, "García");
  g_assert_cmpint (loaded->status, ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
  g_assert_false (loaded->archived);
  g_assert_null (loaded->date_of_birth);
  g_assert_cmpstr (loaded->email, ==, "");
}

static void
test_suggested_code_skips_custom (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  static const char *custom[] = { "ABC", "C-XYZ", "C-12a", "C- 7", "Z-0099", "C-", "CC-0100", "C-1.5" };
  g_autoptr(GError) error = NULL;
  g_autofree char *suggested = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (custom); i++)
    {
      g_autoptr(AllianceClient) client = save_new (fixture, "Custom", "Code", custom[i]);

      g_assert_cmpstr (client->code, ==, custom[i]);
    }

  suggested = alliance_client_store_suggest_code (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (suggested, ==, "C-0001");

  {
    g_autoptr(AllianceClient) typed = save_new (fixture, "Typed", "Code", "C-0041");
    g_autoptr(AllianceClient) next = save_new (fixture, "Next", "Client", NULL);

    g_assert_nonnull (typed);

    /* One above the highest C-number, never a number already used. */
    g_assert_cmpstr (next->code, ==, "C-0042");
  }
}

static void
test_suggested_code_avoids_lowercase (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autoptr(AllianceClient) first = save_new (fixture, "First", "Client", NULL);
  g_autoptr(AllianceClient) typed = save_new (fixture, "Typed", "Lowercase", "c-0002");
  g_autoptr(AllianceClient) next = NULL;
  g_autofree char *suggested = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (first);
  g_assert_nonnull (typed);

  /* Codes are unique regardless of case, so "c-0002" is taken for C-0002
   * too: the suggestion must not be a code that saving will then refuse. */
  suggested = alliance_client_store_suggest_code (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (suggested, ==, "C-0003");
  next = save_new (fixture, "Next", "Client", NULL);
  g_assert_cmpstr (next->code, ==, "C-0003");
}

static void
test_suggested_code_huge_number (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(AllianceClient) typed = save_new (fixture, "Typed", "Huge", "C-99999999999999999999");
  g_autoptr(AllianceClient) next = save_new (fixture, "Next", "Client", NULL);
  g_autoptr(AllianceClient) after = save_new (fixture, "After", "Client", NULL);

  g_assert_nonnull (typed);

  /* A code too large to count on is a custom code, not the next number. */
  g_assert_true (g_str_has_prefix (next->code, "C-"));
  g_assert_cmpstr (next->code, ==, "C-0001");
  g_assert_cmpstr (after->code, ==, "C-0002");
}

static void
test_duplicate_code (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char *duplicates[] = { "C-0001", "c-0001", "  C-0001  ", "c-0001\t" };
  g_autoptr(AllianceClient) first = save_new (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceClient) other = save_new (fixture, "Mateo", "García", NULL);

  g_assert_cmpstr (first->code, ==, "C-0001");
  g_array_set_size (fixture->changed_ids, 0);

  for (guint i = 0; i < G_N_ELEMENTS (duplicates); i++)
    {
      g_autoptr(AllianceClient) client = test_client_new ("Ann", "Duplicate");
      g_autoptr(GError) error = NULL;
      AllianceClientField field = ALLIANCE_CLIENT_FIELD_NONE;

      client->code = g_strdup (duplicates[i]);
      g_assert_false (alliance_client_store_save (fixture->store, client, &field, &error));
      g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DUPLICATE_CODE);
      g_assert_cmpint (field, ==, ALLIANCE_CLIENT_FIELD_CODE);
      /* Refused: the caller's record is left as typed, nothing written. */
      g_assert_cmpint (client->id, ==, 0);
      g_assert_cmpstr (client->code, ==, duplicates[i]);
      g_assert_null (client->created_at);
      g_assert_cmpint (count (fixture), ==, 2);
      g_assert_true (sqlite3_get_autocommit (handle_of (fixture)));
    }

  /* Renaming an existing client onto a taken code is refused too... */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AllianceClient) reloaded = NULL;
    AllianceClientField field = ALLIANCE_CLIENT_FIELD_NONE;

    g_free (other->code);
    other->code = g_strdup ("c-0001");
    g_assert_false (alliance_client_store_save (fixture->store, other, &field, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DUPLICATE_CODE);
    g_assert_cmpint (field, ==, ALLIANCE_CLIENT_FIELD_CODE);
    reloaded = load (fixture, other->id);
    g_assert_cmpstr (reloaded->code, ==, "C-0002");
  }

  /* ...but saving a client under its own code, in another case, is not. */
  {
    g_autoptr(GError) error = NULL;

    g_free (first->code);
    first->code = g_strdup ("c-0001");
    g_assert_true (alliance_client_store_save (fixture->store, first, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (first->code, ==, "c-0001");
  }

  assert_changed (fixture, 1, first->id);
}

static void
test_invalid_not_written (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(AllianceClient) existing = save_new (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceClient) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  AllianceClientField field = ALLIANCE_CLIENT_FIELD_NONE;

  g_array_set_size (fixture->changed_ids, 0);

  {
    g_autoptr(AllianceClient) nameless = test_client_new ("   ", "Laurent");

    g_assert_false (alliance_client_store_save (fixture->store, nameless, &field, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
    g_assert_cmpint (field, ==, ALLIANCE_CLIENT_FIELD_GIVEN_NAME);
    g_assert_cmpint (nameless->id, ==, 0);
    g_assert_null (nameless->code);
    g_clear_error (&error);
  }
  {
    g_autoptr(AllianceClient) bad_date = test_client_new ("Ann", "Example");

    bad_date->date_of_birth = g_strdup ("2023-02-29");
    g_assert_false (alliance_client_store_save (fixture->store, bad_date, &field, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
    g_assert_cmpint (field, ==, ALLIANCE_CLIENT_FIELD_DATE_OF_BIRTH);
    g_clear_error (&error);
  }
  g_assert_cmpint (count (fixture), ==, 1);

  /* An update that fails validation leaves the stored record alone. */
  g_free (existing->family_name);
  existing->family_name = g_strdup ("");
  g_free (existing->email);
  existing->email = g_strdup ("no-at-sign");
  g_assert_false (alliance_client_store_save (fixture->store, existing, &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpint (field, ==, ALLIANCE_CLIENT_FIELD_FAMILY_NAME);
  g_assert_cmpstr (existing->family_name, ==, "");
  g_clear_error (&error);

  reloaded = load (fixture, existing->id);
  g_assert_cmpstr (reloaded->family_name, ==, "Laurent");
  g_assert_cmpstr (reloaded->email, ==, "");

  /* The next automatic code was not used up by the refusals. */
  {
    g_autoptr(AllianceClient) next = save_new (fixture, "Next", "Client", NULL);

    g_assert_cmpstr (next->code, ==, "C-0002");
    assert_changed (fixture, 1, next->id);
  }
}

static void
test_update_timestamps (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = save_new (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceClient) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before_save = alliance_timestamp_now ();
  gint64 id = client->id;

  backdate_timestamps (fixture, id);
  g_clear_pointer (&client, alliance_client_free);
  client = load (fixture, id);
  g_assert_cmpstr (client->created_at, ==, "2000-01-01T00:00:00Z");

  g_free (client->pronouns);
  client->pronouns = g_strdup ("she/her");
  g_assert_true (alliance_client_store_save (fixture->store, client, NULL, &error));
  g_assert_no_error (error);

  loaded = load (fixture, client->id);
  g_assert_cmpstr (loaded->pronouns, ==, "she/her");
  g_assert_cmpstr (loaded->created_at, ==, "2000-01-01T00:00:00Z");
  g_assert_cmpstr (loaded->updated_at, !=, "2000-01-01T00:00:00Z");
  g_assert_cmpstr (loaded->updated_at, >=, before_save);
  g_assert_cmpstr (client->updated_at, ==, loaded->updated_at);
  g_assert_cmpstr (client->created_at, ==, loaded->created_at);
  g_assert_cmpint (count (fixture), ==, 1);
}

static void
test_trimming (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = test_client_new ("  Ann\t", " O'Brien  ");
  g_autoptr(AllianceClient) loaded = NULL;
  g_autoptr(GError) error = NULL;

  client->code = g_strdup ("  X-7 ");
  client->preferred_name = g_strdup (" Annie ");
  client->email = g_strdup (" ann@example.org ");
  client->date_of_birth = g_strdup (" 1990-01-01 ");
  client->start_date = g_strdup ("   ");
  client->presenting_concerns = g_strdup ("  Indented\nnote.  ");
  g_assert_true (alliance_client_store_save (fixture->store, client, NULL, &error));
  g_assert_no_error (error);

  loaded = load (fixture, client->id);
  g_assert_cmpstr (loaded->given_name, ==, "Ann");
  g_assert_cmpstr (loaded->family_name, ==, "O'Brien");
  g_assert_cmpstr (loaded->code, ==, "X-7");
  g_assert_cmpstr (loaded->preferred_name, ==, "Annie");
  g_assert_cmpstr (loaded->email, ==, "ann@example.org");
  g_assert_cmpstr (loaded->date_of_birth, ==, "1990-01-01");
  g_assert_null (loaded->start_date);
  /* Clinical text is kept exactly as written. */
  g_assert_cmpstr (loaded->presenting_concerns, ==, "  Indented\nnote.  ");
  g_assert_cmpstr (client->given_name, ==, "Ann");

  /* "Ann " is the same person as "Ann": the duplicate code check sees it. */
  {
    g_autoptr(AllianceClient) twin = test_client_new ("Ann", "Twin");
    AllianceClientField field;

    twin->code = g_strdup ("x-7  ");
    g_assert_false (alliance_client_store_save (fixture->store, twin, &field, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DUPLICATE_CODE);
  }
}

static void
test_load_missing (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AllianceClient) existing = save_new (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceClient) ghost = test_client_new ("Ghost", "Record");

  g_assert_null (alliance_client_store_load (fixture->store, existing->id + 100, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (alliance_client_store_load (fixture->store, 0, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Updating a record that is gone is refused, not turned into an insert. */
  g_array_set_size (fixture->changed_ids, 0);
  ghost->id = existing->id + 100;
  ghost->code = g_strdup ("G-1");
  g_assert_false (alliance_client_store_save (fixture->store, ghost, NULL, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (count (fixture), ==, 1);
  assert_changed (fixture, 0, 0);
  g_assert_true (sqlite3_get_autocommit (handle_of (fixture)));
  g_clear_error (&error);

  g_assert_false (alliance_client_store_set_archived (fixture->store, 999, TRUE, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
}

static void
test_archive (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = save_new (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(GError) error = NULL;

  g_array_set_size (fixture->changed_ids, 0);
  g_assert_true (alliance_client_store_set_archived (fixture->store, client->id, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AllianceClient) loaded = load (fixture, client->id);

    g_assert_true (loaded->archived);
    g_assert_cmpint (loaded->status, ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
    g_assert_cmpstr (loaded->given_name, ==, "Zoë");
  }
  assert_changed (fixture, 1, client->id);

  g_assert_true (alliance_client_store_set_archived (fixture->store, client->id, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AllianceClient) loaded = load (fixture, client->id);

    g_assert_false (loaded->archived);
  }
  assert_changed (fixture, 2, client->id);
  g_assert_cmpint (count (fixture), ==, 1);
}

static void
test_discharge (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = test_client_new ("Grace", "Okafor");
  g_autoptr(GError) error = NULL;
  AllianceClientField field = ALLIANCE_CLIENT_FIELD_NONE;

  client->start_date = g_strdup ("2024-01-10");
  g_assert_true (alliance_client_store_save (fixture->store, client, NULL, &error));
  g_array_set_size (fixture->changed_ids, 0);

  /* Before the start date: refused, nothing changes. */
  g_assert_false (alliance_client_store_discharge (fixture->store, client->id, "2024-01-09", "Too early",
                                                   &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER);
  g_assert_cmpint (field, ==, ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE);
  g_clear_error (&error);

  g_assert_false (alliance_client_store_discharge (fixture->store, client->id, "2024-02-30", "Bad",
                                                   &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID_DATE);
  g_assert_cmpint (field, ==, ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE);
  g_clear_error (&error);

  field = ALLIANCE_CLIENT_FIELD_NONE;
  g_assert_false (alliance_client_store_discharge (fixture->store, client->id, "", "No date", &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpint (field, ==, ALLIANCE_CLIENT_FIELD_DISCHARGE_DATE);
  g_clear_error (&error);

  g_assert_false (alliance_client_store_discharge (fixture->store, client->id, "9999-12-31", "Future",
                                                   &field, &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_FUTURE_DATE);
  g_clear_error (&error);

  {
    g_autoptr(AllianceClient) loaded = load (fixture, client->id);

    g_assert_cmpint (loaded->status, ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
    g_assert_null (loaded->discharge_date);
    g_assert_cmpstr (loaded->discharge_reason, ==, "");
  }
  assert_changed (fixture, 0, 0);

  g_assert_true (alliance_client_store_discharge (fixture->store, client->id, "2024-05-20",
                                                  "Goals met; agreed ending.", &field, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AllianceClient) loaded = load (fixture, client->id);

    g_assert_cmpint (loaded->status, ==, ALLIANCE_CLIENT_STATUS_DISCHARGED);
    g_assert_cmpstr (loaded->discharge_date, ==, "2024-05-20");
    g_assert_cmpstr (loaded->discharge_reason, ==, "Goals met; agreed ending.");
    g_assert_cmpstr (loaded->start_date, ==, "2024-01-10");
  }
  assert_changed (fixture, 1, client->id);

  g_assert_false (alliance_client_store_discharge (fixture->store, 4242, "2024-05-20", "", NULL, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
}

static void
test_reactivate (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = test_client_new ("Lukas", "Novák");
  g_autoptr(GError) error = NULL;

  client->start_date = g_strdup ("2023-09-04");
  client->status = ALLIANCE_CLIENT_STATUS_DISCHARGED;
  client->discharge_date = g_strdup ("2024-03-25");
  client->discharge_reason = g_strdup ("Health anxiety resolved.");
  client->archived = TRUE;
  g_assert_true (alliance_client_store_save (fixture->store, client, NULL, &error));
  g_assert_no_error (error);
  g_array_set_size (fixture->changed_ids, 0);

  g_assert_true (alliance_client_store_reactivate (fixture->store, client->id, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AllianceClient) loaded = load (fixture, client->id);

    g_assert_cmpint (loaded->status, ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
    g_assert_false (loaded->archived);
    g_assert_null (loaded->discharge_date);
    g_assert_cmpstr (loaded->discharge_reason, ==, "");
    g_assert_cmpstr (loaded->start_date, ==, "2023-09-04");
  }
  assert_changed (fixture, 1, client->id);

  g_assert_false (alliance_client_store_reactivate (fixture->store, 4242, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  assert_changed (fixture, 1, client->id);
}

/* ---------------------------------------------------------------------- */
/* Goals */

static AllianceGoal *
add_goal (Fixture    *fixture,
          gint64      client_id,
          const char *description,
          const char *set_on)
{
  g_autoptr(AllianceGoal) goal = alliance_goal_new (client_id, description, set_on);
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_client_store_save_goal (fixture->store, goal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (goal->id, >, 0);
  return g_steal_pointer (&goal);
}

static GPtrArray *
list_goals (Fixture *fixture,
            gint64   client_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *goals = alliance_client_store_list_goals (fixture->store, client_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (goals);
  return goals;
}

static void
test_goals (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = save_new (fixture, "Mateo", "García", NULL);
  g_autoptr(AllianceClient) other = save_new (fixture, "Aoife", "Ní Bhriain", NULL);
  g_autoptr(AllianceGoal) metro = NULL;
  g_autoptr(AllianceGoal) crowds = NULL;
  g_autoptr(AllianceGoal) early = NULL;
  g_autoptr(AllianceGoal) others = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;

  g_array_set_size (fixture->changed_ids, 0);
  metro = add_goal (fixture, client->id, "  Take the metro twice a week ", "2024-02-01");
  crowds = add_goal (fixture, client->id, "Reduce avoidance of crowds", "2024-01-15");
  early = add_goal (fixture, client->id, "Sleep before midnight", "2024-01-15");
  others = add_goal (fixture, other->id, "Speak up in one seminar", "2024-01-01");
  g_assert_cmpstr (metro->description, ==, "Take the metro twice a week");
  assert_changed (fixture, 4, other->id);
  g_assert_cmpint (g_array_index (fixture->changed_ids, gint64, 0), ==, client->id);

  /* All active: by date set, then in the order added. */
  goals = list_goals (fixture, client->id);
  g_assert_cmpuint (goals->len, ==, 3);
  g_assert_cmpint (((AllianceGoal *)goals->pdata[0])->id, ==, crowds->id);
  g_assert_cmpint (((AllianceGoal *)goals->pdata[1])->id, ==, early->id);
  g_assert_cmpint (((AllianceGoal *)goals->pdata[2])->id, ==, metro->id);
  g_assert_cmpstr (((AllianceGoal *)goals->pdata[2])->description, ==, "Take the metro twice a week");
  g_assert_cmpint (((AllianceGoal *)goals->pdata[2])->client_id, ==, client->id);
  g_clear_pointer (&goals, g_ptr_array_unref);

  /* Achieve one, drop another: the active goal comes first. */
  g_assert_true (alliance_client_store_set_goal_status (fixture->store, crowds->id, ALLIANCE_GOAL_STATUS_ACHIEVED,
                                                        "2024-03-01", &error));
  g_assert_no_error (error);
  g_assert_true (alliance_client_store_set_goal_status (fixture->store, early->id, ALLIANCE_GOAL_STATUS_DROPPED,
                                                        "2024-03-02", &error));
  g_assert_no_error (error);
  assert_changed (fixture, 6, client->id);

  goals = list_goals (fixture, client->id);
  g_assert_cmpuint (goals->len, ==, 3);
  {
    AllianceGoal *first = goals->pdata[0];
    AllianceGoal *second = goals->pdata[1];
    AllianceGoal *third = goals->pdata[2];

    g_assert_cmpint (first->id, ==, metro->id);
    g_assert_cmpint (first->status, ==, ALLIANCE_GOAL_STATUS_ACTIVE);
    g_assert_null (first->reviewed_on);
    g_assert_cmpint (second->id, ==, crowds->id);
    g_assert_cmpint (second->status, ==, ALLIANCE_GOAL_STATUS_ACHIEVED);
    g_assert_cmpstr (second->reviewed_on, ==, "2024-03-01");
    g_assert_cmpstr (second->description, ==, "Reduce avoidance of crowds");
    g_assert_cmpstr (second->set_on, ==, "2024-01-15");
    g_assert_cmpint (third->id, ==, early->id);
    g_assert_cmpint (third->status, ==, ALLIANCE_GOAL_STATUS_DROPPED);
    g_assert_cmpstr (third->reviewed_on, ==, "2024-03-02");
  }
  g_clear_pointer (&goals, g_ptr_array_unref);

  /* The other client's goals are their own. */
  goals = list_goals (fixture, other->id);
  g_assert_cmpuint (goals->len, ==, 1);
  g_assert_cmpint (((AllianceGoal *)goals->pdata[0])->id, ==, others->id);
  g_clear_pointer (&goals, g_ptr_array_unref);

  goals = list_goals (fixture, 4242);
  g_assert_cmpuint (goals->len, ==, 0);
  g_clear_pointer (&goals, g_ptr_array_unref);

  /* Editing a goal keeps its id. */
  g_free (metro->description);
  metro->description = g_strdup ("Take the metro three times a week");
  g_assert_true (alliance_client_store_save_goal (fixture->store, metro, &error));
  g_assert_no_error (error);
  goals = list_goals (fixture, client->id);
  g_assert_cmpuint (goals->len, ==, 3);
  g_assert_cmpint (((AllianceGoal *)goals->pdata[0])->id, ==, metro->id);
  g_assert_cmpstr (((AllianceGoal *)goals->pdata[0])->description, ==, "Take the metro three times a week");
}

static void
test_goal_refusals (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = save_new (fixture, "Mateo", "García", NULL);
  g_autoptr(AllianceGoal) goal = add_goal (fixture, client->id, "Take the metro", "2024-02-01");
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;

  g_array_set_size (fixture->changed_ids, 0);

  {
    g_autoptr(AllianceGoal) empty = alliance_goal_new (client->id, "   ", "2024-02-01");

    g_assert_false (alliance_client_store_save_goal (fixture->store, empty, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_REQUIRED);
    g_assert_cmpint (empty->id, ==, 0);
    g_clear_error (&error);
  }
  {
    g_autoptr(AllianceGoal) reviewed_early = alliance_goal_new (client->id, "Walk", "2024-02-01");

    reviewed_early->status = ALLIANCE_GOAL_STATUS_ACHIEVED;
    reviewed_early->reviewed_on = g_strdup ("2024-01-31");
    g_assert_false (alliance_client_store_save_goal (fixture->store, reviewed_early, &error));
    g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER);
    g_clear_error (&error);
  }
  {
    /* The database refuses a goal for a client that does not exist. */
    g_autoptr(AllianceGoal) orphan = alliance_goal_new (4242, "Orphan", "2024-02-01");

    g_assert_false (alliance_client_store_save_goal (fixture->store, orphan, &error));
    g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_CONSTRAINT);
    g_assert_cmpint (orphan->id, ==, 0);
    g_assert_true (sqlite3_get_autocommit (handle_of (fixture)));
    g_clear_error (&error);
  }

  g_assert_false (alliance_client_store_set_goal_status (fixture->store, goal->id, ALLIANCE_GOAL_STATUS_ACHIEVED,
                                                         "2024-01-31", &error));
  g_assert_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_DATE_ORDER);
  g_clear_error (&error);

  g_assert_false (alliance_client_store_set_goal_status (fixture->store, goal->id + 100,
                                                         ALLIANCE_GOAL_STATUS_ACHIEVED, "2024-03-01", &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  {
    g_autoptr(AllianceGoal) gone = alliance_goal_copy (goal);

    gone->id += 100;
    g_assert_false (alliance_client_store_save_goal (fixture->store, gone, &error));
    g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  assert_changed (fixture, 0, 0);
  goals = list_goals (fixture, client->id);
  g_assert_cmpuint (goals->len, ==, 1);
  g_assert_cmpint (((AllianceGoal *)goals->pdata[0])->status, ==, ALLIANCE_GOAL_STATUS_ACTIVE);
  g_assert_null (((AllianceGoal *)goals->pdata[0])->reviewed_on);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM goals"), ==, 1);
}

/* ---------------------------------------------------------------------- */

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");
  g_autoptr(AllianceClient) refused = test_client_new ("", "Nobody");
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_client_store_save (fixture->store, client, NULL, &error));
  assert_changed (fixture, 1, client->id);

  g_free (client->phone);
  client->phone = g_strdup ("+1 613 555 0100");
  g_assert_true (alliance_client_store_save (fixture->store, client, NULL, &error));
  assert_changed (fixture, 2, client->id);

  g_assert_false (alliance_client_store_save (fixture->store, refused, NULL, &error));
  g_clear_error (&error);
  g_free (client->start_date);
  client->start_date = g_strdup ("2024-02-31");
  g_assert_false (alliance_client_store_save (fixture->store, client, NULL, &error));
  g_clear_error (&error);
  assert_changed (fixture, 2, client->id);

  /* Reading emits nothing. */
  {
    g_autoptr(AllianceClient) loaded = load (fixture, client->id);
    g_autofree char *code = alliance_client_store_suggest_code (fixture->store, NULL);

    g_assert_nonnull (loaded);
    g_assert_nonnull (code);

    g_assert_cmpint (count (fixture), ==, 1);
  }
  assert_changed (fixture, 2, client->id);
}

static void
test_text_stored_verbatim (Fixture       *fixture,
                           gconstpointer  user_data)
{
  static const char *texts[] = {
    "Robert'); DROP TABLE clients;--",
    "O'Connor; \"quoted\" -- not a comment",
    "SELECT * FROM clients WHERE 1=1; DELETE FROM goals;",
    "%s %d %n \\ \\\\ '' \"\"",
    "Zoë 🙂 日本語 עברית",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(AllianceClient) client = test_client_new (texts[i], texts[i]);
      g_autoptr(AllianceClient) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(AllianceGoal) goal = NULL;
      g_autoptr(GPtrArray) goals = NULL;

      client->presenting_concerns = g_strdup (texts[i]);
      client->discharge_reason = g_strdup (texts[i]);
      client->code = g_strdup_printf ("%s-%u", texts[i], i);
      g_assert_true (alliance_client_store_save (fixture->store, client, NULL, &error));
      g_assert_no_error (error);

      loaded = load (fixture, client->id);
      g_assert_cmpstr (loaded->given_name, ==, texts[i]);
      g_assert_cmpstr (loaded->family_name, ==, texts[i]);
      g_assert_cmpstr (loaded->presenting_concerns, ==, texts[i]);
      g_assert_cmpstr (loaded->discharge_reason, ==, texts[i]);
      g_assert_cmpstr (loaded->code, ==, client->code);

      goal = add_goal (fixture, client->id, texts[i], "2024-01-01");
      goals = list_goals (fixture, client->id);
      g_assert_cmpstr (((AllianceGoal *)goals->pdata[0])->description, ==, texts[i]);
    }

  g_assert_cmpint (count (fixture), ==, G_N_ELEMENTS (texts));
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM goals"), ==, G_N_ELEMENTS (texts));
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM sqlite_master WHERE name = 'clients'"),
                   ==, 1);
}

typedef struct
{
  gint64 n;
  gint64 last_id;
} ListingCount;

static void
count_listing (const AllianceClientListing *listing,
               gpointer                     user_data)
{
  ListingCount *counted = user_data;

  g_assert_cmpint (listing->id, >, 0);
  g_assert_nonnull (listing->code);
  g_assert_nonnull (listing->given_name);
  g_assert_nonnull (listing->family_name);
  g_assert_nonnull (listing->preferred_name);
  counted->n++;
  counted->last_id = listing->id;
}

static void
test_listing (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(AllianceClient) a = save_new (fixture, "Zoë", "Laurent", NULL);
  g_autoptr(AllianceClient) b = test_client_new ("Katherine", "O'Connor-Whitfield");
  g_autoptr(GError) error = NULL;
  ListingCount counted = { 0, 0 };

  g_assert_nonnull (a);

  b->preferred_name = g_strdup ("Kate");
  b->status = ALLIANCE_CLIENT_STATUS_WAITLIST;
  b->archived = TRUE;
  g_assert_true (alliance_client_store_save (fixture->store, b, NULL, &error));

  g_assert_true (alliance_client_store_foreach_listing (fixture->store, count_listing, &counted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counted.n, ==, 2);
  g_assert_cmpint (count (fixture), ==, 2);
}

/* The schema's CHECK constraints hold even for SQL that skips the store. */
static void
test_schema_checks (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char *refused[] = {
    "UPDATE clients SET date_of_birth = '2023-02-31'",
    "UPDATE clients SET date_of_birth = '2023-02-29'",
    "UPDATE clients SET date_of_birth = '2024-2-5'",
    "UPDATE clients SET date_of_birth = '15/03/2024'",
    "UPDATE clients SET date_of_birth = ''",
    "UPDATE clients SET date_of_birth = '2024-03-15 10:00'",
    "UPDATE clients SET date_of_birth = 2460000",
    "UPDATE clients SET start_date = '2024-13-01'",
    "UPDATE clients SET discharge_date = '2024-00-01'",
    "UPDATE clients SET status = 'bogus'",
    "UPDATE clients SET status = 'Active'",
    "UPDATE clients SET status = NULL",
    "UPDATE clients SET status = 'discharged'",
    "UPDATE clients SET discharge_date = '2020-01-01'",
    "UPDATE clients SET code = '   '",
    "UPDATE clients SET code = 'c-0002'",
    "UPDATE clients SET given_name = ''",
    "UPDATE clients SET family_name = ' '",
    "UPDATE clients SET given_name = NULL",
    "UPDATE clients SET archived = 2",
    "UPDATE clients SET email = NULL",
    "INSERT INTO clients (code, given_name, family_name) VALUES ('X-1', 'No', 'Timestamps')",
    "UPDATE goals SET status = 'done'",
    "UPDATE goals SET set_on = '2024-02-30'",
    "UPDATE goals SET set_on = NULL",
    "UPDATE goals SET reviewed_on = '2024-02-30'",
    "UPDATE goals SET description = '  '",
    "UPDATE goals SET client_id = 4242",
    ("INSERT INTO goals (client_id, description, set_on, created_at, updated_at) "
     "VALUES (4242, 'Orphan', '2024-01-01', 'x', 'x')"),
    "DELETE FROM clients WHERE id = 1",
  };
  g_autoptr(AllianceClient) client = test_client_new ("Zoë", "Laurent");
  g_autoptr(AllianceClient) other = NULL;
  g_autoptr(AllianceClient) after = NULL;
  g_autoptr(AllianceGoal) goal = NULL;
  g_autoptr(GError) error = NULL;

  client->code = g_strdup ("C-0001");
  client->date_of_birth = g_strdup ("1991-04-12");
  client->start_date = g_strdup ("2024-01-10");
  g_assert_true (alliance_client_store_save (fixture->store, client, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (client->id, ==, 1);
  other = save_new (fixture, "Mateo", "García", NULL);
  g_assert_cmpstr (other->code, ==, "C-0002");
  goal = add_goal (fixture, client->id, "Sleep six hours", "2024-02-01");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *sql = g_str_has_prefix (refused[i], "UPDATE clients")
                               ? g_strdup_printf ("%s WHERE id = %" G_GINT64_FORMAT, refused[i], client->id)
                               : g_strdup (refused[i]);
      int rc;

      g_test_message ("%s", sql);
      rc = sqlite3_exec (handle_of (fixture), sql, NULL, NULL, NULL);
      g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
    }

  /* The checks are not simply refusing everything. */
  g_assert_cmpint (sqlite3_exec (handle_of (fixture),
                                 "UPDATE clients SET date_of_birth = '2000-02-29', status = 'on-hold' WHERE id = 1",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);

  after = load (fixture, client->id);
  g_assert_cmpstr (after->date_of_birth, ==, "2000-02-29");
  g_assert_cmpint (after->status, ==, ALLIANCE_CLIENT_STATUS_ON_HOLD);
  g_assert_cmpstr (after->code, ==, "C-0001");
  g_assert_null (after->discharge_date);
  g_assert_cmpint (count (fixture), ==, 2);
  g_assert_cmpint (test_query_int (handle_of (fixture), "SELECT count(*) FROM goals"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/client-store/code/assigned", test_codes_assigned);
  ADD ("/client-store/code/suggestion-skips-custom", test_suggested_code_skips_custom);
  ADD ("/client-store/code/suggestion-avoids-lowercase", test_suggested_code_avoids_lowercase);
  ADD ("/client-store/code/suggestion-huge-number", test_suggested_code_huge_number);
  ADD ("/client-store/code/duplicate", test_duplicate_code);
  ADD ("/client-store/save/invalid-not-written", test_invalid_not_written);
  ADD ("/client-store/save/timestamps", test_update_timestamps);
  ADD ("/client-store/save/trimming", test_trimming);
  ADD ("/client-store/save/text-verbatim", test_text_stored_verbatim);
  ADD ("/client-store/load/missing", test_load_missing);
  ADD ("/client-store/listing", test_listing);
  ADD ("/client-store/archive", test_archive);
  ADD ("/client-store/discharge", test_discharge);
  ADD ("/client-store/reactivate", test_reactivate);
  ADD ("/client-store/goals/add-and-review", test_goals);
  ADD ("/client-store/goals/refusals", test_goal_refusals);
  ADD ("/client-store/changed-signal", test_changed_signal);
  ADD ("/client-store/schema-checks", test_schema_checks);
#undef ADD

  return g_test_run ();
}
