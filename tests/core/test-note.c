/* test-note.c
 *
 * AllianceNote as a value: templates and their sections, empty notes,
 * changing template, copying, and the canonical content a signature
 * covers (pinned: changing it would break every signature already made).
 */
#define G_LOG_DOMAIN "alliance-test-note"

#include "config.h"

#include <string.h>

#include "alliance-note.h"
#include "test-common.h"

static void
set_section (AllianceNote *note,
             guint         position,
             const char   *text)
{
  g_assert_cmpuint (position, <, g_strv_length (note->sections));
  g_free (note->sections[position]);
  note->sections[position] = g_strdup (text);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* ---------------------------------------------------------------------- */

static void
test_templates (void)
{
  static const struct
  {
    const char *id;
    const char *sections[5];
    const char *labels[5];
  } expected[ALLIANCE_NOTE_N_TEMPLATES] = {
    [ALLIANCE_NOTE_TEMPLATE_SOAP] = { "soap",
                                      { "subjective", "objective", "assessment", "plan" },
                                      { "Subjective", "Objective", "Assessment", "Plan" } },
    [ALLIANCE_NOTE_TEMPLATE_DAP] = { "dap", { "data", "assessment", "plan" }, { "Data", "Assessment", "Plan" } },
    [ALLIANCE_NOTE_TEMPLATE_BIRP] = { "birp",
                                      { "behavior", "intervention", "response", "plan" },
                                      { "Behaviour", "Intervention", "Response", "Plan" } },
    [ALLIANCE_NOTE_TEMPLATE_FREE] = { "free", { "note" }, { "Note" } },
  };

  for (guint t = 0; t < ALLIANCE_NOTE_N_TEMPLATES; t++)
    {
      AllianceNoteTemplate parsed = ALLIANCE_NOTE_N_TEMPLATES;
      guint n = 0;

      while (expected[t].sections[n] != NULL)
        n++;

      g_assert_cmpstr (alliance_note_template_to_string (t), ==, expected[t].id);
      g_assert_true (alliance_note_template_from_string (expected[t].id, &parsed));
      g_assert_cmpint (parsed, ==, t);
      g_assert_cmpstr (alliance_note_template_get_label (t), !=, "");
      g_assert_cmpuint (alliance_note_template_get_n_sections (t), ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpstr (alliance_note_template_get_section_id (t, i), ==, expected[t].sections[i]);
          g_assert_cmpstr (alliance_note_template_get_section_label (t, i), ==, expected[t].labels[i]);
        }
    }

  {
    static const char *unknown[] = { NULL, "", "SOAP", "soap ", "girp", "free-text" };

    for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
      {
        AllianceNoteTemplate parsed = ALLIANCE_NOTE_TEMPLATE_DAP;

        g_assert_false (alliance_note_template_from_string (unknown[i], &parsed));
        g_assert_cmpint (parsed, ==, ALLIANCE_NOTE_TEMPLATE_DAP);
      }
  }
}

static void
test_new (void)
{
  for (guint t = 0; t < ALLIANCE_NOTE_N_TEMPLATES; t++)
    {
      g_autoptr(AllianceNote) note = alliance_note_new (5, t);

      g_assert_cmpint (note->id, ==, 0);
      g_assert_cmpint (note->session_id, ==, 5);
      g_assert_cmpint (note->template_id, ==, t);
      g_assert_cmpuint (g_strv_length (note->sections), ==, alliance_note_template_get_n_sections (t));
      for (guint i = 0; note->sections[i] != NULL; i++)
        g_assert_cmpstr (note->sections[i], ==, "");
      g_assert_cmpstr (note->process_note, ==, "");
      g_assert_null (note->signed_at);
      g_assert_null (note->signed_by);
      g_assert_null (note->content_sha256);
      g_assert_nonnull (note->addenda);
      g_assert_cmpuint (note->addenda->len, ==, 0);
      g_assert_false (alliance_note_is_signed (note));
      g_assert_true (alliance_note_is_empty (note));
    }
}

static void
test_is_empty (void)
{
  /* White space is blank, Unicode's included (no-break, ideographic). */
  static const char *blanks[] = { "", " ", "\n\n", "\t \r\n", "\xc2\xa0", "\xe3\x80\x80", " \xe2\x80\x83 " };
  static const char *texts[] = { ".", "a", " x ", "\xe2\x80\x8b" /* zero-width space: not white space */ };
  g_autoptr(AllianceNote) note = alliance_note_new (1, ALLIANCE_NOTE_TEMPLATE_SOAP);

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      for (guint s = 0; s < 4; s++)
        set_section (note, s, blanks[(i + s) % G_N_ELEMENTS (blanks)]);
      set_string (&note->process_note, blanks[i]);
      g_assert_true (alliance_note_is_empty (note));
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      for (guint s = 0; s < 4; s++)
        {
          g_autoptr(AllianceNote) one = alliance_note_new (1, ALLIANCE_NOTE_TEMPLATE_SOAP);

          set_section (one, s, texts[i]);
          g_assert_false (alliance_note_is_empty (one));
        }
    }

  /* A process note alone is not empty either. */
  set_string (&note->process_note, "Felt protective of the client today.");
  g_assert_false (alliance_note_is_empty (note));

  /* NULL texts count as empty. */
  {
    g_autoptr(AllianceNote) bare = alliance_note_new (1, ALLIANCE_NOTE_TEMPLATE_DAP);

    g_clear_pointer (&bare->sections, g_strfreev);
    g_clear_pointer (&bare->process_note, g_free);
    g_assert_true (alliance_note_is_empty (bare));
  }
}

