/* alliance-search-window.h
 *
 * Full-text search over every note and addendum (Ctrl+Shift+F): hits with
 * client, date and the matching words highlighted; activating one opens
 * the note.
 */
#pragma once

#include <adwaita.h>

#include "alliance-client-store.h"
#include "alliance-session-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_SEARCH_WINDOW (alliance_search_window_get_type ())

G_DECLARE_FINAL_TYPE (AllianceSearchWindow, alliance_search_window, ALLIANCE, SEARCH_WINDOW, AdwWindow)

AllianceSearchWindow *alliance_search_window_new          (AllianceClientStore  *clients,
                                                           AllianceSessionStore *sessions);
void                  alliance_search_window_search       (AllianceSearchWindow *self,
                                                           const char           *query);
guint                 alliance_search_window_get_n_hits   (AllianceSearchWindow *self);
gboolean              alliance_search_window_open_hit     (AllianceSearchWindow *self,
                                                           guint                 position);

char                 *alliance_search_snippet_to_markup   (const char           *snippet);

G_END_DECLS
