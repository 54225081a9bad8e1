/* alliance-session-dialog.c */
#define G_LOG_DOMAIN "alliance-session-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-session-dialog.h"

struct _AllianceSessionDialog
{
  AdwWindow             parent_instance;

  AllianceSessionStore *store;
  AllianceSession      *session;   /* id 0 when new */
  GtkWidget            *invalid_row;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwEntryRow          *date_row;
  AdwEntryRow          *time_row;
  AdwEntryRow          *duration_row;
  GtkLabel             *when_error;
  AdwComboRow          *attendance_row;
  AdwComboRow          *modality_row;
  AdwComboRow          *kind_row;
  GtkWidget            *record_group;
  GtkWidget            *error_row;
  GtkWidget            *delete_row;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AllianceSessionDialog, alliance_session_dialog, ADW_TYPE_WINDOW)

static void
clear_error (AllianceSessionDialog *self)
{
  if (self->invalid_row != NULL)
    {
      gtk_widget_remove_css_class (self->invalid_row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->invalid_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->when_error), FALSE);
  self->invalid_row = NULL;
}

static void
show_error (AllianceSessionDialog *self,
            AllianceSessionField   field,
            const GError          *error)
{
  GtkWidget *row = field == ALLIANCE_SESSION_FIELD_TIME       ? GTK_WIDGET (self->time_row)
                   : field == ALLIANCE_SESSION_FIELD_DURATION ? GTK_WIDGET (self->duration_row)
                                                              : GTK_WIDGET (self->date_row);

  clear_error (self);
  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
  gtk_label_set_text (self->when_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->when_error), TRUE);
  gtk_widget_grab_focus (row);
  self->invalid_row = row;
}

static void
field_changed_cb (AllianceSessionDialog *self)
{
  clear_error (self);
}

/* "50", " 50 " → 50; anything else (45.5, -10, "fifty") → -1. */
static int
parse_minutes (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end = NULL;
  gint64 value;

  if (trimmed[0] == '\0' || !g_ascii_isdigit (trimmed[0]))
    return -1;
  value = g_ascii_strtoll (trimmed, &end, 10);
  if (*end != '\0' || value > G_MAXINT)
    return -1;
  return (int)value;
}

/**
 * alliance_session_dialog_save:
 *
 * Saves the form. On success emits ::saved and closes; otherwise marks the
 * field, says why beneath it, and keeps the form open.
 */
gboolean
alliance_session_dialog_save (AllianceSessionDialog *self)
{
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  AllianceSessionField field = ALLIANCE_SESSION_FIELD_NONE;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_DIALOG (self), FALSE);

  session = alliance_session_copy (self->session);
  date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  time = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_row))));

  /* Check the date on its own first, so the message names the right field. */
  if (!alliance_date_parse (date, NULL, &error))
    {
      show_error (self, ALLIANCE_SESSION_FIELD_DATE, error);
      return FALSE;
    }
  g_free (session->starts_at);
  session->starts_at = alliance_date_time_join (date, time);
  if (session->starts_at == NULL)
    {
      g_autofree char *written = g_strdup_printf ("%s %s", date, time);

      if (alliance_date_time_parse (written, &error))
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("Write the time as hours and minutes, for example 14:30."));
      show_error (self, ALLIANCE_SESSION_FIELD_TIME, error);
      return FALSE;
    }
  session->duration_minutes = parse_minutes (gtk_editable_get_text (GTK_EDITABLE (self->duration_row)));
  session->attendance = (AllianceAttendance)adw_combo_row_get_selected (self->attendance_row);
  session->modality = (AllianceModality)adw_combo_row_get_selected (self->modality_row);
  session->kind = (AllianceSessionKind)adw_combo_row_get_selected (self->kind_row);

  if (!alliance_session_store_save_session (self->store, session, &field, &error))
    {
      show_error (self, field, error);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, session->id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  alliance_session_dialog_save (ALLIANCE_SESSION_DIALOG (widget));
}

static void
reason_changed_cb (GtkEditable      *reason,
                   GParamSpec       *pspec,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "mark", text[0] != '\0');
}

