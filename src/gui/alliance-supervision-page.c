/* alliance-supervision-page.c */
#define G_LOG_DOMAIN "alliance-supervision-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-chart-builder.h"
#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-excerpt-dialog.h"
#include "alliance-flag-settings.h"
#include "alliance-meeting-window.h"
#include "alliance-supervision-card.h"
#include "alliance-supervision-packet.h"
#include "alliance-supervision-page.h"

/* Cards are built this many at a time: a 2,000-client archive shows its
 * first clients at once, and the rest when asked. */
#define CARDS_PER_BATCH 30

/* Without a signed meeting, the period is the last four weeks. */
#define DEFAULT_PERIOD_DAYS 28

struct _AllianceSupervisionPage
{
  AdwBin                     parent_instance;

  AllianceClientStore       *clients;
  AllianceSessionStore      *sessions;
  AllianceRatingStore       *ratings;
  AllianceSupervisionStore  *supervision;
  GSettings                 *settings;
  GSimpleActionGroup        *actions;
  char                      *from;
  char                      *to;
  GPtrArray                 *entries;      /* AllianceReviewEntry *, in review order */
  GHashTable                *cards;        /* client id (gint64 *) → AllianceSupervisionCard (borrowed) */
  guint                      n_built;      /* entries[0, n_built) have a card */
  AllianceMeeting           *agenda;       /* the open meeting, or NULL */
  gboolean                   saving;       /* our own save: its "changed" changes nothing shown */
  gboolean                   updating_calendars;

  /* Template widgets */
  AdwToastOverlay           *toast_overlay;
  GtkStack                  *page_stack;
  GtkMenuButton             *from_button;
  GtkMenuButton             *to_button;
  GtkCalendar               *from_calendar;
  GtkCalendar               *to_calendar;
  GtkLabel                  *period_error_label;
  AdwPreferencesGroup       *period_group;
  GtkWidget                 *attention_section;
  GtkWidget                 *no_attention_box;
  GtkBox                    *attention_box;
  GtkWidget                 *rest_section;
  GtkBox                    *rest_box;
  GtkButton                 *show_more_button;
};

enum
{
  CLIENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AllianceSupervisionPage, alliance_supervision_page, ADW_TYPE_BIN)

static void get_flag_settings (AllianceSupervisionPage *self,
                               AllianceFlagSettings    *settings,
                               GDate                   *today);

/* g_set_str() is GLib 2.76. */
static void
replace_string (char       **field,
                const char  *value)
{
  if (*field == value)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
entry_is_flagged (const AllianceReviewEntry *entry)
{
  return entry->flags != NULL && entry->flags->flags != NULL && entry->flags->flags->len > 0;
}

static char *
dup_date_shifted (const char *iso_date,
                  int         days)
{
  GDate date;
  char text[16];

  if (!alliance_date_parse (iso_date, &date, NULL))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, (guint)days);
  else
    g_date_subtract_days (&date, (guint)-days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

static void
set_calendar_date (GtkCalendar *calendar,
                   const char  *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  GDate day;

  if (!alliance_date_parse (iso_date, &day, NULL))
    return;
  date = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 12, 0, 0);
  gtk_calendar_select_day (calendar, date);
}

static char *
dup_calendar_date (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  return g_date_time_format (date, "%Y-%m-%d");
}

static void
show_period (AllianceSupervisionPage *self)
{
  g_autofree char *from = alliance_date_format (self->from);
  g_autofree char *to = alliance_date_format (self->to);

  gtk_menu_button_set_label (self->from_button, from ? from : self->from);
  gtk_menu_button_set_label (self->to_button, to ? to : self->to);
  self->updating_calendars = TRUE;
  set_calendar_date (self->from_calendar, self->from);
  set_calendar_date (self->to_calendar, self->to);
  self->updating_calendars = FALSE;
}

/* Since the last signed meeting (the day after it), else the last four
 * weeks; an agenda already open keeps the start it was given. */
static void
choose_default_period (AllianceSupervisionPage *self)
{
  g_autofree char *today = alliance_date_today ();
  g_autofree char *last = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  if (self->agenda != NULL && alliance_date_is_valid (self->agenda->period_start) &&
      g_strcmp0 (self->agenda->period_start, today) <= 0)
    self->from = g_strdup (self->agenda->period_start);
  else
    {
      last = alliance_supervision_store_dup_last_meeting_date (self->supervision, &error);
      if (error != NULL)
        g_debug ("Could not read the last supervision date: %s", error->message);
      self->from = last ? dup_date_shifted (last, 1) : dup_date_shifted (today, -DEFAULT_PERIOD_DAYS + 1);
      /* A meeting today: the period is today. */
      if (self->from == NULL || g_strcmp0 (self->from, today) > 0)
        replace_string (&self->from, today);
    }
  self->to = g_steal_pointer (&today);
}

static void
update_actions (AllianceSupervisionPage *self)
{
  gboolean has_agenda_clients = self->agenda != NULL && self->agenda->discussions->len > 0;
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "export-packet");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has_agenda_clients);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "print-packet");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has_agenda_clients);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "record-meeting");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->supervision != NULL);
}

