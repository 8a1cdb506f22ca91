/* window-fixture.h: the window every window test starts from, and the
 * helpers those tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <shumate/shumate.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-util.h"
#include "ui-test-util.h"
#include "ovf-application.h"
#include "ovf-basemap-source.h"
#include "ovf-event-detail.h"
#include "ovf-event-list.h"
#include "ovf-lazy-menu.h"
#include "ovf-event-row.h"
#include "ovf-export-dialog.h"
#include "ovf-scrubber.h"
#include "ovf-bundled.h"
#include "ovf-time-format.h"
#include "ovf-timeline.h"
#include "ovf-track-list.h"
#include "ovf-compat.h"
#include "ovf-window.h"

G_BEGIN_DECLS

typedef struct
{
  OvfWindow      *window;
  OvfDataset     *dataset;
  ShumateMap     *map;
  OvfTimeline    *timeline;
  OvfEventList   *list;
  OvfEventDetail *detail;
  GSettings      *settings;
  char           *tmpdir;
} Fixture;

/* One application serves every test's windows; the program, when given. */
extern OvfApplication *window_test_app;
extern const char     *window_test_program;

void       window_test_init  (int    *argc,
                              char ***argv);
int        window_test_run   (void);

void       ensure_app        (void);
/* A window on the bundled dataset, laid out and fitted; reset settings. */
void       fixture_setup     (Fixture       *f,
                              gconstpointer  data);
void       fixture_teardown  (Fixture       *f,
                              gconstpointer  data);

OvfTime    parse_utc         (const char    *text);
OvfEvent  *get_event         (OvfDataset    *dataset,
                              int            index);
void       write_text        (const char    *path,
                              const char    *text);
/* The visible toplevel of @type, if any. */
GtkWindow *find_toplevel     (GType          type);

G_END_DECLS
