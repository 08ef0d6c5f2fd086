package dstutor.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner's progress survives {@code kill -9} in the middle of a write: a child JVM writes
 * progress through {@link AtomicFile} in a loop, slowly, and is killed; the next load reads a
 * whole file and removes the temporary file the child left.
 */
class ProgressKillTest {
  static final int ROUNDS = 3;

  /** Writes progress.json over and over, pausing half way through each write. */
  public static final class Writer {
    public static void main(String[] args) throws Exception {
      Path file = Path.of(args[0]).resolve("progress.json");
      for (int i = 1; ; i++) {
        String json = "{\"version\": 1, \"current\": \"x\", \"exercises\": {\"x\": {\"submits\": "
            + i + ", \"passed\": true}}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, os -> {
          os.write(bytes, 0, bytes.length / 2);
          os.flush();
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          os.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
        });
      }
    }
  }

  @Test
  void killedWritersLeaveWholeProgressAndNoTemporaryFile(@TempDir Path home) throws Exception {
    SplittableRandom rnd = new SplittableRandom(9);
    Path file = home.resolve("progress.json");
    int leftovers = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"), Writer.class.getName(),
          home.toString()).redirectErrorStream(true).redirectOutput(home.resolve("child.log")
          .toFile()).start();
      try {
        // Generous: the child JVM starts slowly on a busy machine. Then let it write a while.
        for (int i = 0; i < 600 && !Files.exists(file) && child.isAlive(); i++) {
          Thread.sleep(50);
        }
        assertTrue(Files.exists(file), "the writer never wrote: "
            + Files.readString(home.resolve("child.log")));
        Thread.sleep(50 + rnd.nextInt(200));
      } finally {
        child.destroyForcibly().waitFor(); // SIGKILL: no finally block of the child runs
      }
      leftovers += temporaryFiles(home).size();
      ProgressStore store = new ProgressStore(home);
      Progress p = store.load();
      assertEquals(List.of(), store.warnings(), "round " + round);
      assertEquals("x", p.current());
      assertTrue(p.passed("x") && p.peek("x").submits() >= 1, "round " + round);
      assertEquals(List.of(), temporaryFiles(home), "round " + round + ": left after the load");
    }
    // The kills landed mid-write (the writer spends nearly all its time there), so the
    // clean-up above had something to do.
    assertTrue(leftovers > 0, "no kill left a temporary file; the test proved nothing");
  }

  private static List<Path> temporaryFiles(Path home) throws IOException {
    try (Stream<Path> s = Files.list(home)) {
      return s.filter(f -> f.getFileName().toString().startsWith("progress.json.tmp-")).toList();
    }
  }
}
