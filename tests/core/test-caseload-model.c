/* test-caseload-model.c
 *
 * AllianceCaseloadModel over the sample caseload: filters, accent- and
 * case-insensitive search, sorting, items-changed bookkeeping, reloading,
 * flags and the "needs attention" list; and the generated caseload being
 * deterministic.
 */
#define G_LOG_DOMAIN "alliance-test-caseload-model"

#include "config.h"

#include <string.h>

#include "alliance-caseload-model.h"
#include "alliance-demo.h"
#include "test-common.h"

typedef struct
{
  AllianceDatabase      *database;
  AllianceClientStore   *store;
  AllianceCaseloadModel *model;

  /* What a view would believe, kept up to date from items-changed alone. */
  guint                  tracked_n_items;
  guint                  n_emissions;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  g_assert_cmpuint (position + removed, <=, fixture->tracked_n_items);
  fixture->tracked_n_items = fixture->tracked_n_items - removed + added;
  g_assert_cmpuint (fixture->tracked_n_items, ==, g_list_model_get_n_items (model));
  fixture->n_emissions++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->store = alliance_client_store_new (fixture->database);
  g_assert_true (alliance_demo_populate_caseload (fixture->store, &error));
  g_assert_no_error (error);

  fixture->model = alliance_caseload_model_new ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 0);
  g_assert_cmpuint (alliance_caseload_model_get_n_clients (fixture->model), ==, 0);
  g_signal_connect (fixture->model, "items-changed", G_CALLBACK (items_changed_cb), fixture);

  g_assert_true (alliance_caseload_model_reload (fixture->model, fixture->store, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->model);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->database);
}

static guint
n_items (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fixture->model));
}

static AllianceClientSummary *
item (Fixture *fixture,
      guint    position)
{
  AllianceClientSummary *summary = g_list_model_get_item (G_LIST_MODEL (fixture->model), position);

  g_assert_true (ALLIANCE_IS_CLIENT_SUMMARY (summary));
  return summary;
}

static char *
display_name_at (Fixture *fixture,
                 guint    position)
{
  g_autoptr(AllianceClientSummary) summary = item (fixture, position);

  return g_strdup (alliance_client_summary_get_display_name (summary));
}

/* The display names now visible, joined with "|", for compact assertions. */
static char *
visible_names (Fixture *fixture)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < n_items (fixture); i++)
    {
      g_autofree char *name = display_name_at (fixture, i);

      if (i > 0)
        g_string_append_c (names, '|');
      g_string_append (names, name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_search (Fixture    *fixture,
               const char *query,
               const char *expected_names)
{
  g_autofree char *names = NULL;

  alliance_caseload_model_set_query (fixture->model, query);
  names = visible_names (fixture);
  g_test_message ("“%s” → %s", query, names);
  g_assert_cmpstr (names, ==, expected_names);
}

static gint64
find_id_by_code (Fixture    *fixture,
                 const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM clients WHERE code = '%s'", code);

  return test_query_int (alliance_database_get_handle (fixture->database), sql);
}

typedef struct
{
  guint per_filter[ALLIANCE_CASELOAD_N_FILTERS];
  guint total;
} ExpectedCounts;

static void
count_listing (const AllianceClientListing *listing,
               gpointer                     user_data)
{
  ExpectedCounts *counts = user_data;

  counts->total++;
  if (listing->archived)
    {
      counts->per_filter[ALLIANCE_CASELOAD_FILTER_ARCHIVED]++;
      return;
    }
  counts->per_filter[ALLIANCE_CASELOAD_FILTER_ALL]++;
  switch (listing->status)
    {
    case ALLIANCE_CLIENT_STATUS_ACTIVE:
      counts->per_filter[ALLIANCE_CASELOAD_FILTER_ACTIVE]++;
      break;
    case ALLIANCE_CLIENT_STATUS_WAITLIST:
      counts->per_filter[ALLIANCE_CASELOAD_FILTER_WAITLIST]++;
      break;
    case ALLIANCE_CLIENT_STATUS_ENQUIRY:
      counts->per_filter[ALLIANCE_CASELOAD_FILTER_ENQUIRY]++;
      break;
    case ALLIANCE_CLIENT_STATUS_ON_HOLD:
      counts->per_filter[ALLIANCE_CASELOAD_FILTER_ON_HOLD]++;
      break;
    case ALLIANCE_CLIENT_STATUS_DISCHARGED:
      counts->per_filter[ALLIANCE_CASELOAD_FILTER_DISCHARGED]++;
      break;
    case ALLIANCE_CLIENT_N_STATUSES:
    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------------- */

static void
test_default_filter (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_assert_cmpint (alliance_caseload_model_get_filter (fixture->model), ==, ALLIANCE_CASELOAD_FILTER_ACTIVE);
  g_assert_cmpuint (n_items (fixture), >, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->model)) == ALLIANCE_TYPE_CLIENT_SUMMARY);

  for (guint i = 0; i < n_items (fixture); i++)
    {
      g_autoptr(AllianceClientSummary) summary = item (fixture, i);

      g_assert_cmpint (alliance_client_summary_get_status (summary), ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
      g_assert_false (alliance_client_summary_get_archived (summary));
      g_assert_cmpint (alliance_client_summary_get_id (summary), ==,
                       alliance_caseload_model_get_client_id (fixture->model, i));
    }

  /* Out of range: nothing, not a crash. */
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->model), n_items (fixture)));
  g_assert_cmpint (alliance_caseload_model_get_client_id (fixture->model, n_items (fixture)), ==, 0);
  g_assert_cmpint (alliance_caseload_model_get_client_id (fixture->model, G_MAXUINT), ==, 0);
}

