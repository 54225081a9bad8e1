/* alliance-meeting-window.c */
#define G_LOG_DOMAIN "alliance-meeting-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "alliance-client.h"
#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-meeting-window.h"
#include "alliance-text.h"

/* Autosave this long after typing pauses, as the note editor does. */
#define AUTOSAVE_DELAY_MS 1000

typedef struct
{
  char     *name;
  char     *code;
  gboolean  active;   /* in therapy and not archived: may be added */
} ClientLabel;

/* The widgets of one client's part of the meeting. */
typedef struct
{
  gint64       client_id;
  GtkWidget   *box;
  GtkWidget   *remove_button;
  AdwEntryRow *question_row;
  AdwActionRow *question_text_row;   /* the question once signed, wrapped to be read whole */
  GtkTextView *discussion_view;
  GtkListBox  *items_list;
  AdwEntryRow *new_item_row;
  GtkWidget   *add_item_button;
  GtkLabel    *item_error_label;
} DiscussionView;

struct _AllianceMeetingWindow
{
  AdwWindow                 parent_instance;

  AllianceSupervisionStore *supervision;
  AllianceClientStore      *clients;
  AllianceSessionStore     *sessions;
  AllianceMeeting          *meeting;
  GSettings                *settings;
  GHashTable               *client_labels;     /* gint64 * → ClientLabel * */
  GArray                   *addable_ids;       /* gint64, in add_client_dropdown's order */
  GPtrArray                *discussion_views;  /* DiscussionView *, agenda order */
  char                     *shape;             /* what the built widgets stand for */
  guint                     autosave_source;
  gboolean                  dirty;
  gboolean                  filling;           /* changes made by the window itself */
  gboolean                  writing;           /* our own write: its "changed" is no news */

  /* Template widgets */
  AdwWindowTitle           *window_title;
  GtkWidget                *sign_button;
  GtkLabel                 *save_state_label;
  GtkLabel                 *signed_label;
  AdwEntryRow              *date_row;
  AdwEntryRow              *supervisor_row;
  AdwComboRow              *format_row;
  AdwActionRow             *period_row;
  GtkLabel                 *details_error_label;
  GtkWidget                *no_clients_label;
  GtkBox                   *clients_box;
  GtkWidget                *add_client_box;
  GtkDropDown              *add_client_dropdown;
  GtkTextView              *notes_view;
  GtkWidget                *addenda_box;
  GtkBox                   *addenda_list;
  GtkTextView              *addendum_view;
};

G_DEFINE_FINAL_TYPE (AllianceMeetingWindow, alliance_meeting_window, ADW_TYPE_WINDOW)

static void
client_label_free (ClientLabel *label)
{
  g_free (label->name);
  g_free (label->code);
  g_free (label);
}

static char *
buffer_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Only when different: setting a focused field's text moves its cursor. */
static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  g_autofree char *old = buffer_dup_text (view);

  if (g_strcmp0 (old, text ? text : "") != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

static void
set_editable_text (gpointer    editable,
                   const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (editable), text ? text : "");
}

static char *
dup_stripped (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static void
add_listing_cb (const AllianceClientListing *listing,
                gpointer                     user_data)
{
  GHashTable *labels = user_data;
  ClientLabel *label = g_new0 (ClientLabel, 1);
  gint64 *id = g_new (gint64, 1);

  *id = listing->id;
  label->name = alliance_client_make_display_name (listing->given_name, listing->family_name,
                                                   listing->preferred_name);
  label->code = g_strdup (listing->code);
  label->active = !listing->archived && alliance_client_status_in_therapy (listing->status);
  g_hash_table_insert (labels, id, label);
}

static const ClientLabel *
find_client_label (AllianceMeetingWindow *self,
                   gint64                 client_id)
{
  static const ClientLabel unknown = { (char *)"?", (char *)"?", FALSE };
  const ClientLabel *label = g_hash_table_lookup (self->client_labels, &client_id);

  return label != NULL ? label : &unknown;
}

static DiscussionView *
find_view (AllianceMeetingWindow *self,
           gint64                 client_id)
{
  for (guint i = 0; i < self->discussion_views->len; i++)
    {
      DiscussionView *view = g_ptr_array_index (self->discussion_views, i);

      if (view->client_id == client_id)
        return view;
    }
  return NULL;
}

static void
show_save_state (AllianceMeetingWindow *self,
                 const char            *state,
                 gboolean               is_problem)
{
  gtk_label_set_text (self->save_state_label, state);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_state_label), state[0] != '\0' ? state : NULL);
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

/* Points at the field a refusal is about, with the reason beside it. */
static void
show_field_problem (AllianceMeetingWindow *self,
                    AllianceMeetingField   field,
                    const char            *message)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->date_row), GTK_WIDGET (self->supervisor_row),
                        GTK_WIDGET (self->period_row) };
  GtkWidget *bad = field == ALLIANCE_MEETING_FIELD_DATE ? rows[0]
                   : field == ALLIANCE_MEETING_FIELD_SUPERVISOR ? rows[1]
                   : field == ALLIANCE_MEETING_FIELD_PERIOD ? rows[2]
                                                             : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] != bad)
      gtk_widget_remove_css_class (rows[i], "error");
  if (bad != NULL)
    gtk_widget_add_css_class (bad, "error");
  gtk_label_set_text (self->details_error_label, bad != NULL && message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_error_label), bad != NULL && message != NULL);
}

