/* alliance-excerpt-dialog.c */
#define G_LOG_DOMAIN "alliance-excerpt-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-date.h"
#include "alliance-excerpt-dialog.h"
#include "alliance-redaction.h"
#include "alliance-session.h"
#include "alliance-text.h"

/* How much of a note its row shows. */
#define PREVIEW_CHARS 80

typedef struct
{
  gint64  note_id;
  char   *title;      /* "Week 3 · session 2 · 4 Oct 2026": the app is identified, dates may show */
  char   *text;       /* the note's sections as one text */
} NoteChoice;

struct _AllianceExcerptDialog
{
  AdwWindow          parent_instance;

  AllianceRedactor  *redactor;
  GPtrArray         *notes;      /* NoteChoice *, newest first, as listed */
  int                current;    /* index into notes, or -1 */
  GArray            *spans;      /* AllianceRedactionSpan over the current note's text */
  GtkTextTag        *masked_tag;

  /* Template widgets */
  GtkStack          *stack;
  GtkListBox        *notes_list;
  GtkTextView       *text_view;
  GtkLabel          *count_label;
};

enum
{
  EXCERPT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AllianceExcerptDialog, alliance_excerpt_dialog, ADW_TYPE_WINDOW)

static void
note_choice_free (NoteChoice *choice)
{
  g_free (choice->title);
  g_free (choice->text);
  g_free (choice);
}

/* The sections in order, each under its label when the template has several. */
static char *
dup_note_text (const AllianceNote *note)
{
  guint n_sections = alliance_note_template_get_n_sections (note->template_id);
  GString *text = g_string_new (NULL);

  for (guint i = 0; note->sections != NULL && note->sections[i] != NULL && i < n_sections; i++)
    {
      if (alliance_text_is_blank (note->sections[i]))
        continue;
      if (text->len > 0)
        g_string_append (text, "\n\n");
      if (n_sections > 1)
        {
          g_string_append (text, alliance_note_template_get_section_label (note->template_id, i));
          g_string_append_c (text, '\n');
        }
      g_string_append (text, note->sections[i]);
    }
  return g_string_free (text, FALSE);
}

static char *
dup_preview (const char *text)
{
  g_autofree char *flat = g_strdup (text);

  g_strdelimit (flat, "\n\t", ' ');
  if (g_utf8_strlen (flat, -1) <= PREVIEW_CHARS)
    return g_steal_pointer (&flat);
  *g_utf8_offset_to_pointer (flat, PREVIEW_CHARS) = '\0';
  return g_strconcat (g_strstrip (flat), "…", NULL);
}

static void
add_note_row (AllianceExcerptDialog *self,
              const NoteChoice      *choice)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (choice->title);
  g_autofree char *preview_text = dup_preview (choice->text);
  GtkWidget *preview = gtk_label_new (preview_text);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (preview), 0);
  gtk_label_set_ellipsize (GTK_LABEL (preview), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (preview, "dim-label");
  gtk_widget_add_css_class (preview, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), preview);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, choice->title, -1);
  gtk_list_box_append (self->notes_list, row);
}

static void
load_notes (AllianceExcerptDialog     *self,
            AllianceSessionStore      *sessions,
            const AllianceReviewEntry *entry)
{
  /* Newest first: the last session is the one most often brought. */
  for (guint i = entry->sessions->len; i-- > 0;)
    {
      const AllianceSession *session = g_ptr_array_index (entry->sessions, i);
      g_autoptr(AllianceNote) note = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *when = NULL;
      g_autofree char *date = NULL;
      g_autofree char *day = NULL;
      NoteChoice *choice;

      if (session->note_state == ALLIANCE_NOTE_STATE_NONE)
        continue;
      note = alliance_session_store_load_note (sessions, session->id, &error);
      if (note == NULL)
        {
          /* No clinical text in the log: only that a note could not be read. */
          if (error != NULL)
            g_debug ("Could not load a note for an excerpt: %s", error->message);
          continue;
        }
      choice = g_new0 (NoteChoice, 1);
      choice->note_id = note->id;
      choice->text = dup_note_text (note);
      if (choice->text[0] == '\0')
        {
          note_choice_free (choice);
          continue;
        }
      when = alliance_review_describe_session_time (entry->start_date, session->starts_at, session->number);
      day = g_strndup (session->starts_at, 10);
      date = alliance_date_format (day);
      /* Translators: a note to choose an excerpt from: "Week 3 · session 2" and the session's date */
      choice->title = g_strdup_printf (_("%s · %s"), when, date ? date : day);
      g_ptr_array_add (self->notes, choice);
      add_note_row (self, choice);
    }
}

