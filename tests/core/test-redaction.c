/* test-redaction.c
 *
 * What the redactor masks in note text and what it leaves: each kind of
 * identifier, near misses (scores, measure names, years, ordinary words
 * opening a sentence), tricky known names (words, accents, hyphens,
 * possessives), multi-byte text, the masks applied, and manual spans.
 */
#define G_LOG_DOMAIN "alliance-test-redaction"

#include "config.h"

#include <string.h>

#include "alliance-redaction.h"

static char *
redact (AllianceRedactor *redactor,
        const char       *text)
{
  g_autoptr(GArray) spans = alliance_redactor_detect (redactor, text);

  return alliance_redaction_apply (text, spans);
}

typedef struct
{
  const char *text;
  const char *expected;
} Case;

static void
check_cases (AllianceRedactor *redactor,
             const Case       *cases,
             gsize             n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *masked = redact (redactor, cases[i].text);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (masked, ==, cases[i].expected);
    }
}

/* The single span found in @text, which must be of @kind and cover @what. */
static void
assert_one_span (AllianceRedactor      *redactor,
                 const char            *text,
                 const char            *what,
                 AllianceRedactionKind  kind)
{
  g_autoptr(GArray) spans = alliance_redactor_detect (redactor, text);
  const char *at = strstr (text, what);
  const AllianceRedactionSpan *span;

  g_test_message ("%s", text);
  g_assert_nonnull (at);
  g_assert_cmpuint (spans->len, ==, 1);
  span = &g_array_index (spans, AllianceRedactionSpan, 0);
  g_assert_cmpuint (span->start, ==, (gsize)(at - text));
  g_assert_cmpuint (span->end, ==, (gsize)(at - text) + strlen (what));
  g_assert_cmpint (span->kind, ==, kind);
}

static void
test_emails (void)
{
  g_autoptr(AllianceRedactor) redactor = alliance_redactor_new ();
  static const Case cases[] = {
    { "she wrote from jo.bloggs+notes@example.co.uk last week.",
      "she wrote from [e-mail] last week." },
    { "Contact: J_Smith@mail.example.org.", "Contact: [e-mail]." },
  };

  assert_one_span (redactor, "e-mail sam@example.org today", "sam@example.org",
                   ALLIANCE_REDACTION_EMAIL);
  check_cases (redactor, cases, G_N_ELEMENTS (cases));
}

static void
test_phones (void)
{
  g_autoptr(AllianceRedactor) redactor = alliance_redactor_new ();
  static const Case cases[] = {
    { "call 0113 496 0000 after six", "call [phone] after six" },
    { "mobile +44 (0)7700 900123.", "mobile [phone]." },
    { "tel: 613-555-0142, or (613) 555-0199", "tel: [phone], or [phone]" },
    { "dial 01.23.45.67.89", "dial [phone]" },
    { "+33 6 12 34 56 78 is hers", "[phone] is hers" },
    { "her number is 5550142", "her number is [phone]" },
    /* near misses */
    { "WAI-SR 27/30 today, ORS 31.5", "WAI-SR 27/30 today, ORS 31.5" },
    { "scores 3 4 2 1 0 3 2 on the items", "scores 3 4 2 1 0 3 2 on the items" },
    { "in 2024 and 2025", "in 2024 and 2025" },
    { "ref 123456 only", "ref 123456 only" },
  };

  check_cases (redactor, cases, G_N_ELEMENTS (cases));
  assert_one_span (redactor, "ring 07700 900123 now", "07700 900123", ALLIANCE_REDACTION_PHONE);
}

