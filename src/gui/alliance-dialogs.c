/* alliance-dialogs.c */
#define G_LOG_DOMAIN "alliance-dialogs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alliance-dialogs.h"
#include "alliance-page-layout.h"
#include "alliance-encryption.h"

GtkWidget *
alliance_dialogs_new_message (GtkWidget  *parent,
                              const char *heading,
                              const char *body)
{
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  return adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
}

void
alliance_dialogs_show_error (GtkWidget    *parent,
                             const char   *heading,
                             const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (error != NULL);

  dialog = alliance_dialogs_new_message (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkWindow *window;
  gboolean   destroy;
} CloseLater;

static gboolean
close_window_cb (gpointer user_data)
{
  CloseLater *close = user_data;

  if (close->destroy)
    gtk_window_destroy (close->window);
  else
    gtk_window_close (close->window);
  g_object_unref (close->window);
  g_free (close);
  return G_SOURCE_REMOVE;
}

/**
 * alliance_dialogs_close_later:
 * @destroy: destroy rather than close (skips ::close-request)
 *
 * Closes @window once the current event is handled. A message dialog's
 * response handler uses it to close the window the dialog belongs to:
 * closing it on the spot would free the dialog's parent under it.
 */
void
alliance_dialogs_close_later (GtkWindow *window,
                              gboolean   destroy)
{
  CloseLater *close = g_new0 (CloseLater, 1);

  close->window = g_object_ref (window);
  close->destroy = destroy;
  g_idle_add (close_window_cb, close);
}

/* --- Exporting a file ----------------------------------------------------- */

/* Until the chooser answers, or the parent goes first. */
typedef struct
{
  GtkWidget                 *parent;              /* not referenced: its ::destroy ends the export */
  gulong                     parent_destroyed_id;
  GtkFileChooserNative      *chooser;             /* referenced: GTK does not keep a native dialog alive */
  char                      *error_heading;
  AllianceDialogsExportFunc  export;
  gpointer                   user_data;
  GDestroyNotify             destroy;
} ExportFile;

/* Without a response: it has been given, or is not wanted. */
static void
close_chooser (ExportFile *export_file)
{
  if (export_file->chooser == NULL)
    return;
  g_signal_handlers_disconnect_by_data (export_file->chooser, export_file);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (export_file->chooser));
  g_clear_object (&export_file->chooser);
}

static void
export_file_free (ExportFile *export_file)
{
  g_clear_signal_handler (&export_file->parent_destroyed_id, export_file->parent);
  close_chooser (export_file);
  g_free (export_file->error_heading);
  if (export_file->destroy != NULL)
    export_file->destroy (export_file->user_data);
  g_free (export_file);
}

/* Gone with the chooser still open: nothing is written. */
static void
parent_destroyed_cb (GtkWidget  *parent,
                     ExportFile *export_file)
{
  export_file_free (export_file);
}

static void
export_file_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       ExportFile      *export_file)
{
  g_autoptr(GtkWidget) parent = g_object_ref (export_file->parent);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  /* The chooser goes before anything is written or said, and from here
   * on the parent's end cannot free what is still in use. */
  close_chooser (export_file);
  g_clear_signal_handler (&export_file->parent_destroyed_id, parent);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      if (path == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a folder on this computer."));
      else
        export_file->export (path, export_file->user_data, &error);
      if (error != NULL)
        alliance_dialogs_show_error (parent, export_file->error_heading, error);
    }
  export_file_free (export_file);
}

/**
 * alliance_dialogs_export_file:
 * @parent: the widget exporting; the chooser is modal to its window, and
 *   closes, writing nothing, if @parent is destroyed first
 * @filter: (transfer none): the one kind of file offered
 * @error_heading: the heading of the error dialog when @export fails
 * @export: writes the file chosen, called only when one is
 * @destroy: (nullable): frees @user_data once the chooser is done,
 *   whatever its answer
 *
 * Asks where to export, in a file chooser whose button says Export, with
 * @suggested_name as the file's name; then calls @export with the path.
 * On failure, the error's message is shown under @error_heading. A place
 * that is not on this computer (no local path) gets that error too. What
 * is said on success is @export's to say.
 */
void
alliance_dialogs_export_file (GtkWidget                 *parent,
                              const char                *title,
                              const char                *suggested_name,
                              GtkFileFilter             *filter,
                              const char                *error_heading,
                              AllianceDialogsExportFunc  export,
                              gpointer                   user_data,
                              GDestroyNotify             destroy)
{
  ExportFile *export_file;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (GTK_IS_FILE_FILTER (filter));
  g_return_if_fail (export != NULL);

  root = gtk_widget_get_root (parent);
  export_file = g_new0 (ExportFile, 1);
  export_file->parent = parent;
  export_file->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  export_file->error_heading = g_strdup (error_heading);
  export_file->export = export;
  export_file->user_data = user_data;
  export_file->destroy = destroy;

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (export_file->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (export_file->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (export_file->chooser), suggested_name);
  g_signal_connect (export_file->chooser, "response", G_CALLBACK (export_file_chosen_cb), export_file);
  export_file->parent_destroyed_id =
      g_signal_connect (parent, "destroy", G_CALLBACK (parent_destroyed_cb), export_file);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (export_file->chooser));
}

