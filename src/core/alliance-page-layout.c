/* alliance-page-layout.c
 *
 * Pagination works on whole lines of PangoLayouts: a paragraph breaks only
 * between two of its lines, a heading stays with the first lines of what
 * follows it (or with the whole of a figure), a paragraph leaves neither
 * its first nor its last line alone on a page when it can help it, a
 * figure is never split, and spaces and rules vanish at the top of a page.
 * A page that begins inside an entry (the text under a
 * ALLIANCE_PAGE_STYLE_HEADING) opens with that heading, marked continued,
 * so every page says what it belongs to. Drawing replays what pagination
 * decided, line by line, so what is printed is exactly what was measured.
 */
#define G_LOG_DOMAIN "alliance-page-layout"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "alliance-file-writer.h"
#include "alliance-page-layout.h"

typedef enum
{
  BLOCK_TEXT,
  BLOCK_RULE,
  BLOCK_SPACE,
  BLOCK_FIGURE,
  BLOCK_PAGE_BREAK,
  BLOCK_SUBJECT,      /* the header's subject from here on: no height */
} BlockKind;

/* One line of a laid-out block, in points from the top of its layout. */
typedef struct
{
  PangoLayoutLine *line;     /* owned by the block's layout */
  double           x;        /* where the line's origin goes */
  double           top;
  double           bottom;
  double           baseline;
} LineBox;

typedef struct
{
  BlockKind          kind;
  AlliancePageStyle  style;
  char              *text;
  double             indent;
  double             space;            /* BLOCK_SPACE, and BLOCK_FIGURE's height */
  gboolean           keep_with_next;
  char              *detail;           /* BLOCK_SUBJECT only */
  AlliancePageDrawFunc draw;           /* BLOCK_FIGURE only */
  gpointer           draw_data;
  GDestroyNotify     draw_data_destroy;

  /* Set by pagination */
  PangoLayout       *layout;           /* BLOCK_SUBJECT: the header's right side */
  GArray            *lines;            /* LineBox */
  PangoLayout       *continued_layout; /* entries: "… (continued)" */
} Block;

typedef struct
{
  GArray *placements;                  /* AlliancePagePlacement */
  int     continued;                   /* the entry this page continues, or -1 */
  int     subject;                     /* the BLOCK_SUBJECT its header shows, or -1 */
} Page;

struct _AlliancePageLayout
{
  GObject                parent_instance;

  GPtrArray             *blocks;       /* Block */
  char                  *header_title;
  char                  *header_subject;
  char                  *header_detail;
  char                  *footer_text;
  char                  *watermark;
  double                 margin;
  double                 indent;

  /* Set by pagination */
  PangoContext          *context;
  double                 page_width;
  double                 page_height;
  double                 body_top;
  double                 body_bottom;
  double                 header_rule_y;
  double                 footer_rule_y;
  PangoLayout           *title_layout;
  PangoLayout           *subject_layout;
  PangoLayout           *footer_layout;
  PangoLayout           *watermark_layout;
  GPtrArray             *pages;        /* Page */
};

G_DEFINE_FINAL_TYPE (AlliancePageLayout, alliance_page_layout, G_TYPE_OBJECT)

static const struct
{
  const char *font;
  double      line_spacing;   /* a factor of the font's height; 0 for the font's own */
} styles[ALLIANCE_PAGE_N_STYLES] = {
  [ALLIANCE_PAGE_STYLE_BODY] = { "Sans 10", 1.2 },
  [ALLIANCE_PAGE_STYLE_TITLE] = { "Sans Bold 16", 0 },
  [ALLIANCE_PAGE_STYLE_HEADING] = { "Sans Bold 11", 0 },
  [ALLIANCE_PAGE_STYLE_SUBHEADING] = { "Sans Bold 10", 0 },
  [ALLIANCE_PAGE_STYLE_STRONG] = { "Sans Bold 10", 1.2 },
  [ALLIANCE_PAGE_STYLE_DETAIL] = { "Sans 8.5", 0 },
};

#define CONTINUED_FONT      "Sans Italic 8.5"
#define CONTINUED_SPACE     8.0    /* between an entry's continued heading and the body */
#define HEADER_TITLE_FONT   "Sans Bold 13"
#define HEADER_SUBJECT_FONT "Sans Bold 10"
#define HEADER_DETAIL_FONT  "Sans 8.5"
#define FOOTER_FONT         "Sans 8"
#define RULE_HEIGHT         1.0
#define RULE_WIDTH          0.5
#define HEADER_GAP          6.0    /* between the header and its rule */
#define HEADER_SPACE        18.0   /* between the header's rule and the body */
#define FOOTER_GAP          5.0    /* between the footer's rule and its text */
#define FOOTER_SPACE        14.0   /* between the body and the footer's rule */
#define FIT_TOLERANCE       0.01   /* points: rounding, never a visible overlap */
#define WATERMARK_FONT      "Sans Bold"
#define WATERMARK_GREY      0.88   /* light enough to read the text over it */
#define WATERMARK_SPAN      0.75   /* of the page's diagonal */

