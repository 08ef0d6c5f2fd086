package dstutor.grade;

import dstutor.course.Course;
import dstutor.course.CourseException;
import dstutor.course.Exercise;
import dstutor.course.Problem;
import dstutor.course.YNode;
import dstutor.course.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Checks a course the way a learner would meet it, through the real grader: every reference
 * solution passes, every stub compiles and fails, every known-wrong variant fails with the hint it
 * declares. Like rustlings' {@code dev check}.
 */
public final class CourseCheck {
  /** One finding: ok or not, and what was checked. */
  public record Finding(String exercise, boolean ok, String text) {}

  private final Course course;
  private final Grader grader;
  private final Consumer<Finding> report;
  private int failures;

  public CourseCheck(Course course, Grader grader, Consumer<Finding> report) {
    this.course = course;
    this.grader = grader;
    this.report = report;
  }

  /** Runs every check; returns the number that failed. */
  public int run() {
    for (Exercise e : course.ordered()) {
      check(e);
    }
    return failures;
  }

  /** Checks one exercise. */
  public void check(Exercise e) {
    for (String f : e.files()) {
      try {
        if (!Files.readString(e.dir().resolve(f)).contains("TODO")) {
          finding(e, false, "stub " + f + " has no TODO marker; mark what the learner writes");
        }
      } catch (IOException ex) {
        finding(e, false, "cannot read stub " + f + ": " + ex.getMessage());
      }
    }
    if (!Files.isRegularFile(e.solutionDir().resolve("commentary.md"))) {
      finding(e, false, "no commentary.md in " + e.solutionDir());
    }
    Verdict solution = grader.grade(e, files(e.solutionDir(), e, null), null);
    if (solution.isPassed()) {
      finding(e, true, "solution passes (" + solution.tests().size() + " properties, "
          + seconds(solution) + ")");
    } else {
      finding(e, false, "solution does not pass: " + describe(solution));
    }
    Verdict stub = grader.grade(e, files(e.dir(), e, null), null);
    if (stub.status() == Verdict.Status.COMPILE_ERROR) {
      finding(e, false, "stub does not compile: " + describe(stub));
    } else if (stub.isPassed()) {
      finding(e, false, "stub passes the suite; the suite must fail an untouched stub");
    } else if (stub.status() != Verdict.Status.FAILED || stub.failed() == 0) {
      finding(e, false, "stub must fail the suite's properties, but: " + describe(stub));
    } else {
      finding(e, true, "stub fails (" + stub.failed() + " of " + stub.tests().size()
          + " properties fail)");
    }
    for (Variant v : variants(e)) {
      Verdict verdict = grader.grade(e, files(e.solutionDir(), e, v.dir()), null);
      List<String> hints = verdict.tests().stream().filter(t -> !t.ok())
          .map(Verdict.TestResult::hint).toList();
      String name = "wrong/" + v.dir().getFileName();
      if (verdict.isPassed()) {
        finding(e, false, name + " passes; the suite must catch it (" + v.description() + ")");
      } else if (verdict.status() == Verdict.Status.COMPILE_ERROR) {
        finding(e, false, name + " does not compile: " + describe(verdict));
      } else if (!hints.contains(v.hint())) {
        finding(e, false, name + " fails, but not with hint '" + v.hint() + "' (failed with "
            + hints + ")");
      } else {
        finding(e, true, name + " fails with hint " + v.hint());
      }
    }
  }

  /** A known-wrong solution: its folder and the hint it must trigger. */
  record Variant(Path dir, String description, String hint) {}

  private List<Variant> variants(Exercise e) {
    Path wrong = e.solutionDir().resolve("wrong");
    List<Variant> out = new ArrayList<>();
    if (!Files.isDirectory(wrong)) {
      return out;
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(wrong)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException ex) {
      finding(e, false, "cannot list " + wrong + ": " + ex.getMessage());
      return out;
    }
    for (Path d : dirs) {
      Path def = d.resolve("variant.yaml");
      try {
        YNode node = YamlReader.readYaml(def);
        if (!(node instanceof YNode.YMap m)) {
          finding(e, false, def + ": must be a mapping with description and hint");
          continue;
        }
        for (String key : m.entries().keySet()) {
          if (!Set.of("description", "hint").contains(key)) {
            finding(e, false, m.entries().get(key).keyLoc() + ": unknown key '" + key
                + "'; allowed: description, hint");
          }
        }
        String hint = text(m.get("hint"));
        String description = text(m.get("description"));
        if (hint == null || e.hintIndex(hint) < 0) {
          finding(e, false, def + ": hint '" + hint + "' is not a hint id of " + e.id()
              + " (ids: " + e.hints().stream().map(Exercise.HintRung::id).toList() + ")");
          continue;
        }
        out.add(new Variant(d, description == null ? "" : description, hint));
      } catch (CourseException ex) {
        for (Problem p : ex.problems()) {
          finding(e, false, p.toString());
        }
      }
    }
    if (out.isEmpty()) {
      finding(e, false, "no known-wrong variants in " + wrong);
    }
    return out;
  }

  private static String text(YNode n) {
    return n instanceof YNode.YScalar s ? s.text() : null;
  }

  /** The learner files from {@code base}, each replaced by the variant's copy where it has one. */
  private static Map<String, Path> files(Path base, Exercise e, Path variant) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String f : e.files()) {
      Path p = variant != null && Files.exists(variant.resolve(f)) ? variant.resolve(f)
          : base.resolve(f);
      files.put(f, p);
    }
    return files;
  }

  private void finding(Exercise e, boolean ok, String text) {
    if (!ok) {
      failures++;
    }
    report.accept(new Finding(e.id(), ok, text));
  }

  private static String seconds(Verdict v) {
    return String.format(java.util.Locale.ROOT, "%.1f s", v.millis() / 1000.0);
  }

  private static String describe(Verdict v) {
    StringBuilder b = new StringBuilder(v.status().json());
    if (v.message() != null) {
      b.append(": ").append(v.message());
    }
    v.compileErrors().forEach(c -> b.append("\n      ").append(c.file()).append(':')
        .append(c.line()).append(": ").append(c.message()));
    v.tests().stream().filter(t -> !t.ok()).forEach(t -> b.append("\n      ✗ ")
        .append(t.name()).append(": ").append(t.message() == null ? ""
            : t.message().replace("\n", "\n        ")));
    return b.toString();
  }
}
