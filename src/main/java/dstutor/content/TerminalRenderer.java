package dstutor.content;

import dstutor.yaml.Caps;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

/**
 * Renders a commonmark document for a terminal: wrapped to a width, styled with ANSI codes only
 * when colour is on, and with every link followed by what to type to open it, for example
 * "quorum (read quorum#sloppy-quorums)". Without colour the output is plain text that reads the
 * same, inline code keeping its backticks. Text over its {@link Caps} (a 2 MB heading or line of
 * a broken file) is shown cut.
 */
public final class TerminalRenderer {
  private final int width;
  private final boolean color;
  private final Function<String, String> linkTarget;

  /**
   * @param linkTarget turns a link destination into what to show after the link text ("read
   *     quorum#x" or a URL), or null to show nothing
   */
  public TerminalRenderer(int width, boolean color, Function<String, String> linkTarget) {
    this.width = Math.max(20, width);
    this.color = color;
    this.linkTarget = linkTarget;
  }

  /** A renderer for {@code page}: its relative links become {@code read} targets. */
  public static TerminalRenderer forPage(Page page, int width, boolean color) {
    return new TerminalRenderer(width, color, dest -> {
      dstutor.content.Link.Target t = dstutor.content.Link.resolve(page.kind(), page.id(), dest);
      if (t == null) {
        return dest;
      }
      return t.isPage() ? "read" + Styled.NBSP + t.readTarget() : t.path();
    });
  }

