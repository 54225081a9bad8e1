/* alliance-audit-item.c */
#define G_LOG_DOMAIN "alliance-audit-item"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-audit-item.h"

struct _AllianceAuditItem
{
  GObject             parent_instance;

  AllianceAuditEntry *entry;
  char               *client_code;
};

G_DEFINE_FINAL_TYPE (AllianceAuditItem, alliance_audit_item, G_TYPE_OBJECT)

static void
alliance_audit_item_finalize (GObject *object)
{
  AllianceAuditItem *self = (AllianceAuditItem *)object;

  g_clear_pointer (&self->entry, alliance_audit_entry_free);
  g_clear_pointer (&self->client_code, g_free);

  G_OBJECT_CLASS (alliance_audit_item_parent_class)->finalize (object);
}

static void
alliance_audit_item_class_init (AllianceAuditItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alliance_audit_item_finalize;
}

static void
alliance_audit_item_init (AllianceAuditItem *self)
{
}

AllianceAuditItem *
alliance_audit_item_new (AllianceAuditEntry *entry,
                         const char         *client_code)
{
  AllianceAuditItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (ALLIANCE_TYPE_AUDIT_ITEM, NULL);
  self->entry = entry;
  self->client_code = g_strdup (client_code);
  return self;
}

const AllianceAuditEntry *
alliance_audit_item_get_entry (AllianceAuditItem *self)
{
  g_return_val_if_fail (ALLIANCE_IS_AUDIT_ITEM (self), NULL);

  return self->entry;
}

const char *
alliance_audit_item_get_client_code (AllianceAuditItem *self)
{
  g_return_val_if_fail (ALLIANCE_IS_AUDIT_ITEM (self), NULL);

  return self->client_code;
}

/* "Signed · Note 12"; "Imported · Sample data" for a row about no single record. */
char *
alliance_audit_item_dup_title (AllianceAuditItem *self)
{
  g_autofree char *number = NULL;
  const char *action, *record;

  g_return_val_if_fail (ALLIANCE_IS_AUDIT_ITEM (self), NULL);

  action = alliance_audit_action_get_label (self->entry->action);
  record = alliance_audit_entity_type_get_label (self->entry->entity_type);
  if (self->entry->entity_id == 0)
    /* Translators: what was done · to what, e.g. "Imported · Sample data" */
    return g_strdup_printf (C_("audit entry", "%s · %s"), action, record);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, self->entry->entity_id);
  /* Translators: what was done · to which record and its number, e.g. "Signed · Note 12" */
  return g_strdup_printf (C_("audit entry", "%s · %s %s"), action, record, number);
}

/* The stored UTC time, in the local time zone. */
char *
alliance_audit_item_dup_local_time (AllianceAuditItem *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (ALLIANCE_IS_AUDIT_ITEM (self), NULL);

  utc = g_date_time_new_from_iso8601 (self->entry->at, NULL);
  if (utc == NULL)
    return g_strdup (self->entry->at);
  local = g_date_time_to_local (utc);
  /* Translators: when an audit entry was written, see the strftime manual */
  return g_date_time_format (local, C_("audit time", "%-d %b %Y, %H:%M:%S"));
}
