/* alliance-text.h
 *
 * Text folding for search: "Zoë" and "ZOE" both fold to "zoe"; and small
 * helpers for text the app writes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *alliance_text_fold           (const char  *text);
gboolean  alliance_text_is_blank       (const char  *text);
gboolean  alliance_text_matches_terms  (const char  *folded_haystack,
                                        char *const *folded_terms);
char    **alliance_text_fold_terms     (const char  *query);
char     *alliance_text_lower_first    (char        *text);

G_END_DECLS
