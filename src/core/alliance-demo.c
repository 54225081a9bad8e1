/* alliance-demo.c
 *
 * Every person here is invented. The names are chosen to exercise the UI:
 * accents, hyphens, apostrophes, very long names, non-Latin scripts. The
 * clinical text is made up from generic phrases: it describes no one.
 */
#define G_LOG_DOMAIN "alliance-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-audit.h"
#include "alliance-date.h"
#include "alliance-demo.h"
#include "alliance-measure-library.h"
#include "alliance-rating-store.h"
#include "alliance-session-store.h"
#include "alliance-supervision-store.h"

typedef struct
{
  const char           *given;
  const char           *family;
  const char           *preferred;
  const char           *pronouns;
  const char           *birth;
  AllianceClientStatus  status;
  const char           *start;
  const char           *discharge;
  const char           *concerns;
  const char           *referral;
  gboolean              archived;
} DemoClient;

#define ACTIVE ALLIANCE_CLIENT_STATUS_ACTIVE
#define WAIT ALLIANCE_CLIENT_STATUS_WAITLIST
#define ENQ ALLIANCE_CLIENT_STATUS_ENQUIRY
#define HOLD ALLIANCE_CLIENT_STATUS_ON_HOLD
#define DONE ALLIANCE_CLIENT_STATUS_DISCHARGED

static const DemoClient demo_clients[] = {
  { "Zoë", "Laurent", NULL, "she/her", "1991-04-12", ACTIVE, "2026-02-03", NULL, "Low mood after a bereavement; sleep problems.", "GP", FALSE },
  { "Mateo", "García Fernández", NULL, "he/him", "1984-09-30", ACTIVE, "2025-11-17", NULL, "Panic attacks on public transport.", "Self", FALSE },
  { "Aoife", "Ní Bhriain", NULL, "she/her", "1998-01-22", ACTIVE, "2026-05-06", NULL, "Social anxiety at university.", "Student counselling", FALSE },
  { "Katherine", "O'Connor-Whitfield", "Kate", "she/her", "1976-06-02", ACTIVE, "2025-09-08", NULL, "Work stress and burnout.", "Employee assistance programme", FALSE },
  { "Jean-Baptiste", "Lefèvre", NULL, "he/him", "1969-12-19", ACTIVE, "2026-01-12", NULL, "Anger after redundancy; conflict at home.", "Self", FALSE },
  { "Siobhán", "Mac Giolla Phádraig", NULL, "she/her", "1988-03-08", ACTIVE, "2026-03-30", NULL, "Perinatal anxiety.", "Midwife", FALSE },
  { "Alexandria", "Montgomery-Vanderbilt-Castellanos", "Alex", "they/them", "2001-07-15", ACTIVE, "2026-06-01", NULL, "Gender identity exploration; family rejection.", "Community centre", FALSE },
  { "Nguyễn", "Thị Minh Anh", "Minh", "she/her", "1995-10-05", ACTIVE, "2026-04-14", NULL, "Acculturation stress; low self-worth.", "GP", FALSE },
  { "Björn", "Åkesson", NULL, "he/him", "1958-02-27", ACTIVE, "2025-12-01", NULL, "Adjustment to retirement; drinking more.", "Partner", FALSE },
  { "Fatima", "Al-Sayed", NULL, "she/her", "1982-05-19", ACTIVE, "2026-07-20", NULL, "Trauma after a road accident.", "Insurer", FALSE },
  { "Oluwaseun", "Adébáyọ̀", "Seun", "he/him", "1990-11-11", ACTIVE, "2026-08-03", NULL, "Relationship breakdown.", "Self", FALSE },
  { "François", "Dubois-Bérubé", NULL, "he/him", "1973-08-24", ACTIVE, "2025-10-06", NULL, "Chronic pain and depression.", "Pain clinic", FALSE },
  { "Maria", "Kowalczyk", NULL, "she/her", "2005-02-14", ACTIVE, "2026-09-07", NULL, "Exam anxiety; self-harm history.", "School nurse", FALSE },
  { "Ólafur", "Sigurðsson", NULL, "he/him", "1987-12-31", ACTIVE, "2026-02-23", NULL, "Insomnia; rumination.", "GP", FALSE },
  { "Chloé", "Tremblay", NULL, "she/they", "1999-06-06", ACTIVE, "2026-10-05", NULL, "Disordered eating.", "Dietitian", FALSE },
  { "Hiroshi", "Tanaka", NULL, "he/him", "1965-04-01", ACTIVE, "2025-08-11", NULL, "Grief after the death of a spouse.", "Hospice", FALSE },
  { "Priya", "Raghunathan-Subramanian", NULL, "she/her", "1993-09-09", ACTIVE, "2026-03-02", NULL, "Perfectionism; burnout in medical training.", "Self", FALSE },
  { "Ana", "Lima", NULL, "she/her", "1979-01-03", WAIT, NULL, NULL, "Generalised anxiety.", "GP", FALSE },
  { "Tomás", "Ó Súilleabháin", NULL, "he/him", "1996-03-17", WAIT, NULL, NULL, "Low mood; isolation.", "Self", FALSE },
  { "Sophie", "Müller", NULL, "she/her", "1985-07-29", WAIT, NULL, NULL, "Couple conflict.", "Partner", FALSE },
  { "Ewa", "Wiśniewska", NULL, "she/her", "1971-10-10", ENQ, NULL, NULL, "Asked about fees and availability.", "Website", FALSE },
  { "Rafael", "Nuñez", NULL, "he/him", "2000-12-12", ENQ, NULL, NULL, "Wants help with procrastination.", "Friend", FALSE },
  { "Léa", "Rousseau", NULL, "she/her", "1989-05-25", HOLD, "2025-06-09", NULL, "Postnatal depression; paused for surgery.", "Health visitor", FALSE },
  { "Dmitri", "Volkov", NULL, "he/him", "1977-11-21", HOLD, "2025-12-15", NULL, "Obsessive-compulsive symptoms.", "Psychiatrist", FALSE },
  { "Grace", "Okafor", NULL, "she/her", "1992-08-08", DONE, "2025-01-13", "2025-09-29", "Panic disorder; goals met.", "GP", FALSE },
  { "William", "Ashworth-Pemberton", "Will", "he/him", "1962-03-03", DONE, "2024-10-07", "2025-05-19", "Depression after a heart attack.", "Cardiac rehab", FALSE },
  { "Inès", "Benali", NULL, "she/her", "1997-02-02", DONE, "2025-03-24", "2025-07-07", "Moved away; referred on.", "Self", FALSE },
  { "Lukas", "Novák", NULL, "he/him", "1983-04-18", DONE, "2023-09-04", "2024-03-25", "Health anxiety.", "GP", TRUE },
  { "Émilie", "Gagnon", NULL, "she/her", "1994-12-24", DONE, "2023-05-15", "2023-11-20", "Assertiveness at work.", "Self", TRUE },
  { "Ji-woo", "Park", NULL, "they/them", "2003-09-01", ACTIVE, "2026-10-26", NULL, "Loneliness after moving country.", "International office", FALSE },
};

static const struct
{
  guint       client;
  const char *description;
  const char *set_on;
  AllianceGoalStatus status;
} demo_goals[] = {
  { 0, "Sleep at least six hours on most nights", "2026-02-17", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 0, "Visit the grave with my sister", "2026-02-17", ALLIANCE_GOAL_STATUS_ACHIEVED },
  { 1, "Take the metro to work twice a week", "2025-12-01", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 1, "Reduce avoidance of crowded places", "2025-12-01", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 3, "Leave work by 6 pm four days a week", "2025-09-22", ALLIANCE_GOAL_STATUS_ACHIEVED },
  { 3, "Talk to my manager about workload", "2025-09-22", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 4, "Notice early signs of anger and take time out", "2026-01-26", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 6, "Tell one family member how I feel", "2026-06-15", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 8, "Keep to two alcohol-free days a week", "2025-12-15", ALLIANCE_GOAL_STATUS_DROPPED },
  { 8, "Join the walking group", "2025-12-15", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 11, "Return to part-time work", "2025-10-20", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 12, "Use a coping plan instead of self-harm", "2026-09-14", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 16, "Accept a 'good enough' result on one task each week", "2026-03-16", ALLIANCE_GOAL_STATUS_ACTIVE },
  { 24, "Manage panic without leaving the situation", "2025-01-27", ALLIANCE_GOAL_STATUS_ACHIEVED },
};

