package dstutor.content;

import java.util.List;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/** The one Markdown parser of the course (CommonMark with GFM tables) and plain text of nodes. */
public final class Markdown {
  /** How deep blocks and markup may nest: more than a page needs, less than a stack holds. */
  public static final int MAX_DEPTH = 50;
  private static Parser parser;

  private Markdown() {}

  /** Parses Markdown, keeping source positions so that problems can name a line. */
  public static Node parse(String markdown) {
    return parser().parse(markdown);
  }

  private static synchronized Parser parser() {
    if (parser == null) {
      parser = Parser.builder()
          .extensions(List.of(TablesExtension.create()))
          .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
          .build();
    }
    return parser;
  }

  /**
   * The first node of {@code root} nested more than {@code limit} levels deep, or null. Walks
   * the tree without recursion: it guards the visitors, which recurse once a level.
   */
  public static Node deeperThan(Node root, int limit) {
    int depth = 0;
    Node n = root;
    while (true) {
      if (depth > limit) {
        return n;
      }
      if (n.getFirstChild() != null) {
        n = n.getFirstChild();
        depth++;
        continue;
      }
      while (n != root && n.getNext() == null) {
        n = n.getParent();
        depth--;
      }
      if (n == root) {
        return null;
      }
      n = n.getNext();
    }
  }

  /** The 0-based line of a node in the parsed text, or -1 when the parser kept no position. */
  public static int lineIndex(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      List<SourceSpan> spans = n.getSourceSpans();
      if (!spans.isEmpty()) {
        return spans.get(0).getLineIndex();
      }
    }
    return -1;
  }

  /**
   * The words of a node as a reader sees them: line breaks become spaces, blocks and table cells
   * are separated by a newline or a space, markup is dropped.
   */
  public static String plainText(Node node) {
    StringBuilder b = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        b.append(text.getLiteral());
      }

      @Override
      public void visit(Code code) {
        b.append(code.getLiteral());
      }

      @Override
      public void visit(SoftLineBreak br) {
        b.append(' ');
      }

      @Override
      public void visit(HardLineBreak br) {
        b.append('\n');
      }

      @Override
      public void visit(FencedCodeBlock code) {
        b.append(code.getLiteral()).append('\n');
      }

      @Override
      public void visit(IndentedCodeBlock code) {
        b.append(code.getLiteral()).append('\n');
      }

      @Override
      public void visit(CustomNode node) {
        visitChildren(node);
        if (node instanceof TableCell) {
          b.append(' ');
        } else if (node instanceof TableRow) {
          b.append('\n');
        }
      }

      @Override
      protected void visitChildren(Node parent) {
        super.visitChildren(parent);
        if (parent instanceof Block && b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
          b.append('\n');
        }
      }
    });
    return b.toString().strip();
  }
}
