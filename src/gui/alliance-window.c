/* alliance-window.c */
#define G_LOG_DOMAIN "alliance-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-audit-window.h"
#include "alliance-audit.h"
#include "alliance-caseload-flags.h"
#include "alliance-caseload-model.h"
#include "alliance-caseload-row.h"
#include "alliance-client-editor.h"
#include "alliance-client-page.h"
#include "alliance-column.h"
#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-flag-settings.h"
#include "alliance-lock-page.h"
#include "alliance-porting.h"
#include "alliance-search-window.h"
#include "alliance-supervision-page.h"
#include "alliance-supervision-store.h"
#include "alliance-window.h"

struct _AllianceWindow
{
  AdwApplicationWindow   parent_instance;

  AllianceClientStore   *store;
  AllianceSessionStore  *session_store;  /* over the same database */
  AllianceRatingStore   *rating_store;   /* over the same database */
  AllianceSupervisionStore *supervision_store;   /* over the same database */
  GCancellable          *flags_cancellable;  /* the caseload's flags being computed */
  GHashTable            *changed_while_computing;  /* client ids (gint64 *) saved meanwhile */
  gboolean               flags_after_first_frame;  /* start-up: compute once the window is drawn */
  AllianceCaseloadModel *caseload;
  GtkSingleSelection    *selection;
  GSettings             *settings;
  gint64                 selected_client_id;
  gboolean               is_sample_data;
  gboolean               restoring_selection;
  AllianceClientPage    *client_page;   /* in content_stack, made on first use */
  AllianceSupervisionPage  *supervision_page;   /* in content_stack, made on first use */
  gboolean               showing_supervision;
  char                  *last_meeting_date;   /* the flags' last supervision, as last computed */
  guint                  n_on_agenda;   /* the supervision agenda's clients, as last loaded */
  AllianceLock          *lock;
  GtkWidget             *lock_page;     /* the window's content while locked */
  GtkWidget             *focus_before_lock;  /* weak */
  AdwStatusPage         *problem_page;  /* in main_stack, made on first use */
  gboolean               has_empty_page;  /* in main_stack, made on first use */

  /* Template widgets */
  AdwToastOverlay       *toast_overlay;
  GtkStack              *main_stack;
  AdwLeaflet            *leaflet;
  GtkWidget             *sidebar;
  GtkWidget             *content;
  AdwWindowTitle        *sidebar_title;
  AdwWindowTitle        *content_title;
  GtkSearchEntry        *search_entry;
  GtkDropDown           *filter_dropdown;
  GtkStack              *list_stack;
  GtkListView           *caseload_view;
  AdwStatusPage         *no_results_page;
  GtkStack              *content_stack;
  GtkListBox            *views_list;
  GtkListBoxRow         *supervision_row;
  GtkLabel              *supervision_subtitle;
  GtkWidget             *supervision_buttons;
  GtkMenuButton         *sidebar_menu_button;
  GtkMenuButton         *packet_menu_button;
  GMenuModel            *primary_menu;
  GMenuModel            *packet_menu;
  GtkWidget             *edit_button;
};

G_DEFINE_FINAL_TYPE (AllianceWindow, alliance_window, ADW_TYPE_APPLICATION_WINDOW)

static const AllianceClient *
get_shown_client (AllianceWindow *self)
{
  if (self->showing_supervision)
    return NULL;
  return self->client_page ? alliance_client_page_get_client (self->client_page) : NULL;
}

static void
update_actions (AllianceWindow *self)
{
  gboolean unlocked = self->lock_page == NULL;
  gboolean has_store = self->store != NULL && unlocked;
  gboolean has_client = get_shown_client (self) != NULL && unlocked;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-client", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search-notes", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-records", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-records", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-audit-log", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-client", has_client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.log-session", has_client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-supervision", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-caseload", unlocked);
}

static void
update_titles (AllianceWindow *self)
{
  const AllianceClient *client = get_shown_client (self);
  g_autofree char *name = client ? alliance_client_dup_display_name (client) : NULL;
  g_autofree char *count = NULL;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->caseload));

  adw_window_title_set_title (self->content_title, self->showing_supervision ? _("Supervision") : name ? name : "");
  adw_window_title_set_subtitle (self->content_title, client ? client->code : "");
  gtk_widget_set_visible (self->supervision_buttons, self->showing_supervision);
  gtk_widget_set_visible (self->edit_button, !self->showing_supervision);

  /* Translators: how many clients the caseload list shows */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client", "%u clients", n_shown), n_shown);
  /* Sample data is always labelled, so it is never taken for real records. */
  adw_window_title_set_subtitle (self->sidebar_title, self->is_sample_data ? _("Sample data") : count);
}

