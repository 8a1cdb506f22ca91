/* test-time-format.c: times as the program shows them and as people type them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ovf-time-format.h"

static OvfTime
parse_utc (const char *text)
{
  OvfTime time = 0;

  g_assert_true (ovf_time_parse_iso8601 (text, &time));
  return time;
}

/* Untranslated, as the tests run without a catalogue. */
static void
test_format (void)
{
  OvfTime shot_down = parse_utc ("2023-02-04T19:39:00Z");
  g_autoptr(GTimeZone) denver = g_time_zone_new_identifier ("America/Denver");
  g_autofree char *utc = ovf_time_format_utc (shot_down);
  g_autofree char *in_zone = ovf_time_format_in_zone (shot_down, "America/New_York");
  g_autofree char *short_utc = ovf_time_format_short_utc (shot_down);
  g_autofree char *brief_utc = ovf_time_format_brief_utc (shot_down);
  g_autofree char *clock_utc = ovf_time_format_clock_utc (shot_down);
  g_autofree char *clock_local = ovf_time_format_clock_in_zone (shot_down, denver);
  g_autofree char *day = ovf_time_format_day_utc (shot_down);
  g_autofree char *custom = ovf_time_format (shot_down, NULL, "%Y-%m-%d %H:%M");

  g_assert_nonnull (denver);
  g_assert_cmpstr (utc, ==, "4 February 2023, 19:39 UTC");
  g_assert_cmpstr (in_zone, ==, "4 February 2023, 14:39 EST");
  g_assert_cmpstr (short_utc, ==, "4 Feb 2023 19:39 UTC");
  g_assert_cmpstr (brief_utc, ==, "4 Feb 19:39 UTC");
  g_assert_cmpstr (clock_utc, ==, "19:39");
  g_assert_cmpstr (clock_local, ==, "12:39 MST");
  g_assert_cmpstr (day, ==, "Saturday, 4 February 2023");
  g_assert_cmpstr (custom, ==, "2023-02-04 19:39");
}

static void
test_format_refuses (void)
{
  /* An unknown zone gives no local time rather than a wrong one. */
  g_assert_null (ovf_time_format_in_zone (0, "Atlantis/Capital"));
  g_assert_null (ovf_time_format_in_zone (0, NULL));
  /* Outside GDateTime's range. */
  g_assert_null (ovf_time_format_utc (OVF_TIME_NONE));
  g_assert_null (ovf_time_format_brief_utc (G_MAXINT64));
}

static void
test_same_day (void)
{
  g_assert_true (ovf_time_same_day_utc (parse_utc ("2023-02-04T00:00:00Z"),
                                        parse_utc ("2023-02-04T23:59:59Z")));
  g_assert_false (ovf_time_same_day_utc (parse_utc ("2023-02-04T23:59:59Z"),
                                         parse_utc ("2023-02-05T00:00:00Z")));
  /* Before the epoch, days still begin at midnight. */
  g_assert_true (ovf_time_same_day_utc (parse_utc ("1969-12-31T00:00:00Z"),
                                        parse_utc ("1969-12-31T23:59:59Z")));
  g_assert_false (ovf_time_same_day_utc (parse_utc ("1969-12-31T23:59:59Z"), 0));
}

static void
test_parse_typed (void)
{
  const OvfTime shot_down = parse_utc ("2023-02-04T19:39:00Z");
  const char *good[] = {
    "2023-02-04 19:39", "2023-02-04T19:39", "2023-02-04T19:39:00Z", " 2023-02-04 19:39 ",
    "2023-02-04 19:39 UTC", "2023-02-04T14:39-05:00", "2023-02-05T03:39+08:00",
  };
  const char *bad[] = { "yesterday", "2023-02-30 10:00", "2023-02-04 25:00", "19:39", "4 Feb" };
  g_autoptr(GError) error = NULL;
  OvfTime time = 0;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (ovf_time_parse_typed (good[i], &time, &error));
      g_assert_no_error (error);
      g_assert_cmpint (time, ==, shot_down);
    }

  g_assert_true (ovf_time_parse_typed ("2023-02-01", &time, NULL));
  g_assert_cmpint (time, ==, parse_utc ("2023-02-01T00:00:00Z"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      time = 42;
      g_assert_false (ovf_time_parse_typed (bad[i], &time, &error));
      g_assert_error (error, OVF_TIME_ERROR, OVF_TIME_ERROR_SYNTAX);
      /* The message quotes what was typed. */
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_assert_cmpint (time, ==, 42);
      g_clear_error (&error);
    }

  g_assert_false (ovf_time_parse_typed ("   ", &time, &error));
  g_assert_error (error, OVF_TIME_ERROR, OVF_TIME_ERROR_EMPTY);
}

/* What is shown can be typed back. */
static void
test_round_trip (void)
{
  OvfTime shot_down = parse_utc ("2023-02-04T19:39:00Z");
  g_autofree char *text = ovf_time_format (shot_down, NULL, "%Y-%m-%d %H:%M UTC");
  OvfTime time = 0;

  g_assert_true (ovf_time_parse_typed (text, &time, NULL));
  g_assert_cmpint (time, ==, shot_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/time-format/format", test_format);
  g_test_add_func ("/model/time-format/format-refuses", test_format_refuses);
  g_test_add_func ("/model/time-format/same-day", test_same_day);
  g_test_add_func ("/model/time-format/parse-typed", test_parse_typed);
  g_test_add_func ("/model/time-format/round-trip", test_round_trip);

  return g_test_run ();
}