static void
mark_error_responded_cb (AdwMessageDialog      *dialog,
                         const char            *response,
                         AllianceSessionDialog *self)
{
  GtkEditable *reason = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "mark") != 0)
    return;
  if (!alliance_session_store_mark_entered_in_error (self->store, self->session->id,
                                                     gtk_editable_get_text (reason), &error))
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("The Session Was Not Marked"), error);
      return;
    }
  alliance_dialogs_close_later (GTK_WINDOW (self), FALSE);
}

static void
mark_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AllianceSessionDialog *self = ALLIANCE_SESSION_DIALOG (widget);
  GtkWidget *dialog = alliance_dialogs_new_message (widget, _("Mark This Session Entered in Error?"),
                                                    _("It stays in the record, set aside, with your reason; "
                                                      "the mark cannot be taken back."));
  GtkWidget *reason = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason, e.g. logged for the wrong client"));
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "mark", _("_Mark"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mark", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "mark", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mark");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (reason, "notify::text", G_CALLBACK (reason_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (mark_error_responded_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_responded_cb (AdwMessageDialog      *dialog,
                     const char            *response,
                     AllianceSessionDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!alliance_session_store_delete_session (self->store, self->session->id, &error))
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("The Session Was Not Deleted"), error);
      return;
    }
  alliance_dialogs_close_later (GTK_WINDOW (self), FALSE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllianceSessionDialog *self = ALLIANCE_SESSION_DIALOG (widget);
  GtkWidget *dialog = alliance_dialogs_new_message (widget, _("Delete This Session?"),
                                                    _("The session and its draft note are removed for good."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_responded_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
alliance_session_dialog_dispose (GObject *object)
{
  AllianceSessionDialog *self = (AllianceSessionDialog *)object;

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_SESSION_DIALOG);

  G_OBJECT_CLASS (alliance_session_dialog_parent_class)->dispose (object);
}

static void
alliance_session_dialog_finalize (GObject *object)
{
  AllianceSessionDialog *self = (AllianceSessionDialog *)object;

  g_clear_pointer (&self->session, alliance_session_free);

  G_OBJECT_CLASS (alliance_session_dialog_parent_class)->finalize (object);
}

static void
alliance_session_dialog_class_init (AllianceSessionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_session_dialog_dispose;
  object_class->finalize = alliance_session_dialog_finalize;

  /**
   * AllianceSessionDialog::saved:
   * @session_id: the session just saved
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-session-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, duration_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, when_error);
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, attendance_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, modality_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, record_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, error_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceSessionDialog, delete_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "session.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "session.mark-error", NULL, mark_error_action);
  gtk_widget_class_install_action (widget_class, "session.delete", NULL, delete_action);
}

static void
alliance_session_dialog_init (AllianceSessionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * alliance_session_dialog_new:
 * @session: the session to correct, or a suggestion (id 0) to log
 */
AllianceSessionDialog *
alliance_session_dialog_new (AllianceSessionStore  *store,
                             const AllianceSession *session)
{
  AllianceSessionDialog *self;
  g_autofree char *date = NULL;
  g_autofree char *duration = NULL;
  const char *time;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  self = g_object_new (ALLIANCE_TYPE_SESSION_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->session = alliance_session_copy (session);

  /* starts_at is "YYYY-MM-DD HH:MM": the two halves go to their fields. */
  date = g_strndup (session->starts_at ? session->starts_at : "", 10);
  time = session->starts_at && strlen (session->starts_at) > 11 ? session->starts_at + 11 : "";
  duration = g_strdup_printf ("%d", session->duration_minutes);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  gtk_editable_set_text (GTK_EDITABLE (self->duration_row), duration);
  adw_combo_row_set_selected (self->attendance_row, session->attendance);
  adw_combo_row_set_selected (self->modality_row, session->modality);
  adw_combo_row_set_selected (self->kind_row, session->kind);
  clear_error (self);

  /* A signed session keeps its facts: it can only be set aside. */
  gtk_widget_set_visible (self->record_group, session->id != 0);
  gtk_widget_set_visible (self->error_row, session->id != 0 && session->error_reason == NULL);
  gtk_widget_set_visible (self->delete_row, session->id != 0 && session->note_state != ALLIANCE_NOTE_STATE_SIGNED);
  adw_window_title_set_title (self->window_title, session->id == 0 ? _("Log Session") : _("Edit Session"));
  gtk_window_set_title (GTK_WINDOW (self), session->id == 0 ? _("Log Session") : _("Edit Session"));
  gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
  return self;
}
