/* alliance-ratings-window.c */
#define G_LOG_DOMAIN "alliance-ratings-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-event-dialog.h"
#include "alliance-interpretation.h"
#include "alliance-measure-form.h"
#include "alliance-measure-library.h"
#include "alliance-ratings-window.h"

/* Long enough not to write between two digits, short enough that closing
 * the laptop lid a moment later loses nothing. */
#define SAVE_DELAY_MS 400

/* One measure's form and what is stored for it. */
typedef struct
{
  AllianceRatingsWindow  *window;           /* unowned */
  AllianceMeasureForm    *form;             /* owned by the widget tree */
  AllianceAdministration *administration;   /* NULL until first saved */
  guint                   save_source;
} FormBinding;

struct _AllianceRatingsWindow
{
  AdwWindow             parent_instance;

  AllianceRatingStore  *store;
  AllianceSession      *session;
  GPtrArray            *bindings;           /* FormBinding */
  FormBinding          *prediction;
  FormBinding          *client_check;
  GtkWidget            *skip_button;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkWidget            *done_button;
  AdwToastOverlay      *toast_overlay;
  GtkBox               *forms_box;
  GtkBox               *extra_box;
  GtkMenuButton        *add_measure_button;
  GtkFlowBox           *event_buttons;
  GtkListBox           *events_list;
};

G_DEFINE_FINAL_TYPE (AllianceRatingsWindow, alliance_ratings_window, ADW_TYPE_WINDOW)

static void
show_problem (AllianceRatingsWindow *self,
              const GError          *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
binding_free (gpointer data)
{
  FormBinding *binding = data;

  g_clear_handle_id (&binding->save_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (binding->form, binding);
  g_clear_pointer (&binding->administration, alliance_administration_free);
  g_free (binding);
}

static const AllianceAdministration *
find_stored (FormBinding *binding)
{
  return binding != NULL ? binding->administration : NULL;
}

/* The client's rating is meant to come after the prediction, so the
 * prediction is not coloured by it; the order is what the store records. */
static void
update_lock (AllianceRatingsWindow *self)
{
  gboolean predicted = alliance_measure_form_count_answered (self->prediction->form) > 0;
  gboolean unlocked = predicted || find_stored (self->client_check) != NULL ||
                      !gtk_widget_get_visible (self->skip_button) ||
                      gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->skip_button));

  gtk_widget_set_sensitive (GTK_WIDGET (self->client_check->form), unlocked);
  gtk_widget_set_visible (self->skip_button, find_stored (self->client_check) == NULL && !predicted);
}

static void
interpret (AllianceRatingsWindow *self,
           FormBinding           *binding)
{
  const AllianceMeasure *measure = alliance_measure_form_get_measure (binding->form);
  g_autoptr(AllianceScore) score = NULL;
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  gboolean of_concern = FALSE;

  if (binding->administration == NULL)
    {
      alliance_measure_form_set_interpretation (binding->form, _("Not answered yet"), NULL, FALSE);
      return;
    }
  if (!binding->administration->complete)
    {
      title = alliance_interpretation_describe_incomplete (measure,
                                                           alliance_administration_count_answered (binding->administration));
      alliance_measure_form_set_interpretation (binding->form, title, NULL, FALSE);
      return;
    }

  score = alliance_rating_store_interpret (self->store, binding->administration, NULL);
  if (score == NULL)
    return;

  /* A prediction means nothing alone: it is read against the client's total. */
  if (binding == self->prediction)
    {
      g_autofree char *predicted = alliance_interpretation_format_number (score->total);
      g_autoptr(AllianceScore) client = NULL;

      /* Translators: the therapist's predicted Alliance check total */
      title = g_strdup_printf (_("Predicted total: %s"), predicted);
      if (find_stored (self->client_check) != NULL && self->client_check->administration->complete)
        client = alliance_rating_store_interpret (self->store, self->client_check->administration, NULL);
      if (client == NULL)
        details = g_strdup (_("The gap to the client’s own total shows once their Alliance check is entered."));
      else
        details = alliance_interpretation_describe_prediction_gap (
          score->total, client->total,
          binding->administration->entry_order < self->client_check->administration->entry_order);
      alliance_measure_form_set_interpretation (binding->form, title, details, FALSE);
      return;
    }

  title = alliance_interpretation_describe_total (measure, score);
  details = alliance_interpretation_describe_details (measure, score);
  of_concern = score->cutoff_met ||
               (score->since_previous.reliable && score->since_previous.direction == ALLIANCE_CHANGE_DETERIORATED);
  alliance_measure_form_set_interpretation (binding->form, title, details, of_concern);
}

