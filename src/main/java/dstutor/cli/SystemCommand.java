package dstutor.cli;

import dstutor.content.Cards;
import dstutor.content.FrontMatter;
import dstutor.content.Kind;
import dstutor.content.Page;
import dstutor.content.Pages;
import dstutor.course.Exercise;
import dstutor.session.DstutorException;
import dstutor.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dstutor system <id>}: a system on one screen. */
@Command(name = "system", mixinStandardHelpOptions = true,
    description = {"A system on one screen: the trade-off it makes, its design at a glance, the"
        + " patterns it uses, and its exercises with your status.",
        "Each line is taken from the system's page; `dstutor read <id>` has the rest."})
final class SystemCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.SystemIds.class, paramLabel = "SYSTEM",
      description = "A system id: dynamo, cassandra, bigtable, kafka, gfs, hdfs or chubby.")
  String id;

  @Mixin
  WidthOption width;

  @Override
  int run(Session session) {
    Pages pages = ReadCommand.pages(session);
    Page page = PatternCommand.pageOfKind(pages, id, Kind.SYSTEM);
    CardPrinter p = new CardPrinter(session.console(), width.width);
    p.title(page.title(), "system", "dstutor read " + page.id());
    p.field("Trade-off", Cards.firstParagraph(page, "summary"), 4);
    List<String[]> glance = new ArrayList<>();
    for (Map.Entry<String, FrontMatter.Claim> e : page.compare().entrySet()) {
      glance.add(new String[] {e.getKey(), e.getValue().claim()});
    }
    p.rows("At a glance", glance, "see the page");
    List<String> patterns = new ArrayList<>();
    for (Cards.Use u : Cards.uses(page, "patterns-used", Kind.PATTERN, pages)) {
      patterns.add(u.title());
    }
    p.field("Patterns", String.join(", ", patterns), 3);
    List<Exercise> own = new ArrayList<>();
    int drawn = 0;
    try {
      for (Exercise e : session.course().ordered()) {
        if (page.id().equals(e.systemFolder())) {
          own.add(e);
        } else if (e.systems().contains(page.id())) {
          drawn++;
        }
      }
    } catch (DstutorException e) {
      session.console().warn("exercises are not listed because the course does not load;"
          + " `dstutor course check` shows why");
    }
    p.rows("Exercises", CardPrinter.exerciseRows(session, own),
        "none of its own yet; the pattern exercises below draw on it");
    p.dim("More: dstutor read " + page.id() + " · dstutor related " + page.id() + " ("
        + drawn + " pattern exercise" + (drawn == 1 ? "" : "s") + " draw on it)"
        + " · dstutor compare " + page.id() + " <other>");
    return 0;
  }
}
