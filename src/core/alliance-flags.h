/* alliance-flags.h
 *
 * The rules that say which clients need attention and why. Pure functions
 * over one client's history (sessions, administrations, events): no
 * database, no clock (today is passed in), so every rule is tested with a
 * case that raises it and a near miss that does not. A flag's dates are
 * data, so its sentence can be written with or without calendar dates
 * (alliance_flag_describe).
 */
#pragma once

#include <glib-object.h>

#include "alliance-administration.h"
#include "alliance-measure.h"
#include "alliance-session-event.h"
#include "alliance-session.h"

G_BEGIN_DECLS

#define ALLIANCE_FLAG_ALLIANCE_BELOW_CUTOFF   "alliance-below-cutoff"
#define ALLIANCE_FLAG_ALLIANCE_DROP           "alliance-drop"
#define ALLIANCE_FLAG_ALLIANCE_ITEM_LOW       "alliance-item-low"
#define ALLIANCE_FLAG_ALLIANCE_NOT_MEASURED   "alliance-not-measured"
#define ALLIANCE_FLAG_MISSED_SESSIONS         "missed-sessions"
#define ALLIANCE_FLAG_RUPTURE_UNREPAIRED      "rupture-unrepaired"
#define ALLIANCE_FLAG_CALIBRATION_GAP         "calibration-gap"
#define ALLIANCE_FLAG_OUTCOME_DETERIORATION   "outcome-deterioration"
#define ALLIANCE_FLAG_OUTCOME_NOT_ON_TRACK    "outcome-not-on-track"
#define ALLIANCE_FLAG_RISK_ITEM               "risk-item"
#define ALLIANCE_FLAG_BOUNDARY_EVENT          "boundary-event"

typedef enum
{
  ALLIANCE_FLAG_SEVERITY_NONE,
  ALLIANCE_FLAG_SEVERITY_NOTICE,    /* worth a look */
  ALLIANCE_FLAG_SEVERITY_WARNING,   /* the relationship or the outcome is going wrong */
  ALLIANCE_FLAG_SEVERITY_URGENT,    /* risk: follow your risk protocol */
} AllianceFlagSeverity;

/* A date a flag speaks of, kept as a date: its sentence is written from
 * it (alliance_flag_describe), with calendar dates or without. */
typedef enum
{
  ALLIANCE_FLAG_DATE_SESSION,       /* a session's: the rating's, the rupture's, the first missed… */
  ALLIANCE_FLAG_DATE_SUPERVISION,   /* the last supervision meeting's */
} AllianceFlagDateKind;

typedef struct
{
  AllianceFlagDateKind  kind;
  GDate                 date;
  int                   session_number;   /* a session's number among attended ones; 0 when it has none */
} AllianceFlagDate;

#define ALLIANCE_FLAG_MAX_WORDS   2
#define ALLIANCE_FLAG_MAX_NUMBERS 4
#define ALLIANCE_FLAG_MAX_DATES   2

typedef struct
{
  const char           *id;        /* one of the ALLIANCE_FLAG_* strings (static) */
  AllianceFlagSeverity  severity;
  char                 *reason;    /* the sentence with calendar dates, for the clinician's own screens;
                                    * never for a de-identified document: see alliance_flag_describe() */
  char                 *since;     /* "YYYY-MM-DD" the condition began (e.g. the rupture's session), or NULL */

  /* What the sentence says, as data, in the sentence's order; which of
   * them a flag uses depends on its id (alliance_flag_describe). */
  char                 *words[ALLIANCE_FLAG_MAX_WORDS];       /* translated: the measure's name, an item's,
                                                               * the cut-off's comparison */
  double                numbers[ALLIANCE_FLAG_MAX_NUMBERS];   /* totals, points, thresholds, answers */
  int                   count;                                /* sessions, items, ruptures, events: the
                                                               * plural follows it */
  AllianceFlagDate      dates[ALLIANCE_FLAG_MAX_DATES];
  guint                 n_dates;
} AllianceFlag;

/* Writes one of a flag's dates in words (transfer full). */
typedef char *(*AllianceFlagDateFormatter) (const AllianceFlagDate *date,
                                            gconstpointer           user_data);

