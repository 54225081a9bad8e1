#!/bin/sh
# run-fuzzer.sh FUZZER CORPUS RUNS ARTIFACT_DIR
#
# Runs a libFuzzer target over the committed seed corpus for a fixed number
# of inputs from a fixed seed, so a run is the same on every machine and a
# failure reproduces (a time limit would make it depend on the machine's
# speed); a generous time cap keeps a slow machine from hanging the suite. New inputs go to a scratch folder (libFuzzer writes into the
# first folder it is given), so the committed corpus never changes; a
# crash or leak is saved in ARTIFACT_DIR (crash-<sha1>, leak-<sha1>) and
# fails the test (libFuzzer's own exit status, 77, would read as "skipped").
set -eu
fuzzer=$1 corpus=$2 runs=$3 artifacts=$4
scratch=$(mktemp -d "${TMPDIR:-/tmp}/alliance-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$artifacts"
"$fuzzer" -seed=1 -runs="$runs" -max_total_time=300 -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
  -error_exitcode=1 -print_final_stats=1 -artifact_prefix="$artifacts/" "$scratch" "$corpus"