/* ---------------------------------------------------------------------- */
/* Blocks                                                                  */

static void
block_free (Block *block)
{
  if (block->draw_data_destroy != NULL)
    block->draw_data_destroy (block->draw_data);
  g_free (block->text);
  g_free (block->detail);
  g_clear_object (&block->layout);
  g_clear_object (&block->continued_layout);
  g_clear_pointer (&block->lines, g_array_unref);
  g_free (block);
}

static void
page_free (Page *page)
{
  g_array_unref (page->placements);
  g_free (page);
}

static Block *
add_block (AlliancePageLayout *self,
           BlockKind           kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->indent = self->indent;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static Block *
get_block (AlliancePageLayout *self,
           guint               index)
{
  return g_ptr_array_index (self->blocks, index);
}

static gboolean
block_is_entry (const Block *block)
{
  return block->kind == BLOCK_TEXT && block->style == ALLIANCE_PAGE_STYLE_HEADING;
}

static const LineBox *
get_line (const Block *block,
          guint        index)
{
  return &g_array_index (block->lines, LineBox, index);
}

static double
block_height (const Block *block)
{
  switch (block->kind)
    {
    case BLOCK_TEXT:
      return get_line (block, block->lines->len - 1)->bottom - get_line (block, 0)->top;
    case BLOCK_RULE:
      return RULE_HEIGHT;
    case BLOCK_SPACE:
    case BLOCK_FIGURE:
      return block->space;
    case BLOCK_PAGE_BREAK:
    case BLOCK_SUBJECT:
    default:
      return 0;
    }
}

/* The least of a paragraph that may stand at the foot of a page: two
 * lines, or its only line. */
static guint
block_min_head_lines (const Block *block)
{
  return MIN (block->lines->len, 2);
}

static double
block_head_height (const Block *block)
{
  return get_line (block, block_min_head_lines (block) - 1)->bottom - get_line (block, 0)->top;
}

/* ---------------------------------------------------------------------- */
/* Measuring                                                               */

static PangoLayout *
create_layout (AlliancePageLayout *self,
               const char         *font,
               double              line_spacing,
               double              width,
               const char         *text)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1.0)));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (line_spacing > 0)
    pango_layout_set_line_spacing (layout, (float)line_spacing);
  /* Plain text: what a person typed is never read as markup. */
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  if (layout == NULL)
    return 0;
  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.y + logical.height);
}

