/* alliance-caseload-model.c
 *
 * Rows live in one array with their strings in a GStringChunk; the search
 * key and sort keys are computed once per reload, so a keystroke is a scan
 * of pre-folded strings and one items-changed.
 */
#define G_LOG_DOMAIN "alliance-caseload-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "alliance-caseload-model.h"
#include "alliance-text.h"

typedef struct
{
  gint64                id;
  const char           *code;
  const char           *display_name;
  const char           *search_key;    /* folded names and code */
  const char           *name_sort_key; /* family, given: collation key */
  const char           *code_sort_key;
  AllianceClientStatus  status;
  gboolean              archived;
} CaseloadRow;

struct _AllianceCaseloadModel
{
  GObject                 parent_instance;

  GArray                 *rows;      /* CaseloadRow, in sort order */
  GStringChunk           *strings;
  GArray                 *visible;   /* guint indexes into rows */
  char                  **terms;     /* folded query words */
  AllianceCaseloadFilter  filter;
  AllianceCaseloadSort    sort;
  GHashTable             *flags;     /* client id (gint64 *) → AllianceClientFlags *, owned */
  guint                   n_flagged; /* clients not archived with a flag */
};

static GQuark item_flags_quark;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllianceCaseloadModel, alliance_caseload_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static const struct
{
  const char *id;
  const char *label;
} filters[ALLIANCE_CASELOAD_N_FILTERS] = {
  [ALLIANCE_CASELOAD_FILTER_ACTIVE] = { "active", N_("Active") },
  [ALLIANCE_CASELOAD_FILTER_ATTENTION] = { "attention", N_("Needs Attention") },
  [ALLIANCE_CASELOAD_FILTER_WAITLIST] = { "waitlist", N_("Waitlist") },
  [ALLIANCE_CASELOAD_FILTER_ENQUIRY] = { "enquiry", N_("Enquiries") },
  [ALLIANCE_CASELOAD_FILTER_ON_HOLD] = { "on-hold", N_("On hold") },
  [ALLIANCE_CASELOAD_FILTER_DISCHARGED] = { "discharged", N_("Discharged") },
  [ALLIANCE_CASELOAD_FILTER_ARCHIVED] = { "archived", N_("Archived") },
  [ALLIANCE_CASELOAD_FILTER_ALL] = { "all", N_("All clients") },
};

const char *
alliance_caseload_filter_to_string (AllianceCaseloadFilter filter)
{
  g_return_val_if_fail (filter < ALLIANCE_CASELOAD_N_FILTERS, NULL);

  return filters[filter].id;
}

AllianceCaseloadFilter
alliance_caseload_filter_from_string (const char *text)
{
  for (guint i = 0; i < ALLIANCE_CASELOAD_N_FILTERS; i++)
    if (g_strcmp0 (text, filters[i].id) == 0)
      return (AllianceCaseloadFilter)i;
  return ALLIANCE_CASELOAD_FILTER_ACTIVE;
}

const char *
alliance_caseload_filter_get_label (AllianceCaseloadFilter filter)
{
  g_return_val_if_fail (filter < ALLIANCE_CASELOAD_N_FILTERS, NULL);

  return _(filters[filter].label);
}

static const AllianceClientFlags *
lookup_flags (AllianceCaseloadModel *self,
              gint64                 client_id)
{
  return g_hash_table_lookup (self->flags, &client_id);
}

static AllianceFlagSeverity
row_severity (AllianceCaseloadModel *self,
              const CaseloadRow     *row)
{
  const AllianceClientFlags *flags = lookup_flags (self, row->id);

  return flags ? flags->max_severity : ALLIANCE_FLAG_SEVERITY_NONE;
}

static GType
alliance_caseload_model_get_item_type (GListModel *model)
{
  return ALLIANCE_TYPE_CLIENT_SUMMARY;
}

static guint
alliance_caseload_model_get_n_items (GListModel *model)
{
  AllianceCaseloadModel *self = ALLIANCE_CASELOAD_MODEL (model);

  return self->visible->len;
}

static gpointer
alliance_caseload_model_get_item (GListModel *model,
                                  guint       position)
{
  AllianceCaseloadModel *self = ALLIANCE_CASELOAD_MODEL (model);
  const CaseloadRow *row;
  const AllianceClientFlags *flags;
  AllianceClientSummary *item;

  if (position >= self->visible->len)
    return NULL;

  row = &g_array_index (self->rows, CaseloadRow, g_array_index (self->visible, guint, position));
  item = alliance_client_summary_new (row->id, row->code, row->display_name, row->status, row->archived);

  /* The item carries its own copy: a row keeps showing it even after the
   * model's table has moved on, until the view rebinds. */
  flags = lookup_flags (self, row->id);
  if (flags != NULL)
    g_object_set_qdata_full (G_OBJECT (item), item_flags_quark, alliance_client_flags_copy (flags),
                             (GDestroyNotify)alliance_client_flags_free);
  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = alliance_caseload_model_get_item_type;
  iface->get_n_items = alliance_caseload_model_get_n_items;
  iface->get_item = alliance_caseload_model_get_item;
}