static void
interpret_all (AllianceRatingsWindow *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    interpret (self, g_ptr_array_index (self->bindings, i));
}

static gboolean
save_binding (AllianceRatingsWindow *self,
              FormBinding           *binding)
{
  const AllianceMeasure *measure = alliance_measure_form_get_measure (binding->form);
  g_autoptr(GError) error = NULL;
  g_autofree int *values = NULL;
  guint n_values;

  g_clear_handle_id (&binding->save_source, g_source_remove);

  /* Everything cleared: nothing was given at this session. */
  if (alliance_measure_form_count_answered (binding->form) == 0)
    {
      if (binding->administration != NULL &&
          !alliance_rating_store_delete_administration (self->store, binding->administration->id, &error))
        {
          show_problem (self, error);
          return FALSE;
        }
      g_clear_pointer (&binding->administration, alliance_administration_free);
      interpret_all (self);
      update_lock (self);
      return TRUE;
    }

  if (binding->administration == NULL)
    binding->administration = alliance_administration_new (self->session->client_id, self->session->id, measure);
  values = alliance_measure_form_dup_values (binding->form, &n_values);
  g_return_val_if_fail (n_values == binding->administration->n_values, FALSE);
  memcpy (binding->administration->values, values, sizeof (int) * n_values);

  if (!alliance_rating_store_save_administration (self->store, binding->administration, &error))
    {
      if (binding->administration->id == 0)
        g_clear_pointer (&binding->administration, alliance_administration_free);
      show_problem (self, error);
      return FALSE;
    }
  interpret_all (self);
  update_lock (self);
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer data)
{
  FormBinding *binding = data;

  binding->save_source = 0;
  save_binding (binding->window, binding);
  return G_SOURCE_REMOVE;
}

static void
form_changed_cb (AllianceMeasureForm *form,
                 FormBinding         *binding)
{
  g_clear_handle_id (&binding->save_source, g_source_remove);
  binding->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, binding);
  if (binding == binding->window->prediction)
    update_lock (binding->window);
}

/* The forms in the order they are shown. */
static GPtrArray *
list_forms_in_order (AllianceRatingsWindow *self)
{
  GPtrArray *forms = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->forms_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ALLIANCE_IS_MEASURE_FORM (child))
        g_ptr_array_add (forms, child);
      else if (child == GTK_WIDGET (self->extra_box))
        for (GtkWidget *extra = gtk_widget_get_first_child (child); extra != NULL;
             extra = gtk_widget_get_next_sibling (extra))
          g_ptr_array_add (forms, extra);
    }
  return forms;
}

/* Tab past one form's answers goes on to the next form's, so the whole
 * page is typed without the mouse; past the last, to the event buttons. */
static void
form_left_cb (AllianceMeasureForm   *form,
              gboolean               forward,
              AllianceRatingsWindow *self)
{
  g_autoptr(GPtrArray) forms = list_forms_in_order (self);
  guint index;

  if (!g_ptr_array_find (forms, form, &index))
    return;
  while (forward ? index + 1 < forms->len : index > 0)
    {
      AllianceMeasureForm *next;

      index = forward ? index + 1 : index - 1;
      next = g_ptr_array_index (forms, index);
      if (gtk_widget_is_sensitive (GTK_WIDGET (next)))
        {
          alliance_measure_form_focus_edge (next, forward);
          return;
        }
    }
  if (forward)
    gtk_widget_child_focus (GTK_WIDGET (self->event_buttons), GTK_DIR_TAB_FORWARD);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
}

static FormBinding *
add_form (AllianceRatingsWindow *self,
          const AllianceMeasure *measure,
          const char            *description)
{
  FormBinding *binding = g_new0 (FormBinding, 1);

  binding->window = self;
  binding->form = alliance_measure_form_new (measure);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (binding->form), description);
  g_signal_connect (binding->form, "changed", G_CALLBACK (form_changed_cb), binding);
  g_signal_connect_object (binding->form, "leave", G_CALLBACK (form_left_cb), self, 0);
  g_ptr_array_add (self->bindings, binding);
  return binding;
}

