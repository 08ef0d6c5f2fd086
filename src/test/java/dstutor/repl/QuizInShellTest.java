package dstutor.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.cli.Main;
import dstutor.session.Session;
import dstutor.term.Console;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell runs {@code quiz} with answers read by its own line reader, then goes on. */
class QuizInShellTest {
  @Test
  void answersComeFromTheShellsReaderAndStayOutOfItsHistory(@TempDir Path tmp) throws Exception {
    Path course = Path.of("src/test/resources/fixture-course").toAbsolutePath();
    Path home = tmp.resolve("home");
    Map<String, String> env = Map.of("DSTUTOR_COURSE", course.toString(),
        "DSTUTOR_HOME", home.toString(), "DSTUTOR_WORKSPACE", tmp.resolve("ws").toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), false);
    // One answer that cannot be right for a three-choice card (two letters), then q, then list.
    String input = "quiz --new 1\na b c\nq\nlist\nexit\n";
    Terminal terminal = new DumbTerminal(new ByteArrayInputStream(
        input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream());
    int code = new Repl(new Session(env, console), Main::commandLine, terminal).run();
    assertEquals(0, code);
    String text = out.toString();
    assertTrue(text.contains("✗ not quite"), text);
    assertTrue(text.contains("read: dstutor read addition#the-identity"), text);
    assertTrue(text.contains("Stopped: 0 right, 1 wrong of 1 card answered (saved)."), text);
    assertTrue(text.contains("open     adder"), "the shell went on after the quiz: " + text);
    String history = Files.readString(home.resolve("history"));
    assertTrue(history.contains("quiz --new 1"), history);
    assertFalse(history.contains("a b c"), "answers are not commands: " + history);
  }
}
