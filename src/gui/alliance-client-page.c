/* alliance-client-page.c */
#define G_LOG_DOMAIN "alliance-client-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-caseload-flags.h"
#include "alliance-chart-panel.h"
#include "alliance-client-page.h"
#include "alliance-consistency.h"
#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-event-dialog.h"
#include "alliance-flag-settings.h"
#include "alliance-info-row.h"
#include "alliance-initials.h"
#include "alliance-interpretation.h"
#include "alliance-measure-library.h"
#include "alliance-ratings-window.h"
#include "alliance-note-editor.h"
#include "alliance-record-window.h"
#include "alliance-session-dialog.h"
#include "alliance-column.h"

struct _AllianceClientPage
{
  AdwBin               parent_instance;

  AllianceClientStore *store;
  AllianceSessionStore *session_store;
  AllianceRatingStore *rating_store;
  AllianceSupervisionStore *supervision_store;
  GSettings           *settings;
  gint64               client_id;
  AllianceClient      *client;
  GPtrArray           *goal_rows;
  GPtrArray           *session_rows;
  char                *sessions_shown;  /* what session_rows show, to skip redundant rebuilds */
  gboolean             show_all_sessions;
  GPtrArray           *alliance_rows;   /* rows added to attention_group and alliance_group */
  char                *alliance_shown;  /* what they show, to skip redundant rebuilds */
  AllianceChartPanel  *chart_panel;     /* made when a client is first shown */
  GPtrArray           *action_item_rows;
  char                *action_items_shown;  /* what they show, to skip redundant rebuilds */

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwPreferencesPage  *preferences_page;
  AdwAvatar           *avatar;
  AdwPreferencesGroup *sessions_group;
  AllianceInfoRow     *no_sessions_row;
  AllianceInfoRow     *more_sessions_row;
  AdwPreferencesGroup *risk_group;
  GtkLabel            *risk_label;
  AdwPreferencesGroup *attention_group;
  AdwPreferencesGroup *action_items_group;
  AdwPreferencesGroup *alliance_group;
  AllianceInfoRow     *consistency_row;
  GtkLabel            *name_label;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *archived_group;
  AdwPreferencesGroup *chart_slot;
  AllianceInfoRow     *birth_row;
  AllianceInfoRow     *pronouns_row;
  AllianceInfoRow     *start_row;
  AllianceInfoRow     *discharge_row;
  AllianceInfoRow     *referral_row;
  AllianceInfoRow     *concerns_row;
  AdwPreferencesGroup *contact_group;
  AllianceInfoRow     *phone_row;
  AllianceInfoRow     *email_row;
  AllianceInfoRow     *emergency_row;
  AdwPreferencesGroup *goals_group;
  AdwEntryRow         *new_goal_row;
  GtkLabel            *goal_error_label;
  AdwActionRow        *discharge_row_action;
  AdwActionRow        *reactivate_row;
  AdwActionRow        *archive_row;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION_STORE,
  PROP_RATING_STORE,
  PROP_SUPERVISION_STORE,
  PROP_CLIENT_ID,
  N_PROPS
};

enum {
  ARCHIVED,
  EDIT_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AllianceClientPage, alliance_client_page, ADW_TYPE_BIN)

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
set_row_value (AllianceInfoRow *row,
               const char      *value,
               gboolean         hide_when_empty)
{
  gboolean empty = !has_text (value);

  /* Markup off: names and notes are shown exactly as typed. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), empty ? _("Not recorded") : value);
  gtk_widget_set_visible (GTK_WIDGET (row), !(empty && hide_when_empty));
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "dim-label");
}

static char *
describe_birth (const AllianceClient *client)
{
  g_autofree char *formatted = alliance_date_format (client->date_of_birth);
  g_autofree char *today = alliance_date_today ();
  int age = alliance_date_age_years (client->date_of_birth, today);

  if (formatted == NULL)
    return NULL;
  if (age < 0)
    return g_steal_pointer (&formatted);
  /* Translators: date of birth, then age, e.g. "12 April 1991 · 35 years old" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d year old", "%s · %d years old", age),
                          formatted, age);
}

static void
clear_goal_rows (AllianceClientPage *self)
{
  for (guint i = 0; i < self->goal_rows->len; i++)
    adw_preferences_group_remove (self->goals_group, g_ptr_array_index (self->goal_rows, i));
  g_ptr_array_set_size (self->goal_rows, 0);
}

/* A flat icon button named for screen readers, its label as tooltip. */
static GtkWidget *
make_row_button (const char *icon_name,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static GtkWidget *
make_goal_button (gint64      goal_id,
                  const char *status,
                  const char *icon_name,
                  const char *label)
{
  GtkWidget *button = make_row_button (icon_name, label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "client.set-goal-status");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xs)", goal_id, status);
  return button;
}

static GtkWidget *
make_goal_row (const AllianceGoal *goal)
{
  GtkWidget *row = alliance_info_row_new ();
  g_autofree char *set_on = alliance_date_format (goal->set_on);
  g_autofree char *reviewed_on = alliance_date_format (goal->reviewed_on);
  g_autofree char *subtitle = NULL;

  if (goal->status == ALLIANCE_GOAL_STATUS_ACTIVE)
    /* Translators: %s is a date */
    subtitle = g_strdup_printf (_("Set %s"), set_on);
  else
    /* Translators: goal status, then the date it was reviewed, e.g. "Achieved 3 May 2026" */
    subtitle = g_strdup_printf (C_("goal review", "%s %s"), alliance_goal_status_get_label (goal->status),
                                reviewed_on ? reviewed_on : "");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), goal->description);
  alliance_info_row_set_subtitle (ALLIANCE_INFO_ROW (row), subtitle);
  alliance_info_row_set_icon_name (ALLIANCE_INFO_ROW (row),
                                goal->status == ALLIANCE_GOAL_STATUS_ACHIEVED ? "emblem-ok-symbolic"
                                : goal->status == ALLIANCE_GOAL_STATUS_DROPPED ? "action-unavailable-symbolic"
                                                                               : "find-location-symbolic");
  if (goal->status != ALLIANCE_GOAL_STATUS_ACTIVE)
    gtk_widget_add_css_class (row, "dim-label");
  else
    {
      alliance_info_row_add_suffix (ALLIANCE_INFO_ROW (row),
                                    make_goal_button (goal->id, "achieved", "emblem-ok-symbolic",
                                                      _("Mark Goal Achieved")));
      alliance_info_row_add_suffix (ALLIANCE_INFO_ROW (row),
                                    make_goal_button (goal->id, "dropped", "edit-clear-symbolic", _("Drop Goal")));
    }
  return row;
}

static void
show_goals (AllianceClientPage *self)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GError) error = NULL;

  clear_goal_rows (self);
  goals = alliance_client_store_list_goals (self->store, self->client_id, &error);
  if (goals == NULL)
    {
      gtk_label_set_text (self->goal_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->goal_error_label), TRUE);
      return;
    }

  for (guint i = 0; i < goals->len; i++)
    {
      GtkWidget *row = make_goal_row (g_ptr_array_index (goals, i));

      adw_preferences_group_add (self->goals_group, row);
      g_ptr_array_add (self->goal_rows, row);
    }

  /* Keep the entry for a new goal below the list. */
  g_object_ref (self->new_goal_row);
  adw_preferences_group_remove (self->goals_group, GTK_WIDGET (self->new_goal_row));
  adw_preferences_group_add (self->goals_group, GTK_WIDGET (self->new_goal_row));
  g_object_unref (self->new_goal_row);
}

