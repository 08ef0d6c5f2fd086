#!/usr/bin/env python3
"""Save-to-verdict latency of `dstutor watch`, for src/bench/bench.sh.

    watch_latency.py RUNS FILE PASSING FAILING -- LAUNCHER... watch ID

Starts the watcher, waits for its first verdict (on the FAILING text, saved first), then RUNS
times saves the PASSING text into FILE, each time with a different trailing comment so that the
content is new, and times how long until the watcher has printed the verdict. Prints the median
in milliseconds, the debounce included: a passing grade, like the other submit figures (a failing
stub fails fast and would flatter the median). Before each save it waits THINK seconds, as a
learner reads a verdict and edits before saving again. Standard library only.
"""
import statistics
import sys
import time

from latency import THINK, Watched


def main():
    sep = sys.argv.index("--")
    runs, target, passing, failing = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    passing_text = open(passing).read()
    with open(target, "w") as f:
        f.write(open(failing).read())
    w = Watched(sys.argv[sep + 1:],
                lambda out: out.count(b"\n\xe2\x9c\x93 ") + out.count(b"\n\xe2\x9c\x97 "), "watch")
    try:
        w.wait_verdicts(1, time.time() + 120)
        times = []
        for i in range(runs):
            time.sleep(THINK)
            with open(target, "w") as f:
                f.write(passing_text + "\n// save %d\n" % i)
            start = time.time()
            w.wait_verdicts(i + 2, start + 60)
            times.append((time.time() - start) * 1000)
        print(int(statistics.median(times)))
    finally:
        w.stop(b"q")


if __name__ == "__main__":
    main()
