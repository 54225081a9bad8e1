/* test-lock.c
 *
 * The lock over a real window: Ctrl+L takes the content out of the main
 * window and hides every other window, the title names no client, nothing
 * opens meanwhile; a wrong passphrase is refused (and repeated ones make
 * the next try wait), the right one brings everything back as it was; the
 * idle time locks; without a passphrase nothing locks and Ctrl+L offers
 * to set one; a damaged passphrase file says so. And the Privacy page.
 */
#define G_LOG_DOMAIN "alliance-test-lock"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-audit.h"
#include "alliance-client-editor.h"
#include "alliance-lock-page.h"
#include "alliance-lock-secret.h"
#include "alliance-lock.h"
#include "alliance-privacy-page.h"
#include "alliance-search-window.h"
#include "alliance-window.h"
#include "test-gui-common.h"

#define PASSPHRASE "correct horse battery"

typedef struct
{
  char                *dir;
  char                *secret;
  AllianceClientStore *store;
  AllianceWindow      *window;
  AllianceLock        *lock;
  GPtrArray           *failures;    /* GError from ::lock-failed */
} Fixture;

static void
lock_failed_cb (AllianceLock *lock,
                const GError *error,
                Fixture      *fixture)
{
  g_ptr_array_add (fixture->failures, g_error_copy (error));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  with_passphrase)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("alliance-test-lock-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->secret = g_build_filename (fixture->dir, "alliance", "lock", NULL);
  if (GPOINTER_TO_INT (with_passphrase))
    {
      g_assert_true (alliance_lock_secret_set (fixture->secret, PASSPHRASE, &error));
      g_assert_no_error (error);
    }

  fixture->failures = g_ptr_array_new_with_free_func ((GDestroyNotify)g_error_free);
  fixture->lock = alliance_lock_new (fixture->secret, NULL);
  alliance_lock_set_idle_seconds (fixture->lock, 0);
  g_signal_connect (fixture->lock, "lock-failed", G_CALLBACK (lock_failed_cb), fixture);

  fixture->store = test_gui_demo_store ();
  fixture->window = g_object_new (ALLIANCE_TYPE_WINDOW, NULL);
  alliance_window_set_store (fixture->window, fixture->store, FALSE);
  alliance_window_set_lock (fixture->window, fixture->lock);
  gtk_window_present (GTK_WINDOW (fixture->window));
  test_gui_iterate ();
}

static void
destroy_all_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  test_gui_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  with_passphrase)
{
  g_object_ref (fixture->window);
  destroy_all_windows ();
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->lock);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->failures, g_ptr_array_unref);

  alliance_lock_secret_clear (fixture->secret, NULL);
  {
    g_autofree char *folder = g_path_get_dirname (fixture->secret);

    g_rmdir (folder);
  }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->secret, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Ctrl+L as the window has it bound, without a keyboard. */
static void
press_ctrl_l (GtkWidget *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_l &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_CONTROL_MASK)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, window, NULL));
              test_gui_iterate ();
              return;
            }
        }
    }
  g_error ("No Ctrl+L on a %s", G_OBJECT_TYPE_NAME (window));
}

static GtkWidget *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static GtkWidget *
window_child (Fixture    *fixture,
              const char *name)
{
  return test_gui_child (GTK_WIDGET (fixture->window), ALLIANCE_TYPE_WINDOW, name);
}

static AllianceLockPage *
get_lock_page (Fixture *fixture)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window));

  g_assert_true (ALLIANCE_IS_LOCK_PAGE (content));
  return ALLIANCE_LOCK_PAGE (content);
}

static gpointer
lock_page_child (Fixture    *fixture,
                 const char *name)
{
  return test_gui_child (GTK_WIDGET (get_lock_page (fixture)), ALLIANCE_TYPE_LOCK_PAGE, name);
}

static gboolean
is_unlocked (gpointer data)
{
  return !alliance_lock_get_locked (data);
}

static gboolean
entry_is_editable (gpointer data)
{
  return gtk_editable_get_editable (data);
}

static gboolean
is_checking (gpointer data)
{
  return g_str_equal (gtk_stack_get_visible_child_name (data), "checking");
}

