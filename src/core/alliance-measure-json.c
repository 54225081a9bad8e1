/* alliance-measure-json.c
 *
 * The format, version 1 (members in this order on export; optional ones
 * left out when unset):
 *
 *   {
 *     "format": "alliance-measure",   "version": 1,
 *     "id": "phq-9",                  "name": "PHQ-9",
 *     "measure_version": 1,           "rater": "client" | "therapist" | "observer",
 *     "purpose": "alliance" | "outcome" | "reflection" | "prediction" | "other",
 *     "items": [ { "id": "1", "label": "...", "min": 0, "max": 3, "reverse": false } ],
 *     "subscales": [ { "id": "task", "label": "Task", "items": [ "1", "2" ] } ],
 *     "total": "sum" | "mean",        "higher_is_better": false,
 *     "cutoff": { "comparison": "below" | "at-or-below" | "above" | "at-or-above", "value": 36 },
 *     "reliable_change": { "points": 6 }  or  { "s1": 7.5, "r": 0.88 },
 *     "bands": [ { "min": 0, "max": 4, "label": "Minimal" } ],
 *     "risk_item": "9",
 *     "note": "..."
 *   }
 *
 * Unknown members are refused, so a misspelt key is not silently ignored.
 */
#define G_LOG_DOMAIN "alliance-measure-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "alliance-error.h"
#include "alliance-json-format.h"
#include "alliance-measure-json.h"
#include "alliance-measure-library.h"

static gboolean
fail_at (GError     **error,
         const char  *path,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_at (GError     **error,
         const char  *path,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
               "%s: %s", path, message);
  return FALSE;
}

static char *
member_path (const char *prefix,
             const char *name)
{
  return prefix == NULL || *prefix == '\0' ? g_strdup (name) : g_strdup_printf ("%s.%s", prefix, name);
}

static gboolean
check_members (JsonObject         *object,
               const char         *prefix,
               const char * const *allowed,
               GError            **error)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *path = member_path (prefix, l->data);

        return fail_at (error, path, _("this member is not part of the format."));
      }
  return TRUE;
}

/* The member's node, or NULL (with an error if @required). */
static JsonNode *
get_member (JsonObject  *object,
            const char  *prefix,
            const char  *name,
            gboolean     required,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && required)
    {
      g_autofree char *path = member_path (prefix, name);

      fail_at (error, path, _("is missing."));
    }
  return node;
}