static char *
demo_phone (guint i)
{
  /* 555-01xx numbers are reserved for fiction. */
  return g_strdup_printf ("+1 613 555 01%02u", i % 100);
}

static char *
ascii_local_part (const char *given)
{
  g_autofree char *ascii = g_str_to_ascii (given, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);

  g_strdelimit (lower, " '", '-');
  return g_steal_pointer (&lower);
}

/* ---------------------------------------------------------------------- */
/* Session history                                                         */

#define DEMO_SIGNER "Dr Sam Rivera"
#define DEMO_HISTORY_SEED 20261127
#define DEMO_MAX_SESSIONS 120      /* per client: keeps a far-future start fast */
#define DEMO_HOLD_WEEKS 6          /* an on-hold client's last session was this long ago */

/* What each client's sessions keep coming back to (parallel to demo_clients). */
static const char *demo_themes[] = {
  "grief", "the panic attacks", "speaking up in seminars", "workload", "anger at home",
  "worry about the baby", "family rejection", "self-worth", "drinking", "flashbacks",
  "the break-up", "pain", "exam pressure", "rumination at night", "eating",
  "grief", "perfectionism", "", "", "",
  "", "", "low mood", "checking", "panic",
  "low mood", "the move", "health worries", "assertiveness", "loneliness",
};

G_STATIC_ASSERT (G_N_ELEMENTS (demo_themes) == G_N_ELEMENTS (demo_clients));

/* Phrases with one %s, the client's theme, or none. */
static const char *subjective_phrases[] = {
  "Reports a difficult week; %s came up several times.",
  "Says sleep has improved a little, about six hours on most nights.",
  "Arrived on time and said they had been looking forward to talking about %s.",
  "Described an argument at home and feeling misunderstood afterwards.",
  "Said the homework felt hard but managed it twice.",
  "Talked about %s and how it affects daily life.",
  "Said they felt « un peu perdu » this week and chose the French words themselves.",
  "Reported using the breathing exercise in a café when anxiety rose, with some success.",
  "Noticed fewer bad days; still avoids situations linked to %s.",
  "Wanted to talk about a friend's comment that stayed with them all week.",
};

static const char *objective_phrases[] = {
  "Appeared tired; speech normal in rate and volume; good eye contact.",
  "Tearful when speaking about %s; settled towards the end.",
  "Alert and engaged; affect brighter than last week.",
  "Restless at first, then more settled.",
  "Casually dressed; described mood as flat, affect congruent.",
  "Smiled more than usual; joked about the weather.",
};

static const char *assessment_phrases[] = {
  "Engagement is good and the alliance feels solid; we agree on the goals.",
  "Some progress towards the agreed goal; avoidance still keeps %s going.",
  "Brief rupture when I moved too quickly to homework; repaired by checking in, and the client agreed to go on.",
  "Mood stable; no new risk concerns raised today.",
  "A pattern of self-criticism around %s; responding well to compassion-focused work.",
  "Ambivalent about change, which makes sense given how long %s has been there.",
};

static const char *plan_phrases[] = {
  "Continue weekly. Homework: sleep diary.",
  "Review goals next session; repeat the PHQ-9 and GAD-7.",
  "Practise the grounding exercise daily and bring one example next week.",
  "Continue weekly; plan together for the break over the holidays.",
  "Next session: look at what keeps %s going, using last week's diary.",
  "Try one small step towards the goal before next week.",
};

static const char *data_phrases[] = {
  "Client spoke about %s and a recent setback; appeared tired but engaged.",
  "Reviewed the week: two good days, one very hard one linked to %s.",
  "Brought the thought record; most entries were about %s.",
  "Discussed the goal agreed last month; reports small, steady changes.",
  "Talked about the thérapeute they saw years ago and what did not help then.",
};

static const char *behaviour_phrases[] = {
  "Arrived early; quiet at first, spoke more once we turned to %s.",
  "Fidgeting and checking the time; said the week had been busy.",
  "Calm and reflective; brought notes from the week.",
  "Came in angry about a letter from work, settled after ten minutes.",
};

static const char *intervention_phrases[] = {
  "Cognitive restructuring of a recent thought: \"I always get it wrong.\"",
  "Graded exposure: built a hierarchy together, starting with the easiest step.",
  "Psychoeducation about the cycle of %s; normalised the response.",
  "Motivational interviewing about change; explored both sides of the ambivalence.",
  "Explored the here-and-now relationship after a moment of withdrawal.",
};

static const char *response_phrases[] = {
  "Engaged well and added two steps of their own.",
  "Found it helpful; said \"c'est logique\" and smiled.",
  "Sceptical at first, then curious; agreed to try once.",
  "Became quiet; we slowed down and they said the pace felt better.",
};

static const char *process_phrases[] = {
  "I noticed feeling protective; bring to supervision.",
  "Felt rushed today; check whether the client noticed.",
  "Some déjà vu: this session echoed the one in the spring.",
  "",
  "",
  "",
};

static const char *addendum_phrases[] = {
  "Correction: the homework agreed was a sleep diary, not a thought record.",
  "Late entry: the client telephoned the next day to say the session had helped.",
  "Correction: the next session is in two weeks, not one, because of the client's holiday.",
  "Addendum: discussed in supervision; plan unchanged.",
};

static const char *
pick (GRand        *rand,
      const char  **phrases,
      guint         n_phrases)
{
  return phrases[g_rand_int_range (rand, 0, (gint32)n_phrases)];
}

#define PICK(rand, phrases) pick ((rand), (phrases), G_N_ELEMENTS (phrases))

/* A phrase with the theme put in; "it" when the client has none. */
static char *
phrase_about (const char *phrase,
              const char *theme)
{
  const char *mark = strstr (phrase, "%s");
  GString *out = g_string_new (NULL);

  if (mark == NULL)
    return g_string_free (g_string_append (out, phrase), FALSE);
  g_string_append_len (out, phrase, mark - phrase);
  g_string_append (out, theme[0] ? theme : "it");
  g_string_append (out, mark + 2);
  return g_string_free (out, FALSE);
}

static void
fill_note (AllianceNote *note,
           GRand        *rand,
           const char   *theme)
{
  const char **banks[4] = { NULL };
  guint sizes[4] = { 0 };

  switch (note->template_id)
    {
    case ALLIANCE_NOTE_TEMPLATE_SOAP:
      banks[0] = subjective_phrases, sizes[0] = G_N_ELEMENTS (subjective_phrases);
      banks[1] = objective_phrases, sizes[1] = G_N_ELEMENTS (objective_phrases);
      banks[2] = assessment_phrases, sizes[2] = G_N_ELEMENTS (assessment_phrases);
      banks[3] = plan_phrases, sizes[3] = G_N_ELEMENTS (plan_phrases);
      break;
    case ALLIANCE_NOTE_TEMPLATE_DAP:
      banks[0] = data_phrases, sizes[0] = G_N_ELEMENTS (data_phrases);
      banks[1] = assessment_phrases, sizes[1] = G_N_ELEMENTS (assessment_phrases);
      banks[2] = plan_phrases, sizes[2] = G_N_ELEMENTS (plan_phrases);
      break;
    case ALLIANCE_NOTE_TEMPLATE_BIRP:
      banks[0] = behaviour_phrases, sizes[0] = G_N_ELEMENTS (behaviour_phrases);
      banks[1] = intervention_phrases, sizes[1] = G_N_ELEMENTS (intervention_phrases);
      banks[2] = response_phrases, sizes[2] = G_N_ELEMENTS (response_phrases);
      banks[3] = plan_phrases, sizes[3] = G_N_ELEMENTS (plan_phrases);
      break;
    case ALLIANCE_NOTE_TEMPLATE_FREE:
    default:
      {
        g_autofree char *first = phrase_about (PICK (rand, subjective_phrases), theme);
        g_autofree char *second = phrase_about (PICK (rand, assessment_phrases), theme);
        g_autofree char *third = phrase_about (PICK (rand, plan_phrases), theme);

        g_free (note->sections[0]);
        note->sections[0] = g_strdup_printf ("%s %s\n\n%s", first, second, third);
      }
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (banks) && banks[i] != NULL; i++)
    {
      g_free (note->sections[i]);
      note->sections[i] = phrase_about (pick (rand, banks[i], sizes[i]), theme);
    }

  g_free (note->process_note);
  note->process_note = g_strdup (PICK (rand, process_phrases));
}