static void
test_dates (void)
{
  g_autoptr(AllianceRedactor) redactor = alliance_redactor_new ();
  static const Case cases[] = {
    { "seen 2025-03-04 again", "seen [date] again" },
    { "seen 4/3/2025 and 04.03.25 and 4-3-2025", "seen [date] and [date] and [date]" },
    { "born 4 March 2025.", "born [date]." },
    { "due March 4th, 2025 at noon", "due [date] at noon" },
    { "the 4th of March was hard", "the [date] was hard" },
    { "since March 4 she sleeps", "since [date] she sleeps" },
    { "since Sept. 12 she sleeps", "since [date] she sleeps" },
    { "back in March 2024 she", "back in [date] she" },
    { "le 1er mars 2025 et le 14 février", "le [date] et le [date]" },
    { "on 12 Dec she called", "on [date] she called" },
    /* near misses */
    { "in March she called", "in March she called" },
    { "yesterday and last Tuesday", "yesterday and last Tuesday" },
    { "PHQ-9 total 12, GAD-7 9", "PHQ-9 total 12, GAD-7 9" },
    { "married in 1998", "married in 1998" },
    { "27/30 on the WAI-SR", "27/30 on the WAI-SR" },
  };

  assert_one_span (redactor, "on 2025-03-04.", "2025-03-04", ALLIANCE_REDACTION_DATE);
  assert_one_span (redactor, "from 4 March 2025 on", "4 March 2025", ALLIANCE_REDACTION_DATE);
  check_cases (redactor, cases, G_N_ELEMENTS (cases));
}

static void
test_places (void)
{
  g_autoptr(AllianceRedactor) redactor = alliance_redactor_new ();
  static const Case cases[] = {
    { "she moved to Leeds last year", "she moved to [place] last year" },
    { "admitted at St Mary's Hospital overnight", "admitted at [place] overnight" },
    { "admitted at St. Mary's Hospital overnight", "admitted at [place] overnight" },
    { "holiday on the Isle of Wight with friends", "holiday on the [place] with friends" },
    { "came from Leeds on Tuesday", "came from [place] on Tuesday" },
    { "walked into Tesco and left", "walked into [place] and left" },
    { "lives at HG1 2AB, was SW1A 1AA, or K1A 0B1 before", "lives at [place], was [place], or [place] before" },
    /* not places */
    { "on Monday, in May, near the station", "on Monday, in May, near the station" },
    { "referred to CBT by her GP", "referred to CBT by her GP" },
  };

  assert_one_span (redactor, "she grew up near Hebden Bridge.", "Hebden Bridge",
                   ALLIANCE_REDACTION_PLACE);
  check_cases (redactor, cases, G_N_ELEMENTS (cases));
}

static void
test_possible_names (void)
{
  g_autoptr(AllianceRedactor) redactor = alliance_redactor_new ();
  static const Case cases[] = {
    /* a capitalised word inside a sentence may be a name */
    { "her sister Priya came", "her sister [name] came" },
    { "she and Tomasz argued", "she and [name] argued" },
    { "then Priya's partner left", "then [name] partner left" },
    { "saw Dr Okafor yesterday", "saw Dr [name] yesterday" },
    /* a title's or an initial's full stop ends no sentence */
    { "Saw Dr. Okafor, then J. Smith, e.g. Tomasz.", "Saw Dr. [name], then [name]. [name], e.g. [name]." },
    /* an ordinary word opening a sentence is not */
    { "Sleep improved. Work is hard! Mood low? Plan: Continue CBT.",
      "Sleep improved. Work is hard! Mood low? Plan: Continue CBT." },
    { "Client reports\nBetter sleep", "Client reports\nBetter sleep" },
    { "GAD-7 was 9. Sleep poor, so was I. Then work.", "GAD-7 was 9. Sleep poor, so was I. Then work." },
    /* nor is the allowlist */
    { "I said I'm fine, on Tuesday, says PHQ-9 and GAD-7 and WAI-SR; CBT with the GP",
      "I said I'm fine, on Tuesday, says PHQ-9 and GAD-7 and WAI-SR; CBT with the GP" },
    /* an unknown name opening a sentence is left: the therapist reviews */
    { "Priya came alone.", "Priya came alone." },
  };

  check_cases (redactor, cases, G_N_ELEMENTS (cases));
}