static gboolean
node_is_value_of (JsonNode *node,
                  GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
node_to_string (JsonNode    *node,
                const char  *path,
                char       **out,
                GError     **error)
{
  if (!node_is_value_of (node, G_TYPE_STRING))
    return fail_at (error, path, _("must be a string."));
  g_free (*out);
  *out = json_node_dup_string (node);
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *prefix,
             const char  *name,
             gboolean     required,
             char       **out,
             GError     **error)
{
  g_autofree char *path = member_path (prefix, name);
  JsonNode *node = get_member (object, prefix, name, required, error);

  if (node == NULL)
    return !required;
  return node_to_string (node, path, out, error);
}

static gboolean
read_int (JsonObject  *object,
          const char  *prefix,
          const char  *name,
          int         *out,
          GError     **error)
{
  g_autofree char *path = member_path (prefix, name);
  JsonNode *node = get_member (object, prefix, name, TRUE, error);
  gint64 value;

  if (node == NULL)
    return FALSE;
  if (!node_is_value_of (node, G_TYPE_INT64))
    return fail_at (error, path, _("must be a whole number."));
  value = json_node_get_int (node);
  if (value < -1000000 || value > 1000000)
    return fail_at (error, path, _("must be between -1000000 and 1000000."));
  *out = (int)value;
  return TRUE;
}

static gboolean
read_number (JsonObject  *object,
             const char  *prefix,
             const char  *name,
             double      *out,
             GError     **error)
{
  g_autofree char *path = member_path (prefix, name);
  JsonNode *node = get_member (object, prefix, name, TRUE, error);

  if (node == NULL)
    return FALSE;
  if (node_is_value_of (node, G_TYPE_INT64))
    *out = (double)json_node_get_int (node);
  else if (node_is_value_of (node, G_TYPE_DOUBLE))
    *out = json_node_get_double (node);
  else
    return fail_at (error, path, _("must be a number."));
  if (!isfinite (*out))
    return fail_at (error, path, _("must be a finite number."));
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *prefix,
           const char  *name,
           gboolean     required,
           gboolean    *out,
           GError     **error)
{
  g_autofree char *path = member_path (prefix, name);
  JsonNode *node = get_member (object, prefix, name, required, error);

  if (node == NULL)
    return !required;
  if (!node_is_value_of (node, G_TYPE_BOOLEAN))
    return fail_at (error, path, _("must be true or false."));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static JsonArray *
read_array (JsonObject  *object,
            const char  *prefix,
            const char  *name,
            gboolean     required,
            GError     **error)
{
  JsonNode *node = get_member (object, prefix, name, required, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = member_path (prefix, name);

      fail_at (error, path, _("must be an array."));
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
node_to_object (JsonNode    *node,
                const char  *path,
                GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_at (error, path, _("must be an object."));
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_items (AllianceMeasure  *measure,
            JsonArray        *array,
            GError          **error)
{
  static const char * const allowed[] = { "id", "label", "min", "max", "reverse", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("items[%u]", i);
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;
      JsonObject *object;
      int min = 0, max = 0;
      gboolean reverse = FALSE;

      if ((object = node_to_object (json_array_get_element (array, i), prefix, error)) == NULL ||
          !check_members (object, prefix, allowed, error) ||
          !read_string (object, prefix, "id", TRUE, &id, error) ||
          !read_string (object, prefix, "label", TRUE, &label, error) ||
          !read_int (object, prefix, "min", &min, error) ||
          !read_int (object, prefix, "max", &max, error) ||
          !read_bool (object, prefix, "reverse", FALSE, &reverse, error))
        return FALSE;
      alliance_measure_add_item (measure, id, label, min, max, reverse);
    }
  return TRUE;
}

static gboolean
read_subscales (AllianceMeasure  *measure,
                JsonArray        *array,
                GError          **error)
{
  static const char * const allowed[] = { "id", "label", "items", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("subscales[%u]", i);
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GPtrArray) item_ids = g_ptr_array_new_with_free_func (g_free);
      JsonObject *object;
      JsonArray *items;

      if ((object = node_to_object (json_array_get_element (array, i), prefix, error)) == NULL ||
          !check_members (object, prefix, allowed, error) ||
          !read_string (object, prefix, "id", TRUE, &id, error) ||
          !read_string (object, prefix, "label", TRUE, &label, error) ||
          (items = read_array (object, prefix, "items", TRUE, error)) == NULL)
        return FALSE;
      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          g_autofree char *path = g_strdup_printf ("%s.items[%u]", prefix, j);
          char *item_id = NULL;

          if (!node_to_string (json_array_get_element (items, j), path, &item_id, error))
            return FALSE;
          g_ptr_array_add (item_ids, item_id);
        }
      g_ptr_array_add (item_ids, NULL);
      alliance_measure_add_subscale (measure, id, label, (const char * const *)item_ids->pdata);
    }
  return TRUE;
}

static gboolean
read_bands (AllianceMeasure  *measure,
            JsonArray        *array,
            GError          **error)
{
  static const char * const allowed[] = { "min", "max", "label", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("bands[%u]", i);
      g_autofree char *label = NULL;
      JsonObject *object;
      double min = 0, max = 0;

      if ((object = node_to_object (json_array_get_element (array, i), prefix, error)) == NULL ||
          !check_members (object, prefix, allowed, error) ||
          !read_number (object, prefix, "min", &min, error) ||
          !read_number (object, prefix, "max", &max, error) ||
          !read_string (object, prefix, "label", TRUE, &label, error))
        return FALSE;
      alliance_measure_add_band (measure, min, max, label);
    }
  return TRUE;
}

static gboolean
read_cutoff (AllianceMeasure  *measure,
             JsonObject       *root,
             GError          **error)
{
  static const char * const allowed[] = { "comparison", "value", NULL };
  g_autofree char *comparison = NULL;
  AllianceMeasureCutoff cutoff;
  JsonNode *node = json_object_get_member (root, "cutoff");
  JsonObject *object;
  double value = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if ((object = node_to_object (node, "cutoff", error)) == NULL ||
      !check_members (object, "cutoff", allowed, error) ||
      !read_string (object, "cutoff", "comparison", TRUE, &comparison, error))
    return FALSE;
  if (!alliance_measure_cutoff_from_string (comparison, &cutoff) || cutoff == ALLIANCE_MEASURE_CUTOFF_NONE)
    return fail_at (error, "cutoff.comparison",
                    _("must be “below”, “at-or-below”, “above” or “at-or-above”."));
  if (!read_number (object, "cutoff", "value", &value, error))
    return FALSE;
  alliance_measure_set_cutoff (measure, cutoff, value);
  return TRUE;
}

static gboolean
read_reliable_change (AllianceMeasure  *measure,
                      JsonObject       *root,
                      GError          **error)
{
  static const char * const allowed[] = { "points", "s1", "r", NULL };
  JsonNode *node = json_object_get_member (root, "reliable_change");
  JsonObject *object;
  double a = 0, b = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if ((object = node_to_object (node, "reliable_change", error)) == NULL ||
      !check_members (object, "reliable_change", allowed, error))
    return FALSE;

  if (json_object_has_member (object, "points"))
    {
      if (json_object_has_member (object, "s1") || json_object_has_member (object, "r"))
        return fail_at (error, "reliable_change",
                        _("give either “points” or both “s1” and “r”, not both kinds."));
      if (!read_number (object, "reliable_change", "points", &a, error))
        return FALSE;
      alliance_measure_set_reliable_points (measure, a);
      return TRUE;
    }
  if (!read_number (object, "reliable_change", "s1", &a, error) ||
      !read_number (object, "reliable_change", "r", &b, error))
    return FALSE;
  alliance_measure_set_reliable_jt (measure, a, b);
  return TRUE;
}

static AllianceMeasure *
read_measure (JsonNode  *root_node,
              GError   **error)
{
  static const char * const allowed[] = {
    "format", "version", "id", "name", "measure_version", "rater", "purpose", "items", "subscales",
    "total", "higher_is_better", "cutoff", "reliable_change", "bands", "risk_item", "note", NULL,
  };
  g_autoptr(AllianceMeasure) measure = alliance_measure_new (NULL, NULL, ALLIANCE_MEASURE_RATER_CLIENT);
  g_autofree char *format = NULL;
  g_autofree char *rater = NULL;
  g_autofree char *purpose = NULL;
  g_autofree char *total = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonArray *array;
  int version = 0;

  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      fail_at (error, "$", _("the file must hold one JSON object."));
      return NULL;
    }
  root = json_node_get_object (root_node);

  if (!read_string (root, NULL, "format", TRUE, &format, error))
    return NULL;
  if (g_strcmp0 (format, ALLIANCE_MEASURE_JSON_FORMAT) != 0)
    {
      fail_at (error, "format", _("must be “%s”: this is not a measure definition."),
               ALLIANCE_MEASURE_JSON_FORMAT);
      return NULL;
    }
  if (!read_int (root, NULL, "version", &version, error))
    return NULL;
  if (version != ALLIANCE_MEASURE_JSON_VERSION)
    {
      fail_at (error, "version", _("version %d of the format is not supported (this version of Alliance reads %d)."),
               version, ALLIANCE_MEASURE_JSON_VERSION);
      return NULL;
    }
  if (!check_members (root, NULL, allowed, error) ||
      !read_string (root, NULL, "id", TRUE, &measure->id, error) ||
      !read_string (root, NULL, "name", TRUE, &measure->name, error) ||
      !read_int (root, NULL, "measure_version", &measure->version, error) ||
      !read_string (root, NULL, "rater", TRUE, &rater, error))
    return NULL;
  if (!alliance_measure_rater_from_string (rater, &measure->rater))
    {
      fail_at (error, "rater", _("must be “client”, “therapist” or “observer”."));
      return NULL;
    }
  /* Optional: files written before it existed are measures of no stated purpose. */
  if (!read_string (root, NULL, "purpose", FALSE, &purpose, error))
    return NULL;
  if (purpose != NULL && !alliance_measure_purpose_from_string (purpose, &measure->purpose))
    {
      fail_at (error, "purpose", _("must be “alliance”, “outcome”, “reflection”, “prediction” or “other”."));
      return NULL;
    }
  if ((array = read_array (root, NULL, "items", TRUE, error)) == NULL ||
      !read_items (measure, array, error))
    return NULL;
  if (json_object_has_member (root, "subscales") &&
      ((array = read_array (root, NULL, "subscales", TRUE, error)) == NULL ||
       !read_subscales (measure, array, error)))
    return NULL;
  if (!read_string (root, NULL, "total", TRUE, &total, error))
    return NULL;
  if (!alliance_measure_total_rule_from_string (total, &measure->total_rule))
    {
      fail_at (error, "total", _("must be “sum” or “mean”."));
      return NULL;
    }
  if (!read_bool (root, NULL, "higher_is_better", TRUE, &measure->higher_is_better, error) ||
      !read_cutoff (measure, root, error) ||
      !read_reliable_change (measure, root, error))
    return NULL;
  if (json_object_has_member (root, "bands") &&
      ((array = read_array (root, NULL, "bands", TRUE, error)) == NULL ||
       !read_bands (measure, array, error)))
    return NULL;
  if (!read_string (root, NULL, "risk_item", FALSE, &measure->risk_item_id, error) ||
      !read_string (root, NULL, "note", FALSE, &measure->note, error))
    return NULL;

  if (!alliance_measure_validate_with_path (measure, &path, &local_error))
    {
      fail_at (error, path != NULL ? path : "$", "%s", local_error->message);
      return NULL;
    }
  return g_steal_pointer (&measure);
}

static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64)value);
  else
    json_builder_add_double_value (builder, value);
}

