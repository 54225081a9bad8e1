/* alliance-redaction.c
 *
 * Detection works on words: a word is a run of letters, digits and
 * combining marks, joined across a single hyphen or apostrophe
 * ("Anne-Marie", "O'Connor", "Maria's"). Each word is folded on its own
 * (alliance_text_fold), so accents and case never matter and the byte
 * offsets stay those of the original text. Patterns with digits (dates,
 * e-mail addresses) are regular expressions over the original bytes; phone
 * numbers are scanned by hand, because what counts is the number of digits.
 */
#define G_LOG_DOMAIN "alliance-redaction"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-redaction.h"
#include "alliance-text.h"

struct _AllianceRedactor
{
  GObject     parent_instance;

  GHashTable *names;        /* folded name parts and whole names (set) */
  GRegex     *email;
  GRegex     *dates;
  GRegex     *postcodes;
};

G_DEFINE_FINAL_TYPE (AllianceRedactor, alliance_redactor, G_TYPE_OBJECT)

typedef struct
{
  gsize     start;
  gsize     end;
  char     *folded;         /* the whole word, folded, ’ as ' */
  gboolean  capitalised;
  gboolean  sentence_start;
} Word;

/* Capitalised words that identify nobody, folded. Sentence-initial words
 * are never masked unless known names, so this only needs what commonly
 * appears capitalised mid-sentence in a note. */
static const char * const common_words[] = {
  "i", "i'm", "i've", "i'd", "i'll",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "phq-9", "phq", "gad-7", "gad", "wai", "wai-sr", "wai-s", "srs", "ors", "core-10",
  "core-om", "oq-45", "pcl-5", "cbt", "dbt", "act", "emdr", "ifs", "ipt", "mbct",
  "gp", "ae", "er", "ed", "nhs", "ssri", "adhd", "asd", "ptsd", "ocd", "gad",
  "dsm-5", "icd-10", "icd-11", "si", "mse", "soap", "dap", "birp", "rci",
  "ok", "tv", "am", "pm", "dr", "mr", "mrs", "ms", "mx", "prof", "mum", "mom", "dad",
};

/* Words after which a capitalised word is taken for a place. */
static const char * const place_prepositions[] = {
  "in", "at", "from", "to", "near", "into", "on", "onto", "towards", "toward", "via",
  "a", "au", "aux", "en", "chez",   /* French; "à" folds to "a" */
};

/* Months and days never start a place: "in March", "on Tuesday". */
static const char * const calendar_words[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
};

/* "St. Mary's": the full stop does not end the place's name. */
static const char * const place_abbreviations[] = { "st", "mt", "ft" };

/* Lower-case words that may sit inside a place's name. */
static const char * const place_connectors[] = {
  "of", "upon", "on", "the", "de", "la", "le", "du", "des", "sur",
};

#define MONTHS \
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
  "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?" \
  "|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)\\b\\.?"
#define ORDINAL "(?:st|nd|rd|th|er)?"

static const char dates_pattern[] =
  /* 2025-03-04, 2025/03/04 */
  "(?<![\\d./-])\\d{4}([-/])\\d{1,2}\\1\\d{1,2}\\b(?![-/.]\\d)"
  /* 4/3/2025, 04.03.25, 4-3-2025: three parts, so a score like 27/30 is not
   * one, and no more, so a phone number 01.23.45.67.89 is not either */
  "|(?<![\\d./-])\\d{1,2}([-/.])\\d{1,2}\\2(?:\\d{4}|\\d{2})\\b(?![-/.]\\d)"
  /* 4 March 2025, 4th of March, 1er mars */
  "|\\b\\d{1,2}" ORDINAL "\\s+(?:of\\s+)?" MONTHS "(?:,?\\s+\\d{4}\\b)?"
  /* March 4th, 2025; March 4; March 2025 */
  "|\\b" MONTHS "\\s+\\d{1,2}" ORDINAL "\\b(?:,?\\s+\\d{4}\\b)?"
  "|\\b" MONTHS "\\s+\\d{4}\\b";

