package dstutor.grade;

import dstutor.course.Course;
import dstutor.course.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Checks a course the way a learner would meet it, through the real grader: every reference
 * solution passes, every stub compiles and fails, every known-wrong variant fails with the hint it
 * declares, and every correct variant (written differently from the reference) passes. Like
 * rustlings' {@code dev check}.
 */
public final class CourseCheck {
  /** One finding: ok or not, and what was checked. */
  public record Finding(String exercise, boolean ok, String text) {}

  private final Course course;
  private final Grader grader;
  private final Consumer<Finding> report;
  private Function<Exercise, List<Finding>> quizCheck;
  private int failures;

  public CourseCheck(Course course, Grader grader, Consumer<Finding> report) {
    this.course = course;
    this.grader = grader;
    this.report = report;
  }

  /**
   * How to check a quiz exercise (graded by its answers, not by a suite): the quiz engine is
   * outside this package, so the face that runs the check supplies it.
   */
  public CourseCheck withQuizCheck(Function<Exercise, List<Finding>> check) {
    this.quizCheck = check;
    return this;
  }

  /** Runs every check; returns the number that failed. */
  public int run() {
    return run(course.ordered());
  }

  /** Runs the checks of {@code exercises}; returns the number that failed. */
  public int run(List<Exercise> exercises) {
    for (Exercise e : exercises) {
      check(e);
    }
    return failures;
  }

  /** The sandbox file builds a cluster of the reference nodes, and the client gets answers. */
  private void checkSandbox(Exercise e) {
    try {
      dstutor.sim.SandboxModel model = SandboxLoader.load(e, files(e.solutionDir(), e));
      dstutor.sim.Sandbox box = new dstutor.sim.Sandbox(model, 1);
      String out = box.execute("tick 10ms");
      finding(e, true, "sandbox " + e.sandbox() + " builds a cluster of the reference ("
          + String.join(", ", box.nodes()) + "; " + out + ")");
    } catch (SandboxLoader.CompileFailed ex) {
      finding(e, false, "sandbox " + e.sandbox() + " does not compile with the reference: "
          + ex.errors());
    } catch (IOException | RuntimeException ex) {
      finding(e, false, "sandbox " + e.sandbox() + " fails: " + ex);
    }
  }

  /** Checks one exercise. */
  public void check(Exercise e) {
    if (e.isQuiz()) {
      if (quizCheck == null) {
        finding(e, false, "a quiz exercise, and this check has no quiz checker");
      } else {
        quizCheck.apply(e).forEach(f -> finding(e, f.ok(), f.text()));
      }
      return;
    }
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
    Verdict solution = grader.grade(e, files(e.solutionDir(), e), null);
    if (solution.isPassed()) {
      finding(e, true, "solution passes (" + solution.tests().size() + " properties, "
          + seconds(solution) + ")");
    } else {
      finding(e, false, "solution does not pass: " + describe(solution));
    }
    if (e.sandbox() != null) {
      checkSandbox(e);
    }
    Verdict stub = grader.grade(e, files(e.dir(), e), null);
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
    for (Variant v : variants(e, "right")) {
      String name = v.shownAs();
      try {
        Verdict verdict = grader.grade(v.job(e));
        if (verdict.isPassed()) {
          finding(e, true, name + " passes (" + v.description() + ")");
        } else {
          finding(e, false, name + " is correct but does not pass; the suite must accept it ("
              + v.description() + "): " + describe(verdict));
        }
      } catch (Variant.BadVariant ex) {
        finding(e, false, ex.getMessage());
      } catch (IOException ex) {
        finding(e, false, name + ": cannot read the exercise's files: " + ex.getMessage());
      }
    }
    for (Variant v : variants(e, "wrong")) {
      String name = v.shownAs();
      Verdict verdict;
      try {
        verdict = grader.grade(v.job(e));
      } catch (Variant.BadVariant ex) {
        finding(e, false, ex.getMessage());
        continue;
      } catch (IOException ex) {
        finding(e, false, name + ": cannot read the exercise's files: " + ex.getMessage());
        continue;
      }
      List<String> hints = verdict.tests().stream().filter(t -> !t.ok())
          .map(Verdict.TestResult::hint).toList();
      if (verdict.isPassed()) {
        finding(e, false, name + " passes; the suite must catch it (" + v.description() + ")");
      } else if (verdict.status() == Verdict.Status.COMPILE_ERROR) {
        finding(e, false, name + " does not compile: " + describe(verdict));
      } else if (!hints.contains(v.hint())) {
        finding(e, false, name + " fails, but not with hint '" + v.hint() + "' (failed with "
            + hints + "): " + describe(verdict));
      } else {
        finding(e, true, name + " fails with hint " + v.hint());
      }
    }
  }

  /**
   * The exercise's variants in {@code folder} ({@code wrong/*.diff} must fail with their hint,
   * {@code right/*.diff} must pass); a problem with one is a finding, and the others are still
   * checked.
   */
  private List<Variant> variants(Exercise e, String folder) {
    boolean wrongOnes = folder.equals("wrong");
    Path wrong = e.solutionDir().resolve(folder);
    List<Variant> out = new ArrayList<>();
    if (!Files.isDirectory(wrong)) {
      if (wrongOnes) {
        finding(e, false, "no known-wrong variants: add wrong/<name>" + Variant.SUFFIX
            + " files to " + e.solutionDir());
      }
      return out;
    }
    List<Path> entries;
    try (Stream<Path> s = Files.list(wrong)) {
      entries = s.sorted().toList();
    } catch (IOException ex) {
      finding(e, false, "cannot list " + wrong + ": " + ex.getMessage());
      return out;
    }
    for (Path p : entries) {
      if (!p.getFileName().toString().endsWith(Variant.SUFFIX)) {
        finding(e, false, p + ": not a variant; a known-wrong variant is a file <name>"
            + Variant.SUFFIX + " (description and hint lines, then a unified diff against the"
            + " reference)");
        continue;
      }
      try {
        Variant v = Variant.read(p);
        if (!wrongOnes) {
          if (v.hint() != null) {
            finding(e, false, p + ":" + v.hintLine() + ": a correct variant names no hint");
            continue;
          }
          out.add(v);
          continue;
        }
        if (v.hint() == null) {
          finding(e, false, p + ":1: no 'hint:' line; a known-wrong variant names the hint id"
              + " its failure must point to");
          continue;
        }
        if (e.hintIndex(v.hint()) < 0) {
          finding(e, false, p + ":" + v.hintLine() + ": hint '" + v.hint() + "' is not a hint id"
              + " of " + e.id() + " (ids: " + e.hints().stream().map(Exercise.HintRung::id)
              .toList() + ")");
          continue;
        }
        out.add(v);
      } catch (Variant.BadVariant ex) {
        finding(e, false, ex.getMessage());
      }
    }
    if (wrongOnes && out.isEmpty() && entries.isEmpty()) {
      finding(e, false, "no known-wrong variants in " + wrong);
    }
    return out;
  }

  /** The learner files in {@code base}. */
  private static Map<String, Path> files(Path base, Exercise e) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String f : e.files()) {
      files.put(f, base.resolve(f));
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