static void
read_form (AllianceMeetingWindow *self)
{
  AllianceMeeting *meeting = self->meeting;

  if (alliance_meeting_is_signed (meeting))
    return;

  g_free (meeting->meeting_date);
  meeting->meeting_date = dup_stripped (self->date_row);
  g_free (meeting->supervisor);
  meeting->supervisor = dup_stripped (self->supervisor_row);
  if (adw_combo_row_get_selected (self->format_row) < ALLIANCE_N_SUPERVISION_FORMATS)
    meeting->format = (AllianceSupervisionFormat)adw_combo_row_get_selected (self->format_row);
  g_free (meeting->notes);
  meeting->notes = buffer_dup_text (self->notes_view);

  for (guint i = 0; i < self->discussion_views->len; i++)
    {
      DiscussionView *view = g_ptr_array_index (self->discussion_views, i);
      AllianceSupervisionDiscussion *discussion = alliance_meeting_find_discussion (meeting, view->client_id);

      if (discussion == NULL)
        continue;
      g_free (discussion->question);
      discussion->question = dup_stripped (view->question_row);
      g_free (discussion->discussion);
      discussion->discussion = buffer_dup_text (view->discussion_view);
    }
}

/* Everything a rebuild would change: equal shapes mean the widgets are
 * right and only their texts may need refreshing. */
static char *
describe_shape (const AllianceMeeting *meeting)
{
  GString *shape = g_string_new (meeting->signed_at ? meeting->signed_at : "open");

  for (guint i = 0; i < meeting->discussions->len; i++)
    {
      const AllianceSupervisionDiscussion *discussion = g_ptr_array_index (meeting->discussions, i);

      g_string_append_printf (shape, "|%" G_GINT64_FORMAT ":%u:", discussion->client_id,
                              discussion->excerpts != NULL ? discussion->excerpts->len : 0);
      for (guint j = 0; j < discussion->action_items->len; j++)
        {
          const AllianceActionItem *item = g_ptr_array_index (discussion->action_items, j);

          g_string_append_printf (shape, "%" G_GINT64_FORMAT "/%s,", item->id, item->done_on ? item->done_on : "");
        }
    }
  g_string_append_printf (shape, "|%u", meeting->addenda != NULL ? meeting->addenda->len : 0);
  return g_string_free (shape, FALSE);
}

static void item_text_applied_cb (AllianceMeetingWindow *self,
                                  GtkWidget             *source);

static GtkWidget *
make_item_row (AllianceMeetingWindow    *self,
               const AllianceActionItem *item,
               guint                     index,
               gboolean                  is_signed)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (alliance_action_item_is_done (item))
    {
      g_autofree char *when = alliance_date_format (item->done_on);
      /* Translators: %s is the date an action item was marked done */
      g_autofree char *subtitle = g_strdup_printf (_("Done %s"), when);
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_widget_add_css_class (icon, "success");
      /* After the text, so done and open items line up. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else if (is_signed)
    /* Translators: an action item not yet done */
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Open"));

  if (!is_signed)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: accessible name of the button that removes a recommendation; %s is its text */
      g_autofree char *label = g_strdup_printf (_("Remove recommendation: %s"), item->text);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Recommendation"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "meeting.remove-item");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "(xu)", item->client_id, index);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  return row;
}

static void
show_items (AllianceMeetingWindow *self,
            DiscussionView        *view)
{
  const AllianceSupervisionDiscussion *discussion = alliance_meeting_find_discussion (self->meeting, view->client_id);
  gboolean is_signed = alliance_meeting_is_signed (self->meeting);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view->items_list));

  /* Everything but the entry for a new one, which keeps its place last. */
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != GTK_WIDGET (view->new_item_row) && GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (view->items_list, child);
      child = next;
    }
  for (guint i = 0; discussion != NULL && i < discussion->action_items->len; i++)
    gtk_list_box_insert (view->items_list,
                         make_item_row (self, g_ptr_array_index (discussion->action_items, i), i, is_signed), (int)i);
  gtk_widget_set_visible (GTK_WIDGET (view->new_item_row), !is_signed);
}

static guint
count_sessions_in_period (AllianceMeetingWindow *self,
                          gint64                 client_id)
{
  g_autoptr(GPtrArray) sessions = NULL;
  guint n = 0;

  if (self->sessions == NULL || self->meeting->period_start == NULL || self->meeting->period_end == NULL)
    return 0;
  sessions = alliance_session_store_list_sessions (self->sessions, client_id, NULL);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      const AllianceSession *session = g_ptr_array_index (sessions, i);
      g_autofree char *date = g_strndup (session->starts_at, 10);

      /* Numbered sessions are the attended ones that count. */
      if (session->number > 0 && strcmp (date, self->meeting->period_start) >= 0 &&
          strcmp (date, self->meeting->period_end) <= 0)
        n++;
    }
  return n;
}

static void text_changed_cb (AllianceMeetingWindow *self);

