/* alliance-store.c */
#define G_LOG_DOMAIN "alliance-store"

#include "config.h"

#include "alliance-store.h"

typedef struct
{
  AllianceDatabase *database;
} AllianceStorePrivate;

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_PRIVATE (AllianceStore, alliance_store, G_TYPE_OBJECT)

static void
alliance_store_dispose (GObject *object)
{
  AllianceStorePrivate *priv = alliance_store_get_instance_private (ALLIANCE_STORE (object));

  g_clear_object (&priv->database);

  G_OBJECT_CLASS (alliance_store_parent_class)->dispose (object);
}

static void
alliance_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AllianceStorePrivate *priv = alliance_store_get_instance_private (ALLIANCE_STORE (object));

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, priv->database);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AllianceStorePrivate *priv = alliance_store_get_instance_private (ALLIANCE_STORE (object));

  switch (prop_id)
    {
    case PROP_DATABASE:
      priv->database = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_store_class_init (AllianceStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alliance_store_dispose;
  object_class->get_property = alliance_store_get_property;
  object_class->set_property = alliance_store_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         ALLIANCE_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AllianceStore::changed:
   * @client_id: the client whose records changed
   *
   * Emitted once after each committed write; never after a refusal. The
   * detail says what kind: "record" for anything that changes what the
   * client's record says (sessions, ratings, events, signatures…), "draft"
   * for a note draft autosaved as the therapist types — every second or
   * so. Listeners that compute from the record (flags, the chart) connect
   * to "changed::record" and skip the drafts.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
alliance_store_init (AllianceStore *self)
{
}

AllianceDatabase *
alliance_store_get_database (AllianceStore *self)
{
  AllianceStorePrivate *priv;

  g_return_val_if_fail (ALLIANCE_IS_STORE (self), NULL);

  priv = alliance_store_get_instance_private (self);
  return priv->database;
}

/* For subclasses, after a commit that changed the record. */
void
alliance_store_emit_changed (AllianceStore *self,
                             gint64         client_id)
{
  g_return_if_fail (ALLIANCE_IS_STORE (self));

  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string ("record"), client_id);
}

/* For subclasses, after autosaving a draft: nothing a flag or chart reads. */
void
alliance_store_emit_draft_changed (AllianceStore *self,
                                   gint64         client_id)
{
  g_return_if_fail (ALLIANCE_IS_STORE (self));

  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string ("draft"), client_id);
}
