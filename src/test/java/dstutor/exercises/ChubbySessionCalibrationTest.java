package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chubby-sessions suite must not fail a correct session by chance. Its properties are exact
 * (valid(), the cache, events and KeepAlives against the brief's model on the client's clock;
 * the master's lease in true time), so a client's random stream must not matter: the reference
 * with k extra draws of ctx.random() in start() passes for k = 1..6. The draws shift the
 * forger's stream too (it uses ctx.random()), so the runs differ. Also prints the suite's CPU time.
 */
class ChubbySessionCalibrationTest {
  private static final String DIR = "systems/chubby/chubby-sessions/";
  private static final String ANCHOR = "    this.ctx = ctx;\n";
  private static final List<String> GIVEN = List.of("ChubbyKeepAlive.java",
      "ChubbyKeepAliveReply.java", "ChubbyEpochRejected.java", "ChubbySessionEvents.java");

  @Test
  void theSuitePassesCorrectSessionsWhateverTheirRandomStream() {
    String reference = SuiteHarness.read("solutions/" + DIR + "ChubbySession.java");
    assertTrue(reference.contains(ANCHOR), "start() no longer has " + ANCHOR);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<String> failures = new ArrayList<>();
    for (int k = 0; k <= 6; k++) {
      Map<String, String> files = new LinkedHashMap<>();
      for (String g : GIVEN) {
        files.put(g, SuiteHarness.read("exercises/" + DIR + g));
      }
      files.put("ChubbySession.java", k == 0 ? reference : reference.replace(ANCHOR, ANCHOR
          + "    for (int i = 0; i < " + k + "; i++) {\n"
          + "      ctx.random().nextLong(); // another random stream, as correct code may draw\n"
          + "    }\n"));
      files.put("ChubbySessionSuite.java",
          SuiteHarness.read("solutions/" + DIR + "ChubbySessionSuite.java"));
      Map<String, byte[]> classes = SuiteHarness.compile(files);
      long cpu = os.getProcessCpuTime();
      for (SuiteHarness.Failure f : SuiteHarness.run(classes, "ChubbySessionSuite")) {
        failures.add("k = " + k + ": " + f.test() + ": "
            + f.message().lines().findFirst().orElse(""));
      }
      System.out.printf("chubby-sessions k=%d suite CPU %.2f s%n", k,
          (os.getProcessCpuTime() - cpu) / 1e9);
    }
    assertEquals(List.of(), failures);
  }
}