static void
measure_block (AlliancePageLayout *self,
               Block              *block,
               double              width)
{
  PangoLayoutIter *iter;

  /* Measured with the header, in measure_frame(). */
  if (block->kind == BLOCK_SUBJECT)
    return;
  g_clear_object (&block->layout);
  g_clear_object (&block->continued_layout);
  g_clear_pointer (&block->lines, g_array_unref);
  if (block->kind != BLOCK_TEXT)
    return;

  if (block_is_entry (block))
    {
      /* Translators: an entry's heading (e.g. a session) atop a page that continues it */
      g_autofree char *continued = g_strdup_printf (_("%s (continued)"), block->text);

      block->continued_layout = create_layout (self, CONTINUED_FONT, 0, width, continued);
    }

  block->layout = create_layout (self, styles[block->style].font, styles[block->style].line_spacing,
                                 width - block->indent, block->text);
  block->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));

  iter = pango_layout_get_iter (block->layout);
  do
    {
      PangoRectangle logical, line_logical;
      LineBox box;

      box.line = pango_layout_iter_get_line_readonly (iter);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_line_get_extents (box.line, NULL, &line_logical);
      /* The iterator gives the line's place in the layout (its alignment
       * included); a line draws from its origin. */
      box.x = pango_units_to_double (logical.x - line_logical.x);
      box.top = pango_units_to_double (logical.y);
      box.bottom = pango_units_to_double (logical.y + logical.height);
      box.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      g_array_append_val (block->lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  g_assert (block->lines->len > 0);
}

/* The right side of the header: the subject (bold) above its detail,
 * both flush right. */
static PangoLayout *
create_subject_layout (AlliancePageLayout *self,
                       const char         *subject,
                       const char         *detail,
                       double              width)
{
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();
  g_autofree char *text = NULL;
  gsize subject_length = subject != NULL ? strlen (subject) : 0;
  PangoLayout *layout;

  if (subject != NULL && detail != NULL)
    text = g_strconcat (subject, "\n", detail, NULL);
  else if (subject != NULL || detail != NULL)
    text = g_strdup (subject != NULL ? subject : detail);
  else
    text = g_strdup ("");
  layout = create_layout (self, HEADER_DETAIL_FONT, 0, width, text);
  if (subject_length > 0)
    {
      PangoFontDescription *bold = pango_font_description_from_string (HEADER_SUBJECT_FONT);
      PangoAttribute *attribute = pango_attr_font_desc_new (bold);

      attribute->start_index = 0;
      attribute->end_index = (guint)subject_length;
      pango_attr_list_insert (attributes, attribute);
      pango_font_description_free (bold);
    }
  pango_layout_set_attributes (layout, attributes);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  return layout;
}

/* The watermark's size: its text across most of the page's diagonal. */
static void
measure_watermark (AlliancePageLayout *self)
{
  PangoFontDescription *font;
  PangoRectangle logical;
  double diagonal = hypot (self->page_width, self->page_height);
  double size = 100;

  g_clear_object (&self->watermark_layout);
  if (self->watermark == NULL || self->watermark[0] == '\0')
    return;

  self->watermark_layout = pango_layout_new (self->context);
  pango_layout_set_text (self->watermark_layout, self->watermark, -1);
  for (int pass = 0; pass < 2; pass++)
    {
      font = pango_font_description_from_string (WATERMARK_FONT);
      pango_font_description_set_size (font, pango_units_from_double (size));
      pango_layout_set_font_description (self->watermark_layout, font);
      pango_font_description_free (font);
      pango_layout_get_extents (self->watermark_layout, NULL, &logical);
      if (logical.width <= 0)
        return;
      /* Text scales with its size: one correction is enough. */
      size *= diagonal * WATERMARK_SPAN / pango_units_to_double (logical.width);
      size = MIN (size, self->page_height / 4);
    }
}

/* The header, the footer's own text, and so the body between them. */
static void
measure_frame (AlliancePageLayout *self)
{
  double content_width = self->page_width - 2 * self->margin;
  double title_width = content_width * 0.45;
  double subject_width = content_width - title_width - 12;
  double header_height = 0, footer_height = 0;
  gboolean has_subjects = FALSE;

  g_clear_object (&self->title_layout);
  g_clear_object (&self->subject_layout);
  g_clear_object (&self->footer_layout);

  /* Subjects that change along the way are measured here, so the body
   * starts below the tallest header of all. */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = get_block (self, i);

      if (block->kind != BLOCK_SUBJECT)
        continue;
      g_clear_object (&block->layout);
      block->layout = create_subject_layout (self, block->text, block->detail, subject_width);
      header_height = MAX (header_height, layout_height (block->layout));
      has_subjects = TRUE;
    }

  if (self->header_title != NULL || self->header_subject != NULL || self->header_detail != NULL || has_subjects)
    {
      self->title_layout = create_layout (self, HEADER_TITLE_FONT, 0, title_width,
                                          self->header_title != NULL ? self->header_title : "");
      self->subject_layout = create_subject_layout (self, self->header_subject, self->header_detail, subject_width);

      header_height = MAX (header_height, MAX (layout_height (self->title_layout), layout_height (self->subject_layout)));
      self->header_rule_y = self->margin + header_height + HEADER_GAP;
      self->body_top = self->header_rule_y + HEADER_SPACE;
    }
  else
    self->body_top = self->margin;

  if (self->footer_text != NULL)
    {
      self->footer_layout = create_layout (self, FOOTER_FONT, 0, content_width * 0.7, self->footer_text);
      footer_height = layout_height (self->footer_layout);
    }
  /* The page number is always there. */
  {
    g_autoptr(PangoLayout) sample = create_layout (self, FOOTER_FONT, 0, content_width, "0");
    footer_height = MAX (footer_height, layout_height (sample));
  }
  self->footer_rule_y = self->page_height - self->margin - footer_height - FOOTER_GAP;
  self->body_bottom = self->footer_rule_y - FOOTER_SPACE;
}

/* ---------------------------------------------------------------------- */
/* Pagination                                                              */

typedef struct
{
  AlliancePageLayout *self;
  Page               *page;    /* the page being filled */
  int                 entry;   /* the entry being placed, or -1 */
  int                 subject; /* the BLOCK_SUBJECT in force, or -1 */
  double              y;
} Paginator;

/* Below the continued heading, when the page opens inside an entry. */
static double
page_body_top (AlliancePageLayout *self,
               int                 continued)
{
  if (continued < 0)
    return self->body_top;
  return self->body_top + layout_height (get_block (self, (guint)continued)->continued_layout) + CONTINUED_SPACE;
}

static void
start_page (Paginator *paginator)
{
  paginator->page = g_new0 (Page, 1);
  paginator->page->placements = g_array_new (FALSE, FALSE, sizeof (AlliancePagePlacement));
  paginator->page->continued = paginator->entry;
  paginator->page->subject = paginator->subject;
  g_ptr_array_add (paginator->self->pages, paginator->page);
  paginator->y = page_body_top (paginator->self, paginator->page->continued);
}

static gboolean
page_is_empty (Paginator *paginator)
{
  return paginator->page->placements->len == 0;
}

static gboolean
fits (Paginator *paginator,
      double     height)
{
  return paginator->y + height <= paginator->self->body_bottom + FIT_TOLERANCE;
}

