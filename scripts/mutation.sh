#!/usr/bin/env bash
# Mutation testing with PIT for the edge's exchange package and the http translator, each against its own
# module's tests (profiles mutation-edge and mutation-http of their poms). Not part of the test command:
# it takes tens of minutes on two cores. Prints the mutation score of each package; the HTML reports are in
# <module>/target/pit-reports/index.html.
#
#   bash scripts/mutation.sh              (extra arguments go to Maven, e.g. -o to stay offline)
#   MODULES=translators/http bash scripts/mutation.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
MODULES="${MODULES:-translators/http,edge}"
started=$(date +%s)

# -am builds the modules they depend on in the same reactor; PIT stays off in every module whose profile is not on.
profiles=$(echo "$MODULES" | sed -e 's|translators/http|mutation-http|' -e 's|edge|mutation-edge|')
mvn -B -P "$profiles" -pl "$MODULES" -am "$@" test-compile org.pitest:pitest-maven:mutationCoverage

score() {
    local report="$1/target/pit-reports/mutations.xml"
    [[ -f "$report" ]] || { echo "$1: no report at $report" >&2; return 1; }
    python3 - "$report" <<'PY'
import collections, sys, xml.etree.ElementTree as ET
packages = collections.defaultdict(lambda: collections.Counter())
for mutation in ET.parse(sys.argv[1]).getroot():
    package = mutation.findtext('mutatedClass').rsplit('.', 1)[0]
    counts = packages[package]
    counts['total'] += 1
    counts['killed'] += mutation.get('detected') == 'true'
    counts['no coverage'] += mutation.get('status') == 'NO_COVERAGE'
    counts['timed out'] += mutation.get('status') in ('TIMED_OUT', 'MEMORY_ERROR', 'RUN_ERROR')
for package, counts in sorted(packages.items()):
    failing = counts['killed'] - counts['timed out']
    # A mutant that makes a test hang counts as killed; on a busy machine a slow test can pass for a hung one,
    # so the share killed by a failing assertion alone is printed too: the true score lies between the two.
    print(f"{package}: {counts['killed']}/{counts['total']} mutants killed "
          f"({100 * counts['killed'] / counts['total']:.0f}%; {failing} by a failing test, "
          f"{100 * failing / counts['total']:.0f}%, and {counts['timed out']} by a timeout or a crashed test JVM), "
          f"{counts['no coverage']} not covered by any test")
PY
}

echo
echo "Mutation scores (killed = detected by a failing or timed-out test):"
IFS=',' read -ra modules <<< "$MODULES"
for module in "${modules[@]}"; do
    score "$module"
done
echo "took $(( ($(date +%s) - started) / 60 )) min"
