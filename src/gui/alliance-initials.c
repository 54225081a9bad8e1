/* alliance-initials.c */
#define G_LOG_DOMAIN "alliance-initials"

#include "config.h"

#include "alliance-initials.h"

/* GNOME palette colours that carry white text in light and dark styles. */
static const GdkRGBA disc_colors[] = {
  { 0.208f, 0.518f, 0.894f, 1 },  /* blue 3 */
  { 0.149f, 0.635f, 0.412f, 1 },  /* green 4 */
  { 0.745f, 0.533f, 0.000f, 1 },  /* yellow 6 */
  { 0.902f, 0.380f, 0.000f, 1 },  /* orange 4 */
  { 0.753f, 0.110f, 0.157f, 1 },  /* red 4 */
  { 0.569f, 0.255f, 0.675f, 1 },  /* purple 3 */
  { 0.596f, 0.416f, 0.267f, 1 },  /* brown 3 */
  { 0.129f, 0.565f, 0.643f, 1 },  /* teal */
};

/* "Zoë Laurent" → "ZL": first letters of the first and last words. */
char *
alliance_initials_from_name (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name ? name : "", " \t", -1);
  GString *initials = g_string_new (NULL);
  const char *first = NULL, *last = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        if (first == NULL)
          first = words[i];
        else
          last = words[i];
      }

  if (first != NULL)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (first)));
  if (last != NULL)
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (last)));
  return g_string_free (initials, FALSE);
}

guint
alliance_initials_color_index (const char *name)
{
  return g_str_hash (name ? name : "") % G_N_ELEMENTS (disc_colors);
}

PangoLayout *
alliance_initials_make_layout (GtkWidget  *widget,
                               const char *initials,
                               int         size)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, initials);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Letters about 36% of the disc, bold, like AdwAvatar. */
  pango_attr_list_insert (attrs, pango_attr_size_new_absolute ((int)(size * 0.36 * PANGO_SCALE)));
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

void
alliance_initials_append (GtkSnapshot *snapshot,
                          PangoLayout *layout,
                          guint        color_index,
                          float        x,
                          float        y,
                          int          size)
{
  const GdkRGBA white = { 1, 1, 1, 1 };
  GskRoundedRect disc;
  int width, height;

  g_return_if_fail (color_index < G_N_ELEMENTS (disc_colors));

  gsk_rounded_rect_init_from_rect (&disc, &GRAPHENE_RECT_INIT (x, y, size, size), size / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &disc);
  gtk_snapshot_append_color (snapshot, &disc_colors[color_index], &disc.bounds);
  gtk_snapshot_pop (snapshot);

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + (size - width) / 2.0f, y + (size - height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

/* The disc as a picture, for an AdwAvatar's custom image. */
GdkPaintable *
alliance_initials_paintable_new (GtkWidget  *widget,
                                 const char *name,
                                 int         size)
{
  g_autofree char *initials = alliance_initials_from_name (name);
  g_autoptr(PangoLayout) layout = alliance_initials_make_layout (widget, initials, size);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  alliance_initials_append (snapshot, layout, alliance_initials_color_index (name), 0, 0, size);
  return gtk_snapshot_free_to_paintable (snapshot, &GRAPHENE_SIZE_INIT (size, size));
}