static GtkWidget *
make_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static GtkWidget *
make_boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static DiscussionView *
build_discussion_view (AllianceMeetingWindow               *self,
                       const AllianceSupervisionDiscussion *discussion)
{
  DiscussionView *view = g_new0 (DiscussionView, 1);
  const ClientLabel *client = find_client_label (self, discussion->client_id);
  guint n_sessions = count_sessions_in_period (self, discussion->client_id);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (client->name);
  GtkWidget *caption;
  GtkWidget *question_list = make_boxed_list ();
  GtkWidget *discussion_heading = make_heading (_("What was discussed"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *items_heading = make_heading (_("Recommendations"));
  GtkWidget *placeholder;
  g_autofree char *sessions_text = NULL;
  g_autofree char *caption_text = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *discussion_label = NULL;
  g_autofree char *add_label = NULL;

  view->client_id = discussion->client_id;
  view->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* The client: name, code and how much of them the period held. */
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (name, "title-4");
  sessions_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session in the period",
                                                "%u sessions in the period", n_sessions),
                                   n_sessions);
  /* Translators: client code · number of sessions in the period reviewed */
  caption_text = g_strdup_printf (_("%s · %s"), client->code, sessions_text);
  caption = gtk_label_new (caption_text);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (titles), name);
  gtk_box_append (GTK_BOX (titles), caption);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);

  view->remove_button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  /* Translators: accessible name of the button that takes a client off the meeting; %s is the client */
  remove_label = g_strdup_printf (_("Remove %s from the discussion"), client->name);
  gtk_widget_set_valign (view->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (view->remove_button, "flat");
  gtk_widget_set_tooltip_text (view->remove_button, _("Remove From the Discussion"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (view->remove_button), "meeting.remove-client");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (view->remove_button), "x", discussion->client_id);
  gtk_box_append (GTK_BOX (header), view->remove_button);
  gtk_box_append (GTK_BOX (view->box), header);

  /* The therapist's question, usually written beforehand on the agenda. */
  view->question_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->question_row), _("Question for supervision"));
  gtk_editable_set_text (GTK_EDITABLE (view->question_row), discussion->question ? discussion->question : "");
  g_signal_connect_object (view->question_row, "changed", G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (question_list), GTK_WIDGET (view->question_row));
  view->question_text_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (view->question_text_row), FALSE);
  adw_action_row_set_title_lines (view->question_text_row, 0);
  adw_action_row_set_subtitle (view->question_text_row, _("Question for supervision"));
  gtk_list_box_append (GTK_LIST_BOX (question_list), GTK_WIDGET (view->question_text_row));
  gtk_box_append (GTK_BOX (view->box), question_list);

  /* Excerpts chosen from notes for supervision (in the Supervision view),
   * already redacted: part of the record, never edited here. */
  if (discussion->excerpts != NULL && discussion->excerpts->len > 0)
    {
      gtk_box_append (GTK_BOX (view->box), make_heading (_("Excerpts shared")));
      for (guint i = 0; i < discussion->excerpts->len; i++)
        {
          const AllianceSupervisionExcerpt *excerpt = g_ptr_array_index (discussion->excerpts, i);
          GtkWidget *label = gtk_label_new (excerpt->text);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "card");
          gtk_widget_add_css_class (label, "addendum");
          gtk_box_append (GTK_BOX (view->box), label);
        }
    }

  /* What was said: a page that scrolls on its own, like a note section. */
  view->discussion_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (view->discussion_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (view->discussion_view, FALSE);
  gtk_text_view_set_top_margin (view->discussion_view, 8);
  gtk_text_view_set_bottom_margin (view->discussion_view, 8);
  gtk_text_view_set_left_margin (view->discussion_view, 8);
  gtk_text_view_set_right_margin (view->discussion_view, 8);
  gtk_widget_add_css_class (GTK_WIDGET (view->discussion_view), "note-text");
  /* Translators: accessible name of the text of what was discussed; %s is the client */
  discussion_label = g_strdup_printf (_("What was discussed about %s"), client->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->discussion_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  discussion_label, -1);
  set_buffer_text (view->discussion_view, discussion->discussion);
  g_signal_connect_object (gtk_text_view_get_buffer (view->discussion_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view->discussion_view));
  gtk_widget_add_css_class (scroller, "card");
  /* Clipped to the card's rounded corners, which the text would cover. */
  gtk_widget_set_overflow (scroller, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (view->box), discussion_heading);
  gtk_box_append (GTK_BOX (view->box), scroller);

  /* Recommendations: each becomes an action item on the client's page. */
  view->items_list = GTK_LIST_BOX (make_boxed_list ());
  placeholder = gtk_label_new (_("No recommendations"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (view->items_list, placeholder);
  view->new_item_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->new_item_row), _("New recommendation"));
  g_object_set_data (G_OBJECT (view->new_item_row), "client-id", GSIZE_TO_POINTER ((gsize)view->client_id));
  g_signal_connect_object (view->new_item_row, "entry-activated", G_CALLBACK (item_text_applied_cb), self,
                           G_CONNECT_SWAPPED);
  view->add_item_button = gtk_button_new_with_mnemonic (_("_Add"));
  /* Translators: accessible name of the button adding a recommendation; %s is the client */
  add_label = g_strdup_printf (_("Add recommendation for %s"), client->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->add_item_button), GTK_ACCESSIBLE_PROPERTY_LABEL, add_label,
                                  -1);
  gtk_widget_set_valign (view->add_item_button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (view->add_item_button), "client-id", GSIZE_TO_POINTER ((gsize)view->client_id));
  g_signal_connect_object (view->add_item_button, "clicked", G_CALLBACK (item_text_applied_cb), self,
                           G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (view->new_item_row, view->add_item_button);
  gtk_list_box_append (view->items_list, GTK_WIDGET (view->new_item_row));
  view->item_error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (view->item_error_label, 0);
  gtk_label_set_wrap (view->item_error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (view->item_error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (view->item_error_label), FALSE);
  gtk_box_append (GTK_BOX (view->box), items_heading);
  gtk_box_append (GTK_BOX (view->box), GTK_WIDGET (view->items_list));
  gtk_box_append (GTK_BOX (view->box), GTK_WIDGET (view->item_error_label));

  show_items (self, view);
  return view;
}

/* Active clients not yet in the discussion, by name. */
static gint
compare_addable (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  AllianceMeetingWindow *self = user_data;
  const ClientLabel *label_a = find_client_label (self, *(const gint64 *)a);
  const ClientLabel *label_b = find_client_label (self, *(const gint64 *)b);

  return g_utf8_collate (label_a->name, label_b->name);
}

static void
update_addable_clients (AllianceMeetingWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_array_set_size (self->addable_ids, 0);
  g_hash_table_iter_init (&iter, self->client_labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((ClientLabel *)value)->active && alliance_meeting_find_discussion (self->meeting, *(gint64 *)key) == NULL)
      g_array_append_val (self->addable_ids, *(gint64 *)key);
  g_array_sort_with_data (self->addable_ids, compare_addable, self);

  for (guint i = 0; i < self->addable_ids->len; i++)
    {
      const ClientLabel *label = find_client_label (self, g_array_index (self->addable_ids, gint64, i));
      /* Translators: a client in the list of clients to add: name (code) */
      g_autofree char *text = g_strdup_printf (_("%s (%s)"), label->name, label->code);

      gtk_string_list_append (names, text);
    }
  gtk_drop_down_set_model (self->add_client_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->add_client_dropdown, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_client_dropdown), self->addable_ids->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.add-client",
                                 self->addable_ids->len > 0 && !alliance_meeting_is_signed (self->meeting));
}