  /** The whole document. */
  public String render(Node document) {
    List<Node> blocks = new ArrayList<>();
    for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
      blocks.add(n);
    }
    return render(blocks);
  }

  /** These top-level blocks, separated by blank lines; ends with a newline. */
  public String render(List<Node> blocks) {
    StringBuilder b = new StringBuilder();
    for (String line : blocks(blocks, width, false)) {
      b.append(stripEnd(line)).append('\n');
    }
    return b.toString();
  }

  private List<String> blocks(List<Node> nodes, int w, boolean tight) {
    List<String> out = new ArrayList<>();
    for (Node n : nodes) {
      List<String> lines = block(n, w);
      if (lines.isEmpty()) {
        continue;
      }
      if (!out.isEmpty() && !tight) {
        out.add("");
      }
      out.addAll(lines);
    }
    return out;
  }

  private List<String> children(Node parent, int w, boolean tight) {
    List<Node> nodes = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      nodes.add(n);
    }
    return blocks(nodes, w, tight);
  }

  private List<String> block(Node n, int w) {
    if (n instanceof Heading h) {
      return heading(h, w);
    } else if (n instanceof Paragraph) {
      return text(inlines(n, 0).wrap(w, color));
    } else if (n instanceof ListBlock list) {
      return list(list, w);
    } else if (n instanceof BlockQuote) {
      return prefixed(children(n, w - 2, false), paint("│", Styled.DIM) + " ",
          paint("│", Styled.DIM) + " ");
    } else if (n instanceof FencedCodeBlock code) {
      return code(code.getLiteral());
    } else if (n instanceof IndentedCodeBlock code) {
      return code(code.getLiteral());
    } else if (n instanceof ThematicBreak) {
      return List.of(paint("─".repeat(Math.min(w, 40)), Styled.DIM));
    } else if (n instanceof HtmlBlock html) {
      List<String> out = new ArrayList<>();
      for (String line : html.getLiteral().stripTrailing().split("\n")) {
        out.add(Caps.clip(line, Caps.LINE));
      }
      return out;
    } else if (n instanceof TableBlock table) {
      return new TableLayout(this, color).render(table, w);
    } else if (n instanceof LinkReferenceDefinition) {
      return List.of();
    }
    return text(new Styled().add(Caps.clip(Markdown.plainText(n), Caps.BLOCK), 0)
        .wrap(w, color));
  }

  private List<String> heading(Heading h, int w) {
    List<String> out = new ArrayList<>();
    if (h.getLevel() <= 2) {
      List<Styled.Line> lines = inlines(h, Styled.BOLD).wrap(w, color);
      int longest = 0;
      for (Styled.Line l : lines) {
        out.add(l.text());
        longest = Math.max(longest, l.width());
      }
      out.add(paint((h.getLevel() == 1 ? "=" : "-").repeat(longest), Styled.DIM));
      return out;
    }
    String marks = "#".repeat(h.getLevel());
    return prefixed(text(inlines(h, Styled.BOLD).wrap(w - marks.length() - 1, color)),
        paint(marks, Styled.DIM) + " ", " ".repeat(marks.length() + 1));
  }

  private List<String> list(ListBlock list, int w) {
    List<String> out = new ArrayList<>();
    int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null
        ? o.getMarkerStartNumber() : 1;
    int count = 0;
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      count++;
    }
    String delimiter = list instanceof OrderedList o && o.getMarkerDelimiter() != null
        ? o.getMarkerDelimiter() : ".";
    int markerWidth = list instanceof OrderedList
        ? String.valueOf(number + count - 1).length() + delimiter.length() + 1 : 2;
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      if (!(item instanceof ListItem)) {
        continue;
      }
      String marker = list instanceof OrderedList
          ? String.format("%" + (markerWidth - 1) + "s ", number++ + delimiter)
          : paint("•", Styled.DIM) + " ";
      if (!out.isEmpty() && !list.isTight()) {
        out.add("");
      }
      List<String> body = children(item, w - markerWidth, list.isTight());
      if (body.isEmpty()) {
        body = List.of("");
      }
      out.addAll(prefixed(body, marker, " ".repeat(markerWidth)));
    }
    return out;
  }

  private List<String> code(String literal) {
    List<String> out = new ArrayList<>();
    String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
    for (String line : body.split("\n", -1)) {
      out.add("    " + paint(Caps.clip(line, Caps.LINE), Styled.CODE));
    }
    return out;
  }

  /**
   * The inline content of a block as styled text, each piece also in {@code base} style; cut to
   * {@link Caps#HEADING} for a heading and {@link Caps#BLOCK} for anything else.
   */
  Styled inlines(Node block, int base) {
    Styled s = new Styled();
    for (Node n = block.getFirstChild(); n != null; n = n.getNext()) {
      inline(n, base, s);
    }
    return s.clip(block instanceof Heading ? Caps.HEADING : Caps.BLOCK);
  }

  private void inline(Node n, int style, Styled s) {
    if (n instanceof Text t) {
      s.add(Caps.clip(t.getLiteral(), Caps.LINE), style);
    } else if (n instanceof Code c) {
      String code = Caps.clip(c.getLiteral(), Caps.LINE);
      s.add(color ? code : "`" + code + "`", style | Styled.CODE);
    } else if (n instanceof SoftLineBreak) {
      s.add(" ", style);
    } else if (n instanceof HardLineBreak) {
      s.add("\n", style);
    } else if (n instanceof HtmlInline h) {
      s.add(Caps.clip(h.getLiteral(), Caps.LINE), style);
    } else if (n instanceof Emphasis) {
      children(n, style | Styled.ITALIC, s);
    } else if (n instanceof StrongEmphasis) {
      children(n, style | Styled.BOLD, s);
    } else if (n instanceof Link link) {
      children(n, style | Styled.LINK, s);
      String target = Caps.clip(linkTarget.apply(link.getDestination()), Caps.LINE);
      String text = Markdown.plainText(link);
      if (target != null && !target.equals(text)) {
        if (insideParentheses(link)) {
          s.add(":", style).add(" ", style).add(target, style | Styled.DIM);
        } else {
          s.add(" ", style).add("(" + target + ")", style | Styled.DIM);
        }
      }
    } else if (n instanceof Image image) {
      s.add("[image: " + Caps.clip(Markdown.plainText(image), Caps.LINE) + "]",
          style | Styled.DIM);
      String target = Caps.clip(linkTarget.apply(image.getDestination()), Caps.LINE);
      if (target != null) {
        s.add(" ", style).add("(" + target + ")", style | Styled.DIM);
      }
    } else {
      children(n, style, s);
    }
  }

  /** "(see [x](y))": the target then reads "(see x: read y)" rather than nesting brackets. */
  private static boolean insideParentheses(Node link) {
    return link.getPrevious() instanceof Text before && before.getLiteral().endsWith("(")
        && link.getNext() instanceof Text after && after.getLiteral().startsWith(")");
  }

  private void children(Node parent, int style, Styled s) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      inline(n, style, s);
    }
  }

  private String paint(String text, int style) {
    return Styled.paint(text, style, color);
  }

  private static List<String> text(List<Styled.Line> lines) {
    List<String> out = new ArrayList<>();
    for (Styled.Line l : lines) {
      out.add(l.text());
    }
    return out;
  }

  private static List<String> prefixed(List<String> lines, String first, String rest) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      out.add((i == 0 ? first : rest) + lines.get(i));
    }
    return out;
  }

  private static String stripEnd(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }
}
