/* alliance-supervision-card.c */
#define G_LOG_DOMAIN "alliance-supervision-card"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-chart-view.h"
#include "alliance-date.h"
#include "alliance-supervision-card.h"

/* Long enough to cover a word being typed, short enough that closing the
 * window right after typing loses nothing (focus-out also saves). */
#define QUESTION_SAVE_DELAY_MS 400

struct _AllianceSupervisionCard
{
  AdwBin                     parent_instance;

  const AllianceReviewEntry *entry;          /* borrowed from the page */
  GPtrArray                 *review_rows;    /* flag and action item rows in review_list */
  GPtrArray                 *excerpt_rows;   /* in agenda_list */
  guint                      question_timeout;
  gboolean                   updating;       /* set by the page, not the therapist */

  /* Template widgets */
  GtkButton                 *name_button;
  GtkLabel                  *name_label;
  GtkLabel                  *summary_label;
  GtkListBox                *review_list;
  GtkStack                  *chart_stack;
  AllianceChartView         *chart_view;
  GtkLabel                  *facts_label;
  GtkListBox                *agenda_list;
  GtkSwitch                 *agenda_switch;
  AdwEntryRow               *question_row;
  AdwActionRow              *add_excerpt_row;
};

enum
{
  OPEN_CLIENT,
  AGENDA_TOGGLED,
  QUESTION_CHANGED,
  ADD_EXCERPT,
  REMOVE_EXCERPT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AllianceSupervisionCard, alliance_supervision_card, ADW_TYPE_BIN)

static const char *
get_severity_style (AllianceFlagSeverity severity)
{
  switch (severity)
    {
    case ALLIANCE_FLAG_SEVERITY_URGENT:
      return "error";
    case ALLIANCE_FLAG_SEVERITY_WARNING:
      return "warning";
    case ALLIANCE_FLAG_SEVERITY_NOTICE:
    case ALLIANCE_FLAG_SEVERITY_NONE:
    default:
      return "dim-label";
    }
}

static void
remove_rows (GtkListBox *list,
             GPtrArray  *rows)
{
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_remove (list, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static char *
describe_facts (const AllianceReviewEntry *entry)
{
  GString *text = g_string_new (NULL);

  /* Translators: sessions dated in the supervision period; the second number is how many were attended */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u session in the period (%u attended)",
                                             "%u sessions in the period (%u attended)", entry->n_sessions),
                          entry->n_sessions, entry->n_attended);
  if (entry->unrepaired_ruptures->len > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u unrepaired rupture", "%u unrepaired ruptures",
                                                 entry->unrepaired_ruptures->len),
                              entry->unrepaired_ruptures->len);
    }
  if (entry->boundary_events->len > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u boundary event", "%u boundary events",
                                                 entry->boundary_events->len),
                              entry->boundary_events->len);
    }
  if (entry->open_action_items->len > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u open action item", "%u open action items",
                                                 entry->open_action_items->len),
                              entry->open_action_items->len);
    }
  return g_string_free (text, FALSE);
}

static void
add_review_row (AllianceSupervisionCard *self,
                const char              *title,
                const char              *subtitle,
                const char              *icon_name,
                const char              *icon_style,
                const char              *icon_description)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  /* Flag reasons and recommendations are sentences, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  gtk_widget_add_css_class (icon, icon_style);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, icon_description, -1);
  gtk_widget_set_tooltip_text (icon, icon_description);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (self->review_list, row);
  g_ptr_array_add (self->review_rows, row);
}

static void
show_review (AllianceSupervisionCard *self)
{
  const AllianceReviewEntry *entry = self->entry;
  g_autofree char *summary = NULL;
  g_autofree char *facts = NULL;

  remove_rows (self->review_list, self->review_rows);
  if (entry == NULL)
    return;

  gtk_label_set_text (self->name_label, entry->display_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry->display_name, -1);
  /* Translators: a client's code and status, "C-0004 · Active" */
  summary = g_strdup_printf (_("%s · %s"), entry->code, alliance_client_status_get_label (entry->status));
  gtk_label_set_text (self->summary_label, summary);
  facts = describe_facts (entry);
  gtk_label_set_text (self->facts_label, facts);

  for (guint i = 0; entry->flags->flags != NULL && i < entry->flags->flags->len; i++)
    {
      const AllianceFlag *flag = g_ptr_array_index (entry->flags->flags, i);

      add_review_row (self, alliance_flag_get_title (flag->id), flag->reason, alliance_flag_get_icon_name (flag->id),
                      get_severity_style (flag->severity), alliance_flag_severity_get_label (flag->severity));
    }
  for (guint i = 0; i < entry->open_action_items->len; i++)
    {
      const AllianceActionItem *item = g_ptr_array_index (entry->open_action_items, i);
      g_autofree char *date = item->meeting_date ? alliance_date_format (item->meeting_date) : NULL;
      /* Translators: under an open action item; %s is the date of the supervision meeting */
      g_autofree char *origin = date ? g_strdup_printf (_("Recommended in supervision on %s"), date) : NULL;

      add_review_row (self, item->text, origin, "checkbox-symbolic", "dim-label", _("Open action item"));
    }
}