/* The newest sessions are listed; the rest wait behind "Show all", so a
 * client with years of weekly sessions opens as fast as a new one. */
#define SESSIONS_SHOWN 5

/* Keeps the first @n_kept rows (to be refilled); hides the others, up to
 * the number usually shown, for the next client, and removes the rest. */
static void
trim_session_rows (AllianceClientPage *self,
                   guint               n_kept)
{
  for (guint i = self->session_rows->len; i > n_kept; i--)
    {
      GtkWidget *row = g_ptr_array_index (self->session_rows, i - 1);

      if (i > SESSIONS_SHOWN)
        {
          adw_preferences_group_remove (self->sessions_group, row);
          g_ptr_array_set_size (self->session_rows, i - 1);
        }
      else
        gtk_widget_set_visible (row, FALSE);
    }
  g_clear_pointer (&self->sessions_shown, g_free);
}

static void
clear_session_rows (AllianceClientPage *self)
{
  trim_session_rows (self, 0);
}

/* Everything a timeline row shows, for @n_shown sessions: equal keys mean
 * the rows on screen are already right. */
static char *
describe_shown_sessions (GPtrArray *sessions,
                         guint      n_shown)
{
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%u/%u", n_shown, sessions->len);
  for (guint i = 0; i < n_shown; i++)
    {
      const AllianceSession *session = g_ptr_array_index (sessions, i);

      g_string_append_printf (key, "|%" G_GINT64_FORMAT " %s %d %d %d %d %d %s", session->id, session->starts_at,
                              session->number, session->attendance, session->modality,
                              session->duration_minutes, session->note_state,
                              session->error_reason ? session->error_reason : "");
    }
  return g_string_free (key, FALSE);
}

/* A timeline row's widgets, filled in by update_session_row() (which
 * also names the actions, once they have a target of the right type). */
static GtkWidget *
make_session_row (void)
{
  GtkWidget *row = alliance_info_row_new ();
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *ratings = make_row_button ("view-list-bullet-symbolic", _("Ratings and Events"));
  GtkWidget *edit = make_row_button ("document-edit-symbolic", _("Edit Session"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (state, "caption");
  alliance_info_row_add_suffix (ALLIANCE_INFO_ROW (row), state);
  alliance_info_row_add_suffix (ALLIANCE_INFO_ROW (row), ratings);
  alliance_info_row_add_suffix (ALLIANCE_INFO_ROW (row), edit);
  g_object_set_data (G_OBJECT (row), "state", state);
  g_object_set_data (G_OBJECT (row), "ratings", ratings);
  g_object_set_data (G_OBJECT (row), "edit", edit);
  return row;
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
set_session_action (GtkWidget  *widget,
                    const char *action_name,
                    gint64      session_id)
{
  gtk_actionable_set_action_target (GTK_ACTIONABLE (widget), "x", session_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (widget), action_name);
}

/* Rows are kept and refilled when another client is shown: new widgets
 * cost their construction and a style of their own, and are laid out
 * twice in their first frame. */
static void
update_session_row (GtkWidget             *row,
                    const AllianceSession *session)
{
  GtkWidget *state = g_object_get_data (G_OBJECT (row), "state");
  GtkWidget *ratings = g_object_get_data (G_OBJECT (row), "ratings");
  GtkWidget *edit = g_object_get_data (G_OBJECT (row), "edit");
  g_autofree char *date = g_strndup (session->starts_at, 10);
  g_autofree char *formatted = alliance_date_format (date);
  g_autofree char *title = g_strdup_printf ("%s, %s", formatted, session->starts_at + 11);
  g_autofree char *subtitle = NULL;
  const char *attendance = alliance_attendance_get_label (session->attendance);
  const char *note_state;
  const char *note_style;

  if (session->error_reason != NULL)
    /* Translators: a session marked as entered in error, with the reason */
    subtitle = g_strdup_printf (_("Entered in error: %s"), session->error_reason);
  else if (session->number > 0)
    /* Translators: session number · attendance · minutes · modality */
    subtitle = g_strdup_printf (_("Session %d · %s · %d min · %s"), session->number, attendance,
                                session->duration_minutes, alliance_modality_get_label (session->modality));
  else
    subtitle = g_strdup (attendance);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  alliance_info_row_set_subtitle (ALLIANCE_INFO_ROW (row), subtitle);
  set_session_action (row, "client.open-session", session->id);
  set_css_class (row, "dim-label", session->error_reason != NULL);

  switch (session->note_state)
    {
    case ALLIANCE_NOTE_STATE_SIGNED:
      /* Translators: state of a session's note */
      note_state = C_("note state", "Signed");
      note_style = "success";
      break;
    case ALLIANCE_NOTE_STATE_DRAFT:
      note_state = C_("note state", "Draft");
      note_style = "warning";
      break;
    case ALLIANCE_NOTE_STATE_NONE:
    default:
      note_state = C_("note state", "No note");
      note_style = "dim-label";
      break;
    }
  gtk_label_set_text (GTK_LABEL (state), note_state);
  set_css_class (state, "success", g_str_equal (note_style, "success"));
  set_css_class (state, "warning", g_str_equal (note_style, "warning"));
  set_css_class (state, "dim-label", g_str_equal (note_style, "dim-label"));

  gtk_widget_set_visible (ratings, session->error_reason == NULL &&
                                   session->attendance == ALLIANCE_ATTENDANCE_ATTENDED);
  set_session_action (ratings, "client.session-ratings", session->id);
  set_session_action (edit, "client.edit-session", session->id);
}

/* @listed: the client's sessions when the caller has read them, or NULL. */
static void
show_sessions (AllianceClientPage *self,
               GPtrArray          *listed)
{
  g_autoptr(GPtrArray) sessions = listed != NULL ? g_ptr_array_ref (listed) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  guint n_shown;
  guint n_added;

  gtk_widget_set_visible (GTK_WIDGET (self->sessions_group), self->session_store != NULL && self->client != NULL);
  if (self->session_store == NULL || self->client == NULL)
    {
      clear_session_rows (self);
      return;
    }

  if (sessions == NULL)
    sessions = alliance_session_store_list_sessions (self->session_store, self->client_id, &error);
  if (sessions == NULL)
    {
      clear_session_rows (self);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->no_sessions_row), error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->no_sessions_row), TRUE);
      return;
    }

  /* Every autosave of a note says "changed": rebuilding unchanged rows
   * each second of typing would be wasted layout. */
  n_shown = self->show_all_sessions ? sessions->len : MIN (sessions->len, SESSIONS_SHOWN);
  shown = describe_shown_sessions (sessions, n_shown);
  if (self->sessions_shown != NULL && g_str_equal (shown, self->sessions_shown))
    return;
  trim_session_rows (self, n_shown);
  self->sessions_shown = g_steal_pointer (&shown);

  gtk_widget_set_visible (GTK_WIDGET (self->no_sessions_row), sessions->len == 0);
  n_added = n_shown > self->session_rows->len ? n_shown - self->session_rows->len : 0;
  for (guint i = 0; i < n_shown; i++)
    {
      GtkWidget *row;

      if (i == self->session_rows->len)
        {
          row = make_session_row ();
          adw_preferences_group_add (self->sessions_group, row);
          g_ptr_array_add (self->session_rows, row);
        }
      row = g_ptr_array_index (self->session_rows, i);
      update_session_row (row, g_ptr_array_index (sessions, i));
      gtk_widget_set_visible (row, TRUE);
    }

  /* Keep "Show all" below the rows. */
  gtk_widget_set_visible (GTK_WIDGET (self->more_sessions_row), n_shown < sessions->len);
  if (n_shown < sessions->len)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show all %u session",
                                                            "Show all %u sessions", sessions->len),
                                               sessions->len);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->more_sessions_row), more);
    }
  if (n_added > 0)
    {
      g_object_ref (self->more_sessions_row);
      adw_preferences_group_remove (self->sessions_group, GTK_WIDGET (self->more_sessions_row));
      adw_preferences_group_add (self->sessions_group, GTK_WIDGET (self->more_sessions_row));
      g_object_unref (self->more_sessions_row);
    }
}


