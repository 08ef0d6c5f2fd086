#!/usr/bin/env python3
"""A scripted evening in the dstutor shell on a real pseudo-terminal.

Open the shell, read a pattern card, take the first exercise, submit it, ask for a hint, drive a
sandbox of a deliberately wrong quorum coordinator into a stale read that `check` finds, and let
`watch` grade a saved file.

    python3 src/test/pty/shell_session.py [--timeout S] -- LAUNCHER...

LAUNCHER is the installed launcher (`dstutor`, with its course) or a built one with the repository
as its course (`env DSTUTOR_COURSE=$PWD java -jar target/dstutor.jar`). It runs in a fresh
temporary HOME, DSTUTOR_HOME and DSTUTOR_WORKSPACE; the wrong coordinator and the passing file are
made from the repository's solutions folder. Exits 0 when every expectation held, else 1 with the
transcript. Standard library only.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
from ptydriver import Failed, Session, print_transcripts  # noqa: E402

STALE_RUN = ["put k v1", "partition n1 | n2 n3 coord client", "put k v2", "heal",
             "get k", "get k", "get k", "check"]


def wrong_quorum(ws):
    """The reference quorum nodes, but a coordinator that answers a read after one reply."""
    src = os.path.join(REPO, "solutions", "patterns", "quorum")
    dst = os.path.join(ws, "patterns", "quorum")
    os.makedirs(dst, exist_ok=True)
    shutil.copy(os.path.join(src, "QuorumReplica.java"), dst)
    with open(os.path.join(src, "QuorumCoordinator.java"), encoding="utf-8") as f:
        text = f.read()
    wrong = text.replace("if (op.answered.size() >= r) {", "if (op.answered.size() >= 1) {")
    if wrong == text:
        raise Failed("the reference coordinator changed: cannot make the wrong one")
    with open(os.path.join(dst, "QuorumCoordinator.java"), "w", encoding="utf-8") as f:
        f.write(wrong)


def run(launcher, deadline, home):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DSTUTOR_") or k == "DSTUTOR_COURSE"}
    ws = os.path.join(home, "ws")
    env.update(HOME=os.path.join(home, "home"), DSTUTOR_HOME=os.path.join(home, "dstutor"),
               DSTUTOR_WORKSPACE=ws, TERM="xterm-256color")
    os.makedirs(env["HOME"], exist_ok=True)
    sessions = []
    try:
        s = Session(launcher, env, deadline)
        sessions.append(s)
        s.expect(r"dstutor shell\.", "the shell's greeting")
        s.expect(r"dstutor> ", "the prompt")

        s.type("pattern quorum")
        s.expect(r"Quorum  \(pattern: dstutor read quorum\)", "the pattern card")
        s.expect(r"Used by +Dynamo", "the systems that use it")
        s.expect(r"Practise +quorum", "its exercise")

        # Tab completes a page's sections after '#' (related takes page#section too).
        s.key("related quorum#slo\t")
        s.expect(r"related quorum#sloppy-quorums", "Tab completing the section")
        s.type("")
        s.expect(r"Systems that use it", "related running on the completed target")

        s.type("next")
        s.expect(r"Edit:", "the first exercise's files")
        s.expect(r"dstutor consistent-hashing> ", "the prompt naming the current exercise")

        s.type("submit")
        s.expect(r"✗ consistent-hashing", "the stub's verdict")
        s.expect(r"dstutor consistent-hashing> ", "the prompt after the verdict")

        s.type("hint")
        s.expect(r"dstutor read consistent-hashing#", "the hint's read link")

        wrong_quorum(ws)
        s.type("sandbox quorum --seed 7")
        s.expect(r"Sandbox for quorum, seed 7", "the sandbox starting")
        s.expect(r"sandbox quorum> ", "the sandbox prompt")
        for line in STALE_RUN:
            s.type(line)
            time.sleep(0.1)
        s.expect(r"partition \[n1\] from the rest", "the partition")
        s.expect(r"get\(k\) -> get = v1", "a stale read from the wrong coordinator")
        s.expect(r"VIOLATION: .*STALE: put\(k, v2\) completed", "check finding it")
        s.type("quit")
        s.expect(r"dstutor consistent-hashing> ", "back in the shell")

        s.type("watch")
        s.expect(r"Watching consistent-hashing", "watch starting")
        s.expect(r"✗ consistent-hashing", "watch grading the file as it is")
        time.sleep(0.5)
        target = os.path.join(ws, "patterns", "consistent-hashing", "ConsistentHashRing.java")
        shutil.copy(os.path.join(REPO, "solutions", "patterns", "consistent-hashing",
                                 "ConsistentHashRing.java"), target)
        s.expect(r"✓ consistent-hashing", "watch grading the saved file")
        s.expect(r"Passed\.", "the pass")
        s.key("q")
        s.expect(r"watch ended\.", "q leaving watch")
        s.expect(r"dstutor consistent-hashing> ", "back in the shell")
        s.type("exit")
        if s.wait() != 0:
            raise Failed("the shell exited with " + str(s.code) + ", not 0")
        return sessions, None
    except Failed as e:
        return sessions, str(e)
    finally:
        for x in sessions:
            x.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=150, help="seconds for it all")
    parser.add_argument("--verbose", action="store_true", help="print the transcript anyway")
    parser.add_argument("launcher", nargs="+", help="the dstutor launcher and its arguments")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="dstutor-pty-")
    started = time.time()
    try:
        sessions, problem = run(args.launcher, started + args.timeout, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    took = time.time() - started
    if problem is None:
        print("shell_session: passed in %.1f s" % took)
    else:
        print("shell_session: FAILED after %.1f s: %s" % (took, problem))
    if problem is not None or args.verbose:
        print_transcripts(sessions)
    return 0 if problem is None else 1


if __name__ == "__main__":
    sys.exit(main())
