#!/bin/sh
# run-fuzz.sh FUZZER SEED-CORPUS ARTIFACT-DIR SECONDS [FUZZER-OPTION...]
# Runs a libFuzzer target for a bounded time over a copy of the seed
# corpus, so the inputs it finds never land in the source tree. Inputs that
# crash are kept in ARTIFACT-DIR. A single input takes milliseconds; the
# generous per-input timeout only allows for a busy CI machine.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

fuzzer=$1 seeds=$2 artifacts=$3 seconds=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$seeds"/* "$work"/
mkdir -p "$artifacts"
"$fuzzer" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" "$work"
