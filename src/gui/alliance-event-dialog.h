/* alliance-event-dialog.h
 *
 * Record one event on a session: a rupture (kind, intensity), a repair of
 * an earlier unrepaired rupture (how, resolved or not), a boundary event, a
 * life event or a risk, each with an optional note. Sensible choices are
 * preselected, so Enter records it.
 */
#pragma once

#include <adwaita.h>

#include "alliance-rating-store.h"
#include "alliance-session.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_EVENT_DIALOG (alliance_event_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AllianceEventDialog, alliance_event_dialog, ALLIANCE, EVENT_DIALOG, AdwWindow)

AllianceEventDialog *alliance_event_dialog_new  (AllianceRatingStore   *store,
                                                 const AllianceSession *session,
                                                 AllianceEventKind      kind);
gboolean             alliance_event_dialog_save (AllianceEventDialog   *self);

G_END_DECLS
