/* alliance-initials.h
 *
 * A client's initials on a coloured disc, drawn the same way wherever a
 * client appears (caseload row, client page), so a person is recognised
 * by colour as well as by name. The colour follows from the name.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char         *alliance_initials_from_name    (const char   *name);
guint         alliance_initials_color_index  (const char   *name);
PangoLayout  *alliance_initials_make_layout  (GtkWidget    *widget,
                                              const char   *initials,
                                              int           size);
void          alliance_initials_append       (GtkSnapshot  *snapshot,
                                              PangoLayout  *layout,
                                              guint         color_index,
                                              float         x,
                                              float         y,
                                              int           size);
GdkPaintable *alliance_initials_paintable_new (GtkWidget   *widget,
                                               const char  *name,
                                               int          size);

G_END_DECLS