static void
add_listing_names (const AllianceClientListing *listing,
                   gpointer                     user_data)
{
  AllianceRedactor *redactor = user_data;

  alliance_redactor_add_name (redactor, listing->given_name);
  alliance_redactor_add_name (redactor, listing->family_name);
  alliance_redactor_add_name (redactor, listing->preferred_name);
}

static void
get_iter_at_byte (GtkTextBuffer *buffer,
                  const char    *text,
                  gsize          byte,
                  GtkTextIter   *iter)
{
  gtk_text_buffer_get_iter_at_offset (buffer, iter, (int)g_utf8_pointer_to_offset (text, text + byte));
}

static void
show_spans (AllianceExcerptDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *text = alliance_excerpt_dialog_get_text (self);
  GtkTextIter start, end;
  g_autofree char *count = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->masked_tag, &start, &end);
  for (guint i = 0; self->spans != NULL && i < self->spans->len; i++)
    {
      const AllianceRedactionSpan *span = &g_array_index (self->spans, AllianceRedactionSpan, i);

      get_iter_at_byte (buffer, text, span->start, &start);
      get_iter_at_byte (buffer, text, span->end, &end);
      gtk_text_buffer_apply_tag (buffer, self->masked_tag, &start, &end);
    }
  /* Translators: under the note text in the excerpt dialog */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u passage masked", "%u passages masked",
                                        self->spans ? self->spans->len : 0),
                           self->spans ? self->spans->len : 0);
  gtk_label_set_text (self->count_label, count);
}

static void
update_actions (AllianceExcerptDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "excerpt.add", self->current >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "excerpt.mask-selection",
                                 self->current >= 0 && gtk_text_buffer_get_has_selection (buffer));
}

static void
show_note (AllianceExcerptDialog *self,
           int                    index)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *text;

  self->current = index;
  g_clear_pointer (&self->spans, g_array_unref);
  text = alliance_excerpt_dialog_get_text (self);
  gtk_text_buffer_set_text (buffer, text, -1);
  if (index >= 0)
    self->spans = alliance_redactor_detect (self->redactor, text);
  show_spans (self);
  update_actions (self);
}

static void
note_selected_cb (AllianceExcerptDialog *self,
                  GtkListBoxRow         *row)
{
  /* The list empties itself as the dialog is torn down. */
  if (self->text_view == NULL)
    return;
  show_note (self, row ? gtk_list_box_row_get_index (row) : -1);
}

static void
selection_changed_cb (AllianceExcerptDialog *self)
{
  /* Also while the dialog is being torn down. */
  if (self->text_view != NULL)
    update_actions (self);
}

static void
mask_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AllianceExcerptDialog *self = ALLIANCE_EXCERPT_DIALOG (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *text = alliance_excerpt_dialog_get_text (self);
  GtkTextIter start, end;
  gsize start_byte, end_byte;

  if (self->current < 0 || !gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;
  start_byte = g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&start)) - text;
  end_byte = g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&end)) - text;
  alliance_redaction_add_span (self->spans, start_byte, end_byte, ALLIANCE_REDACTION_MANUAL);
  show_spans (self);
  /* Collapse the selection so the mask shows, and the next one starts here. */
  gtk_text_buffer_place_cursor (buffer, &end);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AllianceExcerptDialog *self = ALLIANCE_EXCERPT_DIALOG (widget);
  g_autofree char *masked = NULL;
  const NoteChoice *choice;

  if (self->current < 0)
    return;
  choice = g_ptr_array_index (self->notes, self->current);
  masked = alliance_excerpt_dialog_dup_masked_text (self);
  g_signal_emit (self, signals[EXCERPT_CHOSEN], 0, choice->note_id, masked);
  gtk_window_close (GTK_WINDOW (self));
}

static void
alliance_excerpt_dialog_dispose (GObject *object)
{
  AllianceExcerptDialog *self = (AllianceExcerptDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_EXCERPT_DIALOG);

  G_OBJECT_CLASS (alliance_excerpt_dialog_parent_class)->dispose (object);
}

