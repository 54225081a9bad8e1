/* alliance-flags-page.c
 *
 * Rows are made from a table rather than a template: each is the same
 * AdwActionRow with a GtkSpinButton bound to its key, and the ranges come
 * from the schema, so they cannot drift from what GSettings accepts.
 */
#define G_LOG_DOMAIN "alliance-flags-page"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-flags-page.h"

struct _AllianceFlagsPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  GHashTable         *spin_buttons;   /* key → GtkSpinButton (unowned) */
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllianceFlagsPage, alliance_flags_page, ADW_TYPE_PREFERENCES_PAGE)

typedef enum
{
  GROUP_ALLIANCE,
  GROUP_ATTENDANCE,
  GROUP_PREDICTIONS,
  GROUP_OUTCOME_AND_RISK,
  N_GROUPS,
} FlagGroup;

static const struct
{
  const char *title;
  const char *description;
} groups[N_GROUPS] = {
  [GROUP_ALLIANCE] = { N_("Alliance"),
                       N_("When the client’s own ratings of your working relationship ask for a conversation.") },
  [GROUP_ATTENDANCE] = { N_("Attendance"), NULL },
  [GROUP_PREDICTIONS] = { N_("Your Predictions"),
                          N_("When you keep rating the alliance higher than your client does.") },
  [GROUP_OUTCOME_AND_RISK] = { N_("Outcome, Risk and Boundaries"), NULL },
};

static const struct
{
  FlagGroup   group;
  const char *key;
  const char *title;
  const char *subtitle;
  double      step;
  guint       digits;
} thresholds[] = {
  { GROUP_ALLIANCE, "flag-alliance-drop-percent", N_("Drop in the alliance (%)"),
    N_("Flag a fall since the previous rating of at least this share of the measure’s range"), 1, 0 },
  { GROUP_ALLIANCE, "flag-item-low-percent", N_("Low answer to one question (%)"),
    N_("Flag an alliance question answered at or below this share of its range"), 1, 0 },
  { GROUP_ALLIANCE, "flag-not-measured-sessions", N_("Sessions without an alliance rating"),
    N_("Remind you to ask after this many attended sessions in a row with no rating"), 1, 0 },
  { GROUP_ATTENDANCE, "flag-missed-in-a-row", N_("Missed sessions in a row"),
    N_("Flag this many no-shows or late cancellations one after another"), 1, 0 },
  { GROUP_PREDICTIONS, "flag-calibration-gap-points", N_("Gap between your prediction and their rating"),
    N_("Count a session when your prediction is above the client’s total by at least this many points"), 0.5, 1 },
  { GROUP_PREDICTIONS, "flag-calibration-window", N_("Sessions compared"),
    N_("How many recent sessions with both your prediction and their rating are looked at"), 1, 0 },
  { GROUP_PREDICTIONS, "flag-calibration-count", N_("Gaps that raise the flag"),
    N_("How many of those sessions must show the gap"), 1, 0 },
  { GROUP_OUTCOME_AND_RISK, "flag-not-on-track-session", N_("Expected improvement by session"),
    N_("Flag an outcome measure that has not improved reliably by this session"), 1, 0 },
  { GROUP_OUTCOME_AND_RISK, "flag-risk-days", N_("Days a risk answer stays flagged"),
    N_("How long an answer above 0 on a risk question, such as PHQ-9 item 9, keeps the flag and the banner"), 1, 0 },
  { GROUP_OUTCOME_AND_RISK, "flag-boundary-days", N_("Days a boundary event stays flagged"),
    N_("Until supervision meetings are recorded, how long a boundary event keeps its flag"), 1, 0 },
};

/* The key's range from the schema: the spin button offers exactly that. */
static void
get_key_range (GSettings  *settings,
               const char *key,
               double     *lower,
               double     *upper)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  g_autoptr(GVariant) min = NULL;
  g_autoptr(GVariant) max = NULL;
  const char *type;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &type, &limits);
  g_assert (g_str_equal (type, "range"));

  min = g_variant_get_child_value (limits, 0);
  max = g_variant_get_child_value (limits, 1);
  if (g_variant_is_of_type (min, G_VARIANT_TYPE_DOUBLE))
    {
      *lower = g_variant_get_double (min);
      *upper = g_variant_get_double (max);
    }
  else
    {
      *lower = g_variant_get_int32 (min);
      *upper = g_variant_get_int32 (max);
    }
}

static void
build_rows (AllianceFlagsPage *self)
{
  AdwPreferencesGroup *group_widgets[N_GROUPS];

  for (guint i = 0; i < N_GROUPS; i++)
    {
      group_widgets[i] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group_widgets[i], _(groups[i].title));
      if (groups[i].description != NULL)
        adw_preferences_group_set_description (group_widgets[i], _(groups[i].description));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group_widgets[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin;
      GtkAdjustment *adjustment;
      double lower, upper;

      get_key_range (self->settings, thresholds[i].key, &lower, &upper);
      adjustment = gtk_adjustment_new (lower, lower, upper, thresholds[i].step, thresholds[i].step * 10, 0);
      spin = gtk_spin_button_new (adjustment, thresholds[i].step, thresholds[i].digits);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(thresholds[i].title),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(thresholds[i].subtitle),
                                      -1);
      g_settings_bind (self->settings, thresholds[i].key, spin, "value", G_SETTINGS_BIND_DEFAULT);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(thresholds[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(thresholds[i].subtitle));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (group_widgets[thresholds[i].group], row);
      g_hash_table_insert (self->spin_buttons, (gpointer)thresholds[i].key, spin);
    }
}

static void
alliance_flags_page_constructed (GObject *object)
{
  AllianceFlagsPage *self = (AllianceFlagsPage *)object;

  G_OBJECT_CLASS (alliance_flags_page_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  build_rows (self);
}

static void
alliance_flags_page_dispose (GObject *object)
{
  AllianceFlagsPage *self = (AllianceFlagsPage *)object;

  g_clear_pointer (&self->spin_buttons, g_hash_table_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (alliance_flags_page_parent_class)->dispose (object);
}

static void
alliance_flags_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AllianceFlagsPage *self = ALLIANCE_FLAGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_flags_page_class_init (AllianceFlagsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = alliance_flags_page_constructed;
  object_class->dispose = alliance_flags_page_dispose;
  object_class->set_property = alliance_flags_page_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
alliance_flags_page_init (AllianceFlagsPage *self)
{
  self->spin_buttons = g_hash_table_new (g_str_hash, g_str_equal);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Flags"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "dialog-warning-symbolic");
}

/**
 * alliance_flags_page_new:
 * @settings: the application's settings, with the flag-* keys
 */
GtkWidget *
alliance_flags_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ALLIANCE_TYPE_FLAGS_PAGE, "settings", settings, NULL);
}

/* The spin button bound to @key, or NULL: for tests. */
GtkWidget *
alliance_flags_page_get_spin_button (AllianceFlagsPage *self,
                                     const char        *key)
{
  g_return_val_if_fail (ALLIANCE_IS_FLAGS_PAGE (self), NULL);

  return self->spin_buttons ? g_hash_table_lookup (self->spin_buttons, key) : NULL;
}
