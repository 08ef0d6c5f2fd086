#!/usr/bin/env bash
# Fills a workspace folder with every code exercise's reference solution (as a learner who has
# solved them all would have it), for timing `dstutor check-all`:
#   src/bench/reference-workspace.sh /tmp/ws && DSTUTOR_WORKSPACE=/tmp/ws dstutor check-all
set -euo pipefail
cd "$(dirname "$0")/../.."
ws="${1:?usage: reference-workspace.sh DIR}"
find exercises -name exercise.yaml | while read -r def; do
  rel="$(dirname "${def#exercises/}")"
  grep -q '^kind: *quiz' "$def" && continue
  mkdir -p "$ws/$rel"
  for f in $(sed -n 's/^files: *\[\(.*\)\]/\1/p' "$def" | tr -d ' ' | tr ',' ' '); do
    cp "solutions/$rel/$f" "$ws/$rel/$f"
  done
  for g in $(sed -n 's/^given: *\[\(.*\)\]/\1/p' "$def" | tr -d ' ' | tr ',' ' '); do
    cp "exercises/$rel/$g" "$ws/$rel/$g"
  done
done
echo "$ws: $(find "$ws" -name '*.java' | wc -l) files"
