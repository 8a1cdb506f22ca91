#!/usr/bin/env python3
# make-broken-corpus.py: writes tests/model/broken/, one small broken
# dataset per kind of error, and its EXPECTED list.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each case is the valid BASE document with one edit. The edit carries the
# marker ⟦ where the loader must point: the marker's line and column
# (1-based, counting characters) become the expected location and the
# marker is removed. So the expected locations come from where each error
# was written, not from what the loader prints. EXPECTED lines read:
#   FILE ERROR-CODE LINE:COLUMN PATH-SUBSTRING
# where ERROR-CODE is syntax, invalid or unsupported and PATH-SUBSTRING is
# "-" for diagnostics without a field path (syntax errors, the root).
#
# Run it from anywhere with /usr/bin/python3; it rewrites the corpus and
# valid/minimal.json, the unedited BASE.

import os

MARK = "⟦"

BASE = """{
  "format": "overflight-dataset",
  "version": 1,
  "title": "T",
  "description": "D",
  "license": "CC0-1.0",
  "updated": "2026-11-25",
  "credits": ["C"],
  "tracks": [
    {"id": "balloon", "name": "B", "points": [
      {"time": "2023-01-28T00:00:00Z", "lat": 50, "lon": 179.5, "kind": "estimated"},
      {"time": "2023-01-28T06:00:00Z", "lat": 51, "lon": -179.5, "kind": "estimated"}
    ]}
  ],
  "events": [
    {"id": "e1", "time": "2023-02-04T19:39:00Z", "title": "E", "description": "D",
     "category": "military", "confidence": "confirmed",
     "sources": [{"publisher": "P", "title": "S", "url": "https://example.org/"}]}
  ],
  "places": [
    {"id": "p1", "name": "P", "lat": 45, "lon": -108, "category": "city", "description": "D"}
  ],
  "areas": [
    {"id": "a1", "name": "A", "description": "D", "center": {"lat": 33.5, "lon": -78.7}, "radius_m": 1000}
  ]
}
"""

P0 = '{"time": "2023-01-28T00:00:00Z", "lat": 50, "lon": 179.5, "kind": "estimated"}'
P1 = '{"time": "2023-01-28T06:00:00Z", "lat": 51, "lon": -179.5, "kind": "estimated"}'
EVENT_HEAD = '{"id": "e1", "time": "2023-02-04T19:39:00Z", "title": "E", "description": "D",'
SOURCE = '{"publisher": "P", "title": "S", "url": "https://example.org/"}'
PLACE = '{"id": "p1", "name": "P", "lat": 45, "lon": -108, "category": "city", "description": "D"}'
AREA = '{"id": "a1", "name": "A", "description": "D", "center": {"lat": 33.5, "lon": -78.7}, "radius_m": 1000}'

