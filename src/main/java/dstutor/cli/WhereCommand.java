package dstutor.cli;

import dstutor.content.Cards;
import dstutor.content.Kind;
import dstutor.content.Page;
import dstutor.content.Pages;
import dstutor.session.Session;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dstutor where <pattern>}: which of the seven systems use a pattern, and how. */
@Command(name = "where", mixinStandardHelpOptions = true,
    description = {"Which of the seven systems use a pattern: one line each, from the pattern"
        + " page's \"In the seven systems\", with the `read` command for where the system's page"
        + " says more."})
final class WhereCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.PatternIds.class, paramLabel = "PATTERN",
      description = "A pattern id, such as quorum or lease.")
  String id;

  @Mixin
  WidthOption width;

  @Override
  int run(Session session) {
    Pages pages = ReadCommand.pages(session);
    Page page = PatternCommand.pageOfKind(pages, id, Kind.PATTERN);
    CardPrinter p = new CardPrinter(session.console(), width.width);
    List<Cards.Use> used = PatternCommand.usedBy(page, pages);
    p.line(session.console().paint(dstutor.term.Console.Style.BOLD, page.title()
        + " in the seven systems") + " (" + used.size() + " of 7 use it)");
    List<String[]> rows = new ArrayList<>();
    for (Cards.Use u : used) {
      rows.add(new String[] {u.title(), CardPrinter.sentence(u.how()), "dstutor read "
          + u.read()});
    }
    p.rows("", 2, rows, "none of the seven systems use it");
    List<String> others = new ArrayList<>();
    for (Cards.Use u : Cards.uses(page, "in-the-seven-systems", Kind.SYSTEM, pages)) {
      if (!page.related().contains(u.id())) {
        others.add(u.title());
      }
    }
    if (!others.isEmpty()) {
      p.dim("Not used by " + String.join(", ", others) + ": dstutor read " + page.id()
          + "#in-the-seven-systems says why");
    }
    return 0;
  }
}
