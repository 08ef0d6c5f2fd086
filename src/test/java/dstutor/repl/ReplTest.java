package dstutor.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.cli.Main;
import dstutor.session.Session;
import dstutor.term.Console;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the shell with a dumb terminal over piped streams, as JLine's own tests do. */
class ReplTest {
  @Test
  void runsCommandsSurvivesErrorsAndEndsOnExit(@TempDir Path tmp) throws Exception {
    Path course = Path.of("src/test/resources/fixture-course").toAbsolutePath();
    Map<String, String> env = Map.of("DSTUTOR_COURSE", course.toString(),
        "DSTUTOR_HOME", tmp.resolve("home").toString(),
        "DSTUTOR_WORKSPACE", tmp.resolve("ws").toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), false);
    String input = "list\nshow nosuch\n\nnext\nexit\nlist\n";
    ByteArrayOutputStream termOut = new ByteArrayOutputStream();
    Terminal terminal = new DumbTerminal(new ByteArrayInputStream(
        input.getBytes(StandardCharsets.UTF_8)), termOut);
    Session session = new Session(env, console);
    int code = new Repl(session, Main::commandLine, terminal).run();
    assertEquals(0, code);
    String text = out.toString();
    assertTrue(text.contains("open     adder"), text);
    assertTrue(err.toString().contains("no exercise 'nosuch'"), err.toString());
    assertTrue(text.contains("Add two numbers"), text);
    // "exit" ended the shell: the second list never ran.
    assertEquals(text.indexOf("open     adder"), text.lastIndexOf("open     adder"), text);
  }

  @Test
  void showsACardExplainsAnUnknownCommandAndEndsAtEndOfInput(@TempDir Path tmp)
      throws Exception {
    Map<String, String> env = Map.of("DSTUTOR_COURSE", Path.of("").toAbsolutePath().toString(),
        "DSTUTOR_HOME", tmp.resolve("home").toString(),
        "DSTUTOR_WORKSPACE", tmp.resolve("ws").toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), false);
    // No "exit": the input just ends.
    String input = "pattern quorum\nsubmitt\nwhere lease\n";
    Terminal terminal = new DumbTerminal(new ByteArrayInputStream(
        input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream());
    int code = new Repl(new Session(env, console), Main::commandLine, terminal).run();
    assertEquals(0, code);
    String text = out.toString();
    assertTrue(text.contains("Quorum  (pattern: dstutor read quorum)"), text);
    assertTrue(text.contains("Lease in the seven systems"), "the shell went on: " + text);
    assertTrue(err.toString().contains("submitt"), err.toString());
    assertTrue(err.toString().contains("no command 'submitt'; did you mean 'submit'?"),
        err.toString());
  }

  @Test
  void ctrlCDuringAGradeStopsItAndTheShellGoesOn(@TempDir Path tmp) throws Exception {
    Path course = Path.of("src/test/resources/fixture-course").toAbsolutePath();
    Path ws = tmp.resolve("ws");
    Map<String, String> env = Map.of("DSTUTOR_COURSE", course.toString(),
        "DSTUTOR_HOME", tmp.resolve("home").toString(),
        "DSTUTOR_WORKSPACE", ws.toString());
    java.nio.file.Files.createDirectories(ws.resolve("basics/adder"));
    java.nio.file.Files.writeString(ws.resolve("basics/adder/SimpleAdder.java"),
        "public class SimpleAdder implements Adder {\n  public int add(int a, int b) {\n"
            + "    while (true) { }\n  }\n}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), false);
    Terminal terminal = new DumbTerminal(new ByteArrayInputStream(
        "submit adder\nlist\n".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream());
    Session session = new Session(env, console);
    Thread ctrlC = new Thread(() -> {
      try {
        // Once the worker runs the looping code (it would time out after seconds), Ctrl-C.
        Thread.sleep(2500);
      } catch (InterruptedException e) {
        return;
      }
      terminal.raise(Terminal.Signal.INT);
    });
    ctrlC.start();
    long start = System.nanoTime();
    int code = new Repl(session, Main::commandLine, terminal).run();
    ctrlC.join();
    assertEquals(0, code);
    assertTrue(err.toString().contains("grading stopped (Ctrl-C); nothing was recorded"),
        out + "\n" + err);
    assertTrue(out.toString().contains("adder"), "the shell went on to list: " + out);
    assertTrue(!out.toString().contains("timeout") && !out.toString().contains("did not finish"),
        out.toString());
    Path progress = tmp.resolve("home/progress.json");
    assertTrue(!java.nio.file.Files.exists(progress) || !java.nio.file.Files.readString(progress)
        .matches("(?s).*\"submits\"\\s*:\\s*[1-9].*"), "an interrupted grade is not a submit");
  }

  @Test
  void tabCompletesAPagesSectionAfterTheHash(@TempDir Path tmp) throws Exception {
    Path course = Path.of("src/test/resources/fixture-course").toAbsolutePath();
    Map<String, String> env = Map.of("DSTUTOR_COURSE", course.toString(),
        "DSTUTOR_HOME", tmp.resolve("home").toString(),
        "DSTUTOR_WORKSPACE", tmp.resolve("ws").toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), false);
    // JLine's dumb terminal reads plain lines; Tab needs a terminal type with key bindings, here
    // an xterm over piped streams. "read addition#the-i" and Tab: only the-identity starts so.
    java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
    java.io.PipedInputStream in = new java.io.PipedInputStream(keys);
    Terminal terminal = new org.jline.terminal.impl.ExternalTerminal("test", "xterm", in,
        new ByteArrayOutputStream(), StandardCharsets.UTF_8);
    Thread typist = new Thread(() -> {
      try {
        for (String part : new String[] {"read addition#the-i", "\t", "\r", "exit\r"}) {
          Thread.sleep(300);
          keys.write(part.getBytes(StandardCharsets.UTF_8));
          keys.flush();
        }
        Thread.sleep(300);
        keys.close();
      } catch (Exception e) {
        // the shell ended first
      }
    });
    typist.start();
    int code = new Repl(new Session(env, console), Main::commandLine, terminal).run();
    typist.join();
    assertEquals(0, code);
    assertTrue(out.toString().contains("The identity"), "read ran with the completed section:\n"
        + out + err);
    assertTrue(!err.toString().contains("no section"), err.toString());
  }
}
