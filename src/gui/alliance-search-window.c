/* alliance-search-window.c */
#define G_LOG_DOMAIN "alliance-search-window"

#include "config.h"

#include <glib/gi18n.h>

#include "alliance-date.h"
#include "alliance-dialogs.h"
#include "alliance-note-editor.h"
#include "alliance-search-window.h"

#define MAX_HITS 50

struct _AllianceSearchWindow
{
  AdwWindow             parent_instance;

  AllianceClientStore  *clients;
  AllianceSessionStore *sessions;
  GPtrArray            *hits;   /* AllianceSearchHit, in the order shown */

  /* Template widgets */
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  AdwStatusPage        *status_page;
  GtkListBox           *results_list;
};

G_DEFINE_FINAL_TYPE (AllianceSearchWindow, alliance_search_window, ADW_TYPE_WINDOW)

/**
 * alliance_search_snippet_to_markup:
 * @snippet: text with matches between \x01 and \x02, as the store gives it
 *
 * Escapes the note text (it is the client's story, not markup) and bolds
 * the matched words.
 */
char *
alliance_search_snippet_to_markup (const char *snippet)
{
  GString *markup = g_string_new (NULL);

  for (const char *p = snippet; *p; )
    {
      const char *next = p;

      while (*next && *next != '\x01' && *next != '\x02')
        next++;
      if (next > p)
        {
          g_autofree char *escaped = g_markup_escape_text (p, next - p);
          g_string_append (markup, escaped);
        }
      if (*next == '\x01')
        g_string_append (markup, "<b>");
      else if (*next == '\x02')
        g_string_append (markup, "</b>");
      p = *next ? next + 1 : next;
    }
  return g_string_free (markup, FALSE);
}

static GtkWidget *
make_hit_row (const AllianceSearchHit *hit,
              guint                    position)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = g_strndup (hit->starts_at, 10);
  g_autofree char *formatted = alliance_date_format (date);
  g_autofree char *escaped_name = g_markup_escape_text (hit->client_name, -1);
  g_autofree char *title = NULL;
  g_autofree char *snippet = alliance_search_snippet_to_markup (hit->snippet);

  title = hit->is_addendum
            /* Translators: client name · code · date, for a hit in an addendum */
            ? g_strdup_printf (_("%s · %s · %s · addendum"), escaped_name, hit->client_code, formatted)
            /* Translators: client name · code · date of the session */
            : g_strdup_printf (_("%s · %s · %s"), escaped_name, hit->client_code, formatted);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), snippet);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "search.open-hit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u", position);
  return row;
}

void
alliance_search_window_search (AllianceSearchWindow *self,
                               const char           *query)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (query ? query : ""));
  GtkWidget *row;

  g_return_if_fail (ALLIANCE_IS_SEARCH_WINDOW (self));

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, row);
  g_clear_pointer (&self->hits, g_ptr_array_unref);

  if (trimmed[0] == '\0')
    {
      adw_status_page_set_title (self->status_page, _("Search Your Notes"));
      adw_status_page_set_description (self->status_page,
                                       _("Every progress note and addendum, drafts included. Accents and case do not "
                                         "matter."));
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  self->hits = alliance_session_store_search (self->sessions, trimmed, MAX_HITS, &error);
  if (self->hits == NULL || self->hits->len == 0)
    {
      adw_status_page_set_title (self->status_page, self->hits ? _("No Notes Found") : _("Search Failed"));
      adw_status_page_set_description (self->status_page,
                                       self->hits ? _("Try fewer or different words.") : error->message);
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  for (guint i = 0; i < self->hits->len; i++)
    gtk_list_box_append (self->results_list, make_hit_row (g_ptr_array_index (self->hits, i), i));
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
search_changed_cb (AllianceSearchWindow *self)
{
  alliance_search_window_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter opens the best hit. */
static void
search_activated_cb (AllianceSearchWindow *self)
{
  alliance_search_window_open_hit (self, 0);
}

guint
alliance_search_window_get_n_hits (AllianceSearchWindow *self)
{
  g_return_val_if_fail (ALLIANCE_IS_SEARCH_WINDOW (self), 0);

  return self->hits ? self->hits->len : 0;
}

/**
 * alliance_search_window_open_hit:
 *
 * Opens the note of the hit at @position in a note editor.
 */
gboolean
alliance_search_window_open_hit (AllianceSearchWindow *self,
                                 guint                 position)
{
  g_autoptr(AllianceClient) client = NULL;
  g_autoptr(AllianceSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const AllianceSearchHit *hit;
  AllianceNoteEditor *editor;

  g_return_val_if_fail (ALLIANCE_IS_SEARCH_WINDOW (self), FALSE);

  if (self->hits == NULL || position >= self->hits->len)
    return FALSE;
  hit = g_ptr_array_index (self->hits, position);

  client = alliance_client_store_load (self->clients, hit->client_id, &error);
  if (client != NULL)
    session = alliance_session_store_load_session (self->sessions, hit->session_id, &error);
  if (session == NULL)
    {
      alliance_dialogs_show_error (GTK_WIDGET (self), _("The Note Could Not Be Opened"), error);
      return FALSE;
    }

  editor = alliance_note_editor_new (self->sessions, client, session);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (editor));
  return TRUE;
}

static void
open_hit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  alliance_search_window_open_hit (ALLIANCE_SEARCH_WINDOW (widget), g_variant_get_uint32 (parameter));
}

static void
alliance_search_window_dispose (GObject *object)
{
  AllianceSearchWindow *self = (AllianceSearchWindow *)object;

  g_clear_object (&self->clients);
  g_clear_object (&self->sessions);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLIANCE_TYPE_SEARCH_WINDOW);

  G_OBJECT_CLASS (alliance_search_window_parent_class)->dispose (object);
}

static void
alliance_search_window_class_init (AllianceSearchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_search_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Alliance/alliance-search-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AllianceSearchWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AllianceSearchWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AllianceSearchWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, AllianceSearchWindow, results_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);

  gtk_widget_class_install_action (widget_class, "search.open-hit", "u", open_hit_action);
}

static void
alliance_search_window_init (AllianceSearchWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AllianceSearchWindow *
alliance_search_window_new (AllianceClientStore  *clients,
                            AllianceSessionStore *sessions)
{
  AllianceSearchWindow *self;

  g_return_val_if_fail (ALLIANCE_IS_CLIENT_STORE (clients), NULL);
  g_return_val_if_fail (ALLIANCE_IS_SESSION_STORE (sessions), NULL);

  self = g_object_new (ALLIANCE_TYPE_SEARCH_WINDOW, NULL);
  self->clients = g_object_ref (clients);
  self->sessions = g_object_ref (sessions);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}
