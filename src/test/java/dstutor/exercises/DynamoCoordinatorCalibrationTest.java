package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dynamo-coordinator suite must not fail correct nodes by chance. Its properties are exact
 * (the suite's model says what every node must hold and send), and every node has its own random
 * stream, so a learner's draws change nothing the suite judges. Shown here: the reference with k
 * extra draws of ctx.random() in both classes' start() passes, for k = 1 and 50 (each is a
 * whole run of the suite; two keep this test under 30 s on a busy machine).
 */
class DynamoCoordinatorCalibrationTest {
  private static final String DIR = "systems/dynamo/dynamo-coordinator/";
  private static final String ANCHOR = "    this.ctx = ctx;\n";

  @Test
  void theSuitePassesCorrectNodesWhateverTheirRandomStream() {
    String coordinator = SuiteHarness.read("solutions/" + DIR + "DynamoCoordinator.java");
    String replica = SuiteHarness.read("solutions/" + DIR + "DynamoReplica.java");
    assertTrue(coordinator.contains(ANCHOR) && replica.contains(ANCHOR),
        "start() no longer has " + ANCHOR);
    List<String> failures = new ArrayList<>();
    for (int k : new int[] {1, 50}) {
      String draws = ANCHOR + "    for (int i = 0; i < " + k + "; i++) {\n"
          + "      ctx.random().nextLong(); // another random stream, as correct code may draw\n"
          + "    }\n";
      Map<String, String> files = new LinkedHashMap<>();
      for (String g : List.of("DynamoProtocol.java", "DynamoStore.java")) {
        files.put(g, SuiteHarness.read("exercises/" + DIR + g));
      }
      files.put("DynamoCoordinator.java", coordinator.replace(ANCHOR, draws));
      files.put("DynamoReplica.java", replica.replace(ANCHOR, draws));
      files.put("DynamoCoordinatorSuite.java",
          SuiteHarness.read("solutions/" + DIR + "DynamoCoordinatorSuite.java"));
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory
          .getThreadMXBean();
      long t0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      for (SuiteHarness.Failure f : SuiteHarness.run(SuiteHarness.compile(files),
          "DynamoCoordinatorSuite")) {
        failures.add("k = " + k + ": " + f.test() + ": "
            + f.message().lines().findFirst().orElse(""));
      }
      System.out.println("k = " + k + ": suite " + (System.nanoTime() - t0) / 1_000_000
          + " ms wall, " + (mx.getCurrentThreadCpuTime() - c0) / 1_000_000 + " ms CPU");
    }
    assertEquals(List.of(), failures);
  }
}