static void
show_agenda_summary (AllianceSupervisionPage *self)
{
  guint n = self->agenda ? self->agenda->discussions->len : 0;
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("Switch on “On the Agenda” for the clients to bring to supervision; the packet holds them."));
  else
    /* Translators: under the period; the packet holds the clients on the agenda */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client on the agenda for the packet",
                                         "%u clients on the agenda for the packet", n),
                            n);
  adw_preferences_group_set_description (self->period_group, text);
  update_actions (self);
}

static const AllianceSupervisionDiscussion *
find_discussion (AllianceSupervisionPage *self,
                 gint64                   client_id)
{
  return self->agenda ? alliance_meeting_find_discussion (self->agenda, client_id) : NULL;
}

static AllianceSupervisionCard *
lookup_card (AllianceSupervisionPage *self,
             gint64                   client_id)
{
  return g_hash_table_lookup (self->cards, &client_id);
}

static void
show_discussion (AllianceSupervisionPage *self,
                 gint64                   client_id)
{
  AllianceSupervisionCard *card = lookup_card (self, client_id);

  if (card != NULL)
    alliance_supervision_card_set_discussion (card, find_discussion (self, client_id));
}

static void
show_chart (AllianceSupervisionPage *self,
            AllianceSupervisionCard *card,
            gint64                   client_id)
{
  g_autoptr(AllianceChartData) data = NULL;
  g_autoptr(GError) error = NULL;
  AllianceChartOptions options;

  /* Small multiples: the same instrument, scale and x by session for each
   * client, so they compare at a glance; no outcome panel or prediction. */
  alliance_chart_options_init (&options);
  options.x_mode = ALLIANCE_CHART_X_SESSION;
  options.show_prediction = FALSE;
  options.show_subscales = FALSE;
  options.outcome_key = NULL;
  options.from_date = self->from;
  options.to_date = self->to;
  data = alliance_chart_data_build (self->sessions, self->ratings, client_id, &options, &error);
  if (data == NULL)
    g_debug ("Could not build a client’s chart: %s", error ? error->message : "no data");
  alliance_supervision_card_set_chart (card, data);
}

static gboolean save_agenda (AllianceSupervisionPage *self,
                             GError                 **error);

static void
card_opened_client_cb (AllianceSupervisionCard *card,
                       AllianceSupervisionPage *self)
{
  g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, alliance_supervision_card_get_client_id (card));
}

static void
card_toggled_agenda_cb (AllianceSupervisionCard *card,
                        gboolean                 on_agenda,
                        AllianceSupervisionPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 client_id = alliance_supervision_card_get_client_id (card);

  if (!alliance_supervision_page_set_on_agenda (self, client_id, on_agenda, &error))
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("The Agenda Was Not Saved"), error);
      show_discussion (self, client_id);
    }
}

