#!/usr/bin/env bash
# Start-up and grading benchmark: prints the median of N runs (default 7) of
#   cold `dstutor next`, cold `dstutor submit` on a passing and on a failing solution,
#   a repeated submit in one shell (the grading worker stays warm), and the simulator figures,
#   with the linearizability checker on porcupine's whole corpus of histories (from
#   $DSTUTOR_PORCUPINE, else ../shared/peer-data/porcupine beside the repository).
# Uses a throw-away install (PREFIX in a temp folder) so it measures what a learner runs.
#   src/bench/bench.sh            # all
#   RUNS=11 src/bench/bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${RUNS:-7}"
tmp="$(mktemp -d)"
trap 'pkill -f "GradingServer $tmp" || true; rm -rf "$tmp"' EXIT

echo "installing into $tmp/prefix ..." >&2
HOME="$tmp/home" PREFIX="$tmp/prefix" DSTUTOR_NO_NEXT=1 ./install.sh >/dev/null 2>&1
dstutor="$tmp/prefix/bin/dstutor"
export DSTUTOR_HOME="$tmp/dhome" DSTUTOR_WORKSPACE="$tmp/ws"
ex="bloom-filter"
rel="patterns/$ex"
file="BloomFilter.java"
"$dstutor" show "$ex" >/dev/null

# median of the wall-clock seconds of a command, run $runs times
median() {
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    if [[ -n "${BEFORE:-}" ]]; then "$BEFORE"; fi
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    times+=("$(( (e - s) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$tmp/prefix/bin/dstutor" --version)"
echo "runs per figure: $runs (median, milliseconds)"
stop_server() { pkill -f "GradingServer $tmp" || true; sleep 0.3; }
echo "cold_next_ms $(median "$dstutor" next)"
# Cold: no grading server yet (the first submit of a session starts it).
cp "solutions/$rel/$file" "$tmp/ws/$rel/$file"
echo "cold_submit_passing_ms $(BEFORE=stop_server median "$dstutor" submit "$ex")"
cp "exercises/$rel/$file" "$tmp/ws/$rel/$file"
echo "cold_submit_failing_ms $(BEFORE=stop_server median "$dstutor" submit "$ex")"
# Repeated: the grading server from the previous submit is warm.
cp "solutions/$rel/$file" "$tmp/ws/$rel/$file"
"$dstutor" submit "$ex" >/dev/null 2>&1 || true
echo "repeated_submit_passing_ms $(median "$dstutor" submit "$ex")"
cp "exercises/$rel/$file" "$tmp/ws/$rel/$file"
echo "repeated_submit_failing_ms $(median "$dstutor" submit "$ex")"
stop_server

# Repeated submits in one shell: the verdict's own millis (compile + tests, worker warm).
cp "solutions/$rel/$file" "$tmp/ws/$rel/$file"
input=""
for _ in $(seq $((runs + 1))); do input+="submit $ex --json"$'\n'; done
printf '%s' "$input" | "$dstutor" 2>/dev/null | grep -o '"millis":[0-9]*' | cut -d: -f2 \
  | tail -n "$runs" | sort -n | awk '{a[NR]=$1} END {print "repeated_submit_in_shell_ms " a[int((NR+1)/2)]}'

# The simulator's own figures: deliveries per second and each sim exercise's suite, warm;
# then the checker on porcupine's histories: verdicts right, each verdict's count, slowest history.
porcupine="${DSTUTOR_PORCUPINE:-../shared/peer-data/porcupine}"
if [[ ! -f "$porcupine/expected.tsv" ]]; then
  echo "no porcupine histories at $porcupine: set DSTUTOR_PORCUPINE to include the linz figures" >&2
  porcupine=""
fi
java ${porcupine:+"-Ddstutor.porcupine=$porcupine"} -cp "$tmp/prefix/share/dstutor/dstutor.jar" \
  dstutor.sim.SimBenchmark "$tmp/prefix/share/dstutor/course"
