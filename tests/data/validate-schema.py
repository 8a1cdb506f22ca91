#!/usr/bin/python3
# validate-schema.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the bundled dataset with an independent validator (Debian's
# python3-jsonschema), repeats the loader's meaning rules in Python, and
# makes sure the schema refuses hand-made broken documents, so that a
# schema that accepts everything fails here. Output is TAP.
#
# Usage: validate-schema.py SCHEMA DATASET MINIMAL_VALID

import copy
import json
import sys
from datetime import datetime

import jsonschema

TRANSLATED = "zh_CN"


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def result(self, ok, name, details=()):
        self.count += 1
        print(f"{'ok' if ok else 'not ok'} {self.count} - {name}")
        if not ok:
            self.failed += 1
            for line in details:
                print(f"# {line}")

    def finish(self):
        print(f"1..{self.count}")
        return 1 if self.failed else 0


def path_of(error):
    text = ""
    for part in error.absolute_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(document)"


def schema_errors(validator, document):
    return sorted(f"{path_of(e)}: {e.message}" for e in validator.iter_errors(document))


def parse_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))


def texts_of(document):
    """Every translatable text in the document, with its path."""
    yield "title", document["title"]
    yield "description", document["description"]
    for i, track in enumerate(document["tracks"]):
        yield f"tracks[{i}].name", track["name"]
        for j, point in enumerate(track["points"]):
            if "note" in point:
                yield f"tracks[{i}].points[{j}].note", point["note"]
    for i, event in enumerate(document["events"]):
        yield f"events[{i}].title", event["title"]
        yield f"events[{i}].description", event["description"]
        if "name" in event.get("location", {}):
            yield f"events[{i}].location.name", event["location"]["name"]
    for kind in ("places", "areas"):
        for i, item in enumerate(document[kind]):
            yield f"{kind}[{i}].name", item["name"]
            yield f"{kind}[{i}].description", item["description"]


def meaning_problems(document):
    """The rules a schema cannot express, as data/datasets/README.md states them."""
    problems = []
    track_ids = set()

    for kind in ("tracks", "events", "places", "areas"):
        seen = {}
        for i, item in enumerate(document[kind]):
            if item["id"] in seen:
                problems.append(f"{kind}[{i}].id: repeats {kind}[{seen[item['id']]}]")
            seen.setdefault(item["id"], i)
        if kind == "tracks":
            track_ids = set(seen)

    for t, track in enumerate(document["tracks"]):
        points = track["points"]
        for i in range(1, len(points)):
            where = f"tracks[{t}].points[{i}]"
            if parse_time(points[i]["time"]) <= parse_time(points[i - 1]["time"]):
                problems.append(f"{where}.time: not later than the previous point")
            step = abs(points[i]["lon"] - points[i - 1]["lon"])
            if step > 180 and 360 - step % 360 > 90:
                problems.append(f"{where}.lon: jumps {step:g} degrees")

    for i, event in enumerate(document["events"]):
        if "end_time" in event and parse_time(event["end_time"]) < parse_time(event["time"]):
            problems.append(f"events[{i}].end_time: before time")
        if "track" in event and event["track"] not in track_ids:
            problems.append(f"events[{i}].track: no track {event['track']!r}")

    for i, area in enumerate(document["areas"]):
        if "time" in area and "end_time" in area and \
                parse_time(area["end_time"]) < parse_time(area["time"]):
            problems.append(f"areas[{i}].end_time: before time")

    return problems


def set_in(document, path, value):
    """Sets (or with value None, deletes) the member at a path of keys and indexes."""
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if value is None:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return document