/* Types @passphrase on the lock page, presses Enter, waits for the answer. */
static void
try_passphrase (Fixture    *fixture,
                const char *passphrase)
{
  g_autoptr(AllianceLockPage) page = g_object_ref (get_lock_page (fixture));
  GtkWidget *entry = lock_page_child (fixture, "entry");
  GtkWidget *button = lock_page_child (fixture, "unlock_button");
  GtkStack *button_stack = lock_page_child (fixture, "button_stack");

  test_gui_wait_until (entry_is_editable, entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), passphrase);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (entry, "activate");
  /* The field keeps no copy while the passphrase is checked. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (entry)));
  g_assert_true (is_checking (button_stack));
  while (is_checking (button_stack))
    g_main_context_iteration (NULL, TRUE);
  test_gui_iterate ();
}

static char *
shown_client_name (Fixture *fixture)
{
  AllianceClientPage *page = alliance_window_get_client_page (fixture->window);

  return alliance_client_dup_display_name (alliance_client_page_get_client (page));
}

static void
assert_content_hidden (Fixture    *fixture,
                       const char *client_name)
{
  GtkWidget *content_stack = window_child (fixture, "content_stack");
  const char *title = gtk_window_get_title (GTK_WINDOW (fixture->window));

  g_assert_true (alliance_lock_get_locked (fixture->lock));
  /* Out of the window, not covered: never drawn, never read out. */
  g_assert_false (gtk_widget_get_mapped (content_stack));
  g_assert_true (gtk_widget_get_root (content_stack) != GTK_ROOT (fixture->window));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (alliance_window_get_client_page (fixture->window))));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (get_lock_page (fixture))));
  g_assert_null (strstr (title, client_name));
  g_assert_cmpstr (title, ==, "Alliance — Locked");
  /* Only the main window, showing the lock page. */
  g_assert_cmpuint (test_gui_count_visible_toplevels (), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
}

