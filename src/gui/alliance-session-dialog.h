/* alliance-session-dialog.h
 *
 * Log a session (pre-filled: now, rounded; the client's usual length and
 * modality — Enter saves) or correct one. Invalid values are pointed out
 * under the fields and nothing is saved.
 */
#pragma once

#include <adwaita.h>

#include "alliance-session-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_SESSION_DIALOG (alliance_session_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AllianceSessionDialog, alliance_session_dialog, ALLIANCE, SESSION_DIALOG, AdwWindow)

AllianceSessionDialog *alliance_session_dialog_new   (AllianceSessionStore  *store,
                                                      const AllianceSession *session);
gboolean               alliance_session_dialog_save  (AllianceSessionDialog *self);

G_END_DECLS