static void
card_question_changed_cb (AllianceSupervisionCard *card,
                          const char              *question,
                          AllianceSupervisionPage *self)
{
  AllianceSupervisionDiscussion *discussion;
  g_autoptr(GError) error = NULL;

  discussion = (AllianceSupervisionDiscussion *)find_discussion (self, alliance_supervision_card_get_client_id (card));
  if (discussion == NULL || g_strcmp0 (discussion->question, question) == 0)
    return;
  g_free (discussion->question);
  discussion->question = g_strdup (question);
  if (!save_agenda (self, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("The Question Was Not Saved"), error);
}

static void
card_add_excerpt_cb (AllianceSupervisionCard *card,
                     AllianceSupervisionPage *self)
{
  alliance_supervision_page_add_excerpt (self, alliance_supervision_card_get_client_id (card));
}

static void
card_remove_excerpt_cb (AllianceSupervisionCard *card,
                        guint                    index,
                        AllianceSupervisionPage *self)
{
  gint64 client_id = alliance_supervision_card_get_client_id (card);
  AllianceSupervisionDiscussion *discussion = (AllianceSupervisionDiscussion *)find_discussion (self, client_id);
  g_autoptr(GError) error = NULL;

  if (discussion == NULL || index >= discussion->excerpts->len)
    return;
  g_ptr_array_remove_index (discussion->excerpts, index);
  if (!save_agenda (self, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("The Excerpt Was Not Removed"), error);
  show_discussion (self, client_id);
}

static void
build_card (AllianceSupervisionPage   *self,
            const AllianceReviewEntry *entry)
{
  AllianceSupervisionCard *card = ALLIANCE_SUPERVISION_CARD (alliance_supervision_card_new ());

  alliance_supervision_card_set_entry (card, entry);
  show_chart (self, card, entry->client_id);
  alliance_supervision_card_set_discussion (card, find_discussion (self, entry->client_id));
  g_signal_connect_object (card, "open-client", G_CALLBACK (card_opened_client_cb), self, 0);
  g_signal_connect_object (card, "agenda-toggled", G_CALLBACK (card_toggled_agenda_cb), self, 0);
  g_signal_connect_object (card, "question-changed", G_CALLBACK (card_question_changed_cb), self, 0);
  g_signal_connect_object (card, "add-excerpt", G_CALLBACK (card_add_excerpt_cb), self, 0);
  g_signal_connect_object (card, "remove-excerpt", G_CALLBACK (card_remove_excerpt_cb), self, 0);
  gtk_box_append (entry_is_flagged (entry) ? self->attention_box : self->rest_box, GTK_WIDGET (card));
  g_hash_table_insert (self->cards, g_memdup2 (&entry->client_id, sizeof (gint64)), card);
}

static void
update_sections (AllianceSupervisionPage *self)
{
  guint n_flagged = 0;
  guint n_left;

  for (guint i = 0; i < self->entries->len; i++)
    if (entry_is_flagged (g_ptr_array_index (self->entries, i)))
      n_flagged++;

  gtk_stack_set_visible_child_name (self->page_stack, self->entries->len > 0 ? "review" : "empty");
  gtk_widget_set_visible (self->no_attention_box, n_flagged == 0);
  /* The rest shows once its first card is built, so the order holds. */
  gtk_widget_set_visible (self->rest_section, self->n_built > n_flagged);

  n_left = self->entries->len - self->n_built;
  gtk_widget_set_visible (GTK_WIDGET (self->show_more_button), n_left > 0);
  if (n_left > 0)
    {
      g_autofree char *label = NULL;

      /* Translators: at the end of the supervision review; %u is how many more clients it shows */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More Client", "Show %u More Clients",
                                            MIN (n_left, CARDS_PER_BATCH)),
                               MIN (n_left, CARDS_PER_BATCH));
      gtk_button_set_label (self->show_more_button, label);
    }
}

static void
build_more_cards (AllianceSupervisionPage *self,
                  guint                    count)
{
  guint end = MIN (self->entries->len, self->n_built + count);

  for (; self->n_built < end; self->n_built++)
    build_card (self, g_ptr_array_index (self->entries, self->n_built));
  update_sections (self);
}

/* A question still in its debounce is saved before its card goes. */
static void
flush_questions (AllianceSupervisionPage *self)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &card))
    alliance_supervision_card_flush_question (card);
}

static void
remove_cards (AllianceSupervisionPage *self)
{
  GtkWidget *child;

  flush_questions (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attention_box))) != NULL)
    gtk_box_remove (self->attention_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rest_box))) != NULL)
    gtk_box_remove (self->rest_box, child);
  g_hash_table_remove_all (self->cards);
  self->n_built = 0;
}

