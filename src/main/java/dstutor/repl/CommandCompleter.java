package dstutor.repl;

import java.util.List;
import java.util.function.Function;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion in the shell from the picocli model itself: command names first, then each
 * command's options and the completion candidates of its parameters (exercise ids, page ids).
 */
final class CommandCompleter implements Completer {
  private final CommandLine root;
  private final Function<String, List<String>> sections;

  CommandCompleter(CommandLine root) {
    this(root, page -> List.of());
  }

  /**
   * With {@code sections} giving a page's section anchors, so that a page id followed by {@code
   * #} completes to that page's sections ({@code read quorum#sl} to {@code quorum#sloppy-quorums}).
   */
  CommandCompleter(CommandLine root, Function<String, List<String>> sections) {
    this.root = root;
    this.sections = sections;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = line.wordIndex();
    CommandLine current = root;
    int i = 0;
    // Walk down subcommands named before the word being completed.
    while (i < index && current.getSubcommands().containsKey(words.get(i))) {
      current = current.getSubcommands().get(words.get(i));
      i++;
    }
    CommandSpec spec = current.getCommandSpec();
    for (String name : current.getSubcommands().keySet()) {
      candidates.add(new Candidate(name));
    }
    if (current == root && i == index) {
      candidates.add(new Candidate("exit"));
      candidates.add(new Candidate("help"));
      return;
    }
    for (OptionSpec o : spec.options()) {
      for (String name : o.names()) {
        candidates.add(new Candidate(name));
      }
    }
    String word = index < words.size() ? words.get(index) : "";
    int hash = word.indexOf('#');
    for (PositionalParamSpec p : spec.positionalParameters()) {
      Iterable<String> values = p.completionCandidates();
      if (values == null) {
        continue;
      }
      for (String v : values) {
        if (hash > 0 && v.equals(word.substring(0, hash))) {
          // A page id and '#': its sections, complete as page#anchor.
          for (String anchor : sections.apply(v)) {
            candidates.add(new Candidate(v + "#" + anchor, anchor, null, null, null, null,
                true));
          }
        } else {
          candidates.add(new Candidate(v));
        }
      }
    }
  }
}
