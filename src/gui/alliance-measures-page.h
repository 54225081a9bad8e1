/* alliance-measures-page.h
 *
 * The measures in the preferences: the built-in ones with what they are
 * and their licence, and the therapist's own, which can be defined,
 * edited, exported to and imported from a JSON file, and retired.
 */
#pragma once

#include <adwaita.h>

#include "alliance-rating-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_MEASURES_PAGE (alliance_measures_page_get_type ())

G_DECLARE_FINAL_TYPE (AllianceMeasuresPage, alliance_measures_page, ALLIANCE, MEASURES_PAGE, AdwPreferencesPage)

GtkWidget *alliance_measures_page_new          (AllianceRatingStore  *store);
/* What "Import…" and "Export…" do once a file is chosen; import says
 * what it did or why not in a dialog. */
void       alliance_measures_page_import_file  (AllianceMeasuresPage *self,
                                                GFile                *file);
gboolean   alliance_measures_page_export_file  (AllianceMeasuresPage *self,
                                                const char           *key,
                                                GFile                *file,
                                                GError              **error);

G_END_DECLS
