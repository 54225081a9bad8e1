/* alliance-flags-page.h
 *
 * The Flags page of Preferences: one row per threshold (GSettings keys
 * flag-*) that decides when a client is listed as needing attention.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLIANCE_TYPE_FLAGS_PAGE (alliance_flags_page_get_type ())

G_DECLARE_FINAL_TYPE (AllianceFlagsPage, alliance_flags_page, ALLIANCE, FLAGS_PAGE, AdwPreferencesPage)

GtkWidget *alliance_flags_page_new             (GSettings         *settings);
GtkWidget *alliance_flags_page_get_spin_button (AllianceFlagsPage *self,
                                                const char        *key);

G_END_DECLS
