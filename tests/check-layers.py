#!/usr/bin/env python3
"""Each layer of src/ includes only its own headers and those of the layers
below it (model < map < export < ui < the application), and only the compat
file lifts the API caps. The build's include folders enforce the first rule;
this keeps it true if someone widens them."""
import pathlib
import re
import sys

LAYERS = ["model", "map", "export", "ui", "."]
root = pathlib.Path(sys.argv[1]) / "src"

home = {}
for layer in LAYERS:
    for header in (root / layer).glob("*.h"):
        home[header.name] = LAYERS.index(layer)
# Generated resource headers belong to the layer that compiles them.
for layer in LAYERS[:-1]:
    home[f"ovf-{layer}-resources.h"] = LAYERS.index(layer)

problems = []
for layer in LAYERS:
    rank = LAYERS.index(layer)
    for source in sorted((root / layer).glob("*.[ch]")):
        text = source.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            match = re.match(r'#include "(ovf-[^"]+)"', line)
            if match and home.get(match.group(1), rank) > rank:
                problems.append(f"{source.relative_to(root.parent)}:{number}: "
                                f"includes {match.group(1)} from a layer above")
        if "MAX_ALLOWED" in text and source.name != "ovf-compat.c":
            problems.append(f"{source.relative_to(root.parent)}: changes an API cap")

print("1..1")
if problems:
    print("not ok 1 layers include only themselves and the layers below")
    for problem in problems:
        print("#", problem)
else:
    print("ok 1 layers include only themselves and the layers below")