static void client_archived_cb       (AllianceWindow *self,
                                     gint64          client_id);
static void client_edit_requested_cb (AllianceWindow *self);

static void
ensure_client_page (AllianceWindow *self)
{
  if (self->client_page != NULL)
    return;

  self->client_page = ALLIANCE_CLIENT_PAGE (alliance_client_page_new ());
  alliance_client_page_set_store (self->client_page, self->store);
  alliance_client_page_set_session_store (self->client_page, self->session_store);
  alliance_client_page_set_rating_store (self->client_page, self->rating_store);
  alliance_client_page_set_supervision_store (self->client_page, self->supervision_store);
  g_signal_connect_object (self->client_page, "archived", G_CALLBACK (client_archived_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_page, "edit-requested", G_CALLBACK (client_edit_requested_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->client_page), "client");
}

static void
show_selected_client (AllianceWindow *self)
{
  if (self->selected_client_id != 0)
    ensure_client_page (self);
  if (self->client_page != NULL)
    alliance_client_page_set_client_id (self->client_page, self->selected_client_id);
  if (self->showing_supervision)
    gtk_stack_set_visible_child_name (self->content_stack, "supervision");
  else
    gtk_stack_set_visible_child_name (self->content_stack, get_shown_client (self) ? "client" : "none");
  update_titles (self);
  update_actions (self);
}

/* The caseload changed under the selection (search, filter, a save):
 * point the selection at the same client again, if still listed. */
static void
restore_selection (AllianceWindow *self)
{
  guint position = alliance_caseload_model_find_client (self->caseload, self->selected_client_id);

  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position == G_MAXUINT ? GTK_INVALID_LIST_POSITION : position);
  self->restoring_selection = FALSE;
}

static void set_menu_when_opened (GtkMenuButton *button,
                                  GMenuModel    *model);

/* Adds a page of alliance-window-pages.ui to main_stack. The builder
 * holds the page's objects until it is unreferenced. */
static GtkBuilder *
add_main_page (AllianceWindow *self,
               const char     *object_id,
               const char     *page_name)
{
  const char *object_ids[] = { object_id, NULL };
  GtkBuilder *builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;

  if (!gtk_builder_add_objects_from_resource (builder, "/com/example/Alliance/alliance-window-pages.ui",
                                              object_ids, &error))
    g_error ("Could not build the window's “%s” page: %s", page_name, error->message);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (gtk_builder_get_object (builder, object_id)), page_name);
  return builder;
}

/* The problem and empty pages are built when first shown, not with the
 * window: most start-ups show neither, and each costs its construction
 * and styling. */
static void
ensure_problem_page (AllianceWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->problem_page != NULL)
    return;
  builder = add_main_page (self, "problem_box", "problem");
  self->problem_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "problem_page"));
}

static void
ensure_empty_page (AllianceWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->has_empty_page)
    return;
  builder = add_main_page (self, "empty_box", "empty");
  set_menu_when_opened (GTK_MENU_BUTTON (gtk_builder_get_object (builder, "empty_menu_button")), self->primary_menu);
  self->has_empty_page = TRUE;
}

static void
update_visible_page (AllianceWindow *self)
{
  gboolean any_client = alliance_caseload_model_get_n_clients (self->caseload) > 0;
  gboolean any_shown = g_list_model_get_n_items (G_LIST_MODEL (self->caseload)) > 0;

  if (self->store == NULL)
    return;

  if (!any_client)
    ensure_empty_page (self);
  gtk_stack_set_visible_child_name (self->main_stack, any_client ? "caseload" : "empty");
  gtk_stack_set_visible_child_name (self->list_stack, any_shown ? "list" : "no-results");

  if (!any_shown)
    {
      const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
      gboolean attention = alliance_caseload_model_get_filter (self->caseload) == ALLIANCE_CASELOAD_FILTER_ATTENTION;

      if (attention && query[0] == '\0' && (self->flags_cancellable != NULL || self->flags_after_first_frame))
        {
          /* Start-up, or new thresholds: the answer is on its way. */
          adw_status_page_set_icon_name (self->no_results_page, "content-loading-symbolic");
          adw_status_page_set_title (self->no_results_page, _("Checking Flags…"));
          adw_status_page_set_description (self->no_results_page, NULL);
        }
      else if (attention && query[0] == '\0')
        {
          adw_status_page_set_icon_name (self->no_results_page, "emblem-ok-symbolic");
          adw_status_page_set_title (self->no_results_page, _("No Client Needs Attention"));
          adw_status_page_set_description (self->no_results_page,
                                           _("Nothing in the ratings, sessions or events of your clients calls for "
                                             "a closer look right now. Clients appear here when something does."));
        }
      else
        {
          adw_status_page_set_icon_name (self->no_results_page, "system-search-symbolic");
          adw_status_page_set_title (self->no_results_page, _("No Matching Clients"));
          adw_status_page_set_description (self->no_results_page,
                                           query[0] ? _("Try another spelling, the client code, or “All clients”.")
                                                    : _("No client has this status."));
        }
    }
  update_titles (self);
}