static void
test_copy (void)
{
  g_autoptr(AllianceNote) note = alliance_note_new (9, ALLIANCE_NOTE_TEMPLATE_DAP);
  g_autoptr(AllianceNote) copy = NULL;
  AllianceAddendum *addendum = g_new0 (AllianceAddendum, 1);
  AllianceAddendum *copied;

  note->id = 3;
  set_section (note, 0, "Data");
  set_string (&note->process_note, "Process");
  note->signed_at = g_strdup ("2026-11-27T09:05:00Z");
  note->signed_by = g_strdup ("Dr Sam Rivera");
  note->content_sha256 = alliance_note_compute_sha256 (note);
  addendum->id = 4;
  addendum->note_id = 3;
  addendum->body = g_strdup ("Correction.");
  addendum->signed_at = g_strdup ("2026-11-28T10:00:00Z");
  addendum->signed_by = g_strdup ("Dr Sam Rivera");
  addendum->content_sha256 = alliance_addendum_compute_sha256 (addendum, note->content_sha256);
  g_ptr_array_add (note->addenda, addendum);

  copy = alliance_note_copy (note);
  g_assert_true (copy->sections != note->sections);
  g_assert_true (copy->addenda != note->addenda);
  g_assert_cmpint (copy->id, ==, 3);
  g_assert_cmpint (copy->session_id, ==, 9);
  g_assert_cmpint (copy->template_id, ==, ALLIANCE_NOTE_TEMPLATE_DAP);
  g_assert_cmpstrv (copy->sections, note->sections);
  g_assert_cmpstr (copy->process_note, ==, "Process");
  g_assert_cmpstr (copy->signed_by, ==, "Dr Sam Rivera");
  g_assert_cmpstr (copy->content_sha256, ==, note->content_sha256);
  g_assert_true (alliance_note_is_signed (copy));
  g_assert_cmpuint (copy->addenda->len, ==, 1);
  copied = g_ptr_array_index (copy->addenda, 0);
  g_assert_true (copied != addendum);
  g_assert_cmpint (copied->id, ==, 4);
  g_assert_cmpstr (copied->body, ==, "Correction.");
  g_assert_cmpstr (copied->content_sha256, ==, addendum->content_sha256);

  g_assert_true (G_TYPE_IS_BOXED (ALLIANCE_TYPE_NOTE));
  alliance_note_free (NULL);
  alliance_addendum_free (NULL);
}

