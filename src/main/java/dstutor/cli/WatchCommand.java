package dstutor.cli;

import dstutor.course.Exercise;
import dstutor.grade.Verdict;
import dstutor.session.Session;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import dstutor.workspace.ChangeWatcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dstutor watch}: grade on every save, with single-key commands. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Grade the exercise each time you save one of its files, and show the"
        + " verdict. Keys: h hint, n next exercise, l list, s solution (once passed), q quit.",
        "A save made of several writes is graded once, when the writes stop; the same content"
            + " is never graded twice. Uses the platform's file watcher, or polls where there is"
            + " none (and says so)."})
final class WatchCommand extends BaseCommand {
  /** Compiles run to warm javac up after the first verdict (each ~30-60 ms on a laptop). */
  private static final int WARM_COMPILES = 4;

  @Parameters(completionCandidates = Candidates.ExerciseIds.class, paramLabel = "ID",
      arity = "0..1", description = "The exercise (default: the current one).")
  String id;

  @Option(names = "--poll", description = "Poll the files instead of using the file watcher.")
  boolean poll;

  @Option(names = "--debounce", paramLabel = "MS", defaultValue = "5",
      description = "Wait until the files have been quiet this long before grading"
          + " (default: ${DEFAULT-VALUE} ms).")
  long debounce;

  @Override
  int run(Session session) {
    if (debounce < 0 || debounce > 10_000) {
      throw dstutor.session.DstutorException.usage("--debounce " + debounce
          + " is out of range; give 0 to 10000 ms");
    }
    session.keepGraderWarm();
    Console c = session.console();
    Exercise e = session.exerciseOrCurrent(id);
    boolean polling = poll || session.env("DSTUTOR_WATCH_POLL") != null;
    try (Keys keys = Keys.open(session)) {
      while (e != null) {
        e = watch(session, e, keys, polling);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
    c.println("watch ended.");
    return 0;
  }

  /** Watches {@code e} until a key asks for another exercise (returned) or to stop (null). */
  private Exercise watch(Session session, Exercise e, Keys keys, boolean polling)
      throws InterruptedException {
    Console c = session.console();
    session.prepare(e);
    List<Path> files = new ArrayList<>(session.workspace().learnerFiles(e).values());
    try (ChangeWatcher w = new ChangeWatcher(files, debounce, polling, keys::wake)) {
      c.println(c.paint(Style.BOLD, "Watching " + e.id()) + ": " + files.stream()
          .map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("")
          + (w.polling() ? " (polling every " + ChangeWatcher.POLL_MILLIS + " ms: "
              + w.pollingReason() + ")" : ""));
      keysLine(c);
      grade(session, e, w, w.fingerprint());
      // While the learner reads the first verdict: a few more compiles, so that javac's own code
      // is compiled by then and the first saves grade at full speed. A save or a key stops it.
      for (int i = 0; i < WARM_COMPILES && !w.pending() && !keys.waiting()
          && !e.isQuiz(); i++) {
        session.warmCompiler(e);
      }
      while (true) {
        // The file watcher wakes this wait as a save happens; then it lasts until the save has
        // been quiet for the debounce interval. Polling looks every few milliseconds.
        long until = w.untilReady(System.currentTimeMillis());
        Integer key = keys.poll(w.polling() ? 5 : until < 0 ? 1_000 : until);
        if (key != null && key != Keys.WAKE) {
          int k = key;
          if (k == Keys.END || k == 'q' || k == 3 || k == 4) {
            return null;
          }
          switch (k) {
            case 'h' -> run(session, "hint", e.id());
            case 'l' -> run(session, "list");
            case 's' -> run(session, "solution", e.id());
            case 'n' -> {
              if (run(session, "next") == 0) {
                Exercise next = session.exerciseOrCurrent(null);
                if (!next.id().equals(e.id())) {
                  return next;
                }
              }
            }
            case '\n', '\r', ' ' -> { }
            default -> keysLine(c);
          }
          continue;
        }
        String ready = w.check(System.currentTimeMillis());
        if (ready != null) {
          grade(session, e, w, ready);
        }
      }
    }
  }

  private static void keysLine(Console c) {
    c.println(c.paint(Style.DIM, "Save a file to grade it. Keys: h hint · n next · l list ·"
        + " s solution · q quit"));
  }

  private static void grade(Session session, Exercise e, ChangeWatcher w, String content) {
    Console c = session.console();
    if (content == null) {
      return;
    }
    long start = System.nanoTime();
    w.graded(content);
    c.println("");
    c.println(c.paint(Style.DIM, "── grading " + e.id() + " at "
        + java.time.LocalTime.now(session.clock()).format(
        java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")) + " ──"));
    try {
      Verdict v = e.isQuiz() ? QuizVerdicts.submit(session, e, f -> { })
          : session.submit(e, null, false, f -> { });
      long graded = System.nanoTime();
      VerdictPrinter.human(c, e, v, session.progress().peek(e.id()).hintsShown(),
          session.workspace().isStub(e));
      if (session.env("DSTUTOR_TRACE") != null) {
        System.err.printf("[trace] watch: graded in %d ms (the grader's part %d), printed in %d"
            + " ms%n", (graded - start) / 1_000_000, v.millis(),
            (System.nanoTime() - graded) / 1_000_000);
      }
      if (v.isPassed()) {
        c.println(c.paint(Style.GREEN, "Passed. n for the next exercise, s for the solution."));
      }
    } catch (RuntimeException ex) {
      c.error(ex.getMessage() == null ? ex.toString() : ex.getMessage());
    }
  }

  private int run(Session session, String... args) {
    return spec.root().commandLine().execute(args);
  }
}