static void
show_addenda (AllianceMeetingWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->addenda_list))) != NULL)
    gtk_box_remove (self->addenda_list, child);

  for (guint i = 0; self->meeting->addenda != NULL && i < self->meeting->addenda->len; i++)
    {
      const AllianceMeetingAddendum *addendum = g_ptr_array_index (self->meeting->addenda, i);
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

/* A signed record's fields stay readable and selectable, without the
 * pencil or arrow that would offer an edit. */
static void
set_row_read_only (gpointer row,
                   gboolean read_only)
{
  if (GTK_IS_EDITABLE (row))
    gtk_editable_set_editable (GTK_EDITABLE (row), !read_only);
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), !read_only);
  if (read_only)
    gtk_widget_add_css_class (GTK_WIDGET (row), "read-only");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "read-only");
}

static void
update_state (AllianceMeetingWindow *self)
{
  gboolean is_signed = alliance_meeting_is_signed (self->meeting);
  g_autofree char *when = alliance_date_format (self->meeting->meeting_date);

  /* Signed: readable, selectable, and not editable. */
  set_row_read_only (self->date_row, is_signed);
  set_row_read_only (self->supervisor_row, is_signed);
  set_row_read_only (self->format_row, is_signed);
  gtk_text_view_set_editable (self->notes_view, !is_signed);
  gtk_text_view_set_cursor_visible (self->notes_view, !is_signed);
  for (guint i = 0; i < self->discussion_views->len; i++)
    {
      DiscussionView *view = g_ptr_array_index (self->discussion_views, i);

      const AllianceSupervisionDiscussion *discussion = alliance_meeting_find_discussion (self->meeting,
                                                                                          view->client_id);
      gboolean has_question = discussion != NULL && !alliance_text_is_blank (discussion->question);

      /* Signed: the whole question as text; an entry would cut it off. */
      set_row_read_only (view->question_row, is_signed);
      gtk_widget_set_visible (GTK_WIDGET (view->question_row), !is_signed);
      gtk_widget_set_visible (GTK_WIDGET (view->question_text_row), is_signed && has_question);
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (view->question_row)), !is_signed || has_question);
      if (has_question)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->question_text_row), discussion->question);
      gtk_text_view_set_editable (view->discussion_view, !is_signed);
      gtk_text_view_set_cursor_visible (view->discussion_view, !is_signed);
      gtk_widget_set_visible (view->remove_button, !is_signed);
      show_items (self, view);
    }
  gtk_widget_set_visible (self->add_client_box, !is_signed);
  gtk_widget_set_visible (self->no_clients_label, self->discussion_views->len == 0);
  gtk_label_set_text (GTK_LABEL (self->no_clients_label),
                      is_signed ? _("No clients were discussed.")
                                : _("No clients on the agenda yet. Add the clients you will discuss below, or from "
                                    "the Supervision view."));
  gtk_widget_set_visible (self->sign_button, !is_signed);
  gtk_widget_set_visible (GTK_WIDGET (self->signed_label), is_signed);
  gtk_widget_set_visible (self->addenda_box, is_signed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.sign", !is_signed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.add-addendum", is_signed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.remove-client", !is_signed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.remove-item", !is_signed);
  if (is_signed)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "meeting.add-client", FALSE);

  adw_window_title_set_subtitle (self->window_title, is_signed ? (when ? when : "")
                                                    /* Translators: subtitle of a meeting record being written */
                                                    : _("Not yet signed"));
  if (is_signed)
    {
      g_autofree char *date = g_strndup (self->meeting->signed_at, 10);
      g_autofree char *signed_on = alliance_date_format (date);
      g_autofree char *text =
        /* Translators: signer, date, then the first characters of the SHA-256 fingerprint */
        g_strdup_printf (_("Signed by %s on %s. This record can no longer change; add an addendum to correct it. "
                           "Fingerprint %.16s…"),
                         self->meeting->signed_by, signed_on,
                         self->meeting->content_sha256 ? self->meeting->content_sha256 : "");
      gtk_label_set_text (self->signed_label, text);
      show_save_state (self, "", FALSE);
    }
}