static gboolean
is_holiday (const GDate *date)
{
  /* The therapist's winter break. */
  return (g_date_get_month (date) == G_DATE_DECEMBER && g_date_get_day (date) >= 22) ||
         (g_date_get_month (date) == G_DATE_JANUARY && g_date_get_day (date) <= 3);
}

static AllianceAttendance
pick_attendance (GRand       *rand,
                 const GDate *date,
                 guint        n,
                 guint        n_sessions,
                 guint        client)
{
  int roll;

  if (n == 0)
    return ALLIANCE_ATTENDANCE_ATTENDED;          /* the assessment */
  if (is_holiday (date))
    return ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST;
  /* Mateo has missed his last two sessions, and not been back since: the
   * missed-sessions flag's example (an attended session ends a run). The
   * three latest draw nothing from @rand, as before, so the other clients'
   * histories stay the same. */
  if (client == 1 && n + 3 == n_sessions)
    return ALLIANCE_ATTENDANCE_ATTENDED;
  if (client == 1 && n + 2 == n_sessions)
    return ALLIANCE_ATTENDANCE_LATE_CANCELLED;
  if (client == 1 && n + 1 == n_sessions)
    return ALLIANCE_ATTENDANCE_NO_SHOW;
  if (n + 1 == n_sessions)
    return ALLIANCE_ATTENDANCE_ATTENDED;          /* the latest, to write up */

  roll = g_rand_int_range (rand, 0, 100);
  if (roll < 5)
    return ALLIANCE_ATTENDANCE_CANCELLED;
  if (roll < 8)
    return ALLIANCE_ATTENDANCE_LATE_CANCELLED;
  if (roll < 11)
    return ALLIANCE_ATTENDANCE_NO_SHOW;
  if (roll < 12)
    return ALLIANCE_ATTENDANCE_CANCELLED_BY_THERAPIST;
  return ALLIANCE_ATTENDANCE_ATTENDED;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint)g_date_get_year (date), (guint)g_date_get_month (date),
                          (guint)g_date_get_day (date));
}

typedef struct
{
  gint64             id;
  AllianceAttendance attendance;
} DemoSession;

/* ---------------------------------------------------------------------- */
/* Ratings                                                                 */

/* Ratings have a generator of their own, so that adding or changing them
 * leaves the sessions and notes of a given date exactly as they were. */
#define DEMO_RATINGS_SEED 20261201

typedef enum
{
  COURSE_NONE,
  COURSE_IMPROVE,   /* a reliable improvement by the latest administration */
  COURSE_STALL,     /* a point or two better, not reliably */
  COURSE_WORSEN,    /* a reliable deterioration */
} DemoCourse;

/* What each flag's example looks like at the end of the history. */
typedef enum
{
  STORY_NONE,
  STORY_BELOW_CUTOFF,        /* the alliance stays below 24 of 30 */
  STORY_DROP,                /* the latest check 3+ points below the one before */
  STORY_ITEM_LOW,            /* one item of the latest check at 5 of 10 */
  STORY_NOT_MEASURED,        /* no check in the last four sessions */
  STORY_CALIBRATION,         /* the therapist predicts 3+ points too high */
  STORY_RUPTURE_UNREPAIRED,  /* a withdrawal, a repair tried but not resolved */
  STORY_RUPTURE_REPAIRED,    /* a confrontation, resolved the week after */
  STORY_RUPTURE_SAME_DAY,    /* a withdrawal noticed and resolved in the session */
  STORY_BOUNDARY,            /* out-of-session contact in the last weeks */
  STORY_RISK,                /* PHQ-9 item 9 answered 1 a few weeks ago */
  STORY_LIFE,                /* a life event that colours the sessions after it */
  STORY_OLD_BOUNDARY,        /* an overrun long ago, discussed in supervision */
} DemoStory;

typedef struct
{
  int         alliance_start;   /* Alliance check total at the first session… */
  int         alliance_end;     /* …and by the latest */
  int         prediction_bias;  /* how much the therapist tends to overestimate */
  DemoCourse  phq9;
  int         phq9_start;
  DemoCourse  gad7;
  int         gad7_start;
  gboolean    wai_sr;           /* every sixth session */
  DemoStory   story;
} DemoRatingPlan;