static void
load_agenda (AllianceSupervisionPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->agenda, alliance_meeting_free);
  self->agenda = alliance_supervision_store_load_agenda (self->supervision, &error);
  if (error != NULL)
    g_debug ("Could not load the supervision agenda: %s", error->message);
}

/* The review of the period, once per period (and per change of the
 * thresholds or of the records as a whole). */
static void
rebuild_review (AllianceSupervisionPage *self)
{
  g_autoptr(GError) error = NULL;
  AllianceFlagSettings settings;
  GPtrArray *entries;
  GDate today;

  if (self->clients == NULL)
    return;

  get_flag_settings (self, &settings, &today);
  entries = alliance_supervision_review_build (self->clients, self->sessions, self->ratings, self->supervision,
                                               self->from, self->to, &settings, &today, &error);
  if (entries == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      entries = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_review_entry_free);
    }
  remove_cards (self);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = entries;
  build_more_cards (self, CARDS_PER_BATCH);
  show_agenda_summary (self);
}

static int
find_entry (AllianceSupervisionPage *self,
            gint64                   client_id)
{
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    if (((AllianceReviewEntry *)g_ptr_array_index (self->entries, i))->client_id == client_id)
      return (int)i;
  return -1;
}

/* One client's records changed: that client's entry again, in place when
 * their place in the order holds. */
