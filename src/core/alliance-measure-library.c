/* alliance-measure-library.c
 *
 * Texts are kept as English msgids (N_()) and the definitions are marked
 * translatable, so exporting one gives the same file in every language and
 * alliance_measure_translate() shows it in the user's.
 */
#define G_LOG_DOMAIN "alliance-measure-library"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-measure-library.h"

static const char *ids[] = {
  ALLIANCE_MEASURE_ALLIANCE_CHECK,
  ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION,
  ALLIANCE_MEASURE_THERAPIST_PREDICTION,
  ALLIANCE_MEASURE_WAI_SR,
  ALLIANCE_MEASURE_PHQ9,
  ALLIANCE_MEASURE_GAD7,
  NULL,
};

/* Items numbered 1, 2, … with @texts as labels (NULL: no texts, numbers only). */
static void
add_numbered_items (AllianceMeasure    *self,
                    guint               n_items,
                    const char * const *texts,
                    int                 min,
                    int                 max)
{
  for (guint i = 0; i < n_items; i++)
    {
      char id[8];

      g_snprintf (id, sizeof id, "%u", i + 1);
      alliance_measure_add_item (self, id, texts != NULL ? texts[i] : "", min, max, FALSE);
    }
}

static AllianceMeasure *
make_alliance_check (void)
{
  AllianceMeasure *self = alliance_measure_new (ALLIANCE_MEASURE_ALLIANCE_CHECK, N_("Alliance check"),
                                                ALLIANCE_MEASURE_RATER_CLIENT);

  /* After Bordin's model of the alliance: goals, tasks, bond. */
  alliance_measure_add_item (self, "goals", N_("We agree on what I want to work on (goals)"), 0, 10, FALSE);
  alliance_measure_add_item (self, "tasks", N_("We agree on how we are working (tasks)"), 0, 10, FALSE);
  alliance_measure_add_item (self, "bond", N_("I feel understood and I trust my therapist (bond)"), 0, 10, FALSE);
  self->higher_is_better = TRUE;
  self->purpose = ALLIANCE_MEASURE_PURPOSE_ALLIANCE;
  /* A convention, not a validated threshold: ratings of the alliance sit
   * near the top of any scale, so a total under 24 of 30 (an average
   * under 8) is worth talking about, as the SRS uses 36 of 40. */
  alliance_measure_set_cutoff (self, ALLIANCE_MEASURE_CUTOFF_BELOW, 24);
  self->note = g_strdup (N_("Written for Alliance after Bordin’s model of the alliance (goals, tasks, bond). "
                            "It is not a validated instrument: use it as a conversation starter, "
                            "not as a measurement."));
  return self;
}

static AllianceMeasure *
make_relationship_reflection (void)
{
  AllianceMeasure *self = alliance_measure_new (ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION,
                                                N_("Relationship reflection"),
                                                ALLIANCE_MEASURE_RATER_THERAPIST);

  alliance_measure_add_item (self, "trust", N_("Trust"), 1, 5, FALSE);
  alliance_measure_add_item (self, "empathy", N_("Empathy"), 1, 5, FALSE);
  alliance_measure_add_item (self, "collaboration", N_("Collaboration"), 1, 5, FALSE);
  alliance_measure_add_item (self, "consistency", N_("Consistency"), 1, 5, FALSE);
  alliance_measure_add_item (self, "boundaries", N_("Boundaries"), 1, 5, FALSE);
  self->higher_is_better = TRUE;
  self->purpose = ALLIANCE_MEASURE_PURPOSE_REFLECTION;
  self->note = g_strdup (N_("The therapist’s own reflection after the session on five pillars of the "
                            "relationship. Written for Alliance; not a validated instrument."));
  return self;
}

static AllianceMeasure *
make_therapist_prediction (void)
{
  AllianceMeasure *self = alliance_measure_new (ALLIANCE_MEASURE_THERAPIST_PREDICTION,
                                                N_("Therapist’s prediction"),
                                                ALLIANCE_MEASURE_RATER_THERAPIST);

  /* The same range as the Alliance check total (3 items of 0–10). */
  alliance_measure_add_item (self, "predicted-total",
                             N_("The client’s Alliance check total, as you expect it"), 0, 30, FALSE);
  self->higher_is_better = TRUE;
  self->purpose = ALLIANCE_MEASURE_PURPOSE_PREDICTION;
  self->note = g_strdup (N_("Entered before seeing the client’s own rating; the gap between the "
                            "prediction and the client’s Alliance check is tracked over time. "
                            "Written for Alliance; not a validated instrument."));
  return self;
}

static AllianceMeasure *
make_wai_sr (void)
{
  static const char * const task[] = { "1", "2", "10", "12", NULL };
  static const char * const bond[] = { "3", "5", "7", "9", NULL };
  static const char * const goal[] = { "4", "6", "8", "11", NULL };
  AllianceMeasure *self = alliance_measure_new (ALLIANCE_MEASURE_WAI_SR, N_("WAI-SR"),
                                                ALLIANCE_MEASURE_RATER_CLIENT);

  /* Item numbers only: the item texts are copyrighted. */
  add_numbered_items (self, 12, NULL, 1, 5);
  alliance_measure_add_subscale (self, "task", N_("Task"), task);
  alliance_measure_add_subscale (self, "bond", N_("Bond"), bond);
  alliance_measure_add_subscale (self, "goal", N_("Goal"), goal);
  self->higher_is_better = TRUE;
  self->purpose = ALLIANCE_MEASURE_PURPOSE_ALLIANCE;
  self->note = g_strdup (N_("Working Alliance Inventory – Short Revised (Hatcher & Gillaspy, 2006). "
                            "Score entry only: the item texts are copyrighted and are not included. "
                            "Use the official form; permission to use it is obtained through the "
                            "Society for Psychotherapy Research. Answers run from 1 (seldom) to 5 (always)."));
  return self;
}

