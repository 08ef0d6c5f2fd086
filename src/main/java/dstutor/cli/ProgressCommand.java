package dstutor.cli;

import dstutor.session.Session;
import dstutor.course.Course;
import dstutor.course.Track;
import dstutor.progress.Progress;
import dstutor.term.Console;
import picocli.CommandLine.Command;

/** {@code dstutor progress}: done per track, hints used, first-submit passes. */
@Command(name = "progress", mixinStandardHelpOptions = true,
    description = "Show your progress: exercises done per track, hints used, first-try passes.")
final class ProgressCommand extends BaseCommand {
  @Override
  int run(Session session) {
    Course course = session.course();
    Progress p = session.progress();
    Console c = session.console();
    int done = 0;
    int hints = 0;
    int firstTry = 0;
    for (Track t : course.tracks()) {
      int d = (int) t.exercises().stream().filter(p::passed).count();
      done += d;
      c.println(String.format("%-12s %d of %d done", t.title(), d, t.exercises().size()));
    }
    for (String id : course.exercises().keySet()) {
      Progress.ExerciseState s = p.peek(id);
      hints += s.hintsShown();
      if (s.passed() && s.firstPassSubmit() == 1) {
        firstTry++;
      }
    }
    c.println("");
    c.println("done:               " + done + " of " + course.exercises().size());
    c.println("hints used:         " + hints);
    c.println("passed first try:   " + firstTry);
    if (p.current() != null) {
      c.println("current exercise:   " + p.current());
    }
    return 0;
  }
}
