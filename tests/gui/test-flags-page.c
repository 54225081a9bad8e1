/* test-flags-page.c
 *
 * The Flags page of Preferences: every threshold has a row, its range is
 * the schema's, and changing it in the UI writes the GSettings key.
 */
#define G_LOG_DOMAIN "alliance-test-flags-page"

#include "config.h"

#include "alliance-flags-page.h"
#include "alliance-preferences-window.h"
#include "test-gui-common.h"

static const char *keys[] = {
  "flag-alliance-drop-percent", "flag-item-low-percent", "flag-not-measured-sessions",
  "flag-missed-in-a-row", "flag-calibration-gap-points", "flag-calibration-window",
  "flag-calibration-count", "flag-not-on-track-session", "flag-risk-days", "flag-boundary-days",
};

static AllianceFlagsPage *
find_flags_page (GtkWidget *widget)
{
  if (ALLIANCE_IS_FLAGS_PAGE (widget))
    return ALLIANCE_FLAGS_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AllianceFlagsPage *page = find_flags_page (child);

      if (page != NULL)
        return page;
    }
  return NULL;
}

static void
test_thresholds (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window = alliance_preferences_window_new (NULL);
  AllianceFlagsPage *page;
  GtkSpinButton *spin;
  double lower, upper;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate ();
  page = find_flags_page (window);
  g_assert_nonnull (page);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      spin = GTK_SPIN_BUTTON (alliance_flags_page_get_spin_button (page, keys[i]));
      g_assert_nonnull (spin);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL));
    }

  /* Shows the stored value, offers the schema's range. */
  spin = GTK_SPIN_BUTTON (alliance_flags_page_get_spin_button (page, "flag-risk-days"));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 60);
  gtk_spin_button_get_range (spin, &lower, &upper);
  g_assert_cmpfloat (lower, ==, 1);
  g_assert_cmpfloat (upper, ==, 3650);

  /* Changing it in the UI writes the key, and the other way round. */
  gtk_spin_button_set_value (spin, 30);
  g_assert_cmpint (g_settings_get_int (settings, "flag-risk-days"), ==, 30);
  g_settings_set_int (settings, "flag-risk-days", 45);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 45);

  spin = GTK_SPIN_BUTTON (alliance_flags_page_get_spin_button (page, "flag-calibration-gap-points"));
  gtk_spin_button_set_value (spin, 4.5);
  g_assert_cmpfloat (g_settings_get_double (settings, "flag-calibration-gap-points"), ==, 4.5);
  spin = GTK_SPIN_BUTTON (alliance_flags_page_get_spin_button (page, "flag-alliance-drop-percent"));
  gtk_spin_button_get_range (spin, &lower, &upper);
  g_assert_cmpfloat (upper, ==, 100);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  test_gui_init (&argc, &argv);

  g_test_add_func ("/flags-page/thresholds", test_thresholds);

  return g_test_run ();
}
