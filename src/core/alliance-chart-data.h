/* alliance-chart-data.h
 *
 * What one client's alliance-over-time graph shows, as plain data: the
 * series (the client's alliance score, subscales, the therapist's
 * prediction), the instrument's range and cut-off, events (rupture,
 * repair, boundary…), missed sessions, and an optional outcome panel with
 * its severity bands and reliable-change band. Built from the stores by
 * alliance_chart_data_build(); drawn by alliance-chart-renderer.h. No
 * pixels here, and nothing that depends on the size drawn at.
 */
#pragma once

#include <glib-object.h>

#include "alliance-measure.h"
#include "alliance-session-event.h"

G_BEGIN_DECLS

typedef enum
{
  ALLIANCE_CHART_X_SESSION,     /* x = session number, evenly spaced */
  ALLIANCE_CHART_X_DATE,        /* x = calendar date, truly spaced: gaps show */
} AllianceChartXMode;

typedef enum
{
  ALLIANCE_CHART_SERIES_SCORE,       /* the client's total: line + points */
  ALLIANCE_CHART_SERIES_PREDICTION,  /* the therapist's prediction, same scale */
  ALLIANCE_CHART_SERIES_SUBSCALE,    /* on demand, thinner */
} AllianceChartSeriesKind;

/* One value at one session. */
typedef struct
{
  gint64  session_id;
  int     session_number;   /* nth attended session (≥ 1) */
  char    date[11];         /* "YYYY-MM-DD" */
  double  value;
} AllianceChartPoint;

typedef struct
{
  AllianceChartSeriesKind  kind;
  char                    *label;    /* translated: "Alliance check", "Your prediction", "Task" */
  GArray                  *points;   /* AllianceChartPoint, oldest first */
} AllianceChartSeries;

/* An event drawn as a marker of its own shape (not colour alone). */
typedef struct
{
  AllianceEventKind  kind;
  int                session_number;   /* the attended session it belongs to, or 0 */
  char               date[11];
  char              *description;      /* translated, for tooltips and the table */
} AllianceChartEvent;

/* A no-show or late cancellation, drawn as a tick on the x axis. */
typedef struct
{
  char  date[11];
  int   after_session_number;          /* the attended session before it (0: before any) */
} AllianceChartMissed;

typedef struct
{
  double  min;
  double  max;
  char   *label;                        /* translated band name: "Mild" */
} AllianceChartBand;

typedef struct
{
  char                   *title;        /* "PHQ-9" */
  double                  y_min;        /* the instrument's range, never auto-zoomed */
  double                  y_max;
  gboolean                higher_is_better;
  GPtrArray              *bands;        /* AllianceChartBand, ascending */
  AllianceChartSeries    *series;       /* kind SCORE */
  gboolean                has_reliable_band;
  double                  reliable_center;   /* the first score */
  double                  reliable_half_width; /* the reliable-change threshold */
} AllianceChartOutcome;

typedef struct
{
  char                   *title;        /* "Alliance check — C-0007" */
  char                   *x_label;      /* "Session" or "Date" (translated) */
  char                   *y_label;      /* "Total (0–30)" */
  AllianceChartXMode      x_mode;
  double                  y_min;        /* the instrument's range, never auto-zoomed */
  double                  y_max;
  gboolean                has_cutoff;
  double                  cutoff;
  AllianceMeasureCutoff   cutoff_comparison;
  char                   *cutoff_label; /* "Cut-off: below 24" */
  GPtrArray              *series;       /* AllianceChartSeries *, the SCORE series first */
  GArray                 *events;       /* AllianceChartEvent */
  GArray                 *missed;       /* AllianceChartMissed */
  AllianceChartOutcome   *outcome;      /* NULL: no outcome panel */
  char                   *first_date;   /* of the x range: first and last session shown */
  char                   *last_date;
  int                     first_number;
  int                     last_number;
} AllianceChartData;

#define ALLIANCE_TYPE_CHART_DATA (alliance_chart_data_get_type ())

GType                 alliance_chart_data_get_type      (void) G_GNUC_CONST;
AllianceChartData    *alliance_chart_data_new           (void);
AllianceChartData    *alliance_chart_data_copy          (const AllianceChartData *self);
void                  alliance_chart_data_free          (AllianceChartData       *self);
AllianceChartSeries  *alliance_chart_data_add_series    (AllianceChartData       *self,
                                                         AllianceChartSeriesKind  kind,
                                                         const char              *label);
void                  alliance_chart_series_add_point   (AllianceChartSeries     *series,
                                                         gint64                   session_id,
                                                         int                      session_number,
                                                         const char              *date,
                                                         double                   value);
void                  alliance_chart_data_add_event     (AllianceChartData       *self,
                                                         AllianceEventKind        kind,
                                                         int                      session_number,
                                                         const char              *date,
                                                         const char              *description);
void                  alliance_chart_data_add_missed    (AllianceChartData       *self,
                                                         const char              *date,
                                                         int                      after_session_number);
/* The outcome panel, replacing any: its SCORE series is made empty (add
 * points with alliance_chart_series_add_point) and its bands are owned. */
AllianceChartOutcome *alliance_chart_data_set_outcome   (AllianceChartData       *self,
                                                         const char              *title,
                                                         double                   y_min,
                                                         double                   y_max,
                                                         gboolean                 higher_is_better,
                                                         const char              *series_label);
/* Bands ascending, [min, max]. */
void                  alliance_chart_outcome_add_band   (AllianceChartOutcome    *outcome,
                                                         double                   min,
                                                         double                   max,
                                                         const char              *label);
/* The SCORE series (the first), or NULL. */
const AllianceChartSeries *alliance_chart_data_get_score (const AllianceChartData *self);
/* Number of points in the SCORE series: 0 and 1 are drawn as "not enough data" states. */
guint                 alliance_chart_data_count_scores  (const AllianceChartData *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceChartData, alliance_chart_data_free)

G_END_DECLS
