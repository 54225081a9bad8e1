/* alliance-privacy-page.h
 *
 * The Privacy page of Preferences: the lock's passphrase (set, changed or
 * removed, the current one required to change or remove it), the idle
 * minutes before Alliance locks itself, and what the lock does and does
 * not protect.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLIANCE_TYPE_PRIVACY_PAGE (alliance_privacy_page_get_type ())

G_DECLARE_FINAL_TYPE (AlliancePrivacyPage, alliance_privacy_page, ALLIANCE, PRIVACY_PAGE, AdwPreferencesPage)

GtkWidget *alliance_privacy_page_new (GSettings  *settings,
                                      const char *secret_path);

G_END_DECLS
