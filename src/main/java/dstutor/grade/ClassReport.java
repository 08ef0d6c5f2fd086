package dstutor.grade;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dstutor.grade.Verdict.CompileError;
import dstutor.grade.Verdict.Status;
import dstutor.grade.Verdict.TestResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of grading a class, in the two formats that CI systems and classroom autograders
 * read: JSON Lines (one object per student and exercise, the fields of {@code submit --json} plus
 * {@code student}) and JUnit XML (one testsuite per student, one testcase per exercise). Learner
 * code decides much of a verdict's text (what it printed, its exceptions' messages), so every
 * string is capped and the XML carries only characters XML 1.0 allows.
 */
public final class ClassReport {
  /** At most this many characters of any one message. */
  public static final int MESSAGE_CAP = 4096;
  /** About this many characters of messages in one record, whatever the number of tests. */
  public static final int RECORD_CAP = 60_000;
  /** At most this many compile errors in one record. */
  static final int MAX_ERRORS = 20;

  private static final JsonFactory JSON = new JsonFactory();

  private ClassReport() {}

  /**
   * One student's result on one exercise: a capped {@code verdict}, or no verdict and a status of
   * its own ({@code missing}, {@code refused}, or {@code error} when dstutor failed) with the
   * {@code message} that says why. {@code exercise} is null for a student with no submission.
   */
  public record Entry(String student, String exercise, String status, Verdict verdict,
      String message) {

    public static Entry of(String student, Verdict v) {
      Verdict c = capped(v);
      return new Entry(student, v.exercise(), v.status().json(), c, c.message());
    }

    public boolean passed() {
      return verdict != null && verdict.isPassed();
    }

    public long millis() {
      return verdict != null ? verdict.millis() : 0;
    }
  }

  /**
   * {@code v} with every message cut to {@link #MESSAGE_CAP} characters, or less when it has so
   * many tests that the record would pass {@link #RECORD_CAP}, and at most {@link #MAX_ERRORS}
   * compile errors; each cut says so.
   */
  public static Verdict capped(Verdict v) {
    int strings = 1 + 2 * v.tests().size() + Math.min(MAX_ERRORS, v.compileErrors().size()) * 2;
    int cap = Math.max(40, Math.min(MESSAGE_CAP, RECORD_CAP / strings));
    List<TestResult> tests = new ArrayList<>();
    for (TestResult t : v.tests()) {
      tests.add(new TestResult(cut(t.name(), Math.min(cap, 300)), t.status(),
          cut(t.message(), cap), t.hint()));
    }
    List<CompileError> errors = new ArrayList<>();
    for (CompileError e : v.compileErrors().subList(0, Math.min(MAX_ERRORS,
        v.compileErrors().size()))) {
      errors.add(new CompileError(e.file(), e.line(), e.column(), cut(e.sourceLine(), 300),
          cut(e.message(), cap)));
    }
    String message = cut(v.message(), cap);
    int more = v.compileErrors().size() - errors.size();
    if (more > 0) {
      message = (message == null ? "" : message + " ") + "(and " + more + " more compile errors"
          + " not shown)";
    }
    return new Verdict(v.exercise(), v.status(), tests, errors, message, v.seed(), v.millis());
  }

  /** {@code s} cut to {@code max} characters with a note saying how much was cut; null stays. */
  static String cut(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "… [cut: " + (s.length() - end) + " more characters]";
  }

