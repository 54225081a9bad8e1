/* alliance-records-page.h
 *
 * Preferences → Records: how long records are kept, the discharged
 * clients whose retention has passed (each with Dispose…), and the
 * disposal register.
 */
#pragma once

#include <adwaita.h>

#include "alliance-client-store.h"
#include "alliance-retention-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_RECORDS_PAGE (alliance_records_page_get_type ())

G_DECLARE_FINAL_TYPE (AllianceRecordsPage, alliance_records_page, ALLIANCE, RECORDS_PAGE, AdwPreferencesPage)

GtkWidget              *alliance_records_page_new        (AllianceClientStore *clients);
AllianceRetentionStore *alliance_records_page_get_store  (AllianceRecordsPage *self);

G_END_DECLS