static void
test_each_filter (Fixture       *fixture,
                  gconstpointer  user_data)
{
  ExpectedCounts expected = { { 0 }, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (alliance_client_store_foreach_listing (fixture->store, count_listing, &expected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (expected.total, ==, alliance_caseload_model_get_n_clients (fixture->model));

  for (guint f = 0; f < ALLIANCE_CASELOAD_N_FILTERS; f++)
    {
      /* Who needs attention depends on flags, tested on its own below. */
      if (f == ALLIANCE_CASELOAD_FILTER_ATTENTION)
        continue;
      alliance_caseload_model_set_filter (fixture->model, (AllianceCaseloadFilter)f);
      g_assert_cmpint (alliance_caseload_model_get_filter (fixture->model), ==, f);
      g_test_message ("filter %s: %u", alliance_caseload_filter_to_string (f), n_items (fixture));
      /* The sample caseload has someone in every list. */
      g_assert_cmpuint (n_items (fixture), >, 0);
      g_assert_cmpuint (n_items (fixture), ==, expected.per_filter[f]);

      for (guint i = 0; i < n_items (fixture); i++)
        {
          g_autoptr(AllianceClientSummary) summary = item (fixture, i);
          gboolean archived = alliance_client_summary_get_archived (summary);
          AllianceClientStatus status = alliance_client_summary_get_status (summary);

          if (f == ALLIANCE_CASELOAD_FILTER_ARCHIVED)
            g_assert_true (archived);
          else
            g_assert_false (archived);
          if (f == ALLIANCE_CASELOAD_FILTER_DISCHARGED)
            g_assert_cmpint (status, ==, ALLIANCE_CLIENT_STATUS_DISCHARGED);
          else if (f == ALLIANCE_CASELOAD_FILTER_WAITLIST)
            g_assert_cmpint (status, ==, ALLIANCE_CLIENT_STATUS_WAITLIST);
          else if (f == ALLIANCE_CASELOAD_FILTER_ENQUIRY)
            g_assert_cmpint (status, ==, ALLIANCE_CLIENT_STATUS_ENQUIRY);
          else if (f == ALLIANCE_CASELOAD_FILTER_ON_HOLD)
            g_assert_cmpint (status, ==, ALLIANCE_CLIENT_STATUS_ON_HOLD);
        }
    }

  /* Every client is somewhere: "All clients" plus the archive. */
  g_assert_cmpuint (expected.per_filter[ALLIANCE_CASELOAD_FILTER_ALL] + expected.per_filter[ALLIANCE_CASELOAD_FILTER_ARCHIVED],
                    ==, alliance_caseload_model_get_n_clients (fixture->model));
  g_assert_cmpuint (alliance_caseload_model_get_n_clients (fixture->model), ==, 30);
}

static void
test_archived_only_in_archive (Fixture       *fixture,
                               gconstpointer  user_data)
{
  gint64 lukas = find_id_by_code (fixture, "C-0028");
  g_autoptr(AllianceClientSummary) summary = NULL;
  g_autofree char *subtitle = NULL;
  guint position;

  /* Lukas Novák: discharged and archived. */
  for (guint f = 0; f < ALLIANCE_CASELOAD_N_FILTERS; f++)
    {
      alliance_caseload_model_set_filter (fixture->model, (AllianceCaseloadFilter)f);
      position = alliance_caseload_model_find_client (fixture->model, lukas);
      if (f == ALLIANCE_CASELOAD_FILTER_ARCHIVED)
        g_assert_cmpuint (position, <, n_items (fixture));
      else
        g_assert_cmpuint (position, ==, G_MAXUINT);
    }

  alliance_caseload_model_set_filter (fixture->model, ALLIANCE_CASELOAD_FILTER_ARCHIVED);
  position = alliance_caseload_model_find_client (fixture->model, lukas);
  summary = item (fixture, position);
  g_assert_cmpstr (alliance_client_summary_get_display_name (summary), ==, "Lukas Novák");
  g_assert_cmpstr (alliance_client_summary_get_code (summary), ==, "C-0028");
  subtitle = alliance_client_summary_dup_subtitle (summary);
  g_assert_cmpstr (subtitle, ==, "C-0028 · Discharged · Archived");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  alliance_caseload_model_set_filter (fixture->model, ALLIANCE_CASELOAD_FILTER_ALL);

  assert_search (fixture, "zoe", "Zoë Laurent");
  assert_search (fixture, "ZOË", "Zoë Laurent");
  assert_search (fixture, "Zoë", "Zoë Laurent");
  assert_search (fixture, "laurent zo", "Zoë Laurent");
  assert_search (fixture, "  zo   LAURENT ", "Zoë Laurent");
  assert_search (fixture, "c-0001", "Zoë Laurent");
  assert_search (fixture, "C-0001", "Zoë Laurent");
  /* The preferred name finds, and is shown for, Katherine. */
  assert_search (fixture, "kate", "Kate O'Connor-Whitfield");
  assert_search (fixture, "katherine", "Kate O'Connor-Whitfield");
  assert_search (fixture, "o'connor", "Kate O'Connor-Whitfield");
  assert_search (fixture, "nguyen", "Minh Thị Minh Anh");
  assert_search (fixture, "NGUYỄN", "Minh Thị Minh Anh");
  assert_search (fixture, "bjorn akesson", "Björn Åkesson");
  assert_search (fixture, "sigurðsson", "Ólafur Sigurðsson");
  assert_search (fixture, "francois", "François Dubois-Bérubé");
  assert_search (fixture, "zoe hiroshi", "");
  assert_search (fixture, "xyzzy", "");
  g_assert_cmpuint (n_items (fixture), ==, 0);
  g_assert_cmpuint (alliance_caseload_model_find_client (fixture->model, find_id_by_code (fixture, "C-0001")),
                    ==, G_MAXUINT);

  /* An empty query shows the whole list again. */
  alliance_caseload_model_set_query (fixture->model, "");
  g_assert_cmpuint (n_items (fixture), ==, 28);
  alliance_caseload_model_set_query (fixture->model, NULL);
  g_assert_cmpuint (n_items (fixture), ==, 28);
}

static void
test_search_respects_filter (Fixture       *fixture,
                             gconstpointer  user_data)
{
  /* Grace Okafor is discharged: not among the active clients... */
  assert_search (fixture, "okafor", "");
  /* ...but found once the filter includes her, with the query kept. */
  alliance_caseload_model_set_filter (fixture->model, ALLIANCE_CASELOAD_FILTER_DISCHARGED);
  g_assert_cmpuint (n_items (fixture), ==, 1);
  g_assert_cmpint (alliance_caseload_model_get_client_id (fixture->model, 0), ==, find_id_by_code (fixture, "C-0025"));
  /* Archived clients are searchable in the archive. */
  alliance_caseload_model_set_filter (fixture->model, ALLIANCE_CASELOAD_FILTER_ARCHIVED);
  assert_search (fixture, "emilie", "Émilie Gagnon");
}

static void
test_items_changed (Fixture       *fixture,
                    gconstpointer  user_data)
{
  guint emissions;

  /* The reload in set-up already announced the active clients. */
  g_assert_cmpuint (fixture->n_emissions, ==, 1);
  g_assert_cmpuint (fixture->tracked_n_items, ==, n_items (fixture));
  g_assert_cmpuint (fixture->tracked_n_items, >, 0);

  alliance_caseload_model_set_query (fixture->model, "zoe");
  g_assert_cmpuint (fixture->n_emissions, ==, 2);
  g_assert_cmpuint (fixture->tracked_n_items, ==, 1);

  /* The same words, typed differently, change nothing. */
  emissions = fixture->n_emissions;
  alliance_caseload_model_set_query (fixture->model, "ZOË");
  alliance_caseload_model_set_query (fixture->model, " zoe ");
  g_assert_cmpuint (fixture->n_emissions, ==, emissions);

  alliance_caseload_model_set_query (fixture->model, "xyzzy");
  g_assert_cmpuint (fixture->tracked_n_items, ==, 0);

  /* Empty to empty: no signal at all. */
  emissions = fixture->n_emissions;
  alliance_caseload_model_set_filter (fixture->model, ALLIANCE_CASELOAD_FILTER_WAITLIST);
  g_assert_cmpuint (fixture->n_emissions, ==, emissions);

  alliance_caseload_model_set_query (fixture->model, "");
  g_assert_cmpuint (fixture->tracked_n_items, ==, n_items (fixture));
  g_assert_cmpuint (n_items (fixture), >, 0);

  /* Setting the filter it already has is not a change. */
  emissions = fixture->n_emissions;
  alliance_caseload_model_set_filter (fixture->model, ALLIANCE_CASELOAD_FILTER_WAITLIST);
  alliance_caseload_model_set_sort (fixture->model, ALLIANCE_CASELOAD_SORT_NAME);
  g_assert_cmpuint (fixture->n_emissions, ==, emissions);

  for (guint f = 0; f < ALLIANCE_CASELOAD_N_FILTERS; f++)
    {
      alliance_caseload_model_set_filter (fixture->model, (AllianceCaseloadFilter)f);
      alliance_caseload_model_set_sort (fixture->model, f % 2 ? ALLIANCE_CASELOAD_SORT_CODE : ALLIANCE_CASELOAD_SORT_NAME);
      g_assert_cmpuint (fixture->tracked_n_items, ==, n_items (fixture));
    }
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  user_data)
{
  gint64 zoe = find_id_by_code (fixture, "C-0001");
  gint64 mateo = find_id_by_code (fixture, "C-0002");
  gint64 hiroshi = find_id_by_code (fixture, "C-0016");
  g_autoptr(GError) error = NULL;

  alliance_caseload_model_set_filter (fixture->model, ALLIANCE_CASELOAD_FILTER_ALL);

  /* By name means by family name: Laurent before Tanaka, although Hiroshi
   * comes before Zoë; García before Laurent. */
  alliance_caseload_model_set_sort (fixture->model, ALLIANCE_CASELOAD_SORT_NAME);
  g_assert_cmpuint (alliance_caseload_model_find_client (fixture->model, zoe), <,
                    alliance_caseload_model_find_client (fixture->model, hiroshi));
  g_assert_cmpuint (alliance_caseload_model_find_client (fixture->model, mateo), <,
                    alliance_caseload_model_find_client (fixture->model, zoe));

  for (guint i = 1; i < n_items (fixture); i++)
    {
      g_autoptr(AllianceClient) previous = alliance_client_store_load (
        fixture->store, alliance_caseload_model_get_client_id (fixture->model, i - 1), &error);
      g_autoptr(AllianceClient) current = alliance_client_store_load (
        fixture->store, alliance_caseload_model_get_client_id (fixture->model, i), &error);
      g_autofree char *previous_key = g_strconcat (previous->family_name, "\t", previous->given_name, NULL);
      g_autofree char *current_key = g_strconcat (current->family_name, "\t", current->given_name, NULL);

      g_assert_no_error (error);
      g_assert_cmpint (g_utf8_collate (previous_key, current_key), <=, 0);
    }

  /* By code: C-0001, C-0002, ... */
  alliance_caseload_model_set_sort (fixture->model, ALLIANCE_CASELOAD_SORT_CODE);
  g_assert_cmpuint (alliance_caseload_model_find_client (fixture->model, zoe), ==, 0);
  g_assert_cmpuint (alliance_caseload_model_find_client (fixture->model, mateo), ==, 1);
  g_assert_cmpuint (alliance_caseload_model_find_client (fixture->model, hiroshi), >,
                    alliance_caseload_model_find_client (fixture->model, mateo));
  for (guint i = 1; i < n_items (fixture); i++)
    {
      g_autoptr(AllianceClientSummary) previous = item (fixture, i - 1);
      g_autoptr(AllianceClientSummary) current = item (fixture, i);

      g_assert_cmpstr (alliance_client_summary_get_code (previous), <, alliance_client_summary_get_code (current));
    }

  /* Sorting keeps the query. */
  alliance_caseload_model_set_query (fixture->model, "laurent");
  alliance_caseload_model_set_sort (fixture->model, ALLIANCE_CASELOAD_SORT_NAME);
  g_assert_cmpuint (n_items (fixture), ==, 1);
  g_assert_cmpint (alliance_caseload_model_get_client_id (fixture->model, 0), ==, zoe);
}

static void
test_code_sort_is_numeric (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(AllianceClient) nine = test_client_new ("Nine", "Short");
  g_autoptr(AllianceClient) ten = test_client_new ("Ten", "Short");
  g_autoptr(GError) error = NULL;

  nine->code = g_strdup ("X-9");
  ten->code = g_strdup ("X-10");
  g_assert_true (alliance_client_store_save (fixture->store, ten, NULL, &error));
  g_assert_true (alliance_client_store_save (fixture->store, nine, NULL, &error));
  g_assert_true (alliance_caseload_model_reload (fixture->model, fixture->store, &error));
  g_assert_no_error (error);

  alliance_caseload_model_set_sort (fixture->model, ALLIANCE_CASELOAD_SORT_CODE);
  g_assert_cmpuint (alliance_caseload_model_find_client (fixture->model, nine->id), <,
                    alliance_caseload_model_find_client (fixture->model, ten->id));
}

static void
test_items (Fixture       *fixture,
            gconstpointer  user_data)
{
  gint64 kate = find_id_by_code (fixture, "C-0004");
  gint64 zoe = find_id_by_code (fixture, "C-0001");
  g_autoptr(AllianceClientSummary) summary = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *property_name = NULL;
  g_autofree char *property_subtitle = NULL;
  gint64 property_id = 0;
  guint position;

  position = alliance_caseload_model_find_client (fixture->model, kate);
  g_assert_cmpuint (position, <, n_items (fixture));
  g_assert_cmpint (alliance_caseload_model_get_client_id (fixture->model, position), ==, kate);

  summary = item (fixture, position);
  g_assert_cmpint (alliance_client_summary_get_id (summary), ==, kate);
  g_assert_cmpstr (alliance_client_summary_get_code (summary), ==, "C-0004");
  g_assert_cmpstr (alliance_client_summary_get_display_name (summary), ==, "Kate O'Connor-Whitfield");
  g_assert_cmpint (alliance_client_summary_get_status (summary), ==, ALLIANCE_CLIENT_STATUS_ACTIVE);
  g_assert_false (alliance_client_summary_get_archived (summary));
  subtitle = alliance_client_summary_dup_subtitle (summary);
  g_assert_cmpstr (subtitle, ==, "C-0004 · Active");

  /* The same values through properties, as a list item factory binds them. */
  g_object_get (summary, "id", &property_id, "display-name", &property_name, "subtitle", &property_subtitle, NULL);
  g_assert_cmpint (property_id, ==, kate);
  g_assert_cmpstr (property_name, ==, "Kate O'Connor-Whitfield");
  g_assert_cmpstr (property_subtitle, ==, subtitle);
  g_clear_object (&summary);

  /* Without a preferred name, the given name. */
  summary = item (fixture, alliance_caseload_model_find_client (fixture->model, zoe));
  g_assert_cmpstr (alliance_client_summary_get_display_name (summary), ==, "Zoë Laurent");
}

static void
test_reload (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(AllianceClient) client = test_client_new ("Zed", "Zimmermann");
  g_autoptr(GError) error = NULL;
  guint before = n_items (fixture);
  guint clients_before = alliance_caseload_model_get_n_clients (fixture->model);

  g_assert_true (alliance_client_store_save (fixture->store, client, NULL, &error));
  g_assert_no_error (error);

  /* The model is a snapshot until reloaded. */
  g_assert_cmpuint (alliance_caseload_model_find_client (fixture->model, client->id), ==, G_MAXUINT);
  g_assert_true (alliance_caseload_model_reload (fixture->model, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (fixture), ==, before + 1);
  g_assert_cmpuint (alliance_caseload_model_get_n_clients (fixture->model), ==, clients_before + 1);
  g_assert_cmpuint (alliance_caseload_model_find_client (fixture->model, client->id), <, n_items (fixture));
  g_assert_cmpuint (fixture->tracked_n_items, ==, n_items (fixture));

  /* Reloading keeps the query and the filter. */
  alliance_caseload_model_set_query (fixture->model, "zimmermann");
  g_assert_cmpuint (n_items (fixture), ==, 1);
  g_assert_true (alliance_client_store_discharge (fixture->store, client->id, "2024-05-01", "Moved away",
                                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_true (alliance_caseload_model_reload (fixture->model, fixture->store, &error));
  g_assert_cmpuint (n_items (fixture), ==, 0);
  alliance_caseload_model_set_filter (fixture->model, ALLIANCE_CASELOAD_FILTER_DISCHARGED);
  g_assert_cmpuint (n_items (fixture), ==, 1);
  g_assert_cmpint (alliance_caseload_model_get_client_id (fixture->model, 0), ==, client->id);
  g_assert_cmpuint (fixture->tracked_n_items, ==, n_items (fixture));
}

static void
test_reload_failure_keeps_rows (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint before = n_items (fixture);
  guint emissions = fixture->n_emissions;
  g_autofree char *names_before = visible_names (fixture);
  g_autofree char *names_after = NULL;

  /* Make reading the caseload fail. */
  g_assert_cmpint (sqlite3_exec (alliance_database_get_handle (fixture->database),
                                 "PRAGMA foreign_keys = OFF; DROP TABLE goals; DROP TABLE clients;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_false (alliance_caseload_model_reload (fixture->model, fixture->store, &error));
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FAILED);

  g_assert_cmpuint (n_items (fixture), ==, before);
  g_assert_cmpuint (fixture->n_emissions, ==, emissions);
  names_after = visible_names (fixture);
  g_assert_cmpstr (names_after, ==, names_before);
  alliance_caseload_model_set_query (fixture->model, "zoe");
  g_assert_cmpuint (n_items (fixture), ==, 1);
}

static void
test_filter_strings (void)
{
  for (guint f = 0; f < ALLIANCE_CASELOAD_N_FILTERS; f++)
    {
      const char *text = alliance_caseload_filter_to_string ((AllianceCaseloadFilter)f);

      g_assert_cmpint (alliance_caseload_filter_from_string (text), ==, f);
      g_assert_cmpstr (alliance_caseload_filter_get_label ((AllianceCaseloadFilter)f), !=, "");
    }
  g_assert_cmpstr (alliance_caseload_filter_to_string (ALLIANCE_CASELOAD_FILTER_ARCHIVED), ==, "archived");
  g_assert_cmpint (alliance_caseload_filter_from_string ("bogus"), ==, ALLIANCE_CASELOAD_FILTER_ACTIVE);
  g_assert_cmpint (alliance_caseload_filter_from_string (NULL), ==, ALLIANCE_CASELOAD_FILTER_ACTIVE);
}

/* ---------------------------------------------------------------------- */
/* Flags */

static void
test_flag_free (AllianceFlag *flag)
{
  g_free (flag->reason);
  g_free (flag->since);
  g_free (flag);
}

/* Flags as the engine would make them: @n_flags flags, the first of
 * @severity and the rest notices. */
static AllianceClientFlags *
make_flags (gint64               client_id,
            AllianceFlagSeverity severity,
            guint                n_flags)
{
  static const char *ids[] = { ALLIANCE_FLAG_RISK_ITEM, ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF,
                               ALLIANCE_FLAG_RUPTURE_UNREPAIRED };
  AllianceClientFlags *flags = g_new0 (AllianceClientFlags, 1);

  g_assert_cmpuint (n_flags, <=, G_N_ELEMENTS (ids));
  flags->client_id = client_id;
  flags->flags = g_ptr_array_new_with_free_func ((GDestroyNotify)test_flag_free);
  for (guint i = 0; i < n_flags; i++)
    {
      AllianceFlag *flag = g_new0 (AllianceFlag, 1);

      flag->id = ids[i];
      flag->severity = i == 0 ? severity : ALLIANCE_FLAG_SEVERITY_NOTICE;
      flag->reason = g_strdup_printf ("Reason %u", i);
      g_ptr_array_add (flags->flags, flag);
    }
  flags->max_severity = n_flags > 0 ? severity : ALLIANCE_FLAG_SEVERITY_NONE;
  flags->has_alliance = TRUE;
  flags->alliance_total = 22;
  flags->alliance_max = 30;
  flags->alliance_measure_key = g_strdup ("alliance-check");
  return flags;
}

static GHashTable *
new_flags_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)alliance_client_flags_free);
}

static void
add_flags (GHashTable          *table,
           AllianceClientFlags *flags)
{
  g_hash_table_insert (table, g_memdup2 (&flags->client_id, sizeof (gint64)), flags);
}

static char *
visible_codes (Fixture *fixture)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < n_items (fixture); i++)
    {
      g_autoptr(AllianceClientSummary) summary = item (fixture, i);

      if (i > 0)
        g_string_append_c (codes, '|');
      g_string_append (codes, alliance_client_summary_get_code (summary));
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static void
test_attention (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GHashTable) table = new_flags_table ();
  g_autofree char *codes = NULL;
  g_autofree char *by_code = NULL;

  /* Nothing computed yet: nobody is listed, and that is not an error. */
  alliance_caseload_model_set_filter (fixture->model, ALLIANCE_CASELOAD_FILTER_ATTENTION);
  g_assert_cmpuint (n_items (fixture), ==, 0);

  add_flags (table, make_flags (find_id_by_code (fixture, "C-0003"), ALLIANCE_FLAG_SEVERITY_WARNING, 1));
  add_flags (table, make_flags (find_id_by_code (fixture, "C-0001"), ALLIANCE_FLAG_SEVERITY_WARNING, 2));
  add_flags (table, make_flags (find_id_by_code (fixture, "C-0005"), ALLIANCE_FLAG_SEVERITY_URGENT, 1));
  add_flags (table, make_flags (find_id_by_code (fixture, "C-0002"), ALLIANCE_FLAG_SEVERITY_NOTICE, 1));
  add_flags (table, make_flags (find_id_by_code (fixture, "C-0004"), ALLIANCE_FLAG_SEVERITY_NONE, 0));
  /* Archived clients stay out of every list but the archive. */
  add_flags (table, make_flags (find_id_by_code (fixture, "C-0028"), ALLIANCE_FLAG_SEVERITY_URGENT, 3));
  alliance_caseload_model_set_flags (fixture->model, table);

  /* Most severe first, then the most flags, then by name. */
  codes = visible_codes (fixture);
  g_assert_cmpstr (codes, ==, "C-0005|C-0001|C-0003|C-0002");
  /* Counted without the client with no flag and the archived one. */
  g_assert_cmpuint (alliance_caseload_model_get_n_flagged (fixture->model), ==, 4);

  /* The model copied the table: the caller's is its own again. */
  g_hash_table_remove_all (table);
  g_assert_cmpuint (n_items (fixture), ==, 4);

  /* Equal severity and count: the current sort decides. */
  alliance_caseload_model_update_client_flags (fixture->model, find_id_by_code (fixture, "C-0001"),
                                               make_flags (find_id_by_code (fixture, "C-0001"),
                                                           ALLIANCE_FLAG_SEVERITY_WARNING, 1));
  alliance_caseload_model_set_sort (fixture->model, ALLIANCE_CASELOAD_SORT_CODE);
  by_code = visible_codes (fixture);
  g_assert_cmpstr (by_code, ==, "C-0005|C-0001|C-0003|C-0002");

  /* One client recomputed: they leave the list, and the search still applies. */
  alliance_caseload_model_update_client_flags (fixture->model, find_id_by_code (fixture, "C-0005"), NULL);
  g_assert_cmpuint (n_items (fixture), ==, 3);
  g_assert_cmpuint (alliance_caseload_model_get_n_flagged (fixture->model), ==, 3);
  g_assert_null (alliance_caseload_model_get_client_flags (fixture->model, find_id_by_code (fixture, "C-0005")));
  alliance_caseload_model_update_client_flags (fixture->model, find_id_by_code (fixture, "C-0004"),
                                               make_flags (find_id_by_code (fixture, "C-0004"),
                                                           ALLIANCE_FLAG_SEVERITY_URGENT, 1));
  g_assert_cmpint (alliance_caseload_model_get_client_id (fixture->model, 0), ==,
                   find_id_by_code (fixture, "C-0004"));
  g_assert_cmpuint (alliance_caseload_model_get_n_flagged (fixture->model), ==, 4);
  /* An archived client's new flags change nothing in the count. */
  alliance_caseload_model_update_client_flags (fixture->model, find_id_by_code (fixture, "C-0028"), NULL);
  g_assert_cmpuint (alliance_caseload_model_get_n_flagged (fixture->model), ==, 4);
  /* Archived since: counted out at the reload. */
  g_assert_true (alliance_client_store_set_archived (fixture->store, find_id_by_code (fixture, "C-0003"), TRUE, NULL));
  g_assert_true (alliance_caseload_model_reload (fixture->model, fixture->store, NULL));
  g_assert_cmpuint (alliance_caseload_model_get_n_flagged (fixture->model), ==, 3);
  alliance_caseload_model_set_query (fixture->model, "C-0001");
  g_assert_cmpuint (n_items (fixture), ==, 1);

  /* Cleared: nobody needs attention. */
  alliance_caseload_model_set_query (fixture->model, "");
  alliance_caseload_model_set_flags (fixture->model, NULL);
  g_assert_cmpuint (n_items (fixture), ==, 0);
  g_assert_cmpuint (fixture->tracked_n_items, ==, 0);
  g_assert_cmpuint (alliance_caseload_model_get_n_flagged (fixture->model), ==, 0);
}

static void
test_item_flags (Fixture       *fixture,
                 gconstpointer  user_data)
{
  gint64 id = find_id_by_code (fixture, "C-0001");
  g_autoptr(AllianceClientSummary) before = NULL;
  g_autoptr(AllianceClientSummary) after = NULL;
  const AllianceClientFlags *flags;
  guint position;
  guint n_emissions;

  alliance_caseload_model_set_filter (fixture->model, ALLIANCE_CASELOAD_FILTER_ALL);
  position = alliance_caseload_model_find_client (fixture->model, id);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  before = item (fixture, position);
  g_assert_null (alliance_caseload_item_get_flags (before));

  /* Recomputing one client changes their row alone. */
  n_emissions = fixture->n_emissions;
  alliance_caseload_model_update_client_flags (fixture->model, id, make_flags (id, ALLIANCE_FLAG_SEVERITY_URGENT, 2));
  g_assert_cmpuint (fixture->n_emissions, ==, n_emissions + 1);
  g_assert_cmpuint (alliance_caseload_model_find_client (fixture->model, id), ==, position);

  after = item (fixture, position);
  flags = alliance_caseload_item_get_flags (after);
  g_assert_nonnull (flags);
  g_assert_cmpint (flags->max_severity, ==, ALLIANCE_FLAG_SEVERITY_URGENT);
  g_assert_cmpuint (flags->flags->len, ==, 2);
  g_assert_cmpstr (((AllianceFlag *)g_ptr_array_index (flags->flags, 1))->reason, ==, "Reason 1");
  g_assert_cmpfloat (flags->alliance_total, ==, 22);

  /* The item keeps its copy after the model moves on. */
  alliance_caseload_model_update_client_flags (fixture->model, id, NULL);
  g_assert_cmpuint (flags->flags->len, ==, 2);
  g_assert_null (alliance_caseload_model_get_client_flags (fixture->model, id));

  /* Flags survive a reload: they belong to the client, not the row. */
  alliance_caseload_model_update_client_flags (fixture->model, id, make_flags (id, ALLIANCE_FLAG_SEVERITY_NOTICE, 1));
  g_assert_true (alliance_caseload_model_reload (fixture->model, fixture->store, NULL));
  g_assert_nonnull (alliance_caseload_model_get_client_flags (fixture->model, id));
}

/* ---------------------------------------------------------------------- */
/* The generated caseload */

static void
collect_listing (const AllianceClientListing *listing,
                 gpointer                     user_data)
{
  GString *out = user_data;

  g_string_append_printf (out, "%s|%s|%s|%s|%d\n", listing->code, listing->given_name, listing->family_name,
                          alliance_client_status_to_string (listing->status), listing->archived);
}

static char *
generate (guint   n_clients,
          guint32 seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open_in_memory (&error);
  g_autoptr(AllianceClientStore) store = alliance_client_store_new (database);
  g_autoptr(AllianceCaseloadModel) model = alliance_caseload_model_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (alliance_demo_generate_caseload (store, n_clients, seed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alliance_client_store_count (store, NULL), ==, n_clients);

  g_assert_true (alliance_caseload_model_reload (model, store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alliance_caseload_model_get_n_clients (model), ==, n_clients);

  g_assert_true (alliance_client_store_foreach_listing (store, collect_listing, out, &error));
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_generated_caseload (void)
{
  g_autofree char *first = generate (2000, 42);
  g_autofree char *second = generate (2000, 42);
  g_autofree char *other_seed = generate (2000, 43);
  g_auto(GStrv) lines = g_strsplit (first, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 2001);   /* and the empty string after the last \n */
  g_assert_true (g_str_has_prefix (lines[0], "C-0001|"));
  g_assert_true (g_str_has_prefix (lines[1999], "C-2000|"));
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, !=, other_seed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/caseload-model/filter/default-active", test_default_filter);
  ADD ("/caseload-model/filter/each", test_each_filter);
  ADD ("/caseload-model/filter/archived-only-in-archive", test_archived_only_in_archive);
  ADD ("/caseload-model/search/accents-case-terms", test_search);
  ADD ("/caseload-model/search/respects-filter", test_search_respects_filter);
  ADD ("/caseload-model/items-changed", test_items_changed);
  ADD ("/caseload-model/sort/name-and-code", test_sort);
  ADD ("/caseload-model/sort/code-numeric", test_code_sort_is_numeric);
  ADD ("/caseload-model/items", test_items);
  ADD ("/caseload-model/reload/picks-up-changes", test_reload);
  ADD ("/caseload-model/reload/failure-keeps-rows", test_reload_failure_keeps_rows);
  ADD ("/caseload-model/flags/attention", test_attention);
  ADD ("/caseload-model/flags/items", test_item_flags);
#undef ADD
  g_test_add_func ("/caseload-model/filter/strings", test_filter_strings);
  g_test_add_func ("/caseload-model/generated/deterministic", test_generated_caseload);

  return g_test_run ();
}
