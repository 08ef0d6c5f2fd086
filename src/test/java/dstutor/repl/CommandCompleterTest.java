package dstutor.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.cli.Main;
import dstutor.session.Session;
import dstutor.term.Console;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class CommandCompleterTest {
  private static List<String> complete(String line) {
    Path course = Path.of("src/test/resources/fixture-course").toAbsolutePath();
    Session session = new Session(Map.of("DSTUTOR_COURSE", course.toString()),
        new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            false));
    CommandCompleter completer = new CommandCompleter(Main.commandLine(session));
    List<Candidate> out = new ArrayList<>();
    completer.complete(null, new DefaultParser().parse(line, line.length()), out);
    return out.stream().map(Candidate::value).toList();
  }

  @Test
  void commandNames() {
    List<String> c = complete("sub");
    assertTrue(c.contains("submit") && c.contains("exit"), c.toString());
  }

  @Test
  void exerciseIdsAfterAnExerciseCommand() {
    List<String> c = complete("submit ad");
    assertTrue(c.contains("adder") && c.contains("--json"), c.toString());
  }

  @Test
  void pageIdsAfterRead() {
    assertTrue(complete("read add").contains("addition"));
  }

  @Test
  void sectionsOfAPageAfterAHash() {
    Path course = Path.of("src/test/resources/fixture-course").toAbsolutePath();
    Session session = new Session(Map.of("DSTUTOR_COURSE", course.toString()),
        new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
            false));
    dstutor.content.Pages pages = new dstutor.content.Pages(course.resolve("content"));
    CommandCompleter completer = new CommandCompleter(Main.commandLine(session),
        id -> pages.find(id).map(p -> p.sections().stream()
            .map(dstutor.content.Section::anchor).toList()).orElse(List.of()));
    String line = "read addition#";
    List<Candidate> out = new ArrayList<>();
    completer.complete(null, new DefaultParser().parse(line, line.length()), out);
    List<String> values = out.stream().map(Candidate::value).toList();
    assertTrue(values.contains("addition#adding-numbers"), values.toString());
    assertTrue(values.stream().filter(v -> v.startsWith("addition#")).count() >= 2,
        values.toString());
  }
}
