"""The pseudo-terminal driver that the scripted sessions share: one launcher process on a
pseudo-terminal of 30 rows and 100 columns, read as text with escape sequences removed.
Standard library only."""

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time

# CSI sequences (colours, cursor moves, scroll regions), two-byte escapes (save and restore the
# cursor, keypad modes) and charset selections: what the status line and colours are made of.
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[78=>]|\x1b\][^\x07]*\x07")


class Failed(Exception):
    pass


class Session:
    """One launcher process on a pseudo-terminal of 30 rows and 100 columns."""

    def __init__(self, argv, env, deadline):
        self.deadline = deadline
        self.raw = ""
        self.seen = 0
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.code = None

    def text(self):
        return ANSI.sub("", self.raw).replace("\r", "")

    def _read(self, wait):
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not data:
            return False
        self.raw += data.decode("utf-8", "replace")
        return True

    def expect(self, pattern, what):
        """Waits until `pattern` shows after what earlier expectations consumed."""
        regex = re.compile(pattern)
        while True:
            m = regex.search(self.text(), self.seen)
            if m:
                self.seen = m.end()
                return m
            left = self.deadline - time.time()
            if left <= 0:
                raise Failed("timed out waiting for " + what + " (/" + pattern + "/)")
            if not self._read(min(left, 0.2)):
                m = regex.search(self.text(), self.seen)
                if m:
                    self.seen = m.end()
                    return m
                raise Failed("the process ended before " + what + " (/" + pattern + "/)")

    def type(self, *lines):
        """Types each line and Enter, as a person would: a little apart."""
        for line in lines:
            os.write(self.fd, line.encode("utf-8") + b"\r")
            time.sleep(0.05)

    def key(self, ch):
        """Presses one key, without Enter."""
        os.write(self.fd, ch.encode("utf-8"))

    def interrupt(self):
        os.write(self.fd, b"\x03")

    def wait(self):
        while self._read(0.2) and time.time() < self.deadline:
            pass
        left = self.deadline - time.time()
        while left > 0:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.code = os.waitstatus_to_exitcode(status)
                return self.code
            time.sleep(0.1)
            left = self.deadline - time.time()
        raise Failed("the process did not exit in time")

    def kill(self):
        if self.code is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass


def print_transcripts(sessions):
    for i, s in enumerate(sessions, start=1):
        print("----- transcript of sitting %d (escape sequences removed) -----" % i)
        print(s.text())
