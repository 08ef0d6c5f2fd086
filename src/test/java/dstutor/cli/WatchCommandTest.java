package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dstutor watch}: grades on each save, once per content, after the writes stop; keys
 * from piped input. With the platform's file watcher and with polling.
 */
class WatchCommandTest {
  private static final String GRADING = "── grading adder";

  @ParameterizedTest(name = "polling: {0}")
  @ValueSource(booleans = {false, true})
  void gradesEachSaveOnceAndTakesKeys(boolean polling, @TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    if (polling) {
      cli.env.put("DSTUTOR_WATCH_POLL", "1");
    }
    assertEquals(0, cli.run("next").code());
    PipedOutputStream keys = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(keys);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread watch = new Thread(() -> code.set(Main.run(new String[] {"watch", "--debounce",
        "100"}, cli.env, in, new PrintWriter(out, true), new PrintWriter(err, true), false,
        Clock.systemDefaultZone())));
    watch.start();
    // It grades what is there at the start: the stub.
    await(out, o -> count(o) == 1 && o.contains("nothing implemented yet"), err);
    assertTrue(out.toString().contains("Watching adder")
        && out.toString().contains(polling ? "(polling every" : "SimpleAdder.java"),
        out.toString());
    assertEquals(polling, out.toString().contains("(polling every"), out.toString());

    Path file = cli.workspace.resolve("basics/adder/SimpleAdder.java");
    Files.writeString(file, SubmitTest.adder("return a - b;"));
    await(out, o -> count(o) == 2, err);

    // The same content saved again is not graded again.
    Files.writeString(file, SubmitTest.adder("return a - b;"));
    Thread.sleep(700);
    assertEquals(2, count(out.toString()), out.toString());

    // A save in two writes (the first half leaves the file broken) is graded once, whole.
    String right = SubmitTest.adder("return a + b;");
    Files.writeString(file, right.substring(0, right.length() / 2));
    Thread.sleep(20);
    Files.writeString(file, right);
    await(out, o -> count(o) == 3 && o.contains("Passed."), err);
    Thread.sleep(500);
    String text = out.toString();
    assertEquals(3, count(text), text);
    assertTrue(!text.contains("error:"), "the half-written file was never compiled: " + text);

    keys.write('h');
    keys.flush();
    await(out, o -> o.contains("Return the sum of both arguments."), err);
    keys.write('q');
    keys.flush();
    watch.join(10_000);
    assertEquals(0, code.get(), err.toString());
    assertTrue(out.toString().contains("watch ended."), out.toString());
  }

  private static int count(String text) {
    int n = 0;
    for (int i = text.indexOf(GRADING); i >= 0; i = text.indexOf(GRADING, i + 1)) {
      n++;
    }
    return n;
  }

  private static void await(StringWriter out, Predicate<String> ok, StringWriter err)
      throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      if (ok.test(out.toString())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out; output so far:\n" + out + "\nerrors:\n" + err);
  }
}
