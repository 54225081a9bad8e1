/* alliance-client-editor.h
 *
 * The form for a new client (short: who they are and where they stand) or
 * for editing every detail. Saves through the store; an invalid value is
 * pointed out beside its field and nothing is saved.
 */
#pragma once

#include <adwaita.h>

#include "alliance-client-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_CLIENT_EDITOR (alliance_client_editor_get_type ())

G_DECLARE_FINAL_TYPE (AllianceClientEditor, alliance_client_editor, ALLIANCE, CLIENT_EDITOR, AdwWindow)

AllianceClientEditor *alliance_client_editor_new    (AllianceClientStore  *store,
                                                     const AllianceClient *client);
gboolean              alliance_client_editor_save   (AllianceClientEditor *self);

G_END_DECLS