static void
place (Paginator *paginator,
       guint      block,
       guint      first_line,
       guint      n_lines,
       double     height)
{
  AlliancePagePlacement placement = { 0 };

  /* An entry that opens its page needs no continued heading above it. */
  if (page_is_empty (paginator) && first_line == 0 && paginator->entry == (int)block)
    {
      paginator->page->continued = -1;
      paginator->y = page_body_top (paginator->self, -1);
    }

  placement.block = block;
  placement.first_line = first_line;
  placement.n_lines = n_lines;
  placement.y = paginator->y;
  placement.height = height;
  g_array_append_val (paginator->page->placements, placement);
  paginator->y += height;
}

/* A heading, and what it must not be parted from: any headings right
 * after it, and the first lines of the paragraph they introduce. */
static double
keep_height (AlliancePageLayout *self,
             guint               index)
{
  double height = block_height (get_block (self, index));

  for (guint i = index + 1; i < self->blocks->len; i++)
    {
      const Block *next = get_block (self, i);

      if (next->kind == BLOCK_SPACE)
        height += next->space;
      else if (next->kind == BLOCK_SUBJECT)
        continue;
      else if (next->kind == BLOCK_RULE || next->kind == BLOCK_PAGE_BREAK)
        break;
      else if (next->kind == BLOCK_FIGURE)
        {
          /* A figure comes whole: its heading waits for it. */
          height += next->space;
          break;
        }
      else if (next->keep_with_next)
        height += block_height (next);
      else
        {
          height += block_head_height (next);
          break;
        }
    }
  return height;
}

static void
place_text (Paginator *paginator,
            guint      index)
{
  AlliancePageLayout *self = paginator->self;
  const Block *block = get_block (self, index);
  guint n_lines = block->lines->len;
  guint first = 0;

  if (block->keep_with_next && !page_is_empty (paginator) && !fits (paginator, keep_height (self, index)))
    start_page (paginator);

  while (first < n_lines)
    {
      double top = get_line (block, first)->top;
      guint rest = n_lines - first;
      guint n_fit = 0;

      while (n_fit < rest && fits (paginator, get_line (block, first + n_fit)->bottom - top))
        n_fit++;

      if (n_fit < rest)
        {
          /* Not the opening line alone at the foot of a page... */
          if (first == 0 && n_fit < block_min_head_lines (block) && !page_is_empty (paginator))
            {
              start_page (paginator);
              continue;
            }
          /* ...nor the closing line alone at the head of the next. */
          if (rest - n_fit == 1 && n_fit >= 3)
            n_fit--;
          /* A line taller than a whole page still goes somewhere. */
          if (n_fit == 0)
            {
              if (!page_is_empty (paginator))
                {
                  start_page (paginator);
                  continue;
                }
              n_fit = 1;
            }
        }

      place (paginator, index, first, n_fit, get_line (block, first + n_fit - 1)->bottom - top);
      first += n_fit;
      if (first < n_lines)
        start_page (paginator);
    }
}

/* A figure goes whole on the page where it fits, or on the next; one
 * taller than a whole body is given the body, so it is drawn smaller
 * rather than over the footer. */
static void
place_figure (Paginator *paginator,
              guint      index)
{
  const Block *block = get_block (paginator->self, index);
  double height = block->space;

  if (!fits (paginator, height) && !page_is_empty (paginator))
    start_page (paginator);
  if (!fits (paginator, height))
    height = MAX (paginator->self->body_bottom - paginator->y, 1.0);
  place (paginator, index, 0, 0, height);
}

static void
paginate_blocks (AlliancePageLayout *self)
{
  Paginator paginator = { .self = self, .entry = -1, .subject = -1 };

  start_page (&paginator);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = get_block (self, i);

      switch (block->kind)
        {
        case BLOCK_SPACE:
          /* Space at the top of a page separates nothing. */
          if (!page_is_empty (&paginator))
            paginator.y += block->space;
          break;

        case BLOCK_RULE:
          /* Nor does a rule; one that does not fit ends the page instead. */
          if (page_is_empty (&paginator))
            break;
          if (!fits (&paginator, RULE_HEIGHT))
            start_page (&paginator);
          else
            place (&paginator, i, 0, 0, RULE_HEIGHT);
          break;

        case BLOCK_FIGURE:
          place_figure (&paginator, i);
          break;

        case BLOCK_PAGE_BREAK:
          if (!page_is_empty (&paginator))
            start_page (&paginator);
          break;

        case BLOCK_SUBJECT:
          /* A page shows the subject of what it begins with. */
          paginator.subject = (int)i;
          if (page_is_empty (&paginator))
            paginator.page->subject = (int)i;
          break;

        case BLOCK_TEXT:
        default:
          if (block_is_entry (block))
            paginator.entry = (int)i;
          place_text (&paginator, i);
          break;
        }
    }

  /* A page that only spaces and rules would have begun is no page. */
  if (self->pages->len > 1 && page_is_empty (&paginator))
    g_ptr_array_remove_index (self->pages, self->pages->len - 1);
}

/* ---------------------------------------------------------------------- */
/* Drawing                                                                 */