static AllianceMeasure *
make_phq9 (void)
{
  static const char * const texts[] = {
    N_("Little interest or pleasure in doing things"),
    N_("Feeling down, depressed, or hopeless"),
    N_("Trouble falling or staying asleep, or sleeping too much"),
    N_("Feeling tired or having little energy"),
    N_("Poor appetite or overeating"),
    N_("Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
    N_("Trouble concentrating on things, such as reading the newspaper or watching television"),
    N_("Moving or speaking so slowly that other people could have noticed? Or the opposite — "
       "being so fidgety or restless that you have been moving around a lot more than usual"),
    N_("Thoughts that you would be better off dead or of hurting yourself in some way"),
  };
  AllianceMeasure *self = alliance_measure_new (ALLIANCE_MEASURE_PHQ9, N_("PHQ-9"),
                                                ALLIANCE_MEASURE_RATER_CLIENT);

  add_numbered_items (self, G_N_ELEMENTS (texts), texts, 0, 3);
  alliance_measure_add_band (self, 0, 4, N_("Minimal"));
  alliance_measure_add_band (self, 5, 9, N_("Mild"));
  alliance_measure_add_band (self, 10, 14, N_("Moderate"));
  alliance_measure_add_band (self, 15, 19, N_("Moderately severe"));
  alliance_measure_add_band (self, 20, 27, N_("Severe"));
  alliance_measure_set_reliable_points (self, 6);
  self->higher_is_better = FALSE;
  self->purpose = ALLIANCE_MEASURE_PURPOSE_OUTCOME;
  self->risk_item_id = g_strdup ("9");
  self->note = g_strdup (N_("Patient Health Questionnaire (PHQ-9), developed by Drs. Robert L. Spitzer, "
                            "Janet B. W. Williams, Kurt Kroenke and colleagues, with an educational grant "
                            "from Pfizer Inc. No permission is required to reproduce, translate, display "
                            "or distribute it. Over the last 2 weeks; answers 0 (not at all) to "
                            "3 (nearly every day)."));
  return self;
}

static AllianceMeasure *
make_gad7 (void)
{
  static const char * const texts[] = {
    N_("Feeling nervous, anxious, or on edge"),
    N_("Not being able to stop or control worrying"),
    N_("Worrying too much about different things"),
    N_("Trouble relaxing"),
    N_("Being so restless that it is hard to sit still"),
    N_("Becoming easily annoyed or irritable"),
    N_("Feeling afraid, as if something awful might happen"),
  };
  AllianceMeasure *self = alliance_measure_new (ALLIANCE_MEASURE_GAD7, N_("GAD-7"),
                                                ALLIANCE_MEASURE_RATER_CLIENT);

  add_numbered_items (self, G_N_ELEMENTS (texts), texts, 0, 3);
  alliance_measure_add_band (self, 0, 4, N_("Minimal"));
  alliance_measure_add_band (self, 5, 9, N_("Mild"));
  alliance_measure_add_band (self, 10, 14, N_("Moderate"));
  alliance_measure_add_band (self, 15, 21, N_("Severe"));
  alliance_measure_set_reliable_points (self, 4);
  self->higher_is_better = FALSE;
  self->purpose = ALLIANCE_MEASURE_PURPOSE_OUTCOME;
  self->note = g_strdup (N_("Generalized Anxiety Disorder 7-item scale (GAD-7), developed by Drs. Robert L. "
                            "Spitzer, Janet B. W. Williams, Kurt Kroenke and colleagues, with an educational "
                            "grant from Pfizer Inc. No permission is required to reproduce, translate, "
                            "display or distribute it. Over the last 2 weeks; answers 0 (not at all) to "
                            "3 (nearly every day)."));
  return self;
}

/* A new copy of the built-in definition with this id, or NULL. */
AllianceMeasure *
alliance_measure_library_get (const char *id)
{
  AllianceMeasure *self = NULL;

  if (g_strcmp0 (id, ALLIANCE_MEASURE_ALLIANCE_CHECK) == 0)
    self = make_alliance_check ();
  else if (g_strcmp0 (id, ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION) == 0)
    self = make_relationship_reflection ();
  else if (g_strcmp0 (id, ALLIANCE_MEASURE_THERAPIST_PREDICTION) == 0)
    self = make_therapist_prediction ();
  else if (g_strcmp0 (id, ALLIANCE_MEASURE_WAI_SR) == 0)
    self = make_wai_sr ();
  else if (g_strcmp0 (id, ALLIANCE_MEASURE_PHQ9) == 0)
    self = make_phq9 ();
  else if (g_strcmp0 (id, ALLIANCE_MEASURE_GAD7) == 0)
    self = make_gad7 ();

  if (self != NULL)
    self->translatable = TRUE;
  return self;
}

/* The ids of the built-in definitions, in the order to offer them. */
const char **
alliance_measure_library_get_ids (void)
{
  return ids;
}

/* Every built-in definition, as a new array of AllianceMeasure. */
GPtrArray *
alliance_measure_library_list (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)alliance_measure_free);

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (list, alliance_measure_library_get (ids[i]));
  return list;
}
