#!/bin/sh
# run-fuzz.sh FUZZER SEED-CORPUS ARTIFACT-DIR SECONDS
# Runs a libFuzzer target for a bounded time over a copy of the seed
# corpus, so the inputs it finds never land in the source tree. Inputs that
# crash are kept in ARTIFACT-DIR.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

fuzzer=$1 seeds=$2 artifacts=$3 seconds=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$seeds"/* "$work"/
mkdir -p "$artifacts"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$work"