static void
refresh_entry (AllianceSupervisionPage *self,
               gint64                   client_id)
{
  g_autoptr(AllianceReviewEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  AllianceSupervisionCard *card;
  AllianceFlagSettings settings;
  AllianceReviewEntry *old;
  GDate today;
  int index;

  if (self->entries == NULL)
    return;

  get_flag_settings (self, &settings, &today);
  index = find_entry (self, client_id);
  entry = alliance_supervision_review_build_entry (self->clients, self->sessions, self->ratings, self->supervision,
                                                   client_id, self->from, self->to, &settings, &today, &error);
  if (entry == NULL && index < 0)
    return;
  old = index >= 0 ? g_ptr_array_index (self->entries, index) : NULL;
  /* Flagged or not any more, archived, new: the order changes. */
  if (entry == NULL || old == NULL || entry_is_flagged (entry) != entry_is_flagged (old) ||
      entry->status != old->status || g_strcmp0 (entry->display_name, old->display_name) != 0)
    {
      gboolean listed = entry != NULL && (entry_is_flagged (entry) || entry->status == ALLIANCE_CLIENT_STATUS_ACTIVE ||
                                          entry->status == ALLIANCE_CLIENT_STATUS_ON_HOLD);

      if (old != NULL || listed)
        rebuild_review (self);
      return;
    }

  self->entries->pdata[index] = g_steal_pointer (&entry);
  card = lookup_card (self, client_id);
  if (card != NULL)
    {
      alliance_supervision_card_set_entry (card, self->entries->pdata[index]);
      show_chart (self, card, client_id);
    }
  alliance_review_entry_free (old);
  update_sections (self);
}

static void
records_changed_cb (AllianceSupervisionPage *self,
                    gint64                   client_id)
{
  if (client_id > 0)
    refresh_entry (self, client_id);
  else
    rebuild_review (self);
}

static void
supervision_changed_cb (AllianceSupervisionPage *self,
                        gint64                   client_id)
{
  GHashTableIter iter;
  gpointer key;
  gint64 agenda_id = self->agenda ? self->agenda->id : 0;

  /* Our own save: the agenda in memory is what was saved. */
  if (self->saving)
    return;
  /* The meeting window saved or signed the agenda: read it again. */
  load_agenda (self);
  if (agenda_id != (self->agenda ? self->agenda->id : 0))
    {
      /* Signed (or a new one): the last supervision moved, and with it
       * the flags that count from it. */
      rebuild_review (self);
      return;
    }
  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    show_discussion (self, *(gint64 *)key);
  if (client_id > 0)
    refresh_entry (self, client_id);   /* action items */
  show_agenda_summary (self);
}

static void
settings_changed_cb (AllianceSupervisionPage *self,
                     const char              *key)
{
  if (g_str_has_prefix (key, "flag-"))
    rebuild_review (self);
}

static void
apply_period (AllianceSupervisionPage *self,
              const char              *from,
              const char              *to)
{
  if (g_strcmp0 (from, to) > 0)
    {
      gtk_label_set_text (self->period_error_label, _("The period must end on or after the day it starts."));
      gtk_widget_set_visible (GTK_WIDGET (self->period_error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->period_error_label), FALSE);
  alliance_supervision_page_set_period (self, from, to);
}

static void
from_day_selected_cb (AllianceSupervisionPage *self)
{
  g_autofree char *from = NULL;

  if (self->updating_calendars)
    return;
  from = dup_calendar_date (self->from_calendar);
  gtk_menu_button_popdown (self->from_button);
  apply_period (self, from, self->to);
}

static void
to_day_selected_cb (AllianceSupervisionPage *self)
{
  g_autofree char *to = NULL;

  if (self->updating_calendars)
    return;
  to = dup_calendar_date (self->to_calendar);
  gtk_menu_button_popdown (self->to_button);
  apply_period (self, self->from, to);
}

static void
show_more_clicked_cb (AllianceSupervisionPage *self)
{
  guint first = self->n_built;

  build_more_cards (self, CARDS_PER_BATCH);
  /* Keyboard users land on the first new client, not back at the top. */
  if (first < self->n_built)
    {
      const AllianceReviewEntry *entry = g_ptr_array_index (self->entries, first);
      gtk_widget_child_focus (GTK_WIDGET (lookup_card (self, entry->client_id)), GTK_DIR_TAB_FORWARD);
    }
}

static void
get_flag_settings (AllianceSupervisionPage *self,
                   AllianceFlagSettings    *settings,
                   GDate                   *today)
{
  alliance_flag_settings_load (settings, self->settings);
  alliance_date_get_today (today);
}

static gboolean
save_agenda (AllianceSupervisionPage *self,
             GError                 **error)
{
  gboolean saved;

  g_assert (self->agenda != NULL);

  /* The agenda remembers the period it was prepared for. */
  replace_string (&self->agenda->period_start, self->from);
  replace_string (&self->agenda->period_end, self->to);
  self->saving = TRUE;
  saved = alliance_supervision_store_save_meeting (self->supervision, self->agenda, NULL, error);
  self->saving = FALSE;
  if (!saved)
    {
      /* Back to what the database holds. */
      load_agenda (self);
    }
  show_agenda_summary (self);
  return saved;
}

static gboolean
ensure_agenda (AllianceSupervisionPage *self,
               GError                 **error)
{
  g_autofree char *today = NULL;

  if (self->agenda != NULL)
    return TRUE;
  today = alliance_date_today ();
  self->saving = TRUE;
  self->agenda = alliance_supervision_store_ensure_agenda (self->supervision, today, error);
  self->saving = FALSE;
  return self->agenda != NULL;
}

static void
undo_removal_cb (AdwToast                *toast,
                 AllianceSupervisionPage *self)
{
  const AllianceSupervisionDiscussion *removed = g_object_get_data (G_OBJECT (toast), "discussion");
  AllianceSupervisionDiscussion *discussion;
  g_autoptr(GError) error = NULL;

  if (!ensure_agenda (self, &error))
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("The Agenda Was Not Saved"), error);
      return;
    }
  discussion = alliance_meeting_add_discussion (self->agenda, removed->client_id);
  replace_string (&discussion->question, removed->question);
  for (guint i = 0; i < removed->excerpts->len; i++)
    {
      const AllianceSupervisionExcerpt *excerpt = g_ptr_array_index (removed->excerpts, i);
      g_ptr_array_add (discussion->excerpts, alliance_supervision_excerpt_new (excerpt->note_id, excerpt->text));
    }
  if (!save_agenda (self, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("The Agenda Was Not Saved"), error);
  show_discussion (self, removed->client_id);
}

static void
excerpt_chosen_cb (AllianceExcerptDialog   *dialog,
                   gint64                   note_id,
                   const char              *text,
                   AllianceSupervisionPage *self)
{
  gint64 client_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "client-id"));
  AllianceSupervisionDiscussion *discussion;
  g_autoptr(GError) error = NULL;

  if (!ensure_agenda (self, &error))
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("The Excerpt Was Not Added"), error);
      return;
    }
  discussion = alliance_meeting_add_discussion (self->agenda, client_id);
  g_ptr_array_add (discussion->excerpts, alliance_supervision_excerpt_new (note_id, text));
  if (!save_agenda (self, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("The Excerpt Was Not Added"), error);
  show_discussion (self, client_id);
}

