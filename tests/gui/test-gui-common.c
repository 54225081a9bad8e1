/* test-gui-common.c */
#define G_LOG_DOMAIN "alliance-test-gui"

#include "config.h"

#include <string.h>

#include "alliance-demo.h"
#include "test-gui-common.h"

void
test_gui_init (int    *argc,
               char ***argv)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides XDG_DATA_DIRS and with it the
   * MIME database GTK needs to load its SVG icons. The windows under test
   * get in-memory stores, and GSettings is the memory backend. */
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
}

void
test_gui_iterate (void)
{
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until @condition holds, failing after 30 seconds (a
 * passphrase check takes a second or more on a busy machine). */
void
test_gui_wait_until (gboolean (*condition) (gpointer data),
                     gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

gpointer
test_gui_child (GtkWidget  *widget,
                GType       template_type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (widget, template_type, name);

  g_assert_nonnull (child);
  return child;
}

AllianceClientStore *
test_gui_empty_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceDatabase) database = alliance_database_open_in_memory (&error);

  g_assert_no_error (error);
  return alliance_client_store_new (database);
}

AllianceClientStore *
test_gui_demo_store (void)
{
  g_autoptr(GError) error = NULL;
  AllianceClientStore *store = test_gui_empty_store ();

  g_assert_true (alliance_demo_populate_caseload (store, &error));
  g_assert_no_error (error);
  return store;
}

static gboolean
has_visible_text (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      return title != NULL && title[0] != '\0';
    }
  return FALSE;
}

/* Parts inside these are named by the composite control itself. */
static gboolean
is_part_of_composite (GtkWidget *widget)
{
  static GType composites[7];

  composites[0] = GTK_TYPE_MENU_BUTTON;
  composites[1] = GTK_TYPE_DROP_DOWN;
  composites[2] = GTK_TYPE_SEARCH_ENTRY;
  composites[3] = GTK_TYPE_WINDOW_CONTROLS;
  composites[4] = ADW_TYPE_ENTRY_ROW;
  composites[5] = ADW_TYPE_COMBO_ROW;
  composites[6] = GTK_TYPE_SPIN_BUTTON;

  for (GtkWidget *parent = gtk_widget_get_parent (widget); parent; parent = gtk_widget_get_parent (parent))
    for (guint i = 0; i < G_N_ELEMENTS (composites); i++)
      if (G_TYPE_CHECK_INSTANCE_TYPE (parent, composites[i]))
        return TRUE;
  return FALSE;
}

/* Every control a person can operate must have a name a screen reader
 * can say: its visible text, or an accessible label. Returns how many
 * controls it checked, so a test can tell it looked at something. */
guint
test_gui_assert_labelled (GtkWidget *root)
{
  guint n_checked = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      gboolean is_control = GTK_IS_BUTTON (child) || GTK_IS_MENU_BUTTON (child) || GTK_IS_SEARCH_ENTRY (child) ||
                            GTK_IS_DROP_DOWN (child) || ADW_IS_ENTRY_ROW (child) || ADW_IS_COMBO_ROW (child);

      if (is_control && !is_part_of_composite (child))
        {
          if (!has_visible_text (child) &&
              !gtk_test_accessible_has_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL))
            g_error ("A %s has no accessible label", G_OBJECT_TYPE_NAME (child));
          n_checked++;
        }
      n_checked += test_gui_assert_labelled (child);
    }
  return n_checked;
}

/* The first visible toplevel of @type, or NULL. */
gpointer
test_gui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

guint
test_gui_count_visible_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      n += gtk_widget_get_visible (window);
    }
  return n;
}

/* The visible message dialog over @parent (NULL: over any window) with
 * @heading (NULL: any), or NULL. */
AdwMessageDialog *
test_gui_find_dialog (GtkWindow  *parent,
                      const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (!ADW_IS_MESSAGE_DIALOG (window) || !gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      if (parent != NULL && gtk_window_get_transient_for (GTK_WINDOW (window)) != parent)
        continue;
      if (heading != NULL && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) != 0)
        continue;
      return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* The first widget of @type below @widget, depth first. */
gpointer
test_gui_find_descendant (GtkWidget *widget,
                          GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      gpointer found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = test_gui_find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The button below @widget labelled @label (NULL: the first button), as a
 * pointer or a key press would reach it. */
GtkButton *
test_gui_find_button (GtkWidget  *widget,
                      const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found;

      if (GTK_IS_BUTTON (child) && (label == NULL || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0))
        return GTK_BUTTON (child);
      if ((found = test_gui_find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label at or below @widget shows @text, among other words. */
gboolean
test_gui_has_label_with (GtkWidget  *widget,
                         const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (test_gui_has_label_with (child, text))
      return TRUE;
  return FALSE;
}

static GtkFileChooser *
find_file_chooser (void)
{
  return test_gui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

static gboolean
has_file_chooser (gpointer data)
{
  return find_file_chooser () != NULL;
}

static gboolean
has_no_file_chooser (gpointer data)
{
  return find_file_chooser () == NULL;
}

static gboolean
has_current_folder (gpointer chooser)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (chooser);

  return folder != NULL;
}

/* The file chooser (GTK's own, without a portal) once it is on screen and
 * showing its first folder: changing folders while that one loads cancels
 * it, and the chooser then says it could not show it. */
GtkFileChooser *
test_gui_wait_for_file_chooser (void)
{
  test_gui_wait_until (has_file_chooser, NULL);
  test_gui_wait_until (has_current_folder, find_file_chooser ());
  test_gui_iterate ();
  return find_file_chooser ();
}

/* Chooses @name in @folder in the file chooser and accepts, as its button
 * does; returns once the chooser has answered and gone (it first checks
 * whether the file exists). */
void
test_gui_choose_file (const char *folder,
                      const char *name)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser = test_gui_wait_for_file_chooser ();

  g_assert_true (gtk_file_chooser_set_current_folder (chooser, file, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  test_gui_wait_until (has_no_file_chooser, NULL);
  test_gui_iterate ();
}
