/* alliance-baseline-window.c
 *
 * The yardstick for Alliance's start-up: the least a libadwaita application
 * does to show a window. Same toolkit, same window size, same way of
 * quitting after the first frame as `alliance --exit-after-startup`, so that
 * dividing the two cancels out the machine, the X server and the toolkit,
 * and what remains is what Alliance itself adds.
 */
#define G_LOG_DOMAIN "alliance-baseline-window"

#include "config.h"

#include <adwaita.h>

/* The size Alliance's GSettings schema gives its window by default. */
#define BASELINE_WIDTH 1000
#define BASELINE_HEIGHT 700

static void
first_frame_painted_cb (GdkFrameClock  *frame_clock,
                        GApplication   *application)
{
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_painted_cb, application);
  g_application_quit (application);
}

/* Connected after the default handler, like Alliance's: by then the
 * surface exists and has a frame clock. */
static void
window_mapped_cb (GtkWidget    *window,
                  GApplication *application)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, window_mapped_cb, application);
  g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (first_frame_painted_cb), application, 0);
}

static void
activated_cb (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Baseline");

  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), BASELINE_WIDTH, BASELINE_HEIGHT);

  g_signal_connect_object (window, "map", G_CALLBACK (window_mapped_cb), application, G_CONNECT_AFTER);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  /* Non-unique like `alliance --standalone`: every run starts from cold
   * rather than handing over to an instance already running. */
  application = adw_application_new ("com.example.Alliance.Baseline", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (activated_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
