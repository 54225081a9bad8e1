/* test-backup-page.c
 *
 * Preferences → Backups: what the last backup row says, "Back Up Now"
 * making a backup the list then offers, a read-only folder reported, and
 * a restore that shows the backup's counts and asks before anything is
 * replaced; a damaged file and a wrong passphrase each told plainly.
 */
#define G_LOG_DOMAIN "alliance-test-backup-page"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "alliance-backup-page.h"
#include "alliance-backup.h"
#include "alliance-client-store.h"
#include "alliance-preferences-window.h"
#include "test-common.h"
#include "test-gui-common.h"

typedef struct
{
  char                    *dir;
  char                    *records;
  char                    *folder;
  GSettings               *settings;
  AllianceBackupScheduler *scheduler;
  GtkWidget               *window;
  AllianceBackupPage      *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = test_make_tmp_dir ();
  fixture->records = g_build_filename (fixture->dir, "alliance.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "backups", NULL);
  test_add_clients (fixture->records, 3);

  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (fixture->settings, "backup-folder", fixture->folder);
  g_settings_set_string (fixture->settings, "last-backup", "");
  g_settings_set_string (fixture->settings, "last-backup-result", "");
  g_settings_set_boolean (fixture->settings, "backup-encrypt", FALSE);
  fixture->scheduler = alliance_backup_scheduler_new (fixture->settings, fixture->records);

  fixture->window = alliance_preferences_window_new (NULL);
  alliance_preferences_window_add_backup_page (ALLIANCE_PREFERENCES_WINDOW (fixture->window), fixture->scheduler);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->window), "backups");
  gtk_window_present (GTK_WINDOW (fixture->window));
  test_gui_iterate ();
  fixture->page = ALLIANCE_BACKUP_PAGE (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (fixture->window)));
  g_assert_true (ALLIANCE_IS_BACKUP_PAGE (fixture->page));
}

/* Closes open dialogs as the user would (their own close path, which
 * lets libadwaita 1.2 disconnect from the parent window first); destroying
 * them from outside while a reference was held crashed in its handlers. */
static void
close_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) dialogs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        g_ptr_array_add (dialogs, window);
      else
        g_object_unref (window);
    }
  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_close (g_ptr_array_index (dialogs, i));
  test_gui_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  test_gui_iterate ();
  g_settings_reset (fixture->settings, "backup-folder");
  g_settings_reset (fixture->settings, "last-backup");
  g_settings_reset (fixture->settings, "last-backup-result");
  g_clear_object (&fixture->settings);
  g_assert_finalize_object (fixture->scheduler);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->records);
  g_free (fixture->folder);
}

static gboolean
has_dialog (gpointer data)
{
  return test_gui_find_dialog (NULL, NULL) != NULL;
}

static gboolean
not_busy (gpointer data)
{
  return !alliance_backup_scheduler_get_busy (data);
}

static void
test_describe_last (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *today_stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *yesterday_stamp = g_date_time_format (yesterday, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *never = alliance_backup_page_describe_last ("", "", now);
  g_autofree char *good = alliance_backup_page_describe_last (today_stamp, "", now);
  g_autofree char *bad = alliance_backup_page_describe_last (yesterday_stamp, "The disk is full.", now);

  g_assert_cmpstr (never, ==, "None yet");
  g_assert_true (g_str_has_prefix (good, "Today at "));
  g_assert_true (g_str_has_suffix (good, ", checked and kept"));
  g_assert_true (g_str_has_prefix (bad, "Yesterday at "));
  g_assert_true (g_str_has_suffix (bad, ", failed: The disk is full."));
}

static void
test_back_up_now (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *button = test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_BACKUP_PAGE, "back_up_button");
  AdwActionRow *last_row = test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_BACKUP_PAGE, "last_row");
  AdwActionRow *folder_row = test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_BACKUP_PAGE, "folder_row");
  GtkWidget *none = test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_BACKUP_PAGE, "no_backups_row");
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *result = NULL;

  g_assert_cmpstr (adw_action_row_get_subtitle (folder_row), ==, fixture->folder);
  g_assert_cmpstr (adw_action_row_get_subtitle (last_row), ==, "None yet");
  g_assert_true (gtk_widget_get_visible (none));
  test_gui_assert_labelled (GTK_WIDGET (fixture->page));

  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (button));
  test_gui_wait_until (not_busy, fixture->scheduler);
  test_gui_iterate ();

  files = alliance_backup_list (fixture->folder, NULL);
  g_assert_cmpuint (files->len, ==, 1);
  result = g_settings_get_string (fixture->settings, "last-backup-result");
  g_assert_cmpstr (result, ==, "");
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (last_row), "checked and kept"));
  g_assert_true (gtk_widget_get_sensitive (button));
  /* Listed to restore from. */
  g_assert_false (gtk_widget_get_visible (none));
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *button = test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_BACKUP_PAGE, "back_up_button");
  AdwActionRow *last_row = test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_BACKUP_PAGE, "last_row");
  AdwMessageDialog *dialog;

  g_assert_cmpint (g_mkdir (fixture->folder, 0500), ==, 0);
  g_signal_emit_by_name (button, "clicked");
  test_gui_wait_until (has_dialog, NULL);
  dialog = test_gui_find_dialog (NULL, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Backup Failed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "read-only"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (last_row), "failed: The backup folder"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (last_row), "error"));
}