static void supervision_changed_cb (AllianceWindow *self);

/* How many clients the supervision agenda holds: it changes with the
 * supervision store alone, not with each record saved. */
static void
count_agenda (AllianceWindow *self)
{
  g_autoptr(AllianceMeeting) agenda = NULL;
  g_autoptr(GError) error = NULL;

  if (self->supervision_store == NULL)
    return;
  agenda = alliance_supervision_store_load_agenda (self->supervision_store, &error);
  if (error != NULL)
    g_debug ("Could not load the supervision agenda: %s", error->message);
  self->n_on_agenda = agenda ? agenda->discussions->len : 0;
}

/* "3 need attention · 2 on the agenda" under the Supervision entry. Run
 * once the flags are known, never at start-up before the first frame.
 * Cheap: the caseload keeps its count of flagged clients as flags and
 * listings change, and the agenda's is kept by count_agenda(). */
static void
update_supervision_subtitle (AllianceWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_flagged = alliance_caseload_model_get_n_flagged (self->caseload);

  if (self->supervision_store == NULL)
    return;

  if (n_flagged == 0)
    g_string_append (text, _("No one needs attention"));
  else
    /* Translators: under "Supervision" in the sidebar */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u needs attention", "%u need attention",
                                               n_flagged),
                            n_flagged);
  if (self->n_on_agenda > 0)
    {
      g_string_append (text, " · ");
      /* Translators: under "Supervision" in the sidebar, after how many need attention */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u on the agenda", "%u on the agenda",
                                                 self->n_on_agenda),
                              self->n_on_agenda);
    }
  gtk_label_set_text (self->supervision_subtitle, text->str);
}

static void recompute_caseload_flags (AllianceWindow *self);

/* The date of the last signed meeting, or NULL. */
static char *
dup_last_meeting_date (AllianceWindow *self)
{
  g_autoptr(GError) error = NULL;
  char *date;

  if (self->supervision_store == NULL)
    return NULL;
  date = alliance_supervision_store_dup_last_meeting_date (self->supervision_store, &error);

  if (error != NULL)
    g_debug ("Could not read the last supervision's date: %s", error->message);
  return date;
}

static void
supervision_changed_cb (AllianceWindow *self)
{
  g_autofree char *last_meeting_date = dup_last_meeting_date (self);

  count_agenda (self);
  /* Signing a meeting moves the date boundary events are counted from, for
   * every client; an agenda typed into (saved each second) does not. */
  if (g_strcmp0 (last_meeting_date, self->last_meeting_date) != 0)
    recompute_caseload_flags (self);
  else
    update_supervision_subtitle (self);
}

static void
supervision_client_activated_cb (AllianceWindow *self,
                                 gint64          client_id)
{
  alliance_window_select_client (self, client_id);
}