static void
clear_alliance_rows (AllianceClientPage *self)
{
  for (guint i = 0; i < self->alliance_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->alliance_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->alliance_rows, 0);
  g_clear_pointer (&self->alliance_shown, g_free);
}

static GtkWidget *
add_alliance_row (AllianceClientPage  *self,
                  AdwPreferencesGroup *group,
                  const char          *title,
                  const char          *subtitle,
                  const char          *icon_name,
                  const char          *icon_style)
{
  GtkWidget *row = alliance_info_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    alliance_info_row_set_subtitle (ALLIANCE_INFO_ROW (row), subtitle);
  alliance_info_row_set_subtitle_lines (ALLIANCE_INFO_ROW (row), 4);
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      if (icon_style != NULL)
        gtk_widget_add_css_class (icon, icon_style);
      alliance_info_row_add_prefix (ALLIANCE_INFO_ROW (row), icon);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->alliance_rows, row);
  return row;
}

static void
describe_flags (AllianceClientPage        *self,
                const AllianceClientFlags *flags,
                GString                   *shown)
{
  const AllianceFlag *risk = alliance_client_flags_find (flags, ALLIANCE_FLAG_RISK_ITEM);

  gtk_widget_set_visible (GTK_WIDGET (self->risk_group), risk != NULL);
  if (risk != NULL)
    {
      g_autofree char *until = alliance_date_format (flags->risk_until);
      /* Translators: the risk banner; the first %s says which answer and when, the second until when this shows */
      g_autofree char *text = g_strdup_printf (_("%s This banner shows until %s."), risk->reason, until);

      gtk_label_set_text (self->risk_label, text);
      g_string_append (shown, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attention_group), flags->flags->len > (risk != NULL ? 1u : 0u));
  for (guint i = 0; i < flags->flags->len; i++)
    {
      const AllianceFlag *flag = g_ptr_array_index (flags->flags, i);

      if (flag == risk)
        continue;
      /* The icon carries the severity's colour; the text stays readable. */
      add_alliance_row (self, self->attention_group, alliance_flag_get_title (flag->id), flag->reason,
                        alliance_flag_get_icon_name (flag->id),
                        flag->severity >= ALLIANCE_FLAG_SEVERITY_WARNING ? "warning" : NULL);
      g_string_append_printf (shown, "%s|%s|", flag->id, flag->reason);
    }
}

/* "Gap to the client’s total: +3", or NULL without a client total that session. */
static char *
describe_prediction_gap (AllianceClientPage           *self,
                         GPtrArray                    *administrations,
                         const AllianceAdministration *prediction,
                         const AllianceScore          *predicted)
{
  for (guint i = 0; i < administrations->len; i++)
    {
      const AllianceAdministration *other = g_ptr_array_index (administrations, i);
      g_autoptr(AllianceScore) client = NULL;

      if (other->session_id != prediction->session_id || !other->complete ||
          g_strcmp0 (other->measure_key, ALLIANCE_MEASURE_ALLIANCE_CHECK) != 0)
        continue;
      client = alliance_rating_store_interpret (self->rating_store, other, NULL);
      if (client == NULL)
        return NULL;
      return alliance_interpretation_describe_prediction_gap (predicted->total, client->total,
                                                              prediction->entry_order < other->entry_order);
    }
  return NULL;
}

static void
describe_latest_scores (AllianceClientPage *self,
                        GPtrArray          *administrations,
                        GString            *shown)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* Newest first, one row per measure. */
  for (guint i = administrations->len; i > 0; i--)
    {
      const AllianceAdministration *administration = g_ptr_array_index (administrations, i - 1);
      const AllianceMeasure *measure;
      g_autoptr(AllianceScore) score = NULL;
      g_autofree char *total = NULL;
      g_autofree char *details = NULL;
      g_autofree char *date = NULL;
      g_autofree char *formatted = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (!administration->complete || g_hash_table_contains (seen, administration->measure_key))
        continue;
      measure = alliance_rating_store_get_measure (self->rating_store, administration->measure_key,
                                                   administration->measure_version, NULL);
      score = measure != NULL ? alliance_rating_store_interpret (self->rating_store, administration, NULL) : NULL;
      if (score == NULL)
        continue;
      g_hash_table_add (seen, administration->measure_key);

      date = g_strndup (administration->administered_at, 10);
      formatted = alliance_date_format (date);
      if (measure->purpose == ALLIANCE_MEASURE_PURPOSE_PREDICTION)
        {
          /* A prediction is read against the client's own total that session. */
          total = alliance_interpretation_format_number (score->total);
          /* Translators: the therapist's latest predicted Alliance check total */
          title = g_strdup_printf (_("Your prediction: %s"), total);
          details = describe_prediction_gap (self, administrations, administration, score);
        }
      else
        {
          total = alliance_interpretation_describe_total (measure, score);
          details = alliance_interpretation_describe_details (measure, score);
          /* Translators: a measure's name and its latest total, e.g. "PHQ-9: Total 8 of 27" */
          title = g_strdup_printf (_("%s: %s"), alliance_measure_translate (measure, measure->name), total);
        }
      /* Translators: the date of a score, then what it means */
      subtitle = details != NULL ? g_strdup_printf (_("%s · %s"), formatted, details) : g_strdup (formatted);
      add_alliance_row (self, self->alliance_group, title, subtitle, NULL, NULL);
      g_string_append_printf (shown, "%s|%s|", title, subtitle);
    }
}

