package dstutor.cli;

import dstutor.content.Cards;
import dstutor.content.Kind;
import dstutor.content.Page;
import dstutor.content.Pages;
import dstutor.course.Exercise;
import dstutor.session.DstutorException;
import dstutor.session.Session;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dstutor pattern <id>}: a pattern on one screen. */
@Command(name = "pattern", mixinStandardHelpOptions = true,
    description = {"A pattern on one screen: the problem it solves, the mechanism, its trade-offs,"
        + " the systems that use it and how, and its exercises with your status.",
        "Each line is taken from the pattern's page; `dstutor read <id>` has the rest."})
final class PatternCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.PatternIds.class, paramLabel = "PATTERN",
      description = "A pattern id, such as quorum or lease (`dstutor read` lists them).")
  String id;

  @Mixin
  WidthOption width;

  @Override
  int run(Session session) {
    Pages pages = ReadCommand.pages(session);
    Page page = pageOfKind(pages, id, Kind.PATTERN);
    CardPrinter p = new CardPrinter(session.console(), width.width);
    p.title(page.title(), "pattern", "dstutor read " + page.id());
    p.field("Problem", Cards.firstParagraph(page, "the-problem"), 3);
    p.field("Mechanism", Cards.firstParagraph(page, "summary"), 4);
    p.field("Trade-offs", String.join(" · ", Cards.leadIns(page,
        "trade-offs-and-failure-modes")), 2);
    List<String[]> used = new ArrayList<>();
    for (Cards.Use u : usedBy(page, pages)) {
      used.add(new String[] {u.title(), CardPrinter.sentence(u.how())});
    }
    p.rows("Used by", used, "none of the seven systems; `dstutor where " + page.id()
        + "` says why");
    p.rows("Practise", CardPrinter.exerciseRows(session, practising(session, page.id())),
        "no exercise yet");
    p.dim("More: dstutor read " + page.id() + " · dstutor where " + page.id()
        + " · dstutor related " + page.id());
    return 0;
  }

  /** The systems the pattern page names as using it, with the page's line for each. */
  static List<Cards.Use> usedBy(Page pattern, Pages pages) {
    return Cards.uses(pattern, "in-the-seven-systems", Kind.SYSTEM, pages).stream()
        .filter(u -> pattern.related().contains(u.id())).toList();
  }

  /** The exercises that practise {@code pattern}, in path order; none if the course is broken. */
  static List<Exercise> practising(Session session, String pattern) {
    try {
      return session.course().ordered().stream().filter(e -> e.patterns().contains(pattern))
          .toList();
    } catch (DstutorException e) {
      session.console().warn("exercises are not listed because the course does not load;"
          + " `dstutor course check` shows why");
      return List.of();
    }
  }

  /** Page {@code id}, which must be of {@code kind}; a usage error names the right command. */
  static Page pageOfKind(Pages pages, String id, Kind kind) {
    Page page = ReadCommand.page(pages, Pages.splitTarget(id)[0]);
    if (page.kind() != kind) {
      String other = page.kind() == Kind.SYSTEM ? "system" : "pattern";
      throw DstutorException.usage("'" + page.id() + "' is a " + page.kind().word() + ", not a "
          + kind.word() + ": try `dstutor " + other + " " + page.id() + "`");
    }
    return page;
  }
}
