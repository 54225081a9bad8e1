#!/bin/sh
# run-fuzzer.sh FUZZER CORPUS SECONDS ARTIFACT_DIR
#
# Runs a libFuzzer target for a bounded time over the committed seed
# corpus. New inputs go to a scratch folder (libFuzzer writes into the
# first folder it is given), so the committed corpus never changes; a
# crash is saved in ARTIFACT_DIR as crash-<sha1> and fails the test.
set -eu
fuzzer=$1 corpus=$2 seconds=$3 artifacts=$4
scratch=$(mktemp -d "${TMPDIR:-/tmp}/alliance-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$artifacts"
"$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$scratch" "$corpus"