# name, edits [(old, new)], error code, path substring
CASES = [
    # Syntax
    ("syntax-empty", None, "syntax", "-"),
    ("syntax-whitespace-only", None, "syntax", "-"),
    ("syntax-trailing-comma-array", [(P1 + "\n    ]", P1 + ",\n    " + MARK + "]")], "syntax", "-"),
    ("syntax-trailing-comma-object", [('"kind": "estimated"}\n', '"kind": "estimated",' + MARK + '}\n')], "syntax", "-"),
    ("syntax-missing-comma", [('"lat": 50, "lon": 179.5', '"lat": 50 ' + MARK + '"lon": 179.5')], "syntax", "-"),
    ("syntax-missing-colon", [('"title": "T"', '"title" ' + MARK + '"T"')], "syntax", "-"),
    ("syntax-single-quotes", [('"title": "T"', MARK + "'title': 'T'")], "syntax", "-"),
    ("syntax-unquoted-key", [('"title": "T"', MARK + 'title: "T"')], "syntax", "-"),
    ("syntax-comment", [('"title": "T",', '"title": "T",\n  ' + MARK + '// a comment')], "syntax", "-"),
    ("syntax-unterminated-string", [('"title": "T",', '"title": ' + MARK + '"T,')], "syntax", "-"),
    ("syntax-truncated", None, "syntax", "-"),
    ("syntax-text-after-value", None, "syntax", "-"),
    ("syntax-bad-escape", [('"title": "T"', '"title": "T' + MARK + '\\q"')], "syntax", "-"),
    ("syntax-bad-unicode-escape", [('"title": "T"', '"title": "T' + MARK + '\\u12G4"')], "syntax", "-"),
    ("syntax-lone-surrogate", [('"title": "T"', '"title": "T' + MARK + '\\uD800x"')], "syntax", "-"),
    ("syntax-nul-escape", [('"title": "T"', '"title": "T' + MARK + '\\u0000"')], "syntax", "-"),
    ("syntax-leading-zero", [('"lat": 50,', '"lat": ' + MARK + '050,')], "syntax", "-"),
    ("syntax-bare-minus", [('"lat": 50,', '"lat": ' + MARK + '-,')], "syntax", "-"),
    ("syntax-huge-number", [('"lat": 50,', '"lat": ' + MARK + '1e400,')], "syntax", "-"),
    ("syntax-nan", [('"lat": 50,', '"lat": ' + MARK + 'NaN,')], "syntax", "-"),
    ("syntax-literal-typo", [('"title": "T"', '"title": ' + MARK + 'tru')], "syntax", "-"),
    ("syntax-nul-byte", [('"title": "T"', '"title": "T' + MARK + '\x00"')], "syntax", "-"),
    ("syntax-invalid-utf8", [('"title": "T"', '"title": "T' + MARK + '\udcff"')], "syntax", "-"),
    ("syntax-overlong-utf8", [('"title": "T"', '"title": "T' + MARK + '\udcc0\udcaf"')], "syntax", "-"),
    ("syntax-deep-nesting", [('"license": "CC0-1.0",', '"license": "CC0-1.0",\n  "nested": '
                              # the root object and 63 arrays make 64 levels: the next is one too many
                              + "[" * 63 + MARK + "[" * 39 + "]" * 102 + ",")], "syntax", "-"),
    ("syntax-very-deep-nesting", None, "syntax", "-"),
    ("syntax-repeated-member", [('"title": "T",', '"title": "T", ' + MARK + '"title": "U",')], "syntax", "-"),
    ("syntax-tab-in-string", [('"title": "T"', '"title": "T' + MARK + '\t"')], "syntax", "-"),
    ("syntax-byte-order-mark", None, "syntax", "-"),
    # Schema
    ("schema-root-array", None, "invalid", "-"),
    ("schema-missing-format", [('{\n  "format": "overflight-dataset",\n', MARK + '{\n')], "invalid", "format"),
    ("schema-missing-title", [('{\n  "format"', MARK + '{\n  "format"'), ('  "title": "T",\n', '')], "invalid", "title"),
    ("schema-missing-events", [('{\n  "format"', MARK + '{\n  "format"'),
                               ('"events": [', '"incidents": [')], "invalid", "events"),
    ("schema-missing-point-time", [(P1, MARK + P1.replace('"time": "2023-01-28T06:00:00Z", ', ''))],
     "invalid", "tracks[0].points[1].time"),
    ("schema-lat-string", [('"lat": 51,', '"lat": ' + MARK + '"51",')], "invalid", "tracks[0].points[1].lat"),
    ("schema-points-object", [('"points": [', '"points": ' + MARK + '{"a": ['), ('    ]}\n  ],', '    ]}}\n  ],')],
     "invalid", "tracks[0].points"),
    ("schema-point-not-object", [(P0, MARK + '[50, 179.5]')], "invalid", "tracks[0].points[0]"),
    ("schema-null-name", [('"name": "B"', '"name": ' + MARK + 'null')], "invalid", "tracks[0].name"),
    ("schema-version-string", [('"version": 1', '"version": ' + MARK + '"1"')], "invalid", "version"),
    ("schema-version-fraction", [('"version": 1', '"version": ' + MARK + '1.5')], "invalid", "version"),
    ("schema-time-without-zone", [('"2023-01-28T06:00:00Z"', MARK + '"2023-01-28T06:00:00"')],
     "invalid", "tracks[0].points[1].time"),
    ("schema-time-bad-date", [('"2023-02-04T19:39:00Z"', MARK + '"2023-02-30T19:39:00Z"')], "invalid", "events[0].time"),
    ("schema-time-not-iso", [('"2023-02-04T19:39:00Z"', MARK + '"4 Feb 2023 19:39 UTC"')], "invalid", "events[0].time"),
    ("schema-unknown-category", [('"military"', MARK + '"gossip"')], "invalid", "events[0].category"),
    ("schema-unknown-confidence", [('"confirmed"', MARK + '"likely"')], "invalid", "events[0].confidence"),
    ("schema-unknown-point-kind", [(P1, P1.replace('"kind": "estimated"', '"kind": ' + MARK + '"guessed"'))],
     "invalid", "tracks[0].points[1].kind"),
    ("schema-unknown-place-category", [('"category": "city"', '"category": ' + MARK + '"town"')],
     "invalid", "places[0].category"),
    ("schema-no-sources", [('"sources": [' + SOURCE + ']', '"sources": ' + MARK + '[]')], "invalid", "events[0].sources"),
    ("schema-source-missing-url", [(SOURCE, MARK + '{"publisher": "P", "title": "S"}')],
     "invalid", "events[0].sources[0].url"),
    ("schema-map-without-english", [('"title": "E"', '"title": ' + MARK + '{"zh_CN": "事件"}')],
     "invalid", "events[0].title.en"),
    ("schema-map-bad-language", [('"title": "E"', '"title": {"en": "E", "Chinese": ' + MARK + '"事件"}')],
     "invalid", "events[0].title.Chinese"),
    ("schema-map-not-string", [('"title": "E"', '"title": {"en": ' + MARK + '1}')], "invalid", "events[0].title.en"),
    ("schema-empty-id", [('"id": "p1"', '"id": ' + MARK + '""')], "invalid", "places[0].id"),
    ("schema-bad-timezone", [('"confidence": "confirmed",', '"confidence": "confirmed", "timezone": ' + MARK + '"New York",')],
     "invalid", "events[0].timezone"),
    ("schema-area-without-shape", [(AREA, MARK + '{"id": "a1", "name": "A", "description": "D"}')], "invalid", "areas[0]"),
    ("schema-area-negative-radius", [('"radius_m": 1000', '"radius_m": ' + MARK + '-5')], "invalid", "areas[0].radius_m"),
    ("schema-polygon-two-vertices", [(AREA, '{"id": "a1", "name": "A", "description": "D", "polygon": ' + MARK
                                      + '[{"lat": 1, "lon": 2}, {"lat": 3, "lon": 4}]}')], "invalid", "areas[0].polygon"),
    ("schema-unknown-member", [('"lat": 51, "lon": -179.5,', '"lat": 51, "lon": -179.5, "altitude": ' + MARK + '3,')],
     "invalid", "tracks[0].points[1].altitude"),
    ("schema-empty-text", [('"description": "D",\n     "category"', '"description": ' + MARK + '"  ",\n     "category"')],
     "invalid", "events[0].description"),
    ("schema-bad-updated-date", [('"2026-11-25"', MARK + '"25/11/2026"')], "invalid", "updated"),
    ("schema-missing-credits", [('{\n  "format"', MARK + '{\n  "format"'), ('  "credits": ["C"],\n', '')],
     "invalid", "credits"),
    # Meaning
    ("meaning-altitude-range", [('"lat": 51, "lon": -179.5,', '"lat": 51, "lon": -179.5, "alt_m": ' + MARK + '180000,')],
     "invalid", "tracks[0].points[1].alt_m"),
    ("meaning-latitude-range", [('"lat": 51,', '"lat": ' + MARK + '91,')], "invalid", "tracks[0].points[1].lat"),
    ("meaning-longitude-range", [('"lon": -108', '"lon": ' + MARK + '-400')], "invalid", "places[0].lon"),
    ("meaning-longitude-jump", [('"lon": 179.5', '"lon": 100'), ('"lon": -179.5', '"lon": ' + MARK + '-100')],
     "invalid", "tracks[0].points[1].lon"),
    ("meaning-time-not-increasing", [('"2023-01-28T06:00:00Z"', MARK + '"2023-01-27T06:00:00Z"')],
     "invalid", "tracks[0].points[1].time"),
    ("meaning-repeated-track-id", [('    ]}\n  ],', '    ]},\n    {"id": ' + MARK + '"balloon", "name": "C", "points": ['
                                    + P0 + ']}\n  ],')], "invalid", "tracks[1].id"),
    ("meaning-repeated-event-id", [(SOURCE + ']}\n  ],', SOURCE + ']},\n    '
                                    + EVENT_HEAD.replace('"id": "e1"', '"id": ' + MARK + '"e1"')
                                    + ' "category": "sighting", "confidence": "reported", "sources": [' + SOURCE + ']}\n  ],')],
     "invalid", "events[1].id"),
    ("meaning-repeated-place-id", [(PLACE, PLACE + ',\n    ' + PLACE.replace('"id": "p1"', '"id": ' + MARK + '"p1"'))],
     "invalid", "places[1].id"),
    ("meaning-missing-track", [('"confidence": "confirmed",', '"confidence": "confirmed", "track": ' + MARK + '"drone",')],
     "invalid", "events[0].track"),
    ("meaning-url-not-http", [('"https://example.org/"', MARK + '"ftp://example.org/report"')],
     "invalid", "events[0].sources[0].url"),
    ("meaning-url-javascript", [('"https://example.org/"', MARK + '"javascript:alert(1)"')],
     "invalid", "events[0].sources[0].url"),
    ("meaning-point-source-not-url", [(P1, P1.replace('"kind": "estimated"', '"kind": "reported", "source": '
                                                      + MARK + '"The Pentagon"'))],
     "invalid", "tracks[0].points[1].source"),
    ("meaning-reported-without-source", [(P0, MARK + P0.replace('"estimated"', '"reported"'))],
     "invalid", "tracks[0].points[0].source"),
    ("meaning-end-before-start", [('"confidence": "confirmed",', '"confidence": "confirmed", "end_time": '
                                   + MARK + '"2023-02-03T00:00:00Z",')], "invalid", "events[0].end_time"),
    ("meaning-empty-track", [('"points": [\n      ' + P0 + ',\n      ' + P1 + '\n    ]', '"points": ' + MARK + '[]')],
     "invalid", "tracks[0].points"),
    ("unsupported-format", [('"overflight-dataset"', MARK + '"geojson"')], "unsupported", "format"),
    ("unsupported-version", [('"version": 1', '"version": ' + MARK + '2')], "unsupported", "version"),
    ("unsupported-huge-version", [('"version": 1', '"version": ' + MARK + '100000000000000000000000')],
     "unsupported", "version"),
]


