/* fuzz-measure-json.c
 *
 * The measure definition importer (alliance-measure-json.c). A definition
 * it accepts must export and re-import to the same text, as its header
 * promises.
 */
#define G_LOG_DOMAIN "alliance-fuzz-measure-json"

#include "config.h"

#include "alliance-measure-json.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AllianceMeasure) measure = NULL;
  g_autoptr(AllianceMeasure) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (size > G_MAXSSIZE)
    return 0;
  measure = alliance_measure_from_json ((const char *) data, (gssize) size, &error);
  if (measure == NULL)
    {
      g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  first = alliance_measure_to_json (measure);
  again = alliance_measure_from_json (first, -1, &error);
  if (again == NULL)
    g_error ("An exported definition was refused: %s", error->message);
  second = alliance_measure_to_json (again);
  g_assert_cmpstr (first, ==, second);
  return 0;
}
