/* alliance-flag-settings.c */
#define G_LOG_DOMAIN "alliance-flag-settings"

#include "config.h"

#include "alliance-flag-settings.h"

void
alliance_flag_settings_load (AllianceFlagSettings *settings,
                             GSettings            *gsettings)
{
  g_return_if_fail (settings != NULL);
  g_return_if_fail (G_IS_SETTINGS (gsettings));

  alliance_flag_settings_init (settings);
  settings->alliance_drop_percent = g_settings_get_double (gsettings, "flag-alliance-drop-percent");
  settings->item_low_percent = g_settings_get_double (gsettings, "flag-item-low-percent");
  settings->not_measured_sessions = g_settings_get_int (gsettings, "flag-not-measured-sessions");
  settings->missed_in_a_row = g_settings_get_int (gsettings, "flag-missed-in-a-row");
  settings->calibration_gap_points = g_settings_get_double (gsettings, "flag-calibration-gap-points");
  settings->calibration_window = g_settings_get_int (gsettings, "flag-calibration-window");
  settings->calibration_count = g_settings_get_int (gsettings, "flag-calibration-count");
  settings->not_on_track_session = g_settings_get_int (gsettings, "flag-not-on-track-session");
  settings->risk_days = g_settings_get_int (gsettings, "flag-risk-days");
  settings->boundary_days = g_settings_get_int (gsettings, "flag-boundary-days");
}
