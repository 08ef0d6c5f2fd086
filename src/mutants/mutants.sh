#!/usr/bin/env bash
# Mutation testing of the hidden suites with PIT, for course authors (README: "Mutation testing").
#   src/mutants/mutants.sh                          # every exercise of this repository's course
#   src/mutants/mutants.sh --exercise bloom-filter  # one (repeatable)
#   src/mutants/mutants.sh --course ~/my-course     # another course folder
# Builds dstutor.jar if it is missing, resolves PIT with the Maven wrapper (once; then offline),
# and exits 1 when a surviving mutant is not on its exercise's solutions/<path>/mutants.yaml.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/target/dstutor.jar"
if [[ ! -f "$jar" ]]; then
  echo "building $jar ..." >&2
  (cd "$root" && ./mvnw -B -q package -DskipTests) >&2
fi
cpfile="$root/target/pit-classpath.txt"
if [[ ! -s "$cpfile" || "$root/src/mutants/pom.xml" -nt "$cpfile" ]]; then
  echo "resolving PIT ..." >&2
  (cd "$root" && ./mvnw -B -q -f src/mutants/pom.xml dependency:build-classpath \
    -Dmdep.outputFile="$cpfile") >&2
fi
args=("$@")
has_course=0
for a in "$@"; do [[ "$a" == "--course" ]] && has_course=1; done
[[ $has_course -eq 1 ]] || args+=(--course "$root")
exec java -cp "$jar" dstutor.grade.Mutants --pit-classpath "$(cat "$cpfile")" "${args[@]}"
