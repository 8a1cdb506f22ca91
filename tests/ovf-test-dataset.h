/* ovf-test-dataset.h: datasets made in memory for the tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ovf-dataset.h"

G_BEGIN_DECLS

/* A dataset titled @title whose one track, "balloon", is @points, which it
 * takes over (from g_new ()). Made in memory: reading a large track would
 * measure the loader. */
OvfDataset *ovf_test_dataset_new    (const char    *title,
                                     OvfTrackPoint *points,
                                     guint          n_points);

/* A balloon-like flight of @n_points (at least two) from Hainan to South
 * Carolina across the antimeridian, over 20 days from 15 January 2023: it
 * wobbles, its altitude varies and is unknown in one stretch of 40,000
 * points in five, and it alternates stretches of 50,000 reported and
 * estimated points. */
OvfDataset *ovf_test_flight_dataset (guint          n_points);

/* A straight track @id named @name of @n_points (at least two) from
 * (lat1, lon1) at 2023-02-01T00Z to (lat2, lon2) at 2023-02-02T00Z, all
 * reported. */
OvfTrack   *ovf_test_track_new      (const char    *id,
                                     const char    *name,
                                     double         lat1,
                                     double         lon1,
                                     double         lat2,
                                     double         lon2,
                                     guint          n_points);

/* @n_tracks flights of @n_points each, like ovf_test_flight_dataset()'s
 * but each shifted a little north and east of the one before, the first
 * one "balloon". */
OvfDataset *ovf_test_tracks_dataset (guint          n_tracks,
                                     guint          n_points);

G_END_DECLS
