/* test-pdf-text.c
 *
 * pdftotext and pdfinfo (poppler-utils, a build dependency of the tests)
 * run on a written PDF; a missing tool fails the test rather than skip it.
 */
#define G_LOG_DOMAIN "alliance-test-pdf-text"

#include "config.h"

#include <string.h>

#include "test-pdf-text.h"

static char *
run_tool (const char        *tool,
          const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *path = g_find_program_in_path (tool);
  char *out = NULL;
  int status = 0;

  if (path == NULL)
    g_error ("%s (poppler-utils) is needed to check the PDF and is not installed", tool);
  g_ptr_array_add (argv, path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", tool, error->message, err);
  return out;
}

static char *
squeeze_space (const char *raw)
{
  GString *text = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = raw; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        space = TRUE;
      else
        {
          if (space && text->len > 0)
            g_string_append_c (text, ' ');
          space = FALSE;
          g_string_append_c (text, *p);
        }
    }
  return g_string_free (text, FALSE);
}

static char *
extract (const char      *path,
         guint            page,
         TestPdfTextMode  mode)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *raw = NULL;

  g_ptr_array_add (args, (char *)"-enc");
  g_ptr_array_add (args, (char *)"UTF-8");
  if (mode == TEST_PDF_TEXT_RAW)
    g_ptr_array_add (args, (char *)"-raw");
  else
    {
      g_ptr_array_add (args, (char *)"-layout");
      g_ptr_array_add (args, (char *)"-nodiag");
    }
  if (page > 0)
    {
      g_ptr_array_add (args, (char *)"-f");
      g_ptr_array_add (args, first);
      g_ptr_array_add (args, (char *)"-l");
      g_ptr_array_add (args, first);
    }
  g_ptr_array_add (args, (char *)path);
  g_ptr_array_add (args, (char *)"-");
  g_ptr_array_add (args, NULL);
  raw = run_tool ("pdftotext", (const char *const *)args->pdata);
  return squeeze_space (raw);
}

char *
test_pdf_text (const char      *path,
               TestPdfTextMode  mode)
{
  return extract (path, 0, mode);
}

char *
test_pdf_page_text (const char      *path,
                    guint            page,
                    TestPdfTextMode  mode)
{
  g_assert_cmpuint (page, >=, 1);
  return extract (path, page, mode);
}

char *
test_pdf_info (const char *path,
               const char *key)
{
  g_autofree char *info = run_tool ("pdfinfo", (const char *[]){ "-enc", "UTF-8", path, NULL });
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  gsize key_length = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], key, key_length) == 0 && lines[i][key_length] == ':')
      return g_strstrip (g_strdup (lines[i] + key_length + 1));
  return NULL;
}
