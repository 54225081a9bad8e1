/* alliance-lock-page.h
 *
 * What the main window shows while Alliance is locked: no client, no
 * record, a passphrase field. A wrong passphrase shakes the field and says
 * so; after repeated ones it says how long to wait.
 */
#pragma once

#include <adwaita.h>

#include "alliance-lock.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_LOCK_PAGE (alliance_lock_page_get_type ())

G_DECLARE_FINAL_TYPE (AllianceLockPage, alliance_lock_page, ALLIANCE, LOCK_PAGE, AdwBin)

GtkWidget *alliance_lock_page_new         (AllianceLock     *lock);
void       alliance_lock_page_focus_entry (AllianceLockPage *self);

GtkWidget *alliance_lock_page_explain_failure (GtkWindow    *parent,
                                               const GError *error);

G_END_DECLS