static void
test_ctrl_l_locks (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *name = NULL;
  GtkWidget *editor;
  GtkWidget *search;
  GtkWidget *late;
  GtkWidget *focus;
  gint64 client_id;

  /* The therapist is with a client, with the editor and a search open. */
  alliance_window_select_client (fixture->window, 3);
  client_id = alliance_window_get_selected_client (fixture->window);
  name = shown_client_name (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-client", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-notes", NULL));
  test_gui_iterate ();
  editor = find_window (ALLIANCE_TYPE_CLIENT_EDITOR);
  search = find_window (ALLIANCE_TYPE_SEARCH_WINDOW);
  g_assert_nonnull (editor);
  g_assert_nonnull (search);
  g_assert_cmpuint (test_gui_count_visible_toplevels (), ==, 3);
  g_assert_nonnull (strstr (adw_window_title_get_title (ADW_WINDOW_TITLE (window_child (fixture, "content_title"))),
                            name));

  focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_nonnull (focus);
  press_ctrl_l (GTK_WIDGET (fixture->window));
  assert_content_hidden (fixture, name);
  g_assert_false (gtk_widget_get_visible (editor));
  g_assert_false (gtk_widget_get_visible (search));
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (get_lock_page (fixture))), >=, 1);
  /* Typing goes to the passphrase field, not to the hidden search. */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                         lock_page_child (fixture, "entry")));
  g_assert_cmpuint (fixture->failures->len, ==, 0);

  /* Nothing opens while locked: not from a shortcut, not from elsewhere. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-client", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-notes", NULL);
  late = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (late));
  test_gui_iterate ();
  g_assert_false (gtk_widget_get_visible (late));
  assert_content_hidden (fixture, name);

  /* Wrong: refused, said, still locked. */
  try_passphrase (fixture, "correct horse batterY");
  assert_content_hidden (fixture, name);
  g_assert_true (gtk_widget_get_visible (lock_page_child (fixture, "message_label")));
  g_assert_cmpstr (gtk_label_get_text (lock_page_child (fixture, "message_label")), ==, "That is not the passphrase.");

  /* Right: back where the therapist was, every window as it was. */
  try_passphrase (fixture, PASSPHRASE);
  test_gui_wait_until (is_unlocked, fixture->lock);
  test_gui_iterate ();
  g_assert_true (adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window)) ==
                 window_child (fixture, "toast_overlay"));
  g_assert_true (gtk_widget_get_mapped (window_child (fixture, "content_stack")));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Alliance");
  g_assert_cmpint (alliance_window_get_selected_client (fixture->window), ==, client_id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window_child (fixture, "content_stack"))), ==,
                   "client");
  {
    g_autofree char *again = shown_client_name (fixture);

    g_assert_cmpstr (again, ==, name);
  }
  g_assert_true (gtk_widget_get_visible (editor));
  g_assert_true (gtk_widget_get_visible (search));
  g_assert_true (gtk_widget_get_visible (late));
  /* Focus is where it was. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (fixture->window)) == focus);
  /* The actions refused while locked opened nothing meanwhile. */
  g_assert_cmpuint (test_gui_count_visible_toplevels (), ==, 4);
  g_assert_true (gtk_widget_is_sensitive (window_child (fixture, "search_entry")));

  /* Ctrl+L in any window locks, too. */
  press_ctrl_l (editor);
  assert_content_hidden (fixture, name);
  g_assert_false (gtk_widget_get_visible (editor));

  /* The audit log has lock, unlock, lock: when, and nothing of who was shown. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) entries =
      alliance_audit_list (alliance_client_store_get_database (fixture->store), 0, 3, &error);
    static const AllianceAuditAction expected[] = { ALLIANCE_AUDIT_LOCK, ALLIANCE_AUDIT_UNLOCK, ALLIANCE_AUDIT_LOCK };

    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 3);
    for (guint i = 0; i < entries->len; i++)
      {
        AllianceAuditEntry *entry = g_ptr_array_index (entries, i);

        g_assert_cmpint (entry->action, ==, expected[i]);
        g_assert_cmpstr (entry->entity_type, ==, "database");
        g_assert_cmpint (entry->entity_id, ==, 0);
      }
  }
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_repeated_failures_wait (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *entry;

  g_assert_true (alliance_lock_lock (fixture->lock, &error));
  g_assert_no_error (error);
  entry = lock_page_child (fixture, "entry");

  for (guint i = 0; i < 3; i++)
    try_passphrase (fixture, "not it at all");
  g_assert_true (alliance_lock_get_locked (fixture->lock));
  g_assert_cmpuint (alliance_lock_get_retry_seconds (fixture->lock), >=, 1);

  /* The field waits, and says for how long. */
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (entry)));
  g_assert_false (gtk_widget_get_sensitive (lock_page_child (fixture, "unlock_button")));
  g_assert_nonnull (strstr (gtk_label_get_text (lock_page_child (fixture, "message_label")), "Try again in 1 second"));

  /* The lock itself refuses an attempt before then, even the right one. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    alliance_lock_unlock_async (fixture->lock, PASSPHRASE, NULL, async_done_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (alliance_lock_unlock_finish (fixture->lock, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_clear_error (&error);
    g_assert_true (alliance_lock_get_locked (fixture->lock));
  }

  /* After the wait the right one works, and the count starts again. */
  try_passphrase (fixture, PASSPHRASE);
  test_gui_wait_until (is_unlocked, fixture->lock);
  g_assert_cmpuint (alliance_lock_get_retry_seconds (fixture->lock), ==, 0);
}

static gboolean
is_locked (gpointer data)
{
  return alliance_lock_get_locked (data);
}

static void
test_idle_locks (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *name = NULL;

  alliance_window_select_client (fixture->window, 2);
  name = shown_client_name (fixture);

  /* A second without input to any window. */
  alliance_lock_set_idle_seconds (fixture->lock, 1);
  test_gui_wait_until (is_locked, fixture->lock);
  test_gui_iterate ();
  assert_content_hidden (fixture, name);
  g_assert_cmpuint (fixture->failures->len, ==, 0);

  /* No idle timer runs while locked; unlocking starts it again. */
  try_passphrase (fixture, PASSPHRASE);
  test_gui_wait_until (is_unlocked, fixture->lock);
  test_gui_wait_until (is_locked, fixture->lock);
}

static gboolean
has_dialog (gpointer data)
{
  return find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_no_passphrase (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const GError *error;
  GtkWidget *dialog;
  gint64 until;

  alliance_window_select_client (fixture->window, 2);
  press_ctrl_l (GTK_WIDGET (fixture->window));
  g_assert_false (alliance_lock_get_locked (fixture->lock));
  g_assert_true (gtk_widget_get_mapped (window_child (fixture, "content_stack")));

  /* Ctrl+L says why, and offers to set one. */
  g_assert_cmpuint (fixture->failures->len, ==, 1);
  error = g_ptr_array_index (fixture->failures, 0);
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_NOT_SET);
  dialog = alliance_lock_page_explain_failure (GTK_WINDOW (fixture->window), error);
  test_gui_wait_until (has_dialog, NULL);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "privacy"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), "privacy"), ==,
                   "_Set Passphrase…");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Set a Passphrase to Lock");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The idle time passes without locking, and without a word. */
  alliance_lock_set_idle_seconds (fixture->lock, 1);
  until = g_get_monotonic_time () + 2500 * 1000;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_false (alliance_lock_get_locked (fixture->lock));
  g_assert_cmpuint (fixture->failures->len, ==, 1);
}

