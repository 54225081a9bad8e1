/* alliance-note-editor.c */
#define G_LOG_DOMAIN "alliance-note-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-note-editor.h"

/* Autosave this long after typing pauses: well inside the promise that at
 * most the last two seconds of typing can be lost. */
#define AUTOSAVE_DELAY_MS 1000

struct _AllianceNoteEditor
{
  AdwWindow             parent_instance;

  AllianceSessionStore *store;
  AllianceClient       *client;
  AllianceSession      *session;
  AllianceNote         *note;
  GSettings            *settings;
  GPtrArray            *section_views;   /* GtkTextView, one per section */
  guint                 autosave_source;
  gboolean              dirty;
  gboolean              filling;         /* changes made by the editor itself */

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkDropDown          *template_dropdown;
  GtkWidget            *sign_button;
  GtkLabel             *save_state_label;
  GtkLabel             *signed_label;
  GtkBox               *sections_box;
  GtkExpander          *process_expander;
  GtkTextView          *process_view;
  GtkWidget            *addenda_box;
  GtkBox               *addenda_list;
  GtkTextView          *addendum_view;
};

G_DEFINE_FINAL_TYPE (AllianceNoteEditor, alliance_note_editor, ADW_TYPE_WINDOW)

static char *
buffer_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

/* "Session 12 · 20 November 2026, 10:00", or without a number when the
 * session does not count (missed, or entered in error). */
char *
alliance_note_editor_describe_session (const AllianceSession *session)
{
  g_autofree char *date = g_strndup (session->starts_at, 10);
  g_autofree char *formatted = alliance_date_format (date);
  const char *time = strlen (session->starts_at) > 11 ? session->starts_at + 11 : "";

  if (session->number > 0)
    /* Translators: session number, date, time — e.g. "Session 12 · 20 November 2026, 10:00" */
    return g_strdup_printf (_("Session %d · %s, %s"), session->number, formatted, time);
  /* Translators: date, time of a session without a number */
  return g_strdup_printf (_("%s, %s"), formatted, time);
}

static void
show_save_state (AllianceNoteEditor *self,
                 const char         *state,
                 gboolean            is_problem)
{
  gtk_label_set_text (self->save_state_label, state);
  if (is_problem)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_state_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->save_state_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_state_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->save_state_label), "dim-label");
    }
}

static void
read_form (AllianceNoteEditor *self)
{
  for (guint i = 0; i < self->section_views->len; i++)
    {
      g_free (self->note->sections[i]);
      self->note->sections[i] = buffer_dup_text (g_ptr_array_index (self->section_views, i));
    }
  g_free (self->note->process_note);
  self->note->process_note = buffer_dup_text (self->process_view);
}

static void
update_state (AllianceNoteEditor *self)
{
  gboolean is_signed = alliance_note_is_signed (self->note);

  for (guint i = 0; i < self->section_views->len; i++)
    gtk_text_view_set_editable (g_ptr_array_index (self->section_views, i), !is_signed);
  gtk_text_view_set_editable (self->process_view, !is_signed);

  /* A template is chosen before writing; afterwards a switch would lose text. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->template_dropdown), !is_signed && alliance_note_is_empty (self->note));
  gtk_widget_set_visible (self->sign_button, !is_signed);
  gtk_widget_set_visible (GTK_WIDGET (self->signed_label), is_signed);
  gtk_widget_set_visible (self->addenda_box, is_signed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.sign", !is_signed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.add-addendum", is_signed);

  if (is_signed)
    {
      g_autofree char *date = g_strndup (self->note->signed_at, 10);
      g_autofree char *when = alliance_date_format (date);
      g_autofree char *text =
        /* Translators: signer, date, then the first characters of the SHA-256 fingerprint */
        g_strdup_printf (_("Signed by %s on %s. This note can no longer change; add an addendum to correct it. "
                           "Fingerprint %.16s…"),
                         self->note->signed_by, when, self->note->content_sha256);
      gtk_label_set_text (self->signed_label, text);
      show_save_state (self, "", FALSE);
    }
}

static void
show_addenda (AllianceNoteEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->addenda_list))) != NULL)
    gtk_box_remove (self->addenda_list, child);

  for (guint i = 0; self->note->addenda != NULL && i < self->note->addenda->len; i++)
    {
      const AllianceAddendum *addendum = g_ptr_array_index (self->note->addenda, i);
      g_autofree char *date = g_strndup (addendum->signed_at, 10);
      g_autofree char *when = alliance_date_format (date);
      /* Translators: an addendum's text, then who signed it and when */
      g_autofree char *text = g_strdup_printf (_("%s\n— Addendum signed by %s on %s"), addendum->body,
                                               addendum->signed_by, when);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "card");
      gtk_widget_add_css_class (label, "addendum");
      gtk_box_append (self->addenda_list, label);
    }
}

static void text_changed_cb (AllianceNoteEditor *self);

