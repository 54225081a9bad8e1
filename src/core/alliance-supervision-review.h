/* alliance-supervision-review.h
 *
 * What a supervision hour looks at, for a period: every client who needs
 * attention first, most severe first, each with its flags, sessions in the
 * period, unrepaired ruptures, boundary events and open action items; then
 * the rest of the active caseload. Shared by the Supervision view and the
 * supervision packet.
 */
#pragma once

#include "alliance-client.h"
#include "alliance-client-store.h"
#include "alliance-flags.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64                client_id;
  char                 *code;
  char                 *display_name;        /* identified: for the app, never the packet */
  AllianceClientStatus  status;
  char                 *date_of_birth;       /* or NULL */
  char                 *start_date;          /* or NULL */
  AllianceClientFlags  *flags;               /* never NULL; flags may be empty */
  guint                 n_sessions;          /* sessions dated in the period (not entered in error) */
  guint                 n_attended;          /* …of which attended */
  GPtrArray            *sessions;            /* AllianceSession * in the period, oldest first, numbered */
  GPtrArray            *unrepaired_ruptures; /* AllianceSessionEvent *, any date */
  GPtrArray            *ruptures_and_repairs;/* AllianceSessionEvent * in the period, oldest first */
  GPtrArray            *boundary_events;     /* AllianceSessionEvent * in the period */
  GPtrArray            *open_action_items;   /* AllianceActionItem * */
  gboolean              on_agenda;           /* on the open meeting's agenda */
  char                 *question;            /* the agenda's question, or NULL */
} AllianceReviewEntry;

void                 alliance_review_entry_free (AllianceReviewEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceReviewEntry, alliance_review_entry_free)

/* @from and @to are "YYYY-MM-DD", inclusive. Flagged clients are every
 * client not archived with at least one flag (computed for @today with
 * @settings and the last signed meeting's date); then active and on-hold
 * clients without flags, by name; a client on the open meeting's agenda is
 * listed too, whatever its status (unless archived). An array of
 * AllianceReviewEntry *. */
GPtrArray           *alliance_supervision_review_build (AllianceClientStore       *clients,
                                                        AllianceSessionStore      *sessions,
                                                        AllianceRatingStore       *ratings,
                                                        AllianceSupervisionStore  *supervision,
                                                        const char                *from,
                                                        const char                *to,
                                                        const AllianceFlagSettings *settings,
                                                        const GDate               *today,
                                                        GError                   **error);
/* One client, the same way (the view refreshes one entry after a change). */
AllianceReviewEntry *alliance_supervision_review_build_entry (AllianceClientStore  *clients,
                                                        AllianceSessionStore      *sessions,
                                                        AllianceRatingStore       *ratings,
                                                        AllianceSupervisionStore  *supervision,
                                                        gint64                     client_id,
                                                        const char                *from,
                                                        const char                *to,
                                                        const AllianceFlagSettings *settings,
                                                        const GDate               *today,
                                                        GError                   **error);
/* The order above, qsort-style: negative when @a comes before @b. */
int                  alliance_review_entry_compare (const AllianceReviewEntry *a,
                                                    const AllianceReviewEntry *b);
/* "30–39" (translated), from the date of birth on @today; "Age not recorded" without one. */
char                *alliance_age_band             (const char                *date_of_birth,
                                                    const GDate               *today);
/* "Week 3 · session 2": weeks counted from @start_date (the client's start,
 * or the first session) as week 1; "Week 3" alone for @session_number 0 (a
 * session not attended), "Before week 1 · session 2" before the start. */
char                *alliance_review_describe_session_time (const char    *start_date,
                                                    const char                *session_starts_at,
                                                    int                        session_number);
/* A flag's date without the date, for alliance_flag_describe() (@start_date:
 * the const char * above): "week 3 · session 2", or "[date]" for the last supervision. */
char                *alliance_review_describe_flag_date (const AllianceFlagDate *date,
                                                    gconstpointer              start_date);

G_END_DECLS
