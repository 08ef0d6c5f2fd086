package dstutor.cli;

import dstutor.session.DstutorException;
import dstutor.session.Session;
import dstutor.course.Exercise;
import dstutor.grade.Verdict;
import dstutor.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dstutor submit}: grade the learner's files against the hidden suite. */
@Command(name = "submit", mixinStandardHelpOptions = true,
    description = {"Compile your files and run the exercise's hidden tests against them.",
        "Exit code 0 when every property holds, 1 otherwise."})
final class SubmitCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.ExerciseIds.class, paramLabel = "ID", arity = "0..1",
      description = "The exercise (default: the current one, set by `dstutor next`).")
  String id;

  @Option(names = "--seed", paramLabel = "N",
      description = "Replay one seed of the randomized tests (a failure prints the command).")
  Long seed;

  @Option(names = "--json", description = "Print the verdict as one JSON object.")
  boolean json;

  @Option(names = "--full", description = "Show simulated runs whole: every event of the"
      + " timeline and every message in full (use with --seed).")
  boolean full;

  @Override
  int run(Session session) {
    Exercise e = session.exerciseOrCurrent(id);
    if (e.isQuiz() && seed != null) {
      throw DstutorException.usage(e.id() + " is a quiz: it has no seeds to replay; submit it"
          + " without --seed");
    }
    Consumer<Path> created = f -> session.console().info("created " + f
        + " from the stub; edit it, then submit again.");
    Verdict v = e.isQuiz() ? QuizVerdicts.submit(session, e, created)
        : session.submit(e, seed, full, created);
    Progress progress = session.progress();
    if (json) {
      session.console().println(VerdictPrinter.json(v));
    } else {
      VerdictPrinter.human(session.console(), e, v, progress.peek(e.id()).hintsShown(),
          session.workspace().isStub(e));
      if (seed != null && v.isPassed()) {
        session.console().println("  (only seed " + seed + " ran; `dstutor submit " + e.id()
            + "` runs every seed and records a pass)");
      }
    }
    return v.isPassed() ? 0 : 1;
  }
}
