/* alliance-application.c */
#define G_LOG_DOMAIN "alliance-application"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-application.h"
#include "alliance-client-store.h"
#include "alliance-demo.h"
#include "alliance-lock-page.h"
#include "alliance-lock-secret.h"
#include "alliance-paths.h"
#include "alliance-preferences-window.h"
#include "alliance-records-page.h"
#include "alliance-window.h"

struct _AllianceApplication
{
  AdwApplication  parent_instance;

  char           *database_path;      /* --db, or NULL for the default */
  gboolean        open_demo;          /* --demo */
  gboolean        exit_after_startup; /* --exit-after-startup */
  int             exit_status;
  AllianceLock   *lock;               /* made at startup */
};

G_DEFINE_FINAL_TYPE (AllianceApplication, alliance_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the records in FILE instead of the usual place"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the sample data (a separate file of fictional clients)"), NULL },
  { "standalone", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Run as a separate instance, not joining one already open"), NULL },
  { "exit-after-startup", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Quit once the window has been drawn (for tests)"), NULL },
  { NULL }
};

static AllianceClientStore *
open_store (const char  *path,
            gboolean     fill_with_sample_data,
            GError     **error)
{
  g_autoptr(AllianceDatabase) database = alliance_database_open (path, error);
  g_autoptr(AllianceClientStore) store = NULL;

  if (database == NULL)
    return NULL;

  store = alliance_client_store_new (database);
  if (fill_with_sample_data && alliance_client_store_count (store, NULL) == 0 &&
      !alliance_demo_populate (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

static AllianceClientStore *
open_requested_store (AllianceApplication  *self,
                      gboolean              demo,
                      GError              **error)
{
  g_autofree char *path = NULL;

  if (demo)
    path = alliance_paths_demo_database (error);
  else if (self->database_path != NULL)
    path = g_strdup (self->database_path);
  else
    path = alliance_paths_default_database (error);

  if (path == NULL)
    return NULL;
  return open_store (path, demo, error);
}

static AllianceWindow *
get_window (AllianceApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return ALLIANCE_IS_WINDOW (window) ? ALLIANCE_WINDOW (window) : NULL;
}

static void
update_actions (AllianceApplication *self)
{
  GAction *open_demo = g_action_map_lookup_action (G_ACTION_MAP (self), "open-demo");
  GAction *open_own = g_action_map_lookup_action (G_ACTION_MAP (self), "open-own-records");
  /* Locked, nothing that opens records or settings. */
  gboolean unlocked = self->lock == NULL || !alliance_lock_get_locked (self->lock);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (open_demo), unlocked && !self->open_demo);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (open_own), unlocked && self->open_demo);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "preferences")),
                               unlocked);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "show-preferences-page")),
                               unlocked);
}

static void
switch_records (AllianceApplication *self,
                gboolean             demo)
{
  AllianceWindow *window = get_window (self);
  g_autoptr(AllianceClientStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (window == NULL)
    return;

  store = open_requested_store (self, demo, &error);
  if (store == NULL)
    {
      alliance_window_show_problem (window, error);
      return;
    }
  self->open_demo = demo;
  alliance_window_set_store (window, store, demo);
  update_actions (self);
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  switch_records (ALLIANCE_APPLICATION (user_data), TRUE);
}

static void
open_own_records_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  switch_records (ALLIANCE_APPLICATION (user_data), FALSE);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AllianceApplication *self = user_data;
  static const char *developers[] = { "The Alliance developers", NULL };

  adw_show_about_window (GTK_WINDOW (get_window (self)),
                         "application-name", _("Alliance"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Keep your caseload, session notes and the therapeutic alliance over time, "
                                       "privately on this computer."),
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
show_preferences (AllianceApplication *self,
                  const char          *page_name)
{
  AllianceWindow *window = get_window (self);
  GtkWidget *preferences = alliance_preferences_window_new (GTK_WINDOW (window));

  if (window != NULL && alliance_window_get_rating_store (window) != NULL)
    alliance_preferences_window_add_measures_page (ALLIANCE_PREFERENCES_WINDOW (preferences),
                                                   alliance_window_get_rating_store (window));
  if (window != NULL && alliance_window_get_store (window) != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (preferences),
                                ADW_PREFERENCES_PAGE (alliance_records_page_new (alliance_window_get_store (window))));
  if (page_name != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page_name);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  show_preferences (user_data, NULL);
}

/* "privacy": where the lock's passphrase is set. */
static void
show_preferences_page_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  show_preferences (user_data, g_variant_get_string (parameter, NULL));
}

static void
lock_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  alliance_lock_lock_now (ALLIANCE_APPLICATION (user_data)->lock);
}

/* Ctrl+L or the idle time without a passphrase, or with a damaged one. */
static void
lock_failed_cb (AllianceApplication *self,
                const GError        *error)
{
  alliance_lock_page_explain_failure (GTK_WINDOW (get_window (self)), error);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
first_frame_painted_cb (GdkFrameClock       *frame_clock,
                        AllianceApplication *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_painted_cb, self);
  g_application_quit (G_APPLICATION (self));
}