static void
draw_rule (cairo_t *cr,
           double   x0,
           double   x1,
           double   y)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, RULE_WIDTH);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Light grey, across the page's diagonal, under everything else. */
static void
draw_watermark (AlliancePageLayout *self,
                cairo_t            *cr)
{
  PangoRectangle logical;

  if (self->watermark_layout == NULL)
    return;
  pango_layout_get_extents (self->watermark_layout, NULL, &logical);
  cairo_save (cr);
  cairo_set_source_rgb (cr, WATERMARK_GREY, WATERMARK_GREY, WATERMARK_GREY);
  cairo_translate (cr, self->page_width / 2, self->page_height / 2);
  cairo_rotate (cr, -atan2 (self->page_height, self->page_width));
  cairo_move_to (cr, -pango_units_to_double (logical.x + logical.width) / 2,
                 -pango_units_to_double (logical.y + logical.height) / 2);
  pango_cairo_show_layout (cr, self->watermark_layout);
  cairo_restore (cr);
}

static void
draw_frame (AlliancePageLayout *self,
            cairo_t            *cr,
            guint               page)
{
  const Page *drawn = g_ptr_array_index (self->pages, page);
  double left = self->margin;
  double right = self->page_width - self->margin;
  g_autoptr(PangoLayout) number_layout = NULL;
  g_autofree char *number = NULL;

  if (self->title_layout != NULL)
    {
      PangoLayout *subject = drawn->subject >= 0 ? get_block (self, (guint)drawn->subject)->layout
                                                 : self->subject_layout;

      cairo_move_to (cr, left, self->margin);
      pango_cairo_show_layout (cr, self->title_layout);
      cairo_move_to (cr, right - pango_units_to_double (pango_layout_get_width (subject)), self->margin);
      pango_cairo_show_layout (cr, subject);
      draw_rule (cr, left, right, self->header_rule_y);
    }

  draw_rule (cr, left, right, self->footer_rule_y);
  if (self->footer_layout != NULL)
    {
      cairo_move_to (cr, left, self->footer_rule_y + FOOTER_GAP);
      pango_cairo_show_layout (cr, self->footer_layout);
    }

  /* Translators: in the footer of every printed page */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  number_layout = create_layout (self, FOOTER_FONT, 0, right - left, number);
  pango_layout_set_alignment (number_layout, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, left, self->footer_rule_y + FOOTER_GAP);
  pango_cairo_show_layout (cr, number_layout);
}

static void
draw_continued (AlliancePageLayout *self,
                cairo_t            *cr,
                const Page         *page)
{
  if (page->continued < 0)
    return;
  cairo_move_to (cr, self->margin, self->body_top);
  pango_cairo_show_layout (cr, get_block (self, (guint)page->continued)->continued_layout);
}

static void
draw_placement (AlliancePageLayout          *self,
                cairo_t                     *cr,
                const AlliancePagePlacement *placement)
{
  const Block *block = get_block (self, placement->block);
  double left = self->margin + block->indent;

  if (block->kind == BLOCK_RULE)
    {
      draw_rule (cr, left, self->page_width - self->margin, placement->y + RULE_HEIGHT / 2);
      return;
    }
  if (block->kind == BLOCK_FIGURE)
    {
      /* Its own box and its own state: a figure cannot spill onto the page. */
      cairo_save (cr);
      cairo_translate (cr, left, placement->y);
      cairo_rectangle (cr, 0, 0, self->page_width - self->margin - left, placement->height);
      cairo_clip (cr);
      cairo_new_path (cr);
      block->draw (cr, self->page_width - self->margin - left, placement->height, block->draw_data);
      cairo_restore (cr);
      return;
    }

  for (guint i = placement->first_line; i < placement->first_line + placement->n_lines; i++)
    {
      const LineBox *box = get_line (block, i);

      cairo_move_to (cr, left + box->x,
                     placement->y + box->baseline - get_line (block, placement->first_line)->top);
      pango_cairo_show_layout_line (cr, box->line);
    }
}

/* ---------------------------------------------------------------------- */
/* Writing a PDF                                                           */

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display_name = g_filename_display_name (path);

  if (saved_errno != 0)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 /* Translators: a file name, then why, e.g. "Permission denied" */
                 _("Could not save “%s”: %s."), display_name, g_strerror (saved_errno));
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                 _("Could not save “%s”: the pages could not be drawn."), display_name);
}