/* Each section is a fixed-height box that scrolls on its own: a text view
 * asked for its whole height lays out all its text at once, which froze the
 * window for ~0.6 s after pasting a 1 MB note (35 ms this way). */
static GtkWidget *
wrap_in_scroller (GtkWidget *view,
                  int        min_height)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), min_height);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_add_css_class (scroller, "card");
  return scroller;
}

static void
build_sections (AllianceNoteEditor *self)
{
  GtkWidget *child;
  guint n_sections = alliance_note_template_get_n_sections (self->note->template_id);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
  g_ptr_array_set_size (self->section_views, 0);

  self->filling = TRUE;
  for (guint i = 0; i < n_sections; i++)
    {
      const char *heading = alliance_note_template_get_section_label (self->note->template_id, i);
      GtkWidget *label = gtk_label_new (heading);
      GtkWidget *view = gtk_text_view_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, i == 0 ? 0 : 12);

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      /* Tab moves to the next section, as in any form. */
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
      gtk_widget_add_css_class (view, "note-text");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
      set_buffer_text (GTK_TEXT_VIEW (view), self->note->sections[i]);
      g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                               G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);

      gtk_box_append (self->sections_box, label);
      gtk_box_append (self->sections_box, wrap_in_scroller (view, n_sections == 1 ? 400 : 140));
      g_ptr_array_add (self->section_views, view);
    }
  self->filling = FALSE;
}

/**
 * alliance_note_editor_save_now:
 *
 * Writes the draft if anything changed. Returns %FALSE only when a change
 * could not be saved; the editor then says so and keeps the text.
 */
gboolean
alliance_note_editor_save_now (AllianceNoteEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ALLIANCE_IS_NOTE_EDITOR (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (!self->dirty || alliance_note_is_signed (self->note))
    return TRUE;

  read_form (self);
  if (!alliance_session_store_save_draft (self->store, self->note, &error))
    {
      g_autofree char *state = g_strdup_printf (_("Not saved: %s"), error->message);
      show_save_state (self, state, TRUE);
      return FALSE;
    }

  self->dirty = FALSE;
  /* Translators: the quiet state shown once a draft is safely on disk */
  show_save_state (self, _("Saved"), FALSE);
  update_state (self);
  return TRUE;
}

static gboolean
autosave_timeout_cb (gpointer user_data)
{
  AllianceNoteEditor *self = user_data;

  self->autosave_source = 0;
  alliance_note_editor_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (AllianceNoteEditor *self)
{
  if (self->filling || alliance_note_is_signed (self->note))
    return;

  self->dirty = TRUE;
  /* Translators: shown while a draft has changes not yet on disk */
  show_save_state (self, _("Editing…"), FALSE);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_timeout_cb, self);
}

static void
active_changed_cb (AllianceNoteEditor *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    alliance_note_editor_save_now (self);
}

static void
close_anyway_cb (AdwMessageDialog   *dialog,
                 const char         *response,
                 AllianceNoteEditor *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->dirty = FALSE;
      alliance_dialogs_close_later (GTK_WINDOW (self), TRUE);
    }
}

static gboolean
close_requested_cb (AllianceNoteEditor *self)
{
  GtkWidget *dialog;

  if (alliance_note_editor_save_now (self))
    return FALSE;

  /* Never lose typing silently: the person decides. */
  dialog = alliance_dialogs_new_message (GTK_WIDGET (self), _("The Note Could Not Be Saved"),
                                         gtk_label_get_text (self->save_state_label));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Close Without Saving"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_anyway_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
template_selected_cb (AllianceNoteEditor *self)
{
  AllianceNoteTemplate template_id = (AllianceNoteTemplate)gtk_drop_down_get_selected (self->template_dropdown);
  g_autoptr(AllianceNote) replacement = NULL;

  if (self->filling || self->note == NULL || template_id >= ALLIANCE_NOTE_N_TEMPLATES ||
      template_id == self->note->template_id || !alliance_note_is_empty (self->note))
    return;

  replacement = alliance_note_new (self->note->session_id, template_id);
  replacement->id = self->note->id;
  g_clear_pointer (&self->note, alliance_note_free);
  self->note = g_steal_pointer (&replacement);
  build_sections (self);
  if (self->note->id != 0)
    {
      self->dirty = TRUE;
      alliance_note_editor_save_now (self);
    }
}

/**
 * alliance_note_editor_sign:
 *
 * Saves and signs the note with the signer from the preferences, without
 * asking: the Sign action asks first, then calls this.
 */
gboolean
alliance_note_editor_sign (AllianceNoteEditor  *self,
                           GError             **error)
{
  g_autofree char *signer = NULL;

  g_return_val_if_fail (ALLIANCE_IS_NOTE_EDITOR (self), FALSE);

  read_form (self);
  signer = g_settings_get_string (self->settings, "signer-name");
  if (!alliance_session_store_sign_note (self->store, self->note, signer, error))
    return FALSE;

  self->dirty = FALSE;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  update_state (self);
  show_addenda (self);
  return TRUE;
}

static void
sign_confirmed_cb (AdwMessageDialog   *dialog,
                   const char         *response,
                   AllianceNoteEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "sign") != 0)
    return;
  if (!alliance_note_editor_sign (self, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("The Note Was Not Signed"), error);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AllianceNoteEditor *self = ALLIANCE_NOTE_EDITOR (widget);
  g_autofree char *name = alliance_client_dup_display_name (self->client);
  g_autofree char *session = alliance_note_editor_describe_session (self->session);
  /* Translators: client name, then e.g. "Session 12 · 20 November 2026, 10:00" */
  g_autofree char *heading = g_strdup_printf (_("Sign the Note for %s?"), name);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s describes the session */
  body = g_strdup_printf (_("%s. A signed note can never be changed; corrections are added below it as dated, "
                            "signed addenda."),
                          session);
  dialog = alliance_dialogs_new_message (widget, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign", _("_Sign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_addendum_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AllianceNoteEditor *self = ALLIANCE_NOTE_EDITOR (widget);
  g_autofree char *body = buffer_dup_text (self->addendum_view);
  g_autofree char *signer = g_settings_get_string (self->settings, "signer-name");
  g_autoptr(GError) error = NULL;

  if (!alliance_session_store_add_addendum (self->store, self->note, body, signer, &error))
    {
      alliance_dialogs_show_error (widget, _("The Addendum Was Not Added"), error);
      return;
    }
  set_buffer_text (self->addendum_view, "");
  show_addenda (self);
}

static void
alliance_note_editor_dispose (GObject *object)
{
  AllianceNoteEditor *self = (AllianceNoteEditor *)object;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_NOTE_EDITOR);

  G_OBJECT_CLASS (alliance_note_editor_parent_class)->dispose (object);
}

