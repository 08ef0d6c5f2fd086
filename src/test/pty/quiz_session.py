#!/usr/bin/env python3
"""A scripted `dstutor quiz` session on a real pseudo-terminal.

Runs the launcher given after `--` on a pseudo-terminal, with DSTUTOR_HOME and DSTUTOR_WORKSPACE
in a fresh temporary folder, answers a few cards of one topic (whatever kind each card is), ends
the sitting with Ctrl-D, and checks what a learner would see: feedback after every answer (right
or wrong, and the section to read), the next review, and the summary; then that the schedule was
saved. Every wait is bounded, and the whole run too.

Usage (from the repository root):
    ./mvnw -q -B -DskipTests package
    python3 src/test/pty/quiz_session.py --topic addition \\
        --course src/test/resources/fixture-course -- java -jar target/dstutor.jar
    python3 src/test/pty/quiz_session.py --topic quorum -- dstutor     # the installed course

Exit status 0 when every check holds; 1 with the reason and the end of the transcript otherwise.
Standard library only (pty, os, select).
"""
import argparse
import json
import os
import pty
import re
import select
import shutil
import signal
import sys
import tempfile
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PROMPT = re.compile(r"answer \(([^\n]*?); q stops\)> $")


class Failed(Exception):
    pass


class Session:
    """The child on the pseudo-terminal and everything it printed, escapes removed."""

    def __init__(self, argv, env, deadline):
        self.deadline = deadline
        self.text = ""
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)

    def read(self, seconds):
        """Reads what arrives within `seconds` (bounded by the deadline); False at end of output."""
        end = min(time.monotonic() + seconds, self.deadline)
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return True
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return True
            try:
                data = os.read(self.fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                return False
            if not data:
                return False
            self.text += ANSI.sub("", data.decode("utf-8", "replace")).replace("\r", "")

    def wait_for(self, pattern, since, what):
        """Reads until `pattern` matches the output after offset `since`; returns the match."""
        rx = re.compile(pattern, re.S)
        while True:
            m = rx.search(self.text, since)
            if m:
                return m
            if time.monotonic() >= self.deadline:
                raise Failed("timed out waiting for " + what)
            if not self.read(0.5):
                m = rx.search(self.text, since)
                if m:
                    return m
                raise Failed("the program ended while waiting for " + what)

    def send(self, line):
        os.write(self.fd, line.encode("utf-8"))

    def finish(self):
        """Reads to the end of output and returns the exit status (the child is ended if late)."""
        while time.monotonic() < self.deadline and self.read(0.5):
            pass
        for _ in range(50):
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.1)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise Failed("the program did not exit after its summary")

    def close(self):
        try:
            os.close(self.fd)
        except OSError:
            pass
        try:
            if os.waitpid(self.pid, os.WNOHANG)[0] == 0:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def answer_for(how):
    """Something to type for a prompt that says `how` to answer: any well-formed answer will do."""
    m = re.search(r"the (\d+) letters in order", how)
    if m:
        return " ".join("abcdefg"[: int(m.group(1))]) + "\r"
    m = re.search(r"the (\d+) correct letters", how)
    if m:
        return " ".join("abcdefg"[: int(m.group(1))]) + "\r"
    if how.startswith("one letter"):
        return "a\r"
    if how.startswith("a number"):
        return "1000\r"
    if how.startswith("a sentence"):
        return "I would have to look it up.\r\r"  # a terms answer ends with an empty line
    raise Failed("a prompt of an unknown kind: " + how)


def run(args):
    home = tempfile.mkdtemp(prefix="dstutor-pty-")
    env = dict(os.environ)
    env.update({"DSTUTOR_HOME": os.path.join(home, "home"),
                "DSTUTOR_WORKSPACE": os.path.join(home, "ws"),
                "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40"})
    env.pop("NO_COLOR", None)
    if args.course:
        env["DSTUTOR_COURSE"] = os.path.abspath(args.course)
    argv = args.launcher + ["quiz", args.topic, "--new", str(args.cards)]
    s = Session(argv, env, time.monotonic() + args.timeout)
    try:
        s.wait_for(r"\d+ cards? of " + re.escape(args.topic) + r": \d+ due, \d+ new", 0,
                   "the header of the sitting")
        answered = 0
        since = 0
        while True:
            m = s.wait_for(PROMPT.pattern, since, "a card's prompt")
            card = s.text[since:m.start()]
            if answered == args.cards or "[again " in card:
                s.send("\x04")  # Ctrl-D at the prompt: stop, saving what was answered
                break
            header = re.search(r"\[(\d+)/(\d+)\] " + re.escape(args.topic) + r" · (\w[\w ]*)",
                               card)
            if not header:
                raise Failed("no '[n/N] %s · kind' line before the prompt" % args.topic)
            s.send(answer_for(m.group(1)))
            answered += 1
            fb = s.wait_for(r"next review: [^\n]*\n", m.end(), "the feedback to card %d" % answered)
            feedback = s.text[m.end():fb.end()]
            if "✓ right" not in feedback and "✗ not quite" not in feedback:
                raise Failed("card %d: no verdict in the feedback" % answered)
            if not re.search(r"\n  read: dstutor read " + re.escape(args.topic) + r"(#[\w-]+)?\n",
                             feedback):
                raise Failed("card %d: no `read:` line for the section to read" % answered)
            if "✗ not quite" in feedback and not re.search(r"(the answer|a model answer): ",
                                                           feedback):
                raise Failed("card %d: a wrong answer without the right one" % answered)
            since = fb.end()
        summary = s.wait_for(r"Stopped: (\d+) right, (\d+) wrong of (\d+) cards? answered"
                             r" \(saved\)\.\n(.*\n)", since, "the summary")
        right, wrong, total = (int(summary.group(i)) for i in (1, 2, 3))
        if total != answered or right + wrong != answered:
            raise Failed("the summary counts %d answers; %d were given" % (total, answered))
        if "due" not in summary.group(4):
            raise Failed("the summary does not say when cards are due next")
        code = s.finish()
        if code != 0:
            raise Failed("exit status %d" % code)
        with open(os.path.join(home, "home", "reviews.json"), encoding="utf-8") as f:
            saved = json.load(f)
        if saved.get("version") != 1 or len(saved.get("cards", {})) != answered:
            raise Failed("reviews.json holds %d cards; %d were answered"
                         % (len(saved.get("cards", {})), answered))
        if args.verbose:
            print(s.text)
        print("quiz session: %d cards of %s answered (%d right, %d wrong), feedback and summary"
              " shown, schedule saved" % (answered, args.topic, right, wrong))
        return 0
    except Failed as e:
        print("quiz session FAILED: %s" % e, file=sys.stderr)
        print("---- last output ----\n" + s.text[-3000:], file=sys.stderr)
        return 1
    finally:
        s.close()
        shutil.rmtree(home, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--topic", required=True, help="a pattern or system id that has cards")
    ap.add_argument("--course", help="course folder (default: the launcher's own course)")
    ap.add_argument("--cards", type=int, default=3, help="how many cards to answer (default 3)")
    ap.add_argument("--timeout", type=float, default=90, help="seconds for the whole run")
    ap.add_argument("--verbose", action="store_true", help="print the transcript too")
    ap.add_argument("launcher", nargs="+", help="the command that runs dstutor, after --")
    args = ap.parse_args()
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
