#!/usr/bin/env python3
"""Enter-to-verdict latency of a submit in the shell, for src/bench/bench.sh.

    shell_latency.py RUNS LINE -- LAUNCHER...

Starts the shell (LAUNCHER with no command, input piped), sends LINE (for example `submit ID
--json`) once to warm it up, then RUNS times, each time measuring from writing LINE to reading
the JSON verdict it prints (its "millis" field). Prints the median in milliseconds: what the
learner waits in the shell, reading the files, compiling, grading and printing included.
Standard library only.
"""
import os
import select
import statistics
import subprocess
import sys
import time


def main():
    sep = sys.argv.index("--")
    runs, line = int(sys.argv[1]), sys.argv[2]
    p = subprocess.Popen(sys.argv[sep + 1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    buf = b""

    def wait_verdicts(n, deadline):
        nonlocal buf
        while buf.count(b'"millis":') < n:
            left = deadline - time.time()
            if left <= 0:
                raise SystemExit("the shell printed no verdict in time:\n"
                                 + buf.decode(errors="replace"))
            r, _, _ = select.select([p.stdout], [], [], left)
            if r:
                chunk = os.read(p.stdout.fileno(), 65536)
                if not chunk:
                    raise SystemExit("the shell ended:\n" + buf.decode(errors="replace"))
                buf += chunk

    try:
        times = []
        for i in range(runs + 1):
            start = time.time()
            p.stdin.write((line + "\n").encode())
            p.stdin.flush()
            wait_verdicts(i + 1, start + 120)
            if i > 0:
                times.append((time.time() - start) * 1000)
        print(int(statistics.median(times)))
    finally:
        try:
            p.stdin.write(b"exit\n")
            p.stdin.close()
        except OSError:
            pass
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()


if __name__ == "__main__":
    main()
