/* test-i18n.c: the main window in another language, read from its widgets
 *
 * Run as `test-i18n LANGUAGE LOCALEDIR` under a virtual display: LANGUAGE
 * is a language of po/LINGUAS, LOCALEDIR holds the catalogues built in the
 * tree (<build>/po). The window must show no English string the catalogue
 * translates, and the dataset's texts in LANGUAGE where the dataset has
 * them (the bundled one has Simplified Chinese), else in English.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ui-test-util.h"
#include "ovf-application.h"
#include "ovf-event-detail.h"
#include "ovf-event-row.h"
#include "ovf-lazy-menu.h"
#include "ovf-bundled.h"
#include "ovf-window.h"

static OvfApplication *app;
static const char *language;
/* Whether the host has LANGUAGE's own locale (else C.UTF-8 is used, and
 * month names stay English while the messages are translated). */
static gboolean has_native_locale;

/* Strings of the window's templates that every language translates; each
 * must show up translated on a real widget. */
static const char * const expected_msgids[] = {
  "Open Dataset",
  "Main Menu",
  "Zoom In",
  "Zoom Out",
  "Events",
  "_Keyboard Shortcuts",
};

typedef struct
{
  OvfWindow  *window;
  OvfDataset *dataset;
} Fixture;

/* Helpers ------------------------------------------------------------------ */

/* Whether @text is an English message the catalogue has another text for,
 * i.e. a string that should have been translated but was not. */
static gboolean
is_untranslated (const char *text)
{
  return text != NULL && *text != '\0' && g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, text), text) != 0;
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;

  return FALSE;
}

/* GTK 4.8 has no getter for accessible properties; the test AT context
 * reports the value it holds when it differs from the one asked about. */
static char *
get_accessible_label (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;

  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "");
}

static void
add_menu_labels (GMenuModel *model,
                 GPtrArray  *texts)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      char *label = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (texts, label);

      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          add_menu_labels (link, texts);
        }
    }
}

/* Every text the window shows or tells screen readers: labels, tooltips,
 * accessible labels, drop-down items and menu items. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_widget_get_tooltip_text (widget)));
  if (GTK_IS_ACCESSIBLE (widget))
    {
      char *label = get_accessible_label (widget);

      if (label != NULL)
        g_ptr_array_add (texts, label);
    }
  if (GTK_IS_DROP_DOWN (widget) && GTK_IS_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (widget))))
    {
      GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (widget)));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
        g_ptr_array_add (texts, g_strdup (gtk_string_list_get_string (list, i)));
    }
  if (GTK_IS_MENU_BUTTON (widget) && ovf_menu_button_get_lazy_menu (GTK_MENU_BUTTON (widget)) != NULL)
    add_menu_labels (ovf_menu_button_get_lazy_menu (GTK_MENU_BUTTON (widget)), texts);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (OVF_IS_EVENT_ROW (widget) && gtk_widget_get_mapped (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static gboolean
has_mapped_rows (GtkWidget *widget)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (widget, rows);
  return rows->len > 0;
}

/* The bundled dataset read for English only. */
static OvfDataset *
load_english_dataset (void)
{
  const char * const english[] = { "en", NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  OvfDataset *dataset;

  bytes = ovf_bundled_dataset_bytes ();
  g_assert_nonnull (bytes);
  dataset = ovf_dataset_load_from_bytes (bytes, english, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = g_object_ref (ovf_window_new (GTK_APPLICATION (app)));
  ovf_window_load_bundled (f->window);
  f->dataset = ovf_window_get_dataset (f->window);
  g_assert_nonnull (f->dataset);
  g_object_set (f->window, "sidebar-visible", TRUE, NULL);

  gtk_window_present (GTK_WINDOW (f->window));
  UI_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->window)) && has_mapped_rows (GTK_WIDGET (f->window)));
  ui_test_spin_for (100 * 1000);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  ui_test_spin_for (50 * 1000);
}

/* Tests -------------------------------------------------------------------- */

/* No widget shows an English string the catalogue translates, and the
 * template strings every language has show up translated. */
