#!/usr/bin/env python3
"""Save-to-verdict latency of `dstutor watch`, for src/bench/bench.sh.

    watch_latency.py RUNS FILE PASSING FAILING -- LAUNCHER... watch ID

Starts the watcher, waits for its first verdict (on the FAILING text, saved first), then RUNS
times saves the PASSING text into FILE, each time with a different trailing comment so that the
content is new, and times how long until the watcher has printed the verdict. Prints the median
in milliseconds, the debounce included: a passing grade, like the other submit figures (a failing
stub fails fast and would flatter the median). Standard library only.
"""
import os
import select
import statistics
import subprocess
import sys
import time


def main():
    sep = sys.argv.index("--")
    runs, target, passing, failing = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    cmd = sys.argv[sep + 1:]
    passing_text = open(passing).read()
    with open(target, "w") as f:
        f.write(open(failing).read())
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    buf = b""

    def wait_verdicts(n, deadline):
        nonlocal buf
        while buf.count(b"\n\xe2\x9c\x93 ") + buf.count(b"\n\xe2\x9c\x97 ") < n:
            left = deadline - time.time()
            if left <= 0:
                raise SystemExit("watch printed no verdict in time:\n" + buf.decode(errors="replace"))
            r, _, _ = select.select([p.stdout], [], [], left)
            if r:
                chunk = os.read(p.stdout.fileno(), 65536)
                if not chunk:
                    raise SystemExit("watch ended:\n" + buf.decode(errors="replace"))
                buf += chunk

    try:
        wait_verdicts(1, time.time() + 120)
        times = []
        for i in range(runs):
            with open(target, "w") as f:
                f.write(passing_text + "\n// save %d\n" % i)
            start = time.time()
            wait_verdicts(i + 2, start + 60)
            times.append((time.time() - start) * 1000)
        print(int(statistics.median(times)))
    finally:
        try:
            p.stdin.write(b"q")
            p.stdin.flush()
        except OSError:
            pass
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()


if __name__ == "__main__":
    main()