static void
load_administration (FormBinding                  *binding,
                     const AllianceAdministration *administration)
{
  g_clear_pointer (&binding->administration, alliance_administration_free);
  binding->administration = alliance_administration_copy (administration);
  alliance_measure_form_set_values (binding->form, administration->values, administration->n_values);
}

static FormBinding *
add_extra_form (AllianceRatingsWindow *self,
                const AllianceMeasure *measure)
{
  FormBinding *binding = add_form (self, measure, NULL);
  const char *note = measure->note != NULL ? alliance_measure_translate (measure, measure->note) : NULL;

  if (note != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (binding->form), note);
  gtk_box_append (self->extra_box, GTK_WIDGET (binding->form));
  gtk_widget_set_visible (GTK_WIDGET (self->extra_box), TRUE);
  return binding;
}

static FormBinding *
find_binding (AllianceRatingsWindow *self,
              const char            *key)
{
  for (guint i = 0; i < self->bindings->len; i++)
    {
      FormBinding *binding = g_ptr_array_index (self->bindings, i);

      if (g_strcmp0 (alliance_measure_form_get_measure (binding->form)->id, key) == 0)
        return binding;
    }
  return NULL;
}

/* The menu offers the client- and observer-rated measures not yet shown. */
static void
update_measure_menu (AllianceRatingsWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GPtrArray) measures = alliance_rating_store_list_measures (self->store, NULL);

  for (guint i = 0; measures != NULL && i < measures->len; i++)
    {
      const AllianceMeasure *measure = g_ptr_array_index (measures, i);
      g_autoptr(GMenuItem) item = NULL;

      if (measure->purpose == ALLIANCE_MEASURE_PURPOSE_PREDICTION ||
          measure->purpose == ALLIANCE_MEASURE_PURPOSE_REFLECTION ||
          find_binding (self, measure->id) != NULL)
        continue;
      item = g_menu_item_new (alliance_measure_translate (measure, measure->name), NULL);
      g_menu_item_set_action_and_target_value (item, "ratings.add-measure", g_variant_new_string (measure->id));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->add_measure_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_measure_button), g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
}

static void
add_measure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllianceRatingsWindow *self = ALLIANCE_RATINGS_WINDOW (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  const AllianceMeasure *measure;
  FormBinding *binding;

  measure = alliance_rating_store_get_current_measure (self->store, key, &error);
  if (measure == NULL)
    {
      show_problem (self, error);
      return;
    }
  binding = add_extra_form (self, measure);
  interpret (self, binding);
  update_measure_menu (self);
  alliance_measure_form_focus_first_empty (binding->form);
}

/* Events */

static void
event_saved_cb (AllianceRatingsWindow *self);

static void
open_event_dialog (AllianceRatingsWindow *self,
                   AllianceEventKind      kind)
{
  AllianceEventDialog *dialog = alliance_event_dialog_new (self->store, self->session, kind);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (event_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AllianceEventKind kind;

  if (alliance_event_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    open_event_dialog (ALLIANCE_RATINGS_WINDOW (widget), kind);
}

static void
delete_event_responded_cb (AdwMessageDialog      *dialog,
                           const char            *response,
                           AllianceRatingsWindow *self)
{
  gint64 event_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "event-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove"))
    return;
  if (!alliance_rating_store_delete_event (self->store, event_id, &error))
    show_problem (self, error);
  event_saved_cb (self);
}

/* An event is part of the record: removing one is asked about first. */
static void
delete_event_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWidget *dialog = alliance_dialogs_new_message (widget, _("Remove This Event?"),
                                                    _("Remove it only if it was recorded by mistake. "
                                                      "A rupture that a repair names cannot be removed "
                                                      "before the repair."));

  g_object_set_data (G_OBJECT (dialog), "event-id", GSIZE_TO_POINTER ((gsize)g_variant_get_int64 (parameter)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_event_responded_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_events (AllianceRatingsWindow *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->events_list))) != NULL)
    gtk_list_box_remove (self->events_list, child);

  events = alliance_rating_store_list_session_events (self->store, self->session->id, &error);
  if (events == NULL)
    {
      show_problem (self, error);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->events_list), events->len > 0);
  for (guint i = 0; i < events->len; i++)
    {
      const AllianceSessionEvent *event = g_ptr_array_index (events, i);
      g_autofree char *title = alliance_session_event_describe (event);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (event->note != NULL && *event->note != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), event->note);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Event"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Event"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "ratings.delete-event");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", event->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->events_list, row);
    }
}

