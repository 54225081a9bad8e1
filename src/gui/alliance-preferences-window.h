/* alliance-preferences-window.h
 *
 * The therapist's preferences: the name on signed notes, the template a
 * new note starts with. Stored in GSettings; never client data.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLIANCE_TYPE_PREFERENCES_WINDOW (alliance_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AlliancePreferencesWindow, alliance_preferences_window, ALLIANCE, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *alliance_preferences_window_new (GtkWindow *parent);

G_END_DECLS
