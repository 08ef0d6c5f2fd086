package dstutor.drill;

import dstutor.drill.Event.CurveballDue;
import dstutor.drill.Event.EstimateGraded;
import dstutor.drill.Event.Finished;
import dstutor.drill.Event.HelpRequested;
import dstutor.drill.Event.Note;
import dstutor.drill.Event.Paused;
import dstutor.drill.Event.PhaseOver;
import dstutor.drill.Event.PhaseStarted;
import dstutor.drill.Event.Resumed;
import dstutor.drill.Event.TimeWarning;
import dstutor.term.Console;
import dstutor.term.Console.Style;

/**
 * Words for a run's events, the same in a terminal and in plain output: each headline starts with
 * the drill time it happened at, as in {@code [12:00] phase 3 of 7: API (4 min)}.
 */
final class Narrator {
  static final String HELP = String.join("\n",
      "Type your answer; a blank line ends it (it belongs to the phase shown when you began it).",
      "Commands, alone on a line:",
      "  pause    stop the clock      resume   start it again",
      "  skip     end this phase now and start the next",
      "  end      finish the drill now and see the report",
      "  edit     edit this phase's answer in $VISUAL or $EDITOR",
      "  help     this list",
      "An estimate question is answered with a number alone on a line: 5800, 5,800, 5.8k, 5.8e3,"
          + " 2M, 1.5G.",
      "Ctrl-C or Ctrl-D saves and leaves; dstutor drill --resume goes on where you stopped.");

  private final Console console;

  Narrator(Console console) {
    this.console = console;
  }

  /** The text for {@code e}; null for events that show nothing by themselves. */
  String text(Event e, DrillRun run) {
    String at = console.paint(Style.DIM, "[" + Report.clock(e.at()) + "] ");
    if (e instanceof PhaseStarted p) {
      return at + phase(p, run);
    } else if (e instanceof PhaseOver p) {
      return at + over(p);
    } else if (e instanceof CurveballDue c) {
      return at + console.paint(Style.YELLOW, "CURVEBALL: ") + c.curveball().text().strip();
    } else if (e instanceof TimeWarning w) {
      return at + console.paint(Style.YELLOW, Report.clock(w.left()) + " left "
          + (w.phase() == null ? "in the drill." : "for " + w.phase().title() + "."));
    } else if (e instanceof EstimateGraded g) {
      return graded(g, run);
    } else if (e instanceof Paused) {
      return at + "paused: the clock stands still. Type resume to go on.";
    } else if (e instanceof Resumed) {
      return at + "resumed: the clock runs again.";
    } else if (e instanceof Finished f) {
      return at + console.paint(Style.BOLD, f.ended() ? "drill ended with end."
          : "the drill is over.");
    } else if (e instanceof HelpRequested) {
      return HELP;
    } else if (e instanceof Note n) {
      return n.text();
    }
    return null;
  }

  private String phase(PhaseStarted p, DrillRun run) {
    Phase ph = p.phase();
    StringBuilder b = new StringBuilder(console.paint(Style.BOLD, "phase " + (p.index() + 1)
        + " of " + p.count() + ": " + ph.title()) + " (" + duration(p.box())
        + (p.resumed() ? ", resumed with " + Report.clock(run.leftInPhase()) + " left" : "")
        + ")");
    b.append("\n  ").append(ph.prompt().strip());
    ph.questions().forEach(q -> b.append("\n  - ").append(q.strip()));
    if (!ph.estimates().isEmpty()) {
      b.append("\n  Estimates: answer each with a number alone on a line (5800, 5.8k, 2M):");
      int n = 1;
      for (EstimateQuestion q : ph.estimates()) {
        b.append("\n  ").append(n++).append(". ").append(q.ask().strip()).append(" [")
            .append(q.unit()).append("]");
      }
    }
    return b.toString();
  }

  private String over(PhaseOver p) {
    String title = p.phase().title();
    String s = switch (p.end()) {
      case TIME -> "time is up for " + title + " (" + Report.clock(p.used()) + ").";
      case SKIPPED -> title + " skipped after " + Report.clock(p.used()) + ".";
      case ENDED -> title + " ended after " + Report.clock(p.used()) + ".";
    };
    if (p.answerOpen()) {
      s += " The answer you are typing still goes to " + title + "; end it with a blank line.";
    }
    return s;
  }

  private String graded(EstimateGraded g, DrillRun run) {
    EstimateQuestion q = g.question();
    String mark = g.answer().right() ? console.paint(Style.GREEN, "✓ ")
        : console.paint(Style.RED, "✗ ");
    StringBuilder b = new StringBuilder(mark + Numbers.format(g.answer().value()) + " "
        + q.unit() + ": " + Report.band(q) + "\n  Working: " + q.working().strip());
    EstimateQuestion next = run.pendingEstimate();
    if (next != null) {
      b.append("\n  Next: ").append(next.ask().strip()).append(" [").append(next.unit())
          .append("]");
    }
    return b.toString();
  }

  /** "4 min" for whole minutes, else "m:ss" (a rescaled run has boxes of seconds). */
  static String duration(long millis) {
    return millis % 60_000 == 0 ? millis / 60_000 + " min" : Report.clock(millis);
  }

  /** The input prompt: the pending estimate's unit, the phase, or a continuation mark. */
  static String prompt(DrillRun run) {
    if (run.finished()) {
      return "> ";
    }
    if (run.answering()) {
      return "… ";
    }
    EstimateQuestion q = run.pendingEstimate();
    if (q != null) {
      return q.id() + " [" + q.unit() + "]? ";
    }
    return run.current().id() + (run.paused() ? " (paused)" : "") + "> ";
  }

  /** The status line: phase, time left in it and in the drill. */
  static String status(DrillRun run) {
    if (run.finished()) {
      return "drill over";
    }
    Phase p = run.current();
    int i = run.drill().phases().indexOf(p);
    return "phase " + (i + 1) + "/" + run.drill().phases().size() + " " + p.title() + " · "
        + Report.clock(run.leftInPhase()) + " left · drill " + Report.clock(run.leftInDrill())
        + " left" + (run.paused() ? " · PAUSED (resume)" : "")
        + (run.pendingEstimate() != null ? " · estimate: " + run.pendingEstimate().id() : "");
  }
}