static void
show_period (AllianceMeetingWindow *self)
{
  g_autofree char *start = alliance_date_format (self->meeting->period_start);
  g_autofree char *end = alliance_date_format (self->meeting->period_end);
  /* Translators: the period a supervision meeting reviewed, e.g. "1 November 2026 – 27 November 2026" */
  g_autofree char *period = g_strdup_printf (_("%s – %s"), start ? start : "?", end ? end : "?");

  adw_action_row_set_subtitle (self->period_row, period);
}

static void
rebuild_discussions (AllianceMeetingWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->clients_box))) != NULL)
    gtk_box_remove (self->clients_box, child);
  g_ptr_array_set_size (self->discussion_views, 0);

  for (guint i = 0; i < self->meeting->discussions->len; i++)
    {
      DiscussionView *view = build_discussion_view (self, g_ptr_array_index (self->meeting->discussions, i));

      gtk_box_append (self->clients_box, view->box);
      g_ptr_array_add (self->discussion_views, view);
    }
}

/* Shows self->meeting; rebuilds the clients' parts only when their shape
 * changed, so a refresh leaves focus and cursor where they were. */
static void
fill_form (AllianceMeetingWindow *self)
{
  g_autofree char *shape = describe_shape (self->meeting);

  self->filling = TRUE;
  set_editable_text (self->date_row, self->meeting->meeting_date);
  set_editable_text (self->supervisor_row, self->meeting->supervisor);
  adw_combo_row_set_selected (self->format_row, self->meeting->format);
  set_buffer_text (self->notes_view, self->meeting->notes);
  show_period (self);
  if (self->shape == NULL || !g_str_equal (shape, self->shape))
    {
      rebuild_discussions (self);
      update_addable_clients (self);
      show_addenda (self);
      g_free (self->shape);
      self->shape = g_steal_pointer (&shape);
    }
  else
    for (guint i = 0; i < self->discussion_views->len; i++)
      {
        DiscussionView *view = g_ptr_array_index (self->discussion_views, i);
        const AllianceSupervisionDiscussion *discussion = alliance_meeting_find_discussion (self->meeting,
                                                                                            view->client_id);

        set_editable_text (view->question_row, discussion->question);
        set_buffer_text (view->discussion_view, discussion->discussion);
      }
  self->filling = FALSE;
  update_state (self);
}

static void
remember_supervisor (AllianceMeetingWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-supervisor");

  if (!alliance_text_is_blank (self->meeting->supervisor) && g_strcmp0 (last, self->meeting->supervisor) != 0)
    g_settings_set_string (self->settings, "last-supervisor", self->meeting->supervisor);
}

/**
 * alliance_meeting_window_save_now:
 *
 * Writes pending changes. Returns %FALSE only when a change could not be
 * saved; the window then says so, points at the field, and keeps the text.
 */
gboolean
alliance_meeting_window_save_now (AllianceMeetingWindow *self)
{
  g_autoptr(GError) error = NULL;
  AllianceMeetingField field = ALLIANCE_MEETING_FIELD_NONE;
  gboolean ok;

  g_return_val_if_fail (ALLIANCE_IS_MEETING_WINDOW (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (!self->dirty || alliance_meeting_is_signed (self->meeting))
    return TRUE;

  read_form (self);
  self->writing = TRUE;
  ok = alliance_supervision_store_save_meeting (self->supervision, self->meeting, &field, &error);
  self->writing = FALSE;
  if (!ok)
    {
      /* Translators: %s says why the meeting record could not be saved */
      g_autofree char *state = g_strdup_printf (_("Not saved: %s"), error->message);

      show_save_state (self, state, TRUE);
      show_field_problem (self, field, error->message);
      return FALSE;
    }

  self->dirty = FALSE;
  g_free (self->shape);
  self->shape = describe_shape (self->meeting);
  show_field_problem (self, ALLIANCE_MEETING_FIELD_NONE, NULL);
  remember_supervisor (self);
  /* Translators: the quiet state shown once the meeting record is safely on disk */
  show_save_state (self, _("Saved"), FALSE);
  return TRUE;
}

static gboolean
autosave_timeout_cb (gpointer user_data)
{
  AllianceMeetingWindow *self = user_data;

  self->autosave_source = 0;
  alliance_meeting_window_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (AllianceMeetingWindow *self)
{
  if (self->filling || alliance_meeting_is_signed (self->meeting))
    return;

  self->dirty = TRUE;
  /* Translators: shown while the meeting record has changes not yet on disk */
  show_save_state (self, _("Editing…"), FALSE);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_timeout_cb, self);
}

static void
field_changed_cb (AllianceMeetingWindow *self)
{
  text_changed_cb (self);
}

static void
active_changed_cb (AllianceMeetingWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    alliance_meeting_window_save_now (self);
}

/* Leaving a field saves it at once, without waiting for the pause. */
static void
focus_moved_cb (AllianceMeetingWindow *self)
{
  if (self->dirty && self->supervision != NULL)
    alliance_meeting_window_save_now (self);
}

/* Another window (the Supervision view, a client page marking an item
 * done) changed the meeting: show it, unless typing here is pending —
 * that is saved next and the form keeps what is typed. */
static void
supervision_changed_cb (AllianceMeetingWindow    *self,
                        gint64                    client_id,
                        AllianceSupervisionStore *store)
{
  g_autoptr(AllianceMeeting) fresh = NULL;

  /* Each write ends with 0, for the meeting itself: one reload a write. */
  if (client_id != 0 || self->writing || self->dirty || self->meeting->id == 0)
    return;
  fresh = alliance_supervision_store_load_meeting (store, self->meeting->id, NULL);
  if (fresh == NULL)
    return;
  alliance_meeting_free (self->meeting);
  self->meeting = g_steal_pointer (&fresh);
  fill_form (self);
}

static void
close_anyway_cb (AdwMessageDialog      *dialog,
                 const char            *response,
                 AllianceMeetingWindow *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->dirty = FALSE;
      alliance_dialogs_close_later (GTK_WINDOW (self), TRUE);
    }
}

/* A recommendation typed but not yet added is kept, not dropped, when
 * the window closes or the meeting is signed. */
static void
add_pending_items (AllianceMeetingWindow *self)
{
  if (alliance_meeting_is_signed (self->meeting))
    return;

  for (guint i = 0; i < self->discussion_views->len; i++)
    {
      DiscussionView *view = g_ptr_array_index (self->discussion_views, i);
      AllianceSupervisionDiscussion *discussion = alliance_meeting_find_discussion (self->meeting, view->client_id);
      g_autofree char *text = dup_stripped (view->new_item_row);

      if (discussion == NULL || alliance_text_is_blank (text))
        continue;
      g_ptr_array_add (discussion->action_items, alliance_action_item_new (view->client_id, text));
      self->filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (view->new_item_row), "");
      self->filling = FALSE;
      self->dirty = TRUE;
      show_items (self, view);
    }
}