static AlliancePacketOptions *
fill_packet_options (AllianceSupervisionPage *self,
                     AlliancePacketOptions   *options,
                     GArray                  *client_ids,
                     AllianceFlagSettings    *settings,
                     GDate                   *today)
{
  get_flag_settings (self, settings, today);
  for (guint i = 0; self->agenda != NULL && i < self->agenda->discussions->len; i++)
    {
      const AllianceSupervisionDiscussion *discussion = g_ptr_array_index (self->agenda->discussions, i);
      g_array_append_val (client_ids, discussion->client_id);
    }
  *options = (AlliancePacketOptions) {
    .from = self->from,
    .to = self->to,
    .client_ids = (const gint64 *)(gpointer)client_ids->data,
    .n_client_ids = client_ids->len,
    .meeting_id = self->agenda ? self->agenda->id : 0,
    .settings = settings,
    .today = today,
  };
  return options;
}

static AllianceSupervisionPacket *
build_packet (AllianceSupervisionPage  *self,
              GError                  **error)
{
  g_autoptr(GArray) client_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  AlliancePacketOptions options;
  AllianceFlagSettings settings;
  GDate today;

  fill_packet_options (self, &options, client_ids, &settings, &today);
  return alliance_supervision_packet_new (self->clients, self->sessions, self->ratings, self->supervision, &options,
                                          error);
}

static gboolean
write_packet (const char  *path,
              gpointer     user_data,
              GError     **error)
{
  AllianceSupervisionPage *self = user_data;

  if (!alliance_supervision_page_export_packet (self, path, error))
    return FALSE;
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Supervision packet saved")));
  return TRUE;
}

static void
export_packet_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  AllianceSupervisionPage *self = user_data;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  /* No name or code in the file name: it shows in file lists and mail. */
  alliance_dialogs_export_file (GTK_WIDGET (self), _("Export Supervision Packet"), "supervision-packet.pdf", filter,
                                _("The Packet Was Not Saved"), write_packet, self, NULL);
}

static void
print_packet_activated_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  AllianceSupervisionPage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!alliance_supervision_page_print_packet (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("The Packet Could Not Be Printed"), error);
}

static void
record_meeting_activated_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  AllianceSupervisionPage *self = user_data;

  /* Anything typed goes into the agenda the meeting window opens. */
  flush_questions (self);
  alliance_supervision_page_record_meeting (self, 0);
}

static void
alliance_supervision_page_dispose (GObject *object)
{
  AllianceSupervisionPage *self = (AllianceSupervisionPage *)object;

  alliance_supervision_page_set_stores (self, NULL, NULL, NULL, NULL);
  /* No gtk_widget_dispose_template (): the template's one child belongs to
   * AdwBin, which unparents it. */
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (alliance_supervision_page_parent_class)->dispose (object);
}

static void
alliance_supervision_page_finalize (GObject *object)
{
  AllianceSupervisionPage *self = (AllianceSupervisionPage *)object;

  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->agenda, alliance_meeting_free);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);

  G_OBJECT_CLASS (alliance_supervision_page_parent_class)->finalize (object);
}

