/* alliance-supervision-card.h
 *
 * One client in the Supervision view: name, code and status, a small
 * alliance graph, flags in words, what happened in the period, open action
 * items, and the client's place on the agenda (question and excerpts).
 * It shows what it is given and reports what the therapist does through
 * signals; the page saves.
 */
#pragma once

#include <adwaita.h>

#include "alliance-chart-data.h"
#include "alliance-meeting.h"
#include "alliance-supervision-review.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_SUPERVISION_CARD (alliance_supervision_card_get_type ())

G_DECLARE_FINAL_TYPE (AllianceSupervisionCard, alliance_supervision_card, ALLIANCE, SUPERVISION_CARD, GtkWidget)

GtkWidget  *alliance_supervision_card_new            (void);
/* @entry is borrowed: the page keeps it alive while the card shows it. */
void        alliance_supervision_card_set_entry      (AllianceSupervisionCard             *self,
                                                      const AllianceReviewEntry           *entry);
gint64      alliance_supervision_card_get_client_id  (AllianceSupervisionCard             *self);
/* Copies @data; NULL: no ratings to draw. */
void        alliance_supervision_card_set_chart      (AllianceSupervisionCard             *self,
                                                      const AllianceChartData             *data);
/* The client's place on the agenda (borrowed), or NULL when not on it.
 * A question being typed is left alone. */
void        alliance_supervision_card_set_discussion (AllianceSupervisionCard             *self,
                                                      const AllianceSupervisionDiscussion *discussion);
/* Sends a question still waiting for its debounce now. */
void        alliance_supervision_card_flush_question (AllianceSupervisionCard             *self);

G_END_DECLS
