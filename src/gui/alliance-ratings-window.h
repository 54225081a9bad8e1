/* alliance-ratings-window.h
 *
 * The Ratings step of a session: the therapist's prediction first, then the
 * client's alliance scores (unlocked once the prediction is in, or skipped;
 * the order is recorded), other measures, the therapist's reflection, and
 * events (rupture, repair, boundary, life event, risk). Everything saves as
 * it is typed; each measure is interpreted in place.
 */
#pragma once

#include <adwaita.h>

#include "alliance-rating-store.h"
#include "alliance-session.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_RATINGS_WINDOW (alliance_ratings_window_get_type ())

G_DECLARE_FINAL_TYPE (AllianceRatingsWindow, alliance_ratings_window, ALLIANCE, RATINGS_WINDOW, AdwWindow)

AllianceRatingsWindow *alliance_ratings_window_new          (AllianceRatingStore   *store,
                                                             const AllianceSession *session);
/* Writes answers still waiting for their autosave. FALSE if one failed. */
gboolean               alliance_ratings_window_save_pending (AllianceRatingsWindow *self);

G_END_DECLS