/* UK (HG1 2AB, SW1A 1AA) and Canadian (K1A 0B1) postcodes, taken for places. */
static const char postcode_pattern[] =
  "\\b(?:[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2}|[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d)\\b";

static const char email_pattern[] =
  "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+";

static GHashTable *
string_set_new (const char * const *words,
                gsize               n_words)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (gsize i = 0; i < n_words; i++)
    g_hash_table_add (set, (gpointer)words[i]);
  return set;
}

static GHashTable *
get_common_words (void)
{
  static GHashTable *set;

  if (g_once_init_enter (&set))
    g_once_init_leave (&set, string_set_new (common_words, G_N_ELEMENTS (common_words)));
  return set;
}

static GHashTable *
get_calendar_words (void)
{
  static GHashTable *set;

  if (g_once_init_enter (&set))
    g_once_init_leave (&set, string_set_new (calendar_words, G_N_ELEMENTS (calendar_words)));
  return set;
}

static gboolean
is_one_of (const char          *folded,
           const char * const  *words,
           gsize                n_words)
{
  for (gsize i = 0; i < n_words; i++)
    if (strcmp (folded, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

/* Folded, with the typographic apostrophe as the plain one, so "Maria’s"
 * and "Maria's" are the same word. */
static char *
fold_word (const char *text,
           gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);
  g_autofree char *folded = alliance_text_fold (copy);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_apostrophe (c))
        g_string_append_c (out, '\'');
      else if (is_hyphen (c))
        g_string_append_c (out, '-');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* "Dr. Okafor", "J. Smith", "e.g. Leeds": the full stop at @dot ends a
 * title, an initial or an abbreviation, not a sentence. */
static gboolean
follows_abbreviation (const char *text,
                      const char *dot)
{
  static const char * const titles[] = {
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "mt", "rev", "sr", "jr", "fr",
  };
  const char *start = dot;
  g_autofree char *folded = NULL;

  while (start > text && is_word_char (g_utf8_get_char (g_utf8_prev_char (start))))
    start = g_utf8_prev_char (start);
  if (start == dot)
    return FALSE;
  /* an initial is a letter, but "… so did I. Then" ends a sentence */
  if (g_utf8_strlen (start, dot - start) == 1)
    return g_unichar_isalpha (g_utf8_get_char (start)) && *start != 'I';
  folded = fold_word (start, dot - start);
  return is_one_of (folded, titles, G_N_ELEMENTS (titles));
}

/* Whether the word at @start opens a sentence: nothing but white space,
 * quotes, brackets or a list bullet between it and the start of the text,
 * a line break, or the end of a sentence (a colon counts: "Plan: Review"). */
static gboolean
opens_sentence (const char *text,
                gsize       start)
{
  const char *p = text + start;

  while (p > text)
    {
      const char *prev = g_utf8_prev_char (p);
      gunichar c = g_utf8_get_char (prev);

      if (c == '\n' || c == '\r')
        return TRUE;
      if (c == '.')
        return !follows_abbreviation (text, prev);
      if (c == '!' || c == '?' || c == ':' || c == 0x2026)
        return TRUE;
      if (!(g_unichar_isspace (c) || c == '"' || c == '(' || c == '[' || c == '\''
            || c == 0x201C || c == 0x2018 || c == 0x00AB || c == '-' || c == '*'
            || c == 0x2022 || c == 0x2013 || c == 0x2014))
        return FALSE;
      p = prev;
    }
  return TRUE;
}

static void
word_clear (Word *word)
{
  g_clear_pointer (&word->folded, g_free);
}

static GArray *
split_words (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  const char *p = text;

  g_array_set_clear_func (words, (GDestroyNotify)word_clear);

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start;
      Word word = { 0 };

      if (!g_unichar_isalnum (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      start = p;
      for (;;)
        {
          const char *next = g_utf8_next_char (p);
          gunichar n = g_utf8_get_char (next);

          if (*next != '\0' && is_word_char (n))
            {
              p = next;
              continue;
            }
          /* a single hyphen or apostrophe between two word characters */
          if (*next != '\0' && (is_hyphen (n) || is_apostrophe (n)))
            {
              const char *after = g_utf8_next_char (next);

              if (*after != '\0' && is_word_char (g_utf8_get_char (after)))
                {
                  p = after;
                  continue;
                }
            }
          p = next;
          break;
        }

      word.start = start - text;
      word.end = p - text;
      word.folded = fold_word (start, word.end - word.start);
      c = g_utf8_get_char (start);
      word.capitalised = g_unichar_isupper (c) || g_unichar_istitle (c);
      word.sentence_start = opens_sentence (text, word.start);
      g_array_append_val (words, word);
    }
  return words;
}

/* "maria's" → "maria"; "jones'" has no trailing apostrophe in a word. */
static gboolean
strip_possessive (char *folded)
{
  gsize length = strlen (folded);

  if (length > 2 && folded[length - 2] == '\'' && folded[length - 1] == 's')
    {
      folded[length - 2] = '\0';
      return TRUE;
    }
  return FALSE;
}

/* A known name as the whole word, without a possessive, or as any of its
 * hyphenated parts: "Anne-Marie", "Marie's", "Smith-Jones" for Jones. */
static gboolean
is_known_name (AllianceRedactor *self,
               const char       *folded)
{
  g_autofree char *bare = g_strdup (folded);
  g_auto(GStrv) parts = NULL;

  if (g_hash_table_size (self->names) == 0)
    return FALSE;
  if (g_hash_table_contains (self->names, folded))
    return TRUE;
  strip_possessive (bare);
  if (g_hash_table_contains (self->names, bare))
    return TRUE;

  parts = g_strsplit (bare, "-", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_hash_table_contains (self->names, parts[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_common_word (const char *folded)
{
  g_autofree char *bare = g_strdup (folded);

  if (g_hash_table_contains (get_common_words (), folded))
    return TRUE;
  return strip_possessive (bare) && g_hash_table_contains (get_common_words (), bare);
}

static void
add_candidate (GArray                *spans,
               gsize                  start,
               gsize                  end,
               AllianceRedactionKind  kind)
{
  AllianceRedactionSpan span = { start, end, kind };

  if (end > start)
    g_array_append_val (spans, span);
}

/* Only white space (no line break) between two words. */
static gboolean
words_adjacent (const char *text,
                const Word *a,
                const Word *b)
{
  for (gsize i = a->end; i < b->start; i++)
    if (text[i] != ' ' && text[i] != '\t')
      return FALSE;
  return b->start > a->end;
}

static void
find_words (AllianceRedactor *self,
            const char       *text,
            GArray           *spans)
{
  g_autoptr(GArray) words = split_words (text);

  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = &g_array_index (words, Word, i);

      if (is_known_name (self, word->folded))
        {
          add_candidate (spans, word->start, word->end, ALLIANCE_REDACTION_NAME);
          continue;
        }
      if (!word->capitalised || is_common_word (word->folded))
        continue;

      /* "moved to Leeds", "at St Mary's Hospital", "from the Isle of Wight" */
      if (i > 0 && !word->sentence_start)
        {
          const Word *before = &g_array_index (words, Word, i - 1);
          guint prep = i - 1;

          if (strcmp (before->folded, "the") == 0 && i > 1
              && words_adjacent (text, &g_array_index (words, Word, i - 2), before))
            prep = i - 2;
          if ((prep == i - 1 || words_adjacent (text, before, word))
              && words_adjacent (text, &g_array_index (words, Word, prep),
                                 &g_array_index (words, Word, prep + 1))
              && is_one_of (g_array_index (words, Word, prep).folded,
                            place_prepositions, G_N_ELEMENTS (place_prepositions))
              && !g_hash_table_contains (get_calendar_words (), word->folded))
            {
              guint last = i;

              for (guint j = i + 1; j < words->len; j++)
                {
                  const Word *prev = &g_array_index (words, Word, j - 1);
                  const Word *next = &g_array_index (words, Word, j);
                  gboolean abbreviation = text[prev->end] == '.'
                                          && is_one_of (prev->folded, place_abbreviations,
                                                        G_N_ELEMENTS (place_abbreviations));

                  if (!words_adjacent (text, prev, next)
                      && !(abbreviation && next->start == prev->end + 2
                           && text[prev->end + 1] == ' '))
                    break;
                  if (next->capitalised
                      && !g_hash_table_contains (get_calendar_words (), next->folded))
                    {
                      last = j;
                      continue;
                    }
                  /* a connector only counts followed by more of the place */
                  if (!next->capitalised
                      && is_one_of (next->folded, place_connectors,
                                    G_N_ELEMENTS (place_connectors))
                      && j + 1 < words->len
                      && g_array_index (words, Word, j + 1).capitalised
                      && words_adjacent (text, next, &g_array_index (words, Word, j + 1)))
                    continue;
                  break;
                }
              add_candidate (spans, word->start,
                             g_array_index (words, Word, last).end,
                             ALLIANCE_REDACTION_PLACE);
              i = last;
              continue;
            }
        }

      if (!word->sentence_start)
        add_candidate (spans, word->start, word->end, ALLIANCE_REDACTION_NAME);
    }
}

static void
find_matches (GRegex                *regex,
              const char            *text,
              AllianceRedactionKind  kind,
              GArray                *spans)
{
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;

      if (g_match_info_fetch_pos (match, 0, &start, &end))
        add_candidate (spans, start, end, kind);
      g_match_info_next (match, NULL);
    }
}

static gboolean
overlaps_kind (GArray                *spans,
               gsize                  start,
               gsize                  end,
               AllianceRedactionKind  kind)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const AllianceRedactionSpan *span = &g_array_index (spans, AllianceRedactionSpan, i);

      if (span->kind == kind && span->start < end && start < span->end)
        return TRUE;
    }
  return FALSE;
}

/* Seven to fifteen digits, grouped by single spaces, dots, dashes or
 * brackets, optionally after a "+": 0113 496 0000, +44 (0)113-496-0000.
 * Not a date (found first), and not part of a score or a longer number. */
static void
find_phones (const char *text,
             GArray     *spans)
{
  gsize length = strlen (text);
  gsize i = 0;

  while (i < length)
    {
      gsize start = i, end = i, digits = 0;
      gsize group = 0, single_groups = 0;
      gsize j = i;
      char c = text[i];

      if (!(g_ascii_isdigit (c) || c == '+' || c == '(')
          || (i > 0 && (g_ascii_isalnum (text[i - 1]) || text[i - 1] == '/'
                        || text[i - 1] == '.' || text[i - 1] == '+' || text[i - 1] == '(')))
        {
          i++;
          continue;
        }

      if (c == '+')
        j++;
      while (j < length)
        {
          char d = text[j];

          if (g_ascii_isdigit (d))
            {
              digits++;
              group++;
              j++;
              end = j;
              if (j == length || !g_ascii_isdigit (text[j]))
                {
                  single_groups += group == 1;
                  group = 0;
                }
              continue;
            }
          if ((d == ' ' || d == '.' || d == '-' || d == '(' || d == ')')
              && j + 1 < length)
            {
              char n = text[j + 1];

              /* one separator, or a bracket and a space either side of it */
              if (g_ascii_isdigit (n) || n == '('
                  || (d == ')' && n == ' ' && j + 2 < length && g_ascii_isdigit (text[j + 2]))
                  || (d == ' ' && n == '(')
                  || (d == ')' && (n == '-' || n == '.')))
                {
                  j++;
                  continue;
                }
            }
          break;
        }

      /* a list of single figures ("scores 3 4 2 1 0 3 2") is no number */
      if (digits >= 7 && digits <= 15 && single_groups <= 2
          && text[end] != '/' && !g_ascii_isalnum (text[end])
          && !overlaps_kind (spans, start, end, ALLIANCE_REDACTION_DATE))
        {
          /* a leading bracket of "(0113) 496 0000" belongs to it */
          add_candidate (spans, start, end, ALLIANCE_REDACTION_PHONE);
          i = end;
        }
      else
        i = MAX (end, i + 1);
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const AllianceRedactionSpan *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;   /* the longer first: its kind wins */
  return 0;
}

/* Sorted, overlapping spans joined (the kind of the one starting first, or
 * of the longer), touching spans joined when of one kind. */
static void
merge_spans (GArray *spans)
{
  guint out = 0;

  g_array_sort (spans, compare_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      AllianceRedactionSpan span = g_array_index (spans, AllianceRedactionSpan, i);

      if (out > 0)
        {
          AllianceRedactionSpan *last = &g_array_index (spans, AllianceRedactionSpan, out - 1);

          if (span.start < last->end
              || (span.start == last->end && span.kind == last->kind))
            {
              last->end = MAX (last->end, span.end);
              continue;
            }
        }
      g_array_index (spans, AllianceRedactionSpan, out++) = span;
    }
  g_array_set_size (spans, out);
}

static void
alliance_redactor_finalize (GObject *object)
{
  AllianceRedactor *self = ALLIANCE_REDACTOR (object);

  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->email, g_regex_unref);
  g_clear_pointer (&self->dates, g_regex_unref);
  g_clear_pointer (&self->postcodes, g_regex_unref);

  G_OBJECT_CLASS (alliance_redactor_parent_class)->finalize (object);
}

static void
alliance_redactor_class_init (AllianceRedactorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alliance_redactor_finalize;
}

static void
alliance_redactor_init (AllianceRedactor *self)
{
  g_autoptr(GError) error = NULL;

  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Not G_REGEX_OPTIMIZE: PCRE2's JIT runs code made at run time, which
   * valgrind cannot follow (it reports the JIT's reads as uninitialised),
   * and the texts redacted — a note excerpt, an event's note — are short. */
  self->email = g_regex_new (email_pattern, 0, 0, &error);
  g_assert_no_error (error);
  self->dates = g_regex_new (dates_pattern, G_REGEX_CASELESS, 0, &error);
  g_assert_no_error (error);
  self->postcodes = g_regex_new (postcode_pattern, 0, 0, &error);
  g_assert_no_error (error);
}

AllianceRedactor *
alliance_redactor_new (void)
{
  return g_object_new (ALLIANCE_TYPE_REDACTOR, NULL);
}

static void
add_name_part (AllianceRedactor *self,
               const char       *part)
{
  /* A lone initial would mask every "a" and "I" in the text. */
  if (g_utf8_strlen (part, -1) >= 2)
    g_hash_table_add (self->names, g_strdup (part));
}

/**
 * alliance_redactor_add_name:
 *
 * Adds the whole name and every part of it (split on white space and
 * hyphens, punctuation at either end dropped), folded.
 */
void
alliance_redactor_add_name (AllianceRedactor *self,
                            const char       *name)
{
  g_autoptr(GArray) words = NULL;

  g_return_if_fail (ALLIANCE_IS_REDACTOR (self));

  if (name == NULL || alliance_text_is_blank (name) || !g_utf8_validate (name, -1, NULL))
    return;

  words = split_words (name);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = &g_array_index (words, Word, i);
      g_auto(GStrv) parts = g_strsplit (word->folded, "-", -1);

      add_name_part (self, word->folded);
      for (guint j = 0; parts[j] != NULL; j++)
        add_name_part (self, parts[j]);
    }
}

void
alliance_redactor_add_names (AllianceRedactor  *self,
                             const char *const *names)
{
  g_return_if_fail (ALLIANCE_IS_REDACTOR (self));

  if (names == NULL)
    return;
  for (guint i = 0; names[i] != NULL; i++)
    alliance_redactor_add_name (self, names[i]);
}

/**
 * alliance_redactor_detect:
 *
 * Returns: (transfer full): an array of #AllianceRedactionSpan.
 */
GArray *
alliance_redactor_detect (AllianceRedactor *self,
                          const char       *text)
{
  GArray *spans;

  g_return_val_if_fail (ALLIANCE_IS_REDACTOR (self), NULL);

  spans = g_array_new (FALSE, FALSE, sizeof (AllianceRedactionSpan));
  if (text == NULL)
    return spans;
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), spans);

  find_matches (self->email, text, ALLIANCE_REDACTION_EMAIL, spans);
  find_matches (self->dates, text, ALLIANCE_REDACTION_DATE, spans);
  find_phones (text, spans);
  find_matches (self->postcodes, text, ALLIANCE_REDACTION_PLACE, spans);
  find_words (self, text, spans);
  merge_spans (spans);
  return spans;
}

const char *
alliance_redaction_kind_get_mask (AllianceRedactionKind kind)
{
  switch (kind)
    {
    /* Translators: stands in a de-identified excerpt for a masked name */
    case ALLIANCE_REDACTION_NAME: return _("[name]");
    /* Translators: stands in a de-identified excerpt for a masked place */
    case ALLIANCE_REDACTION_PLACE: return _("[place]");
    /* Translators: stands in a de-identified excerpt for a masked phone number */
    case ALLIANCE_REDACTION_PHONE: return _("[phone]");
    /* Translators: stands in a de-identified excerpt for a masked e-mail address */
    case ALLIANCE_REDACTION_EMAIL: return _("[e-mail]");
    /* Translators: stands in a de-identified excerpt for a masked date */
    case ALLIANCE_REDACTION_DATE: return _("[date]");
    /* Translators: stands in a de-identified excerpt for text the therapist masked */
    case ALLIANCE_REDACTION_MANUAL: return _("[masked]");
    case ALLIANCE_N_REDACTION_KINDS:
    default:
      break;
    }
  g_return_val_if_reached (_("[masked]"));
}

char *
alliance_redaction_apply (const char   *text,
                          const GArray *spans)
{
  GString *out;
  gsize length, at = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (spans != NULL, NULL);

  length = strlen (text);
  out = g_string_sized_new (length);
  for (guint i = 0; i < spans->len; i++)
    {
      const AllianceRedactionSpan *span = &g_array_index (spans, AllianceRedactionSpan, i);
      gsize start = MIN (span->start, length);
      gsize end = MIN (span->end, length);

      g_return_val_if_fail (start >= at && end >= start, g_string_free (out, FALSE));
      g_string_append_len (out, text + at, start - at);
      g_string_append (out, alliance_redaction_kind_get_mask (span->kind));
      at = end;
    }
  g_string_append (out, text + at);
  return g_string_free (out, FALSE);
}

/**
 * alliance_redaction_add_span:
 *
 * The new span swallows every span it overlaps and takes their extent;
 * its own kind wins, since the therapist chose it.
 */
void
alliance_redaction_add_span (GArray                *spans,
                             gsize                  start,
                             gsize                  end,
                             AllianceRedactionKind  kind)
{
  AllianceRedactionSpan added = { start, end, kind };
  guint i = 0;

  g_return_if_fail (spans != NULL);
  g_return_if_fail (start < end);
  g_return_if_fail (kind < ALLIANCE_N_REDACTION_KINDS);

  while (i < spans->len)
    {
      const AllianceRedactionSpan *span = &g_array_index (spans, AllianceRedactionSpan, i);

      if (span->start < added.end && added.start < span->end)
        {
          added.start = MIN (added.start, span->start);
          added.end = MAX (added.end, span->end);
          g_array_remove_index (spans, i);
        }
      else
        i++;
    }
  g_array_append_val (spans, added);
  merge_spans (spans);
}