# Each broken document: what is wrong, the change to the minimal valid
# document, and the path where the schema must report it.
BROKEN = [
    ("unknown format", (["format"], "gpx"), "format"),
    ("version from the future", (["version"], 2), "version"),
    ("missing title", (["title"], None), "(document)"),
    ("credits not a list", (["credits"], "me"), "credits"),
    ("unknown top-level member", (["colour"], "red"), "(document)"),
    ("time without a zone", (["tracks", 0, "points", 0, "time"], "2023-01-27T00:00:00"), "tracks[0].points[0].time"),
    ("date instead of a time", (["tracks", 0, "points", 0, "time"], "2023-01-27"), "tracks[0].points[0].time"),
    ("month 13", (["tracks", 0, "points", 0, "time"], "2023-13-01T00:00:00Z"), "tracks[0].points[0].time"),
    ("latitude out of range", (["tracks", 0, "points", 1, "lat"], 91), "tracks[0].points[1].lat"),
    ("longitude out of range", (["tracks", 0, "points", 1, "lon"], 400), "tracks[0].points[1].lon"),
    ("latitude as a string", (["tracks", 0, "points", 1, "lat"], "52"), "tracks[0].points[1].lat"),
    ("unknown point kind", (["tracks", 0, "points", 0, "kind"], "guessed"), "tracks[0].points[0].kind"),
    ("reported point without source", (["tracks", 0, "points", 1, "source"], None), "tracks[0].points[1]"),
    ("point source not a URL", (["tracks", 0, "points", 1, "source"], "ftp://example.org/x"), "tracks[0].points[1].source"),
    ("track without points", (["tracks", 0, "points"], []), "tracks[0].points"),
    ("event without sources", (["events", 0, "sources"], []), "events[0].sources"),
    ("source URL not http", (["events", 0, "sources", 0, "url"], "javascript:alert(1)"), "events[0].sources[0].url"),
    ("source without publisher", (["events", 0, "sources", 0, "publisher"], None), "events[0].sources[0]"),
    ("unknown category", (["events", 0, "category"], "rumour"), "events[0].category"),
    ("unknown confidence", (["events", 0, "confidence"], "certain"), "events[0].confidence"),
    ("language map without en", (["events", 0, "title"], {"de": "Gesehen"}), "events[0].title"),
    ("empty translation", (["tracks", 0, "name", "de"], ""), "tracks[0].name"),
    ("bad language code", (["tracks", 0, "name", "German"], "Sonde"), "tracks[0].name"),
    ("time zone with spaces", (["events", 0, "timezone"], "Eastern Time"), "events[0].timezone"),
    ("location without lon", (["events", 0, "location", "lon"], None), "events[0].location"),
    ("unknown place category", (["places", 0, "category"], "village"), "places[0].category"),
    ("place without description", (["places", 0, "description"], None), "places[0]"),
    ("polygon with two vertices", (["areas", 0, "polygon"], [{"lat": 0, "lon": 0}, {"lat": 1, "lon": 1}]), "areas[0].polygon"),
    ("polygon vertex as a pair", (["areas", 0, "polygon", 0], [50.0, 179.0]), "areas[0].polygon[0]"),
    ("area with both shapes", (["areas", 0, "center"], {"lat": 1, "lon": 2}), "areas[0]"),
    ("circle without radius", (["areas", 0], {"id": "c", "name": "C", "description": "D", "center": {"lat": 1, "lon": 2}}), "areas[0]"),
    ("zero radius", (["areas", 0], {"id": "c", "name": "C", "description": "D", "center": {"lat": 1, "lon": 2}, "radius_m": 0}), "areas[0].radius_m"),
]


def main():
    schema_path, dataset_path, minimal_path = sys.argv[1:4]
    tap = Tap()

    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        tap.result(True, "the schema is valid JSON Schema 2020-12")
    except jsonschema.SchemaError as error:
        tap.result(False, "the schema is valid JSON Schema 2020-12", [str(error.message)])
        return tap.finish()
    validator = jsonschema.Draft202012Validator(schema)

    with open(dataset_path, encoding="utf-8") as f:
        dataset = json.load(f)
    with open(minimal_path, encoding="utf-8") as f:
        minimal = json.load(f)

    errors = schema_errors(validator, dataset)
    tap.result(not errors, "the bundled dataset matches the schema", errors[:50])
    if not errors:
        problems = meaning_problems(dataset)
        tap.result(not problems, "the bundled dataset keeps the loader's rules", problems[:50])
        untranslated = [path for path, text in texts_of(dataset)
                        if not isinstance(text, dict) or TRANSLATED not in text]
        tap.result(not untranslated, f"every bundled text has en and {TRANSLATED}", untranslated[:50])

    errors = schema_errors(validator, minimal) + meaning_problems(minimal)
    tap.result(not errors, "the minimal document (plain texts, 0..360, polygon) is valid", errors)

    for name, (path, value), expected in BROKEN:
        document = set_in(copy.deepcopy(minimal), path, value)
        errors = schema_errors(validator, document)
        located = any(e.startswith(expected + ": ") for e in errors)
        tap.result(located, f"refuses {name} at {expected}", errors or ["accepted"])

    # The meaning checks must be able to fail too.
    swapped = copy.deepcopy(minimal)
    points = swapped["tracks"][0]["points"]
    points[0]["time"], points[1]["time"] = points[1]["time"], points[0]["time"]
    points[2]["lon"] = -30
    swapped["events"].append(copy.deepcopy(swapped["events"][0]))
    problems = meaning_problems(swapped)
    expected = ["tracks[0].points[1].time", "tracks[0].points[2].lon", "events[1].id"]
    tap.result(all(any(p.startswith(e) for p in problems) for e in expected),
               "the meaning checks find reversed times, a jump and a repeated id", problems)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
