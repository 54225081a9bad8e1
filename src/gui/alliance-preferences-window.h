/* alliance-preferences-window.h
 *
 * The therapist's preferences: the name on signed notes, the template a
 * new note starts with. Stored in GSettings; never client data. And,
 * given the rating store, the page of measures.
 */
#pragma once

#include <adwaita.h>

#include "alliance-backup-scheduler.h"
#include "alliance-rating-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_PREFERENCES_WINDOW (alliance_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AlliancePreferencesWindow, alliance_preferences_window, ALLIANCE, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *alliance_preferences_window_new               (GtkWindow                 *parent);
void       alliance_preferences_window_add_measures_page (AlliancePreferencesWindow *self,
                                                          AllianceRatingStore       *store);
void       alliance_preferences_window_add_backup_page   (AlliancePreferencesWindow *self,
                                                          AllianceBackupScheduler   *scheduler);

G_END_DECLS