/* Draws every page into a PDF written to @fd; errno, or 0, on failure. */
static gboolean
render_pdf (AlliancePageLayout *self,
            int                 fd,
            const char         *title,
            int                *saved_errno)
{
  AllianceFileSink sink = { .fd = fd };
  cairo_surface_t *surface;
  cairo_font_options_t *options;
  cairo_status_t status;
  PangoContext *context;
  cairo_t *cr;
  double width, height;
  guint n_pages;

  alliance_page_get_default_size (&width, &height);
  surface = cairo_pdf_surface_create_for_stream (alliance_file_sink_write, &sink, width, height);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Alliance");
  cr = cairo_create (surface);

  /* Points, and metrics that do not depend on a screen. */
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  n_pages = alliance_page_layout_paginate (self, context, width, height);
  for (guint page = 0; page < n_pages && cairo_status (cr) == CAIRO_STATUS_SUCCESS; page++)
    {
      alliance_page_layout_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  g_object_unref (context);

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  *saved_errno = sink.saved_errno;
  return status == CAIRO_STATUS_SUCCESS;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static void
clear_pagination (AlliancePageLayout *self)
{
  g_ptr_array_set_size (self->pages, 0);
  g_clear_object (&self->title_layout);
  g_clear_object (&self->subject_layout);
  g_clear_object (&self->footer_layout);
  g_clear_object (&self->watermark_layout);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = get_block (self, i);

      g_clear_object (&block->layout);
      g_clear_object (&block->continued_layout);
      g_clear_pointer (&block->lines, g_array_unref);
    }
}

static void
alliance_page_layout_dispose (GObject *object)
{
  AlliancePageLayout *self = (AlliancePageLayout *)object;

  clear_pagination (self);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (alliance_page_layout_parent_class)->dispose (object);
}

static void
alliance_page_layout_finalize (GObject *object)
{
  AlliancePageLayout *self = (AlliancePageLayout *)object;

  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->pages);
  g_free (self->header_title);
  g_free (self->header_subject);
  g_free (self->header_detail);
  g_free (self->footer_text);
  g_free (self->watermark);

  G_OBJECT_CLASS (alliance_page_layout_parent_class)->finalize (object);
}

static void
alliance_page_layout_class_init (AlliancePageLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alliance_page_layout_dispose;
  object_class->finalize = alliance_page_layout_finalize;
}

static void
alliance_page_layout_init (AlliancePageLayout *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)page_free);
  self->margin = ALLIANCE_PAGE_DEFAULT_MARGIN;
}

/* ---------------------------------------------------------------------- */
/* Public API                                                              */

AlliancePageLayout *
alliance_page_layout_new (void)
{
  return g_object_new (ALLIANCE_TYPE_PAGE_LAYOUT, NULL);
}

/**
 * alliance_page_layout_set_header:
 * @title: (nullable): on the left, bold, e.g. "Clinical record"
 * @subject: (nullable): on the right, bold: whom the document is about
 * @detail: (nullable): on the right, under @subject, small
 *
 * The running header of every page; all %NULL for none.
 */
void
alliance_page_layout_set_header (AlliancePageLayout *self,
                                 const char         *title,
                                 const char         *subject,
                                 const char         *detail)
{
  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));

  g_free (self->header_title);
  g_free (self->header_subject);
  g_free (self->header_detail);
  self->header_title = g_strdup (title);
  self->header_subject = g_strdup (subject);
  self->header_detail = g_strdup (detail);
}

/* @text: (nullable): on the left of every page's footer; the right has
 * "Page N of M". */
void
alliance_page_layout_set_footer (AlliancePageLayout *self,
                                 const char         *text)
{
  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));

  g_free (self->footer_text);
  self->footer_text = g_strdup (text);
}

/* The same on all four sides; the header and footer sit inside it. */
void
alliance_page_layout_set_margin (AlliancePageLayout *self,
                                 double              margin)
{
  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));
  g_return_if_fail (margin >= 0);

  self->margin = margin;
}

/* How far from the left margin the blocks added from now on start. */
void
alliance_page_layout_set_indent (AlliancePageLayout *self,
                                 double              indent)
{
  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));
  g_return_if_fail (indent >= 0);

  self->indent = indent;
}

/* A paragraph, as plain text (never markup); it may break across pages
 * between any two of its lines. */
void
alliance_page_layout_add_text (AlliancePageLayout *self,
                               AlliancePageStyle   style,
                               const char         *text)
{
  Block *block;

  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));
  g_return_if_fail (style < ALLIANCE_PAGE_N_STYLES);
  g_return_if_fail (text != NULL);

  block = add_block (self, BLOCK_TEXT);
  block->style = style;
  block->text = g_strdup (text);
}

/* Text that stays on the same page as what comes next (down to the first
 * lines of the next paragraph). */
void
alliance_page_layout_add_heading (AlliancePageLayout *self,
                                  AlliancePageStyle   style,
                                  const char         *text)
{
  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));

  alliance_page_layout_add_text (self, style, text);
  get_block (self, self->blocks->len - 1)->keep_with_next = TRUE;
}

/* A thin horizontal line from the indent to the right margin. */
void
alliance_page_layout_add_rule (AlliancePageLayout *self)
{
  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));

  add_block (self, BLOCK_RULE);
}

/* Vertical space, dropped at the top of a page. */
void
alliance_page_layout_add_space (AlliancePageLayout *self,
                                double              points)
{
  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));
  g_return_if_fail (points >= 0);

  add_block (self, BLOCK_SPACE)->space = points;
}

