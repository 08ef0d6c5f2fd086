package dstutor.cli;

import dstutor.session.Session;
import dstutor.session.DstutorException;
import dstutor.content.Comparison;
import dstutor.content.Kind;
import dstutor.content.Page;
import dstutor.content.Pages;
import dstutor.content.Screen;
import dstutor.yaml.Suggest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dstutor compare <system> <system>}: two case studies side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compare two systems side by side on consistency, availability under"
        + " partition, replication, partitioning, failure detection, coordination and storage.",
        "Under each claim is the `dstutor read` command for the section that backs it."})
final class CompareCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.PageIds.class, paramLabel = "SYSTEM", arity = "2",
      description = "Two system ids: dynamo, cassandra, bigtable, kafka, gfs, hdfs, chubby.")
  List<String> systems;

  @Option(names = "--width", paramLabel = "N",
      description = "Lay out in N columns (default: the terminal's width, at most 100; 100 when"
          + " piped).")
  Integer width;

  @Override
  int run(Session session) {
    Pages pages = ReadCommand.pages(session);
    String a = Pages.splitTarget(systems.get(0))[0];
    String b = Pages.splitTarget(systems.get(1))[0];
    if (a.equals(b)) {
      throw DstutorException.usage("name two different systems to compare (got " + a
          + " twice)");
    }
    Page pa = system(pages, a);
    Page pb = system(pages, b);
    int w = width != null ? ReadCommand.checkWidth(width)
        : Screen.interactive() ? Screen.textWidth(Screen.size()) : Screen.TEXT_WIDTH;
    session.console().out().print(Comparison.render(pa, pb, w, session.console().color()));
    session.console().out().flush();
    return 0;
  }

  private static Page system(Pages pages, String id) {
    List<String> ids = pages.files().keySet().stream()
        .filter(p -> pages.kindOf(p).orElse(null) == Kind.SYSTEM).toList();
    if (pages.kindOf(id).orElse(null) == Kind.PATTERN) {
      throw DstutorException.usage("'" + id + "' is a pattern; compare takes two systems: "
          + String.join(", ", ids) + " (`dstutor related " + id + "` shows the systems that"
          + " use it)");
    }
    if (!ids.contains(id)) {
      String close = Suggest.closest(id, ids);
      throw DstutorException.usage("no system '" + id + "'" + (close != null
          ? "; did you mean '" + close + "'?" : "; the systems are " + String.join(", ", ids)));
    }
    return ReadCommand.page(pages, id);
  }

}
