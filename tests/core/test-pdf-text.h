/* test-pdf-text.h
 *
 * Reading a PDF back with poppler's command-line tools, for tests that
 * check what a written document says (and what it must never say).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TEST_PDF_TEXT_LAYOUT,   /* pdftotext -layout -nodiag: as the page shows it, without
                           * diagonal text (a watermark, whose letters would mix in) */
  TEST_PDF_TEXT_RAW,      /* pdftotext -raw: in the order it was drawn */
} TestPdfTextMode;

/* The text of @path with every run of white space made one space, so a
 * sentence reads the same wherever a line happened to wrap. */
char  *test_pdf_text       (const char       *path,
                            TestPdfTextMode   mode);
/* The text of one page (from 1), the same way. */
char  *test_pdf_page_text  (const char       *path,
                            guint             page,
                            TestPdfTextMode   mode);
/* The value of a "Key: value" line of pdfinfo about @path ("Pages", "Title"…), or NULL. */
char  *test_pdf_info       (const char       *path,
                            const char       *key);

G_END_DECLS
