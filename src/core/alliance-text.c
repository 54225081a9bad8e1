/* alliance-text.c */
#define G_LOG_DOMAIN "alliance-text"

#include "config.h"

#include <string.h>

#include "alliance-text.h"

static gboolean
is_ascii (const char *text)
{
  for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
    if (*p >= 0x80)
      return FALSE;
  return TRUE;
}

/**
 * alliance_text_fold:
 *
 * Decomposes, drops combining marks (accents) and case-folds, so that a
 * search typed on any keyboard finds the name as the client spells it.
 */
char *
alliance_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *stripped;

  if (text == NULL)
    return g_strdup ("");

  /* Plain ASCII, most names and codes: decomposing leaves it as it is and
   * it has no marks, so folding is lowering its case, the same bytes for
   * a fraction of the work (the caseload folds every client at start-up). */
  if (is_ascii (text))
    return g_ascii_strdown (text, -1);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)   /* not UTF-8: keep what we can rather than fail */
    decomposed = g_utf8_make_valid (text, -1);

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (stripped, c);
    }

  folded = g_utf8_casefold (stripped->str, stripped->len);
  g_string_free (stripped, TRUE);
  return g_steal_pointer (&folded);
}

/* The query split on white space, each word folded; empty words dropped. */
char **
alliance_text_fold_terms (const char *query)
{
  g_autofree char *folded = alliance_text_fold (query);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);
  GPtrArray *terms = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (terms, g_strdup (words[i]));
  g_ptr_array_add (terms, NULL);

  return (char **)g_ptr_array_free (terms, FALSE);
}

/* Every term must occur somewhere, in any order: "smith zoe" finds Zoë Smith. */
gboolean
alliance_text_matches_terms (const char  *folded_haystack,
                             char *const *folded_terms)
{
  for (guint i = 0; folded_terms[i] != NULL; i++)
    if (strstr (folded_haystack, folded_terms[i]) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * alliance_text_is_blank:
 *
 * %TRUE for %NULL, "" or nothing but white space — Unicode's included: a
 * no-break space pasted from a word processor is neither a name nor a note.
 */
gboolean
alliance_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  while (*text != '\0')
    {
      gunichar c = g_utf8_get_char_validated (text, -1);

      if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_isspace (c))
        return FALSE;
      text = g_utf8_next_char (text);
    }
  return TRUE;
}

/**
 * alliance_text_lower_first:
 * @text: (transfer full) (nullable): a sentence's start, e.g. "Week 3 · session 2"
 *
 * @text with its first letter in lower case, for the middle of a
 * sentence: "week 3 · session 2".
 *
 * Returns: (transfer full) (nullable): the new text; @text is freed
 */
char *
alliance_text_lower_first (char *text)
{
  g_autofree char *first = NULL;
  const char *rest;
  char *lowered;

  if (text == NULL || *text == '\0')
    return text;
  rest = g_utf8_next_char (text);
  first = g_utf8_strdown (text, rest - text);
  lowered = g_strconcat (first, rest, NULL);
  g_free (text);
  return lowered;
}
