/* alliance-event-dialog.c */
#define G_LOG_DOMAIN "alliance-event-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-event-dialog.h"

struct _AllianceEventDialog
{
  AdwWindow             parent_instance;

  AllianceRatingStore  *store;
  AllianceSession      *session;
  AllianceEventKind     kind;
  GArray               *rupture_ids;   /* gint64, in the order of rupture_row */

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwComboRow          *rupture_type_row;
  AdwComboRow          *intensity_row;
  AdwComboRow          *rupture_row;
  AdwComboRow          *strategy_row;
  AdwActionRow         *resolved_row;
  GtkSwitch            *resolved_switch;
  AdwComboRow          *boundary_row;
  AdwEntryRow          *note_row;
  GtkLabel             *error_label;
  GtkWidget            *save_button;
};

G_DEFINE_FINAL_TYPE (AllianceEventDialog, alliance_event_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef const char *(*LabelFunc) (int value);

static void
fill_combo (AdwComboRow *row,
            guint        n_values,
            LabelFunc    get_label)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_values; i++)
    gtk_string_list_append (model, get_label ((int)i));
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
}

static const char *
rupture_type_label (int value)
{
  return alliance_rupture_type_get_label ((AllianceRuptureType)value);
}

static const char *
strategy_label (int value)
{
  return alliance_repair_strategy_get_label ((AllianceRepairStrategy)value);
}

static const char *
boundary_label (int value)
{
  return alliance_boundary_kind_get_label ((AllianceBoundaryKind)value);
}

static const char *
intensity_label (int value)
{
  const char *labels[] = {
    /* Translators: rupture intensity 1 of 3 */
    N_("1 — Mild"),
    /* Translators: rupture intensity 2 of 3 */
    N_("2 — Moderate"),
    /* Translators: rupture intensity 3 of 3 */
    N_("3 — Strong"),
  };

  return _(labels[value]);
}