static void
test_restore_confirmation (Fixture       *fixture,
                           gconstpointer  user_data)
{
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, NULL, NULL, 0, FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = alliance_backup_create (fixture->records, &options, &error);
  g_autoptr(TestFileSnapshot) before = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_no_error (error);
  before = test_file_snapshot_new (fixture->records);
  alliance_backup_page_restore_from (fixture->page, backup);
  dialog = test_gui_find_dialog (NULL, NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace All Records With This Backup?");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, ": a backup of 3 clients, 0 sessions and 0 notes."));
  g_assert_nonnull (strstr (body, fixture->records));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "restore"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");

  /* Cancelled: nothing happens to the records. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  test_gui_iterate ();
  test_assert_file_unchanged (before);
}

static void
test_restore_refuses_damaged (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "not-a-backup.db", NULL);
  AdwMessageDialog *dialog;

  test_write_file (bad, "not a database at all, just some text", 37, 0600);
  alliance_backup_page_restore_from (fixture->page, bad);
  dialog = test_gui_find_dialog (NULL, NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This Backup Cannot Be Restored");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not an Alliance database"));
}

static GtkEditable *
find_password_entry (GtkWidget *widget)
{
  if (ADW_IS_PASSWORD_ENTRY_ROW (widget))
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_password_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_wrong_passphrase_dialog (gpointer data)
{
  AdwMessageDialog *dialog = test_gui_find_dialog (NULL, NULL);

  return dialog != NULL && g_str_has_prefix (adw_message_dialog_get_body (dialog), "The passphrase is not the one");
}

/* Starts restoring an encrypted backup made at @made (NULL: now) with
 * "the right words", and answers the passphrase dialog with @typed. */
static void
restore_encrypted (Fixture    *fixture,
                   GDateTime  *made,
                   const char *typed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllianceEncryptionRecipient) recipient =
      alliance_encryption_recipient_new ("the right words", ALLIANCE_ENCRYPTION_STRENGTH_INTERACTIVE, &error);
  AllianceBackupOptions options = { fixture->folder, ALLIANCE_BACKUP_KIND_REGULAR, recipient, made, 0, FALSE };
  g_autofree char *backup = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  g_assert_no_error (error);
  backup = alliance_backup_create (fixture->records, &options, &error);
  g_assert_no_error (error);

  alliance_backup_page_restore_from (fixture->page, backup);
  dialog = test_gui_find_dialog (NULL, "Open Encrypted Backup");
  g_assert_nonnull (dialog);
  entry = find_password_entry (GTK_WIDGET (dialog));
  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, typed);
  /* Clicked as a person would: the dialog closes, then responds once. */
  g_signal_emit_by_name (test_gui_find_button (GTK_WIDGET (dialog), "_Open"), "clicked");
}

static void
test_restore_wrong_passphrase (Fixture       *fixture,
                               gconstpointer  user_data)
{
  restore_encrypted (fixture, NULL, "the wrong words");

  /* Asked again, saying why; nothing decrypted is left beside the records. */
  test_gui_wait_until (has_wrong_passphrase_dialog, NULL);
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".alliance-restore"));
  }
}

static gboolean
has_confirmation_dialog (gpointer data)
{
  return test_gui_find_dialog (NULL, "Replace All Records With This Backup?") != NULL;
}

/* The confirmation gives the date the backup was made, not the moment it
 * was decrypted to a temporary file. */