static void
test_known_names (void)
{
  g_autoptr(AllianceRedactor) redactor = alliance_redactor_new ();
  static const char * const names[] = {
    "Will", "May", "Hope", "Mark", "Zoë", "José", "Chloé", "Anne-Marie",
    "Smith-Jones", "Maria", "O'Connor", "J", "", NULL,
  };
  static const Case cases[] = {
    /* names that are also words: masked everywhere, in any case */
    { "Will said he will come. May may be late. Hope has no hope. Mark marked it.",
      "[name] said he [name] come. [name] [name] be late. [name] has no [name]. [name] marked it." },
    { "WILL and MARK", "[name] and [name]" },
    /* accents either way */
    { "Zoe, ZOË and zoë; Jose and josé; Chloe", "[name], [name] and [name]; [name] and [name]; [name]" },
    /* hyphenated: whole and parts */
    { "Anne-Marie met Anne and Marie, then Ms Smith-Jones and Jones.",
      "[name] met [name] and [name], then Ms [name] and [name]." },
    { "Smith spoke.", "[name] spoke." },
    /* possessives, either apostrophe */
    { "Maria's mother and Maria’s father", "[name] mother and [name] father" },
    { "O'Connor's file", "[name] file" },
    /* whole words only; a lone initial is no name */
    { "marking Marianne hopeful willing", "marking [name] hopeful willing" },
    { "j is a letter", "j is a letter" },
  };

  alliance_redactor_add_names (redactor, names);
  alliance_redactor_add_name (redactor, NULL);
  check_cases (redactor, cases, G_N_ELEMENTS (cases));
}

static void
test_multibyte (void)
{
  g_autoptr(AllianceRedactor) redactor = alliance_redactor_new ();
  const char *text = "Ça va — Zoë’s café: « Chloé » 📞 0113 496 0000 🙂 à Montréal.";
  g_autoptr(GArray) spans = NULL;
  g_autofree char *masked = NULL;

  alliance_redactor_add_name (redactor, "Zoe Chloé");
  spans = alliance_redactor_detect (redactor, text);
  for (guint i = 0; i < spans->len; i++)
    {
      const AllianceRedactionSpan *span = &g_array_index (spans, AllianceRedactionSpan, i);
      const char *end;

      g_assert_cmpuint (span->start, <, span->end);
      g_assert_true (g_utf8_validate_len (text + span->start, span->end - span->start, &end));
      if (i > 0)
        g_assert_cmpuint (g_array_index (spans, AllianceRedactionSpan, i - 1).end, <=, span->start);
    }
  masked = alliance_redaction_apply (text, spans);
  g_assert_cmpstr (masked, ==, "Ça va — [name] café: « [name] » 📞 [phone] 🙂 à [place].");

  /* a decomposed accent (e + combining diaeresis) is the same name */
  g_clear_pointer (&masked, g_free);
  masked = redact (redactor, "with Zoe\xcc\x88 today");
  g_assert_cmpstr (masked, ==, "with [name] today");
}

static void
test_apply (void)
{
  const char *text = "abcdefghij";
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (AllianceRedactionSpan));
  AllianceRedactionSpan a = { 0, 2, ALLIANCE_REDACTION_NAME };
  AllianceRedactionSpan b = { 4, 5, ALLIANCE_REDACTION_DATE };
  AllianceRedactionSpan c = { 8, 10, ALLIANCE_REDACTION_MANUAL };
  g_autofree char *masked = NULL;
  g_autofree char *unchanged = NULL;

  unchanged = alliance_redaction_apply (text, spans);
  g_assert_cmpstr (unchanged, ==, text);

  g_array_append_val (spans, a);
  g_array_append_val (spans, b);
  g_array_append_val (spans, c);
  masked = alliance_redaction_apply (text, spans);
  g_assert_cmpstr (masked, ==, "[name]cd[date]fgh[masked]");

  for (int kind = 0; kind < ALLIANCE_N_REDACTION_KINDS; kind++)
    {
      const char *mask = alliance_redaction_kind_get_mask (kind);

      g_assert_true (mask[0] == '[' && mask[strlen (mask) - 1] == ']');
    }
  g_assert_cmpstr (alliance_redaction_kind_get_mask (ALLIANCE_REDACTION_PLACE), ==, "[place]");
  g_assert_cmpstr (alliance_redaction_kind_get_mask (ALLIANCE_REDACTION_PHONE), ==, "[phone]");
  g_assert_cmpstr (alliance_redaction_kind_get_mask (ALLIANCE_REDACTION_EMAIL), ==, "[e-mail]");
}

static void
assert_spans (GArray      *spans,
              const gsize *expected,   /* start, end, kind, … */
              guint        n_spans)
{
  g_assert_cmpuint (spans->len, ==, n_spans);
  for (guint i = 0; i < n_spans; i++)
    {
      const AllianceRedactionSpan *span = &g_array_index (spans, AllianceRedactionSpan, i);

      g_assert_cmpuint (span->start, ==, expected[3 * i]);
      g_assert_cmpuint (span->end, ==, expected[3 * i + 1]);
      g_assert_cmpuint (span->kind, ==, expected[3 * i + 2]);
    }
}