/* Parallel to demo_clients; clients never seen have no ratings. */
static const DemoRatingPlan demo_rating_plans[] = {
  /* Zoë */       { 21, 28, 1, COURSE_IMPROVE, 17, COURSE_NONE, 0, FALSE, STORY_NONE },
  /* Mateo */     { 22, 27, 1, COURSE_NONE, 0, COURSE_IMPROVE, 15, FALSE, STORY_NONE },
  /* Aoife */     { 20, 26, 1, COURSE_NONE, 0, COURSE_IMPROVE, 14, FALSE, STORY_NONE },
  /* Kate */      { 22, 25, 1, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_CALIBRATION },
  /* J-B */       { 20, 26, 0, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_RUPTURE_REPAIRED },
  /* Siobhán */   { 23, 27, 1, COURSE_NONE, 0, COURSE_WORSEN, 7, FALSE, STORY_LIFE },
  /* Alex */      { 21, 26, 1, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_RUPTURE_UNREPAIRED },
  /* Minh */      { 20, 25, 1, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_ITEM_LOW },
  /* Björn */     { 22, 26, 1, COURSE_STALL, 14, COURSE_NONE, 0, FALSE, STORY_NONE },
  /* Fatima */    { 21, 26, 1, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_NOT_MEASURED },
  /* Seun */      { 23, 28, 0, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_NONE },
  /* François */  { 18, 22, 1, COURSE_IMPROVE, 18, COURSE_NONE, 0, FALSE, STORY_BELOW_CUTOFF },
  /* Maria */     { 20, 26, 1, COURSE_IMPROVE, 15, COURSE_NONE, 0, FALSE, STORY_RISK },
  /* Ólafur */    { 21, 28, 1, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_DROP },
  /* Chloé */     { 21, 26, 1, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_BOUNDARY },
  /* Hiroshi */   { 24, 29, 1, COURSE_NONE, 0, COURSE_NONE, 0, TRUE, STORY_LIFE },
  /* Priya */     { 22, 28, 1, COURSE_NONE, 0, COURSE_IMPROVE, 12, TRUE, STORY_RUPTURE_SAME_DAY },
  /* Ana */       { 0, },
  /* Tomás */     { 0, },
  /* Sophie */    { 0, },
  /* Ewa */       { 0, },
  /* Rafael */    { 0, },
  /* Léa */       { 21, 27, 1, COURSE_IMPROVE, 16, COURSE_NONE, 0, TRUE, STORY_NONE },
  /* Dmitri */    { 20, 25, 0, COURSE_NONE, 0, COURSE_IMPROVE, 13, FALSE, STORY_NONE },
  /* Grace */     { 22, 29, 1, COURSE_NONE, 0, COURSE_IMPROVE, 15, FALSE, STORY_NONE },
  /* William */   { 21, 28, 1, COURSE_IMPROVE, 17, COURSE_NONE, 0, FALSE, STORY_OLD_BOUNDARY },
  /* Inès */      { 23, 27, 1, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_NONE },
  /* Lukas */     { 22, 27, 1, COURSE_NONE, 0, COURSE_IMPROVE, 13, FALSE, STORY_NONE },
  /* Émilie */    { 23, 28, 1, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_NONE },
  /* Ji-woo */    { 22, 26, 1, COURSE_NONE, 0, COURSE_NONE, 0, FALSE, STORY_NONE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (demo_rating_plans) == G_N_ELEMENTS (demo_clients));

typedef struct
{
  AllianceRatingStore   *store;
  const AllianceMeasure *check;
  const AllianceMeasure *prediction;
  const AllianceMeasure *reflection;
  const AllianceMeasure *wai_sr;
  const AllianceMeasure *phq9;
  const AllianceMeasure *gad7;
} DemoRatings;

static gboolean
demo_ratings_init (DemoRatings       *ratings,
                   AllianceDatabase  *database,
                   GError           **error)
{
  ratings->store = alliance_rating_store_new (database);
  return (ratings->check = alliance_rating_store_get_current_measure (ratings->store, ALLIANCE_MEASURE_ALLIANCE_CHECK, error)) &&
         (ratings->prediction = alliance_rating_store_get_current_measure (ratings->store, ALLIANCE_MEASURE_THERAPIST_PREDICTION, error)) &&
         (ratings->reflection = alliance_rating_store_get_current_measure (ratings->store, ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION, error)) &&
         (ratings->wai_sr = alliance_rating_store_get_current_measure (ratings->store, ALLIANCE_MEASURE_WAI_SR, error)) &&
         (ratings->phq9 = alliance_rating_store_get_current_measure (ratings->store, ALLIANCE_MEASURE_PHQ9, error)) &&
         (ratings->gad7 = alliance_rating_store_get_current_measure (ratings->store, ALLIANCE_MEASURE_GAD7, error));
}

static void
demo_ratings_clear (DemoRatings *ratings)
{
  g_clear_object (&ratings->store);
}

/* Spreads @total over @n items of @min…@max as evenly as it goes, then
 * moves a point between two items @n_moves times, so the answers look
 * like someone's rather than a formula's. */
static void
split_total (int   *values,
             guint  n,
             int    total,
             int    min,
             int    max,
             guint  n_moves,
             GRand *rand)
{
  guint offset = (guint)g_rand_int_range (rand, 0, (gint32)n);
  int extra;

  total = CLAMP (total, (int)n * min, (int)n * max);
  extra = total % (int)n;
  for (guint i = 0; i < n; i++)
    values[i] = total / (int)n;
  for (int i = 0; i < extra; i++)
    values[(offset + (guint)i) % n]++;

  for (guint m = 0; m < n_moves; m++)
    {
      guint from = (guint)g_rand_int_range (rand, 0, (gint32)n);
      guint to = (guint)g_rand_int_range (rand, 0, (gint32)n);

      if (from != to && values[from] > min && values[to] < max)
        {
          values[from]--;
          values[to]++;
        }
    }
}

/* A course's total at @progress (0 the first session, 1 the latest). */
static int
course_total (DemoCourse  course,
              int         start,
              double      progress,
              GRand      *rand)
{
  int end = course == COURSE_IMPROVE ? MAX (start - 9, 2)
          : course == COURSE_STALL   ? start - 2
          : course == COURSE_WORSEN  ? start + 8
                                     : start;

  return (int)(start + (end - start) * progress + 0.5) + g_rand_int_range (rand, -1, 2);
}

static gboolean
save_administration (DemoRatings            *ratings,
                     const AllianceMeasure  *measure,
                     gint64                  client_id,
                     gint64                  session_id,
                     const int              *values,
                     GError                **error)
{
  g_autoptr(AllianceAdministration) administration = alliance_administration_new (client_id, session_id, measure);

  memcpy (administration->values, values, administration->n_values * sizeof (int));
  return alliance_rating_store_save_administration (ratings->store, administration, error);
}

static gboolean
save_event (DemoRatings           *ratings,
            AllianceSessionEvent  *event,
            const char            *note,
            GError               **error)
{
  g_free (event->note);
  event->note = g_strdup (note);
  return alliance_rating_store_save_event (ratings->store, event, error);
}

/* PHQ-9 or GAD-7 answers for @total; PHQ-9's item 9 is 0 unless @risk. */
static gboolean
save_outcome (DemoRatings            *ratings,
              const AllianceMeasure  *measure,
              gint64                  client_id,
              gint64                  session_id,
              int                     total,
              int                     risk,
              GRand                  *rand,
              GError                **error)
{
  int values[9] = { 0, };
  guint n_items = alliance_measure_get_n_items (measure);

  g_return_val_if_fail (n_items <= G_N_ELEMENTS (values), FALSE);
  if (measure == ratings->phq9)
    {
      split_total (values, n_items - 1, total - risk, 0, 3, 2, rand);
      values[n_items - 1] = risk;
    }
  else
    split_total (values, n_items, total, 0, 3, 2, rand);
  return save_administration (ratings, measure, client_id, session_id, values, error);
}

/* For each attended session: the therapist's prediction first (before the
 * client's rating, as the calibration gap requires), then the client's
 * Alliance check and WAI-SR, the therapist's reflection, and now and then
 * the PHQ-9 or GAD-7; events where the client's story has them. Positions
 * counted from the latest session put each flag's example near today,
 * whatever today is. */
static gboolean
add_client_ratings (DemoRatings  *ratings,
                    guint         client,
                    gint64        client_id,
                    GArray       *made,
                    GError      **error)
{
  const DemoRatingPlan *plan = &demo_rating_plans[client];
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_RATINGS_SEED + client);
  g_autoptr(GArray) attended = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 rupture_id = 0;
  int previous_total = -1;
  guint n;

  if (plan->alliance_start == 0)
    return TRUE;

  for (guint i = 0; i < made->len; i++)
    if (g_array_index (made, DemoSession, i).attendance == ALLIANCE_ATTENDANCE_ATTENDED)
      g_array_append_val (attended, g_array_index (made, DemoSession, i).id);
  n = attended->len;

  for (guint k = 0; k < n; k++)
    {
      gint64 session_id = g_array_index (attended, gint64, k);
      guint from_end = n - 1 - k;
      double progress = n > 1 ? (double)k / (n - 1) : 1.0;
      /* The alliance firms up early and then levels off. */
      double settled = progress < 0.5 ? progress * 1.6 : 0.8 + (progress - 0.5) * 0.4;
      gboolean outcome_due = k == 0 || from_end % 4 == 0;
      gboolean rated = from_end < 3 || g_rand_int_range (rand, 0, 100) >= 7;
      int total = (int)(plan->alliance_start + (plan->alliance_end - plan->alliance_start) * settled + 0.5) +
                  g_rand_int_range (rand, -1, 2);
      int gap = plan->prediction_bias + g_rand_int_range (rand, -1, 2);
      int check[3], prediction, reflection[5], wai[12];

      /* Events of the session, and how they show in its ratings. */
      switch (plan->story)
        {
        case STORY_RUPTURE_REPAIRED:
          if (k == n / 2 && n >= 4)
            {
              g_autoptr(AllianceSessionEvent) rupture = alliance_session_event_new (session_id, ALLIANCE_EVENT_RUPTURE);

              rupture->rupture_type = ALLIANCE_RUPTURE_CONFRONTATION;
              rupture->intensity = 2;
              if (!save_event (ratings, rupture, "Angry that the homework felt like school; "
                               "said the sessions were a waste of time.", error))
                return FALSE;
              rupture_id = rupture->id;
              total -= 4;
              rated = TRUE;
            }
          else if (rupture_id != 0)
            {
              g_autoptr(AllianceSessionEvent) repair = alliance_session_event_new (session_id, ALLIANCE_EVENT_REPAIR);

              repair->strategy = ALLIANCE_REPAIR_ACKNOWLEDGE_OWN_PART;
              repair->resolved = TRUE;
              repair->rupture_id = rupture_id;
              if (!save_event (ratings, repair, "I said I had pushed the homework too hard; "
                               "we agreed to choose tasks together.", error))
                return FALSE;
              rupture_id = 0;
              total -= 1;
            }
          break;

        case STORY_RUPTURE_SAME_DAY:
          if (k == n * 2 / 3 && n >= 4)
            {
              g_autoptr(AllianceSessionEvent) rupture = alliance_session_event_new (session_id, ALLIANCE_EVENT_RUPTURE);
              g_autoptr(AllianceSessionEvent) repair = NULL;

              rupture->rupture_type = ALLIANCE_RUPTURE_WITHDRAWAL;
              rupture->intensity = 1;
              if (!save_event (ratings, rupture, "Went quiet and agreed with everything.", error))
                return FALSE;
              repair = alliance_session_event_new (session_id, ALLIANCE_EVENT_REPAIR);
              repair->strategy = ALLIANCE_REPAIR_METACOMMUNICATION;
              repair->resolved = TRUE;
              repair->rupture_id = rupture->id;
              if (!save_event (ratings, repair, "Named the change between us; she said she felt judged "
                               "for an unfinished task, and we talked it through.", error))
                return FALSE;
              total -= 1;
            }
          break;

        case STORY_RUPTURE_UNREPAIRED:
          if (from_end == 2)
            {
              g_autoptr(AllianceSessionEvent) rupture = alliance_session_event_new (session_id, ALLIANCE_EVENT_RUPTURE);

              rupture->rupture_type = ALLIANCE_RUPTURE_WITHDRAWAL;
              rupture->intensity = 2;
              if (!save_event (ratings, rupture, "Short answers after we talked about the family visit; "
                               "changed the subject twice.", error))
                return FALSE;
              rupture_id = rupture->id;
              total -= 2;
            }
          else if (from_end == 1 && rupture_id != 0)
            {
              g_autoptr(AllianceSessionEvent) repair = alliance_session_event_new (session_id, ALLIANCE_EVENT_REPAIR);

              repair->strategy = ALLIANCE_REPAIR_VALIDATE;
              repair->resolved = FALSE;
              repair->rupture_id = rupture_id;
              if (!save_event (ratings, repair, "Acknowledged how painful the visit was; "
                               "still guarded, to come back to.", error))
                return FALSE;
              total -= 1;
            }
          break;

        case STORY_BOUNDARY:
        case STORY_OLD_BOUNDARY:
          if ((plan->story == STORY_BOUNDARY && from_end == 1) ||
              (plan->story == STORY_OLD_BOUNDARY && k == n / 3 && n >= 3))
            {
              g_autoptr(AllianceSessionEvent) boundary = alliance_session_event_new (session_id, ALLIANCE_EVENT_BOUNDARY);

              boundary->boundary_kind = plan->story == STORY_BOUNDARY ? ALLIANCE_BOUNDARY_OUT_OF_SESSION_CONTACT
                                                                      : ALLIANCE_BOUNDARY_OVERRUN;
              if (!save_event (ratings, boundary,
                               plan->story == STORY_BOUNDARY
                                 ? "Several messages late in the evening between sessions; replied once."
                                 : "Ran twenty minutes over after difficult news.",
                               error))
                return FALSE;
            }
          break;

        case STORY_LIFE:
          if (k == n / 2 && n >= 4)
            {
              g_autoptr(AllianceSessionEvent) life = alliance_session_event_new (session_id, ALLIANCE_EVENT_LIFE);

              if (!save_event (ratings, life, client == 5 ? "The baby was born, three weeks early."
                                                          : "The anniversary of his wife's death.",
                               error))
                return FALSE;
            }
          break;

        case STORY_BELOW_CUTOFF:
        case STORY_DROP:
        case STORY_ITEM_LOW:
        case STORY_NOT_MEASURED:
        case STORY_CALIBRATION:
        case STORY_RISK:
        case STORY_NONE:
        default:
          break;
        }

      if (plan->story == STORY_NOT_MEASURED && from_end < 4)
        rated = FALSE;   /* the link to the check stopped being sent after the move to video */
      if (plan->story == STORY_DROP && from_end == 0 && previous_total >= 0)
        total = MAX (previous_total - 4, 24);
      if (plan->story == STORY_CALIBRATION && from_end < 3)
        gap = from_end == 1 ? 2 : 3 + (int)from_end % 2;
      total = CLAMP (total, 0, 30);
      prediction = CLAMP (total + gap, 0, 30);

      if (rated)
        {
          if (plan->story == STORY_ITEM_LOW && from_end == 0)
            {
              /* Goals and bond fine; not sure how the work helps. */
              check[0] = 10;
              check[1] = 5;
              check[2] = 10;
              total = 25;
            }
          else
            split_total (check, 3, total, 0, 10, 1, rand);

          split_total (reflection, 5, 5 * CLAMP (total / 6 + (total >= 26), 3, 5) - g_rand_int_range (rand, 0, 3),
                       1, 5, 1, rand);
          if (!save_administration (ratings, ratings->prediction, client_id, session_id, &prediction, error) ||
              !save_administration (ratings, ratings->check, client_id, session_id, check, error))
            return FALSE;
          if (plan->wai_sr && k % 6 == 0)
            {
              split_total (wai, 12, 36 + (int)(20 * settled + 0.5) + g_rand_int_range (rand, -1, 2), 1, 5, 0, rand);
              if (!save_administration (ratings, ratings->wai_sr, client_id, session_id, wai, error))
                return FALSE;
            }
          if (!save_administration (ratings, ratings->reflection, client_id, session_id, reflection, error))
            return FALSE;
          previous_total = total;
        }
      else if (plan->story == STORY_NOT_MEASURED)
        {
          /* The therapist still reflects after each session. */
          split_total (reflection, 5, 20, 1, 5, 1, rand);
          if (!save_administration (ratings, ratings->reflection, client_id, session_id, reflection, error))
            return FALSE;
        }

      if (outcome_due && plan->phq9 != COURSE_NONE &&
          !save_outcome (ratings, ratings->phq9, client_id, session_id,
                         course_total (plan->phq9, plan->phq9_start, progress, rand),
                         plan->story == STORY_RISK && from_end == 4 ? 1 : 0, rand, error))
        return FALSE;
      if (outcome_due && plan->gad7 != COURSE_NONE &&
          !save_outcome (ratings, ratings->gad7, client_id, session_id,
                         course_total (plan->gad7, plan->gad7_start, progress, rand), 0, rand, error))
        return FALSE;
    }

  return TRUE;
}

