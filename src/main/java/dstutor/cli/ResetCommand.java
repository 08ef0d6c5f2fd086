package dstutor.cli;

import dstutor.session.Session;
import dstutor.session.DstutorException;
import dstutor.course.Exercise;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dstutor reset <id>}: back to the stub, the learner's file kept as a backup. */
@Command(name = "reset", mixinStandardHelpOptions = true,
    description = "Restore an exercise's stub files; your current files are kept as"
        + " timestamped backups next to them.")
final class ResetCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.ExerciseIds.class, paramLabel = "ID", description = "The exercise to reset.")
  String id;

  @Override
  int run(Session session) {
    Exercise e = session.exercise(id);
    try {
      List<Path> backups = session.workspace().reset(e);
      for (Path b : backups) {
        session.console().println("kept your file as " + b);
      }
      session.console().println("restored the stub of " + e.id() + " in "
          + session.workspace().dirOf(e));
    } catch (IOException ex) {
      throw new DstutorException(1, "could not reset " + e.id() + ": " + ex.getMessage()
          + "; nothing of yours was deleted");
    }
    return 0;
  }
}