static void
test_set_template (void)
{
  g_autoptr(AllianceNote) note = alliance_note_new (1, ALLIANCE_NOTE_TEMPLATE_SOAP);

  g_assert_false (alliance_note_template_change_drops_text (note, ALLIANCE_NOTE_TEMPLATE_FREE));

  set_section (note, 2, "Assessment text");
  set_section (note, 3, "Plan text");
  /* SOAP → DAP keeps Assessment and Plan, which DAP has too. */
  g_assert_false (alliance_note_template_change_drops_text (note, ALLIANCE_NOTE_TEMPLATE_DAP));
  g_assert_true (alliance_note_template_change_drops_text (note, ALLIANCE_NOTE_TEMPLATE_FREE));
  set_section (note, 0, "Subjective text");
  g_assert_true (alliance_note_template_change_drops_text (note, ALLIANCE_NOTE_TEMPLATE_DAP));

  alliance_note_set_template (note, ALLIANCE_NOTE_TEMPLATE_DAP);
  g_assert_cmpint (note->template_id, ==, ALLIANCE_NOTE_TEMPLATE_DAP);
  {
    const char *expected[] = { "", "Assessment text", "Plan text", NULL };
    g_assert_cmpstrv (note->sections, expected);
  }

  alliance_note_set_template (note, ALLIANCE_NOTE_TEMPLATE_BIRP);
  {
    const char *expected[] = { "", "", "", "Plan text", NULL };
    g_assert_cmpstrv (note->sections, expected);
  }

  alliance_note_set_template (note, ALLIANCE_NOTE_TEMPLATE_FREE);
  {
    const char *expected[] = { "", NULL };
    g_assert_cmpstrv (note->sections, expected);
  }

  /* The same template again changes nothing. */
  set_section (note, 0, "Free");
  alliance_note_set_template (note, ALLIANCE_NOTE_TEMPLATE_FREE);
  {
    const char *expected[] = { "Free", NULL };
    g_assert_cmpstrv (note->sections, expected);
  }
}

static AllianceNote *
pinned_note (void)
{
  AllianceNote *note = alliance_note_new (1, ALLIANCE_NOTE_TEMPLATE_SOAP);

  set_section (note, 0, "a");
  set_section (note, 2, "é");
  set_section (note, 3, "line1\nline2");
  set_string (&note->process_note, "p");
  return note;
}

#define PINNED_CONTENT                                                                       \
  "alliance-note 1:1\ntemplate 4:soap\n"                                                     \
  "section 10:subjective\ntext 1:a\nsection 9:objective\ntext 0:\n"                          \
  "section 10:assessment\ntext 2:é\nsection 4:plan\ntext 11:line1\nline2\n"                  \
  "process 1:p\n"
#define PINNED_SHA256 "d2b16f375faf48fc95889488d5c1218697254884bbbd93692b56b954b4960a48"

static void
test_signed_content_pinned (void)
{
  g_autoptr(AllianceNote) note = pinned_note ();
  g_autofree char *content = alliance_note_dup_signed_content (note);
  g_autofree char *sha256 = alliance_note_compute_sha256 (note);
  g_autofree char *expected_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, PINNED_CONTENT, -1);

  g_assert_cmpstr (content, ==, PINNED_CONTENT);
  g_assert_cmpstr (expected_sha256, ==, PINNED_SHA256);
  g_assert_cmpstr (sha256, ==, PINNED_SHA256);
  g_assert_cmpuint (strlen (sha256), ==, 64);

  /* What is not signed content does not change the hash. */
  note->id = 77;
  note->session_id = 78;
  note->signed_by = g_strdup ("Someone");
  note->created_at = g_strdup ("2026-01-01T00:00:00Z");
  {
    g_autofree char *again = alliance_note_compute_sha256 (note);
    g_assert_cmpstr (again, ==, PINNED_SHA256);
  }

  /* Missing or NULL texts count as "". */
  {
    g_autoptr(AllianceNote) empty = alliance_note_new (1, ALLIANCE_NOTE_TEMPLATE_DAP);
    g_autoptr(AllianceNote) bare = alliance_note_new (1, ALLIANCE_NOTE_TEMPLATE_DAP);
    g_autofree char *empty_content = alliance_note_dup_signed_content (empty);
    g_autofree char *bare_content = NULL;

    g_clear_pointer (&bare->sections, g_strfreev);
    g_clear_pointer (&bare->process_note, g_free);
    bare_content = alliance_note_dup_signed_content (bare);
    g_assert_cmpstr (empty_content, ==, bare_content);
    g_assert_cmpstr (empty_content, ==,
                     "alliance-note 1:1\ntemplate 3:dap\nsection 4:data\ntext 0:\n"
                     "section 10:assessment\ntext 0:\nsection 4:plan\ntext 0:\nprocess 0:\n");
  }
}

