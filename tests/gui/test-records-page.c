/* test-records-page.c
 *
 * Preferences → Records: a discharged client past retention is listed
 * with their code and dates; Dispose… asks first, naming the client and
 * saying it cannot be undone; Cancel keeps everything; confirming removes
 * the client and adds a row to the register; the number of years is the
 * GSettings key and changes the list.
 */
#define G_LOG_DOMAIN "alliance-test-records-page"

#include "config.h"

#include <string.h>

#include "alliance-preferences-window.h"
#include "alliance-records-page.h"
#include "test-gui-common.h"

/* The visible row titled @title under @widget, or NULL. */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *row = find_row (child, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_button (child);

      if (button != NULL)
        return button;
    }
  return NULL;
}

static gint64
add_client (AllianceClientStore *store,
            const char          *given_name,
            const char          *family_name,
            const char          *discharged)
{
  g_autoptr(AllianceClient) client = alliance_client_new ();
  g_autoptr(GError) error = NULL;

  client->given_name = g_strdup (given_name);
  client->family_name = g_strdup (family_name);
  client->status = ALLIANCE_CLIENT_STATUS_ACTIVE;
  client->start_date = g_strdup ("2009-01-05");
  g_assert_true (alliance_client_store_save (store, client, NULL, &error));
  g_assert_no_error (error);
  if (discharged != NULL)
    {
      g_assert_true (alliance_client_store_discharge (store, client->id, discharged, "", NULL, &error));
      g_assert_no_error (error);
    }
  return client->id;
}

static AdwMessageDialog *
click_dispose (GtkWidget  *window,
               const char *title)
{
  AdwActionRow *row = find_row (window, title);
  GtkWidget *button;
  AdwMessageDialog *dialog;

  g_assert_nonnull (row);
  button = find_button (GTK_WIDGET (row));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  test_gui_iterate ();
  dialog = test_gui_find_message_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

static void
test_dispose (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(AllianceClientStore) store = test_gui_empty_store ();
  g_autoptr(AllianceClient) gone = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *page;
  AdwMessageDialog *dialog;
  AdwActionRow *row;
  gint64 old, active;

  g_settings_reset (settings, "retention-years");
  old = add_client (store, "Odile", "Oldfield", "2010-03-01");
  active = add_client (store, "Ada", "Active", NULL);
  add_client (store, "Rhea", "Recent", "2025-03-01");

  window = alliance_preferences_window_new (NULL);
  page = alliance_records_page_new (store);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  test_gui_assert_labelled (page);

  /* Only the client past retention, with their code and dates. */
  row = find_row (window, "Odile Oldfield");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "C-0001"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "2020"));
  g_assert_null (find_row (window, "Ada Active"));
  g_assert_null (find_row (window, "Rhea Recent"));
  g_assert_nonnull (find_row (window, "Nothing disposed of yet"));
  g_assert_null (find_row (window, "No records are past their retention date"));

  /* Asked first, naming the client; Cancel keeps everything. */
  dialog = click_dispose (window, "Odile Oldfield");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Odile Oldfield"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "C-0001"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be undone"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "notes"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "dispose"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  adw_message_dialog_response (dialog, "cancel");
  test_gui_iterate ();
  g_assert_nonnull (find_row (window, "Odile Oldfield"));
  g_assert_cmpint (alliance_client_store_count (store, NULL), ==, 3);

  /* Confirmed: gone from the records and the list, in the register. */
  dialog = click_dispose (window, "Odile Oldfield");
  adw_message_dialog_response (dialog, "dispose");
  test_gui_iterate ();
  gone = alliance_client_store_load (store, old, &error);
  g_assert_null (gone);
  g_assert_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (alliance_client_store_count (store, NULL), ==, 2);
  g_assert_null (find_row (window, "Odile Oldfield"));
  g_assert_nonnull (find_row (window, "No records are past their retention date"));
  row = find_row (window, "C-0001");
  g_assert_nonnull (row);
  g_assert_null (strstr (adw_action_row_get_subtitle (row), "Odile"));
  g_assert_null (find_row (window, "Nothing disposed of yet"));

  /* The number of years is the preference, and the list follows it. */
  g_settings_set_int (settings, "retention-years", 1);
  test_gui_iterate ();
  g_assert_nonnull (find_row (window, "Rhea Recent"));
  g_settings_reset (settings, "retention-years");
  test_gui_iterate ();
  g_assert_null (find_row (window, "Rhea Recent"));
  (void)active;

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add_func ("/records-page/dispose", test_dispose);

  return g_test_run ();
}