  /** The entries as JSON Lines: one object per line, {@code student} first. */
  public static String jsonLines(List<Entry> entries) {
    StringWriter w = new StringWriter();
    try {
      for (Entry e : entries) {
        try (JsonGenerator g = JSON.createGenerator(w)) {
          g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
          g.writeStartObject();
          g.writeStringField("student", e.student());
          if (e.verdict() != null) {
            Wire.verdictFields(g, e.verdict());
          } else {
            // The fields of submit --json, for a submission there was nothing to run of.
            g.writeStringField("exercise", e.exercise());
            g.writeStringField("status", e.status());
            g.writeNumberField("passed", 0);
            g.writeNumberField("failed", 0);
            g.writeNumberField("millis", 0);
            g.writeNullField("seed");
            g.writeArrayFieldStart("tests");
            g.writeEndArray();
            g.writeStringField("message", cut(e.message(), MESSAGE_CAP));
          }
          g.writeEndObject();
        }
        w.write('\n');
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return w.toString();
  }

  /**
   * The entries as JUnit XML: one {@code testsuite} per student (named by the student's id), one
   * {@code testcase} per exercise. A wrong answer ({@code failed}, {@code compile_error}, {@code
   * missing}, {@code refused}) is a {@code failure}; code that did not finish ({@code timeout},
   * {@code crashed}) or dstutor's own {@code error} is an {@code error}. Each carries the message
   * and the failing properties; {@code system-out} lists every property.
   */
  public static String junit(List<Entry> entries, double seconds) {
    Map<String, List<Entry>> byStudent = new LinkedHashMap<>();
    for (Entry e : entries) {
      byStudent.computeIfAbsent(e.student(), k -> new ArrayList<>()).add(e);
    }
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"dstutor grade\"").append(counts(entries))
        .append(" time=\"").append(secs(seconds)).append("\">\n");
    for (Map.Entry<String, List<Entry>> s : byStudent.entrySet()) {
      long millis = s.getValue().stream().mapToLong(Entry::millis).sum();
      b.append("  <testsuite name=\"").append(attr(s.getKey())).append('"')
          .append(counts(s.getValue())).append(" skipped=\"0\" time=\"")
          .append(secs(millis / 1000.0)).append("\">\n");
      for (Entry e : s.getValue()) {
        testcase(b, e);
      }
      b.append("  </testsuite>\n");
    }
    b.append("</testsuites>\n");
    return b.toString();
  }

  private static void testcase(StringBuilder b, Entry e) {
    String name = e.exercise() != null ? e.exercise() : "submission";
    b.append("    <testcase classname=\"").append(attr(e.student())).append("\" name=\"")
        .append(attr(name)).append("\" time=\"").append(secs(e.millis() / 1000.0)).append('"');
    if (e.passed()) {
      b.append("/>\n");
      return;
    }
    b.append(">\n");
    String element = isError(e.status()) ? "error" : "failure";
    StringBuilder body = new StringBuilder();
    Verdict v = e.verdict();
    String summary = e.message();
    if (v != null) {
      for (CompileError c : v.compileErrors()) {
        body.append(c.file()).append(':').append(c.line()).append(':').append(c.column())
            .append(": ").append(c.message()).append('\n');
      }
      for (TestResult t : v.tests()) {
        if (!t.ok()) {
          body.append("✗ ").append(t.name()).append(t.hint() != null ? " (hint: " + t.hint()
              + ")" : "").append('\n');
          if (t.message() != null) {
            body.append(t.message().indent(2));
          }
        }
      }
      if (summary == null) {
        String firstFailing = v.tests().stream().filter(t -> !t.ok()).map(TestResult::name)
            .findFirst().orElse(null);
        summary = v.status() == Status.FAILED ? v.failed() + " of " + v.tests().size()
            + " properties fail" + (firstFailing != null ? ", the first: " + firstFailing : "")
            : v.status().json();
      }
    }
    if (e.message() != null && (v == null
        || v.tests().stream().noneMatch(t -> e.message().equals(t.message())))) {
      body.append(e.message()).append('\n');
    }
    b.append("      <").append(element).append(" type=\"").append(attr(e.status()))
        .append("\" message=\"").append(attr(cut(firstLine(summary), 300))).append("\">")
        .append(xml(cut(body.toString().stripTrailing(), RECORD_CAP))).append("</")
        .append(element).append(">\n");
    if (v != null && !v.tests().isEmpty()) {
      StringBuilder out = new StringBuilder();
      for (TestResult t : v.tests()) {
        out.append(t.ok() ? "✓ " : "✗ ").append(t.name()).append(" (").append(t.status())
            .append(")\n");
      }
      b.append("      <system-out>").append(xml(cut(out.toString(), RECORD_CAP)))
          .append("</system-out>\n");
    }
    b.append("    </testcase>\n");
  }

  private static boolean isError(String status) {
    return status.equals("timeout") || status.equals("crashed") || status.equals("error");
  }

  private static String counts(List<Entry> entries) {
    long failures = entries.stream().filter(e -> !e.passed() && !isError(e.status())).count();
    long errors = entries.stream().filter(e -> !e.passed() && isError(e.status())).count();
    return " tests=\"" + entries.size() + "\" failures=\"" + failures + "\" errors=\"" + errors
        + "\"";
  }

  private static String secs(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /**
   * {@code s} as XML 1.0 text or attribute value: markup escaped, and every character XML 1.0
   * forbids (control characters, lone surrogates, U+FFFE/U+FFFF) written as a visible
   * {@code \\uXXXX} instead, since learner output can hold anything.
   */
  public static String xml(String s) {
    return xml(s, false);
  }

  /** Like {@link #xml(String)}, for an attribute value: line breaks and tabs as references. */
  static String attr(String s) {
    return xml(s, true);
  }

  private static String xml(String s, boolean attribute) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\n' -> b.append(attribute ? "&#10;" : "\n");
        case '\r' -> b.append("&#13;");
        case '\t' -> b.append(attribute ? "&#9;" : "\t");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
