/* alliance-column.h
 *
 * A vertical box that answers "how wide?" without asking its children how
 * wide they would be at a given height. A vertical GtkBox passes such a
 * height down, and a wrapping GtkLabel asked for its width at a height
 * searches for it by laying its text out again and again (GTK 4.8, about
 * 15 layouts a label). Inside anything horizontal (an action row's
 * header, a box beside an avatar, a leaflet) that happens on every
 * allocation. The column measures its children's widths for no height
 * and their heights for its width: the title column of AllianceInfoRow,
 * the client page's name, the window's content pane. See HACKING.md,
 * "Keeping pages fast".
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ALLIANCE_TYPE_COLUMN (alliance_column_get_type ())

G_DECLARE_FINAL_TYPE (AllianceColumn, alliance_column, ALLIANCE, COLUMN, GtkWidget)

GtkWidget *alliance_column_new         (int                 spacing);
void       alliance_column_append      (AllianceColumn *self,
                                             GtkWidget          *child);
int        alliance_column_get_spacing (AllianceColumn *self);
void       alliance_column_set_spacing (AllianceColumn *self,
                                             int                 spacing);

G_END_DECLS
