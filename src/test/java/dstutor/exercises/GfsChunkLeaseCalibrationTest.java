package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gfs-chunk-lease suite must not fail a correct master by chance: its checks are exact (each
 * answer against the brief's model; intervals and logs in true time), so the master's random
 * stream must not matter. The reference with k extra draws of ctx.random() in start() and at
 * every message passes for k = 1..4.
 */
class GfsChunkLeaseCalibrationTest {
  private static final String DIR = "systems/gfs/gfs-chunk-lease/";
  private static final String START = "    this.ctx = ctx;\n";
  private static final String MESSAGE = "    long now = ctx.now();\n";

  @Test
  void theSuitePassesCorrectMastersWhateverTheirRandomStream() {
    String reference = SuiteHarness.read("solutions/" + DIR + "GfsMaster.java");
    assertTrue(reference.contains(START), "start() no longer has " + START);
    assertTrue(reference.contains(MESSAGE), "onMessage() no longer has " + MESSAGE);
    List<String> failures = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      String draws = "    for (int i = 0; i < " + k + "; i++) {\n"
          + "      ctx.random().nextLong(); // another random stream, as correct code may draw\n"
          + "    }\n";
      Map<String, String> files = new LinkedHashMap<>();
      for (String g : List.of("GfsHeartbeat.java", "GfsHeartbeatReply.java", "GfsStale.java",
          "GfsFindLease.java", "GfsLeaseInfo.java")) {
        files.put(g, SuiteHarness.read("exercises/" + DIR + g));
      }
      files.put("GfsMaster.java",
          reference.replace(START, START + draws).replace(MESSAGE, MESSAGE + draws));
      files.put("GfsChunkLeaseSuite.java",
          SuiteHarness.read("solutions/" + DIR + "GfsChunkLeaseSuite.java"));
      for (SuiteHarness.Failure f
          : SuiteHarness.run(SuiteHarness.compile(files), "GfsChunkLeaseSuite")) {
        failures.add("k = " + k + ": " + f.test() + ": "
            + f.message().lines().findFirst().orElse(""));
      }
    }
    assertEquals(List.of(), failures);
  }
}
