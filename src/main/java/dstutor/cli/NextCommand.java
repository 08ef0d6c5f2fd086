package dstutor.cli;

import dstutor.session.Session;
import dstutor.session.DstutorException;
import dstutor.course.Course;
import dstutor.course.Exercise;
import dstutor.progress.Progress;
import dstutor.quiz.Quiz;
import dstutor.yaml.SourceText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code dstutor next}: the next exercise on the path becomes current; brief and files shown. */
@Command(name = "next", mixinStandardHelpOptions = true,
    description = {"Open the next exercise on the path: the first one not yet passed whose"
        + " prerequisites are done.", "It becomes the current exercise; its files are created in"
        + " your workspace (never overwriting yours)."})
final class NextCommand extends BaseCommand {
  @Override
  int run(Session session) {
    Course course = session.course();
    Progress progress = session.progress();
    Exercise next = session.nextExercise();
    if (next == null) {
      session.console().println("All " + course.exercises().size() + " exercises are done."
          + " Well played. `dstutor progress` shows your record; `dstutor list` lists them all.");
      reviewsDue(session);
      return 0;
    }
    List<Path> files = session.prepare(next);
    session.warmGraderFor(next);
    progress.setCurrent(next.id());
    session.saveProgress();
    ShowCommand.print(session, next, files, true);
    reviewsDue(session);
    return 0;
  }

  /** One line when recall cards are due, so that reviews are not forgotten between exercises. */
  private static void reviewsDue(Session session) {
    String line = Quiz.dueLine(session.course().root(), session.home(), session.clock());
    if (line != null) {
      session.console().println(line);
    }
  }

  /** The brief's text; bytes that are not UTF-8 show as U+FFFD (`course check` names them). */
  static String brief(Exercise e) {
    try {
      return SourceText.read(e.brief()).text().strip();
    } catch (IOException ex) {
      throw DstutorException.usage("cannot read the brief of " + e.id() + ", " + e.brief()
          + " (" + ex.getMessage() + "); check the course folder");
    }
  }
}
