/* alliance-signed-text.c */
#define G_LOG_DOMAIN "alliance-signed-text"

#include "config.h"

#include <string.h>

#include "alliance-signed-text.h"

/* "name N:value\n"; a missing value is written as the empty one. */
void
alliance_signed_text_append (GString    *out,
                             const char *name,
                             const char *value)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (name != NULL);

  if (value == NULL)
    value = "";
  g_string_append_printf (out, "%s %" G_GSIZE_FORMAT ":", name, strlen (value));
  g_string_append (out, value);
  g_string_append_c (out, '\n');
}

void
alliance_signed_text_append_id (GString    *out,
                                const char *name,
                                gint64      id)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, id);
  alliance_signed_text_append (out, name, text);
}