static void
describe_ruptures (AllianceClientPage *self,
                   GString            *shown)
{
  g_autoptr(GPtrArray) ruptures = NULL;

  ruptures = alliance_rating_store_list_unrepaired_ruptures (self->rating_store, self->client_id, NULL);
  for (guint i = 0; ruptures != NULL && i < ruptures->len; i++)
    {
      const AllianceSessionEvent *rupture = g_ptr_array_index (ruptures, i);
      g_autofree char *date = g_strndup (rupture->occurred_at, 10);
      g_autofree char *formatted = alliance_date_format (date);
      g_autofree char *described = alliance_session_event_describe (rupture);
      /* Translators: when an unrepaired rupture happened, e.g. "Not yet repaired · 9 November 2026" */
      g_autofree char *when = g_strdup_printf (_("Not yet repaired · %s"), formatted);
      g_autofree char *subtitle = *rupture->note != '\0' ? g_strdup_printf ("%s · %s", when, rupture->note)
                                                        : g_strdup (when);
      GtkWidget *row = add_alliance_row (self, self->alliance_group, described, subtitle, "dialog-warning-symbolic",
                                         "warning");
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Record _Repair…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "client.record-repair");
      alliance_info_row_add_suffix (ALLIANCE_INFO_ROW (row), button);
      g_string_append_printf (shown, "%s|%s|", described, subtitle);
    }
}

static void
describe_consistency (AllianceClientPage *self,
                      GPtrArray          *sessions,
                      const GDate        *today,
                      GString            *shown)
{
  AllianceConsistency consistency;
  g_autofree char *text = NULL;

  alliance_consistency_compute (sessions, today, &consistency);
  if (consistency.counted == 0)
    text = g_strdup (_("No past sessions yet"));
  else if (consistency.longest_gap_days > 0)
    /* Translators: attendance rate, attended of counted sessions, longest gap between attended sessions */
    text = g_strdup_printf (_("%.0f%% (%d of %d sessions) · longest gap %d days"),
                            consistency.attendance_rate * 100, consistency.attended, consistency.counted,
                            consistency.longest_gap_days);
  else
    text = g_strdup_printf (_("%.0f%% (%d of %d sessions)"), consistency.attendance_rate * 100,
                            consistency.attended, consistency.counted);
  alliance_info_row_set_subtitle (self->consistency_row, text);
  g_string_append (shown, text);
  alliance_consistency_clear (&consistency);
}

/* Flags, the risk banner, latest scores, ruptures and attendance: all
 * recomputed from the records whenever one of this client's changes.
 * @listed: the client's sessions when the caller has read them, or NULL. */
static void
show_alliance (AllianceClientPage *self,
               GPtrArray          *listed)
{
  g_autoptr(GPtrArray) sessions = listed != NULL ? g_ptr_array_ref (listed) : NULL;
  g_autoptr(GPtrArray) administrations = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(AllianceClientFlags) flags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  AllianceFlagSettings settings;
  GDate today;
  guint n_rows;

  if (self->rating_store == NULL || self->session_store == NULL || self->client == NULL)
    {
      clear_alliance_rows (self);
      gtk_widget_set_visible (GTK_WIDGET (self->risk_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->attention_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->alliance_group), FALSE);
      return;
    }

  alliance_date_get_today (&today);
  alliance_flag_settings_load (&settings, self->settings);
  if (sessions == NULL)
    sessions = alliance_session_store_list_sessions (self->session_store, self->client_id, &error);
  if (sessions != NULL)
    administrations = alliance_rating_store_list_client_administrations (self->rating_store, self->client_id, &error);
  if (administrations != NULL)
    events = alliance_rating_store_list_client_events (self->rating_store, self->client_id, &error);
  if (events != NULL)
    {
      /* From the lists the page shows anyway: nothing read twice. */
      flags = alliance_caseload_flags_compute_lists (self->rating_store, self->client_id,
                                                     alliance_client_status_in_therapy (self->client->status),
                                                     sessions, administrations, events, &settings, &today);
    }
  if (flags == NULL)
    {
      clear_alliance_rows (self);
      alliance_info_row_set_subtitle (self->consistency_row, error->message);
      return;
    }

  /* Build into a scratch list, and keep the old rows if nothing they
   * show changed. */
  n_rows = self->alliance_rows->len;
  describe_flags (self, flags, shown);
  describe_latest_scores (self, administrations, shown);
  describe_ruptures (self, shown);
  describe_consistency (self, sessions, &today, shown);
  if (self->alliance_shown != NULL && g_str_equal (shown->str, self->alliance_shown))
    {
      /* Drop the rows just built; the old ones show the same. */
      while (self->alliance_rows->len > n_rows)
        {
          GtkWidget *row = g_ptr_array_steal_index (self->alliance_rows, self->alliance_rows->len - 1);
          adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
        }
      return;
    }
  /* Drop the old rows, keep the new. */
  for (guint i = 0; i < n_rows; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->alliance_rows, i);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_remove_range (self->alliance_rows, 0, n_rows);
  g_free (self->alliance_shown);
  self->alliance_shown = g_string_free (g_steal_pointer (&shown), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->alliance_group), TRUE);
}

static void
rating_store_changed_cb (AllianceClientPage  *self,
                         gint64               client_id,
                         AllianceRatingStore *store)
{
  if (client_id == self->client_id || client_id == 0)
    show_alliance (self, NULL);
}

static void
settings_changed_cb (AllianceClientPage *self,
                     const char         *key,
                     GSettings          *settings)
{
  if (g_str_has_prefix (key, "flag-"))
    show_alliance (self, NULL);
}

static void
session_store_changed_cb (AllianceClientPage   *self,
                          gint64                client_id,
                          AllianceSessionStore *store)
{
  if (client_id == self->client_id)
    show_sessions (self, NULL);
}

/* Flags, scores and attendance come from the record: a note draft saved
 * as the therapist types (every second or so) changes none of them. */
static void
session_record_changed_cb (AllianceClientPage   *self,
                           gint64                client_id,
                           AllianceSessionStore *store)
{
  if (client_id == self->client_id)
    show_alliance (self, NULL);
}

static void
clear_action_item_rows (AllianceClientPage *self)
{
  for (guint i = 0; i < self->action_item_rows->len; i++)
    adw_preferences_group_remove (self->action_items_group, g_ptr_array_index (self->action_item_rows, i));
  g_ptr_array_set_size (self->action_item_rows, 0);
  g_clear_pointer (&self->action_items_shown, g_free);
}

static void action_item_toggled_cb (AllianceClientPage *self,
                                    GtkCheckButton     *check);

static GtkWidget *
make_action_item_row (AllianceClientPage       *self,
                      const AllianceActionItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *when = alliance_date_format (item->meeting_date);
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;

  if (has_text (item->supervisor))
    /* Translators: the date of a supervision meeting, then the supervisor */
    subtitle = g_strdup_printf (_("From supervision on %s with %s"), when, item->supervisor);
  else
    /* Translators: the date of a supervision meeting */
    subtitle = g_strdup_printf (_("From supervision on %s"), when);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: accessible name of the check button; %s is the action item */
  label = g_strdup_printf (_("Mark as done: %s"), item->text);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Mark as done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (check), "action-item-id", g_memdup2 (&item->id, sizeof item->id), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (action_item_toggled_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "check", check);
  return row;
}

/* Supervision's open recommendations for this client: one query, and
 * nothing more when there are none (the page's open time is tight). */
