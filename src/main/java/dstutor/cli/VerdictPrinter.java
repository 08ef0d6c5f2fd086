package dstutor.cli;

import dstutor.course.Exercise;
import dstutor.grade.Verdict;
import dstutor.grade.Verdict.CompileError;
import dstutor.grade.Verdict.TestResult;
import dstutor.content.Screen;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import dstutor.term.Wrap;
import java.util.List;
import java.util.Locale;

/** Prints a verdict for a person (what broke, where to look next) or as one JSON object. */
final class VerdictPrinter {
  private VerdictPrinter() {}

  static String json(Verdict v) {
    return dstutor.grade.Wire.verdictJson(v);
  }

  /** The prefix the grader gives a property stopped by a stub's TODO exception. */
  private static final String NOT_IMPLEMENTED = "not implemented yet: ";

  /**
   * Prints {@code v} for a person; on a terminal, prose is wrapped to its width. {@code stub}:
   * the learner's files are the untouched stubs.
   */
  static void human(Console c, Exercise e, Verdict v, int hintsShown, boolean stub) {
    human(c, e, v, hintsShown, stub, Console.interactive() ? Screen.textWidth(Screen.size())
        : Integer.MAX_VALUE);
  }

  /** Prints {@code v} for a person, prose wrapped to {@code width} columns. */
  static void human(Console c, Exercise e, Verdict v, int hintsShown, boolean stub, int width) {
    String secs = String.format(Locale.ROOT, "(%.1f s)", v.millis() / 1000.0);
    String bad = c.paint(Style.RED, "✗");
    if (e.isQuiz()) {
      quiz(c, e, v, hintsShown, width, secs);
      return;
    }
    if (v.status() == Verdict.Status.FAILED && (stub || untouched(v))) {
      // Nothing written yet: one short verdict, not the same line once per property.
      c.println(bad + " " + e.id() + ": nothing implemented yet   " + c.paint(Style.DIM, secs));
      String first = v.tests().stream().filter(t -> !t.ok() && t.message() != null
              && t.message().startsWith(NOT_IMPLEMENTED)).findFirst()
          .map(t -> t.message().lines().findFirst().orElse("")
              .substring(NOT_IMPLEMENTED.length())).orElse(null);
      print(c, "  " + (stub ? "Your files are still the stubs: " : "")
          + "the " + v.failed() + " properties that fail stop at code that still throws"
          + " UnsupportedOperationException" + (first == null ? "." : ", the first: " + first
              + "."), width);
      print(c, "  Start there, then submit again. The brief: dstutor show " + e.id()
          + "   ·   first hint: dstutor hint", width);
      return;
    }
    switch (v.status()) {
      case PASSED -> {
        c.println(c.paint(Style.GREEN, "✓") + " " + e.id() + ": all " + v.passed()
            + " properties hold   " + c.paint(Style.DIM, secs));
        c.println("  Compare with the reference: dstutor solution " + e.id()
            + "   ·   go on: dstutor next");
        return;
      }
      case COMPILE_ERROR -> {
        c.println(bad + " " + e.id() + ": does not compile   " + c.paint(Style.DIM, secs));
        compileErrors(c, v);
        return;
      }
      case TIMEOUT -> c.println(bad + " " + e.id() + ": timed out   " + c.paint(Style.DIM, secs));
      case CRASHED -> c.println(bad + " " + e.id() + ": crashed   " + c.paint(Style.DIM, secs));
      case FAILED -> c.println(bad + " " + e.id() + ": " + v.passed() + " of " + v.tests().size()
          + " properties hold   " + c.paint(Style.DIM, secs));
      default -> { }
    }
    boolean any = failures(c, e, v, hintsShown, width);
    if (!any && v.message() != null) {
      for (String line : v.message().split("\n")) {
        c.println("  " + line);
      }
    } else if (v.message() != null && v.status() == Verdict.Status.CRASHED
        && v.tests().stream().noneMatch(t -> v.message().equals(t.message()))) {
      c.println("  " + v.message());
    }
  }

