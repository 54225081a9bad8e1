/* alliance-measure-json.h
 *
 * A measure definition as a JSON file ("format": "alliance-measure",
 * "version": 1; the schema is data/alliance-measure.schema.json). Import
 * checks everything and names the JSON path of the first problem
 * ("items[3].max: ..."); export is stable, so export → import → export
 * gives the same text.
 */
#pragma once

#include "alliance-measure.h"

G_BEGIN_DECLS

#define ALLIANCE_MEASURE_JSON_FORMAT  "alliance-measure"
#define ALLIANCE_MEASURE_JSON_VERSION 1

char            *alliance_measure_to_json    (const AllianceMeasure  *measure);
AllianceMeasure *alliance_measure_from_json  (const char             *data,
                                              gssize                  length,
                                              GError                **error);
/* A definition as the database stores it: a built-in whose version is the
 * library's comes from the library (its texts translatable), anything else
 * from its JSON, with @version as stored. */
AllianceMeasure *alliance_measure_from_stored (const char  *key,
                                               int          version,
                                               gboolean     builtin,
                                               const char  *json,
                                               gssize       length,
                                               GError     **error);

G_END_DECLS