static gboolean
close_requested_cb (AllianceMeetingWindow *self)
{
  GtkWidget *dialog;

  add_pending_items (self);
  if (alliance_meeting_window_save_now (self))
    return FALSE;

  /* Never lose typing silently: the person decides. */
  dialog = alliance_dialogs_new_message (GTK_WIDGET (self), _("The Meeting Record Could Not Be Saved"),
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

/* A change that is a step, not typing (a client or a recommendation added
 * or removed): written at once. */
static void
save_step (AllianceMeetingWindow *self)
{
  self->dirty = TRUE;
  alliance_meeting_window_save_now (self);
}

static void
item_text_applied_cb (AllianceMeetingWindow *self,
                      GtkWidget             *source)
{
  gint64 client_id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (source), "client-id"));
  DiscussionView *view = find_view (self, client_id);
  AllianceSupervisionDiscussion *discussion = alliance_meeting_find_discussion (self->meeting, client_id);
  g_autofree char *text = NULL;

  if (view == NULL || discussion == NULL || alliance_meeting_is_signed (self->meeting))
    return;

  text = dup_stripped (view->new_item_row);
  if (alliance_text_is_blank (text))
    {
      gtk_label_set_text (view->item_error_label, _("Write the recommendation first, then add it."));
      gtk_widget_set_visible (GTK_WIDGET (view->item_error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (view->new_item_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (view->new_item_row));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (view->item_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (view->new_item_row), "error");

  read_form (self);
  g_ptr_array_add (discussion->action_items, alliance_action_item_new (client_id, text));
  save_step (self);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (view->new_item_row), "");
  self->filling = FALSE;
  show_items (self, view);
  gtk_widget_grab_focus (GTK_WIDGET (view->new_item_row));
}

static void
remove_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllianceMeetingWindow *self = ALLIANCE_MEETING_WINDOW (widget);
  AllianceSupervisionDiscussion *discussion;
  DiscussionView *view;
  gint64 client_id;
  guint32 index;

  g_variant_get (parameter, "(xu)", &client_id, &index);
  discussion = alliance_meeting_find_discussion (self->meeting, client_id);
  view = find_view (self, client_id);
  if (discussion == NULL || view == NULL || index >= discussion->action_items->len ||
      alliance_meeting_is_signed (self->meeting))
    return;

  read_form (self);
  g_ptr_array_remove_index (discussion->action_items, index);
  save_step (self);
  show_items (self, view);
  gtk_widget_grab_focus (GTK_WIDGET (view->new_item_row));
}

static void
add_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AllianceMeetingWindow *self = ALLIANCE_MEETING_WINDOW (widget);
  guint position = gtk_drop_down_get_selected (self->add_client_dropdown);
  AllianceSupervisionDiscussion *discussion;
  DiscussionView *view;
  gint64 client_id;

  if (position >= self->addable_ids->len || alliance_meeting_is_signed (self->meeting))
    return;
  client_id = g_array_index (self->addable_ids, gint64, position);

  read_form (self);
  discussion = alliance_meeting_add_discussion (self->meeting, client_id);
  view = build_discussion_view (self, discussion);
  gtk_box_append (self->clients_box, view->box);
  g_ptr_array_add (self->discussion_views, view);
  save_step (self);
  update_addable_clients (self);
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (view->question_row));
}

