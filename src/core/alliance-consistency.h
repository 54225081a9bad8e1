/* alliance-consistency.h
 *
 * How regularly a client comes: the attendance rate over the sessions that
 * were theirs to attend, and the longest stretch between two attended
 * sessions. Pure arithmetic over the session list (today is passed in).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int     attended;           /* attended, dated on or before today, not entered in error */
  int     counted;            /* past sessions not entered in error nor cancelled by the therapist */
  double  attendance_rate;    /* attended / counted; 0 when nothing is counted */
  int     longest_gap_days;   /* most days between consecutive attended sessions; 0 with fewer than two */
  char   *longest_gap_from;   /* "YYYY-MM-DD" of the attended session before the gap, or NULL */
  char   *longest_gap_to;     /* "YYYY-MM-DD" of the one after it, or NULL */
} AllianceConsistency;

/* @sessions: AllianceSession *, in any order. @out is overwritten (call
 * alliance_consistency_clear() on it before reusing it). */
void alliance_consistency_compute (GPtrArray           *sessions,
                                   const GDate         *today,
                                   AllianceConsistency *out);
void alliance_consistency_clear   (AllianceConsistency *self);

G_END_DECLS