static void
cancel_question_save (AllianceSupervisionCard *self)
{
  g_clear_handle_id (&self->question_timeout, g_source_remove);
}

static gboolean
question_timeout_cb (gpointer user_data)
{
  AllianceSupervisionCard *self = user_data;

  self->question_timeout = 0;
  g_signal_emit (self, signals[QUESTION_CHANGED], 0, gtk_editable_get_text (GTK_EDITABLE (self->question_row)));
  return G_SOURCE_REMOVE;
}

static void
question_changed_cb (AllianceSupervisionCard *self)
{
  if (self->updating)
    return;
  cancel_question_save (self);
  self->question_timeout = g_timeout_add (QUESTION_SAVE_DELAY_MS, question_timeout_cb, self);
}

/* Leaving the field, or Enter in it. */
static void
question_focus_left_cb (AllianceSupervisionCard *self)
{
  alliance_supervision_card_flush_question (self);
}

static void
name_clicked_cb (AllianceSupervisionCard *self)
{
  g_signal_emit (self, signals[OPEN_CLIENT], 0);
}

static void
agenda_switched_cb (AllianceSupervisionCard *self)
{
  if (self->updating)
    return;
  alliance_supervision_card_flush_question (self);
  g_signal_emit (self, signals[AGENDA_TOGGLED], 0, gtk_switch_get_active (self->agenda_switch));
}

static void
agenda_row_activated_cb (AllianceSupervisionCard *self,
                         GtkListBoxRow           *row)
{
  if (row == GTK_LIST_BOX_ROW (self->add_excerpt_row))
    g_signal_emit (self, signals[ADD_EXCERPT], 0);
}

static void
remove_excerpt_clicked_cb (GtkButton               *button,
                           AllianceSupervisionCard *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "excerpt-index"));

  g_signal_emit (self, signals[REMOVE_EXCERPT], 0, index);
}