static void
ensure_supervision_page (AllianceWindow *self)
{
  if (self->supervision_page != NULL)
    return;

  self->supervision_page = ALLIANCE_SUPERVISION_PAGE (alliance_supervision_page_new ());
  alliance_supervision_page_set_stores (self->supervision_page, self->store, self->session_store,
                                        self->rating_store, self->supervision_store);
  g_signal_connect_object (self->supervision_page, "client-activated", G_CALLBACK (supervision_client_activated_cb),
                           self, G_CONNECT_SWAPPED);
  /* The header's packet and meeting buttons use the page's actions. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "supervision",
                                  alliance_supervision_page_get_actions (self->supervision_page));
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->supervision_page), "supervision");
}

/* The Supervision view in the content pane, where a client shows. It is
 * built on first use: start-up does not pay for it. */
static void
show_supervision (AllianceWindow *self)
{
  if (self->store == NULL)
    return;

  ensure_supervision_page (self);
  self->showing_supervision = TRUE;
  self->selected_client_id = 0;
  restore_selection (self);
  gtk_list_box_select_row (self->views_list, self->supervision_row);
  show_selected_client (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  /* Keyboard users start at the period, then Tab through the clients. */
  gtk_widget_child_focus (GTK_WIDGET (self->supervision_page), GTK_DIR_TAB_FORWARD);
}

static void
leave_supervision (AllianceWindow *self)
{
  self->showing_supervision = FALSE;
  gtk_list_box_unselect_all (self->views_list);
}

static void
view_activated_cb (AllianceWindow *self,
                   GtkListBoxRow  *row)
{
  if (row == self->supervision_row)
    show_supervision (self);
}

static void
get_flag_settings (AllianceWindow       *self,
                   AllianceFlagSettings *settings,
                   GDate                *today)
{
  alliance_flag_settings_load (settings, self->settings);
  alliance_date_get_today (today);
}

static void
recompute_client_flags (AllianceWindow *self,
                        gint64          client_id)
{
  g_autoptr(GError) error = NULL;
  AllianceFlagSettings settings;
  AllianceClientFlags *flags;
  GDate today;

  get_flag_settings (self, &settings, &today);
  flags = alliance_caseload_flags_compute_client (self->session_store, self->rating_store, client_id, &settings,
                                                  &today, &error);
  if (error != NULL)
    {
      /* The row keeps the flags it had; the reason goes to the debug log only. */
      g_debug ("Could not compute a client’s flags: %s", error->message);
      return;
    }
  alliance_caseload_model_update_client_flags (self->caseload, client_id, flags);
}

static void
collect_client_id (const AllianceClientListing *listing,
                   gpointer                     user_data)
{
  g_array_append_val ((GArray *)user_data, listing->id);
}

static void
caseload_flags_computed_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GHashTable) flags = NULL;
  g_autoptr(GError) error = NULL;
  AllianceWindow *self;

  flags = alliance_caseload_flags_compute_finish (result, &error);
  /* Cancelled: the window may be gone, or computing for other records. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = ALLIANCE_WINDOW (user_data);
  g_clear_object (&self->flags_cancellable);
  if (flags == NULL)
    g_debug ("Could not compute the caseload’s flags: %s", error->message);
  else
    alliance_caseload_model_set_flags (self->caseload, flags);

  update_visible_page (self);
  count_agenda (self);
  update_supervision_subtitle (self);

  /* The worker may have read these clients before their last save. */
  if (g_hash_table_size (self->changed_while_computing) > 0)
    {
      g_autoptr(GList) ids = g_hash_table_get_keys (self->changed_while_computing);

      for (GList *l = ids; l != NULL; l = l->next)
        recompute_client_flags (self, *(gint64 *)l->data);
      g_hash_table_remove_all (self->changed_while_computing);
    }
}

static void
first_frame_painted_cb (GdkFrameClock  *frame_clock,
                        AllianceWindow *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_painted_cb, self);
  self->flags_after_first_frame = FALSE;
  recompute_caseload_flags (self);
}

static void
window_mapped_cb (AllianceWindow *self)
{
  if (self->flags_after_first_frame)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                             G_CALLBACK (first_frame_painted_cb), self, 0);
}

/* Every client's flags, again: at start-up, for other records, or after
 * the thresholds changed. The list keeps working meanwhile. */
static void
recompute_caseload_flags (AllianceWindow *self)
{
  AllianceDatabase *database;
  AllianceFlagSettings settings;
  const char *path;
  GDate today;

  g_cancellable_cancel (self->flags_cancellable);
  g_clear_object (&self->flags_cancellable);
  g_hash_table_remove_all (self->changed_while_computing);
  if (self->store == NULL)
    return;

  get_flag_settings (self, &settings, &today);
  g_free (self->last_meeting_date);
  self->last_meeting_date = dup_last_meeting_date (self);
  database = alliance_client_store_get_database (self->store);
  path = alliance_database_get_path (database);
  if (path != NULL && path[0] != '\0' && !g_str_equal (path, ":memory:"))
    {
      /* At start-up the worker would compete for the processors with
       * drawing the first frame: the caseload shows first, its flags a
       * moment later. */
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        {
          self->flags_after_first_frame = TRUE;
          return;
        }
      self->flags_cancellable = g_cancellable_new ();
      alliance_caseload_flags_compute_async (path, &settings, &today, self->flags_cancellable,
                                             caseload_flags_computed_cb, self);
    }
  else
    {
      /* A database in memory (tests) has no file a worker could open. */
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GError) error = NULL;

      if (!alliance_client_store_foreach_listing (self->store, collect_client_id, ids, &error))
        {
          g_debug ("Could not list clients for their flags: %s", error->message);
          return;
        }
      for (guint i = 0; i < ids->len; i++)
        recompute_client_flags (self, g_array_index (ids, gint64, i));
      count_agenda (self);
      update_supervision_subtitle (self);
    }
}

