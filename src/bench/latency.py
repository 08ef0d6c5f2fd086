"""What shell_latency.py and watch_latency.py share: a command under test whose output is read
until it has printed so many verdicts, and its end. Standard library only."""
import os
import select
import subprocess
import time

# Seconds between a verdict and the next save or submit: a learner reads, edits, saves again.
THINK = 0.3


class Watched:
    """A command started with piped input and output; `verdicts` counts verdicts in its output."""

    def __init__(self, cmd, verdicts, what):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        self.verdicts = verdicts
        self.what = what
        self.out = b""

    def send(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def wait_verdicts(self, n, deadline):
        """Reads until the output holds n verdicts; ends the script if it never does."""
        while self.verdicts(self.out) < n:
            left = deadline - time.time()
            if left <= 0:
                raise SystemExit(self.what + " printed no verdict in time:\n"
                                 + self.out.decode(errors="replace"))
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if r:
                chunk = os.read(self.p.stdout.fileno(), 65536)
                if not chunk:
                    raise SystemExit(self.what + " ended:\n" + self.out.decode(errors="replace"))
                self.out += chunk

    def stop(self, last_words):
        """Sends last_words (the command's way to quit), then waits for it, or kills it."""
        try:
            self.send(last_words)
            self.p.stdin.close()
        except OSError:
            pass
        try:
            self.p.wait(10)
        except subprocess.TimeoutExpired:
            self.p.kill()
