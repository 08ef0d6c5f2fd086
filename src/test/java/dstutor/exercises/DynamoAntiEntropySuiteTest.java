package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dynamo-anti-entropy suite passes the reference, and a wrong sync that ships the whole range
 * fails the cost property with the hint about the top-down walk (its message names the key it
 * should not have sent). Prints the suite's CPU time for the reference.
 */
class DynamoAntiEntropySuiteTest {
  private static final String DIR = "systems/dynamo/dynamo-anti-entropy/";

  private static Map<String, String> files(String replica) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String g : List.of("DynamoVersion.java", "DynamoPeer.java")) {
      files.put(g, SuiteHarness.read("exercises/" + DIR + g));
    }
    files.put("DynamoRangeReplica.java", replica);
    files.put("DynamoAntiEntropySuite.java",
        SuiteHarness.read("solutions/" + DIR + "DynamoAntiEntropySuite.java"));
    return files;
  }

  @Test
  void theReferencePasses() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, byte[]> classes = SuiteHarness.compile(
        files(SuiteHarness.read("solutions/" + DIR + "DynamoRangeReplica.java")));
    long c0 = mx.getCurrentThreadCpuTime();
    List<SuiteHarness.Failure> failures = SuiteHarness.run(classes, "DynamoAntiEntropySuite");
    System.out.println("dynamo-anti-entropy suite: "
        + (mx.getCurrentThreadCpuTime() - c0) / 1_000_000 + " ms CPU");
    assertEquals(List.of(), failures);
  }

  @Test
  void shippingTheWholeRangeFailsWithTheWalkHint() {
    String reference = SuiteHarness.read("solutions/" + DIR + "DynamoRangeReplica.java");
    String from = "    for (int leaf : differing) {\n      mine.putAll(leaf(leaf));\n    }\n";
    String to = "    for (int leaf = 0; leaf < (1 << depth) && !differing.isEmpty(); leaf++) {\n"
        + "      mine.putAll(leaf(leaf));\n    }\n";
    assertEquals(true, reference.contains(from), "the reference no longer has " + from);
    List<SuiteHarness.Failure> failures = SuiteHarness.run(
        SuiteHarness.compile(files(reference.replace(from, to))), "DynamoAntiEntropySuite",
        "syncCostsFollowTheDifferences");
    assertEquals(1, failures.size());
    assertEquals("top-down-walk", failures.get(0).hint());
    assertEquals(true, failures.get(0).message().contains("Send only the keys of the differing"),
        failures.get(0).message());
  }
}
