#!/usr/bin/env python3
# gen-big-dataset.py: writes a valid Overflight dataset with many track
# points, for the loading benchmark.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: gen-big-dataset.py OUTPUT [N_POINTS]
#
# One track circles the globe eastwards at mid latitudes, one point a
# minute, so it crosses the antimeridian many times and exercises the
# unwrapping; every tenth point is reported with a source.

import math
import sys
from datetime import datetime, timedelta, timezone


def main():
    output = sys.argv[1]
    n_points = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    start = datetime(2023, 1, 15, tzinfo=timezone.utc)
    source = "https://example.org/track-report"

    with open(output, "w", encoding="utf-8") as f:
        f.write('{\n  "format": "overflight-dataset",\n  "version": 1,\n')
        f.write('  "title": {"en": "Benchmark dataset", "zh_CN": "基准数据集"},\n')
        f.write('  "license": "CC0-1.0",\n  "tracks": [\n    {\n')
        f.write('      "id": "balloon",\n      "name": "Generated track",\n      "points": [\n')
        for i in range(n_points):
            t = start + timedelta(minutes=i)
            lat = 40.0 + 10.0 * math.sin(i / 5000.0)
            lon = -180.0 + ((i * 0.01) % 360.0)
            alt = 18000 + (i % 1000)
            if i % 10 == 0:
                extra = f', "kind": "reported", "source": "{source}"'
            else:
                extra = ', "kind": "estimated"'
            sep = "," if i + 1 < n_points else ""
            f.write(f'        {{"time": "{t:%Y-%m-%dT%H:%M:%SZ}", "lat": {lat:.4f}, '
                    f'"lon": {lon:.4f}, "alt_m": {alt}{extra}}}{sep}\n')
        f.write('      ]\n    }\n  ],\n  "events": [\n')
        n_events = 1000
        for i in range(n_events):
            t = start + timedelta(minutes=i * (n_points // n_events))
            sep = "," if i + 1 < n_events else ""
            f.write(f'    {{"id": "event-{i}", "time": "{t:%Y-%m-%dT%H:%M:%SZ}", '
                    f'"title": "Event {i}", "description": "Generated event {i}.", '
                    f'"category": "sighting", "confidence": "reported", "track": "balloon", '
                    f'"sources": [{{"publisher": "Example", "title": "Report {i}", '
                    f'"url": "{source}/{i}", "date": "2023-02-01"}}]}}{sep}\n')
        f.write('  ]\n}\n')


if __name__ == "__main__":
    main()
