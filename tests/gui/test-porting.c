/* test-porting.c
 *
 * Export All Records… and Import… as a user goes through them, file
 * chooser included: an encrypted export is private, not JSON, decrypts to
 * the plain export and is logged like the command line's; passphrases that
 * differ or are too short are said so and write nothing; cancelling at any
 * step writes nothing; the encrypted file comes back in through Import…
 * after a wrong passphrase is refused.
 */
#define G_LOG_DOMAIN "alliance-test-porting"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-audit.h"
#include "alliance-encryption.h"
#include "alliance-window.h"
#include "test-common.h"
#include "test-gui-common.h"

#define PASSPHRASE "river lantern copper"

typedef struct
{
  char                *dir;
  AllianceClientStore *store;
  AllianceWindow      *window;
} Fixture;

static AllianceWindow *
new_window (AllianceClientStore *store)
{
  AllianceWindow *window = g_object_new (ALLIANCE_TYPE_WINDOW, NULL);

  alliance_window_set_store (window, store, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = test_make_tmp_dir ();
  fixture->store = test_gui_demo_store ();
  fixture->window = new_window (fixture->store);
}

static GtkFileChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_FILE_CHOOSER (window);
    }
  return NULL;
}

static gboolean
has_dialog_with_heading (gpointer heading)
{
  AdwMessageDialog *dialog = test_gui_find_dialog (NULL, NULL);

  return dialog != NULL && g_strcmp0 (adw_message_dialog_get_heading (dialog), heading) == 0;
}

static gboolean
has_chooser (gpointer data)
{
  return find_chooser () != NULL;
}

/* Answers as a click does: the response once, then the dialog goes
 * (closing it would give a second, its close response). */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  test_gui_iterate ();
}

static AdwMessageDialog *
expect_dialog (const char *heading)
{
  test_gui_wait_until (has_dialog_with_heading, (gpointer)heading);
  return test_gui_find_dialog (NULL, NULL);
}