static void
test_damaged_file (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *folder = g_path_get_dirname (fixture->secret);
  const GError *error;
  GtkWidget *dialog;
  gint64 until;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->secret, "not a hash\n", -1, NULL));

  press_ctrl_l (GTK_WIDGET (fixture->window));
  g_assert_false (alliance_lock_get_locked (fixture->lock));
  g_assert_cmpuint (fixture->failures->len, ==, 1);
  error = g_ptr_array_index (fixture->failures, 0);
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_DAMAGED);
  dialog = alliance_lock_page_explain_failure (GTK_WINDOW (fixture->window), error);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Alliance Could Not Lock");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "damaged"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The idle timer says it too, once, not at every idle period. */
  alliance_lock_set_idle_seconds (fixture->lock, 1);
  until = g_get_monotonic_time () + 2500 * 1000;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_false (alliance_lock_get_locked (fixture->lock));
  g_assert_cmpuint (fixture->failures->len, ==, 2);
  error = g_ptr_array_index (fixture->failures, 1);
  g_assert_error (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_DAMAGED);
}

static gpointer
privacy_child (AlliancePrivacyPage *page,
               const char          *name)
{
  return test_gui_child (GTK_WIDGET (page), ALLIANCE_TYPE_PRIVACY_PAGE, name);
}

static gboolean
privacy_saved (gpointer data)
{
  return !gtk_spinner_get_spinning (privacy_child (data, "spinner"));
}

static void
fill (AlliancePrivacyPage *page,
      const char          *current,
      const char          *new_passphrase,
      const char          *repeat)
{
  gtk_editable_set_text (privacy_child (page, "current_row"), current);
  gtk_editable_set_text (privacy_child (page, "new_row"), new_passphrase);
  gtk_editable_set_text (privacy_child (page, "repeat_row"), repeat);
}

