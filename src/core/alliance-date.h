/* alliance-date.h
 *
 * Calendar dates as the records keep them: ISO 8601 "YYYY-MM-DD" text.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  alliance_date_parse      (const char  *text,
                                    GDate       *date,
                                    GError     **error);
gboolean  alliance_date_is_valid   (const char  *text);
char     *alliance_date_today      (void);
void      alliance_date_get_today  (GDate       *today);
char     *alliance_date_format     (const char  *iso_date);
char     *alliance_timestamp_now   (void);
int       alliance_date_age_years  (const char  *birth_date,
                                    const char  *today);

G_END_DECLS