static void
alliance_caseload_model_finalize (GObject *object)
{
  AllianceCaseloadModel *self = (AllianceCaseloadModel *)object;

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->terms, g_strfreev);
  g_clear_pointer (&self->flags, g_hash_table_unref);

  G_OBJECT_CLASS (alliance_caseload_model_parent_class)->finalize (object);
}

static void
alliance_caseload_model_class_init (AllianceCaseloadModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alliance_caseload_model_finalize;

  item_flags_quark = g_quark_from_static_string ("alliance-caseload-item-flags");
}

static void
alliance_caseload_model_init (AllianceCaseloadModel *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (CaseloadRow));
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint));
  self->strings = g_string_chunk_new (4096);
  self->terms = g_new0 (char *, 1);
  self->filter = ALLIANCE_CASELOAD_FILTER_ACTIVE;
  self->sort = ALLIANCE_CASELOAD_SORT_NAME;
  self->flags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify)alliance_client_flags_free);
}

AllianceCaseloadModel *
alliance_caseload_model_new (void)
{
  return g_object_new (ALLIANCE_TYPE_CASELOAD_MODEL, NULL);
}

static gboolean
row_passes_filter (AllianceCaseloadModel  *self,
                   const CaseloadRow      *row,
                   AllianceCaseloadFilter  filter)
{
  /* Archiving hides a record from every list but the archive itself. */
  if (filter == ALLIANCE_CASELOAD_FILTER_ARCHIVED)
    return row->archived;
  if (row->archived)
    return FALSE;

  switch (filter)
    {
    case ALLIANCE_CASELOAD_FILTER_ACTIVE:
      return row->status == ALLIANCE_CLIENT_STATUS_ACTIVE;
    case ALLIANCE_CASELOAD_FILTER_ATTENTION:
      return row_severity (self, row) > ALLIANCE_FLAG_SEVERITY_NONE;
    case ALLIANCE_CASELOAD_FILTER_WAITLIST:
      return row->status == ALLIANCE_CLIENT_STATUS_WAITLIST;
    case ALLIANCE_CASELOAD_FILTER_ENQUIRY:
      return row->status == ALLIANCE_CLIENT_STATUS_ENQUIRY;
    case ALLIANCE_CASELOAD_FILTER_ON_HOLD:
      return row->status == ALLIANCE_CLIENT_STATUS_ON_HOLD;
    case ALLIANCE_CASELOAD_FILTER_DISCHARGED:
      return row->status == ALLIANCE_CLIENT_STATUS_DISCHARGED;
    case ALLIANCE_CASELOAD_FILTER_ALL:
      return TRUE;
    case ALLIANCE_CASELOAD_FILTER_ARCHIVED:
    case ALLIANCE_CASELOAD_N_FILTERS:
    default:
      g_assert_not_reached ();
    }
}

/* Most severe first, then the most flags, then the order of the rows
 * (the current sort): the indexes compare in that order. */
static int
compare_attention (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  AllianceCaseloadModel *self = user_data;
  guint index_a = *(const guint *)a;
  guint index_b = *(const guint *)b;
  const AllianceClientFlags *flags_a = lookup_flags (self, g_array_index (self->rows, CaseloadRow, index_a).id);
  const AllianceClientFlags *flags_b = lookup_flags (self, g_array_index (self->rows, CaseloadRow, index_b).id);

  /* Only flagged rows pass the attention filter. */
  g_assert (flags_a != NULL && flags_b != NULL);

  if (flags_a->max_severity != flags_b->max_severity)
    return flags_a->max_severity > flags_b->max_severity ? -1 : 1;
  if (flags_a->flags->len != flags_b->flags->len)
    return flags_a->flags->len > flags_b->flags->len ? -1 : 1;
  return (index_a > index_b) - (index_a < index_b);
}

