/* alliance-excerpt-dialog.h
 *
 * Choose a passage for supervision: one of the client's notes from the
 * period, shown with what could identify the client (names, places, phone
 * numbers, e-mail addresses, dates) already masked. The therapist masks
 * more by selecting it, and adds the masked text as an excerpt.
 */
#pragma once

#include <adwaita.h>

#include "alliance-client-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-review.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_EXCERPT_DIALOG (alliance_excerpt_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AllianceExcerptDialog, alliance_excerpt_dialog, ALLIANCE, EXCERPT_DIALOG, AdwWindow)

/* The notes of @entry's sessions in the period. */
AllianceExcerptDialog *alliance_excerpt_dialog_new            (AllianceClientStore       *clients,
                                                               AllianceSessionStore      *sessions,
                                                               const AllianceReviewEntry *entry);
guint                  alliance_excerpt_dialog_get_n_notes    (AllianceExcerptDialog     *self);
/* Shows the @index-th note of the list (0 is the newest, shown at first). */
void                   alliance_excerpt_dialog_select_note    (AllianceExcerptDialog     *self,
                                                               guint                      index);
/* The note shown, as written, and the spans masked in it. */
const char            *alliance_excerpt_dialog_get_text       (AllianceExcerptDialog     *self);
const GArray          *alliance_excerpt_dialog_get_spans      (AllianceExcerptDialog     *self);
/* The text as it would be added: every span replaced by its mask. */
char                  *alliance_excerpt_dialog_dup_masked_text (AllianceExcerptDialog    *self);

G_END_DECLS