static void
test_add_span (void)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (AllianceRedactionSpan));
  AllianceRedactionSpan name = { 10, 15, ALLIANCE_REDACTION_NAME };
  AllianceRedactionSpan date = { 20, 30, ALLIANCE_REDACTION_DATE };

  g_array_append_val (spans, name);
  g_array_append_val (spans, date);

  /* apart: inserted in order */
  alliance_redaction_add_span (spans, 0, 5, ALLIANCE_REDACTION_MANUAL);
  {
    const gsize expected[] = { 0, 5, ALLIANCE_REDACTION_MANUAL,
                               10, 15, ALLIANCE_REDACTION_NAME,
                               20, 30, ALLIANCE_REDACTION_DATE };
    assert_spans (spans, expected, 3);
  }

  /* touching a span of another kind: kept apart */
  alliance_redaction_add_span (spans, 15, 17, ALLIANCE_REDACTION_MANUAL);
  {
    const gsize expected[] = { 0, 5, ALLIANCE_REDACTION_MANUAL,
                               10, 15, ALLIANCE_REDACTION_NAME,
                               15, 17, ALLIANCE_REDACTION_MANUAL,
                               20, 30, ALLIANCE_REDACTION_DATE };
    assert_spans (spans, expected, 4);
  }

  /* touching one of its kind: joined */
  alliance_redaction_add_span (spans, 5, 8, ALLIANCE_REDACTION_MANUAL);
  {
    const gsize expected[] = { 0, 8, ALLIANCE_REDACTION_MANUAL,
                               10, 15, ALLIANCE_REDACTION_NAME,
                               15, 17, ALLIANCE_REDACTION_MANUAL,
                               20, 30, ALLIANCE_REDACTION_DATE };
    assert_spans (spans, expected, 4);
  }

  /* overlapping several: one span over all of them */
  alliance_redaction_add_span (spans, 12, 22, ALLIANCE_REDACTION_MANUAL);
  {
    const gsize expected[] = { 0, 8, ALLIANCE_REDACTION_MANUAL,
                               10, 30, ALLIANCE_REDACTION_MANUAL };
    assert_spans (spans, expected, 2);
  }

  /* inside one: nothing changes but the kind */
  alliance_redaction_add_span (spans, 2, 4, ALLIANCE_REDACTION_MANUAL);
  {
    const gsize expected[] = { 0, 8, ALLIANCE_REDACTION_MANUAL,
                               10, 30, ALLIANCE_REDACTION_MANUAL };
    assert_spans (spans, expected, 2);
  }
}

static void
test_detect_merges (void)
{
  g_autoptr(AllianceRedactor) redactor = alliance_redactor_new ();
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) empty = NULL;
  const char *text = "write to maria.lopez@example.org on 4 May 2025";
  const char *email = strstr (text, "maria");
  const char *date = strstr (text, "4 May");

  /* a known name inside an e-mail address, a known name inside a date */
  alliance_redactor_add_name (redactor, "Maria Lopez");
  alliance_redactor_add_name (redactor, "May");
  spans = alliance_redactor_detect (redactor, text);
  {
    const gsize expected[] = { email - text, email - text + strlen ("maria.lopez@example.org"),
                               ALLIANCE_REDACTION_EMAIL,
                               date - text, strlen (text), ALLIANCE_REDACTION_DATE };
    assert_spans (spans, expected, 2);
  }

  empty = alliance_redactor_detect (redactor, "");
  g_assert_cmpuint (empty->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/redaction/emails", test_emails);
  g_test_add_func ("/redaction/phones", test_phones);
  g_test_add_func ("/redaction/dates", test_dates);
  g_test_add_func ("/redaction/places", test_places);
  g_test_add_func ("/redaction/possible-names", test_possible_names);
  g_test_add_func ("/redaction/known-names", test_known_names);
  g_test_add_func ("/redaction/multibyte", test_multibyte);
  g_test_add_func ("/redaction/apply", test_apply);
  g_test_add_func ("/redaction/add-span", test_add_span);
  g_test_add_func ("/redaction/detect-merges", test_detect_merges);

  return g_test_run ();
}