static void
event_saved_cb (AllianceRatingsWindow *self)
{
  show_events (self);
}

static void
add_event_buttons (AllianceRatingsWindow *self)
{
  static const struct
  {
    AllianceEventKind  kind;
    const char        *label;
    const char        *tooltip;
  } buttons[] = {
    { ALLIANCE_EVENT_RUPTURE, N_("_Rupture"), N_("Record a rupture: the client withdrew or confronted") },
    { ALLIANCE_EVENT_REPAIR, N_("Re_pair"), N_("Record a repair of an earlier rupture") },
    { ALLIANCE_EVENT_BOUNDARY, N_("_Boundary"), N_("Record a boundary event: contact outside sessions, an overrun, a gift…") },
    { ALLIANCE_EVENT_LIFE, N_("_Life Event"), N_("Record something that happened in the client’s life") },
    { ALLIANCE_EVENT_RISK, N_("Ris_k"), N_("Record a risk; follow your risk protocol") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(buttons[i].label));

      gtk_widget_set_tooltip_text (button, _(buttons[i].tooltip));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "ratings.add-event");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", alliance_event_kind_to_string (buttons[i].kind));
      gtk_flow_box_append (self->event_buttons, button);
    }
}

static void
build (AllianceRatingsWindow *self)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = g_strndup (self->session->starts_at, 10);
  g_autofree char *formatted = alliance_date_format (date);
  g_autofree char *subtitle = NULL;
  const AllianceMeasure *measure;
  FormBinding *reflection;

  if (self->session->number > 0)
    /* Translators: window subtitle, e.g. "Session 12 · 3 November 2026" */
    subtitle = g_strdup_printf (_("Session %d · %s"), self->session->number, formatted);
  else
    subtitle = g_strdup (formatted);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  measure = alliance_rating_store_get_current_measure (self->store, ALLIANCE_MEASURE_THERAPIST_PREDICTION, &error);
  if (measure == NULL)
    {
      show_problem (self, error);
      return;
    }
  self->prediction = add_form (self, measure,
                               _("Before you look at the client’s answers: what total do you expect on their "
                                 "Alliance check? Therapists tend to expect more than clients report."));
  self->skip_button = gtk_toggle_button_new_with_mnemonic (_("_Skip"));
  gtk_widget_set_valign (self->skip_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->skip_button, "flat");
  gtk_widget_set_tooltip_text (self->skip_button, _("Enter the client’s scores without a prediction"));
  g_signal_connect_object (self->skip_button, "toggled", G_CALLBACK (update_lock), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->prediction->form), self->skip_button);
  gtk_box_prepend (self->forms_box, GTK_WIDGET (self->prediction->form));

  measure = alliance_rating_store_get_current_measure (self->store, ALLIANCE_MEASURE_ALLIANCE_CHECK, &error);
  if (measure == NULL)
    {
      show_problem (self, error);
      return;
    }
  self->client_check = add_form (self, measure,
                                 _("The client’s answers from the paper form. Written for Alliance after Bordin’s "
                                   "model; not a validated instrument: a conversation starter."));
  gtk_box_insert_child_after (self->forms_box, GTK_WIDGET (self->client_check->form),
                              GTK_WIDGET (self->prediction->form));

  measure = alliance_rating_store_get_current_measure (self->store, ALLIANCE_MEASURE_RELATIONSHIP_REFLECTION, &error);
  if (measure == NULL)
    {
      show_problem (self, error);
      return;
    }
  reflection = add_form (self, measure, _("Your own view of the relationship in this session, 1 (poor) to 5 (strong)."));
  gtk_box_insert_child_after (self->forms_box, GTK_WIDGET (reflection->form), GTK_WIDGET (self->extra_box));

  /* What is already stored for this session, in the forms it belongs to. */
  stored = alliance_rating_store_list_session_administrations (self->store, self->session->id, &error);
  if (stored == NULL)
    {
      show_problem (self, error);
      return;
    }
  for (guint i = 0; i < stored->len; i++)
    {
      const AllianceAdministration *administration = g_ptr_array_index (stored, i);
      FormBinding *binding = find_binding (self, administration->measure_key);

      if (binding == NULL || alliance_measure_form_get_measure (binding->form)->version != administration->measure_version)
        {
          measure = alliance_rating_store_get_measure (self->store, administration->measure_key,
                                                       administration->measure_version, NULL);
          if (measure == NULL)
            continue;
          binding = add_extra_form (self, measure);
        }
      load_administration (binding, administration);
    }

  add_event_buttons (self);
  show_events (self);
  update_measure_menu (self);
  interpret_all (self);
  update_lock (self);

  /* Ready to type: the prediction, or where the client's answers go. */
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->client_check->form)) &&
      alliance_measure_form_count_answered (self->prediction->form) > 0)
    alliance_measure_form_focus_first_empty (self->client_check->form);
  else
    alliance_measure_form_focus_first_empty (self->prediction->form);
}