static void
show_action_items (AllianceClientPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  GString *shown;

  if (self->supervision_store == NULL || self->client == NULL)
    {
      clear_action_item_rows (self);
      gtk_widget_set_visible (GTK_WIDGET (self->action_items_group), FALSE);
      return;
    }

  items = alliance_supervision_store_list_action_items (self->supervision_store, self->client_id, FALSE, &error);
  if (items == NULL)
    {
      g_debug ("Could not list action items: %s", error->message);
      clear_action_item_rows (self);
      gtk_widget_set_visible (GTK_WIDGET (self->action_items_group), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->action_items_group), items->len > 0);
  if (items->len == 0)
    {
      if (self->action_item_rows->len > 0)
        clear_action_item_rows (self);
      return;
    }

  shown = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      const AllianceActionItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (shown, "%" G_GINT64_FORMAT "|%s|%s|%s|", item->id, item->text, item->meeting_date,
                              item->supervisor ? item->supervisor : "");
    }
  if (self->action_items_shown != NULL && g_str_equal (shown->str, self->action_items_shown))
    {
      g_string_free (shown, TRUE);
      return;
    }
  clear_action_item_rows (self);
  self->action_items_shown = g_string_free (shown, FALSE);
  for (guint i = 0; i < items->len; i++)
    {
      GtkWidget *row = make_action_item_row (self, g_ptr_array_index (items, i));

      adw_preferences_group_add (self->action_items_group, row);
      g_ptr_array_add (self->action_item_rows, row);
    }
}

static void
supervision_changed_cb (AllianceClientPage       *self,
                        gint64                    client_id,
                        AllianceSupervisionStore *store)
{
  if (client_id == self->client_id)
    show_action_items (self);
}

static void
action_item_toggled_cb (AllianceClientPage *self,
                        GtkCheckButton     *check)
{
  const gint64 *id = g_object_get_data (G_OBJECT (check), "action-item-id");
  g_autoptr(GError) error = NULL;
  g_autofree char *done_on = NULL;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW);
  guint position = 0;
  AdwToast *toast;

  if (!gtk_check_button_get_active (check) || id == NULL || self->supervision_store == NULL)
    return;
  g_ptr_array_find (self->action_item_rows, row, &position);

  done_on = alliance_date_today ();
  if (!alliance_supervision_store_set_action_item_done (self->supervision_store, *id, done_on, &error))
    {
      gtk_check_button_set_active (check, FALSE);
      alliance_dialogs_show_error (GTK_WIDGET (self), _("The Action Item Could Not Be Marked Done"), error);
      return;
    }

  /* The row has gone with the refresh: the keyboard goes on to the next. */
  if (self->action_item_rows->len > 0)
    gtk_widget_grab_focus (g_object_get_data (g_ptr_array_index (self->action_item_rows,
                                                                 MIN (position, self->action_item_rows->len - 1)),
                                              "check"));

  /* Undo brings it back. */
  toast = adw_toast_new (_("Action item marked done"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "client.reopen-action-item");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (*id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
reopen_action_item_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->supervision_store != NULL &&
      !alliance_supervision_store_set_action_item_done (self->supervision_store, g_variant_get_int64 (parameter),
                                                        NULL, &error))
    alliance_dialogs_show_error (widget, _("The Action Item Could Not Be Reopened"), error);
}

static void
open_note_editor (AllianceClientPage *self,
                  gint64              session_id)
{
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(GError) error = NULL;
  AllianceNoteEditor *editor;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  session = alliance_session_store_load_session (self->session_store, session_id, &error);
  if (session == NULL || self->client == NULL)
    {
      if (error != NULL)
        alliance_dialogs_show_error (GTK_WIDGET (self), _("The Session Could Not Be Opened"), error);
      return;
    }

  editor = alliance_note_editor_new (self->session_store, self->client, session);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static AllianceRatingsWindow *
open_ratings_window (AllianceClientPage *self,
                     gint64              session_id)
{
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(GError) error = NULL;
  AllianceRatingsWindow *window;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->rating_store == NULL)
    return NULL;
  session = alliance_session_store_load_session (self->session_store, session_id, &error);
  if (session == NULL)
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("The Session Could Not Be Opened"), error);
      return NULL;
    }
  window = alliance_ratings_window_new (self->rating_store, session);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

typedef struct
{
  AllianceClientPage *page;   /* weak */
  gint64              session_id;
} NoteAfterRatings;

static void
note_after_ratings_free (gpointer data,
                         GClosure *closure)
{
  NoteAfterRatings *next = data;

  g_clear_weak_pointer (&next->page);
  g_free (next);
}

static void
ratings_closed_cb (GtkWindow        *window,
                   NoteAfterRatings *next)
{
  if (next->page != NULL)
    open_note_editor (next->page, next->session_id);
}

static void
session_logged_cb (AllianceClientPage *self,
                   gint64              session_id)
{
  g_autoptr(AllianceSession) session = alliance_session_store_load_session (self->session_store, session_id, NULL);
  AllianceRatingsWindow *ratings = NULL;

  /* Logging an attended session leads on to its ratings, then its note;
   * any other leads straight to the note. */
  if (session != NULL && session->attendance == ALLIANCE_ATTENDANCE_ATTENDED)
    ratings = open_ratings_window (self, session_id);
  if (ratings != NULL)
    {
      NoteAfterRatings *next = g_new0 (NoteAfterRatings, 1);

      g_set_weak_pointer (&next->page, self);
      next->session_id = session_id;
      g_signal_connect_data (ratings, "destroy", G_CALLBACK (ratings_closed_cb), next,
                             note_after_ratings_free, 0);
      return;
    }
  open_note_editor (self, session_id);
}

static void
session_ratings_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  open_ratings_window (ALLIANCE_CLIENT_PAGE (widget), g_variant_get_int64 (parameter));
}

/* A repair is recorded on the latest attended session. */
static void
record_repair_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  const AllianceSession *latest = NULL;
  AllianceEventDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  sessions = alliance_session_store_list_sessions (self->session_store, self->client_id, &error);
  /* Newest first; a number only for attended sessions not entered in error. */
  for (guint i = 0; sessions != NULL && latest == NULL && i < sessions->len; i++)
    {
      const AllianceSession *session = g_ptr_array_index (sessions, i);

      if (session->number > 0)
        latest = session;
    }
  if (latest == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("A repair is recorded on an attended session. Log the session first."));
      alliance_dialogs_show_error (widget, _("No Session to Record the Repair On"), error);
      return;
    }
  dialog = alliance_event_dialog_new (self->rating_store, latest, ALLIANCE_EVENT_REPAIR);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_session_dialog (AllianceClientPage    *self,
                     const AllianceSession *session)
{
  AllianceSessionDialog *dialog = alliance_session_dialog_new (self->session_store, session);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  if (session->id == 0)
    g_signal_connect_object (dialog, "saved", G_CALLBACK (session_logged_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
log_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(AllianceSession) suggestion = NULL;
  g_autoptr(GError) error = NULL;

  suggestion = alliance_session_store_suggest_session (self->session_store, self->client_id, now, &error);
  if (suggestion == NULL)
    {
      alliance_dialogs_show_error (widget, _("A Session Could Not Be Logged"), error);
      return;
    }
  open_session_dialog (self, suggestion);
}

static void
edit_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = alliance_session_store_load_session (self->session_store, g_variant_get_int64 (parameter), &error);
  if (session == NULL)
    alliance_dialogs_show_error (widget, _("The Session Could Not Be Opened"), error);
  else
    open_session_dialog (self, session);
}

static void
open_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_note_editor (ALLIANCE_CLIENT_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
view_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  AllianceRecordWindow *record;
  GtkRoot *root = gtk_widget_get_root (widget);

  record = alliance_record_window_new (self->store, self->session_store, self->client_id, &error);
  if (record == NULL)
    {
      alliance_dialogs_show_error (widget, _("The Record Could Not Be Shown"), error);
      return;
    }
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (record), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (record));
}