static void
show_excerpts (AllianceSupervisionCard             *self,
               const AllianceSupervisionDiscussion *discussion)
{
  remove_rows (self->agenda_list, self->excerpt_rows);
  for (guint i = 0; discussion != NULL && i < discussion->excerpts->len; i++)
    {
      const AllianceSupervisionExcerpt *excerpt = g_ptr_array_index (discussion->excerpts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: the title of an excerpt chosen for supervision; %u counts from 1 */
      g_autofree char *title = g_strdup_printf (_("Excerpt %u"), i + 1);
      g_autofree char *label = g_strdup_printf (_("Remove excerpt %u"), i + 1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), excerpt->text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Excerpt"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (remove), "excerpt-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_excerpt_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      /* After the switch and the question, in order. */
      gtk_list_box_insert (self->agenda_list, row, 2 + (int)i);
      g_ptr_array_add (self->excerpt_rows, row);
    }
}

static void
alliance_supervision_card_dispose (GObject *object)
{
  AllianceSupervisionCard *self = (AllianceSupervisionCard *)object;

  cancel_question_save (self);
  /* No gtk_widget_dispose_template (): the template's one child belongs to
   * AdwBin, which unparents it. */
  self->entry = NULL;

  G_OBJECT_CLASS (alliance_supervision_card_parent_class)->dispose (object);
}

static void
alliance_supervision_card_finalize (GObject *object)
{
  AllianceSupervisionCard *self = (AllianceSupervisionCard *)object;

  g_clear_pointer (&self->review_rows, g_ptr_array_unref);
  g_clear_pointer (&self->excerpt_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (alliance_supervision_card_parent_class)->finalize (object);
}

static void
alliance_supervision_card_class_init (AllianceSupervisionCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_supervision_card_dispose;
  object_class->finalize = alliance_supervision_card_finalize;

  /**
   * AllianceSupervisionCard::open-client:
   * The therapist chose the client's name.
   */
  signals[OPEN_CLIENT] = g_signal_new ("open-client", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 0);
  signals[AGENDA_TOGGLED] = g_signal_new ("agenda-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * AllianceSupervisionCard::question-changed:
   * The question, once typing paused or the field lost focus.
   */
  signals[QUESTION_CHANGED] = g_signal_new ("question-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ADD_EXCERPT] = g_signal_new ("add-excerpt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 0);
  signals[REMOVE_EXCERPT] = g_signal_new ("remove-excerpt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (ALLIANCE_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-supervision-card.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, name_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, review_list);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, chart_view);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, facts_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, agenda_switch);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, question_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionCard, add_excerpt_row);
  gtk_widget_class_bind_template_callback (widget_class, name_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, agenda_switched_cb);
  gtk_widget_class_bind_template_callback (widget_class, agenda_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, question_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, question_focus_left_cb);
}

static void
alliance_supervision_card_init (AllianceSupervisionCard *self)
{
  GtkEventController *focus;

  self->review_rows = g_ptr_array_new ();
  self->excerpt_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Leaving the field saves at once, not 400 ms later. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (question_focus_left_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->question_row), focus);
}

GtkWidget *
alliance_supervision_card_new (void)
{
  return g_object_new (ALLIANCE_TYPE_SUPERVISION_CARD, NULL);
}

void
alliance_supervision_card_set_entry (AllianceSupervisionCard   *self,
                                     const AllianceReviewEntry *entry)
{
  g_return_if_fail (ALLIANCE_IS_SUPERVISION_CARD (self));

  self->entry = entry;
  show_review (self);
}

gint64
alliance_supervision_card_get_client_id (AllianceSupervisionCard *self)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_CARD (self), 0);

  return self->entry ? self->entry->client_id : 0;
}

void
alliance_supervision_card_set_chart (AllianceSupervisionCard *self,
                                     const AllianceChartData *data)
{
  g_return_if_fail (ALLIANCE_IS_SUPERVISION_CARD (self));

  alliance_chart_view_set_data (self->chart_view, data);
  gtk_stack_set_visible_child_name (self->chart_stack,
                                    data != NULL && alliance_chart_data_count_scores (data) > 0 ? "chart" : "none");
}

void
alliance_supervision_card_set_discussion (AllianceSupervisionCard             *self,
                                          const AllianceSupervisionDiscussion *discussion)
{
  GtkEditable *question;

  g_return_if_fail (ALLIANCE_IS_SUPERVISION_CARD (self));

  question = GTK_EDITABLE (self->question_row);
  self->updating = TRUE;
  gtk_switch_set_active (self->agenda_switch, discussion != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->question_row), discussion != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->add_excerpt_row), discussion != NULL);
  /* What is being typed wins over what was saved a moment ago. */
  if (discussion == NULL)
    {
      cancel_question_save (self);
      gtk_editable_set_text (question, "");
    }
  else if (self->question_timeout == 0 && g_strcmp0 (gtk_editable_get_text (question), discussion->question) != 0)
    gtk_editable_set_text (question, discussion->question ? discussion->question : "");
  show_excerpts (self, discussion);
  self->updating = FALSE;
}

void
alliance_supervision_card_flush_question (AllianceSupervisionCard *self)
{
  g_return_if_fail (ALLIANCE_IS_SUPERVISION_CARD (self));

  if (self->question_timeout == 0)
    return;
  cancel_question_save (self);
  question_timeout_cb (self);
}
