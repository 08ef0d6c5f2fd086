package dstutor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dstutor.course.Exercise;
import dstutor.grade.Verdict;
import dstutor.grade.Verdict.CompileError;
import dstutor.grade.Verdict.TestResult;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Prints a verdict for a person (what broke, where to look next) or as one JSON object. */
final class VerdictPrinter {
  private VerdictPrinter() {}

  static String json(Verdict v) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("exercise", v.exercise());
      g.writeStringField("status", v.status().json());
      g.writeNumberField("passed", v.passed());
      g.writeNumberField("failed", v.failed());
      g.writeNumberField("millis", v.millis());
      if (v.seed() != null) {
        g.writeNumberField("seed", v.seed());
      } else {
        g.writeNullField("seed");
      }
      g.writeArrayFieldStart("tests");
      for (TestResult t : v.tests()) {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("status", t.status());
        g.writeStringField("message", t.message());
        g.writeStringField("hint", t.hint());
        g.writeEndObject();
      }
      g.writeEndArray();
      if (!v.compileErrors().isEmpty()) {
        g.writeArrayFieldStart("errors");
        for (CompileError e : v.compileErrors()) {
          g.writeStartObject();
          g.writeStringField("file", e.file());
          g.writeNumberField("line", e.line());
          g.writeNumberField("column", e.column());
          g.writeStringField("message", e.message());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (v.message() != null) {
        g.writeStringField("message", v.message());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  static void human(Console c, Exercise e, Verdict v, int hintsShown) {
    String secs = String.format(Locale.ROOT, "(%.1f s)", v.millis() / 1000.0);
    String bad = c.paint(Style.RED, "✗");
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
        return;
      }
      case TIMEOUT -> c.println(bad + " " + e.id() + ": timed out   " + c.paint(Style.DIM, secs));
      case CRASHED -> c.println(bad + " " + e.id() + ": crashed   " + c.paint(Style.DIM, secs));
      case FAILED -> c.println(bad + " " + e.id() + ": " + v.passed() + " of " + v.tests().size()
          + " properties hold   " + c.paint(Style.DIM, secs));
      default -> { }
    }
    boolean any = false;
    for (TestResult t : v.tests()) {
      if (t.ok()) {
        continue;
      }
      any = true;
      c.println("  " + bad + " " + c.paint(Style.BOLD, t.name()));
      if (t.message() != null) {
        for (String line : t.message().split("\n")) {
          c.println("    " + line);
        }
      }
      where(c, e, t.hint(), hintsShown);
    }
    if (!any && v.message() != null) {
      for (String line : v.message().split("\n")) {
        c.println("  " + line);
      }
    } else if (v.message() != null && v.status() == Verdict.Status.CRASHED
        && v.tests().stream().noneMatch(t -> v.message().equals(t.message()))) {
      c.println("  " + v.message());
    }
  }

  private static void where(Console c, Exercise e, String hintId, int hintsShown) {
    StringBuilder b = new StringBuilder("    ");
    int total = e.hints().size();
    if (hintsShown < total) {
      b.append("next hint (").append(hintsShown + 1).append(" of ").append(total)
          .append("): dstutor hint");
    } else {
      b.append("all ").append(total).append(" hints shown: dstutor hint --all");
    }
    int i = hintId == null ? -1 : e.hintIndex(hintId);
    if (i >= 0) {
      b.append("   ·   read: dstutor read ").append(Links.readTarget(e.hints().get(i).see()));
    }
    c.println(c.paint(Style.DIM, b.toString()));
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
