/* test-audit-window.c
 *
 * The audit log viewer: newest entry first, a page at a time as the list
 * is scrolled, the client's code beside a client's record, and "Verify"
 * saying whether the chain is intact or where it was altered. Opened from
 * the main window's menu.
 */
#define G_LOG_DOMAIN "alliance-test-audit-window"

#include "config.h"

#include <string.h>

#include "alliance-audit-item.h"
#include "alliance-audit-window.h"
#include "alliance-window.h"
#include "test-common.h"
#include "test-gui-common.h"

typedef struct
{
  AllianceDatabase    *database;
  AllianceClientStore *clients;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->database = alliance_database_open_in_memory (&error);
  g_assert_no_error (error);
  fixture->clients = alliance_client_store_new (fixture->database);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(AllianceClient) client = test_client_new ("Ana", "Lima");

      g_assert_true (alliance_client_store_save (fixture->clients, client, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->clients);
  g_assert_finalize_object (fixture->database);
}

static AllianceAuditItem *
item_at (AllianceAuditWindow *window,
         guint                position)
{
  /* The model keeps its own reference. */
  g_autoptr(AllianceAuditItem) item = g_list_model_get_item (alliance_audit_window_get_model (window), position);

  return item;
}

static void
test_lists_newest_first (Fixture       *fixture,
                         gconstpointer  user_data)
{
  AllianceAuditWindow *window = alliance_audit_window_new (fixture->database);
  GListModel *model = alliance_audit_window_get_model (window);
  const AllianceAuditEntry *newest, *oldest;
  g_autofree char *title = NULL;
  g_autofree char *code = test_query_text (alliance_database_get_handle (fixture->database),
                                           "SELECT code FROM clients WHERE id = 3");

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  /* The log's first row and three clients created. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  newest = alliance_audit_item_get_entry (item_at (window, 0));
  oldest = alliance_audit_item_get_entry (item_at (window, 3));
  g_assert_cmpint (newest->id, ==, 4);
  g_assert_cmpint (oldest->id, ==, 1);
  title = alliance_audit_item_dup_title (item_at (window, 0));
  g_assert_cmpstr (title, ==, "Created · Client 3");
  g_assert_cmpstr (alliance_audit_item_get_client_code (item_at (window, 0)), ==, code);
  g_assert_null (alliance_audit_item_get_client_code (item_at (window, 3)));
  g_clear_pointer (&title, g_free);
  title = alliance_audit_item_dup_title (item_at (window, 3));
  g_assert_cmpstr (title, ==, "Created · Audit log");
  /* No name of the client anywhere: the log holds none. */
  g_assert_null (strstr (title, "Ana"));
  g_assert_false (alliance_audit_window_load_more (window));
  g_assert_null (alliance_audit_window_get_status (window));
  test_gui_assert_labelled (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  AllianceAuditWindow *window;
  GListModel *model;
  guint loaded;

  g_assert_true (alliance_database_begin (fixture->database, &error));
  for (guint i = 0; i < 500; i++)
    g_assert_true (alliance_audit_append (fixture->database, ALLIANCE_AUDIT_EXPORT, "export", 0, &error));
  g_assert_true (alliance_database_commit (fixture->database, &error));
  g_assert_no_error (error);

  window = alliance_audit_window_new (fixture->database);
  model = alliance_audit_window_get_model (window);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  /* Only the first page is read on opening; each scroll to the end reads
   * the next, with no entry twice or left out. */
  loaded = g_list_model_get_n_items (model);
  g_assert_cmpuint (loaded, <, 504);
  while (alliance_audit_window_load_more (window))
    {
      g_assert_cmpuint (g_list_model_get_n_items (model), >, loaded);
      loaded = g_list_model_get_n_items (model);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 504);
  for (guint i = 0; i < 504; i++)
    g_assert_cmpint (alliance_audit_item_get_entry (item_at (window, i))->id, ==, 504 - i);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_verify (Fixture       *fixture,
             gconstpointer  user_data)
{
  sqlite3 *handle = alliance_database_get_handle (fixture->database);
  AllianceAuditWindow *window = alliance_audit_window_new (fixture->database);
  GtkWidget *verify_button = test_gui_child (GTK_WIDGET (window), ALLIANCE_TYPE_AUDIT_WINDOW, "verify_button");
  g_autofree char *create = NULL;

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();

  g_signal_emit_by_name (verify_button, "clicked");
  g_assert_cmpstr (alliance_audit_window_get_status (window), ==, "The log is intact (4 entries).");

  /* Entry 3 changed by someone who dropped the trigger and put it back. */
  create = test_query_text (handle, "SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'");
  g_assert_cmpint (sqlite3_exec (handle, "DROP TRIGGER audit_log_no_update;"
                                         "UPDATE audit_log SET entity_id = 99 WHERE id = 3",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, create, NULL, NULL, NULL), ==, SQLITE_OK);
  g_signal_emit_by_name (verify_button, "clicked");
  g_assert_true (g_str_has_prefix (alliance_audit_window_get_status (window), "The log was altered at entry 3:"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
audit_window_open (gpointer data)
{
  GList *windows = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = windows; l != NULL; l = l->next)
    if (ALLIANCE_IS_AUDIT_WINDOW (l->data))
      found = TRUE;
  g_list_free (windows);
  return found;
}

static void
test_opened_from_menu (Fixture       *fixture,
                       gconstpointer  user_data)
{
  AllianceWindow *window = g_object_new (ALLIANCE_TYPE_WINDOW, NULL);
  GList *windows;

  alliance_window_set_store (window, fixture->clients, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-audit-log", NULL));
  test_gui_wait_until (audit_window_open, NULL);

  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (ALLIANCE_IS_AUDIT_WINDOW (l->data))
      {
        g_assert_true (gtk_window_get_transient_for (l->data) == GTK_WINDOW (window));
        g_assert_cmpuint (g_list_model_get_n_items (alliance_audit_window_get_model (l->data)), ==, 4);
        gtk_window_destroy (l->data);
      }
  g_list_free (windows);
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/audit-window/lists-newest-first", test_lists_newest_first);
  ADD ("/audit-window/pages", test_pages);
  ADD ("/audit-window/verify", test_verify);
  ADD ("/audit-window/opened-from-menu", test_opened_from_menu);
#undef ADD

  return g_test_run ();
}
