/* alliance-dialogs.c */
#define G_LOG_DOMAIN "alliance-dialogs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alliance-dialogs.h"
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