static const char *
privacy_message (AlliancePrivacyPage *page)
{
  GtkWidget *label = privacy_child (page, "message_label");

  g_assert_true (gtk_widget_get_visible (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
click (AlliancePrivacyPage *page,
       const char          *button)
{
  g_assert_true (gtk_widget_get_sensitive (privacy_child (page, button)));
  g_signal_emit_by_name (privacy_child (page, button), "clicked");
  test_gui_wait_until (privacy_saved, page);
}

static void
test_privacy_page (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *preferences = adw_preferences_window_new ();
  AlliancePrivacyPage *page = ALLIANCE_PRIVACY_PAGE (alliance_privacy_page_new (settings, fixture->secret));
  GtkWidget *current_row = privacy_child (page, "current_row");
  GtkWidget *remove_button = privacy_child (page, "remove_button");
  GtkWidget *set_button = privacy_child (page, "set_button");

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (preferences));
  test_gui_iterate ();
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (page)), >, 3);
  g_assert_cmpstr (adw_preferences_page_get_name (ADW_PREFERENCES_PAGE (page)), ==, "privacy");

  /* None set: no current passphrase asked for, nothing to remove. */
  g_assert_false (gtk_widget_get_visible (current_row));
  g_assert_false (gtk_widget_get_visible (remove_button));
  g_assert_cmpstr (adw_action_row_get_subtitle (privacy_child (page, "status_row")), ==,
                   "Not set: Alliance does not lock.");

  fill (page, "", "one two three four", "one two three fuor");
  g_signal_emit_by_name (set_button, "clicked");
  g_assert_cmpstr (privacy_message (page), ==, "The two new passphrases are not the same.");
  g_assert_false (alliance_lock_secret_is_set (fixture->secret, NULL));

  fill (page, "", "short", "short");
  click (page, "set_button");
  g_assert_nonnull (strstr (privacy_message (page), "at least 8"));
  g_assert_false (alliance_lock_secret_is_set (fixture->secret, NULL));

  fill (page, "", "one two three four", "one two three four");
  click (page, "set_button");
  g_assert_cmpstr (privacy_message (page), ==, "Passphrase set. Press Ctrl+L to lock Alliance.");
  g_assert_true (alliance_lock_secret_verify (fixture->secret, "one two three four", NULL));
  g_assert_cmpstr (gtk_editable_get_text (privacy_child (page, "new_row")), ==, "");

  /* Set: changing or removing it takes the current one. */
  g_assert_true (gtk_widget_get_visible (current_row));
  g_assert_true (gtk_widget_get_visible (remove_button));
  fill (page, "", "five six seven eight", "five six seven eight");
  g_assert_false (gtk_widget_get_sensitive (set_button));
  g_assert_false (gtk_widget_get_sensitive (remove_button));
  fill (page, "one two three for", "five six seven eight", "five six seven eight");
  click (page, "set_button");
  g_assert_cmpstr (privacy_message (page), ==, "That is not the passphrase.");
  g_assert_true (alliance_lock_secret_verify (fixture->secret, "one two three four", NULL));

  fill (page, "one two three four", "five six seven eight", "five six seven eight");
  click (page, "set_button");
  g_assert_cmpstr (privacy_message (page), ==, "Passphrase changed.");
  g_assert_true (alliance_lock_secret_verify (fixture->secret, "five six seven eight", NULL));

  fill (page, "one two three four", "", "");
  click (page, "remove_button");
  g_assert_cmpstr (privacy_message (page), ==, "That is not the passphrase.");
  g_assert_true (alliance_lock_secret_is_set (fixture->secret, NULL));
  fill (page, "five six seven eight", "", "");
  click (page, "remove_button");
  g_assert_cmpstr (privacy_message (page), ==, "Passphrase removed. Alliance no longer locks.");
  g_assert_false (alliance_lock_secret_is_set (fixture->secret, NULL));
  g_assert_false (gtk_widget_get_visible (current_row));

  /* Damaged: said on the page; a new passphrase replaces it. */
  {
    g_autofree char *folder = g_path_get_dirname (fixture->secret);
    GtkWidget *window = adw_preferences_window_new ();
    AlliancePrivacyPage *again;

    g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
    g_assert_true (g_file_set_contents (fixture->secret, "garbage", -1, NULL));
    again = ALLIANCE_PRIVACY_PAGE (alliance_privacy_page_new (settings, fixture->secret));
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (again));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (privacy_child (again, "status_row")), "damaged"));
    g_assert_false (gtk_widget_get_visible (privacy_child (again, "current_row")));
    fill (again, "", "nine ten eleven", "nine ten eleven");
    click (again, "set_button");
    g_assert_true (alliance_lock_secret_verify (fixture->secret, "nine ten eleven", NULL));
    gtk_window_destroy (GTK_WINDOW (window));
  }

  /* The idle minutes are the setting. */
  gtk_spin_button_set_value (privacy_child (page, "idle_spin"), 7);
  g_assert_cmpuint (g_settings_get_uint (settings, "lock-idle-minutes"), ==, 7);
  g_settings_reset (settings, "lock-idle-minutes");
  g_assert_cmpfloat (gtk_spin_button_get_value (privacy_child (page, "idle_spin")), ==, 5);

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The lock's idle time follows the setting, in minutes. */
static void
test_idle_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(AllianceLock) lock = alliance_lock_new ("/nonexistent/lock", settings);

  g_assert_cmpuint (alliance_lock_get_idle_seconds (lock), ==, 5 * 60);
  g_settings_set_uint (settings, "lock-idle-minutes", 12);
  g_assert_cmpuint (alliance_lock_get_idle_seconds (lock), ==, 12 * 60);
  g_settings_reset (settings, "lock-idle-minutes");
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

#define ADD(name, with_passphrase, func) \
  g_test_add ("/lock/" name, Fixture, GINT_TO_POINTER (with_passphrase), fixture_set_up, func, fixture_tear_down)
  ADD ("ctrl-l-locks", TRUE, test_ctrl_l_locks);
  ADD ("repeated-failures-wait", TRUE, test_repeated_failures_wait);
  ADD ("idle-locks", TRUE, test_idle_locks);
  ADD ("no-passphrase", FALSE, test_no_passphrase);
  ADD ("damaged-file", FALSE, test_damaged_file);
  ADD ("privacy-page", FALSE, test_privacy_page);
#undef ADD
  g_test_add_func ("/lock/idle-setting", test_idle_setting);

  return g_test_run ();
}