/* The definition as JSON text (UTF-8, indented, ending in a newline). */
char *
alliance_measure_to_json (const AllianceMeasure *measure)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (measure != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, ALLIANCE_MEASURE_JSON_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ALLIANCE_MEASURE_JSON_VERSION);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, measure->id != NULL ? measure->id : "");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, measure->name != NULL ? measure->name : "");
  json_builder_set_member_name (builder, "measure_version");
  json_builder_add_int_value (builder, measure->version);
  json_builder_set_member_name (builder, "rater");
  json_builder_add_string_value (builder, alliance_measure_rater_to_string (measure->rater));
  json_builder_set_member_name (builder, "purpose");
  json_builder_add_string_value (builder, alliance_measure_purpose_to_string (measure->purpose));

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < measure->items->len; i++)
    {
      const AllianceMeasureItem *item = g_ptr_array_index (measure->items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, item->id != NULL ? item->id : "");
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, item->label != NULL ? item->label : "");
      json_builder_set_member_name (builder, "min");
      json_builder_add_int_value (builder, item->min);
      json_builder_set_member_name (builder, "max");
      json_builder_add_int_value (builder, item->max);
      json_builder_set_member_name (builder, "reverse");
      json_builder_add_boolean_value (builder, item->reverse);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "subscales");
  json_builder_begin_array (builder);
  for (guint i = 0; i < measure->subscales->len; i++)
    {
      const AllianceMeasureSubscale *subscale = g_ptr_array_index (measure->subscales, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, subscale->id != NULL ? subscale->id : "");
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, subscale->label != NULL ? subscale->label : "");
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint j = 0; subscale->item_ids != NULL && subscale->item_ids[j] != NULL; j++)
        json_builder_add_string_value (builder, subscale->item_ids[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "total");
  json_builder_add_string_value (builder, alliance_measure_total_rule_to_string (measure->total_rule));
  json_builder_set_member_name (builder, "higher_is_better");
  json_builder_add_boolean_value (builder, measure->higher_is_better);

  if (measure->cutoff != ALLIANCE_MEASURE_CUTOFF_NONE)
    {
      json_builder_set_member_name (builder, "cutoff");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "comparison");
      json_builder_add_string_value (builder, alliance_measure_cutoff_to_string (measure->cutoff));
      json_builder_set_member_name (builder, "value");
      add_number (builder, measure->cutoff_value);
      json_builder_end_object (builder);
    }

  if (measure->reliable_change == ALLIANCE_MEASURE_RELIABLE_CHANGE_POINTS)
    {
      json_builder_set_member_name (builder, "reliable_change");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "points");
      add_number (builder, measure->rc_points);
      json_builder_end_object (builder);
    }
  else if (measure->reliable_change == ALLIANCE_MEASURE_RELIABLE_CHANGE_JACOBSON_TRUAX)
    {
      json_builder_set_member_name (builder, "reliable_change");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "s1");
      add_number (builder, measure->rc_s1);
      json_builder_set_member_name (builder, "r");
      add_number (builder, measure->rc_r);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "bands");
  json_builder_begin_array (builder);
  for (guint i = 0; i < measure->bands->len; i++)
    {
      const AllianceMeasureBand *band = g_ptr_array_index (measure->bands, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "min");
      add_number (builder, band->min);
      json_builder_set_member_name (builder, "max");
      add_number (builder, band->max);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, band->label != NULL ? band->label : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (measure->risk_item_id != NULL)
    {
      json_builder_set_member_name (builder, "risk_item");
      json_builder_add_string_value (builder, measure->risk_item_id);
    }
  if (measure->note != NULL)
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, measure->note);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