static void
close_dialogs (void)
{
  AdwMessageDialog *dialog;

  while ((dialog = test_gui_find_dialog (NULL, NULL)) != NULL)
    {
      gtk_window_close (GTK_WINDOW (dialog));
      test_gui_iterate ();
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  close_dialogs ();
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      test_gui_iterate ();
    }
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
collect_password_entries (GtkWidget *widget,
                          GPtrArray *entries)
{
  if (ADW_IS_PASSWORD_ENTRY_ROW (widget))
    g_ptr_array_add (entries, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_password_entries (child, entries);
}

static GPtrArray *
password_entries (AdwMessageDialog *dialog)
{
  GPtrArray *entries = g_ptr_array_new ();

  collect_password_entries (GTK_WIDGET (dialog), entries);
  return entries;
}

/* The visible error label of a passphrase dialog, or NULL. */
static const char *
find_problem (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") && gtk_widget_get_visible (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_problem (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static gint64
count_exports (AllianceClientStore *store)
{
  return test_query_int (alliance_database_get_handle (alliance_client_store_get_database (store)),
                         "SELECT count(*) FROM audit_log WHERE action = 'export'");
}

/* Menu → Export All Records… → “Encrypt With Passphrase…” → the two fields. */
static AdwMessageDialog *
start_encrypted_export (Fixture *fixture)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-records", NULL));
  dialog = expect_dialog ("Encrypt the Export?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "every record"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "encrypt");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "encrypt"), ==, ADW_RESPONSE_SUGGESTED);
  g_assert_true (adw_message_dialog_has_response (dialog, "plain"));
  respond (dialog, "encrypt");
  return expect_dialog ("Passphrase for the Export");
}

/* Chooses @name in the fixture's folder and accepts, as the Export button
 * does (once the chooser has loaded its first folder: changing folder
 * before that cancels the load and leaves it showing an error). */
static void
choose_file (Fixture    *fixture,
             const char *name)
{
  test_gui_choose_file (fixture->dir, name);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
wait_for_file (const char *path)
{
  test_gui_wait_until (file_exists, (gpointer)path);
  test_gui_iterate ();
}

static GtkWidget *
window_content (Fixture *fixture)
{
  AdwToastOverlay *overlay = test_gui_child (GTK_WIDGET (fixture->window), ALLIANCE_TYPE_WINDOW, "toast_overlay");

  return adw_toast_overlay_get_child (overlay);
}

/* Exports through the menu, encrypted, into @path. */
static void
export_encrypted (Fixture    *fixture,
                  const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  AdwMessageDialog *dialog = start_encrypted_export (fixture);
  GtkFileChooser *chooser;

  entries = password_entries (dialog);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpuint (test_gui_assert_labelled (GTK_WIDGET (dialog)), >=, 2);
  g_assert_true (adw_entry_row_get_activates_default (g_ptr_array_index (entries, 1)));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "continue");
  gtk_editable_set_text (g_ptr_array_index (entries, 0), PASSPHRASE);
  gtk_editable_set_text (g_ptr_array_index (entries, 1), PASSPHRASE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "continue"));
  g_assert_null (find_problem (GTK_WIDGET (dialog)));
  respond (dialog, "continue");

  /* The name suggested says what the file is. */
  test_gui_wait_until (has_chooser, NULL);
  chooser = find_chooser ();
  {
    g_autofree char *suggested = gtk_file_chooser_get_current_name (chooser);

    g_assert_true (g_str_has_prefix (suggested, "alliance-records-"));
    g_assert_true (g_str_has_suffix (suggested, ".json.enc"));
  }
  choose_file (fixture, name);
  wait_for_file (path);
}

static gboolean
shows_saved_toast (gpointer window)
{
  return test_gui_has_label_with (window, "Encrypted export saved as “records.json.enc”");
}

static void
test_export_encrypted (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *sealed = g_build_filename (fixture->dir, "records.json.enc", NULL);
  g_autofree char *plain = g_build_filename (fixture->dir, "records.json", NULL);
  g_autofree char *plain_text = NULL;
  g_autoptr(GBytes) decrypted = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  AllianceAuditEntry *last;
  gint64 exports = count_exports (fixture->store);
  AdwMessageDialog *dialog;

  export_encrypted (fixture, "records.json.enc");

  /* Private, not JSON, and the only file written: no plaintext beside it. */
  g_assert_cmpuint (test_file_mode (sealed), ==, 0600);
  g_assert_true (alliance_encryption_is_encrypted_file (sealed));
  {
    char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (sealed, &contents, &length, NULL));
    written = g_bytes_new_take (contents, length);
  }
  g_assert_true (g_str_has_prefix (g_bytes_get_data (written, NULL), "ALLIANCE"));
  g_assert_null (g_strstr_len (g_bytes_get_data (written, NULL), (gssize)g_bytes_get_size (written), "alliance-export"));
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
  /* Said in a toast (once the busy one has had its time); the window
   * usable again at once. */
  g_assert_true (gtk_widget_get_sensitive (window_content (fixture)));
  test_gui_wait_until (shows_saved_toast, fixture->window);
  g_assert_null (test_gui_find_dialog (NULL, NULL));

  /* Logged once, as the command line logs its export. */
  g_assert_cmpint (count_exports (fixture->store), ==, exports + 1);
  audit = alliance_audit_list (alliance_client_store_get_database (fixture->store), 0, 1, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (audit, 0);
  g_assert_cmpint (last->action, ==, ALLIANCE_AUDIT_EXPORT);
  g_assert_cmpstr (last->entity_type, ==, "database");
  g_assert_cmpint (last->entity_id, ==, 0);

  /* The same export unencrypted, through the other button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-records", NULL));
  respond (expect_dialog ("Encrypt the Export?"), "plain");
  choose_file (fixture, "records.json");
  wait_for_file (plain);
  dialog = expect_dialog ("Records Exported");
  entries = password_entries (dialog);
  g_assert_cmpuint (entries->len, ==, 0);
  respond (dialog, "close");
  g_assert_cmpint (count_exports (fixture->store), ==, exports + 2);

  decrypted = alliance_encryption_decrypt_to_bytes (sealed, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (plain, &plain_text, NULL, &error));
  g_assert_cmpstr (g_bytes_get_data (decrypted, NULL), ==, plain_text);
}

/* Passphrases that differ or are too short: said so, the button stays
 * off, and even a forced answer writes nothing. */
static void
test_export_mismatch (Fixture       *fixture,
                      gconstpointer  user_data)
{
  AdwMessageDialog *dialog = start_encrypted_export (fixture);
  g_autoptr(GPtrArray) entries = password_entries (dialog);
  gint64 exports = count_exports (fixture->store);
  GtkEditable *first = g_ptr_array_index (entries, 0);
  GtkEditable *second = g_ptr_array_index (entries, 1);

  gtk_editable_set_text (first, PASSPHRASE);
  g_assert_null (find_problem (GTK_WIDGET (dialog)));
  /* Still typing the second, and right so far: nothing said yet. */
  gtk_editable_set_text (second, "river lan");
  g_assert_null (find_problem (GTK_WIDGET (dialog)));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "continue"));
  gtk_editable_set_text (second, "river lantern coppers");
  g_assert_cmpstr (find_problem (GTK_WIDGET (dialog)), ==, "The two passphrases are not the same.");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "continue"));
  gtk_editable_set_text (second, "river lanterm");
  g_assert_cmpstr (find_problem (GTK_WIDGET (dialog)), ==, "The two passphrases are not the same.");

  gtk_editable_set_text (first, "short");
  gtk_editable_set_text (second, "short");
  g_assert_cmpstr (find_problem (GTK_WIDGET (dialog)), ==, "Too short: a passphrase needs at least 8 characters.");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "continue"));

  /* Put right, the message goes. */
  gtk_editable_set_text (first, PASSPHRASE);
  gtk_editable_set_text (second, PASSPHRASE);
  g_assert_null (find_problem (GTK_WIDGET (dialog)));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "continue"));

  gtk_editable_set_text (second, "river lantern coppers");
  respond (dialog, "continue");
  for (guint i = 0; i < 50; i++)
    {
      test_gui_iterate ();
      g_usleep (2000);
    }
  g_assert_null (find_chooser ());
  g_assert_null (test_gui_find_dialog (NULL, NULL));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_assert_cmpint (count_exports (fixture->store), ==, exports);
}

