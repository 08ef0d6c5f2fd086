#!/usr/bin/env bash
# Start-up and grading benchmark: prints the median of N runs (default 7) of
#   cold `dstutor next`, cold `dstutor submit` on a passing and on a failing solution,
#   a repeated submit through the warm grading server and in one shell, Enter to verdict (the
#   worker stays warm; also with DSTUTOR_LANES=1, the suite's tests one at a time, and the
#   grader's own part of it, the verdict's millis),
#   watch mode's save-to-verdict time, the first submit after `next` (which starts the server),
#   `mvn -o -q test` on a one-exercise Maven project with the same files and each figure's ratio
#   to it, and the simulator figures,
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

exec > >(tee "$tmp/figures")
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

# Repeated submits in one shell (the worker stays warm): from Enter to the verdict printed.
cp "solutions/$rel/$file" "$tmp/ws/$rel/$file"
echo "repeated_submit_in_shell_ms $(python3 src/bench/shell_latency.py "$runs" \
  "submit $ex --json" -- "$dstutor")"
# The same with the suite's tests run one at a time (as before they could run two at once).
echo "repeated_submit_in_shell_one_test_at_a_time_ms $(DSTUTOR_LANES=1 python3 \
  src/bench/shell_latency.py "$runs" "submit $ex --json" -- "$dstutor")"
# The grader's own part of a shell submit (compile and worker): the verdict's millis.
input=""
for _ in $(seq $((runs + 1))); do input+="submit $ex --json"$'\n'; done
printf '%s' "$input" | "$dstutor" 2>/dev/null | grep -o '"millis":[0-9]*' | cut -d: -f2 \
  | tail -n "$runs" | sort -n | awk '{a[NR]=$1} END {print "shell_submit_grading_part_ms " a[int((NR+1)/2)]}'

# Watch mode: from saving the file to the verdict on screen (the 5 ms debounce included).
echo "watch_save_to_verdict_ms $(python3 src/bench/watch_latency.py "$runs" "$tmp/ws/$rel/$file" \
  "solutions/$rel/$file" "exercises/$rel/$file" -- "$dstutor" watch "$ex")"

# The first submit after `next`: next starts the grading server while the learner reads.
stop_server
first_after_next() {
  rm -rf "$tmp/first"; mkdir -p "$tmp/first"
  DSTUTOR_HOME="$tmp/first/home" DSTUTOR_WORKSPACE="$tmp/first/ws" "$dstutor" next >/dev/null 2>&1
  sleep 3 # reading the brief
  local s e; s=$(date +%s%N)
  DSTUTOR_HOME="$tmp/first/home" DSTUTOR_WORKSPACE="$tmp/first/ws" "$dstutor" submit >/dev/null 2>&1 || true
  e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  pkill -f "GradingServer $tmp/first" || true
}
ft=(); for _ in $(seq "$runs"); do ft+=("$(first_after_next)"); done
echo "first_submit_after_next_ms $(printf '%s\n' "${ft[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"

# The alternative a learner would otherwise use: `mvn -o -q test` on a one-exercise Maven project
# holding the same learner file, the given API and the same suite (offline: this build fetched
# the plugins and JUnit already).
mvnproj="$tmp/mvn"
mkdir -p "$mvnproj/src/main/java" "$mvnproj/src/test/java"
for g in $(sed -n 's/^given: *\[\(.*\)\]/\1/p' "exercises/$rel/exercise.yaml" | tr -d ' ' | tr ',' ' '); do
  cp "exercises/$rel/$g" "$mvnproj/src/main/java/"
done
cp "solutions/$rel/$file" "$mvnproj/src/main/java/$file"
suite="$(sed -n 's/^suite: *//p' "exercises/$rel/exercise.yaml")"
cp "solutions/$rel/$suite" "$mvnproj/src/test/java/"
cat > "$mvnproj/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.bench</groupId><artifactId>one-exercise</artifactId><version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>local.dstutor</groupId><artifactId>dstutor</artifactId><version>1</version>
      <scope>system</scope><systemPath>$tmp/prefix/share/dstutor/dstutor.jar</systemPath></dependency>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
      <version>$(sed -n 's/.*<junit.version>\(.*\)<\/junit.version>.*/\1/p' pom.xml)</version><scope>test</scope></dependency>
  </dependencies>
  <build><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version>
      <configuration><includes><include>**/*Suite.java</include></includes></configuration></plugin>
  </plugins></build>
</project>
POM
mvn_once() { ./mvnw -o -q -B test -f "$mvnproj/pom.xml"; }
if mvn_once >"$tmp/mvn.log" 2>&1 && grep -q "Tests run:" "$mvnproj"/target/surefire-reports/*.txt 2>/dev/null; then
  echo "mvn_offline_test_ms $(median ./mvnw -o -q -B test -f "$mvnproj/pom.xml")"
else
  echo "mvn_offline_test_ms unavailable (see below)"; tail -20 "$tmp/mvn.log"
fi

# Each grading figure against the Maven run: how many times faster.
awk '$1 == "mvn_offline_test_ms" && $2 ~ /^[0-9]+$/ {m = $2}
     {v[$1] = $2}
     END {
       if (!m) exit
       n = split("cold_submit_passing_ms cold_submit_failing_ms repeated_submit_passing_ms repeated_submit_failing_ms repeated_submit_in_shell_ms repeated_submit_in_shell_one_test_at_a_time_ms shell_submit_grading_part_ms watch_save_to_verdict_ms first_submit_after_next_ms", k, " ")
       for (i = 1; i <= n; i++) if (v[k[i]] > 0) printf "ratio_mvn_to_%s %.1f\n", k[i], m / v[k[i]]
     }' "$tmp/figures"

# The simulator's own figures: deliveries per second and each sim exercise's suite, warm;
# then the checker on porcupine's histories: verdicts right, each verdict's count, slowest history.
porcupine="${DSTUTOR_PORCUPINE:-../shared/peer-data/porcupine}"
if [[ ! -f "$porcupine/expected.tsv" ]]; then
  echo "no porcupine histories at $porcupine: set DSTUTOR_PORCUPINE to include the linz figures" >&2
  porcupine=""
fi
java ${porcupine:+"-Ddstutor.porcupine=$porcupine"} -cp "$tmp/prefix/share/dstutor/dstutor.jar" \
  dstutor.sim.SimBenchmark "$tmp/prefix/share/dstutor/course"