static void
alliance_note_editor_finalize (GObject *object)
{
  AllianceNoteEditor *self = (AllianceNoteEditor *)object;

  g_clear_pointer (&self->client, alliance_client_free);
  g_clear_pointer (&self->session, alliance_session_free);
  g_clear_pointer (&self->note, alliance_note_free);
  g_clear_pointer (&self->section_views, g_ptr_array_unref);

  G_OBJECT_CLASS (alliance_note_editor_parent_class)->finalize (object);
}

static void
alliance_note_editor_class_init (AllianceNoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_note_editor_dispose;
  object_class->finalize = alliance_note_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-note-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, template_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, sign_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, save_state_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, signed_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, sections_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, process_expander);
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, process_view);
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, addenda_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, addenda_list);
  gtk_widget_class_bind_template_child (widget_class, AllianceNoteEditor, addendum_view);
  gtk_widget_class_bind_template_callback (widget_class, close_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, active_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_selected_cb);

  gtk_widget_class_install_action (widget_class, "note.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "note.add-addendum", NULL, add_addendum_action);
}

static void
alliance_note_editor_init (AllianceNoteEditor *self)
{
  self->section_views = g_ptr_array_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
}

AllianceNoteEditor *
alliance_note_editor_new (AllianceSessionStore  *store,
                          const AllianceClient  *client,
                          const AllianceSession *session)
{
  AllianceNoteEditor *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (store), NULL);
  g_return_val_if_fail (client != NULL, NULL);
  g_return_val_if_fail (session != NULL && session->id != 0, NULL);

  self = g_object_new (ALLIANCE_TYPE_NOTE_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->client = alliance_client_copy (client);
  self->session = alliance_session_copy (session);

  self->note = alliance_session_store_load_note (store, session->id, &error);
  if (self->note == NULL)
    {
      g_autofree char *template_name = g_settings_get_string (self->settings, "default-note-template");
      AllianceNoteTemplate template_id = ALLIANCE_NOTE_TEMPLATE_SOAP;

      /* No note yet: an empty one, written to disk with the first keystroke. */
      alliance_note_template_from_string (template_name, &template_id);
      self->note = alliance_note_new (session->id, template_id);
    }

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->template_dropdown, self->note->template_id);
  set_buffer_text (self->process_view, self->note->process_note);
  gtk_expander_set_expanded (self->process_expander, self->note->process_note && self->note->process_note[0]);
  self->filling = FALSE;
  g_signal_connect_object (gtk_text_view_get_buffer (self->process_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  build_sections (self);
  show_addenda (self);
  update_state (self);
  if (self->note->id != 0 && !alliance_note_is_signed (self->note))
    show_save_state (self, _("Saved"), FALSE);

  /* The window title names no client: it can show in task switchers. */
  gtk_window_set_title (GTK_WINDOW (self), _("Progress Note"));
  name = alliance_client_dup_display_name (client);
  description = alliance_note_editor_describe_session (session);
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, description);
  if (self->section_views->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->section_views, 0));
  return self;
}

const AllianceNote *
alliance_note_editor_get_note (AllianceNoteEditor *self)
{
  g_return_val_if_fail (ALLIANCE_IS_NOTE_EDITOR (self), NULL);

  return self->note;
}