gboolean
alliance_ratings_window_save_pending (AllianceRatingsWindow *self)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (ALLIANCE_IS_RATINGS_WINDOW (self), FALSE);

  for (guint i = 0; i < self->bindings->len; i++)
    {
      FormBinding *binding = g_ptr_array_index (self->bindings, i);

      if (binding->save_source != 0 && !save_binding (self, binding))
        ok = FALSE;
    }
  return ok;
}

static gboolean
alliance_ratings_window_close_request (GtkWindow *window)
{
  /* Nothing typed is lost by closing: pending answers are written now. */
  alliance_ratings_window_save_pending (ALLIANCE_RATINGS_WINDOW (window));
  return GTK_WINDOW_CLASS (alliance_ratings_window_parent_class)->close_request (window);
}

static void
alliance_ratings_window_dispose (GObject *object)
{
  AllianceRatingsWindow *self = ALLIANCE_RATINGS_WINDOW (object);

  if (self->bindings != NULL && self->store != NULL)
    alliance_ratings_window_save_pending (self);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (alliance_ratings_window_parent_class)->dispose (object);
}

static void
alliance_ratings_window_finalize (GObject *object)
{
  AllianceRatingsWindow *self = ALLIANCE_RATINGS_WINDOW (object);

  g_clear_pointer (&self->session, alliance_session_free);

  G_OBJECT_CLASS (alliance_ratings_window_parent_class)->finalize (object);
}

static void
alliance_ratings_window_class_init (AllianceRatingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = alliance_ratings_window_dispose;
  object_class->finalize = alliance_ratings_window_finalize;
  window_class->close_request = alliance_ratings_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-ratings-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceRatingsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllianceRatingsWindow, done_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceRatingsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AllianceRatingsWindow, forms_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceRatingsWindow, extra_box);
  gtk_widget_class_bind_template_child (widget_class, AllianceRatingsWindow, add_measure_button);
  gtk_widget_class_bind_template_child (widget_class, AllianceRatingsWindow, event_buttons);
  gtk_widget_class_bind_template_child (widget_class, AllianceRatingsWindow, events_list);

  gtk_widget_class_install_action (widget_class, "ratings.add-measure", "s", add_measure_action);
  gtk_widget_class_install_action (widget_class, "ratings.add-event", "s", add_event_action);
  gtk_widget_class_install_action (widget_class, "ratings.delete-event", "x", delete_event_action);
}

static void
alliance_ratings_window_init (AllianceRatingsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->bindings = g_ptr_array_new_with_free_func (binding_free);
}

AllianceRatingsWindow *
alliance_ratings_window_new (AllianceRatingStore   *store,
                             const AllianceSession *session)
{
  AllianceRatingsWindow *self;

  g_return_val_if_fail (ALLIANCE_IS_RATING_STORE (store), NULL);
  g_return_val_if_fail (session != NULL && session->id != 0, NULL);

  self = g_object_new (ALLIANCE_TYPE_RATINGS_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->session = alliance_session_copy (session);
  build (self);
  return self;
}
