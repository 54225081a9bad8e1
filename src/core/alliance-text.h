/* alliance-text.h
 *
 * Text folding for search: "Zoë" and "ZOE" both fold to "zoe".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *alliance_text_fold           (const char  *text);
gboolean  alliance_text_is_blank       (const char  *text);
gboolean  alliance_text_matches_terms  (const char  *folded_haystack,
                                        char *const *folded_terms);
char    **alliance_text_fold_terms     (const char  *query);

G_END_DECLS