static void
refilter (AllianceCaseloadModel *self)
{
  guint old_len = self->visible->len;

  g_array_set_size (self->visible, 0);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const CaseloadRow *row = &g_array_index (self->rows, CaseloadRow, i);

      if (row_passes_filter (self, row, self->filter) &&
          alliance_text_matches_terms (row->search_key, self->terms))
        g_array_append_val (self->visible, i);
    }
  if (self->filter == ALLIANCE_CASELOAD_FILTER_ATTENTION)
    g_array_sort_with_data (self->visible, compare_attention, self);

  if (old_len != 0 || self->visible->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->visible->len);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const CaseloadRow *row_a = a;
  const CaseloadRow *row_b = b;
  AllianceCaseloadSort sort = GPOINTER_TO_INT (user_data);
  int cmp;

  if (sort == ALLIANCE_CASELOAD_SORT_CODE)
    cmp = strcmp (row_a->code_sort_key, row_b->code_sort_key);
  else
    cmp = strcmp (row_a->name_sort_key, row_b->name_sort_key);

  /* Ties (two John Smiths) keep a stable order. */
  return cmp != 0 ? cmp : (row_a->id > row_b->id) - (row_a->id < row_b->id);
}

static void
resort (AllianceCaseloadModel *self)
{
  g_array_sort_with_data (self->rows, compare_rows, GINT_TO_POINTER (self->sort));
}

static gboolean
has_flag (const AllianceClientFlags *flags)
{
  return flags != NULL && flags->flags != NULL && flags->flags->len > 0;
}

/* After a reload or new flags; a client's new flags adjust it instead. */
static void
count_flagged (AllianceCaseloadModel *self)
{
  self->n_flagged = 0;
  for (guint i = 0; i < self->rows->len; i++)
    {
      const CaseloadRow *row = &g_array_index (self->rows, CaseloadRow, i);

      if (!row->archived && has_flag (lookup_flags (self, row->id)))
        self->n_flagged++;
    }
}

static gboolean
is_archived (AllianceCaseloadModel *self,
             gint64                 client_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, CaseloadRow, i).id == client_id)
      return g_array_index (self->rows, CaseloadRow, i).archived;
  return TRUE;   /* not listed: not counted */
}

static void
add_listing (const AllianceClientListing *listing,
             gpointer                     user_data)
{
  AllianceCaseloadModel *self = user_data;
  g_autofree char *display_name = alliance_client_make_display_name (listing->given_name, listing->family_name,
                                                                      listing->preferred_name);
  g_autofree char *searchable = g_strjoin (" ", listing->given_name, listing->family_name,
                                           listing->preferred_name, listing->code, NULL);
  g_autofree char *search_key = alliance_text_fold (searchable);
  g_autofree char *sortable = g_strconcat (listing->family_name, "\t", listing->given_name, NULL);
  g_autofree char *name_sort_key = g_utf8_collate_key (sortable, -1);
  g_autofree char *code_sort_key = g_utf8_collate_key_for_filename (listing->code, -1);
  CaseloadRow row = {
    .id = listing->id,
    .code = g_string_chunk_insert_const (self->strings, listing->code),
    .display_name = g_string_chunk_insert (self->strings, display_name),
    .search_key = g_string_chunk_insert (self->strings, search_key),
    .name_sort_key = g_string_chunk_insert (self->strings, name_sort_key),
    .code_sort_key = g_string_chunk_insert (self->strings, code_sort_key),
    .status = listing->status,
    .archived = listing->archived,
  };

  g_array_append_val (self->rows, row);
}

/**
 * alliance_caseload_model_reload:
 *
 * Reads every client's listing again. On error the model keeps what it had.
 */
gboolean
alliance_caseload_model_reload (AllianceCaseloadModel  *self,
                                AllianceClientStore    *store,
                                GError                **error)
{
  g_autoptr(GArray) old_rows = NULL;
  GStringChunk *old_strings;

  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self), FALSE);
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (store), FALSE);

  old_rows = g_steal_pointer (&self->rows);
  old_strings = g_steal_pointer (&self->strings);
  self->rows = g_array_new (FALSE, FALSE, sizeof (CaseloadRow));
  self->strings = g_string_chunk_new (4096);

  if (!alliance_client_store_foreach_listing (store, add_listing, self, error))
    {
      g_array_unref (self->rows);
      g_string_chunk_free (self->strings);
      self->rows = g_steal_pointer (&old_rows);
      self->strings = old_strings;
      return FALSE;
    }

  /* The visible rows still point into the old strings: swap first, then
   * announce the new contents, then free. */
  resort (self);
  count_flagged (self);
  refilter (self);
  g_string_chunk_free (old_strings);
  return TRUE;
}

void
alliance_caseload_model_set_query (AllianceCaseloadModel *self,
                                   const char            *query)
{
  g_auto(GStrv) terms = NULL;

  g_return_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self));

  terms = alliance_text_fold_terms (query ? query : "");
  if (g_strv_equal ((const char *const *)terms, (const char *const *)self->terms))
    return;

  g_strfreev (self->terms);
  self->terms = g_steal_pointer (&terms);
  refilter (self);
}