/**
 * alliance_page_layout_add_figure:
 * @height: in points; the width is the body's, from the indent
 * @draw: draws the figure into (0, 0, width, height), clipped to it
 * @user_data: (nullable): for @draw, kept until the layout goes
 * @destroy: (nullable): frees @user_data
 *
 * A picture of a fixed height, never split: it moves to the next page
 * when the rest of this one is too short. A heading before it moves with
 * it. @draw is called each time the page is drawn, on any target.
 */
void
alliance_page_layout_add_figure (AlliancePageLayout   *self,
                                 double                height,
                                 AlliancePageDrawFunc  draw,
                                 gpointer              user_data,
                                 GDestroyNotify        destroy)
{
  Block *block;

  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));
  g_return_if_fail (height > 0);
  g_return_if_fail (draw != NULL);

  block = add_block (self, BLOCK_FIGURE);
  block->space = height;
  block->draw = draw;
  block->draw_data = user_data;
  block->draw_data_destroy = destroy;
}

/* What follows starts a new page (unless the page is still empty). */
void
alliance_page_layout_add_page_break (AlliancePageLayout *self)
{
  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));

  add_block (self, BLOCK_PAGE_BREAK);
}

/**
 * alliance_page_layout_add_header_subject:
 * @subject: (nullable): bold, on the right of the header
 * @detail: (nullable): small, under it
 *
 * Changes the header's subject (see alliance_page_layout_set_header()) for
 * what follows: a page shows the subject in force where its content
 * begins. Put it before a page break's content, e.g. one client of many.
 */
void
alliance_page_layout_add_header_subject (AlliancePageLayout *self,
                                         const char         *subject,
                                         const char         *detail)
{
  Block *block;

  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));

  block = add_block (self, BLOCK_SUBJECT);
  block->text = g_strdup (subject);
  block->detail = g_strdup (detail);
}

/**
 * alliance_page_layout_set_watermark:
 * @text: (nullable): e.g. "CONFIDENTIAL"; %NULL for none
 *
 * Text drawn large, diagonally and light grey behind everything on every
 * page.
 */
void
alliance_page_layout_set_watermark (AlliancePageLayout *self,
                                    const char         *text)
{
  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));

  g_free (self->watermark);
  self->watermark = g_strdup (text);
}

/**
 * alliance_page_layout_paginate:
 * @context: the PangoContext of the target, in points (resolution 72)
 * @page_width: the paper's width, in points
 * @page_height: the paper's height, in points
 *
 * Lays out every block with @context and decides what goes on which page.
 * Call it again when the target or the paper changes.
 *
 * Returns: the number of pages, at least 1
 */
guint
alliance_page_layout_paginate (AlliancePageLayout *self,
                               PangoContext       *context,
                               double              page_width,
                               double              page_height)
{
  double content_width;

  g_return_val_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self), 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);
  g_return_val_if_fail (page_width > 2 * self->margin && page_height > 2 * self->margin, 0);

  clear_pagination (self);
  g_set_object (&self->context, context);
  self->page_width = page_width;
  self->page_height = page_height;
  content_width = page_width - 2 * self->margin;

  measure_frame (self);
  measure_watermark (self);
  for (guint i = 0; i < self->blocks->len; i++)
    measure_block (self, get_block (self, i), content_width);
  paginate_blocks (self);

  return self->pages->len;
}

/* 0 before the first pagination. */
guint
alliance_page_layout_get_n_pages (AlliancePageLayout *self)
{
  g_return_val_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self), 0);

  return self->pages->len;
}

/**
 * alliance_page_layout_draw_page:
 * @cr: in points from the top-left corner of the paper
 * @page: from 0
 *
 * Draws one page as the last pagination decided: black text on the
 * paper, no background.
 */
void
alliance_page_layout_draw_page (AlliancePageLayout *self,
                                cairo_t            *cr,
                                guint               page)
{
  const Page *drawn;

  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  cairo_save (cr);
  draw_watermark (self, cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_frame (self, cr, page);

  drawn = g_ptr_array_index (self->pages, page);
  draw_continued (self, cr, drawn);
  for (guint i = 0; i < drawn->placements->len; i++)
    draw_placement (self, cr, &g_array_index (drawn->placements, AlliancePagePlacement, i));
  cairo_restore (cr);
}

/**
 * alliance_page_layout_write_pdf:
 * @path: the file to write; replaced if it exists
 * @title: (nullable): the PDF's title, shown by viewers
 *
 * Paginates for the locale's paper and writes every page as a PDF, private
 * to the user (0600). The PDF goes to a temporary file beside @path that
 * replaces @path only once complete: on failure @path is as it was and no
 * partial file is left. An earlier pagination (a screen preview, say) is
 * made again afterwards, so its pages stay as they were.
 */
typedef struct
{
  AlliancePageLayout *self;
  const char         *title;
} PdfJob;

static gboolean
write_pdf_cb (int       fd,
              gpointer  user_data,
              int      *saved_errno)
{
  PdfJob *job = user_data;

  return render_pdf (job->self, fd, job->title, saved_errno);
}

gboolean
alliance_page_layout_write_pdf (AlliancePageLayout  *self,
                                const char          *path,
                                const char          *title,
                                GError             **error)
{
  g_autoptr(GObject) previous_context = NULL;
  double previous_width = self->page_width;
  double previous_height = self->page_height;
  PdfJob job = { self, title };
  gboolean written;
  int saved_errno = 0;

  g_return_val_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->context != NULL)
    previous_context = g_object_ref (G_OBJECT (self->context));
  written = alliance_file_write_atomically (path, write_pdf_cb, &job, &saved_errno);
  if (previous_context != NULL)
    alliance_page_layout_paginate (self, PANGO_CONTEXT (previous_context), previous_width, previous_height);
  if (!written)
    set_write_error (error, path, saved_errno);
  return written;
}