static void
records_changed_cb (AllianceWindow *self,
                    gint64          client_id)
{
  if (client_id <= 0)
    return;
  if (self->flags_cancellable != NULL)
    g_hash_table_add (self->changed_while_computing, g_memdup2 (&client_id, sizeof client_id));
  recompute_client_flags (self, client_id);
  if (self->flags_cancellable == NULL && !self->flags_after_first_frame)
    update_supervision_subtitle (self);
}

static void
settings_changed_cb (AllianceWindow *self,
                     const char     *key)
{
  if (g_str_has_prefix (key, "flag-"))
    recompute_caseload_flags (self);
}

static void
caseload_items_changed_cb (AllianceWindow *self)
{
  restore_selection (self);
  update_visible_page (self);
}

static void
reload_caseload (AllianceWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!alliance_caseload_model_reload (self->caseload, self->store, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
store_changed_cb (AllianceWindow *self,
                  gint64          client_id)
{
  reload_caseload (self);
  /* An archived client no longer counts as needing attention. */
  if (self->flags_cancellable == NULL && !self->flags_after_first_frame)
    update_supervision_subtitle (self);
  if (client_id == self->selected_client_id)
    show_selected_client (self);
}

static void
selection_changed_cb (AllianceWindow *self)
{
  gpointer item;

  if (self->restoring_selection)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL)
    return;

  self->selected_client_id = alliance_client_summary_get_id (item);
  leave_supervision (self);
  show_selected_client (self);

  /* Folded to one pane, choosing a client means going to them. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
caseload_activated_cb (AllianceWindow *self,
                       guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
search_changed_cb (AllianceWindow *self)
{
  alliance_caseload_model_set_query (self->caseload, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search field opens the first match: find a client in a second. */
static void
search_activated_cb (AllianceWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->caseload)) == 0)
    return;
  caseload_activated_cb (self, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->caseload_view));
}

static void
search_stopped_cb (AllianceWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
filter_selected_cb (AllianceWindow *self)
{
  AllianceCaseloadFilter filter = (AllianceCaseloadFilter)gtk_drop_down_get_selected (self->filter_dropdown);

  if (filter >= ALLIANCE_CASELOAD_N_FILTERS)
    return;
  alliance_caseload_model_set_filter (self->caseload, filter);
  g_settings_set_string (self->settings, "caseload-filter", alliance_caseload_filter_to_string (filter));
}

static void
sort_changed_cb (AllianceWindow *self)
{
  g_autofree char *sort = g_settings_get_string (self->settings, "caseload-sort");

  alliance_caseload_model_set_sort (self->caseload, g_str_equal (sort, "code") ? ALLIANCE_CASELOAD_SORT_CODE
                                                                               : ALLIANCE_CASELOAD_SORT_NAME);
}

static void
unarchive_client_cb (AdwToast       *toast,
                     AllianceWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 client_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "client-id"));

  if (self->store != NULL && !alliance_client_store_set_archived (self->store, client_id, FALSE, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("The Client Could Not Be Unarchived"), error);
}

static void
client_archived_cb (AllianceWindow *self,
                    gint64          client_id)
{
  const AllianceClient *client = get_shown_client (self);
  g_autofree char *name = client ? alliance_client_dup_display_name (client) : g_strdup ("");
  /* Translators: %s is a client's name */
  g_autofree char *title = g_strdup_printf (_("%s archived"), name);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "client-id", GSIZE_TO_POINTER ((gsize)client_id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (unarchive_client_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
client_saved_cb (AllianceWindow *self,
                 gint64          client_id)
{
  /* Make sure the saved client is listed, then show them. */
  if (alliance_caseload_model_find_client (self->caseload, client_id) == G_MAXUINT)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->filter_dropdown, ALLIANCE_CASELOAD_FILTER_ALL);
    }
  alliance_window_select_client (self, client_id);
}

static void
open_editor (AllianceWindow       *self,
             const AllianceClient *client)
{
  AllianceClientEditor *editor = alliance_client_editor_new (self->store, client);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (client_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
client_edit_requested_cb (AllianceWindow *self)
{
  const AllianceClient *client = get_shown_client (self);

  if (client != NULL)
    open_editor (self, client);
}

static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_editor (ALLIANCE_WINDOW (widget), NULL);
}

static void
edit_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  client_edit_requested_cb (ALLIANCE_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllianceWindow *self = ALLIANCE_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
log_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllianceWindow *self = ALLIANCE_WINDOW (widget);

  if (get_shown_client (self) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->client_page), "client.log-session", NULL);
}

static void
search_notes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AllianceWindow *self = ALLIANCE_WINDOW (widget);
  AllianceSearchWindow *search;

  if (self->store == NULL)
    return;
  search = alliance_search_window_new (self->store, self->session_store);
  gtk_window_set_transient_for (GTK_WINDOW (search), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (search));
}

