/* alliance-application.h
 *
 * Parses the command line, opens the records (refusing, with a message and
 * a non-zero exit status, anything it must not touch) and shows the window.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLIANCE_TYPE_APPLICATION (alliance_application_get_type ())

G_DECLARE_FINAL_TYPE (AllianceApplication, alliance_application, ALLIANCE, APPLICATION, AdwApplication)

AllianceApplication *alliance_application_new              (void);
int                  alliance_application_get_exit_status  (AllianceApplication *self);

G_END_DECLS
