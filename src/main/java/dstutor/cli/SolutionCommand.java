package dstutor.cli;

import dstutor.session.Session;
import dstutor.session.DstutorException;
import dstutor.course.Exercise;
import dstutor.progress.Progress;
import dstutor.quiz.QuizExercise;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import dstutor.yaml.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dstutor solution <id>}: the reference solution and commentary, once passed. */
@Command(name = "solution", mixinStandardHelpOptions = true,
    description = "Show the reference solution and its commentary; unlocked once you pass.")
final class SolutionCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.ExerciseIds.class, paramLabel = "ID", arity = "0..1",
      description = "The exercise (default: the current one).")
  String id;

  @Override
  int run(Session session) {
    Exercise e = session.exerciseOrCurrent(id);
    Progress.ExerciseState state = session.progress().peek(e.id());
    Console c = session.console();
    if (!state.passed()) {
      String why = state.submits() == 0 ? "you have not submitted it yet"
          : "your last submit had " + state.lastFailing() + " propert"
              + (state.lastFailing() == 1 ? "y" : "ies") + " failing"
              + (state.lastStatus() != null && !state.lastStatus().equals("failed")
                  ? " (" + state.lastStatus().replace('_', ' ') + ")" : "");
      throw new DstutorException(1, "the solution to " + e.id() + " unlocks once you pass it;"
          + " " + why + ". Try `dstutor hint " + e.id() + "`.");
    }
    try {
      for (String f : e.files()) {
        c.println(c.paint(Style.BOLD, "── " + f + " (reference) ──"));
        // A quiz's key is made from its questions, so that it cannot drift from them.
        // Bytes that are not UTF-8 show as U+FFFD rather than hide the whole solution.
        c.println((e.isQuiz() ? QuizExercise.key(e) : SourceText.read(e.solutionDir()
            .resolve(f)).text()).stripTrailing());
        c.println("");
      }
      Path commentary = e.solutionDir().resolve("commentary.md");
      if (Files.exists(commentary)) {
        c.println(c.paint(Style.BOLD, "── commentary ──"));
        c.println(SourceText.read(commentary).text().strip());
      }
    } catch (IOException ex) {
      throw new DstutorException(1, "could not read the solution: " + ex.getMessage());
    }
    return 0;
  }
}