static void
test_restore_encrypted_date (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GDateTime) made = g_date_time_new_utc (2026, 3, 1, 10, 0, 0);
  g_autoptr(GDateTime) made_local = g_date_time_to_local (made);
  g_autofree char *expected = g_date_time_format (made_local, "%-d %B %Y at %H:%M: a backup of 3 clients");

  restore_encrypted (fixture, made, "the right words");
  test_gui_wait_until (has_confirmation_dialog, NULL);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (test_gui_find_dialog (NULL, NULL)), expected));
}

static GtkEditable *
find_password_entry_after (GtkWidget   *widget,
                           GtkEditable *after)
{
  GtkEditable *found = NULL;
  gboolean passed = after == NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PASSWORD_ENTRY_ROW (child))
        {
          if (passed)
            return GTK_EDITABLE (child);
          passed = GTK_EDITABLE (child) == after;
          continue;
        }
      found = find_password_entry_after (child, passed ? NULL : after);
      if (found == after)
        {
          found = NULL;
          passed = TRUE;
        }
    }
  return found;
}

static gboolean
has_recipient (gpointer data)
{
  g_autofree char *recipient = g_settings_get_string (data, "backup-recipient");

  return recipient[0] != '\0';
}

static void
test_set_passphrase (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkSwitch *encrypt = test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_BACKUP_PAGE, "encrypt_switch");
  g_autofree char *text = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *first, *second;

  g_settings_reset (fixture->settings, "backup-recipient");
  /* Switched on without a passphrase: asked for one; both must match. */
  gtk_switch_set_active (encrypt, TRUE);
  dialog = test_gui_find_dialog (NULL, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Backup Passphrase");
  first = find_password_entry (GTK_WIDGET (dialog));
  second = find_password_entry_after (GTK_WIDGET (dialog), first);
  g_assert_nonnull (second);
  gtk_editable_set_text (first, "river lantern copper");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));
  gtk_editable_set_text (second, "river lantern coppe");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));
  gtk_editable_set_text (second, "river lantern copper");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "set"));
  adw_message_dialog_response (dialog, "set");
  gtk_window_destroy (GTK_WINDOW (dialog));

  test_gui_wait_until (has_recipient, fixture->settings);
  g_assert_true (g_settings_get_boolean (fixture->settings, "backup-encrypt"));
  text = g_settings_get_string (fixture->settings, "backup-recipient");
  g_assert_null (strstr (text, "river"));

  /* The next backup is encrypted, with no passphrase asked. */
  g_signal_emit_by_name (test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_BACKUP_PAGE, "back_up_button"),
                         "clicked");
  test_gui_wait_until (not_busy, fixture->scheduler);
  files = alliance_backup_list (fixture->folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (((AllianceBackupFile *)g_ptr_array_index (files, 0))->encrypted);
  backup = alliance_backup_decrypt (((AllianceBackupFile *)g_ptr_array_index (files, 0))->path,
                                    "river lantern copper", fixture->dir, &error);
  g_assert_no_error (error);
  g_unlink (backup);

  g_settings_reset (fixture->settings, "backup-recipient");
  g_settings_reset (fixture->settings, "backup-encrypt");
}

static void
test_switch_on_cancelled (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkSwitch *encrypt = test_gui_child (GTK_WIDGET (fixture->page), ALLIANCE_TYPE_BACKUP_PAGE, "encrypt_switch");
  AdwMessageDialog *dialog;

  g_settings_reset (fixture->settings, "backup-recipient");
  gtk_switch_set_active (encrypt, TRUE);
  dialog = test_gui_find_dialog (NULL, NULL);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  test_gui_iterate ();
  /* No passphrase, no encryption: never a backup no one can open. */
  g_assert_false (gtk_switch_get_active (encrypt));
  g_assert_false (g_settings_get_boolean (fixture->settings, "backup-encrypt"));
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/backup-page/describe-last", test_describe_last);
  ADD ("/backup-page/back-up-now", test_back_up_now);
  ADD ("/backup-page/read-only-folder", test_read_only_folder);
  ADD ("/backup-page/restore/confirmation", test_restore_confirmation);
  ADD ("/backup-page/restore/damaged", test_restore_refuses_damaged);
  ADD ("/backup-page/restore/wrong-passphrase", test_restore_wrong_passphrase);
  ADD ("/backup-page/restore/encrypted-date", test_restore_encrypted_date);
  ADD ("/backup-page/encryption/set-passphrase", test_set_passphrase);
  ADD ("/backup-page/encryption/switch-on-cancelled", test_switch_on_cancelled);
#undef ADD

  return g_test_run ();
}