static void
window_mapped_cb (GtkWidget           *window,
                  AllianceApplication *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, window_mapped_cb, self);
  g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (first_frame_painted_cb), self, 0);
}

/* With a passphrase set, Alliance starts locked: otherwise quitting and
 * starting again would be the way around the lock. NULL, or why it could
 * not lock though it should (a damaged passphrase file). */
static GError *
start_locked (AllianceApplication *self,
              AllianceWindow      *window)
{
  GError *error = NULL;

  alliance_window_set_lock (window, self->lock);
  if (!alliance_lock_lock (self->lock, &error) &&
      g_error_matches (error, ALLIANCE_LOCK_SECRET_ERROR, ALLIANCE_LOCK_SECRET_ERROR_NOT_SET))
    g_clear_error (&error);
  return error;
}

static int
alliance_application_handle_local_options (GApplication *application,
                                           GVariantDict *options)
{
  AllianceApplication *self = ALLIANCE_APPLICATION (application);
  const char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "alliance", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);
      self->database_path = g_file_get_path (file);
    }
  self->open_demo = g_variant_dict_contains (options, "demo");
  self->exit_after_startup = g_variant_dict_contains (options, "exit-after-startup");

  if (self->open_demo && self->database_path != NULL)
    {
      g_printerr ("%s\n", _("Use either --demo or --db, not both."));
      return 2;
    }

  /* A test or a second data file must not join an instance already open. */
  if (g_variant_dict_contains (options, "standalone") || self->database_path != NULL)
    g_application_set_flags (application, g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
alliance_application_startup (GApplication *application)
{
  static const GActionEntry actions[] = {
    { "open-demo", open_demo_action },
    { "open-own-records", open_own_records_action },
    { "about", about_action },
    { "preferences", preferences_action },
    { "show-preferences-page", show_preferences_page_action, "s" },
    { "lock", lock_action },
    { "quit", quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *edit_accels[] = { "<Control>e", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };
  AllianceApplication *self = ALLIANCE_APPLICATION (application);
  g_autoptr(GSettings) settings = NULL;

  G_APPLICATION_CLASS (alliance_application_parent_class)->startup (application);

  settings = g_settings_new (APPLICATION_ID);
  self->lock = alliance_lock_new (NULL, settings);
  g_signal_connect_object (self->lock, "lock-failed", G_CALLBACK (lock_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lock, "notify::locked", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-client", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.edit-client", edit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.lock", lock_accels);
  update_actions (self);
}

static void
alliance_application_activate (GApplication *application)
{
  AllianceApplication *self = ALLIANCE_APPLICATION (application);
  g_autoptr(AllianceClientStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) lock_error = NULL;
  AllianceWindow *window = get_window (self);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  store = open_requested_store (self, self->open_demo, &error);
  if (store == NULL && self->exit_after_startup)
    {
      /* Scripted runs get the reason on stderr and a failing exit status. */
      g_printerr ("alliance: %s\n", error->message);
      self->exit_status = 1;
      return;
    }

  window = alliance_window_new (ADW_APPLICATION (self));
  if (store != NULL)
    alliance_window_set_store (window, store, self->open_demo);
  else
    {
      g_printerr ("alliance: %s\n", error->message);
      self->exit_status = 1;
      alliance_window_show_problem (window, error);
    }

  if (self->exit_after_startup)
    g_signal_connect_object (window, "map", G_CALLBACK (window_mapped_cb), self, G_CONNECT_AFTER);

  lock_error = start_locked (self, window);
  gtk_window_present (GTK_WINDOW (window));
  if (lock_error != NULL)
    alliance_lock_page_explain_failure (GTK_WINDOW (window), lock_error);
}

static void
alliance_application_finalize (GObject *object)
{
  AllianceApplication *self = (AllianceApplication *)object;

  g_clear_pointer (&self->database_path, g_free);
  g_clear_object (&self->lock);

  G_OBJECT_CLASS (alliance_application_parent_class)->finalize (object);
}

static void
alliance_application_class_init (AllianceApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = alliance_application_finalize;
  application_class->handle_local_options = alliance_application_handle_local_options;
  application_class->startup = alliance_application_startup;
  application_class->activate = alliance_application_activate;
}

static void
alliance_application_init (AllianceApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Alliance keeps a therapist’s caseload and notes, locally and privately."));
}

AllianceApplication *
alliance_application_new (void)
{
  return g_object_new (ALLIANCE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/com/example/Alliance",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/* Non-zero when the records were refused: main() returns it. */
int
alliance_application_get_exit_status (AllianceApplication *self)
{
  g_return_val_if_fail (ALLIANCE_IS_APPLICATION (self), 1);

  return self->exit_status;
}
