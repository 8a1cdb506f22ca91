#!/usr/bin/env python3
# check-help.py: `overflight --help` speaks each language in po/LINGUAS.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built program with LANGUAGE set and OVERFLIGHT_LOCALEDIR pointing
# at the catalogues built in the tree, and looks for each language's own
# translation of some option descriptions and of the summary line.
#
# Usage: check-help.py OVERFLIGHT SOURCE_ROOT BUILD_LOCALEDIR [LANGUAGE...]

import os
import subprocess
import sys

import pofile
from importlib import import_module

linguas = import_module('check-catalogues').linguas

CHECKED = [
    'Show the version and exit',
    'Validate the dataset files and exit',
    'Replay the 2023 high-altitude balloon incident on a map.',
]


def main():
    program, root, localedir = sys.argv[1:4]
    languages = sys.argv[4:] or linguas(root)
    problems = []

    for language in languages:
        mo = os.path.join(localedir, language, 'LC_MESSAGES', 'overflight.mo')
        if not os.path.exists(mo):
            problems.append(f'{mo}: not built')
            continue
        catalogue = pofile.messages(os.path.join(root, 'po', language + '.po'))
        env = dict(os.environ, LANGUAGE=language, LC_ALL='C.UTF-8', LANG='C.UTF-8',
                   OVERFLIGHT_LOCALEDIR=localedir)
        env.pop('DISPLAY', None)
        env.pop('WAYLAND_DISPLAY', None)
        run = subprocess.run([program, '--help'], capture_output=True, text=True, env=env)
        if run.returncode != 0:
            problems.append(f'{language}: overflight --help exited with {run.returncode}:\n{run.stderr}')
            continue
        for msgid in CHECKED:
            entry = catalogue.get((None, msgid))
            if entry is None or not entry.translated():
                problems.append(f'po/{language}.po: “{msgid}” is not translated')
            elif entry.msgstr[0] not in run.stdout:
                problems.append(f'{language}: overflight --help lacks “{entry.msgstr[0]}” '
                                f'(for “{msgid}”); it printed:\n{run.stdout}')
            elif msgid != entry.msgstr[0] and msgid in run.stdout:
                problems.append(f'{language}: overflight --help still prints “{msgid}” in English')
        print(f'{language}: overflight --help is translated')

    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
