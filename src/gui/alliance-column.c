/* alliance-column.c
 *
 * Children are stacked top to bottom at the column's full width, each at
 * its natural height for that width, `spacing` pixels apart. Height to
 * spare goes to the children that expand vertically, in equal parts, or
 * is left below them (give the column valign="center" to centre them).
 * Its CSS name is "box", so `row > box.header > box.title` in the Adwaita
 * stylesheet styles it as an action row's title column.
 */
#define G_LOG_DOMAIN "alliance-column"

#include "config.h"

#include "alliance-column.h"

struct _AllianceColumn
{
  GtkWidget parent_instance;

  int       spacing;
};

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void alliance_column_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllianceColumn, alliance_column, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, alliance_column_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

static GtkSizeRequestMode
alliance_column_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
alliance_column_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  AllianceColumn *self = ALLIANCE_COLUMN (widget);
  guint n_visible = 0;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      n_visible++;
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* The width for no particular height: the point of this widget. */
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
          *minimum += child_min;
          *natural += child_nat;
        }
    }
  if (orientation == GTK_ORIENTATION_VERTICAL && n_visible > 1)
    {
      *minimum += self->spacing * (int)(n_visible - 1);
      *natural += self->spacing * (int)(n_visible - 1);
    }
}

/* Each child's height for @width. Short of room for every natural
 * height, each child gets its minimum and a share of what remains in
 * proportion to what it wanted more; with room to spare, the extra goes
 * to the children that expand, in equal parts. */
static void
alliance_column_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  AllianceColumn *self = ALLIANCE_COLUMN (widget);
  g_autofree int *minimum = NULL;
  g_autofree int *natural = NULL;
  int n = 0, n_visible = 0, n_expanding = 0, total_minimum = 0, total_natural = 0, wanted, room, y = 0, i;
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  minimum = g_new0 (int, MAX (n, 1));
  natural = g_new0 (int, MAX (n, 1));

  for (child = gtk_widget_get_first_child (widget), i = 0; child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    {
      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &minimum[i], &natural[i], NULL, NULL);
      total_minimum += minimum[i];
      total_natural += natural[i];
      n_visible++;
      if (gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL))
        n_expanding++;
    }
  room = height - self->spacing * MAX (n_visible - 1, 0);
  wanted = total_natural - total_minimum;

  for (child = gtk_widget_get_first_child (widget), i = 0; child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    {
      int child_height = natural[i];

      if (!gtk_widget_should_layout (child))
        continue;
      if (room < total_natural)
        {
          int share = wanted > 0 ? (int) ((gint64) MAX (room - total_minimum, 0) * (natural[i] - minimum[i]) / wanted) : 0;

          child_height = minimum[i] + share;
        }
      else if (n_expanding > 0 && gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL))
        {
          int share = (room - total_natural) / n_expanding;

          child_height += share;
          total_natural += share;
          n_expanding--;
        }
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, child_height }, -1);
      y += child_height + self->spacing;
    }
}

static void
alliance_column_buildable_add_child (GtkBuildable *buildable,
                                          GtkBuilder   *builder,
                                          GObject      *child,
                                          const char   *type)
{
  if (type == NULL && GTK_IS_WIDGET (child))
    alliance_column_append (ALLIANCE_COLUMN (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
alliance_column_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = alliance_column_buildable_add_child;
}

static void
alliance_column_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (alliance_column_parent_class)->dispose (object);
}

static void
alliance_column_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AllianceColumn *self = ALLIANCE_COLUMN (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_column_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AllianceColumn *self = ALLIANCE_COLUMN (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      alliance_column_set_spacing (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alliance_column_class_init (AllianceColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alliance_column_dispose;
  object_class->get_property = alliance_column_get_property;
  object_class->set_property = alliance_column_set_property;
  widget_class->get_request_mode = alliance_column_get_request_mode;
  widget_class->measure = alliance_column_measure;
  widget_class->size_allocate = alliance_column_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "box");
}

static void
alliance_column_init (AllianceColumn *self)
{
}

GtkWidget *
alliance_column_new (int spacing)
{
  return g_object_new (ALLIANCE_TYPE_COLUMN, "spacing", spacing, NULL);
}

/* Also what <child> does in a .ui file. */
void
alliance_column_append (AllianceColumn *self,
                             GtkWidget          *child)
{
  g_return_if_fail (ALLIANCE_IS_COLUMN (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

int
alliance_column_get_spacing (AllianceColumn *self)
{
  g_return_val_if_fail (ALLIANCE_IS_COLUMN (self), 0);

  return self->spacing;
}

void
alliance_column_set_spacing (AllianceColumn *self,
                                  int                 spacing)
{
  g_return_if_fail (ALLIANCE_IS_COLUMN (self));

  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}
