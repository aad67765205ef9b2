#!/usr/bin/env bash
# Fuzzes the parsers of client and backend bytes for longer than the build's bounded run does.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGETS]
#
# SECONDS_PER_TARGET  how long each fuzz test class is fuzzed (default 300)
# TARGETS             surefire pattern of the fuzz test classes (default *FuzzTest: all of them), e.g.
#                     'Http1RequestFuzzTest' or 'Grpc*FuzzTest,JsonRequestFuzzTest'
# Extra Maven options can be given in MVN_ARGS, e.g. MVN_ARGS=-o for an offline build.
#
# Each class runs in a JVM of its own (Jazzer fuzzes one @FuzzTest per JVM). A crash fails the run and its input is
# written next to the committed inputs, as <module>/src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1>;
# the report with the stack trace is in <module>/target/fuzz-reports/. Commit a crash input under a name that says
# what it was once the bug is fixed: the build replays it as a regression test from then on. The inputs the fuzzer
# found interesting are kept in <module>/.cifuzz-corpus/ (not committed) and resumed by the next run.
set -euo pipefail

seconds="${1:-300}"
targets="${2:-*FuzzTest}"
cd "$(dirname "$0")/.."

marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT

# -Dtest matches nothing, so the regular tests are skipped; the fuzz execution of the "fuzz" profile ignores it.
# The extra libFuzzer argument overrides the short maxDuration the fuzz tests declare for the build. Failures are
# collected rather than stopping the build, so that a crash in one module still lets the others be fuzzed.
mvn -B ${MVN_ARGS:-} verify -Pfuzz -pl edge -am \
    -Dtest=OnlyTheFuzzRun -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.test.failure.ignore=true \
    -Dfuzz.targets="$targets" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds"

crashes="$(find . -path '*/src/test/resources/*Inputs/*' -name 'crash-*' -newer "$marker" -print)"
failed="$(grep -l -E '(Failures|Errors): [1-9]' $(find . -path '*/target/fuzz-reports/*.txt' -newer "$marker") \
    /dev/null || true)"
if [ -n "$crashes" ] || [ -n "$failed" ]; then
    echo "Crash inputs:"
    echo "${crashes:-  (none written)}"
    echo "Failed fuzz tests, with their stack traces:"
    echo "$failed"
    exit 1
fi
echo "No crash in ${seconds} s per target."