static void
show_all_sessions_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);

  self->show_all_sessions = TRUE;
  show_sessions (self, NULL);
}

static void
update_actions (AllianceClientPage *self)
{
  gboolean loaded = self->client != NULL;
  gboolean discharged = loaded && self->client->status == ALLIANCE_CLIENT_STATUS_DISCHARGED;
  gboolean archived = loaded && self->client->archived;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.edit", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.discharge", loaded && !discharged);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.reactivate", loaded && (discharged ||
                                                                                    self->client->status != ALLIANCE_CLIENT_STATUS_ACTIVE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.archive", loaded && !archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.unarchive", archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.set-goal-status", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.log-session", loaded && self->session_store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.view-record", loaded && self->session_store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.session-ratings", loaded && self->rating_store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.record-repair", loaded && self->rating_store != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->discharge_row_action), loaded && !discharged);
  gtk_widget_set_visible (GTK_WIDGET (self->reactivate_row),
                          loaded && self->client->status != ALLIANCE_CLIENT_STATUS_ACTIVE);
  gtk_widget_set_visible (GTK_WIDGET (self->archive_row), loaded && !archived);
}

/* The chart costs a query and a layout: made only once a client is shown. */
static void
show_chart (AllianceClientPage *self)
{
  gboolean ready = self->session_store != NULL && self->rating_store != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->chart_slot), ready);
  if (!ready)
    return;
  if (self->chart_panel == NULL)
    {
      self->chart_panel = ALLIANCE_CHART_PANEL (alliance_chart_panel_new (self->session_store, self->rating_store,
                                                                          self->client_id));
      adw_preferences_group_add (self->chart_slot, GTK_WIDGET (self->chart_panel));
    }
  else
    g_object_set (self->chart_panel,
                  "session-store", self->session_store,
                  "rating-store", self->rating_store,
                  "client-id", self->client_id,
                  NULL);
}

static void
show_client (AllianceClientPage *self)
{
  const AllianceClient *client = self->client;
  g_autofree char *display_name = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *start = NULL;
  g_autofree char *discharge = NULL;
  g_autofree char *emergency = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  update_actions (self);
  if (client == NULL)
    return;

  display_name = alliance_client_dup_display_name (client);
  adw_avatar_set_text (self->avatar, display_name);
  {
    /* The same disc as in the caseload list, so the colour is recognised. */
    g_autoptr(GdkPaintable) initials = alliance_initials_paintable_new (GTK_WIDGET (self), display_name,
                                                                        adw_avatar_get_size (self->avatar));
    adw_avatar_set_custom_image (self->avatar, initials);
  }

  /* The full legal name, with the name they go by when it differs. */
  if (has_text (client->preferred_name))
    {
      g_autofree char *full = g_strdup_printf ("%s %s", client->given_name, client->family_name);
      /* Translators: full name, then the name the client prefers, e.g. Katherine O'Connor (Kate) */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), full, client->preferred_name);
      gtk_label_set_text (self->name_label, label);
    }
  else
    gtk_label_set_text (self->name_label, display_name);

  /* Translators: client code · status, on the client page */
  summary = g_strdup_printf (_("%s · %s"), client->code, alliance_client_status_get_label (client->status));
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_group), client->archived);

  birth = describe_birth (client);
  set_row_value (self->birth_row, birth, FALSE);
  set_row_value (self->pronouns_row, client->pronouns, TRUE);
  start = alliance_date_format (client->start_date);
  set_row_value (self->start_row, start, client->status == ALLIANCE_CLIENT_STATUS_ENQUIRY ||
                                         client->status == ALLIANCE_CLIENT_STATUS_WAITLIST);
  if (client->discharge_date != NULL)
    {
      g_autofree char *date = alliance_date_format (client->discharge_date);
      discharge = has_text (client->discharge_reason)
                    /* Translators: discharge date — reason */
                    ? g_strdup_printf (_("%s — %s"), date, client->discharge_reason)
                    : g_steal_pointer (&date);
    }
  set_row_value (self->discharge_row, discharge, TRUE);
  set_row_value (self->referral_row, client->referral_source, TRUE);
  set_row_value (self->concerns_row, client->presenting_concerns, TRUE);

  set_row_value (self->phone_row, client->phone, FALSE);
  set_row_value (self->email_row, client->email, TRUE);
  if (has_text (client->emergency_name))
    {
      GString *text = g_string_new (client->emergency_name);
      if (has_text (client->emergency_relationship))
        g_string_append_printf (text, " (%s)", client->emergency_relationship);
      if (has_text (client->emergency_phone))
        g_string_append_printf (text, " · %s", client->emergency_phone);
      emergency = g_string_free (text, FALSE);
    }
  set_row_value (self->emergency_row, emergency, FALSE);

  /* Read once for the timeline, the flags and attendance. */
  if (self->session_store != NULL)
    sessions = alliance_session_store_list_sessions (self->session_store, self->client_id, NULL);

  show_goals (self);
  show_sessions (self, sessions);
  show_alliance (self, sessions);
  show_action_items (self);
  show_chart (self);
}

static void
reload (AllianceClientPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->client, alliance_client_free);
  clear_goal_rows (self);
  /* The timeline's rows stay, to be refilled. */
  g_clear_pointer (&self->sessions_shown, g_free);
  clear_alliance_rows (self);
  clear_action_item_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->goal_error_label), FALSE);

  if (self->store != NULL && self->client_id != 0)
    {
      self->client = alliance_client_store_load (self->store, self->client_id, &error);
      if (self->client == NULL)
        g_debug ("Could not load client %" G_GINT64_FORMAT ": %s", self->client_id, error->message);
    }
  show_client (self);
}

static void
store_changed_cb (AllianceClientPage  *self,
                  gint64               client_id,
                  AllianceClientStore *store)
{
  if (client_id == self->client_id)
    reload (self);
}

static void
new_goal_applied_cb (AllianceClientPage *self)
{
  g_autoptr(AllianceGoal) goal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alliance_date_today ();
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->new_goal_row));

  if (self->client == NULL)
    return;

  goal = alliance_goal_new (self->client_id, text, today);
  if (!alliance_client_store_save_goal (self->store, goal, &error))
    {
      gtk_label_set_text (self->goal_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->goal_error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->new_goal_row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->new_goal_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->new_goal_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->new_goal_row));
}

