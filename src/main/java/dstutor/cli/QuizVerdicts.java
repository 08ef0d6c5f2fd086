package dstutor.cli;

import dstutor.course.Exercise;
import dstutor.grade.Verdict;
import dstutor.grade.Verdict.CompileError;
import dstutor.grade.Verdict.TestResult;
import dstutor.quiz.QuizExercise;
import dstutor.session.DstutorException;
import dstutor.session.Session;
import dstutor.yaml.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Submits a quiz exercise: grades the learner's answers.yaml in this process (there is no code to
 * contain) into the same {@link Verdict} a code exercise gets, one property per question, and
 * records it.
 */
final class QuizVerdicts {
  private QuizVerdicts() {}

  static Verdict submit(Session session, Exercise e, Consumer<Path> created) {
    Path answers = session.workspace().learnerFiles(e).get(Exercise.ANSWERS);
    if (!Files.exists(answers)) {
      session.prepare(e);
      created.accept(answers);
    }
    long start = System.nanoTime();
    QuizExercise.Result r;
    try {
      r = QuizExercise.grade(e, answers);
    } catch (IOException ex) {
      throw new DstutorException(1, "could not grade " + e.id() + ": " + ex.getMessage());
    }
    Verdict v = of(e, r, answers, (System.nanoTime() - start) / 1_000_000);
    session.record(e, v, true);
    return v;
  }

  /** The verdict for a graded sheet; a sheet that cannot be read is like code that does not compile. */
  static Verdict of(Exercise e, QuizExercise.Result r, Path answers, long millis) {
    if (!r.problems().isEmpty()) {
      List<CompileError> errors = new ArrayList<>();
      List<String> lines = lines(answers);
      for (Problem p : r.problems()) {
        String source = p.line() > 0 && p.line() <= lines.size() ? lines.get(p.line() - 1) : "";
        errors.add(new CompileError(answers.toString(), p.line(), p.column(), source,
            p.message()));
      }
      return new Verdict(e.id(), Verdict.Status.COMPILE_ERROR, List.of(), errors, null, null,
          millis);
    }
    List<TestResult> tests = new ArrayList<>();
    for (QuizExercise.Graded g : r.questions()) {
      tests.add(new TestResult(g.question().id() + ": " + g.question().ask(),
          g.right() ? "passed" : "failed", g.message(), null));
    }
    String summary = r.right() + " of " + r.questions().size() + " right (" + r.percent()
        + "%; the pass mark is " + r.pass() + "%)";
    return new Verdict(e.id(), r.passed() ? Verdict.Status.PASSED : Verdict.Status.FAILED, tests,
        List.of(), summary, null, millis);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException ex) {
      return List.of();
    }
  }
}