/* Reads and validates a definition; on failure the error message starts
 * with the JSON path of the first problem ("items[3].max: ..."), or with
 * the line and column for text that is not JSON at all. The result is not
 * translatable: its texts are shown as the file gives them. */
AllianceMeasure *
alliance_measure_from_json (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib's message may quote the file, invalid UTF-8 included. */
      g_autofree char *position = NULL;
      g_autofree char *what = alliance_json_describe_parse_error (local_error->message, &position);

      if (position != NULL)
        g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                     /* Translators: line:column, then what is wrong */
                     _("This is not a valid JSON file: at %s, %s"), position, what);
      else
        g_set_error (error, ALLIANCE_VALIDATION_ERROR, ALLIANCE_VALIDATION_ERROR_INVALID,
                     _("This is not a valid JSON file: %s"), what);
      return NULL;
    }
  return read_measure (json_parser_get_root (parser), error);
}

AllianceMeasure *
alliance_measure_from_stored (const char  *key,
                              int          version,
                              gboolean     builtin,
                              const char  *json,
                              gssize       length,
                              GError     **error)
{
  AllianceMeasure *measure = NULL;

  if (builtin)
    {
      measure = alliance_measure_library_get (key);
      if (measure != NULL && measure->version != version)
        g_clear_pointer (&measure, alliance_measure_free);
    }
  if (measure == NULL)
    {
      measure = alliance_measure_from_json (json, length, error);
      if (measure == NULL)
        return NULL;
      measure->version = version;
    }
  return measure;
}
