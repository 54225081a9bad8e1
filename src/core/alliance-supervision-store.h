/* alliance-supervision-store.h
 *
 * Supervision meetings, their discussions, excerpts and action items, and
 * addenda. Every write is one transaction, validated first; "changed" is
 * emitted after the commit (with each client whose action items or agenda
 * entry changed, and with 0 for the meeting itself). A signed meeting and
 * everything hanging from it is frozen by triggers; an action item's
 * done_on alone stays writable.
 */
#pragma once

#include "alliance-database.h"
#include "alliance-meeting.h"
#include "alliance-store.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_SUPERVISION_STORE (alliance_supervision_store_get_type ())

G_DECLARE_FINAL_TYPE (AllianceSupervisionStore, alliance_supervision_store, ALLIANCE, SUPERVISION_STORE, AllianceStore)

AllianceSupervisionStore *alliance_supervision_store_new             (AllianceDatabase          *database);

/* Meetings, newest first (by date, then id), each loaded whole. */
GPtrArray                *alliance_supervision_store_list_meetings   (AllianceSupervisionStore  *self,
                                                                      GError                   **error);
AllianceMeeting          *alliance_supervision_store_load_meeting    (AllianceSupervisionStore  *self,
                                                                      gint64                     meeting_id,
                                                                      GError                   **error);
/* The open (unsigned) meeting — the agenda of the next supervision — or
 * NULL without an error when there is none. With several, the newest. */
AllianceMeeting          *alliance_supervision_store_load_agenda     (AllianceSupervisionStore  *self,
                                                                      GError                   **error);
/* The agenda, created (dated @today, its period from the day after the
 * last signed meeting, or 28 days before @today, to @today) when missing. */
AllianceMeeting          *alliance_supervision_store_ensure_agenda   (AllianceSupervisionStore  *self,
                                                                      const char                *today,
                                                                      GError                   **error);
/* Inserts (id 0) or updates an open meeting with its discussions, excerpts
 * and action items (children matched by id: 0 inserts, a missing id is
 * deleted, so an item's done_on survives). Sets ids and timestamps.
 * Refused for a signed meeting. */
gboolean                  alliance_supervision_store_save_meeting    (AllianceSupervisionStore  *self,
                                                                      AllianceMeeting           *meeting,
                                                                      AllianceMeetingField      *invalid_field,
                                                                      GError                   **error);
/* Only an open meeting. */
gboolean                  alliance_supervision_store_delete_meeting  (AllianceSupervisionStore  *self,
                                                                      gint64                     meeting_id,
                                                                      GError                   **error);
/* Saves, then signs: the supervisor is required. Sets signed_at, signed_by
 * and content_sha256 on @meeting. */
gboolean                  alliance_supervision_store_sign_meeting    (AllianceSupervisionStore  *self,
                                                                      AllianceMeeting           *meeting,
                                                                      const char                *signer,
                                                                      AllianceMeetingField      *invalid_field,
                                                                      GError                   **error);
gboolean                  alliance_supervision_store_add_addendum    (AllianceSupervisionStore  *self,
                                                                      AllianceMeeting           *meeting,
                                                                      const char                *body,
                                                                      const char                *signer,
                                                                      GError                   **error);

/* Action items of a client, oldest first; open ones only unless @include_done. */
GPtrArray                *alliance_supervision_store_list_action_items (AllianceSupervisionStore *self,
                                                                      gint64                     client_id,
                                                                      gboolean                   include_done,
                                                                      GError                   **error);
/* Marks done on @done_on (a real "YYYY-MM-DD", not before the meeting's
 * date) or reopens it with NULL. Allowed after the meeting is signed. */
gboolean                  alliance_supervision_store_set_action_item_done (AllianceSupervisionStore *self,
                                                                      gint64                     action_item_id,
                                                                      const char                *done_on,
                                                                      GError                   **error);
/* The date of the latest signed meeting, or NULL without an error. */
char                     *alliance_supervision_store_dup_last_meeting_date (AllianceSupervisionStore *self,
                                                                      GError                   **error);

G_END_DECLS
