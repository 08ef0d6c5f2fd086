package dstutor.cli;

import dstutor.session.Session;
import dstutor.content.Markdown;
import dstutor.content.Screen;
import dstutor.content.TerminalRenderer;
import dstutor.yaml.Caps;
import dstutor.course.Exercise;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import java.nio.file.Path;
import java.util.List;
import org.commonmark.node.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dstutor show <id>}: an exercise's brief, files and related reading. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show an exercise: its brief, the files to edit, and related reading.")
final class ShowCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.ExerciseIds.class, paramLabel = "ID", description = "The exercise id (see `dstutor list`).")
  String id;

  @Override
  int run(Session session) {
    Exercise e = session.exercise(id);
    List<Path> files = session.prepare(e);
    session.warmGraderFor(e);
    print(session, e, files, false);
    return 0;
  }

  static void print(Session session, Exercise e, List<Path> files, boolean asNext) {
    Console c = session.console();
    c.println(c.paint(Style.BOLD, e.title()) + c.paint(Style.DIM, "   " + e.id() + " · difficulty "
        + e.difficulty() + "/5 · about " + e.minutes() + " min"));
    c.println("");
    // The brief is Markdown (tables, code): render it as `read` renders pages. Links in a brief
    // are shown as written. A brief nested too deep to render (a broken one) is shown as it is,
    // each line cut to what a page's line shows.
    String brief = NextCommand.brief(e);
    Node doc = Markdown.parse(brief);
    c.println(Markdown.deeperThan(doc, Markdown.MAX_DEPTH) != null
        ? Caps.clipLines(brief, Caps.LINE)
        : new TerminalRenderer(Screen.TEXT_WIDTH, c.color(), dest -> dest).render(doc)
            .stripTrailing());
    c.println("");
    c.println(c.paint(Style.BOLD, "Edit:"));
    for (Path f : files) {
      c.println("  " + f);
    }
    if (!e.given().isEmpty()) {
      c.println(c.paint(Style.BOLD, "Given (read-only API):"));
      for (String g : e.given()) {
        c.println("  " + session.workspace().dirOf(e).resolve(g));
      }
    }
    if (!e.patterns().isEmpty() || !e.systems().isEmpty()) {
      c.println(c.paint(Style.BOLD, "Read:"));
      for (String p : e.patterns()) {
        c.println("  dstutor read " + p);
      }
      for (String s : e.systems()) {
        c.println("  dstutor read " + s);
      }
    }
    c.println("");
    c.println("When ready: dstutor submit" + (asNext ? "" : " " + e.id())
        + "   ·   stuck: dstutor hint" + (asNext ? "" : " " + e.id()));
  }
}