/* The ruptures of this client still waiting for a resolved repair. */
static void
fill_ruptures (AllianceEventDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ruptures = NULL;
  g_autoptr(GError) error = NULL;

  ruptures = alliance_rating_store_list_unrepaired_ruptures (self->store, self->session->client_id, &error);
  for (guint i = 0; ruptures != NULL && i < ruptures->len; i++)
    {
      const AllianceSessionEvent *rupture = g_ptr_array_index (ruptures, i);
      g_autofree char *date = g_strndup (rupture->occurred_at, 10);
      g_autofree char *formatted = alliance_date_format (date);
      g_autofree char *described = alliance_session_event_describe (rupture);
      /* Translators: a rupture to choose, e.g. "3 Nov 2026: Rupture (withdrawal, intensity 2)" */
      g_autofree char *label = g_strdup_printf (_("%s: %s"), formatted, described);

      /* A rupture can only be repaired at its session or later. */
      if (g_strcmp0 (rupture->occurred_at, self->session->starts_at) > 0)
        continue;
      gtk_string_list_append (model, label);
      g_array_append_val (self->rupture_ids, rupture->id);
    }
  adw_combo_row_set_model (self->rupture_row, G_LIST_MODEL (model));
  /* The most recent is the likeliest. */
  if (self->rupture_ids->len > 0)
    adw_combo_row_set_selected (self->rupture_row, self->rupture_ids->len - 1);
  if (self->rupture_ids->len == 0)
    {
      gtk_label_set_text (self->error_label, error != NULL ? error->message
                          : _("There is no unrepaired rupture at this session or before it to repair."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_sensitive (self->save_button, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.save", FALSE);
    }
}

static void
show_fields (AllianceEventDialog *self)
{
  gboolean rupture = self->kind == ALLIANCE_EVENT_RUPTURE;
  gboolean repair = self->kind == ALLIANCE_EVENT_REPAIR;
  const char *titles[ALLIANCE_N_EVENT_KINDS] = {
    [ALLIANCE_EVENT_RUPTURE] = N_("Rupture"),
    [ALLIANCE_EVENT_REPAIR] = N_("Repair"),
    [ALLIANCE_EVENT_BOUNDARY] = N_("Boundary Event"),
    [ALLIANCE_EVENT_LIFE] = N_("Life Event"),
    [ALLIANCE_EVENT_RISK] = N_("Risk"),
  };

  adw_window_title_set_title (self->window_title, _(titles[self->kind]));
  gtk_widget_set_visible (GTK_WIDGET (self->rupture_type_row), rupture);
  gtk_widget_set_visible (GTK_WIDGET (self->intensity_row), rupture);
  gtk_widget_set_visible (GTK_WIDGET (self->rupture_row), repair);
  gtk_widget_set_visible (GTK_WIDGET (self->strategy_row), repair);
  gtk_widget_set_visible (GTK_WIDGET (self->resolved_row), repair);
  gtk_widget_set_visible (GTK_WIDGET (self->boundary_row), self->kind == ALLIANCE_EVENT_BOUNDARY);
  if (self->kind == ALLIANCE_EVENT_RISK)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), _("What happened (follow your risk protocol)"));
}

gboolean
alliance_event_dialog_save (AllianceEventDialog *self)
{
  g_autoptr(AllianceSessionEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  guint selected;

  g_return_val_if_fail (ALLIANCE_IS_EVENT_DIALOG (self), FALSE);

  event = alliance_session_event_new (self->session->id, self->kind);
  event->rupture_type = (AllianceRuptureType)adw_combo_row_get_selected (self->rupture_type_row);
  event->intensity = (int)adw_combo_row_get_selected (self->intensity_row) + ALLIANCE_RUPTURE_MIN_INTENSITY;
  event->strategy = (AllianceRepairStrategy)adw_combo_row_get_selected (self->strategy_row);
  event->resolved = gtk_switch_get_active (self->resolved_switch);
  event->boundary_kind = (AllianceBoundaryKind)adw_combo_row_get_selected (self->boundary_row);
  selected = adw_combo_row_get_selected (self->rupture_row);
  if (self->kind == ALLIANCE_EVENT_REPAIR && selected < self->rupture_ids->len)
    event->rupture_id = g_array_index (self->rupture_ids, gint64, selected);
  g_free (event->note);
  event->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));

  if (!alliance_rating_store_save_event (self->store, event, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0, event->id);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AllianceEventDialog *self = ALLIANCE_EVENT_DIALOG (widget);

  if (alliance_event_dialog_save (self))
    gtk_window_close (GTK_WINDOW (self));
}

static void
alliance_event_dialog_finalize (GObject *object)
{
  AllianceEventDialog *self = ALLIANCE_EVENT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->session, alliance_session_free);
  g_clear_pointer (&self->rupture_ids, g_array_unref);

  G_OBJECT_CLASS (alliance_event_dialog_parent_class)->finalize (object);
}

static void
alliance_event_dialog_class_init (AllianceEventDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = alliance_event_dialog_finalize;

  /**
   * AllianceEventDialog::saved:
   * @event_id: the event recorded
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-event-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, rupture_type_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, intensity_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, rupture_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, strategy_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, resolved_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, resolved_switch);
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, boundary_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AllianceEventDialog, save_button);

  gtk_widget_class_install_action (widget_class, "event.save", NULL, save_action);
}

static void
alliance_event_dialog_init (AllianceEventDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rupture_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  fill_combo (self->rupture_type_row, ALLIANCE_N_RUPTURE_TYPES, rupture_type_label);
  fill_combo (self->intensity_row, ALLIANCE_RUPTURE_MAX_INTENSITY, intensity_label);
  fill_combo (self->strategy_row, ALLIANCE_N_REPAIR_STRATEGIES, strategy_label);
  fill_combo (self->boundary_row, ALLIANCE_N_BOUNDARY_KINDS, boundary_label);
}

AllianceEventDialog *
alliance_event_dialog_new (AllianceRatingStore   *store,
                           const AllianceSession *session,
                           AllianceEventKind      kind)
{
  AllianceEventDialog *self;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (store), NULL);
  g_return_val_if_fail (session != NULL && session->id != 0, NULL);
  g_return_val_if_fail (kind < ALLIANCE_N_EVENT_KINDS, NULL);

  self = g_object_new (ALLIANCE_TYPE_EVENT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->session = alliance_session_copy (session);
  self->kind = kind;
  show_fields (self);
  if (kind == ALLIANCE_EVENT_REPAIR)
    fill_ruptures (self);
  return self;
}