static void
test_window_texts (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) english = g_string_new (NULL);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(OvfEvent) event = g_list_model_get_item (ovf_dataset_get_events (f->dataset), 0);

  /* With an event selected, the detail pane shows its labels too. */
  ovf_window_select_event (f->window, event);
  ui_test_spin_for (100 * 1000);

  collect_texts (GTK_WIDGET (f->window), texts);
  g_assert_cmpuint (texts->len, >, 20);

  for (guint i = 0; i < texts->len; i++)
    if (is_untranslated (g_ptr_array_index (texts, i)))
      g_string_append_printf (english, " “%s”", (const char *) g_ptr_array_index (texts, i));
  g_assert_cmpstr (english->str, ==, "");

  for (guint i = 0; i < G_N_ELEMENTS (expected_msgids); i++)
    {
      const char *translated = g_dgettext (GETTEXT_PACKAGE, expected_msgids[i]);

      if (g_strcmp0 (translated, expected_msgids[i]) == 0 || !texts_contain (texts, translated))
        g_string_append_printf (missing, " “%s” (%s)", translated, expected_msgids[i]);
    }
  g_assert_cmpstr (missing->str, ==, "");
}

static gboolean
menu_has_label (GMenuModel *menu,
                const char *label)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  add_menu_labels (menu, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (g_ptr_array_index (labels, i), label))
      return TRUE;
  return FALSE;
}

/* On a new account nothing was opened yet, so the main menu offers no
 * recent files (the bundled dataset is not a file of the user's). Once a
 * file was opened, keyboard users reach each item, Open Recent included,
 * by its own letter in every language. */
static void
test_menu_mnemonics (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *header = ui_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR);
  GtkMenuButton *button = GTK_MENU_BUTTON (ui_test_find_widget (header, GTK_TYPE_MENU_BUTTON));
  GMenuModel *menu = ovf_menu_button_get_lazy_menu (button);
  const char *open_recent = g_dgettext (GETTEXT_PACKAGE, "Open Re_cent");
  g_autofree char *path = g_build_filename (g_getenv ("OVERFLIGHT_SOURCE_ROOT"), "data", "datasets",
                                            "balloon-2023.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_false (menu_has_label (menu, open_recent));
  ui_test_assert_unique_mnemonics (menu);

  g_assert_true (ovf_window_load_file (f->window, file));
  UI_TEST_SPIN_UNTIL (menu_has_label (menu, open_recent));
  ui_test_assert_unique_mnemonics (menu);
}

/* The dataset's words in the user's language where it has them (the
 * bundled one: Simplified Chinese), otherwise in English. */
static void
test_dataset_texts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(OvfDataset) english = load_english_dataset ();
  gboolean chinese = g_str_equal (language, "zh_CN");
  struct {
    GListModel *shown;
    GListModel *english;
    const char *(*get_text) (gpointer item);
  } kinds[] = {
    { ovf_dataset_get_events (f->dataset), ovf_dataset_get_events (english), (gpointer) ovf_event_get_title },
    { ovf_dataset_get_places (f->dataset), ovf_dataset_get_places (english), (gpointer) ovf_place_get_name },
    { ovf_dataset_get_areas (f->dataset), ovf_dataset_get_areas (english), (gpointer) ovf_area_get_name },
  };

  g_assert_cmpuint (g_list_model_get_n_items (kinds[0].shown), >, 0);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_assert_cmpuint (g_list_model_get_n_items (kinds[k].shown), ==, g_list_model_get_n_items (kinds[k].english));

      for (guint i = 0; i < g_list_model_get_n_items (kinds[k].shown); i++)
        {
          g_autoptr(GObject) shown = g_list_model_get_item (kinds[k].shown, i);
          g_autoptr(GObject) original = g_list_model_get_item (kinds[k].english, i);
          const char *text = kinds[k].get_text (shown);
          const char *english_text = kinds[k].get_text (original);

          g_assert_nonnull (text);
          if (chinese)
            {
              if (!has_han (text))
                g_error ("“%s” is not in Chinese", text);
              g_assert_cmpstr (text, !=, english_text);
            }
          else
            {
              g_assert_cmpstr (text, ==, english_text);
            }
        }
    }
}

