package dstutor.cli;

import dstutor.course.Exercise;
import dstutor.grade.GradeJob;
import dstutor.grade.Grader;
import dstutor.grade.Verdict;
import dstutor.grade.Verdict.TestResult;
import dstutor.quiz.QuizExercise;
import dstutor.session.Session;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dstutor check-all}: grade every exercise started in the workspace, in one table. */
@Command(name = "check-all", mixinStandardHelpOptions = true,
    description = {"Grade every exercise you have started in your workspace and print a table:"
        + " status, time, and the first property that fails.",
        "Nothing is recorded: `dstutor submit <id>` records a pass. Exit code 0 when every"
            + " started exercise passes, 1 otherwise."})
final class CheckAllCommand extends BaseCommand {
  @Option(names = "--jobs", paramLabel = "N", description = "Grade N exercises at a time, each"
      + " in its own worker (default: the number of cores, at most 4).")
  Integer jobs;

  private record Row(Exercise e, Verdict v, String error) {}

  @Override
  int run(Session session) {
    Console c = session.console();
    int n = jobs != null ? jobs : Math.min(4, Runtime.getRuntime().availableProcessors());
    if (n < 1 || n > 64) {
      throw dstutor.session.DstutorException.usage("--jobs " + n + " is out of range; give 1 to"
          + " 64");
    }
    List<Exercise> started = new ArrayList<>();
    List<Exercise> untouched = new ArrayList<>();
    for (Exercise e : session.course().ordered()) {
      if (session.workspace().started(e) && allPresent(session, e)) {
        started.add(e);
      } else {
        untouched.add(e);
      }
    }
    if (started.isEmpty()) {
      c.println("No exercise started in " + session.workspace().root() + " yet: `dstutor next`"
          + " opens the first.");
      return 0;
    }
    long start = System.nanoTime();
    Map<Exercise, Future<Row>> results = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "dstutor-check-all");
      t.setDaemon(true);
      return t;
    });
    ThreadLocal<Grader> graders = new ThreadLocal<>();
    List<Grader> all = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      for (Exercise e : started) {
        results.put(e, pool.submit(() -> grade(session, e, graders, all)));
      }
      c.println(String.format("%-26s %-13s %7s  %s", "exercise", "status", "time",
          "first failing property"));
      int passed = 0;
      for (Map.Entry<Exercise, Future<Row>> r : results.entrySet()) {
        Row row;
        try {
          row = r.getValue().get();
        } catch (ExecutionException ex) {
          row = new Row(r.getKey(), null, String.valueOf(ex.getCause()));
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          return 1;
        }
        if (row.v() != null && row.v().isPassed()) {
          passed++;
        }
        print(c, row);
      }
      double secs = (System.nanoTime() - start) / 1e9;
      c.println("");
      c.println(passed + " of " + started.size() + " started exercises pass"
          + (untouched.isEmpty() ? "" : "; " + untouched.size() + " not started")
          + String.format(" · %.1f s with %d worker%s", secs, n, n == 1 ? "" : "s"));
      return passed == started.size() ? 0 : 1;
    } finally {
      pool.shutdownNow();
      for (Grader g : all) {
        g.close();
      }
    }
  }

  private static boolean allPresent(Session session, Exercise e) {
    return session.workspace().learnerFiles(e).values().stream().allMatch(Files::isRegularFile);
  }

  private static Row grade(Session session, Exercise e, ThreadLocal<Grader> graders,
      List<Grader> all) throws IOException {
    Map<String, Path> files = session.workspace().learnerFiles(e);
    if (e.isQuiz()) {
      Path answers = files.get(Exercise.ANSWERS);
      long t = System.nanoTime();
      QuizExercise.Result r = QuizExercise.grade(e, answers);
      return new Row(e, QuizVerdicts.of(e, r, answers, (System.nanoTime() - t) / 1_000_000),
          null);
    }
    Grader g = graders.get();
    if (g == null) {
      g = Grader.forThisJvm();
      graders.set(g);
      all.add(g);
    }
    return new Row(e, g.grade(GradeJob.of(e, files, null)), null);
  }

  private static void print(Console c, Row row) {
    String id = row.e().id();
    if (row.v() == null) {
      c.println(String.format("%-26s %-13s %7s  %s", id, c.paint(Style.RED, "error"), "",
          row.error()));
      return;
    }
    Verdict v = row.v();
    // Pad the visible word, then colour it: escape codes take no columns.
    String status = c.paint(v.isPassed() ? Style.GREEN : Style.RED,
        String.format("%-13s", word(v)));
    String first = firstProblem(v);
    c.println(String.format("%-26s %s %5.1f s  %s", id, status, v.millis() / 1000.0,
        CardPrinter.cut(first, 90)).stripTrailing());
  }

  /** The status as a table shows it: "passed", "failed 1/2", "timeout". */
  static String word(Verdict v) {
    return switch (v.status()) {
      case PASSED -> "passed";
      case FAILED -> "failed " + v.failed() + "/" + v.tests().size();
      default -> v.status().json();
    };
  }

  /**
   * What a one-line table shows of a verdict that did not pass: the first compile error, else the
   * first failing property with its hint, else the first line of the message; "" when it passed.
   */
  static String firstProblem(Verdict v) {
    String first = "";
    if (v.status() == Verdict.Status.COMPILE_ERROR && !v.compileErrors().isEmpty()) {
      Verdict.CompileError err = v.compileErrors().get(0);
      first = Path.of(err.file()).getFileName() + ":" + err.line() + ": " + err.message();
    } else if (!v.isPassed()) {
      for (TestResult t : v.tests()) {
        if (!t.ok()) {
          first = t.name() + (t.hint() != null ? " (hint: " + t.hint() + ")" : "");
          break;
        }
      }
      if (first.isEmpty() && v.message() != null) {
        first = v.message().lines().findFirst().orElse("");
      }
    }
    return first;
  }
}