/* Weekly sessions from the client's start to @today (or discharge), with
 * notes: signed, but for the latest one or two of an active client, which
 * are drafts. */
static gboolean
add_client_history (AllianceSessionStore  *sessions,
                    DemoRatings           *ratings,
                    guint                  client,
                    gint64                 client_id,
                    const GDate           *today,
                    GRand                 *rand,
                    guint                 *n_signed,
                    GError               **error)
{
  const DemoClient *demo = &demo_clients[client];
  const char *theme = demo_themes[client];
  AllianceNoteTemplate template_id = (AllianceNoteTemplate)(client % ALLIANCE_NOTE_N_TEMPLATES);
  g_autoptr(GArray) made = g_array_new (FALSE, FALSE, sizeof (DemoSession));
  GDate first, last, date;
  guint n_sessions, n_attended = 0, n_drafts, seen_attended = 0;
  int hour = 9 + (int)(client * 3 % 9);
  int minute = client % 2 ? 30 : 0;

  if (demo->start == NULL || !alliance_date_parse (demo->start, &first, NULL))
    return TRUE;

  /* Until yesterday, the discharge, or a few weeks ago for a pause. */
  last = *today;
  g_date_subtract_days (&last, 1);
  if (demo->status == ALLIANCE_CLIENT_STATUS_ON_HOLD)
    g_date_subtract_days (&last, 7 * DEMO_HOLD_WEEKS);
  if (demo->discharge != NULL)
    {
      GDate discharge;

      if (alliance_date_parse (demo->discharge, &discharge, NULL) && g_date_compare (&discharge, &last) < 0)
        last = discharge;
    }
  if (g_date_compare (&first, &last) > 0)
    return TRUE;

  n_sessions = (guint)(g_date_days_between (&first, &last) / 7) + 1;
  date = first;
  if (n_sessions > DEMO_MAX_SESSIONS)
    {
      g_date_add_days (&date, 7 * (n_sessions - DEMO_MAX_SESSIONS));
      n_sessions = DEMO_MAX_SESSIONS;
    }

  for (guint n = 0; n < n_sessions; n++, g_date_add_days (&date, 7))
    {
      g_autoptr(AllianceSession) session = alliance_session_new (client_id);
      g_autofree char *day = format_date (&date);
      DemoSession entry;
      int roll = g_rand_int_range (rand, 0, 100);

      session->starts_at = g_strdup_printf ("%s %02d:%02d", day, hour, minute);
      session->attendance = pick_attendance (rand, &date, n, n_sessions, client);
      session->duration_minutes = n == 0 ? 75 : 50;
      /* Fatima and Ji-woo are seen by video; others now and then. */
      session->modality = client == 9 || client == 29 ? ALLIANCE_MODALITY_VIDEO
                          : roll < 6                 ? ALLIANCE_MODALITY_PHONE
                          : roll < 14                ? ALLIANCE_MODALITY_VIDEO
                                                     : ALLIANCE_MODALITY_IN_PERSON;
      /* Jean-Baptiste's partner joins every fifth session. */
      if (client == 4 && n % 5 == 4)
        {
          session->kind = ALLIANCE_SESSION_KIND_COUPLE;
          session->duration_minutes = 80;
        }

      if (!alliance_session_store_save_session (sessions, session, NULL, error))
        return FALSE;
      entry.id = session->id;
      entry.attendance = session->attendance;
      g_array_append_val (made, entry);
      if (entry.attendance == ALLIANCE_ATTENDANCE_ATTENDED)
        n_attended++;

      /* Kate's third session was logged twice; the copy is marked, not deleted. */
      if (client == 3 && n == 2)
        {
          g_autoptr(AllianceSession) duplicate = alliance_session_copy (session);

          duplicate->id = 0;
          if (!alliance_session_store_save_session (sessions, duplicate, NULL, error) ||
              !alliance_session_store_mark_entered_in_error (sessions, duplicate->id,
                                                             "Logged twice by mistake; the session is the one "
                                                             "recorded at the same time.",
                                                             error))
            return FALSE;
        }
    }

  if (!add_client_ratings (ratings, client, client_id, made, error))
    return FALSE;

  n_drafts = demo->status == ALLIANCE_CLIENT_STATUS_ACTIVE ? 1 + client % 2 : 0;

  for (guint n = 0; n < made->len; n++)
    {
      const DemoSession *entry = &g_array_index (made, DemoSession, n);
      g_autoptr(AllianceNote) note = NULL;
      gboolean draft;

      if (entry->attendance != ALLIANCE_ATTENDANCE_ATTENDED)
        continue;
      seen_attended++;
      draft = seen_attended + n_drafts > n_attended;

      /* A few notes were never written. */
      if (!draft && g_rand_int_range (rand, 0, 100) < 6)
        continue;

      note = alliance_note_new (entry->id, template_id);
      fill_note (note, rand, theme);

      if (draft)
        {
          if (!alliance_session_store_save_draft (sessions, note, error))
            return FALSE;
          continue;
        }

      if (!alliance_session_store_sign_note (sessions, note, DEMO_SIGNER, error))
        return FALSE;
      if (++*n_signed % 40 == 7 &&
          !alliance_session_store_add_addendum (sessions, note, PICK (rand, addendum_phrases), DEMO_SIGNER, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_history (AllianceClientStore  *store,
             GArray               *ids,
             const char           *today,
             GError              **error)
{
  g_autoptr(AllianceSessionStore) sessions = alliance_session_store_new (alliance_client_store_get_database (store));
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_HISTORY_SEED);
  DemoRatings ratings = { NULL, };
  guint n_signed = 0;
  gboolean ok = TRUE;
  GDate today_date;

  if (!alliance_date_parse (today, &today_date, error))
    return FALSE;
  if (!demo_ratings_init (&ratings, alliance_client_store_get_database (store), error))
    {
      demo_ratings_clear (&ratings);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    {
      AllianceClientStatus status = demo_clients[i].status;

      if (status != ALLIANCE_CLIENT_STATUS_ACTIVE && status != ALLIANCE_CLIENT_STATUS_ON_HOLD &&
          status != ALLIANCE_CLIENT_STATUS_DISCHARGED)
        continue;
      if (!add_client_history (sessions, &ratings, i, g_array_index (ids, gint64, i), &today_date, rand,
                               &n_signed, error))
        {
          ok = FALSE;
          break;
        }
    }
  demo_ratings_clear (&ratings);
  return ok;
}

/* ---------------------------------------------------------------------- */
/* Supervision                                                             */

#define DEMO_SUPERVISOR "Dr Ana Ruiz"
#define DEMO_SUPERVISION_DAYS_AGO 30   /* the last supervision, about a month before today */

/* The clients discussed at the last supervision, with the supervisor's
 * recommendations; done_after: days after the meeting an item was done,
 * 0 while it is open. */
static const struct
{
  guint       client;
  const char *question;
  const char *discussion;
  gboolean    excerpt;      /* quote the first sentence of the latest signed note */
  struct
  {
    const char *text;
    int         done_after;
  } items[2];
} demo_discussed[] = {
  { 4, "How do I keep homework from feeling like school again after the rupture?",
    "Choose tasks together and ask how the session went at the end of each one; the repair held.", TRUE,
    { { "Ask for feedback on the session at the end of each meeting", 7 }, { NULL, 0 } } },
  { 8, "The PHQ-9 has stalled around 14: should the approach change?",
    "Bring the drinking into the formulation rather than treating it as a separate goal.", FALSE,
    { { "Review the formulation with him, including alcohol use", 0 },
      { "Offer information about the local alcohol service", 14 } } },
  { 12, "Is the coping plan enough, given the self-harm history?",
    "Keep a brief risk review in every session and share the plan with the school nurse, with consent.", FALSE,
    { { "Revisit the coping plan and the risk review together", 0 }, { NULL, 0 } } },
};

/* The open agenda: two flagged clients (an unrepaired rupture, a boundary
 * event) and the question for each. */
static const struct
{
  guint       client;
  const char *question;
} demo_agenda[] = {
  { 6, "How do I come back to the family visit without pushing?" },
  { 14, "How should I answer messages between sessions from now on?" },
};

/* Whether client @client had started by @date ("YYYY-MM-DD"). */
static gboolean
demo_started_by (guint       client,
                 const char *date)
{
  return demo_clients[client].start != NULL && strcmp (demo_clients[client].start, date) <= 0;
}

/* The first sentence of the first section of the client's latest signed
 * note before @date, or NULL: an excerpt as the therapist chose it. */
static gboolean
find_excerpt (AllianceSessionStore  *sessions,
              gint64                 client_id,
              const char            *date,
              gint64                *note_id,
              char                 **text,
              GError               **error)
{
  AllianceDatabase *database = alliance_session_store_get_database (sessions);
  g_autoptr(AllianceStatement) stmt = NULL;
  g_autoptr(AllianceNote) note = NULL;
  const char *end;
  gboolean found;
  gint64 session_id;

  *text = NULL;
  stmt = alliance_database_prepare (database,
                                    "SELECT s.id FROM sessions s JOIN notes n ON n.session_id = s.id "
                                    "WHERE s.client_id = ?1 AND n.signed_at IS NOT NULL AND s.starts_at < ?2 "
                                    "ORDER BY s.starts_at DESC LIMIT 1",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  alliance_statement_bind_text (stmt, 2, date);
  if (!alliance_database_step_row (database, stmt, &found, error))
    return FALSE;
  if (!found)
    return TRUE;
  session_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, alliance_statement_release);

  note = alliance_session_store_load_note (sessions, session_id, error);
  if (note == NULL)
    return FALSE;
  end = strchr (note->sections[0], '.');
  *note_id = note->id;
  *text = end != NULL ? g_strndup (note->sections[0], (gsize)(end - note->sections[0] + 1))
                      : g_strdup (note->sections[0]);
  return TRUE;
}

static char *
demo_date_plus (const char *date,
                int         days)
{
  GDate d;

  if (!alliance_date_parse (date, &d, NULL))
    return NULL;
  if (days >= 0)
    g_date_add_days (&d, (guint)days);
  else
    g_date_subtract_days (&d, (guint)-days);
  return format_date (&d);
}

/* A signed supervision meeting about a month before @today, with an item
 * done and others open, then the open agenda of the next one. */
static gboolean
add_supervision (AllianceClientStore  *store,
                 GArray               *ids,
                 const char           *today,
                 GError              **error)
{
  AllianceDatabase *database = alliance_client_store_get_database (store);
  g_autoptr(AllianceSupervisionStore) supervision = alliance_supervision_store_new (database);
  g_autoptr(AllianceSessionStore) sessions = alliance_session_store_new (database);
  g_autoptr(AllianceMeeting) meeting = NULL;
  g_autoptr(AllianceMeeting) agenda = NULL;
  g_autofree char *date = demo_date_plus (today, -DEMO_SUPERVISION_DAYS_AGO);

  meeting = alliance_meeting_new (date);
  g_free (meeting->supervisor);
  meeting->supervisor = g_strdup (DEMO_SUPERVISOR);
  meeting->format = ALLIANCE_SUPERVISION_INDIVIDUAL;
  meeting->period_start = demo_date_plus (date, -28);
  meeting->period_end = demo_date_plus (date, -1);
  g_free (meeting->notes);
  meeting->notes = g_strdup ("Monthly supervision. Reviewed the flagged clients and the caseload size.");

  for (guint i = 0; i < G_N_ELEMENTS (demo_discussed); i++)
    {
      gint64 client_id = g_array_index (ids, gint64, demo_discussed[i].client);
      AllianceSupervisionDiscussion *discussion;

      if (!demo_started_by (demo_discussed[i].client, date))
        continue;
      discussion = alliance_meeting_add_discussion (meeting, client_id);
      g_free (discussion->question);
      discussion->question = g_strdup (demo_discussed[i].question);
      g_free (discussion->discussion);
      discussion->discussion = g_strdup (demo_discussed[i].discussion);
      if (demo_discussed[i].excerpt)
        {
          g_autofree char *text = NULL;
          gint64 note_id = 0;

          if (!find_excerpt (sessions, client_id, date, &note_id, &text, error))
            return FALSE;
          if (text != NULL)
            g_ptr_array_add (discussion->excerpts, alliance_supervision_excerpt_new (note_id, text));
        }
      for (guint j = 0; j < G_N_ELEMENTS (demo_discussed[i].items) && demo_discussed[i].items[j].text; j++)
        g_ptr_array_add (discussion->action_items, alliance_action_item_new (client_id, demo_discussed[i].items[j].text));
    }

  if (!alliance_supervision_store_sign_meeting (supervision, meeting, DEMO_SIGNER, NULL, error))
    return FALSE;

  /* Marked done on the client page after the meeting, as a therapist would. */
  for (guint i = 0, d = 0; i < G_N_ELEMENTS (demo_discussed) && d < meeting->discussions->len; i++)
    {
      AllianceSupervisionDiscussion *discussion = g_ptr_array_index (meeting->discussions, d);

      if (discussion->client_id != g_array_index (ids, gint64, demo_discussed[i].client))
        continue;
      d++;
      for (guint j = 0; j < discussion->action_items->len; j++)
        {
          AllianceActionItem *item = g_ptr_array_index (discussion->action_items, j);
          g_autofree char *done_on = NULL;

          if (demo_discussed[i].items[j].done_after == 0)
            continue;
          done_on = demo_date_plus (date, demo_discussed[i].items[j].done_after);
          if (strcmp (done_on, today) < 0 &&
              !alliance_supervision_store_set_action_item_done (supervision, item->id, done_on, error))
            return FALSE;
        }
    }

  agenda = alliance_supervision_store_ensure_agenda (supervision, today, error);
  if (agenda == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (demo_agenda); i++)
    {
      AllianceSupervisionDiscussion *discussion;

      if (!demo_started_by (demo_agenda[i].client, today))
        continue;
      discussion = alliance_meeting_add_discussion (agenda, g_array_index (ids, gint64, demo_agenda[i].client));
      g_free (discussion->question);
      discussion->question = g_strdup (demo_agenda[i].question);
    }
  return alliance_supervision_store_save_meeting (supervision, agenda, NULL, error);
}

static gboolean populate (AllianceClientStore  *store,
                          const char           *today,
                          GError              **error);

/**
 * alliance_demo_populate:
 *
 * Fills an empty database with the sample caseload, in one transaction:
 * clients, goals, for every client in therapy a weekly history up to
 * today, with notes, and a signed supervision meeting a month ago with the
 * open agenda of the next one.
 */
gboolean
alliance_demo_populate (AllianceClientStore  *store,
                        GError              **error)
{
  g_autofree char *today = alliance_date_today ();

  return alliance_demo_populate_as_of (store, today, error);
}

/**
 * alliance_demo_populate_as_of:
 * @today: "YYYY-MM-DD": sessions run up to the day before
 *
 * alliance_demo_populate() with a fixed "today": the same date always
 * gives the same sample data, byte for byte (timestamps apart).
 */
gboolean
alliance_demo_populate_as_of (AllianceClientStore  *store,
                              const char           *today,
                              GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (store), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  return populate (store, today, error);
}

/**
 * alliance_demo_populate_caseload:
 *
 * Only the sample clients and their goals, without sessions: for tests of
 * the caseload, which would otherwise pay for months of notes each time.
 */
gboolean
alliance_demo_populate_caseload (AllianceClientStore  *store,
                                 GError              **error)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (store), FALSE);

  return populate (store, NULL, error);
}

/* With @today NULL, the history is left out. */
static gboolean
populate (AllianceClientStore  *store,
          const char           *today,
          GError              **error)
{
  AllianceDatabase *database = alliance_client_store_get_database (store);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!alliance_database_begin (database, error))
    return FALSE;
  /* One audit row for the whole sample, not one per invented record. */
  if (!alliance_audit_log_batch (database, ALLIANCE_AUDIT_IMPORT, "sample_data", error))
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    {
      const DemoClient *demo = &demo_clients[i];
      g_autoptr(AllianceClient) client = alliance_client_new ();
      g_autofree char *local = ascii_local_part (demo->given);

      client->given_name = g_strdup (demo->given);
      client->family_name = g_strdup (demo->family);
      client->preferred_name = g_strdup (demo->preferred);
      client->pronouns = g_strdup (demo->pronouns);
      client->date_of_birth = g_strdup (demo->birth);
      client->status = demo->status;
      client->start_date = g_strdup (demo->start);
      client->discharge_date = g_strdup (demo->discharge);
      client->discharge_reason = demo->discharge ? g_strdup ("Goals met; agreed ending.") : NULL;
      client->referral_source = g_strdup (demo->referral);
      client->presenting_concerns = g_strdup (demo->concerns);
      client->phone = demo_phone (i);
      client->email = g_strdup_printf ("%s@example.org", local);
      client->emergency_name = g_strdup (i % 3 == 0 ? "Sam Rivera" : i % 3 == 1 ? "Alex Morgan" : "Chris Taylor");
      client->emergency_relationship = g_strdup (i % 2 ? "Partner" : "Sibling");
      client->emergency_phone = demo_phone (i + 50);
      client->archived = demo->archived;

      if (!alliance_client_store_save (store, client, NULL, error))
        goto failed;
      g_array_append_val (ids, client->id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_goals); i++)
    {
      g_autoptr(AllianceGoal) goal = alliance_goal_new (g_array_index (ids, gint64, demo_goals[i].client),
                                                        demo_goals[i].description, demo_goals[i].set_on);

      goal->status = demo_goals[i].status;
      if (goal->status != ALLIANCE_GOAL_STATUS_ACTIVE)
        goal->reviewed_on = g_strdup ("2026-06-29");
      if (!alliance_client_store_save_goal (store, goal, error))
        goto failed;
    }

  if (today != NULL && (!add_history (store, ids, today, error) || !add_supervision (store, ids, today, error)))
    goto failed;

  return alliance_database_commit (database, error);

failed:
  alliance_database_rollback (database);
  return FALSE;
}

static const char *given_names[] = {
  "Olivia", "Noah", "Amelia", "Liam", "Zoë", "Mateo", "Aoife", "Yusuf", "Chloé", "Hiroshi",
  "Priya", "Björn", "Fatima", "Ólafur", "Ana", "Tomás", "Ewa", "Léa", "Dmitri", "Grace",
  "Jean-Luc", "Siobhán", "Kwame", "Mei", "Rafael", "Ingrid", "Arjun", "Nadia", "Connor", "Élodie",
};

static const char *family_names[] = {
  "Smith", "García", "Nguyen", "O'Brien", "Müller", "Kowalski", "Tremblay", "Okafor", "Tanaka", "Åkesson",
  "Lefèvre", "Al-Sayed", "Novák", "Rossi", "Silva", "Ní Bhriain", "Park", "Dubois", "Cohen", "Ivanova",
  "Martin-Lopez", "Haddad", "Schmidt", "Kaur", "Mensah", "Björklund", "Costa", "Fitzgerald", "Yılmaz", "Gagnon",
};

static const char *concerns[] = {
  "Low mood and withdrawal.", "Panic attacks.", "Work stress.", "Grief.", "Relationship difficulties.",
  "Health anxiety.", "Trauma after an assault.", "Insomnia.", "Social anxiety.", "Anger.",
};

/**
 * alliance_demo_generate_caseload:
 * @seed: the same seed gives the same caseload, so runs are comparable
 *
 * Adds @n_clients generated clients in one transaction, for the benchmark.
 */
gboolean
alliance_demo_generate_caseload (AllianceClientStore  *store,
                                 guint                 n_clients,
                                 guint32               seed,
                                 GError              **error)
{
  AllianceDatabase *database = alliance_client_store_get_database (store);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  static const AllianceClientStatus status_mix[] = {
    ACTIVE, ACTIVE, DONE, DONE, DONE, DONE, WAIT, HOLD, ENQ, DONE,
  };

  if (!alliance_database_begin (database, error))
    return FALSE;
  if (!alliance_audit_log_batch (database, ALLIANCE_AUDIT_IMPORT, "sample_data", error))
    {
      alliance_database_rollback (database);
      return FALSE;
    }

  for (guint i = 0; i < n_clients; i++)
    {
      g_autoptr(AllianceClient) client = alliance_client_new ();
      guint birth_year = 1940 + g_rand_int_range (rand, 0, 66);
      guint start_year = 2016 + g_rand_int_range (rand, 0, 10);
      const char *given = given_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_names))];
      g_autofree char *local = ascii_local_part (given);

      client->given_name = g_strdup (given);
      client->family_name = g_strdup (family_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (family_names))]);
      client->status = status_mix[g_rand_int_range (rand, 0, G_N_ELEMENTS (status_mix))];
      client->date_of_birth = g_strdup_printf ("%u-%02d-%02d", birth_year, g_rand_int_range (rand, 1, 13),
                                               g_rand_int_range (rand, 1, 29));
      if (client->status != ENQ && client->status != WAIT)
        client->start_date = g_strdup_printf ("%u-%02d-%02d", start_year, g_rand_int_range (rand, 1, 13),
                                              g_rand_int_range (rand, 1, 29));
      if (client->status == DONE)
        {
          client->discharge_date = g_strdup_printf ("%u-12-%02d", start_year, g_rand_int_range (rand, 1, 29));
          if (g_strcmp0 (client->discharge_date, client->start_date) < 0)
            {
              g_free (client->discharge_date);
              client->discharge_date = g_strdup (client->start_date);
            }
          client->discharge_reason = g_strdup ("Agreed ending.");
          client->archived = g_rand_int_range (rand, 0, 4) == 0;
        }
      client->pronouns = g_strdup ("");
      client->phone = demo_phone (i);
      client->email = g_strdup_printf ("%s.%u@example.org", local, i);
      client->presenting_concerns = g_strdup (concerns[g_rand_int_range (rand, 0, G_N_ELEMENTS (concerns))]);
      client->referral_source = g_strdup ("GP");

      if (!alliance_client_store_save (store, client, NULL, error))
        {
          alliance_database_rollback (database);
          return FALSE;
        }
    }

  return alliance_database_commit (database, error);
}