/* What the list rows and the detail pane show is the resolved title. */
static void
test_event_list_titles (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(OvfEvent) last = NULL;
  GtkWidget *detail = ui_test_find_widget (GTK_WIDGET (f->window), OVF_TYPE_EVENT_DETAIL);
  guint n_events = g_list_model_get_n_items (ovf_dataset_get_events (f->dataset));

  collect_rows (GTK_WIDGET (f->window), rows);
  g_assert_cmpuint (rows->len, >, 0);

  for (guint i = 0; i < rows->len; i++)
    {
      OvfEvent *event = ovf_event_row_get_event (g_ptr_array_index (rows, i));
      const char *title = ovf_event_get_title (event);

      g_assert_nonnull (ui_test_find_label (g_ptr_array_index (rows, i), title));
      if (g_str_equal (language, "zh_CN"))
        g_assert_true (has_han (title));
    }

  g_assert_nonnull (detail);
  last = g_list_model_get_item (ovf_dataset_get_events (f->dataset), n_events - 1);
  ovf_window_select_event (f->window, last);
  ui_test_spin_for (100 * 1000);
  g_assert_nonnull (ui_test_find_label (detail, ovf_event_get_title (last)));
}

/* Day headings use the translated format with the locale's own day names,
 * not English ones. */
static void
test_day_headings (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const english_days[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint headings = 0;

  if (!has_native_locale)
    {
      g_test_skip ("the host lacks this language’s locale, so day names stay English");
      return;
    }

  collect_rows (GTK_WIDGET (f->window), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      OvfEventRow *row = g_ptr_array_index (rows, i);
      GtkWidget *heading = ui_test_find_by_css_class (GTK_WIDGET (row), "day-heading");
      g_autoptr(GDateTime) day = NULL;
      g_autofree char *weekday = NULL;
      const char *text;

      /* Only a row that starts a new day shows its heading. */
      if (heading == NULL || !gtk_widget_get_visible (heading))
        continue;

      headings++;
      text = gtk_label_get_text (GTK_LABEL (heading));
      day = g_date_time_new_from_unix_utc (ovf_event_get_time (ovf_event_row_get_event (row)) / G_USEC_PER_SEC);
      weekday = g_date_time_format (day, "%a");
      if (strstr (text, weekday) == NULL ||
          strstr (text, english_days[g_date_time_get_day_of_week (day) - 1]) != NULL)
        g_error ("The day heading “%s” does not name the day as the locale does (“%s”)", text, weekday);
    }
  g_assert_cmpuint (headings, >, 0);
}

static char *
find_native_locale (const char *lang)
{
  g_autofree char *upper = g_ascii_strup (lang, -1);
  char *candidates[] = {
    g_strconcat (lang, ".UTF-8", NULL),
    g_strconcat (lang, "_", upper, ".UTF-8", NULL),
  };
  char *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (found == NULL && setlocale (LC_ALL, candidates[i]) != NULL)
        found = g_steal_pointer (&candidates[i]);
      g_free (candidates[i]);
    }
  setlocale (LC_ALL, "C");
  return found;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *native = NULL;
  int status;

  if (argc < 3)
    {
      g_printerr ("Usage: %s LANGUAGE LOCALEDIR\n", argv[0]);
      return 1;
    }
  language = argv[1];

  /* gettext ignores LANGUAGE in the C locale, so use the language's own
   * locale where the host has it ("zh_CN.UTF-8", "de_DE.UTF-8"), else
   * C.UTF-8. */
  native = find_native_locale (language);
  has_native_locale = native != NULL;
  g_setenv ("LC_ALL", has_native_locale ? native : "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  bindtextdomain (GETTEXT_PACKAGE, argv[2]);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init () switches to en_US.UTF-8; come back to ours. */
  setlocale (LC_ALL, "");

  /* The catalogue is really there: otherwise every check below would pass
   * on an English window. */
  if (g_strcmp0 (_("Events"), "Events") == 0)
    g_error ("No %s catalogue for “%s” in %s", GETTEXT_PACKAGE, language, argv[2]);

  app = ovf_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/i18n/window-texts", Fixture, NULL, fixture_setup, test_window_texts, fixture_teardown);
  g_test_add ("/i18n/menu-mnemonics", Fixture, NULL, fixture_setup, test_menu_mnemonics, fixture_teardown);
  g_test_add ("/i18n/dataset-texts", Fixture, NULL, fixture_setup, test_dataset_texts, fixture_teardown);
  g_test_add ("/i18n/event-list-titles", Fixture, NULL, fixture_setup, test_event_list_titles, fixture_teardown);
  g_test_add ("/i18n/day-headings", Fixture, NULL, fixture_setup, test_day_headings, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