static void
alliance_excerpt_dialog_finalize (GObject *object)
{
  AllianceExcerptDialog *self = (AllianceExcerptDialog *)object;

  g_clear_object (&self->redactor);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->spans, g_array_unref);

  G_OBJECT_CLASS (alliance_excerpt_dialog_parent_class)->finalize (object);
}

static void
alliance_excerpt_dialog_class_init (AllianceExcerptDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_excerpt_dialog_dispose;
  object_class->finalize = alliance_excerpt_dialog_finalize;

  /**
   * AllianceExcerptDialog::excerpt-chosen:
   * @note_id: the note it was taken from
   * @text: the note's text with every mask applied
   */
  signals[EXCERPT_CHOSEN] = g_signal_new ("excerpt-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-excerpt-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceExcerptDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AllianceExcerptDialog, notes_list);
  gtk_widget_class_bind_template_child (widget_class, AllianceExcerptDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, AllianceExcerptDialog, count_label);
  gtk_widget_class_bind_template_callback (widget_class, note_selected_cb);

  gtk_widget_class_install_action (widget_class, "excerpt.mask-selection", NULL, mask_selection_action);
  gtk_widget_class_install_action (widget_class, "excerpt.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "excerpt.mask-selection", NULL);
}

static void
alliance_excerpt_dialog_init (AllianceExcerptDialog *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify)note_choice_free);
  self->current = -1;

  buffer = gtk_text_view_get_buffer (self->text_view);
  /* Struck through on a highlight: readable for the therapist, plainly
   * marked as what the supervisor will not see. */
  self->masked_tag = gtk_text_buffer_create_tag (buffer, "masked", "background-rgba",
                                                 &(GdkRGBA) { 0.96, 0.76, 0.07, 0.45 }, "strikethrough", TRUE, NULL);
  g_signal_connect_object (buffer, "notify::has-selection", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

AllianceExcerptDialog *
alliance_excerpt_dialog_new (AllianceClientStore       *clients,
                             AllianceSessionStore      *sessions,
                             const AllianceReviewEntry *entry)
{
  AllianceExcerptDialog *self;
  g_autoptr(AllianceClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (clients), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (sessions), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (ALLIANCE_TYPE_EXCERPT_DIALOG, NULL);
  self->redactor = alliance_redactor_new ();
  /* Every client's names: a note may mention another client. */
  if (!alliance_client_store_foreach_listing (clients, add_listing_names, self->redactor, &error))
    g_debug ("Could not list the clients’ names: %s", error->message);
  /* This client's emergency contact too, who is named in no listing. */
  client = alliance_client_store_load (clients, entry->client_id, NULL);
  if (client != NULL)
    alliance_redactor_add_name (self->redactor, client->emergency_name);

  load_notes (self, sessions, entry);
  gtk_stack_set_visible_child_name (self->stack, self->notes->len > 0 ? "notes" : "none");
  if (self->notes->len > 0)
    alliance_excerpt_dialog_select_note (self, 0);
  return self;
}

guint
alliance_excerpt_dialog_get_n_notes (AllianceExcerptDialog *self)
{
  g_return_val_if_fail (ALLIANCE_IS_EXCERPT_DIALOG (self), 0);

  return self->notes->len;
}

void
alliance_excerpt_dialog_select_note (AllianceExcerptDialog *self,
                                     guint                  index)
{
  g_return_if_fail (ALLIANCE_IS_EXCERPT_DIALOG (self));
  g_return_if_fail (index < self->notes->len);

  gtk_list_box_select_row (self->notes_list, gtk_list_box_get_row_at_index (self->notes_list, (int)index));
}

const char *
alliance_excerpt_dialog_get_text (AllianceExcerptDialog *self)
{
  g_return_val_if_fail (ALLIANCE_IS_EXCERPT_DIALOG (self), NULL);

  if (self->current < 0)
    return "";
  return ((NoteChoice *)g_ptr_array_index (self->notes, self->current))->text;
}

const GArray *
alliance_excerpt_dialog_get_spans (AllianceExcerptDialog *self)
{
  g_return_val_if_fail (ALLIANCE_IS_EXCERPT_DIALOG (self), NULL);

  return self->spans;
}

char *
alliance_excerpt_dialog_dup_masked_text (AllianceExcerptDialog *self)
{
  g_return_val_if_fail (ALLIANCE_IS_EXCERPT_DIALOG (self), NULL);

  if (self->current < 0)
    return g_strdup ("");
  return alliance_redaction_apply (alliance_excerpt_dialog_get_text (self), self->spans);
}