static void
export_records_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AllianceWindow *self = ALLIANCE_WINDOW (widget);
  AllianceFlagSettings settings;
  GDate today;

  if (self->store == NULL)
    return;
  get_flag_settings (self, &settings, &today);
  alliance_porting_export_records (GTK_WINDOW (self), self->toast_overlay,
                                   alliance_client_store_get_database (self->store), &settings, &today);
}

/* Everything may be new: show the records as if just opened. */
static void
records_imported_cb (gpointer user_data)
{
  AllianceWindow *self = user_data;

  if (self->store != NULL)
    alliance_window_set_store (self, self->store, self->is_sample_data);
}

static void
import_records_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AllianceWindow *self = ALLIANCE_WINDOW (widget);

  if (self->store == NULL)
    return;
  alliance_porting_import (GTK_WINDOW (self), self->toast_overlay, alliance_client_store_get_database (self->store),
                           records_imported_cb, G_OBJECT (self));
}

static void
show_audit_log_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AllianceWindow *self = ALLIANCE_WINDOW (widget);
  AllianceAuditWindow *audit;

  if (self->store == NULL)
    return;
  audit = alliance_audit_window_new (alliance_client_store_get_database (self->store));
  gtk_window_set_transient_for (GTK_WINDOW (audit), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (audit));
}

static void
show_caseload_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AllianceWindow *self = ALLIANCE_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->caseload_view));
}

static void
show_supervision_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  show_supervision (ALLIANCE_WINDOW (widget));
}

/* A menu button's popover is built from its model as soon as it gets one,
 * every item a widget: the window's menus are given theirs when first
 * opened, so start-up does not build them. */
static void
menu_opening_cb (GtkMenuButton *button,
                 gpointer       model)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

static void
set_menu_when_opened (GtkMenuButton *button,
                      GMenuModel    *model)
{
  gtk_menu_button_set_create_popup_func (button, menu_opening_cb, model, NULL);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, alliance_caseload_row_new ());
}

static void
disconnect_record_stores (AllianceWindow *self)
{
  if (self->session_store != NULL)
    g_signal_handlers_disconnect_by_func (self->session_store, records_changed_cb, self);
  if (self->rating_store != NULL)
    g_signal_handlers_disconnect_by_func (self->rating_store, records_changed_cb, self);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  alliance_caseload_row_set_summary (ALLIANCE_CASELOAD_ROW (gtk_list_item_get_child (list_item)),
                                     gtk_list_item_get_item (list_item));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  alliance_caseload_row_set_summary (ALLIANCE_CASELOAD_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* Built on first use, not with every window: GtkApplication's automatic
 * gtk/help-overlay.ui would cost every start-up a whole shortcuts window. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/com/example/Alliance/alliance-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

/* Locked, the window's content is taken out of it, not merely covered:
 * nothing of a client can be drawn, read by a screen reader, or reached
 * by a shortcut. The title names no client. */
static void
show_lock_page (AllianceWindow *self)
{
  g_set_weak_pointer (&self->focus_before_lock, gtk_window_get_focus (GTK_WINDOW (self)));
  /* Focus leaves properly before its widget leaves the window. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  g_object_ref (self->toast_overlay);
  self->lock_page = alliance_lock_page_new (self->lock);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), self->lock_page);
  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
  /* Translators: the window title while locked */
  gtk_window_set_title (GTK_WINDOW (self), _("Alliance — Locked"));
  alliance_lock_page_focus_entry (ALLIANCE_LOCK_PAGE (self->lock_page));
  update_actions (self);
}

/* Unlocked: the content comes back as it was, focus included. */
static void
show_content (AllianceWindow *self)
{
  self->lock_page = NULL;   /* goes as the content it was */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->toast_overlay));
  g_object_unref (self->toast_overlay);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_window_set_title (GTK_WINDOW (self), _("Alliance"));
  /* The actions first: a button they disable cannot take the focus. */
  update_actions (self);
  if (self->focus_before_lock != NULL && gtk_widget_get_root (self->focus_before_lock) == GTK_ROOT (self))
    gtk_widget_grab_focus (self->focus_before_lock);
  g_clear_weak_pointer (&self->focus_before_lock);
}

/* When the records were locked and unlocked; a failure to say so does
 * not keep anyone out, or in. */