static void
alliance_supervision_page_class_init (AllianceSupervisionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_supervision_page_dispose;
  object_class->finalize = alliance_supervision_page_finalize;

  /**
   * AllianceSupervisionPage::client-activated:
   * @client_id: whose name was chosen: show their page
   */
  signals[CLIENT_ACTIVATED] = g_signal_new ("client-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-supervision-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, period_error_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, period_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, attention_section);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, no_attention_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, attention_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, rest_section);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, rest_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceSupervisionPage, show_more_button);
  gtk_widget_class_bind_template_callback (widget_class, from_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_more_clicked_cb);
}

static void
alliance_supervision_page_init (AllianceSupervisionPage *self)
{
  static const GActionEntry entries[] = {
    { "export-packet", export_packet_activated_cb, NULL, NULL, NULL, { 0 } },
    { "print-packet", print_packet_activated_cb, NULL, NULL, NULL, { 0 } },
    { "record-meeting", record_meeting_activated_cb, NULL, NULL, NULL, { 0 } },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  /* A group of its own, so the window's header buttons can use it too. */
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "supervision", G_ACTION_GROUP (self->actions));
  update_actions (self);
}

GtkWidget *
alliance_supervision_page_new (void)
{
  return g_object_new (ALLIANCE_TYPE_SUPERVISION_PAGE, NULL);
}

/* The page's actions (export-packet, print-packet, record-meeting), for
 * buttons outside it: insert the group as "supervision". */
GActionGroup *
alliance_supervision_page_get_actions (AllianceSupervisionPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

static void
disconnect_store (gpointer store,
                  gpointer self)
{
  if (store != NULL)
    g_signal_handlers_disconnect_by_data (store, self);
}

void
alliance_supervision_page_set_stores (AllianceSupervisionPage  *self,
                                      AllianceClientStore      *clients,
                                      AllianceSessionStore     *sessions,
                                      AllianceRatingStore      *ratings,
                                      AllianceSupervisionStore *supervision)
{
  g_return_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self));
  g_return_if_fail ((clients && sessions && ratings && supervision) ||
                    (!clients && !sessions && !ratings && !supervision));

  /* What is being typed belongs to the records it was typed over. */
  flush_questions (self);
  g_clear_pointer (&self->agenda, alliance_meeting_free);
  disconnect_store (self->clients, self);
  disconnect_store (self->sessions, self);
  disconnect_store (self->ratings, self);
  disconnect_store (self->supervision, self);
  g_set_object (&self->clients, clients);
  g_set_object (&self->sessions, sessions);
  g_set_object (&self->ratings, ratings);
  g_set_object (&self->supervision, supervision);
  remove_cards (self);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->agenda, alliance_meeting_free);
  if (clients == NULL)
    return;

  g_signal_connect_object (clients, "changed", G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  /* Not on each note autosave: a draft changes nothing the review shows. */
  g_signal_connect_object (sessions, "changed::record", G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ratings, "changed::record", G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (supervision, "changed", G_CALLBACK (supervision_changed_cb), self, G_CONNECT_SWAPPED);

  load_agenda (self);
  choose_default_period (self);
  show_period (self);
  rebuild_review (self);
}

gboolean
alliance_supervision_page_set_period (AllianceSupervisionPage *self,
                                      const char              *from,
                                      const char              *to)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), FALSE);

  if (!alliance_date_is_valid (from) || !alliance_date_is_valid (to) || g_strcmp0 (from, to) > 0)
    return FALSE;
  if (g_strcmp0 (from, self->from) == 0 && g_strcmp0 (to, self->to) == 0)
    return TRUE;
  replace_string (&self->from, from);
  replace_string (&self->to, to);
  gtk_widget_set_visible (GTK_WIDGET (self->period_error_label), FALSE);
  show_period (self);
  rebuild_review (self);
  return TRUE;
}

const char *
alliance_supervision_page_get_from (AllianceSupervisionPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), NULL);

  return self->from;
}

const char *
alliance_supervision_page_get_to (AllianceSupervisionPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), NULL);

  return self->to;
}

GPtrArray *
alliance_supervision_page_get_entries (AllianceSupervisionPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), NULL);

  return self->entries;
}

GtkWidget *
alliance_supervision_page_get_card (AllianceSupervisionPage *self,
                                    gint64                   client_id)
{
  int index;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), NULL);

  index = find_entry (self, client_id);
  if (index < 0)
    return NULL;
  if ((guint)index >= self->n_built)
    build_more_cards (self, (guint)index + 1 - self->n_built);
  return GTK_WIDGET (lookup_card (self, client_id));
}

