/* alliance-record-window.c */
#define G_LOG_DOMAIN "alliance-record-window"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "alliance-dialogs.h"
#include "alliance-record-report.h"
#include "alliance-record-window.h"

struct _AllianceRecordWindow
{
  AdwWindow             parent_instance;

  AllianceClientStore  *clients;
  AllianceSessionStore *sessions;
  gint64                client_id;
  AllianceRecordReport *report;        /* laid out for the screen */
  double                page_width;    /* points */
  double                page_height;
  guint                 n_pages;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkToggleButton      *process_toggle;
  GtkBox               *pages_box;
};

G_DEFINE_FINAL_TYPE (AllianceRecordWindow, alliance_record_window, ADW_TYPE_WINDOW)

static void
draw_page_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  AllianceRecordWindow *self = g_object_get_data (G_OBJECT (area), "record-window");
  guint page = GPOINTER_TO_UINT (user_data);

  /* Paper is white whatever the theme: this is how the page will print. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / self->page_width, height / self->page_height);
  alliance_record_report_draw_page (self->report, cr, page);
}

static int
page_height_for_width (AllianceRecordWindow *self,
                       int                   width)
{
  return (int)(width * self->page_height / self->page_width + 0.5);
}

static void
page_resized_cb (GtkDrawingArea       *area,
                 int                   width,
                 int                   height,
                 AllianceRecordWindow *self)
{
  int wanted = page_height_for_width (self, width);

  /* Keep the paper's proportions as the window narrows. */
  if (wanted != gtk_widget_get_height (GTK_WIDGET (area)))
    gtk_widget_set_size_request (GTK_WIDGET (area), -1, wanted);
}

static gboolean
build_pages (AllianceRecordWindow  *self,
             GError               **error)
{
  g_autoptr(AllianceRecordReport) report = NULL;
  cairo_font_options_t *options;
  PangoContext *context;
  GtkWidget *child;

  report = alliance_record_report_new (self->clients, self->sessions, self->client_id,
                                       gtk_toggle_button_get_active (self->process_toggle), error);
  if (report == NULL)
    return FALSE;

  /* Lay out in points, as for paper, so the screen shows the printed pages. */
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (context, 72);
  /* Unhinted metrics, as in the PDF, so lines break in the same places. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  alliance_page_get_default_size (&self->page_width, &self->page_height);
  self->n_pages = alliance_record_report_paginate (report, context, self->page_width, self->page_height);
  g_object_unref (context);
  g_set_object (&self->report, report);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);

  for (guint i = 0; i < self->n_pages; i++)
    {
      GtkWidget *area = gtk_drawing_area_new ();
      g_autofree char *label = g_strdup_printf (_("Page %u of %u"), i + 1, self->n_pages);

      g_object_set_data (G_OBJECT (area), "record-window", self);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_page_cb, GUINT_TO_POINTER (i), NULL);
      gtk_widget_set_size_request (area, -1, page_height_for_width (self, 696));
      gtk_widget_add_css_class (area, "card");
      gtk_widget_add_css_class (area, "paper");
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_object (area, "resize", G_CALLBACK (page_resized_cb), self, 0);
      gtk_box_append (self->pages_box, area);
    }
  return TRUE;
}

static void
process_toggled_cb (AllianceRecordWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!build_pages (self, &error))
    alliance_dialogs_show_error (GTK_WIDGET (self), _("The Record Could Not Be Shown"), error);
}

/**
 * alliance_record_window_export:
 *
 * Writes the record, as shown, to @path as a PDF. Nothing is left behind
 * at @path when it fails.
 */
gboolean
alliance_record_window_export (AllianceRecordWindow  *self,
                               const char            *path,
                               GError               **error)
{
  g_return_val_if_fail (ALLIANCE_IS_RECORD_WINDOW (self), FALSE);

  return alliance_record_report_write_pdf (self->report, path, error);
}

static gboolean
write_pdf (const char  *path,
           gpointer     user_data,
           GError     **error)
{
  return alliance_record_window_export (user_data, path, error);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AllianceRecordWindow *self = ALLIANCE_RECORD_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(AllianceClient) client = alliance_client_store_load (self->clients, self->client_id, NULL);
  g_autofree char *name = NULL;

  /* The file name carries the code, not the name: it shows in file lists. */
  name = g_strdup_printf ("record-%s.pdf", client ? client->code : "client");
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  alliance_dialogs_export_file (widget, _("Export Record as PDF"), name, filter, _("The PDF Was Not Saved"),
                                write_pdf, self, NULL);
}

/**
 * alliance_record_window_print:
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to ask the person, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT with @export_path
 *
 * Prints the record through GtkPrintOperation, laid out again for the
 * page the printer offers.
 */
gboolean
alliance_record_window_print (AllianceRecordWindow     *self,
                              GtkPrintOperationAction   action,
                              const char               *export_path,
                              GError                  **error)
{
  g_autoptr(GError) layout_error = NULL;
  gboolean printed;

  g_return_val_if_fail (ALLIANCE_IS_RECORD_WINDOW (self), FALSE);

  printed = alliance_dialogs_print_pages (GTK_WIDGET (self), alliance_record_report_get_layout (self->report),
                                          alliance_record_report_get_title (self->report), action, export_path, error);
  /* Back to the screen's pages. */
  if (!build_pages (self, &layout_error))
    g_warning ("Could not lay the record out again: %s", layout_error->message);
  return printed;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!alliance_record_window_print (ALLIANCE_RECORD_WINDOW (widget), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                     NULL, &error))
    alliance_dialogs_show_error (widget, _("The Record Could Not Be Printed"), error);
}

static void
alliance_record_window_dispose (GObject *object)
{
  AllianceRecordWindow *self = (AllianceRecordWindow *)object;

  g_clear_object (&self->report);
  g_clear_object (&self->clients);
  g_clear_object (&self->sessions);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_RECORD_WINDOW);

  G_OBJECT_CLASS (alliance_record_window_parent_class)->dispose (object);
}

static void
alliance_record_window_class_init (AllianceRecordWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_record_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-record-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceRecordWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllianceRecordWindow, process_toggle);
  gtk_widget_class_bind_template_child (widget_class, AllianceRecordWindow, pages_box);
  gtk_widget_class_bind_template_callback (widget_class, process_toggled_cb);

  gtk_widget_class_install_action (widget_class, "record.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "record.export-pdf", NULL, export_pdf_action);
}

static void
alliance_record_window_init (AllianceRecordWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AllianceRecordWindow *
alliance_record_window_new (AllianceClientStore   *clients,
                            AllianceSessionStore  *sessions,
                            gint64                 client_id,
                            GError               **error)
{
  AllianceRecordWindow *self;
  g_autoptr(AllianceClient) client = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (clients), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (sessions), NULL);

  client = alliance_client_store_load (clients, client_id, error);
  if (client == NULL)
    return NULL;

  /* Like every toplevel, owned by GTK until destroyed. */
  self = g_object_new (ALLIANCE_TYPE_RECORD_WINDOW, NULL);
  self->clients = g_object_ref (clients);
  self->sessions = g_object_ref (sessions);
  self->client_id = client_id;
  if (!build_pages (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  name = alliance_client_dup_display_name (client);
  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, _("Clinical record"));
  return self;
}

guint
alliance_record_window_get_n_pages (AllianceRecordWindow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_RECORD_WINDOW (self), 0);

  return self->n_pages;
}
