/* alliance-flag-settings.h
 *
 * The flag thresholds the therapist chose in Preferences, read from
 * GSettings into the core's plain struct.
 */
#pragma once

#include <gio/gio.h>

#include "alliance-flags.h"

G_BEGIN_DECLS

void alliance_flag_settings_load (AllianceFlagSettings *settings,
                                  GSettings            *gsettings);

G_END_DECLS