static void
log_lock_change (AllianceWindow *self,
                 gboolean        locked)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL &&
      !alliance_audit_append (alliance_client_store_get_database (self->store),
                              locked ? ALLIANCE_AUDIT_LOCK : ALLIANCE_AUDIT_UNLOCK, "database", 0, &error))
    g_debug ("Could not record the lock in the audit log: %s", error->message);
}

static void
locked_changed_cb (AllianceWindow *self)
{
  gboolean locked = alliance_lock_get_locked (self->lock);

  if (locked == (self->lock_page != NULL))
    return;
  if (locked)
    show_lock_page (self);
  else
    show_content (self);
  log_lock_change (self, locked);
}

static void
alliance_window_dispose (GObject *object)
{
  AllianceWindow *self = (AllianceWindow *)object;

  alliance_window_set_lock (self, NULL);
  g_clear_weak_pointer (&self->focus_before_lock);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_cancellable_cancel (self->flags_cancellable);
  g_clear_object (&self->flags_cancellable);
  g_clear_pointer (&self->changed_while_computing, g_hash_table_unref);
  g_clear_pointer (&self->last_meeting_date, g_free);
  disconnect_record_stores (self);
  g_clear_object (&self->store);
  g_clear_object (&self->session_store);
  g_clear_object (&self->rating_store);
  g_clear_object (&self->supervision_store);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_WINDOW);
  self->client_page = NULL;   /* went with content_stack */
  self->supervision_page = NULL;
  self->problem_page = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->caseload);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alliance_window_parent_class)->dispose (object);
}

static void
alliance_window_class_init (AllianceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_window_dispose;


  g_type_ensure (ALLIANCE_TYPE_COLUMN);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, content);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, caseload_view);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, views_list);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, supervision_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, packet_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, packet_menu);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, supervision_subtitle);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, supervision_buttons);
  gtk_widget_class_bind_template_child (widget_class, AllianceWindow, edit_button);
  gtk_widget_class_bind_template_callback (widget_class, view_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, caseload_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_client_action);
  gtk_widget_class_install_action (widget_class, "win.edit-client", NULL, edit_client_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-caseload", NULL, show_caseload_action);
  gtk_widget_class_install_action (widget_class, "win.log-session", NULL, log_session_action);
  gtk_widget_class_install_action (widget_class, "win.search-notes", NULL, search_notes_action);
  gtk_widget_class_install_action (widget_class, "win.export-records", NULL, export_records_action);
  gtk_widget_class_install_action (widget_class, "win.import-records", NULL, import_records_action);
  gtk_widget_class_install_action (widget_class, "win.show-audit-log", NULL, show_audit_log_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.show-supervision", NULL, show_supervision_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.log-session", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.search-notes", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-supervision", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
}

static void
alliance_window_init (AllianceWindow *self)
{
  g_autoptr(GAction) sort_action = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autofree char *filter = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (window_mapped_cb), NULL);
  set_menu_when_opened (self->sidebar_menu_button, self->primary_menu);
  set_menu_when_opened (self->packet_menu_button, self->packet_menu);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  sort_action = g_settings_create_action (self->settings, "caseload-sort");
  g_action_map_add_action (G_ACTION_MAP (self), sort_action);
  g_signal_connect_object (self->settings, "changed::caseload-sort", G_CALLBACK (sort_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Any flag threshold (flag-*) changes who needs attention. */
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  self->caseload = alliance_caseload_model_new ();
  self->changed_while_computing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sort_changed_cb (self);
  filter = g_settings_get_string (self->settings, "caseload-filter");
  alliance_caseload_model_set_filter (self->caseload, alliance_caseload_filter_from_string (filter));
  gtk_drop_down_set_selected (self->filter_dropdown, alliance_caseload_model_get_filter (self->caseload));

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->caseload)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->caseload, "items-changed", G_CALLBACK (caseload_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_list_view_set_model (self->caseload_view, GTK_SELECTION_MODEL (self->selection));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), NULL);
  gtk_list_view_set_factory (self->caseload_view, factory);

  /* Type anywhere in the window to search the caseload. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  update_actions (self);
}

AllianceWindow *
alliance_window_new (AdwApplication *application)
{
  return g_object_new (ALLIANCE_TYPE_WINDOW, "application", application, NULL);
}

AllianceClientStore *
alliance_window_get_store (AllianceWindow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_WINDOW (self), NULL);

  return self->store;
}

/* The ratings over the same database; NULL before a store is set. */
AllianceRatingStore *
alliance_window_get_rating_store (AllianceWindow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_WINDOW (self), NULL);

  return self->rating_store;
}

