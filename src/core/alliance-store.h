/* alliance-store.h
 *
 * What every store of records shares: the database it reads and writes,
 * and the "changed" signal it emits after each committed write, with the
 * client whose records changed. Subclasses add the queries.
 */
#pragma once

#include "alliance-database.h"

G_BEGIN_DECLS

#define ALLIANCE_TYPE_STORE (alliance_store_get_type ())

G_DECLARE_DERIVABLE_TYPE (AllianceStore, alliance_store, ALLIANCE, STORE, GObject)

struct _AllianceStoreClass
{
  GObjectClass parent_class;

  gpointer     padding[4];
};

AllianceDatabase *alliance_store_get_database  (AllianceStore *self);
void              alliance_store_emit_changed  (AllianceStore *self,
                                                gint64         client_id);
void              alliance_store_emit_draft_changed (AllianceStore *self,
                                                gint64         client_id);

G_END_DECLS
