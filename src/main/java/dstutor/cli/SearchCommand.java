package dstutor.cli;

import dstutor.session.Session;
import dstutor.session.DstutorException;
import dstutor.content.Pages;
import dstutor.content.Screen;
import dstutor.content.SearchIndex;
import dstutor.content.SearchIndex.Hit;
import dstutor.content.Section;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import dstutor.yaml.Caps;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dstutor search <words>}: the sections of all pages that best match, best first. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search the case studies and pattern pages. Ranks sections, not whole pages:"
        + " a section whose heading has your words, or has them as an exact phrase, ranks"
        + " higher.",
        "Each hit shows page › section, the matching text, and the `dstutor read` command that"
        + " opens that section."})
final class SearchCommand extends BaseCommand {
  @Parameters(paramLabel = "WORDS", arity = "1..*",
      description = "What to look for, for example: sloppy quorum. Case and word endings do not"
          + " matter.")
  List<String> words;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "5",
      description = "Show at most N hits (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  int run(Session session) {
    if (limit < 1) {
      throw DstutorException.usage("--limit " + limit + " must be at least 1");
    }
    String query = String.join(" ", words).strip();
    if (!SearchIndex.searchable(query)) {
      throw DstutorException.usage("'" + query + "' has only common words; search for a term"
          + " such as 'sloppy quorum' or 'lease'");
    }
    Pages pages = ReadCommand.pages(session);
    List<String> problems = new ArrayList<>();
    SearchIndex index = SearchIndex.of(pages.loadable(problems));
    Console c = session.console();
    ReadCommand.skipped(c, problems);
    List<Hit> hits = index.search(query, limit);
    int width = (Screen.interactive() ? Screen.textWidth(Screen.size()) : Screen.TEXT_WIDTH) - 4;
    if (hits.isEmpty()) {
      c.println("No section matches '" + query + "'. Try fewer or other words; `dstutor read`"
          + " lists the pages.");
      return 0;
    }
    for (int i = 0; i < hits.size(); i++) {
      Hit h = hits.get(i);
      Section s = h.section();
      if (i > 0) {
        c.println("");
      }
      String where = s.pageTitle() + (s.parent().isEmpty() ? "" : " › " + s.parent()) + " › "
          + s.heading();
      c.println(c.paint(Style.BOLD, where));
      for (String line : h.snippet().lines(width, c.color())) {
        c.println("  " + line);
      }
      c.println(c.paint(Style.DIM, "  read: dstutor read "
          + Caps.clip(h.readTarget(), Caps.LINE)));
    }
    return 0;
  }
}