  /**
   * A quiz exercise's verdict: the score against the pass mark, then every question not right
   * (a passing quiz may still have some), each with what was answered, why it is wrong, the right
   * answer and the section to read.
   */
  private static void quiz(Console c, Exercise e, Verdict v, int hintsShown, int width,
      String secs) {
    String time = "   " + c.paint(Style.DIM, secs);
    if (v.status() == Verdict.Status.COMPILE_ERROR) {
      c.println(c.paint(Style.RED, "✗") + " " + e.id() + ": answers.yaml cannot be read" + time);
      compileErrors(c, v);
      print(c, "  Keep one 'question-id: answer' per question, as the sheet was written; `dstutor"
          + " reset " + e.id() + "` writes a fresh one (yours is kept as a copy).", width);
      return;
    }
    if (v.tests().stream().allMatch(t -> t.message() != null
        && t.message().startsWith("not answered yet"))) {
      c.println(c.paint(Style.RED, "✗") + " " + e.id() + ": no question answered yet" + time);
      print(c, "  Write each answer after its question's id in answers.yaml, then submit"
          + " again. The brief: dstutor show " + e.id() + "   ·   first hint: dstutor hint",
          width);
      return;
    }
    c.println((v.isPassed() ? c.paint(Style.GREEN, "✓") : c.paint(Style.RED, "✗")) + " " + e.id()
        + ": " + v.message() + time);
    failures(c, e, v, hintsShown, width);
    if (v.isPassed()) {
      c.println("  Compare with the key: dstutor solution " + e.id() + "   ·   go on: dstutor next");
    }
  }

  private static void compileErrors(Console c, Verdict v) {
    for (CompileError ce : v.compileErrors()) {
      if (ce.line() > 0) {
        c.println("  " + ce.file() + ":" + ce.line() + ":" + ce.column() + ": "
            + firstLine(ce.message()));
        restLines(c, ce.message());
        c.println("    " + ce.sourceLine());
        c.println("    " + caret(ce.sourceLine(), ce.column()));
      } else {
        c.println("  " + ce.message());
      }
    }
  }

  /** Every property that did not hold, with its message and where to look; whether there was one. */
  private static boolean failures(Console c, Exercise e, Verdict v, int hintsShown, int width) {
    String bad = c.paint(Style.RED, "✗");
    boolean any = false;
    for (TestResult t : v.tests()) {
      if (t.ok()) {
        continue;
      }
      any = true;
      // Wrapped before painting, so that colour codes do not count as width.
      List<String> title = Wrap.line("    " + t.name(), width);
      c.println("  " + bad + " " + c.paint(Style.BOLD, title.get(0).strip()));
      for (String more : title.subList(1, title.size())) {
        c.println("    " + c.paint(Style.BOLD, more.strip()));
      }
      if (t.message() != null) {
        for (String line : t.message().split("\n")) {
          print(c, "    " + line, width);
        }
      }
      where(c, e, t.hint(), hintsShown, width);
    }
    return any;
  }

  /** Whether every property that failed stopped at a stub's TODO exception. */
  static boolean untouched(Verdict v) {
    return v.failed() > 0
        && v.tests().stream().filter(t -> !t.ok()).allMatch(t -> t.message() != null
            && (t.message().startsWith(NOT_IMPLEMENTED)
                || t.message().contains("UnsupportedOperationException")
                && t.message().contains("TODO")));
  }

  private static void print(Console c, String text, int width) {
    for (String l : Wrap.line(text, width)) {
      c.println(l);
    }
  }

  /**
   * Where to look: the rung of the hint ladder about this failure (the ladder is still revealed
   * in order by {@code dstutor hint}), and the reading it links to.
   */
  private static void where(Console c, Exercise e, String hintId, int hintsShown, int width) {
    StringBuilder b = new StringBuilder("    ");
    int total = e.hints().size();
    int i = hintId == null ? -1 : e.hintIndex(hintId);
    if (i >= 0) {
      b.append("hint ").append(i + 1).append(" of ").append(total).append(" is about this");
      if (i < hintsShown) {
        b.append(" (shown: dstutor hint --all)");
      } else {
        b.append(" (dstutor hint reveals them in order; next: ")
            .append(Math.min(hintsShown + 1, total)).append(" of ").append(total).append(')');
      }
      b.append("   ·   read: dstutor read ").append(Links.readTarget(e.hints().get(i).see()));
    } else if (hintsShown < total) {
      b.append("next hint (").append(hintsShown + 1).append(" of ").append(total)
          .append("): dstutor hint");
    } else {
      b.append("all ").append(total).append(" hints shown: dstutor hint --all");
    }
    String line = b.toString();
    int dot = line.indexOf("   ·   read: ");
    if (line.length() > width && dot > 0) {
      // Too long for the terminal: the reading goes on a line of its own.
      c.println(c.paint(Style.DIM, line.substring(0, dot)));
      c.println(c.paint(Style.DIM, "    " + line.substring(dot + "   ·   ".length())));
    } else {
      c.println(c.paint(Style.DIM, line));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static void restLines(Console c, String s) {
    s.lines().skip(1).forEach(l -> c.println("    " + l.strip()));
  }

  private static String caret(String line, long column) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < column - 1 && i < line.length(); i++) {
      b.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
    return b.append('^').toString();
  }
}