/* --- Passphrases ---------------------------------------------------------- */

#define PASSPHRASE_KEY_FIRST "alliance-passphrase-first"
#define PASSPHRASE_KEY_SECOND "alliance-passphrase-second"
#define PASSPHRASE_KEY_PROBLEM "alliance-passphrase-problem"
#define PASSPHRASE_KEY_ACCEPT "alliance-passphrase-accept"
#define PASSPHRASE_KEY_TOLD "alliance-passphrase-told"

/* What is wrong, once there is something to say: nothing while the second
 * field is still empty or still a correct beginning of the first (unless
 * Enter in the first field asked to go on). */
static char *
describe_passphrase_problem (const char *first,
                             const char *second,
                             gboolean    told)
{
  AlliancePassphraseCheck check = alliance_encryption_check_new_passphrase (first, second);

  if (check == ALLIANCE_PASSPHRASE_EMPTY)
    return NULL;
  if (check == ALLIANCE_PASSPHRASE_TOO_SHORT && second[0] == '\0' && !told)
    return NULL;
  if (check == ALLIANCE_PASSPHRASE_MISMATCH &&
      (second[0] == '\0' || (strlen (second) < strlen (first) && g_str_has_prefix (first, second))))
    return NULL;
  return alliance_encryption_describe_passphrase_check (check);
}

static void
passphrase_changed_cb (AdwMessageDialog *dialog)
{
  GtkEditable *first, *second;
  GtkLabel *problem;
  const char *accept;
  g_autofree char *message = NULL;

  /* The rows empty themselves as the closed dialog is taken apart. */
  if (gtk_widget_in_destruction (GTK_WIDGET (dialog)))
    return;
  first = g_object_get_data (G_OBJECT (dialog), PASSPHRASE_KEY_FIRST);
  second = g_object_get_data (G_OBJECT (dialog), PASSPHRASE_KEY_SECOND);
  problem = g_object_get_data (G_OBJECT (dialog), PASSPHRASE_KEY_PROBLEM);
  accept = g_object_get_data (G_OBJECT (dialog), PASSPHRASE_KEY_ACCEPT);

  if (second == NULL)
    {
      adw_message_dialog_set_response_enabled (dialog, accept, gtk_editable_get_text (first)[0] != '\0');
      return;
    }
  message = describe_passphrase_problem (gtk_editable_get_text (first), gtk_editable_get_text (second),
                                         g_object_get_data (G_OBJECT (dialog), PASSPHRASE_KEY_TOLD) != NULL);
  adw_message_dialog_set_response_enabled (dialog, accept,
                                           alliance_encryption_check_new_passphrase (
                                               gtk_editable_get_text (first), gtk_editable_get_text (second)) ==
                                               ALLIANCE_PASSPHRASE_OK);
  gtk_label_set_text (problem, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (problem), message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (second), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (second), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Enter in the first field goes on to the second, and says what is wrong so far. */
static void
first_passphrase_activated_cb (AdwMessageDialog *dialog)
{
  g_object_set_data (G_OBJECT (dialog), PASSPHRASE_KEY_TOLD, GINT_TO_POINTER (TRUE));
  passphrase_changed_cb (dialog);
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (dialog), PASSPHRASE_KEY_SECOND));
}

static void
passphrase_responded_cb (GtkWindow *dialog)
{
  /* libadwaita 1.2's entry rows warn when destroyed with the focus. */
  gtk_window_set_focus (dialog, NULL);
}

/**
 * alliance_dialogs_new_passphrase:
 * @confirm: a new passphrase, typed twice: it must be long enough and the
 *   same both times (alliance_encryption_check_new_passphrase()), and the
 *   dialog says which is wrong below the fields
 * @accept: the response that carries the passphrase (suggested, the
 *   default, enabled only when what is typed will do); "cancel" is the other
 *
 * A message dialog asking for a passphrase. Read it in the ::response
 * handler with alliance_dialogs_take_passphrase(); show it with
 * alliance_dialogs_present_passphrase().
 */