/* Supervision meetings over the same database; NULL before a store is set. */
AllianceSupervisionStore *
alliance_window_get_supervision_store (AllianceWindow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_WINDOW (self), NULL);

  return self->supervision_store;
}

/**
 * alliance_window_set_store:
 * @is_sample_data: shown in the title, so sample data is never mistaken
 *   for real records
 */
void
alliance_window_set_store (AllianceWindow      *self,
                           AllianceClientStore *store,
                           gboolean             is_sample_data)
{
  g_return_if_fail (ALLIANCE_IS_WINDOW (self));
  g_return_if_fail (ALLIANCE_IS_CLIENT_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  disconnect_record_stores (self);
  g_clear_object (&self->session_store);
  self->session_store = alliance_session_store_new (alliance_client_store_get_database (store));
  g_clear_object (&self->rating_store);
  self->rating_store = alliance_rating_store_new (alliance_client_store_get_database (store));
  g_clear_object (&self->supervision_store);
  self->supervision_store = alliance_supervision_store_new (alliance_client_store_get_database (store));
  /* The agenda changed: the count under "Supervision". */
  g_signal_connect_object (self->supervision_store, "changed", G_CALLBACK (supervision_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A session, rating or event saved: that client's flags again. */
  /* Not on each note autosave: a draft changes no flag. */
  g_signal_connect_object (self->session_store, "changed::record", G_CALLBACK (records_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rating_store, "changed::record", G_CALLBACK (records_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->is_sample_data = is_sample_data;
  self->selected_client_id = 0;
  leave_supervision (self);
  if (self->supervision_page != NULL)
    alliance_supervision_page_set_stores (self->supervision_page, store, self->session_store, self->rating_store,
                                          self->supervision_store);

  if (self->client_page != NULL)
    {
      alliance_client_page_set_store (self->client_page, store);
      alliance_client_page_set_session_store (self->client_page, self->session_store);
      alliance_client_page_set_rating_store (self->client_page, self->rating_store);
      alliance_client_page_set_supervision_store (self->client_page, self->supervision_store);
    }
  /* Other records: the old flags belong to other clients. Dropped before
   * the reload, so the list is filled once (at start-up, with nothing to
   * drop, it costs nothing). */
  alliance_caseload_model_set_flags (self->caseload, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  reload_caseload (self);
  recompute_caseload_flags (self);
  show_selected_client (self);
  update_visible_page (self);

  /* Start in the search field: typing finds a client and Enter opens it.
   * Left on the first button, type-to-search would fill the field while
   * Enter pressed that button. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
}

/* The window shows why the records could not be opened, and nothing else. */
void
alliance_window_show_problem (AllianceWindow *self,
                              const GError   *error)
{
  g_return_if_fail (ALLIANCE_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  ensure_problem_page (self);
  adw_status_page_set_description (self->problem_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "problem");
  update_actions (self);
}

void
alliance_window_select_client (AllianceWindow *self,
                               gint64          client_id)
{
  g_return_if_fail (ALLIANCE_IS_WINDOW (self));

  self->selected_client_id = client_id;
  leave_supervision (self);
  restore_selection (self);
  show_selected_client (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* The page of the client shown, or NULL before the first one is opened. */
AllianceClientPage *
alliance_window_get_client_page (AllianceWindow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_WINDOW (self), NULL);

  return self->client_page;
}

gint64
alliance_window_get_selected_client (AllianceWindow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_WINDOW (self), 0);

  return self->selected_client_id;
}

/**
 * alliance_window_set_lock:
 * @lock: (nullable): the application's lock
 *
 * While @lock is locked, the window shows its lock page instead of its
 * content, and a title that names no client.
 */
void
alliance_window_set_lock (AllianceWindow *self,
                          AllianceLock   *lock)
{
  g_return_if_fail (ALLIANCE_IS_WINDOW (self));
  g_return_if_fail (lock == NULL || ALLIANCE_IS_LOCK (lock));

  if (self->lock == lock)
    return;
  if (self->lock != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->lock, locked_changed_cb, self);
      alliance_lock_set_main_window (self->lock, NULL);
      if (self->lock_page != NULL)
        show_content (self);
    }
  g_set_object (&self->lock, lock);
  if (lock != NULL)
    {
      alliance_lock_set_main_window (lock, GTK_WINDOW (self));
      g_signal_connect_object (lock, "notify::locked", G_CALLBACK (locked_changed_cb), self, G_CONNECT_SWAPPED);
      locked_changed_cb (self);
    }
}

/* For the application's own news (a backup on quit, a restore). */
void
alliance_window_add_toast (AllianceWindow *self,
                           AdwToast       *toast)
{
  g_return_if_fail (ALLIANCE_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