static void
remove_client (AllianceMeetingWindow *self,
               gint64                 client_id)
{
  DiscussionView *view = find_view (self, client_id);

  if (view == NULL || alliance_meeting_is_signed (self->meeting))
    return;

  read_form (self);
  alliance_meeting_remove_discussion (self->meeting, client_id);
  gtk_box_remove (self->clients_box, view->box);
  g_ptr_array_remove (self->discussion_views, view);
  save_step (self);
  update_addable_clients (self);
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_client_dropdown));
}

static void
remove_confirmed_cb (AdwMessageDialog      *dialog,
                     const char            *response,
                     AllianceMeetingWindow *self)
{
  if (g_strcmp0 (response, "remove") == 0)
    remove_client (self, (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "client-id")));
}

static void
remove_client_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AllianceMeetingWindow *self = ALLIANCE_MEETING_WINDOW (widget);
  gint64 client_id = g_variant_get_int64 (parameter);
  AllianceSupervisionDiscussion *discussion;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  read_form (self);
  discussion = alliance_meeting_find_discussion (self->meeting, client_id);
  if (discussion == NULL)
    return;
  /* Nothing written about them yet: nothing to lose, nothing to ask. */
  if (alliance_text_is_blank (discussion->discussion) && discussion->action_items->len == 0)
    {
      remove_client (self, client_id);
      return;
    }

  /* Translators: %s is a client's name */
  heading = g_strdup_printf (_("Remove %s From the Discussion?"), find_client_label (self, client_id)->name);
  dialog = alliance_dialogs_new_message (widget, heading,
                                         _("What was discussed about them and their recommendations are deleted "
                                           "from this meeting record."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "client-id", GSIZE_TO_POINTER ((gsize)client_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * alliance_meeting_window_sign:
 *
 * Saves and signs the meeting with the signer from the preferences,
 * without asking: the Sign action asks first, then calls this. A refusal
 * points at the field it is about.
 */
gboolean
alliance_meeting_window_sign (AllianceMeetingWindow  *self,
                              GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *signer = NULL;
  AllianceMeetingField field = ALLIANCE_MEETING_FIELD_NONE;
  gboolean ok;

  g_return_val_if_fail (ALLIANCE_IS_MEETING_WINDOW (self), FALSE);

  read_form (self);
  add_pending_items (self);
  signer = g_settings_get_string (self->settings, "signer-name");
  self->writing = TRUE;
  ok = alliance_supervision_store_sign_meeting (self->supervision, self->meeting, signer, &field, &local_error);
  self->writing = FALSE;
  if (!ok)
    {
      show_field_problem (self, field, local_error->message);
      if (field == ALLIANCE_MEETING_FIELD_SUPERVISOR)
        gtk_widget_grab_focus (GTK_WIDGET (self->supervisor_row));
      else if (field == ALLIANCE_MEETING_FIELD_DATE)
        gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->dirty = FALSE;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  remember_supervisor (self);
  show_field_problem (self, ALLIANCE_MEETING_FIELD_NONE, NULL);
  fill_form (self);
  return TRUE;
}

static void
sign_confirmed_cb (AdwMessageDialog      *dialog,
                   const char            *response,
                   AllianceMeetingWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "sign") != 0)
    return;
  if (!alliance_meeting_window_sign (self, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("The Meeting Record Was Not Signed"), error);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AllianceMeetingWindow *self = ALLIANCE_MEETING_WINDOW (widget);
  g_autofree char *when = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  AllianceMeetingField field = ALLIANCE_MEETING_FIELD_NONE;
  GtkWidget *dialog;

  if (alliance_meeting_is_signed (self->meeting))
    return;

  /* Refused at the field, before asking anything. */
  read_form (self);
  if (alliance_text_is_blank (self->meeting->supervisor))
    {
      show_field_problem (self, ALLIANCE_MEETING_FIELD_SUPERVISOR,
                          _("Enter the supervisor’s name: a meeting record is signed with it."));
      gtk_widget_grab_focus (GTK_WIDGET (self->supervisor_row));
      return;
    }
  if (!alliance_meeting_validate (self->meeting, &field, &error))
    {
      show_field_problem (self, field, error->message);
      if (field == ALLIANCE_MEETING_FIELD_DATE)
        gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      else
        alliance_dialogs_show_error (widget, _("The Meeting Record Was Not Signed"), error);
      return;
    }

  when = alliance_date_format (self->meeting->meeting_date);
  /* Translators: the date of a supervision meeting */
  heading = g_strdup_printf (_("Sign the Meeting of %s?"), when);
  /* Translators: the supervisor's name, then the format (Individual or Group) */
  body = g_strdup_printf (_("Supervision with %s (%s). A signed meeting record can never be changed; corrections "
                            "are added below it as dated, signed addenda. Its recommendations stay on each "
                            "client’s page until marked done."),
                          self->meeting->supervisor, alliance_supervision_format_get_label (self->meeting->format));
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
  AllianceMeetingWindow *self = ALLIANCE_MEETING_WINDOW (widget);
  g_autofree char *body = buffer_dup_text (self->addendum_view);
  g_autofree char *signer = g_settings_get_string (self->settings, "signer-name");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->writing = TRUE;
  ok = alliance_supervision_store_add_addendum (self->supervision, self->meeting, body, signer, &error);
  self->writing = FALSE;
  if (!ok)
    {
      alliance_dialogs_show_error (widget, _("The Addendum Was Not Added"), error);
      return;
    }
  set_buffer_text (self->addendum_view, "");
  g_free (self->shape);
  self->shape = describe_shape (self->meeting);
  show_addenda (self);
}

static void
alliance_meeting_window_dispose (GObject *object)
{
  AllianceMeetingWindow *self = (AllianceMeetingWindow *)object;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_object (&self->supervision);
  g_clear_object (&self->clients);
  g_clear_object (&self->sessions);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_MEETING_WINDOW);

  G_OBJECT_CLASS (alliance_meeting_window_parent_class)->dispose (object);
}

static void
alliance_meeting_window_finalize (GObject *object)
{
  AllianceMeetingWindow *self = (AllianceMeetingWindow *)object;

  g_clear_pointer (&self->meeting, alliance_meeting_free);
  g_clear_pointer (&self->client_labels, g_hash_table_unref);
  g_clear_pointer (&self->addable_ids, g_array_unref);
  g_clear_pointer (&self->discussion_views, g_ptr_array_unref);
  g_clear_pointer (&self->shape, g_free);

  G_OBJECT_CLASS (alliance_meeting_window_parent_class)->finalize (object);
}

static void
alliance_meeting_window_class_init (AllianceMeetingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_meeting_window_dispose;
  object_class->finalize = alliance_meeting_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-meeting-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, sign_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, save_state_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, signed_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, date_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, supervisor_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, format_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, period_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, details_error_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, no_clients_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, clients_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, add_client_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, add_client_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, notes_view);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, addenda_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, addenda_list);
  gtk_widget_class_bind_template_child (widget_class, AllianceMeetingWindow, addendum_view);
  gtk_widget_class_bind_template_callback (widget_class, close_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, active_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "meeting.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "meeting.add-addendum", NULL, add_addendum_action);
  gtk_widget_class_install_action (widget_class, "meeting.add-client", NULL, add_client_action);
  gtk_widget_class_install_action (widget_class, "meeting.remove-client", "x", remove_client_action);
  gtk_widget_class_install_action (widget_class, "meeting.remove-item", "(xu)", remove_item_action);
}

static void
setup_client_item_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Long names shorten rather than widen a narrow window. */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_client_item_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
alliance_meeting_window_init (AllianceMeetingWindow *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->discussion_views = g_ptr_array_new_with_free_func (g_free);
  self->addable_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->settings = g_settings_new (APPLICATION_ID);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Same order as AllianceSupervisionFormat. */
  for (guint i = 0; i < ALLIANCE_N_SUPERVISION_FORMATS; i++)
    gtk_string_list_append (formats, alliance_supervision_format_get_label ((AllianceSupervisionFormat)i));
  self->filling = TRUE;
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  self->filling = FALSE;

  gtk_drop_down_set_expression (self->add_client_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_client_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_client_item_cb), NULL);
  gtk_drop_down_set_factory (self->add_client_dropdown, factory);

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed", G_CALLBACK (text_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_moved_cb), NULL);

  /* The window title names no client: it can show in task switchers. */
  gtk_window_set_title (GTK_WINDOW (self), _("Supervision Meeting"));
}

