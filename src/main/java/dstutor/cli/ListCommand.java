package dstutor.cli;

import dstutor.session.Session;
import dstutor.session.DstutorException;
import dstutor.course.Course;
import dstutor.course.Exercise;
import dstutor.yaml.Suggest;
import dstutor.course.Track;
import dstutor.progress.Progress;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dstutor list}: every exercise with its status. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"List the exercises with their status: done, current, open, or waiting on a"
        + " prerequisite.", "Prerequisites only order `next`: any exercise can be opened or"
        + " submitted."})
final class ListCommand extends BaseCommand {
  @Option(names = "--track", paramLabel = "T", description = "Only this track.")
  String track;

  @Override
  int run(Session session) {
    Course course = session.course();
    Progress p = session.progress();
    Console c = session.console();
    if (track != null && course.tracks().stream().noneMatch(t -> t.id().equals(track))) {
      List<String> ids = course.tracks().stream().map(Track::id).toList();
      String close = Suggest.closest(track, ids);
      throw DstutorException.usage("no track '" + track + "'"
          + (close != null ? "; did you mean '" + close + "'?" : "") + " Tracks: "
          + String.join(", ", ids));
    }
    for (Track t : course.tracks()) {
      if (track != null && !t.id().equals(track)) {
        continue;
      }
      c.println(c.paint(Style.BOLD, t.title() + " (" + t.id() + ")"));
      String group = null;
      for (String id : t.exercises()) {
        Exercise e = course.exercises().get(id);
        String system = e.systemFolder();
        if (system != null && !system.equals(group)) {
          c.println("  " + c.paint(Style.BOLD, systemTitle(session, system)));
        }
        group = system;
        String indent = system != null ? "  " : "";
        String status;
        if (p.passed(id)) {
          status = c.paint(Style.GREEN, "done   ");
        } else if (id.equals(p.current())) {
          status = c.paint(Style.CYAN, "current");
        } else {
          List<String> waiting = e.requires().stream().filter(r -> !p.passed(r)).toList();
          status = waiting.isEmpty() ? "open   " : "waiting";
          if (!waiting.isEmpty()) {
            c.println(String.format("%s  %s  %-26s %s  (after %s)", indent, status, id, e.title(),
                waiting.stream().collect(Collectors.joining(", "))));
            continue;
          }
        }
        c.println(String.format("%s  %s  %-26s %s", indent, status, id, e.title()));
      }
    }
    return 0;
  }

  /** One word for where the learner stands on {@code e}: done, current, waiting or open. */
  static String status(Progress p, Exercise e) {
    if (p.passed(e.id())) {
      return "done";
    }
    if (e.id().equals(p.current())) {
      return "current";
    }
    return e.requires().stream().allMatch(p::passed) ? "open" : "waiting";
  }

  /** The title of the system's page ("Dynamo"), or its folder name when there is no such page. */
  private static String systemTitle(Session session, String system) {
    try {
      return ReadCommand.pages(session).find(system).map(p -> p.title()).orElse(system);
    } catch (RuntimeException e) {
      return system;
    }
  }
}
