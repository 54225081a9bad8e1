/* alliance-retention.h
 *
 * How long a discharged client's records are kept (PRODUCT.md, "Clinical
 * record rules"): until the later of N years after the last contact and N
 * years after the client's 18th birthday. Pure date arithmetic, and the
 * plain records the retention store hands out.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ALLIANCE_RETENTION_DEFAULT_YEARS 10
#define ALLIANCE_RETENTION_MIN_YEARS     1
#define ALLIANCE_RETENTION_MAX_YEARS     100
#define ALLIANCE_RETENTION_AGE_OF_MAJORITY 18

/* A discharged client as the retention list shows them. */
typedef struct
{
  gint64  client_id;
  char   *code;
  char   *display_name;
  char   *date_of_birth;      /* YYYY-MM-DD or NULL */
  char   *start_date;         /* YYYY-MM-DD or NULL */
  char   *discharge_date;     /* YYYY-MM-DD */
  char   *last_contact_date;  /* YYYY-MM-DD */
  char   *retention_date;     /* YYYY-MM-DD: the last day the records must be kept */
} AllianceRetentionRecord;

/* One row of the disposal register: dates and a code, never a name. */
typedef struct
{
  gint64  id;
  char   *client_code;
  char   *start_date;         /* YYYY-MM-DD or NULL */
  char   *discharge_date;     /* YYYY-MM-DD */
  char   *last_contact_date;  /* YYYY-MM-DD */
  char   *retention_date;     /* YYYY-MM-DD */
  guint   retention_years;
  char   *disposed_at;        /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
} AllianceDisposalEntry;

#define ALLIANCE_TYPE_RETENTION_RECORD (alliance_retention_record_get_type ())
#define ALLIANCE_TYPE_DISPOSAL_ENTRY   (alliance_disposal_entry_get_type ())

GType                    alliance_retention_record_get_type  (void) G_GNUC_CONST;
AllianceRetentionRecord *alliance_retention_record_copy      (const AllianceRetentionRecord *self);
void                     alliance_retention_record_free      (AllianceRetentionRecord       *self);

GType                    alliance_disposal_entry_get_type    (void) G_GNUC_CONST;
AllianceDisposalEntry   *alliance_disposal_entry_copy        (const AllianceDisposalEntry   *self);
void                     alliance_disposal_entry_free        (AllianceDisposalEntry         *self);

char                    *alliance_retention_add_years        (const char  *date,
                                                              guint        years);
char                    *alliance_retention_compute_date     (const char  *last_contact_date,
                                                              const char  *date_of_birth,
                                                              guint        years);
gboolean                 alliance_retention_is_past          (const char  *retention_date,
                                                              const char  *today);
gboolean                 alliance_retention_years_are_valid  (gint64       years);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceRetentionRecord, alliance_retention_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllianceDisposalEntry, alliance_disposal_entry_free)

G_END_DECLS
