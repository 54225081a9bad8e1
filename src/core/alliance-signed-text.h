/* alliance-signed-text.h
 *
 * The canonical text a signature covers (a note, an addendum, a meeting):
 * named fields, each its name, the value's length in bytes and the value,
 * so no text can pass for the end of a field or the start of the next.
 * Changing how a field is written makes every earlier signature
 * unverifiable.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   alliance_signed_text_append     (GString    *out,
                                        const char *name,
                                        const char *value);
void   alliance_signed_text_append_id  (GString    *out,
                                        const char *name,
                                        gint64      id);

G_END_DECLS
