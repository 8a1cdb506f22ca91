#!/usr/bin/env python3
# gen-big-track.py: writes a GPX 1.1 or CSV track of many points, for the
# import benchmark.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: gen-big-track.py OUTPUT.gpx|OUTPUT.csv [N_POINTS]
#
# One point a second along a wavy line at mid latitudes, with elevations,
# as a GPS logger writes them.

import math
import sys
from datetime import datetime, timedelta, timezone


def points(n):
    start = datetime(2023, 1, 15, tzinfo=timezone.utc)
    for i in range(n):
        t = (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        lat = 40.0 + 10.0 * math.sin(i / 50000.0)
        lon = -170.0 + (i * 0.0003) % 340.0
        yield t, f"{lat:.7f}", f"{lon:.7f}", f"{1000 + (i % 5000) * 0.1:.1f}"


def main():
    output = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    with open(output, "w", encoding="utf-8") as f:
        if output.endswith(".csv"):
            f.write("time,lat,lon,ele\n")
            for t, lat, lon, ele in points(n):
                f.write(f"{t},{lat},{lon},{ele}\n")
        else:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<gpx version="1.1" creator="gen-big-track.py" xmlns="http://www.topografix.com/GPX/1/1">\n'
                    '<trk><name>Generated track</name><trkseg>\n')
            for t, lat, lon, ele in points(n):
                f.write(f'<trkpt lat="{lat}" lon="{lon}"><ele>{ele}</ele><time>{t}</time></trkpt>\n')
            f.write('</trkseg></trk>\n</gpx>\n')


main()
