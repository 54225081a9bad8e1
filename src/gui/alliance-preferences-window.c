/* alliance-preferences-window.c */
#define G_LOG_DOMAIN "alliance-preferences-window"

#include "config.h"

#include "alliance-backup-page.h"
#include "alliance-flags-page.h"
#include "alliance-measures-page.h"
#include "alliance-note.h"
#include "alliance-preferences-window.h"
#include "alliance-privacy-page.h"

struct _AlliancePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwEntryRow          *signer_row;
  AdwComboRow          *template_row;
};

G_DEFINE_FINAL_TYPE (AlliancePreferencesWindow, alliance_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The setting holds the template's id ("soap"); the row, its position. */
static gboolean
template_id_to_position (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  AllianceNoteTemplate template_id = ALLIANCE_NOTE_TEMPLATE_SOAP;

  alliance_note_template_from_string (g_variant_get_string (variant, NULL), &template_id);
  g_value_set_uint (value, template_id);
  return TRUE;
}

static GVariant *
position_to_template_id (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= ALLIANCE_NOTE_N_TEMPLATES)
    return NULL;
  return g_variant_new_string (alliance_note_template_to_string ((AllianceNoteTemplate)position));
}

static void
alliance_preferences_window_dispose (GObject *object)
{
  AlliancePreferencesWindow *self = (AlliancePreferencesWindow *)object;

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (alliance_preferences_window_parent_class)->dispose (object);
}

static void
alliance_preferences_window_class_init (AlliancePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Alliance/alliance-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AlliancePreferencesWindow, signer_row);
  gtk_widget_class_bind_template_child (widget_class, AlliancePreferencesWindow, template_row);
}

static void
alliance_preferences_window_init (AlliancePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "signer-name", self->signer_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "default-note-template", self->template_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, template_id_to_position, position_to_template_id,
                                NULL, NULL);

  /* The thresholds that decide who is listed as needing attention. */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (alliance_flags_page_new (self->settings)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (alliance_privacy_page_new (self->settings, NULL)));
}

GtkWidget *
alliance_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (ALLIANCE_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}

/**
 * alliance_preferences_window_add_measures_page:
 *
 * Adds the page that lists the measures and defines custom ones.
 */
void
alliance_preferences_window_add_measures_page (AlliancePreferencesWindow *self,
                                               AllianceRatingStore       *store)
{
  g_return_if_fail (ALLIANCE_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (ALLIANCE_IS_RATING_STORE (store));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (alliance_measures_page_new (store)));
}

/* Adds the page of backups, restore and disk encryption. */
void
alliance_preferences_window_add_backup_page (AlliancePreferencesWindow *self,
                                             AllianceBackupScheduler   *scheduler)
{
  g_return_if_fail (ALLIANCE_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (ALLIANCE_IS_BACKUP_SCHEDULER (scheduler));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (alliance_backup_page_new (scheduler)));
}
