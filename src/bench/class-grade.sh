#!/usr/bin/env bash
# Times `dstutor grade` on a class of N students (default 5), each holding every code exercise's
# reference solution (src/bench/reference-workspace.sh), graded JOBS at a time (default: the number
# of cores), each submission in a fresh worker; prints the submissions graded per minute.
#   src/bench/class-grade.sh             # 5 students
#   src/bench/class-grade.sh 20          # 20 students
#   JOBS=4 src/bench/class-grade.sh 10
# Builds target/dstutor.jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/../.."
students="${1:-5}"
jobs="${JOBS:-$(getconf _NPROCESSORS_ONLN)}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [[ ! -f target/dstutor.jar ]] || [[ -n "$(find src/main -newer target/dstutor.jar -print -quit)" ]]; then
  echo "building target/dstutor.jar ..." >&2
  ./mvnw -q -B -DskipTests package >&2
fi
for i in $(seq -w 1 "$students"); do
  src/bench/reference-workspace.sh "$tmp/class/student-$i" >/dev/null
done

start=$(date +%s%N)
rc=0
DSTUTOR_HOME="$tmp/home" java -jar target/dstutor.jar --course . grade "$tmp/class" \
  --jobs "$jobs" --format json --out "$tmp/grades.jsonl" >"$tmp/table.txt" 2>"$tmp/err.txt" || rc=$?
end=$(date +%s%N)

total=$(wc -l <"$tmp/grades.jsonl")
passed=$(grep -c '"status":"passed"' "$tmp/grades.jsonl" || true)
ms=$(( (end - start) / 1000000 ))
awk -v n="$total" -v p="$passed" -v ms="$ms" -v s="$students" -v j="$jobs" -v c="$(getconf _NPROCESSORS_ONLN)" 'BEGIN {
  printf "%d submissions (%d students), %d passed, in %.1f s with --jobs %d on %d cores: %.0f submissions a minute\n",
    n, s, p, ms / 1000, j, c, n * 60000 / ms }'
if [[ "$rc" -ne 0 || "$passed" -ne "$total" ]]; then
  echo "exit code $rc; not every reference solution passed:" >&2
  grep -v ' passed ' "$tmp/table.txt" >&2 || true
  cat "$tmp/err.txt" >&2
  exit 1
fi
