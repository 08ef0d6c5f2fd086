#!/usr/bin/env python3
"""A scripted terminal session of `dstutor drill` on a real pseudo-terminal.

What no JUnit test can show: in a real terminal the countdown runs on a JLine status line, phase
ends and curveballs appear above the line being typed as their time comes (from the drill's timer
thread), Ctrl-C saves and leaves, and `drill --resume` goes on to the report.

    python3 src/test/pty/drill_session.py [--course DIR] [--drill ID] [--timeout S] -- LAUNCHER...

LAUNCHER is the installed launcher (`dstutor`) or a built one (`java -jar target/dstutor.jar`).
The session runs in a fresh temporary HOME, DSTUTOR_HOME and DSTUTOR_WORKSPACE, against the
fixture course of the tests (src/test/resources/fixture-course, drill tiny-kv) unless told
otherwise, at --minutes 1, so it takes about 25 seconds. It exits 0 when every expectation held,
and otherwise 1 with the transcript. Standard library only.
"""

import argparse
import glob
import os
import re
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.normpath(os.path.join(HERE, "..", "resources", "fixture-course"))
sys.path.insert(0, HERE)
from ptydriver import Failed, Session, print_transcripts  # noqa: E402


def run(launcher, course, drill, deadline, home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DSTUTOR_")}
    env.update(HOME=os.path.join(home, "home"), DSTUTOR_HOME=os.path.join(home, "dstutor"),
               DSTUTOR_WORKSPACE=os.path.join(home, "ws"), DSTUTOR_COURSE=course,
               TERM="xterm-256color", DSTUTOR_NO_SERVER="1")
    sessions = []
    try:
        # First sitting: a phase runs out on its own, estimates are graded, Ctrl-C leaves.
        a = Session(launcher + ["drill", drill, "--minutes", "1"], env, deadline)
        sessions.append(a)
        a.expect(r"phase 1 of \d+: ", "the first phase")
        a.expect(r"left · drill \d+:\d\d left", "the countdown on the status line")
        a.type("We keep it always writable, with eventual consistency.", "")
        a.expect(r"time is up for ", "the first box running out while the learner waits")
        a.expect(r"phase 2 of \d+: Estimates", "the estimates phase")
        a.type("5.8k")
        a.expect(r"✓ 5,800 writes/s", "the first estimate graded right")
        a.expect(r"Working: ", "the working after the answer")
        a.type("250")
        a.expect(r"✗ 250 GB", "the second estimate graded wrong")
        a.interrupt()
        a.expect(r"Go on later with: dstutor drill --resume", "Ctrl-C saving and leaving")
        if a.wait() != 0:
            raise Failed("the first sitting exited with " + str(a.code) + ", not 0")

        # Second sitting: resume, let a curveball arrive, answer every phase, see the report.
        b = Session(launcher + ["drill", "--resume"], env, deadline)
        sessions.append(b)
        b.expect(r"Resuming ", "the resumed drill")
        b.expect(r"phase 2 of \d+: Estimates \(0:\d\d, resumed with", "the phase it stopped in")
        b.type("skip")
        b.expect(r"phase 3 of \d+: API", "the API phase")
        b.type("get(key) returns the value and its context; put(key, context, value).", "")
        # The curveball comes at its minute of drill time, in whichever phase is current then.
        b.expect(r"CURVEBALL: ", "a curveball at its minute")
        answers = {
            4: "Each value carries a vector clock; concurrent versions become siblings.",
            5: "Consistent hashing with virtual nodes; three replicas; quorum reads and writes.",
            6: "Read repair fixes stale replicas.",
            7: "Hinted handoff keeps writes for a down node; gossip spreads membership.",
        }
        current = int(re.findall(r"phase (\d+) of \d+: ", b.text())[-1])
        for _ in range(8):
            b.type(answers.get(current, "Nothing more here."), "")
            b.type("skip")
            m = b.expect(r"phase (\d+) of \d+: |drill is over", "the next phase or the end")
            if m.group(1) is None:
                break
            current = int(m.group(1))
        m = b.expect(r"\*\*Coverage: (\d+)%\*\*", "the report with its coverage")
        if int(m.group(1)) < 50:
            raise Failed("coverage " + m.group(1) + "% is lower than the answers earn")
        b.expect(r"Time and coverage per phase", "time per phase in the report")
        b.expect(r"Model outline", "the model outline")
        b.expect(r"is kept in .*report\.md", "where the report is kept")
        if b.wait() != 0:
            raise Failed("the second sitting exited with " + str(b.code) + ", not 0")
        reports = glob.glob(os.path.join(home, "dstutor", "drills", "*", "report.md"))
        if len(reports) != 1:
            raise Failed("expected one report.md under DSTUTOR_HOME/drills, found "
                         + str(reports))
        with open(reports[0], encoding="utf-8") as f:
            kept = f.read()
        if "We keep it always writable" not in kept or "250" not in kept:
            raise Failed("report.md lacks the answers of the first sitting")
        return sessions, None
    except Failed as e:
        return sessions, str(e)
    finally:
        for s in sessions:
            s.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course", default=FIXTURE, help="course folder (default: %(default)s)")
    parser.add_argument("--drill", default="tiny-kv", help="drill id (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=55, help="seconds for it all")
    parser.add_argument("--verbose", action="store_true", help="print the transcript anyway")
    parser.add_argument("launcher", nargs="+", help="the dstutor launcher and its arguments")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="dstutor-pty-")
    started = time.time()
    try:
        sessions, problem = run(args.launcher, args.course, args.drill,
                                started + args.timeout, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    took = time.time() - started
    if problem is None:
        print("drill_session: passed in %.1f s" % took)
    else:
        print("drill_session: FAILED after %.1f s: %s" % (took, problem))
    if problem is not None or args.verbose:
        print_transcripts(sessions)
    return 0 if problem is None else 1



if __name__ == "__main__":
    sys.exit(main())
