/* alliance-meeting-window.h
 *
 * Records a clinical supervision meeting: when, with whom, the clients
 * discussed (the therapist's question, what was said, the supervisor's
 * recommendations, which become action items on each client's page) and
 * general notes. Like a progress note it saves itself as it is typed,
 * is signed (Ctrl+Enter, confirmed) and then never changes; corrections
 * are signed addenda below it. A signed meeting opens read-only.
 */
#pragma once

#include <adwaita.h>

#include "alliance-client-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_MEETING_WINDOW (alliance_meeting_window_get_type ())

G_DECLARE_FINAL_TYPE (AllianceMeetingWindow, alliance_meeting_window, ALLIANCE, MEETING_WINDOW, AdwWindow)

/* @meeting_id: a meeting to open (signed ones read-only), or 0 for the
 * open agenda, created when there is none. @parent may be NULL. Returns
 * NULL with @error set when the meeting cannot be loaded; the caller
 * presents the window. */
AllianceMeetingWindow *alliance_meeting_window_new         (GtkWindow                *parent,
                                                            AllianceSupervisionStore *supervision,
                                                            AllianceClientStore      *clients,
                                                            AllianceSessionStore     *sessions,
                                                            gint64                    meeting_id,
                                                            GError                  **error);
/* Writes pending changes now. %FALSE only when they could not be saved;
 * the window then says so and keeps them. */
gboolean               alliance_meeting_window_save_now    (AllianceMeetingWindow    *self);
/* Saves and signs with the signer from the preferences, without asking
 * (the Sign action asks, then calls this). */
gboolean               alliance_meeting_window_sign        (AllianceMeetingWindow    *self,
                                                            GError                  **error);
const AllianceMeeting *alliance_meeting_window_get_meeting (AllianceMeetingWindow    *self);

G_END_DECLS