/**
 * alliance_demo_generate_ratings:
 * @seed: the same seed gives the same ratings for the same sessions
 *
 * Rates the attended sessions already in the database, in one transaction,
 * for the benchmark: on most of them the therapist's prediction and then the
 * client's Alliance check (a course that rises slowly, with noise), and a
 * PHQ-9 every fourth attended session of a client (improving, stalling or
 * worsening). alliance_demo_generate_caseload() writes no sessions: call
 * this after writing them.
 */
gboolean
alliance_demo_generate_ratings (AllianceClientStore  *store,
                                guint32               seed,
                                GError              **error)
{
  AllianceDatabase *database = alliance_client_store_get_database (store);
  sqlite3 *handle = alliance_database_get_handle (database);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  DemoRatings ratings = { NULL, };
  sqlite3_stmt *stmt = NULL;
  gint64 client_id = 0;
  int total = 0, bias = 0, phq9 = 0, phq9_step = 0, step, rc;
  guint k = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (store), FALSE);

  if (!demo_ratings_init (&ratings, database, error) || !alliance_database_begin (database, error))
    {
      demo_ratings_clear (&ratings);
      return FALSE;
    }
  if (!alliance_audit_log_batch (database, ALLIANCE_AUDIT_IMPORT, "sample_data", error))
    goto out;

  if (sqlite3_prepare_v2 (handle,
                          "SELECT id, client_id FROM sessions WHERE attendance = 'attended' "
                          "AND error_reason IS NULL ORDER BY client_id, starts_at, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FAILED, "Could not read the sessions to rate.");
      goto out;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 session_id = sqlite3_column_int64 (stmt, 0);
      int check[3], prediction;

      if (sqlite3_column_int64 (stmt, 1) != client_id)
        {
          /* A new client: where their alliance and their mood start. */
          client_id = sqlite3_column_int64 (stmt, 1);
          k = 0;
          total = g_rand_int_range (rand, 17, 26);
          bias = g_rand_int_range (rand, -1, 3);
          phq9 = g_rand_int_range (rand, 4, 22);
          step = g_rand_int_range (rand, 0, 10);
          phq9_step = step < 6 ? -2 : step < 9 ? 0 : 2;
        }
      else
        k++;

      /* Rises towards 27 with noise. */
      step = g_rand_int_range (rand, 0, 10);
      total += total < 27 && step < 4 ? 1 : step == 9 ? -1 : 0;
      total = CLAMP (total, 0, 30);

      if (g_rand_int_range (rand, 0, 10) != 0)
        {
          /* CLAMP evaluates its argument more than once: draw the noise first. */
          int noise = g_rand_int_range (rand, -1, 2);

          prediction = CLAMP (total + bias + noise, 0, 30);
          split_total (check, 3, total, 0, 10, 1, rand);
          if (!save_administration (&ratings, ratings.prediction, client_id, session_id, &prediction, error) ||
              !save_administration (&ratings, ratings.check, client_id, session_id, check, error))
            goto out;
        }
      if (k % 4 == 0)
        {
          int risk = g_rand_int_range (rand, 0, 100) == 0 ? 1 : 0;

          int noise = g_rand_int_range (rand, -1, 2);

          if (k > 0)
            phq9 = CLAMP (phq9 + phq9_step + noise, 0, 24);
          if (!save_outcome (&ratings, ratings.phq9, client_id, session_id, MAX (phq9, risk), risk, rand, error))
            goto out;
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, ALLIANCE_DATABASE_ERROR, ALLIANCE_DATABASE_ERROR_FAILED, "Could not read the sessions to rate.");
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  demo_ratings_clear (&ratings);
  if (!ok)
    {
      alliance_database_rollback (database);
      return FALSE;
    }
  return alliance_database_commit (database, error);
}