def whole_file(name):
    """Cases that are not an edit of BASE."""
    if name == "syntax-empty":
        return MARK
    if name == "syntax-whitespace-only":
        return "  \n  " + MARK
    if name == "syntax-truncated":
        return BASE[:BASE.index('"events"')] + MARK
    if name == "syntax-text-after-value":
        return BASE + MARK + "{}\n"
    if name == "syntax-very-deep-nesting":
        return "[" * 64 + MARK + "[" * 99936 + "]" * 100000
    if name == "syntax-byte-order-mark":
        return MARK + "\ufeff" + BASE
    if name == "schema-root-array":
        return MARK + "[1, 2]\n"
    raise KeyError(name)


def locate(text):
    before = text[:text.index(MARK)]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return line, column


def main():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "broken")
    os.makedirs(here, exist_ok=True)
    expected = []
    for name, edits, code, path in CASES:
        if edits is None:
            text = whole_file(name)
        else:
            text = BASE
            for old, new in edits:
                assert text.count(old) == 1, (name, old)
                text = text.replace(old, new)
        assert text.count(MARK) == 1, name
        line, column = locate(text)
        # Lone surrogates stand for raw bytes that are not UTF-8.
        data = text.replace(MARK, "").encode("utf-8", "surrogateescape")
        with open(os.path.join(here, name + ".json"), "wb") as f:
            f.write(data)
        expected.append(f"{name}.json {code} {line}:{column} {path}")
    # The document every edit starts from must itself be valid; the
    # tests load it from here.
    with open(os.path.join(os.path.dirname(here), "valid", "minimal.json"), "w") as f:
        f.write(BASE)
    with open(os.path.join(here, "EXPECTED"), "w") as f:
        f.write("# Written by ../make-broken-corpus.py: FILE ERROR-CODE LINE:COLUMN PATH-SUBSTRING\n")
        f.write("\n".join(expected) + "\n")
    print(f"{len(expected)} cases")


if __name__ == "__main__":
    main()
