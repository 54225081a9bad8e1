/* alliance-page-layout.h
 *
 * Printed pages from a list of blocks — headings, paragraphs, rules,
 * spaces, figures and page breaks — with a running header, a "Page N of M"
 * footer and, if asked, a watermark. One layout
 * serves PDF export and printing: paginate once with the PangoContext of
 * the target, then draw any page on any cairo context. Reports (the
 * clinical record, supervision packets) only build blocks.
 *
 * Units are points (1/72 inch), measured from the top-left corner of the
 * paper. With GtkPrintOperation: GTK_UNIT_POINTS, use_full_page TRUE, and
 * the context from gtk_print_context_create_pango_context().
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* The A4 sheet, the default when the locale does not say. */
#define ALLIANCE_PAGE_A4_WIDTH  595.276
#define ALLIANCE_PAGE_A4_HEIGHT 841.890
#define ALLIANCE_PAGE_DEFAULT_MARGIN 56.0

typedef enum
{
  ALLIANCE_PAGE_STYLE_BODY,        /* running text */
  ALLIANCE_PAGE_STYLE_TITLE,       /* the document's own title, once */
  ALLIANCE_PAGE_STYLE_HEADING,     /* one entry, e.g. a session; repeated atop
                                    * a page that continues it */
  ALLIANCE_PAGE_STYLE_SUBHEADING,  /* a part of an entry, e.g. a note section */
  ALLIANCE_PAGE_STYLE_STRONG,      /* body size, bold: a warning or a state */
  ALLIANCE_PAGE_STYLE_DETAIL,      /* small: signatures, facts about the text */
  ALLIANCE_PAGE_N_STYLES,
} AlliancePageStyle;

/* Where a part of a block went: lines [first_line, first_line + n_lines)
 * of block @block, their top at @y on the page. A rule or a figure has no
 * lines; a figure's @height is what it was given. */
typedef struct
{
  guint  block;
  guint  first_line;
  guint  n_lines;
  double y;
  double height;
} AlliancePagePlacement;

/* Draws a figure into the box (0, 0, @width, @height) of @cr, in points. */
typedef void (*AlliancePageDrawFunc) (cairo_t  *cr,
                                      double    width,
                                      double    height,
                                      gpointer  user_data);

#define ALLIANCE_TYPE_PAGE_LAYOUT (alliance_page_layout_get_type ())

G_DECLARE_FINAL_TYPE (AlliancePageLayout, alliance_page_layout, ALLIANCE, PAGE_LAYOUT, GObject)

AlliancePageLayout          *alliance_page_layout_new                (void);

/* Building */
void                         alliance_page_layout_set_header         (AlliancePageLayout  *self,
                                                                      const char          *title,
                                                                      const char          *subject,
                                                                      const char          *detail);
void                         alliance_page_layout_set_footer         (AlliancePageLayout  *self,
                                                                      const char          *text);
void                         alliance_page_layout_set_margin         (AlliancePageLayout  *self,
                                                                      double               margin);
void                         alliance_page_layout_set_indent         (AlliancePageLayout  *self,
                                                                      double               indent);
void                         alliance_page_layout_add_text           (AlliancePageLayout  *self,
                                                                      AlliancePageStyle    style,
                                                                      const char          *text);
void                         alliance_page_layout_add_heading        (AlliancePageLayout  *self,
                                                                      AlliancePageStyle    style,
                                                                      const char          *text);
void                         alliance_page_layout_add_rule           (AlliancePageLayout  *self);
void                         alliance_page_layout_add_space          (AlliancePageLayout  *self,
                                                                      double               points);
void                         alliance_page_layout_add_figure         (AlliancePageLayout  *self,
                                                                      double               height,
                                                                      AlliancePageDrawFunc draw,
                                                                      gpointer             user_data,
                                                                      GDestroyNotify       destroy);
void                         alliance_page_layout_add_page_break     (AlliancePageLayout  *self);
void                         alliance_page_layout_add_header_subject (AlliancePageLayout  *self,
                                                                      const char          *subject,
                                                                      const char          *detail);
void                         alliance_page_layout_set_watermark      (AlliancePageLayout  *self,
                                                                      const char          *text);

/* Pages */
guint                        alliance_page_layout_paginate           (AlliancePageLayout  *self,
                                                                      PangoContext        *context,
                                                                      double               page_width,
                                                                      double               page_height);
guint                        alliance_page_layout_get_n_pages        (AlliancePageLayout  *self);
void                         alliance_page_layout_draw_page          (AlliancePageLayout  *self,
                                                                      cairo_t             *cr,
                                                                      guint                page);
gboolean                     alliance_page_layout_write_pdf          (AlliancePageLayout  *self,
                                                                      const char          *path,
                                                                      const char          *title,
                                                                      GError             **error);

/* What pagination decided, for tests and previews */
guint                        alliance_page_layout_get_n_blocks       (AlliancePageLayout  *self);
guint                        alliance_page_layout_get_block_n_lines  (AlliancePageLayout  *self,
                                                                      guint                block);
gboolean                     alliance_page_layout_get_block_keeps_with_next (AlliancePageLayout *self,
                                                                      guint                block);
const AlliancePagePlacement *alliance_page_layout_get_placements     (AlliancePageLayout  *self,
                                                                      guint                page,
                                                                      guint               *n_placements);
int                          alliance_page_layout_get_continued_entry (AlliancePageLayout *self,
                                                                      guint                page);
const char                  *alliance_page_layout_get_page_subject   (AlliancePageLayout  *self,
                                                                      guint                page);
void                         alliance_page_layout_get_body_area      (AlliancePageLayout  *self,
                                                                      double              *top,
                                                                      double              *bottom);

void                         alliance_page_get_default_size          (double              *width,
                                                                      double              *height);

G_END_DECLS