const AllianceMeeting *
alliance_supervision_page_get_agenda (AllianceSupervisionPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), NULL);

  return self->agenda;
}

gboolean
alliance_supervision_page_set_on_agenda (AllianceSupervisionPage  *self,
                                         gint64                    client_id,
                                         gboolean                  on_agenda,
                                         GError                  **error)
{
  g_autoptr(AllianceSupervisionDiscussion) removed = NULL;
  const AllianceSupervisionDiscussion *discussion;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), FALSE);
  g_return_val_if_fail (self->supervision != NULL, FALSE);

  discussion = find_discussion (self, client_id);
  if ((discussion != NULL) == on_agenda)
    return TRUE;

  if (on_agenda)
    {
      if (!ensure_agenda (self, error))
        return FALSE;
      alliance_meeting_add_discussion (self->agenda, client_id);
    }
  else
    {
      removed = alliance_supervision_discussion_copy (discussion);
      alliance_meeting_remove_discussion (self->agenda, client_id);
    }
  if (!save_agenda (self, error))
    return FALSE;
  show_discussion (self, client_id);

  /* A question or excerpts go with it: the therapist can have them back. */
  if (removed != NULL && ((removed->question && removed->question[0]) || removed->excerpts->len > 0))
    {
      AdwToast *toast = adw_toast_new (_("Taken off the agenda with its question and excerpts"));

      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "discussion", g_steal_pointer (&removed),
                              (GDestroyNotify)alliance_supervision_discussion_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_removal_cb), self, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  return TRUE;
}

gboolean
alliance_supervision_page_export_packet (AllianceSupervisionPage  *self,
                                         const char               *path,
                                         GError                  **error)
{
  g_autoptr(AllianceSupervisionPacket) packet = NULL;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->clients != NULL, FALSE);

  packet = build_packet (self, error);
  return packet != NULL && alliance_supervision_packet_write_pdf (packet, path, error);
}

GtkWidget *
alliance_supervision_page_add_excerpt (AllianceSupervisionPage *self,
                                       gint64                   client_id)
{
  AllianceExcerptDialog *dialog;
  GtkRoot *root;
  int index;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), NULL);

  index = find_entry (self, client_id);
  if (index < 0)
    return NULL;
  dialog = alliance_excerpt_dialog_new (self->clients, self->sessions, g_ptr_array_index (self->entries, index));
  g_object_set_data (G_OBJECT (dialog), "client-id", GSIZE_TO_POINTER ((gsize)client_id));
  g_signal_connect_object (dialog, "excerpt-chosen", G_CALLBACK (excerpt_chosen_cb), self, 0);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

/**
 * alliance_supervision_page_record_meeting:
 * @meeting_id: a meeting to open, or 0 for the agenda
 *
 * Opens the meeting window (and returns it, owned by GTK), or says why not.
 */
GtkWidget *
alliance_supervision_page_record_meeting (AllianceSupervisionPage *self,
                                          gint64                   meeting_id)
{
  AllianceMeetingWindow *window;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), NULL);
  g_return_val_if_fail (self->supervision != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = alliance_meeting_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->supervision,
                                        self->clients, self->sessions, meeting_id, &error);
  if (window == NULL)
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("The Meeting Could Not Be Opened"), error);
      return NULL;
    }
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WIDGET (window);
}

/**
 * alliance_supervision_page_print_packet:
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to ask the person, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT with @export_path
 *
 * Prints the agenda's packet for the period through GtkPrintOperation,
 * laid out for the page the printer offers.
 */
gboolean
alliance_supervision_page_print_packet (AllianceSupervisionPage  *self,
                                        GtkPrintOperationAction   action,
                                        const char               *export_path,
                                        GError                  **error)
{
  g_autoptr(AllianceSupervisionPacket) packet = NULL;

  g_return_val_if_fail (ALLIANCE_IS_SUPERVISION_PAGE (self), FALSE);
  g_return_val_if_fail (self->clients != NULL, FALSE);

  packet = build_packet (self, error);
  if (packet == NULL)
    return FALSE;
  return alliance_dialogs_print_pages (GTK_WIDGET (self), alliance_supervision_packet_get_layout (packet),
                                       _("Supervision packet"), action, export_path, error);
}
