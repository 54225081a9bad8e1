/* test-text.c
 *
 * Search folding: accents, case, compatibility forms; splitting a query
 * into terms; matching every term in any order.
 */
#define G_LOG_DOMAIN "alliance-test-text"

#include "config.h"

#include <string.h>

#include "alliance-text.h"

static void
test_fold (void)
{
  static const struct
  {
    const char *text;
    const char *folded;
  } cases[] = {
    { "Zoë", "zoe" },
    { "ZOË", "zoe" },
    { "Zoe\xcc\x88", "zoe" },                 /* e + combining diaeresis (already decomposed) */
    { "Nguyễn", "nguyen" },                   /* two stacked marks */
    { "Åkesson", "akesson" },
    { "François Dubois-Bérubé", "francois dubois-berube" },
    { "Wiśniewska", "wisniewska" },
    { "Ó Súilleabháin", "o suilleabhain" },
    { "Adébáyọ̀", "adebayo" },
    { "Straße", "strasse" },                  /* case folding, not just lower-casing */
    { "STRASSE", "strasse" },
    { "ﬁnn", "finn" },                        /* NFKD: the fi ligature */
    { "Ｚｏｅ", "zoe" },                      /* NFKD: full-width letters */
    { "Louis XIV", "louis xiv" },
    { "Ⅻ", "xii" },                           /* NFKD: roman numeral twelve */
    { "C-0001", "c-0001" },
    { "O'Connor-Whitfield", "o'connor-whitfield" },
    { "Σίσυφος", "σισυφοσ" },                  /* final sigma folds too */
    { "日本語", "日本語" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = alliance_text_fold (cases[i].text);

      g_assert_cmpstr (folded, ==, cases[i].folded);
      g_assert_true (g_utf8_validate (folded, -1, NULL));
    }
}

/* Plain ASCII takes a shortcut: it must give what the full Unicode path
 * gives, which a leading "é" forces on the same characters. */
static void
test_fold_ascii_as_unicode (void)
{
  char ascii[128];
  g_autofree char *with_accent = NULL;
  g_autofree char *fast = NULL;
  g_autofree char *full = NULL;

  for (guint i = 1; i < 128; i++)
    ascii[i - 1] = (char)i;
  ascii[127] = '\0';
  with_accent = g_strconcat ("é", ascii, NULL);

  fast = alliance_text_fold (ascii);
  full = alliance_text_fold (with_accent);
  g_assert_cmpuint (strlen (fast), ==, 127);
  g_assert_true (full[0] == 'e');
  g_assert_cmpstr (full + 1, ==, fast);
}

static void
test_fold_is_idempotent (void)
{
  static const char *texts[] = { "Zoë Laurent", "Straße", "Nguyễn Thị Minh Anh", "ﬁnn" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *once = alliance_text_fold (texts[i]);
      g_autofree char *twice = alliance_text_fold (once);

      g_assert_cmpstr (once, ==, twice);
    }
}

static void
test_fold_odd_input (void)
{
  g_autofree char *null_folded = alliance_text_fold (NULL);
  g_autofree char *invalid = alliance_text_fold ("Zo\xff\xfe" "E");

  g_assert_cmpstr (null_folded, ==, "");
  /* Not UTF-8: something valid comes back, keeping what can be kept. */
  g_assert_nonnull (invalid);
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_true (g_str_has_prefix (invalid, "zo"));
  g_assert_true (g_str_has_suffix (invalid, "e"));
}

static void
test_terms (void)
{
  g_auto(GStrv) terms = alliance_text_fold_terms ("  Zoë \t LAURENT\n ");
  g_auto(GStrv) empty = alliance_text_fold_terms ("");
  g_auto(GStrv) blank = alliance_text_fold_terms (" \t\n ");
  g_auto(GStrv) one = alliance_text_fold_terms ("C-0001");

  g_assert_cmpuint (g_strv_length (terms), ==, 2);
  g_assert_cmpstr (terms[0], ==, "zoe");
  g_assert_cmpstr (terms[1], ==, "laurent");
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
  g_assert_cmpuint (g_strv_length (blank), ==, 0);
  g_assert_cmpuint (g_strv_length (one), ==, 1);
  g_assert_cmpstr (one[0], ==, "c-0001");
}

static void
test_matches (void)
{
  g_autofree char *haystack = alliance_text_fold ("Zoë Laurent  C-0001");
  static const struct
  {
    const char *query;
    gboolean    matches;
  } cases[] = {
    { "", TRUE },
    { "zoe", TRUE },
    { "ZOË", TRUE },
    { "laurent zoe", TRUE },
    { "lau zo", TRUE },
    { "zoe laurent c-0001", TRUE },
    { "c-0001", TRUE },
    { "zoe smith", FALSE },
    { "zoey", FALSE },
    { "c-0002", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) terms = alliance_text_fold_terms (cases[i].query);

      g_assert_cmpint (alliance_text_matches_terms (haystack, terms), ==, cases[i].matches);
    }
}

static void
test_is_blank (void)
{
  g_assert_true (alliance_text_is_blank (NULL));
  g_assert_true (alliance_text_is_blank (""));
  g_assert_true (alliance_text_is_blank (" \t\n"));
  /* No-break and ideographic spaces are still nothing. */
  g_assert_true (alliance_text_is_blank ("\u00a0\u3000 "));
  g_assert_false (alliance_text_is_blank (" a "));
  g_assert_false (alliance_text_is_blank ("\u00a0Zoë"));
  /* Bytes that are not UTF-8 are something, not blank. */
  g_assert_false (alliance_text_is_blank ("\xff"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/is-blank", test_is_blank);
  g_test_add_func ("/text/fold", test_fold);
  g_test_add_func ("/text/fold-ascii", test_fold_ascii_as_unicode);
  g_test_add_func ("/text/fold-idempotent", test_fold_is_idempotent);
  g_test_add_func ("/text/fold-odd-input", test_fold_odd_input);
  g_test_add_func ("/text/terms", test_terms);
  g_test_add_func ("/text/matches", test_matches);

  return g_test_run ();
}