static void
set_goal_status_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alliance_date_today ();
  AllianceGoalStatus status;
  const char *status_text;
  gint64 goal_id;

  g_variant_get (parameter, "(x&s)", &goal_id, &status_text);
  if (!alliance_goal_status_from_string (status_text, &status))
    g_return_if_reached ();

  if (!alliance_client_store_set_goal_status (self->store, goal_id, status, today, &error))
    alliance_dialogs_show_error (widget, _("The Goal Could Not Be Updated"), error);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[EDIT_REQUESTED], 0);
}

static void
report_failure (AllianceClientPage *self,
                const char         *heading,
                gboolean            ok,
                GError             *error)
{
  if (!ok)
    alliance_dialogs_show_error (GTK_WIDGET (self), heading, error);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 client_id = self->client_id;

  if (alliance_client_store_set_archived (self->store, client_id, TRUE, &error))
    g_signal_emit (self, signals[ARCHIVED], 0, client_id);
  else
    report_failure (self, _("The Client Could Not Be Archived"), FALSE, error);
}

static void
unarchive_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok = alliance_client_store_set_archived (self->store, self->client_id, FALSE, &error);

  report_failure (self, _("The Client Could Not Be Unarchived"), ok, error);
}

static void
reactivate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok = alliance_client_store_reactivate (self->store, self->client_id, &error);

  report_failure (self, _("The Client Could Not Be Reactivated"), ok, error);
}

typedef struct
{
  AllianceClientPage *page;
  AdwEntryRow        *date_row;
  AdwEntryRow        *reason_row;
  GtkLabel           *message_label;
} DischargePrompt;

static void
discharge_prompt_free (DischargePrompt *prompt)
{
  g_clear_object (&prompt->page);
  g_free (prompt);
}

/* Live check while typing, so the Discharge button is only ever enabled
 * for a date the store will accept. */
static void
discharge_date_changed_cb (AdwMessageDialog *dialog,
                           GParamSpec       *pspec,
                           GtkEditable      *editable)
{
  DischargePrompt *prompt = g_object_get_data (G_OBJECT (dialog), "prompt");
  g_autoptr(AllianceClient) draft = alliance_client_copy (prompt->page->client);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = alliance_date_today ();
  gboolean valid;

  draft->status = ALLIANCE_CLIENT_STATUS_DISCHARGED;
  g_free (draft->discharge_date);
  draft->discharge_date = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  valid = alliance_client_validate (draft, today, NULL, &error);

  adw_message_dialog_set_response_enabled (dialog, "discharge", valid);
  gtk_label_set_text (prompt->message_label, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (prompt->message_label), !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (prompt->date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (prompt->date_row), "error");
}

static void
discharge_responded_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  DischargePrompt *prompt = g_object_get_data (G_OBJECT (dialog), "prompt");
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "discharge") != 0 || prompt->page->client == NULL)
    return;

  date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (prompt->date_row))));
  ok = alliance_client_store_discharge (prompt->page->store, prompt->page->client_id, date,
                                        gtk_editable_get_text (GTK_EDITABLE (prompt->reason_row)),
                                        NULL, &error);
  report_failure (prompt->page, _("The Client Could Not Be Discharged"), ok, error);
}