/* Thresholds; each is a preference (GSettings keys flag-*), defaults from PRODUCT.md. */
typedef struct
{
  double  alliance_drop_percent;       /* drop since the previous rating, in % of the total's range: 10 */
  double  item_low_percent;            /* an item at or below this % of its range: 50 */
  int     not_measured_sessions;       /* no alliance rating in the last N attended sessions: 3 */
  int     missed_in_a_row;             /* N consecutive no-shows/late cancellations: 2 */
  double  calibration_gap_points;      /* prediction − client total at least this: 3 */
  int     calibration_window;          /* … in calibration_count of the last calibration_window: 3 */
  int     calibration_count;           /* 2 */
  int     not_on_track_session;        /* no reliable improvement by session N: 6 */
  int     risk_days;                   /* the risk banner stays this many days: 60 */
  int     boundary_days;               /* without a supervision date: boundary events in the last N days: 28 */
} AllianceFlagSettings;

void alliance_flag_settings_init (AllianceFlagSettings *settings);   /* the defaults above */

/* Finds a definition by key and version (for the flags engine). */
typedef const AllianceMeasure *(*AllianceMeasureLookupFunc) (const char *key,
                                                             int         version,
                                                             gpointer    user_data);

/* One client's history, oldest first in every array. */
typedef struct
{
  gint64      client_id;
  GPtrArray  *sessions;          /* AllianceSession *, with number computed */
  GPtrArray  *administrations;   /* AllianceAdministration * */
  GPtrArray  *events;            /* AllianceSessionEvent * */
  const char *last_supervision;  /* "YYYY-MM-DD" or NULL (issue 6 records meetings) */
  gboolean    not_in_therapy;    /* enquiry, waitlist or discharged: only a risk answer is flagged */
} AllianceClientHistory;

/* What the caseload shows for a client: flags, most severe first, the
 * latest client-rated alliance total and, for the row's sparkline, the
 * recent totals of the same measure. */
#define ALLIANCE_CLIENT_FLAGS_MAX_RECENT 12

typedef struct
{
  gint64                client_id;
  GPtrArray            *flags;                /* AllianceFlag *, most severe first */
  AllianceFlagSeverity  max_severity;
  gboolean              has_alliance;         /* a complete alliance administration exists */
  double                alliance_total;       /* its total… */
  double                alliance_min;         /* the measure's total range: */
  double                alliance_max;         /* …out of the measure's maximum */
  double               *recent_alliance;      /* the last complete totals of that measure, oldest first, */
  guint                 n_recent_alliance;    /* …at most ALLIANCE_CLIENT_FLAGS_MAX_RECENT (the latest included) */
  char                 *alliance_measure_key;
  char                 *risk_until;           /* "YYYY-MM-DD" the risk banner shows until, or NULL */
} AllianceClientFlags;

#define ALLIANCE_TYPE_CLIENT_FLAGS (alliance_client_flags_get_type ())

GType                 alliance_client_flags_get_type (void) G_GNUC_CONST;
AllianceClientFlags  *alliance_client_flags_copy     (const AllianceClientFlags     *self);
void                  alliance_client_flags_free     (AllianceClientFlags           *self);
const AllianceFlag   *alliance_client_flags_find     (const AllianceClientFlags     *self,
                                                      const char                    *flag_id);

AllianceClientFlags  *alliance_flags_compute         (const AllianceClientHistory   *history,
                                                      AllianceMeasureLookupFunc      lookup,
                                                      gpointer                       user_data,
                                                      const AllianceFlagSettings    *settings,
                                                      const GDate                   *today);

char                 *alliance_flag_describe         (const AllianceFlag            *flag,
                                                      AllianceFlagDateFormatter      format_date,
                                                      gconstpointer                  user_data);
/* The calendar's wording (@user_data: the const GDate * of today): "3 Nov",
 * with the year when not today's. */
char                 *alliance_flag_format_calendar_date (const AllianceFlagDate    *date,
                                                          gconstpointer              today);
const char           *alliance_flag_get_title        (const char                    *flag_id);   /* "Alliance below cut-off" */
const char           *alliance_flag_get_icon_name    (const char                    *flag_id);
const char           *alliance_flag_severity_get_label (AllianceFlagSeverity         severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceClientFlags, alliance_client_flags_free)

G_END_DECLS