void
alliance_caseload_model_set_filter (AllianceCaseloadModel  *self,
                                    AllianceCaseloadFilter  filter)
{
  g_return_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self));
  g_return_if_fail (filter < ALLIANCE_CASELOAD_N_FILTERS);

  if (self->filter == filter)
    return;
  self->filter = filter;
  refilter (self);
}

AllianceCaseloadFilter
alliance_caseload_model_get_filter (AllianceCaseloadModel *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self), ALLIANCE_CASELOAD_FILTER_ACTIVE);

  return self->filter;
}

void
alliance_caseload_model_set_sort (AllianceCaseloadModel *self,
                                  AllianceCaseloadSort   sort)
{
  g_return_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  resort (self);
  refilter (self);
}

/* Every client loaded, whatever the filter: tells "no clients yet" apart
 * from "no client matches". */
guint
alliance_caseload_model_get_n_clients (AllianceCaseloadModel *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self), 0);

  return self->rows->len;
}

/* Position of the client among the visible rows, or G_MAXUINT. */
guint
alliance_caseload_model_find_client (AllianceCaseloadModel *self,
                                     gint64                 client_id)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->visible->len; i++)
    if (g_array_index (self->rows, CaseloadRow, g_array_index (self->visible, guint, i)).id == client_id)
      return i;
  return G_MAXUINT;
}

gint64
alliance_caseload_model_get_client_id (AllianceCaseloadModel *self,
                                       guint                  position)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self), 0);

  if (position >= self->visible->len)
    return 0;
  return g_array_index (self->rows, CaseloadRow, g_array_index (self->visible, guint, position)).id;
}

/**
 * alliance_caseload_model_set_flags:
 * @flags: (nullable): client id (gint64 *) → AllianceClientFlags *, as
 *   alliance_caseload_flags_compute() makes it; copied
 *
 * Replaces every client's flags; clients missing from @flags have none.
 */
void
alliance_caseload_model_set_flags (AllianceCaseloadModel *self,
                                   GHashTable            *flags)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self));

  g_hash_table_remove_all (self->flags);
  if (flags != NULL)
    {
      g_hash_table_iter_init (&iter, flags);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (value != NULL)
          g_hash_table_insert (self->flags, g_memdup2 (key, sizeof (gint64)), alliance_client_flags_copy (value));
    }
  count_flagged (self);

  /* Every visible row may show different flags now. */
  refilter (self);
}

/**
 * alliance_caseload_model_update_client_flags:
 * @flags: (nullable) (transfer full): the client's flags, or %NULL for none
 */
void
alliance_caseload_model_update_client_flags (AllianceCaseloadModel *self,
                                             gint64                 client_id,
                                             AllianceClientFlags   *flags)
{
  gboolean had_flag;
  guint position;

  g_return_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self));

  had_flag = has_flag (lookup_flags (self, client_id));
  if (had_flag != has_flag (flags) && !is_archived (self, client_id))
    self->n_flagged = has_flag (flags) ? self->n_flagged + 1 : self->n_flagged - 1;
  if (flags != NULL)
    g_hash_table_insert (self->flags, g_memdup2 (&client_id, sizeof client_id), flags);
  else if (!g_hash_table_remove (self->flags, &client_id))
    return;

  /* The attention list may gain, lose or reorder rows; elsewhere only the
   * client's own row shows something new. */
  if (self->filter == ALLIANCE_CASELOAD_FILTER_ATTENTION)
    {
      refilter (self);
      return;
    }
  position = alliance_caseload_model_find_client (self, client_id);
  if (position != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

/**
 * alliance_caseload_model_get_n_flagged:
 *
 * How many clients, archived ones aside, have at least one flag: kept as
 * flags and listings change, so asking costs nothing.
 */
guint
alliance_caseload_model_get_n_flagged (AllianceCaseloadModel *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self), 0);

  return self->n_flagged;
}

/* The flags of a client, or NULL when they have none (or none computed yet). */
const AllianceClientFlags *
alliance_caseload_model_get_client_flags (AllianceCaseloadModel *self,
                                          gint64                 client_id)
{
  g_return_val_if_fail (ALLIANCE_IS_CASELOAD_MODEL (self), NULL);

  return lookup_flags (self, client_id);
}

/**
 * alliance_caseload_item_get_flags:
 * @item: an item of an #AllianceCaseloadModel
 *
 * Returns: (nullable): the flags the client had when the item was made
 */
const AllianceClientFlags *
alliance_caseload_item_get_flags (AllianceClientSummary *item)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_SUMMARY (item), NULL);

  return item_flags_quark ? g_object_get_qdata (G_OBJECT (item), item_flags_quark) : NULL;
}