static char *
sha256_of_dap (const char *data,
               const char *assessment,
               const char *plan,
               const char *process)
{
  g_autoptr(AllianceNote) note = alliance_note_new (1, ALLIANCE_NOTE_TEMPLATE_DAP);

  set_section (note, 0, data);
  set_section (note, 1, assessment);
  set_section (note, 2, plan);
  set_string (&note->process_note, process);
  return alliance_note_compute_sha256 (note);
}

static void
test_signed_content_unambiguous (void)
{
  /* Notes whose texts run together the same way, or that try to forge a
   * field boundary, all hash differently. */
  const char *cases[][4] = {
    { "ab", "", "", "" },
    { "a", "b", "", "" },
    { "", "ab", "", "" },
    { "", "", "ab", "" },
    { "", "", "", "ab" },
    { "a\ntext 1:b", "", "", "" },
    { "a", "b\n", "", "" },
    { "a\n", "b", "", "" },
    { "a\nsection 10:assessment\ntext 1:b", "", "", "" },
    { "a", "", "", "\nprocess 0:" },
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char *sha256 = sha256_of_dap (cases[i][0], cases[i][1], cases[i][2], cases[i][3]);

      if (g_hash_table_contains (seen, sha256))
        g_error ("case %u collides", i);
      g_hash_table_add (seen, sha256);
    }

  /* The template is part of it: the same texts under another template. */
  {
    g_autoptr(AllianceNote) soap = alliance_note_new (1, ALLIANCE_NOTE_TEMPLATE_SOAP);
    g_autoptr(AllianceNote) birp = alliance_note_new (1, ALLIANCE_NOTE_TEMPLATE_BIRP);
    g_autofree char *soap_sha256 = alliance_note_compute_sha256 (soap);
    g_autofree char *birp_sha256 = alliance_note_compute_sha256 (birp);

    g_assert_cmpstr (soap_sha256, !=, birp_sha256);
  }
}

static void
test_addendum_content (void)
{
  g_autoptr(AllianceAddendum) addendum = g_new0 (AllianceAddendum, 1);
  g_autofree char *content = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *other_note = NULL;

  addendum->body = g_strdup ("Correction.");
  addendum->signed_at = g_strdup ("2026-11-27T09:05:00Z");
  addendum->signed_by = g_strdup ("Dr Sam Rivera");

  content = alliance_addendum_dup_signed_content (addendum, PINNED_SHA256);
  g_assert_cmpstr (content, ==,
                   "alliance-addendum 1:1\nnote 64:" PINNED_SHA256 "\nsigned-at 20:2026-11-27T09:05:00Z\n"
                   "signed-by 13:Dr Sam Rivera\nbody 11:Correction.\n");
  sha256 = alliance_addendum_compute_sha256 (addendum, PINNED_SHA256);
  g_assert_cmpstr (sha256, ==, "30db72a79687001725ae60edd5300481fe9d8350b9a2d6ca51f67d2b5531bf8d");

  /* Chained to the note: the same addendum on another note differs. */
  other_note = alliance_addendum_compute_sha256 (addendum, "0000000000000000000000000000000000000000000000000000000000000000");
  g_assert_cmpstr (other_note, !=, sha256);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/note/templates", test_templates);
  g_test_add_func ("/note/new", test_new);
  g_test_add_func ("/note/is-empty", test_is_empty);
  g_test_add_func ("/note/copy", test_copy);
  g_test_add_func ("/note/set-template", test_set_template);
  g_test_add_func ("/note/signed-content/pinned", test_signed_content_pinned);
  g_test_add_func ("/note/signed-content/unambiguous", test_signed_content_unambiguous);
  g_test_add_func ("/note/addendum-content", test_addendum_content);

  return g_test_run ();
}