GtkWidget *
alliance_dialogs_new_passphrase (GtkWidget  *parent,
                                 const char *heading,
                                 const char *body,
                                 gboolean    confirm,
                                 const char *accept,
                                 const char *accept_label)
{
  GtkWidget *dialog, *box, *list, *first, *second = NULL, *problem;

  g_return_val_if_fail (accept != NULL && accept_label != NULL, NULL);

  dialog = alliance_dialogs_new_message (parent, heading, body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  first = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (first), _("Passphrase"));
  gtk_list_box_append (GTK_LIST_BOX (list), first);
  if (confirm)
    {
      second = adw_password_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (second), _("Same passphrase again"));
      gtk_list_box_append (GTK_LIST_BOX (list), second);
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (second), TRUE);
      g_signal_connect_swapped (first, "entry-activated", G_CALLBACK (first_passphrase_activated_cb), dialog);
      g_signal_connect_swapped (second, "changed", G_CALLBACK (passphrase_changed_cb), dialog);
    }
  else
    adw_entry_row_set_activates_default (ADW_ENTRY_ROW (first), TRUE);
  g_signal_connect_swapped (first, "changed", G_CALLBACK (passphrase_changed_cb), dialog);
  gtk_box_append (GTK_BOX (box), list);

  problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_justify (GTK_LABEL (problem), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (box), problem);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), accept, accept_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), accept, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), accept, FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), accept);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), PASSPHRASE_KEY_FIRST, first);
  g_object_set_data (G_OBJECT (dialog), PASSPHRASE_KEY_SECOND, second);
  g_object_set_data (G_OBJECT (dialog), PASSPHRASE_KEY_PROBLEM, problem);
  g_object_set_data_full (G_OBJECT (dialog), PASSPHRASE_KEY_ACCEPT, g_strdup (accept), g_free);
  /* First of the ::response handlers, so the focus is gone before any closes it. */
  g_signal_connect (dialog, "response", G_CALLBACK (passphrase_responded_cb), NULL);
  return dialog;
}

void
alliance_dialogs_present_passphrase (GtkWidget *dialog)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (dialog), PASSPHRASE_KEY_FIRST));
}

/**
 * alliance_dialogs_take_passphrase:
 *
 * The passphrase typed in a dialog of alliance_dialogs_new_passphrase(),
 * or %NULL when it will not do (empty; for a new one, too short or not
 * the same twice: checked again, whatever the buttons said). The fields are
 * emptied. Wipe the copy with alliance_encryption_wipe_string().
 */
char *
alliance_dialogs_take_passphrase (AdwMessageDialog *dialog)
{
  GtkEditable *first, *second;
  char *passphrase = NULL;
  const char *text;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  first = g_object_get_data (G_OBJECT (dialog), PASSPHRASE_KEY_FIRST);
  second = g_object_get_data (G_OBJECT (dialog), PASSPHRASE_KEY_SECOND);
  g_return_val_if_fail (GTK_IS_EDITABLE (first), NULL);

  text = gtk_editable_get_text (first);
  if (second != NULL
          ? alliance_encryption_check_new_passphrase (text, gtk_editable_get_text (second)) == ALLIANCE_PASSPHRASE_OK
          : text[0] != '\0')
    passphrase = g_strdup (text);
  gtk_editable_set_text (first, "");
  if (second != NULL)
    gtk_editable_set_text (second, "");
  return passphrase;
}


/* --- Printing ------------------------------------------------------------- */

static void
begin_print_pages_cb (GtkPrintOperation  *operation,
                      GtkPrintContext    *context,
                      AlliancePageLayout *layout)
{
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);
  guint n_pages;

  /* In points (the operation's unit), laid out for the printer's page. */
  n_pages = alliance_page_layout_paginate (layout, pango_context, gtk_print_context_get_width (context),
                                           gtk_print_context_get_height (context));
  g_object_unref (pango_context);
  gtk_print_operation_set_n_pages (operation, (int)n_pages);
}

static void
draw_print_page_cb (GtkPrintOperation  *operation,
                    GtkPrintContext    *context,
                    int                 page,
                    AlliancePageLayout *layout)
{
  alliance_page_layout_draw_page (layout, gtk_print_context_get_cairo_context (context), (guint)page);
}

/**
 * alliance_dialogs_print_pages:
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to ask the person, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT with @export_path
 *
 * Prints @layout (a record, a packet) through GtkPrintOperation, laid out
 * again for the page the printer offers; a caller that also shows the
 * pages lays them out for the screen again afterwards.
 */
gboolean
alliance_dialogs_print_pages (GtkWidget                *parent,
                              AlliancePageLayout       *layout,
                              const char               *job_name,
                              GtkPrintOperationAction   action,
                              const char               *export_path,
                              GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkRoot *root;

  g_return_val_if_fail (ALLIANCE_IS_PAGE_LAYOUT (layout), FALSE);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_path != NULL, FALSE);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_pages_cb), layout, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_print_page_cb), layout, 0);
  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  return gtk_print_operation_run (operation, action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error) !=
         GTK_PRINT_OPERATION_RESULT_ERROR;
}
