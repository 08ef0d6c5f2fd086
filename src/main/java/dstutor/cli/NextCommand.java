package dstutor.cli;

import dstutor.course.Course;
import dstutor.course.Exercise;
import dstutor.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
    Exercise next = pick(course, progress);
    if (next == null) {
      session.console().println("All " + course.exercises().size() + " exercises are done."
          + " Well played. `dstutor progress` shows your record; `dstutor list` lists them all.");
      return 0;
    }
    List<Path> files = prepare(session, next);
    progress.setCurrent(next.id());
    session.saveProgress();
    ShowCommand.print(session, next, files, true);
    return 0;
  }

  /** The first unpassed exercise whose prerequisites are passed; else the first unpassed one. */
  static Exercise pick(Course course, Progress progress) {
    Exercise firstOpen = null;
    for (Exercise e : course.ordered()) {
      if (progress.passed(e.id())) {
        continue;
      }
      if (firstOpen == null) {
        firstOpen = e;
      }
      if (e.requires().stream().allMatch(progress::passed)) {
        return e;
      }
    }
    return firstOpen;
  }

  static List<Path> prepare(Session session, Exercise e) {
    try {
      return session.workspace().prepare(e);
    } catch (IOException ex) {
      throw new DstutorException(1, "could not write the exercise files to "
          + session.workspace().dirOf(e) + ": " + ex.getMessage() + "; check that the folder is"
          + " writable, or choose another with --workspace DIR");
    }
  }

  static String brief(Exercise e) {
    try {
      return Files.readString(e.brief()).strip();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
