package dstutor.cli;

import dstutor.session.Session;
import dstutor.session.DstutorException;
import dstutor.content.Anchors;
import dstutor.content.ContentException;
import dstutor.content.Kind;
import dstutor.content.Page;
import dstutor.content.Pages;
import dstutor.content.Screen;
import dstutor.content.Section;
import dstutor.content.TerminalRenderer;
import dstutor.yaml.Problem;
import dstutor.yaml.Suggest;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dstutor read <id>[#section]}: a case study or pattern page, rendered for the terminal. */
@Command(name = "read", mixinStandardHelpOptions = true,
    description = {"Read a case study or a pattern page, or one section of it.",
        "Links show what to type to follow them, for example (read quorum#sloppy-quorums)."
        + " In a terminal, text longer than the screen goes through $PAGER (default less -R);"
        + " piped, the text is plain, without colour or pager.",
        "Without PAGE, lists the pages."})
final class ReadCommand extends BaseCommand {
  @Parameters(completionCandidates = Candidates.PageIds.class, paramLabel = "PAGE[#SECTION]", arity = "0..1",
      description = "A page id such as dynamo or quorum, optionally with a section anchor, such"
          + " as quorum#sloppy-quorums (as `dstutor search` and hints print them).")
  String target;

  @Option(names = "--no-pager", description = "Never use a pager; print straight to stdout.")
  boolean noPager;

  @Option(names = "--width", paramLabel = "N",
      description = "Wrap at N columns (default: the terminal's width, at most 100; 100 when"
          + " piped).")
  Integer width;

  @Override
  int run(Session session) {
    Pages pages = pages(session);
    if (target == null) {
      list(session.console(), pages);
      return 0;
    }
    String[] split = Pages.splitTarget(target);
    Page page = page(pages, split[0]);
    String anchor = Anchors.slug(split[1]);
    boolean interactive = Screen.interactive();
    Screen.Size size = interactive ? Screen.size() : null;
    int w = width != null ? checkWidth(width) : size != null ? Screen.textWidth(size)
        : Screen.TEXT_WIDTH;
    Console c = session.console();
    TerminalRenderer r = TerminalRenderer.forPage(page, w, c.color());
    StringBuilder text = new StringBuilder();
    boolean whole = anchor.isEmpty() || page.headings().entrySet().stream()
        .anyMatch(e -> e.getKey().getLevel() == 1 && e.getValue().equals(anchor));
    if (whole) {
      text.append(r.render(page.document()));
      text.append('\n').append(c.paint(Style.DIM, "Related pages: dstutor related " + page.id()))
          .append('\n');
    } else {
      Section s = section(page, anchor);
      String crumbs = page.title() + (s.parent().isEmpty() ? "" : " › " + s.parent());
      text.append(c.paint(Style.DIM, crumbs)).append("\n\n");
      text.append(r.render(page.blocks(anchor)));
      text.append('\n').append(c.paint(Style.DIM, "Whole page: dstutor read " + page.id()))
          .append('\n');
    }
    String out = text.toString();
    if (interactive && !noPager && out.split("\n", -1).length > size.rows() - 1) {
      c.out().flush();
      if (Screen.page(out, System.getenv("PAGER"))) {
        return 0;
      }
    }
    c.out().print(out);
    c.out().flush();
    return 0;
  }

  private static void list(Console c, Pages pages) {
    List<String> problems = new ArrayList<>();
    List<Page> all = pages.loadable(problems);
    for (Kind k : Kind.values()) {
      c.println(c.paint(Style.BOLD, k == Kind.SYSTEM ? "Case studies" : "Patterns"));
      for (Page p : all) {
        if (p.kind() == k) {
          c.println(String.format("  %-20s %s", p.id(), p.title()));
        }
      }
    }
    c.println("");
    c.println("Open one with `dstutor read <id>`, or one section with `dstutor read <id>#<section>`.");
    skipped(c, problems);
  }

  /** Warns that pages were left out, naming their first few problems. */
  static void skipped(Console c, List<String> problems) {
    if (!problems.isEmpty()) {
      c.warn("pages that do not load are left out:" + Problem.listed(problems));
    }
  }

  static int checkWidth(int w) {
    if (w < 40 || w > 400) {
      throw DstutorException.usage("--width " + w + " is out of range; give 40 to 400 columns");
    }
    return w;
  }

  /** The pages of the session's course; needs only the course folder, not a valid course. */
  static Pages pages(Session session) {
    Path dir = session.courseRoot().resolve("content");
    if (!Files.isDirectory(dir)) {
      throw DstutorException.usage("the course in " + session.courseRoot() + " has no content/"
          + " folder; check --course or DSTUTOR_COURSE");
    }
    return new Pages(dir);
  }

  /** Page {@code id}, or a usage error with the closest id. */
  static Page page(Pages pages, String id) {
    try {
      return pages.find(id).orElseThrow(() -> {
        String close = Suggest.closest(id, pages.files().keySet());
        return DstutorException.usage("no page '" + id + "'" + (close != null
            ? "; did you mean '" + close + "'?" : "; `dstutor read` lists the pages"));
      });
    } catch (ContentException e) {
      throw DstutorException.usage("the page '" + id + "' cannot be read:"
          + Problem.listed(e.problems()));
    }
  }

  private static Section section(Page page, String anchor) {
    return page.section(anchor).orElseThrow(() -> {
      List<String> anchors = page.sections().stream().map(Section::anchor).toList();
      String close = Suggest.closest(anchor, anchors);
      if (close == null && !anchor.isEmpty()) {
        close = anchors.stream().filter(a -> a.contains(anchor)).findFirst().orElse(null);
      }
      List<String> top = page.sections().stream().filter(s -> s.level() == 2)
          .map(Section::anchor).toList();
      return DstutorException.usage(page.id() + " has no section #" + anchor
          + (close != null ? "; did you mean '" + page.id() + "#" + close + "'?"
              : "; its sections: " + String.join(", ", top)));
    });
  }
}
