/* alliance-info-row.h
 *
 * A row of text for a boxed list, looking like an AdwActionRow (title,
 * subtitle below, optional icon, prefix and suffix widgets) but cheap to
 * lay out: its title column is an AllianceColumn, so the wrapping
 * labels are measured once per width instead of searched through at
 * every allocation (the width-for-height trap, see HACKING.md). For the
 * rows a page rebuilds each time it shows something: sessions, scores,
 * flags, details. The title is AdwPreferencesRow's, so
 * adw_preferences_row_set_title(), use-markup and use-underline work as on
 * any row; labels wrap, and the minimum width asked for them is eight
 * characters (a cheaper layout than one character a line). There is no
 * activatable widget (use AdwActionRow for a row that toggles a check).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLIANCE_TYPE_INFO_ROW (alliance_info_row_get_type ())

G_DECLARE_FINAL_TYPE (AllianceInfoRow, alliance_info_row, ALLIANCE, INFO_ROW, AdwPreferencesRow)

GtkWidget  *alliance_info_row_new                (void);
const char *alliance_info_row_get_subtitle       (AllianceInfoRow *self);
void        alliance_info_row_set_subtitle       (AllianceInfoRow *self,
                                                  const char      *subtitle);
void        alliance_info_row_set_title_lines    (AllianceInfoRow *self,
                                                  int              lines);
void        alliance_info_row_set_subtitle_lines (AllianceInfoRow *self,
                                                  int              lines);
void        alliance_info_row_set_icon_name      (AllianceInfoRow *self,
                                                  const char      *icon_name);
void        alliance_info_row_add_prefix         (AllianceInfoRow *self,
                                                  GtkWidget       *widget);
void        alliance_info_row_add_suffix         (AllianceInfoRow *self,
                                                  GtkWidget       *widget);

G_END_DECLS
