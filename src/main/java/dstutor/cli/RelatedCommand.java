package dstutor.cli;

import dstutor.session.Session;
import dstutor.session.DstutorException;
import dstutor.content.ExerciseRef;
import dstutor.content.Graph;
import dstutor.content.Kind;
import dstutor.content.Page;
import dstutor.content.Pages;
import dstutor.course.Exercise;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dstutor related <id>}: the pages and exercises linked to a page, grouped. */
@Command(name = "related", mixinStandardHelpOptions = true,
    description = {"Show what is linked to a page, grouped: for a pattern, the systems that use"
        + " it, related patterns and the exercises that practise it; for a system, the patterns"
        + " it uses, the systems its text links with and the exercises drawn from it; then other"
        + " pages linked in the text.",
        "Each entry comes with the command that opens it."})
final class RelatedCommand extends BaseCommand {
  private static final int NAME = 30;

  @Parameters(completionCandidates = Candidates.PageIds.class, paramLabel = "PAGE", description = "A page id, such as quorum or dynamo.")
  String id;

  @Override
  int run(Session session) {
    Pages pages = ReadCommand.pages(session);
    String pageId = Pages.splitTarget(id)[0];
    Page page = ReadCommand.page(pages, pageId);
    Console c = session.console();
    List<String> problems = new ArrayList<>();
    Graph g = Graph.of(pages.loadable(problems), exercises(session));
    ReadCommand.skipped(c, problems);
    c.println(c.paint(Style.BOLD, page.title()) + c.paint(Style.DIM, "  (" + page.kind().word()
        + ": dstutor read " + page.id() + ")"));
    Set<String> shown = new LinkedHashSet<>(List.of(page.id()));
    if (page.kind() == Kind.PATTERN) {
      group(c, g, "Systems that use it", g.systemsUsing(page.id()), shown);
      group(c, g, "Related patterns", g.relatedPatterns(page.id()), shown);
      exercises(c, "Exercises that practise it", g.exercisesFor(page.id()),
          "no coding exercise for this pattern yet; the systems above show it at work");
    } else {
      group(c, g, "Patterns it uses", g.patternsOf(page.id()), shown);
      List<String> systems = new ArrayList<>();
      for (String other : linked(g, page.id())) {
        if (g.isSystem(other)) {
          systems.add(other);
        }
      }
      group(c, g, "Systems it links with", systems, shown);
      Set<String> own = ownExercises(session, page.id());
      List<ExerciseRef> drawn = g.exercisesFor(page.id());
      exercises(c, "Exercises on " + page.title(),
          drawn.stream().filter(e -> own.contains(e.id())).toList(),
          "none yet; try the exercises of its patterns below");
      exercises(c, "Pattern exercises drawn from it",
          drawn.stream().filter(e -> !own.contains(e.id())).toList(),
          "no pattern exercise is drawn from this system");
    }
    // Every pattern page links all seven systems by design, so only other patterns count here.
    List<String> rest = new ArrayList<>();
    List<String> candidates = page.kind() == Kind.PATTERN ? linked(g, page.id())
        : g.linksFrom(page.id());
    for (String other : candidates) {
      if (!shown.contains(other) && !g.isSystem(other)) {
        rest.add(other);
      }
    }
    group(c, g, "Also linked in the text", rest, shown);
    return 0;
  }

  /** Pages linked from this page's text, then pages whose text links to it. */
  private static List<String> linked(Graph g, String id) {
    Set<String> out = new LinkedHashSet<>(g.linksFrom(id));
    out.addAll(g.linksTo(id));
    return new ArrayList<>(out);
  }

  private static void group(Console c, Graph g, String title, List<String> ids, Set<String> shown) {
    if (ids.isEmpty()) {
      return;
    }
    c.println("");
    c.println(c.paint(Style.BOLD, title));
    for (String id : ids) {
      shown.add(id);
      String name = g.page(id).map(Page::title).orElse(id);
      String open = g.page(id).isPresent() ? "dstutor read " + id : "(no page yet)";
      c.println(String.format("  %-" + NAME + "s %s", name, c.paint(Style.DIM, open)));
    }
  }

  private static void exercises(Console c, String title, List<ExerciseRef> list, String none) {
    c.println("");
    c.println(c.paint(Style.BOLD, title));
    if (list.isEmpty()) {
      c.println("  " + none);
      return;
    }
    for (ExerciseRef e : list) {
      String show = c.paint(Style.DIM, "dstutor show " + e.id());
      if (e.title().length() > NAME) {
        c.println("  " + e.title());
        c.println(" ".repeat(NAME + 3) + show);
      } else {
        c.println(String.format("  %-" + NAME + "s %s", e.title(), show));
      }
    }
  }

  /** Ids of the exercises in {@code exercises/systems/<system>/}; none if the course does not load. */
  private static Set<String> ownExercises(Session session, String system) {
    Set<String> out = new LinkedHashSet<>();
    try {
      for (Exercise e : session.course().ordered()) {
        if (system.equals(e.systemFolder())) {
          out.add(e.id());
        }
      }
    } catch (DstutorException e) {
      // exercises(session) has already warned
    }
    return out;
  }

  /** The course's exercises; none (with a warning) when the course does not load. */
  private static List<ExerciseRef> exercises(Session session) {
    try {
      List<ExerciseRef> out = new ArrayList<>();
      for (Exercise e : session.course().ordered()) {
        out.add(new ExerciseRef(e.id(), e.title(), e.patterns(), e.systems()));
      }
      return out;
    } catch (DstutorException e) {
      session.console().warn("exercises are not listed because the course does not load;"
          + " `dstutor course check` shows why");
      return List.of();
    }
  }
}
