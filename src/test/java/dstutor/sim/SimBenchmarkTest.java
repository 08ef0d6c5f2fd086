package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimBenchmarkTest {
  @Test
  void theFloodDeliversAboutAsManyMessagesAsAsked() {
    Simulation sim = SimBenchmark.flood(1, 100_000);
    sim.run();
    assertTrue(sim.deliveries() > 80_000 && sim.deliveries() < 120_000,
        "deliveries " + sim.deliveries());
  }

  @Test
  void thePorcupineFiguresCountVerdictsAndNameTheSlowestHistory(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("jepsen"));
    Files.writeString(dir.resolve("jepsen/good.log"), writeThenRead("1"));
    Files.writeString(dir.resolve("jepsen/stale.log"), writeThenRead("nil"));
    Files.writeString(dir.resolve("jepsen/empty.log"), "");
    Files.writeString(dir.resolve("expected.tsv"), "file\tlinearizable\n"
        + "jepsen/good.log\ttrue\njepsen/stale.log\ttrue\njepsen/empty.log\tnull\n");
    List<String> lines = SimBenchmark.porcupine(dir);
    assertEquals(4, lines.size(), lines.toString());
    assertEquals("linz.porcupine_correct 1/2", lines.get(0));
    assertEquals("linz.porcupine_verdicts ok=2 violation=1 unknown=0", lines.get(1));
    assertTrue(lines.get(2).matches(
        "linz\\.porcupine_slowest_ms \\d+\\.\\d \\(jepsen/\\w+\\.log\\)"), lines.get(2));
    assertTrue(lines.get(3).matches("linz\\.porcupine_total_ms \\d+\\.\\d"), lines.get(3));
  }

  /** A Jepsen log: process 0 writes 1, then process 1 reads {@code read}. */
  private static String writeThenRead(String read) {
    String line = "INFO  jepsen.util - %d\t:%s\t:%s\t%s%n";
    return String.format(line, 0, "invoke", "write", "1")
        + String.format(line, 0, "ok", "write", "1")
        + String.format(line, 1, "invoke", "read", "nil")
        + String.format(line, 1, "ok", "read", read);
  }
}
