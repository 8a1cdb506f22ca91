#!/usr/bin/python3
# derive-local-manifest.py
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the manifest the sandbox test builds: the real Flathub manifest with
# only the runtime swapped for the local Debian-made one (see
# build-local-runtime.sh). That runtime already carries libshumate, and Flathub's
# archives cannot be downloaded here, so the library modules are left out; the
# Overflight module, its options and the finish-args stay exactly as they are.
#
# Usage: derive-local-manifest.py MANIFEST SOURCE_DIR BRANCH OUTPUT

import json
import sys

LOCAL_RUNTIME = 'io.github.overflight.LocalPlatform'
LOCAL_SDK = 'io.github.overflight.LocalSdk'
PROVIDED_BY_RUNTIME = {'protobuf-c', 'libshumate'}


def derive(manifest, source_dir, branch):
    local = dict(manifest)
    local.update({'runtime': LOCAL_RUNTIME, 'sdk': LOCAL_SDK, 'runtime-version': branch})
    modules = [m for m in manifest['modules'] if m['name'] not in PROVIDED_BY_RUNTIME]
    app = dict(modules[-1])
    dirs = [s for s in app['sources'] if s['type'] == 'dir']
    if len(dirs) != 1:
        raise SystemExit(f'{sys.argv[1]}: modules[{app["name"]}]: expected one "dir" source, found {len(dirs)}')
    # A clean copy of the tree replaces the checkout, so nothing needs skipping.
    app['sources'] = [{'type': 'dir', 'path': source_dir}]
    local['modules'] = modules[:-1] + [app]
    return local


def main():
    if len(sys.argv) != 5:
        raise SystemExit('usage: derive-local-manifest.py MANIFEST SOURCE_DIR BRANCH OUTPUT')
    path, source_dir, branch, output = sys.argv[1:]
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        raise SystemExit(f'{path}: {e}')
    with open(output, 'w', encoding='utf-8') as f:
        json.dump(derive(manifest, source_dir, branch), f, indent=2)
        f.write('\n')


if __name__ == '__main__':
    main()
