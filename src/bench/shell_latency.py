#!/usr/bin/env python3
"""Enter-to-verdict latency of a submit in the shell, for src/bench/bench.sh.

    shell_latency.py RUNS LINE -- LAUNCHER...

Starts the shell (LAUNCHER with no command, input piped), sends LINE (for example `submit ID
--json`) once to warm it up, then RUNS times, each time measuring from writing LINE to reading
the JSON verdict it prints (its "millis" field). Prints the median in milliseconds: what the
learner waits in the shell, reading the files, compiling, grading and printing included. Before
each submit it waits THINK seconds, as a learner reads a verdict and edits before the next.
Standard library only.
"""
import statistics
import sys
import time

from latency import THINK, Watched


def main():
    sep = sys.argv.index("--")
    runs, line = int(sys.argv[1]), sys.argv[2]
    w = Watched(sys.argv[sep + 1:], lambda out: out.count(b'"millis":'), "the shell")
    try:
        times = []
        for i in range(runs + 1):
            time.sleep(THINK)
            start = time.time()
            w.send((line + "\n").encode())
            w.wait_verdicts(i + 1, start + 120)
            if i > 0:
                times.append((time.time() - start) * 1000)
        print(int(statistics.median(times)))
    finally:
        w.stop(b"exit\n")


if __name__ == "__main__":
    main()
