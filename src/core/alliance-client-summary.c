/* alliance-client-summary.c */
#define G_LOG_DOMAIN "alliance-client-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alliance-client-summary.h"

struct _AllianceClientSummary
{
  GObject               parent_instance;

  gint64                id;
  char                 *code;
  char                 *display_name;
  AllianceClientStatus  status;
  gboolean              archived;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_DISPLAY_NAME,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllianceClientSummary, alliance_client_summary, G_TYPE_OBJECT)

static void
alliance_client_summary_finalize (GObject *object)
{
  AllianceClientSummary *self = (AllianceClientSummary *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (alliance_client_summary_parent_class)->finalize (object);
}

static void
alliance_client_summary_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AllianceClientSummary *self = ALLIANCE_CLIENT_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_SUBTITLE:
      g_value_take_string (value, alliance_client_summary_dup_subtitle (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_client_summary_class_init (AllianceClientSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = alliance_client_summary_finalize;
  object_class->get_property = alliance_client_summary_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alliance_client_summary_init (AllianceClientSummary *self)
{
}

AllianceClientSummary *
alliance_client_summary_new (gint64                id,
                             const char           *code,
                             const char           *display_name,
                             AllianceClientStatus  status,
                             gboolean              archived)
{
  AllianceClientSummary *self = g_object_new (ALLIANCE_TYPE_CLIENT_SUMMARY, NULL);

  self->id = id;
  self->code = g_strdup (code);
  self->display_name = g_strdup (display_name);
  self->status = status;
  self->archived = archived;
  return self;
}

gint64
alliance_client_summary_get_id (AllianceClientSummary *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_SUMMARY (self), 0);

  return self->id;
}

const char *
alliance_client_summary_get_code (AllianceClientSummary *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_SUMMARY (self), NULL);

  return self->code;
}

const char *
alliance_client_summary_get_display_name (AllianceClientSummary *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_SUMMARY (self), NULL);

  return self->display_name;
}

AllianceClientStatus
alliance_client_summary_get_status (AllianceClientSummary *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_SUMMARY (self), ALLIANCE_CLIENT_STATUS_ACTIVE);

  return self->status;
}

gboolean
alliance_client_summary_get_archived (AllianceClientSummary *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_SUMMARY (self), FALSE);

  return self->archived;
}

/* "C-0012 · Active", or "C-0012 · Discharged · Archived". */
char *
alliance_client_summary_dup_subtitle (AllianceClientSummary *self)
{
  g_return_val_if_fail (ALLIANCE_IS_CLIENT_SUMMARY (self), NULL);

  if (self->archived)
    /* Translators: client code · status · archived, in the caseload list */
    return g_strdup_printf (_("%s · %s · Archived"), self->code, alliance_client_status_get_label (self->status));
  /* Translators: client code · status, in the caseload list */
  return g_strdup_printf (_("%s · %s"), self->code, alliance_client_status_get_label (self->status));
}