static gboolean
is_null (gpointer pointer_to_pointer)
{
  return *(gpointer *)pointer_to_pointer == NULL;
}

/* Cancelled at each step: no file, no line in the audit log, even when
 * the key was still being derived as the file chooser was cancelled. */
static void
test_export_cancel (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gint64 exports = count_exports (fixture->store);
  g_autoptr(GPtrArray) entries = NULL;
  AdwMessageDialog *dialog;
  GtkFileChooser *chooser;
  gpointer window = fixture->window;

  /* At the question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-records", NULL));
  respond (expect_dialog ("Encrypt the Export?"), "cancel");
  g_assert_null (test_gui_find_dialog (NULL, NULL));
  g_assert_null (find_chooser ());

  /* At the passphrase. */
  dialog = start_encrypted_export (fixture);
  entries = password_entries (dialog);
  gtk_editable_set_text (g_ptr_array_index (entries, 0), PASSPHRASE);
  gtk_editable_set_text (g_ptr_array_index (entries, 1), PASSPHRASE);
  respond (dialog, "cancel");
  g_assert_null (test_gui_find_dialog (NULL, NULL));
  g_assert_null (find_chooser ());

  /* At the file chooser, while the key is derived. */
  dialog = start_encrypted_export (fixture);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = password_entries (dialog);
  gtk_editable_set_text (g_ptr_array_index (entries, 0), PASSPHRASE);
  gtk_editable_set_text (g_ptr_array_index (entries, 1), PASSPHRASE);
  respond (dialog, "continue");
  test_gui_wait_until (has_chooser, NULL);
  chooser = find_chooser ();
  {
    g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);

    g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
    gtk_file_chooser_set_current_name (chooser, "records.json.enc");
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  test_gui_iterate ();
  g_assert_null (find_chooser ());

  /* The export lets go of the window only when the key's thread is done. */
  g_object_add_weak_pointer (G_OBJECT (window), &window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  test_gui_wait_until (is_null, &window);

  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_assert_cmpint (count_exports (fixture->store), ==, exports);
}

static gboolean
has_body_prefix (gpointer prefix)
{
  AdwMessageDialog *dialog = test_gui_find_dialog (NULL, NULL);

  return dialog != NULL && g_str_has_prefix (adw_message_dialog_get_body (dialog), prefix);
}

static gboolean
chooser_has_file (gpointer chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);

  return file != NULL;
}

static void
type_passphrase (const char *text)
{
  AdwMessageDialog *dialog = test_gui_find_dialog (NULL, NULL);
  g_autoptr(GPtrArray) entries = password_entries (dialog);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Open Encrypted File");
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "open"));
  gtk_editable_set_text (g_ptr_array_index (entries, 0), text);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "open"));
  respond (dialog, "open");
}

/* The encrypted export back in through Import…: its passphrase asked, a
 * wrong one refused and asked again, then every record imported. */
static void
test_import_encrypted (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *sealed = g_build_filename (fixture->dir, "records.json.enc", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (sealed);
  g_autoptr(AllianceClientStore) empty = test_gui_empty_store ();
  g_autoptr(GError) error = NULL;
  AllianceWindow *window;
  GtkFileChooser *chooser;
  gint64 n_clients;

  export_encrypted (fixture, "records.json.enc");
  n_clients = test_query_int (alliance_database_get_handle (alliance_client_store_get_database (fixture->store)),
                              "SELECT count(*) FROM clients");
  g_assert_cmpint (n_clients, >, 10);

  window = new_window (empty);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-records", NULL));
  test_gui_wait_until (has_chooser, NULL);
  chooser = find_chooser ();
  g_assert_true (gtk_file_chooser_set_file (chooser, file, &error));
  g_assert_no_error (error);
  /* Selected once its folder is loaded. */
  test_gui_wait_until (chooser_has_file, chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  test_gui_wait_until (has_body_prefix, (gpointer)"“records.json.enc” is encrypted.");
  type_passphrase ("not the passphrase");
  test_gui_wait_until (has_body_prefix, (gpointer)"The passphrase is not the one");
  g_assert_cmpint (test_query_int (alliance_database_get_handle (alliance_client_store_get_database (empty)),
                                   "SELECT count(*) FROM clients"), ==, 0);
  type_passphrase (PASSPHRASE);

  expect_dialog ("Records Imported");
  g_assert_cmpint (test_query_int (alliance_database_get_handle (alliance_client_store_get_database (empty)),
                                   "SELECT count(*) FROM clients"), ==, n_clients);
  close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/porting/export/encrypted", test_export_encrypted);
  ADD ("/porting/export/mismatch", test_export_mismatch);
  ADD ("/porting/export/cancel", test_export_cancel);
  ADD ("/porting/import/encrypted", test_import_encrypted);
#undef ADD

  return g_test_run ();
}