AllianceMeetingWindow *
alliance_meeting_window_new (GtkWindow                *parent,
                             AllianceSupervisionStore *supervision,
                             AllianceClientStore      *clients,
                             AllianceSessionStore     *sessions,
                             gint64                    meeting_id,
                             GError                  **error)
{
  AllianceMeetingWindow *self;
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autoptr(GHashTable) labels = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_STORE (supervision), NULL);
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (clients), NULL);
  g_return_val_if_fail (sessions == NULL || ALLIANCE_IS_SESSION_STORE (sessions), NULL);
  g_return_val_if_fail (meeting_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (meeting_id == 0)
    {
      g_autofree char *today = alliance_date_today ();

      meeting = alliance_supervision_store_ensure_agenda (supervision, today, error);
    }
  else
    meeting = alliance_supervision_store_load_meeting (supervision, meeting_id, error);
  if (meeting == NULL)
    return NULL;

  labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)client_label_free);
  if (!alliance_client_store_foreach_listing (clients, add_listing_cb, labels, error))
    return NULL;

  self = g_object_new (ALLIANCE_TYPE_MEETING_WINDOW, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->supervision = g_object_ref (supervision);
  self->clients = g_object_ref (clients);
  self->sessions = sessions != NULL ? g_object_ref (sessions) : NULL;
  self->client_labels = g_steal_pointer (&labels);
  self->meeting = g_steal_pointer (&meeting);
  g_signal_connect_object (supervision, "changed", G_CALLBACK (supervision_changed_cb), self, G_CONNECT_SWAPPED);

  fill_form (self);
  if (!alliance_meeting_is_signed (self->meeting))
    {
      show_save_state (self, _("Saved"), FALSE);
      /* The supervisor is usually the same person as last time. */
      if (alliance_text_is_blank (self->meeting->supervisor))
        {
          g_autofree char *last = g_settings_get_string (self->settings, "last-supervisor");

          set_editable_text (self->supervisor_row, last);
        }
      if (self->discussion_views->len > 0)
        gtk_widget_grab_focus (GTK_WIDGET (((DiscussionView *)g_ptr_array_index (self->discussion_views, 0))->discussion_view));
    }
  return self;
}

const AllianceMeeting *
alliance_meeting_window_get_meeting (AllianceMeetingWindow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_MEETING_WINDOW (self), NULL);

  return self->meeting;
}