guint
alliance_page_layout_get_n_blocks (AlliancePageLayout *self)
{
  g_return_val_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self), 0);

  return self->blocks->len;
}

/* Lines of a text block after pagination; 0 for rules and spaces. */
guint
alliance_page_layout_get_block_n_lines (AlliancePageLayout *self,
                                        guint               block)
{
  g_return_val_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self), 0);
  g_return_val_if_fail (block < self->blocks->len, 0);

  return get_block (self, block)->lines != NULL ? get_block (self, block)->lines->len : 0;
}

gboolean
alliance_page_layout_get_block_keeps_with_next (AlliancePageLayout *self,
                                                guint               block)
{
  g_return_val_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self), FALSE);
  g_return_val_if_fail (block < self->blocks->len, FALSE);

  return get_block (self, block)->keep_with_next;
}

/**
 * alliance_page_layout_get_placements:
 * @n_placements: (out): how many
 *
 * Returns: (transfer none): what page @page holds, top to bottom
 */
const AlliancePagePlacement *
alliance_page_layout_get_placements (AlliancePageLayout *self,
                                     guint               page,
                                     guint              *n_placements)
{
  const Page *found;

  g_return_val_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self), NULL);
  g_return_val_if_fail (page < self->pages->len, NULL);
  g_return_val_if_fail (n_placements != NULL, NULL);

  found = g_ptr_array_index (self->pages, page);
  *n_placements = found->placements->len;
  return (const AlliancePagePlacement *)(gpointer)found->placements->data;
}

/* The entry (a block in ALLIANCE_PAGE_STYLE_HEADING) whose heading page
 * @page repeats as continued, or -1. */
int
alliance_page_layout_get_continued_entry (AlliancePageLayout *self,
                                          guint               page)
{
  g_return_val_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self), -1);
  g_return_val_if_fail (page < self->pages->len, -1);

  return ((const Page *)g_ptr_array_index (self->pages, page))->continued;
}

/* The subject the header of @page shows (see
 * alliance_page_layout_add_header_subject()), or %NULL for none. */
const char *
alliance_page_layout_get_page_subject (AlliancePageLayout *self,
                                       guint               page)
{
  const Page *found;

  g_return_val_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self), NULL);
  g_return_val_if_fail (page < self->pages->len, NULL);

  found = g_ptr_array_index (self->pages, page);
  if (found->subject >= 0)
    return get_block (self, (guint)found->subject)->text;
  return self->header_subject;
}

/* Where the blocks go on every page, between the header and the footer. */
void
alliance_page_layout_get_body_area (AlliancePageLayout *self,
                                    double             *top,
                                    double             *bottom)
{
  g_return_if_fail (ALLIANCE_IS_PAGE_LAYOUT (self));

  if (top != NULL)
    *top = self->body_top;
  if (bottom != NULL)
    *bottom = self->body_bottom;
}

/**
 * alliance_page_get_default_size:
 *
 * The paper of the user's locale (LC_PAPER: A4, or Letter in North
 * America), in points; A4 when the locale does not say.
 */
void
alliance_page_get_default_size (double *width,
                                double *height)
{
  double paper_width = ALLIANCE_PAGE_A4_WIDTH;
  double paper_height = ALLIANCE_PAGE_A4_HEIGHT;

#if defined(__GLIBC__)
  {
    /* glibc keeps these two as numbers (millimetres) behind the string. */
    union { unsigned int word; char *string; } mm_width, mm_height;

    mm_width.string = nl_langinfo (_NL_PAPER_WIDTH);
    mm_height.string = nl_langinfo (_NL_PAPER_HEIGHT);
    if (mm_width.word == 216 && mm_height.word == 279)
      {
        paper_width = 612;
        paper_height = 792;
      }
    else if (mm_width.word >= 50 && mm_width.word <= 2000 && mm_height.word >= 50 && mm_height.word <= 2000)
      {
        paper_width = mm_width.word * 72.0 / 25.4;
        paper_height = mm_height.word * 72.0 / 25.4;
      }
  }
#endif

  if (width != NULL)
    *width = paper_width;
  if (height != NULL)
    *height = paper_height;
}