static void
discharge_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (widget);
  g_autofree char *display_name = alliance_client_dup_display_name (self->client);
  g_autofree char *heading = g_strdup_printf (_("Discharge %s?"), display_name);
  g_autofree char *today = alliance_date_today ();
  DischargePrompt *prompt = g_new0 (DischargePrompt, 1);
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *list;

  dialog = alliance_dialogs_new_message (widget, heading,
                                         _("The record is kept. The client leaves the active caseload and can be "
                                           "reactivated later."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discharge", _("_Discharge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discharge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "discharge");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  prompt->page = g_object_ref (self);
  prompt->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  prompt->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  prompt->message_label = GTK_LABEL (gtk_label_new (NULL));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (prompt->date_row), _("Date of discharge (YYYY-MM-DD)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (prompt->reason_row), _("Reason"));
  adw_entry_row_set_activates_default (prompt->date_row, TRUE);
  adw_entry_row_set_activates_default (prompt->reason_row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (prompt->date_row), today);
  gtk_label_set_wrap (prompt->message_label, TRUE);
  gtk_label_set_xalign (prompt->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (prompt->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (prompt->message_label), FALSE);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (prompt->date_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (prompt->reason_row));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (prompt->message_label));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "prompt", prompt, (GDestroyNotify)discharge_prompt_free);
  g_signal_connect_object (prompt->date_row, "notify::text", G_CALLBACK (discharge_date_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect (dialog, "response", G_CALLBACK (discharge_responded_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
alliance_client_page_dispose (GObject *object)
{
  AllianceClientPage *self = (AllianceClientPage *)object;

  alliance_client_page_set_store (self, NULL);
  alliance_client_page_set_session_store (self, NULL);
  alliance_client_page_set_rating_store (self, NULL);
  alliance_client_page_set_supervision_store (self, NULL);
  g_clear_object (&self->settings);
  /* No gtk_widget_dispose_template (): the template's one child belongs to
   * AdwBin, whose own dispose unparents it. */

  G_OBJECT_CLASS (alliance_client_page_parent_class)->dispose (object);
}

static void
alliance_client_page_finalize (GObject *object)
{
  AllianceClientPage *self = (AllianceClientPage *)object;

  g_clear_pointer (&self->client, alliance_client_free);
  g_clear_pointer (&self->goal_rows, g_ptr_array_unref);
  g_clear_pointer (&self->session_rows, g_ptr_array_unref);
  g_clear_pointer (&self->sessions_shown, g_free);
  g_clear_pointer (&self->alliance_rows, g_ptr_array_unref);
  g_clear_pointer (&self->alliance_shown, g_free);
  g_clear_pointer (&self->action_item_rows, g_ptr_array_unref);
  g_clear_pointer (&self->action_items_shown, g_free);

  G_OBJECT_CLASS (alliance_client_page_parent_class)->finalize (object);
}

static void
alliance_client_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SESSION_STORE:
      g_value_set_object (value, self->session_store);
      break;

    case PROP_RATING_STORE:
      g_value_set_object (value, self->rating_store);
      break;

    case PROP_SUPERVISION_STORE:
      g_value_set_object (value, self->supervision_store);
      break;

    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_client_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AllianceClientPage *self = ALLIANCE_CLIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      alliance_client_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SESSION_STORE:
      alliance_client_page_set_session_store (self, g_value_get_object (value));
      break;

    case PROP_RATING_STORE:
      alliance_client_page_set_rating_store (self, g_value_get_object (value));
      break;

    case PROP_SUPERVISION_STORE:
      alliance_client_page_set_supervision_store (self, g_value_get_object (value));
      break;

    case PROP_CLIENT_ID:
      alliance_client_page_set_client_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_client_page_class_init (AllianceClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_client_page_dispose;
  object_class->finalize = alliance_client_page_finalize;
  object_class->get_property = alliance_client_page_get_property;
  object_class->set_property = alliance_client_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ALLIANCE_TYPE_CLIENT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATING_STORE] =
    g_param_spec_object ("rating-store", NULL, NULL,
                         ALLIANCE_TYPE_RATING_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUPERVISION_STORE] =
    g_param_spec_object ("supervision-store", NULL, NULL,
                         ALLIANCE_TYPE_SUPERVISION_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION_STORE] =
    g_param_spec_object ("session-store", NULL, NULL,
                         ALLIANCE_TYPE_SESSION_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AllianceClientPage::archived:
   * @client_id: the client just archived, so the window can offer Undo
   */
  signals[ARCHIVED] =
    g_signal_new ("archived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[EDIT_REQUESTED] =
    g_signal_new ("edit-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ALLIANCE_TYPE_INFO_ROW);
  g_type_ensure (ALLIANCE_TYPE_COLUMN);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, sessions_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, no_sessions_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, more_sessions_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, risk_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, risk_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, attention_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, action_items_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, alliance_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, consistency_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, archived_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, chart_slot);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, birth_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, pronouns_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, start_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, discharge_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, referral_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, concerns_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, emergency_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, goals_group);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, new_goal_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, goal_error_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, discharge_row_action);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, reactivate_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceClientPage, archive_row);
  gtk_widget_class_bind_template_callback (widget_class, new_goal_applied_cb);

  gtk_widget_class_install_action (widget_class, "client.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "client.discharge", NULL, discharge_action);
  gtk_widget_class_install_action (widget_class, "client.reactivate", NULL, reactivate_action);
  gtk_widget_class_install_action (widget_class, "client.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "client.unarchive", NULL, unarchive_action);
  gtk_widget_class_install_action (widget_class, "client.set-goal-status", "(xs)", set_goal_status_action);
  gtk_widget_class_install_action (widget_class, "client.log-session", NULL, log_session_action);
  gtk_widget_class_install_action (widget_class, "client.open-session", "x", open_session_action);
  gtk_widget_class_install_action (widget_class, "client.edit-session", "x", edit_session_action);
  gtk_widget_class_install_action (widget_class, "client.show-all-sessions", NULL, show_all_sessions_action);
  gtk_widget_class_install_action (widget_class, "client.view-record", NULL, view_record_action);
  gtk_widget_class_install_action (widget_class, "client.session-ratings", "x", session_ratings_action);
  gtk_widget_class_install_action (widget_class, "client.record-repair", NULL, record_repair_action);
  gtk_widget_class_install_action (widget_class, "client.reopen-action-item", "x", reopen_action_item_action);
}

static void
alliance_client_page_init (AllianceClientPage *self)
{
  self->goal_rows = g_ptr_array_new ();
  self->session_rows = g_ptr_array_new ();
  self->alliance_rows = g_ptr_array_new ();
  self->action_item_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

GtkWidget *
alliance_client_page_new (void)
{
  return g_object_new (ALLIANCE_TYPE_CLIENT_PAGE, NULL);
}

AllianceClientStore *
alliance_client_page_get_store (AllianceClientPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_PAGE (self), NULL);

  return self->store;
}

void
alliance_client_page_set_store (AllianceClientPage  *self,
                                AllianceClientStore *store)
{
  g_return_if_fail (ALLIANCE_IS_CLIENT_PAGE (self));
  g_return_if_fail (store == NULL || ALLIANCE_IS_CLIENT_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  self->client_id = 0;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

AllianceSessionStore *
alliance_client_page_get_session_store (AllianceClientPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_PAGE (self), NULL);

  return self->session_store;
}

void
alliance_client_page_set_session_store (AllianceClientPage   *self,
                                        AllianceSessionStore *session_store)
{
  g_return_if_fail (ALLIANCE_IS_CLIENT_PAGE (self));
  g_return_if_fail (session_store == NULL || ALLIANCE_IS_SESSION_STORE (session_store));

  if (self->session_store == session_store)
    return;

  if (self->session_store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->session_store, session_store_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->session_store, session_record_changed_cb, self);
    }
  g_set_object (&self->session_store, session_store);
  if (session_store != NULL)
    {
      g_signal_connect_object (session_store, "changed", G_CALLBACK (session_store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session_store, "changed::record", G_CALLBACK (session_record_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->show_all_sessions = FALSE;
  show_sessions (self, NULL);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_STORE]);
}

AllianceRatingStore *
alliance_client_page_get_rating_store (AllianceClientPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_PAGE (self), NULL);

  return self->rating_store;
}

void
alliance_client_page_set_rating_store (AllianceClientPage  *self,
                                       AllianceRatingStore *rating_store)
{
  g_return_if_fail (ALLIANCE_IS_CLIENT_PAGE (self));
  g_return_if_fail (rating_store == NULL || ALLIANCE_IS_RATING_STORE (rating_store));

  if (self->rating_store == rating_store)
    return;

  if (self->rating_store != NULL)
    g_signal_handlers_disconnect_by_func (self->rating_store, rating_store_changed_cb, self);
  g_set_object (&self->rating_store, rating_store);
  if (rating_store != NULL)
    g_signal_connect_object (rating_store, "changed", G_CALLBACK (rating_store_changed_cb), self,
                             G_CONNECT_SWAPPED);

  g_clear_pointer (&self->sessions_shown, g_free);
  show_sessions (self, NULL);
  show_alliance (self, NULL);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATING_STORE]);
}

AllianceSupervisionStore *
alliance_client_page_get_supervision_store (AllianceClientPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_PAGE (self), NULL);

  return self->supervision_store;
}

void
alliance_client_page_set_supervision_store (AllianceClientPage       *self,
                                            AllianceSupervisionStore *supervision_store)
{
  g_return_if_fail (ALLIANCE_IS_CLIENT_PAGE (self));
  g_return_if_fail (supervision_store == NULL || ALLIANCE_IS_SUPERVISION_STORE (supervision_store));

  if (self->supervision_store == supervision_store)
    return;

  if (self->supervision_store != NULL)
    g_signal_handlers_disconnect_by_func (self->supervision_store, supervision_changed_cb, self);
  g_set_object (&self->supervision_store, supervision_store);
  /* Action items change with the record, not with a draft typed. */
  if (supervision_store != NULL)
    g_signal_connect_object (supervision_store, "changed::record", G_CALLBACK (supervision_changed_cb), self,
                             G_CONNECT_SWAPPED);

  g_clear_pointer (&self->action_items_shown, g_free);
  show_action_items (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUPERVISION_STORE]);
}

gint64
alliance_client_page_get_client_id (AllianceClientPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_PAGE (self), 0);

  return self->client_id;
}

void
alliance_client_page_set_client_id (AllianceClientPage *self,
                                    gint64              client_id)
{
  g_return_if_fail (ALLIANCE_IS_CLIENT_PAGE (self));

  if (self->client_id == client_id)
    return;
  self->client_id = client_id;
  self->show_all_sessions = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->new_goal_row), "");
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

/* The client as shown, or NULL when none is loaded. */
const AllianceClient *
alliance_client_page_get_client (AllianceClientPage *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_PAGE (self), NULL);

  return self->client;
}
