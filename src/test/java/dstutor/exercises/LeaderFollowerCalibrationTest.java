package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The leader-follower suite must not fail correct code by chance. Its properties are exact (the
 * catch-up bound follows from the brief's rules, not from measurements), so a correct replica's
 * random stream must not matter: the reference with k = 1..50 extra draws of ctx.random() in
 * start() passes, and so does right/jittered-ticks (whose interval timer is drawn from
 * ctx.random(), so that the extra draws change when its Appends leave) with k = 1..10.
 */
class LeaderFollowerCalibrationTest {
  private static final String DIR = "patterns/leader-follower/";
  private static final String ANCHOR = "    this.ctx = ctx;\n";

  /** {@code node} with {@code k} extra draws from ctx.random() at the start of start(). */
  static String withExtraDraws(String node, int k) {
    assertTrue(node.contains(ANCHOR), "start() no longer has " + ANCHOR);
    return node.replace(ANCHOR, ANCHOR
        + "    for (int i = 0; i < " + k + "; i++) {\n"
        + "      ctx.random().nextLong(); // another random stream, as correct code may draw\n"
        + "    }\n");
  }

  private static Map<String, String> sources(String node) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String g : List.of("LeaderFollowerProtocol.java", "KvStateMachine.java")) {
      files.put(g, SuiteHarness.read("exercises/" + DIR + g));
    }
    files.put("ReplicatedKvNode.java", node);
    files.put("LeaderFollowerSuite.java",
        SuiteHarness.read("solutions/" + DIR + "LeaderFollowerSuite.java"));
    return files;
  }

  @Test
  void theSuitePassesCorrectReplicasWhateverTheirRandomStream() throws Exception {
    String reference = SuiteHarness.read("solutions/" + DIR + "ReplicatedKvNode.java");
    Exercise e = Shipped.exercise("leader-follower");
    String jittered = Shipped.learnerTexts(e, "right/jittered-ticks")
        .get("ReplicatedKvNode.java");
    Map<String, String> nodes = new LinkedHashMap<>();
    for (int k = 1; k <= 50; k++) {
      nodes.put("reference, k = " + k, withExtraDraws(reference, k));
    }
    for (int k = 1; k <= 10; k++) {
      nodes.put("jittered-ticks, k = " + k, withExtraDraws(jittered, k));
    }
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String>> runs = new ArrayList<>();
    try {
      nodes.forEach((name, node) -> runs.add(pool.submit(() -> {
        List<SuiteHarness.Failure> failed =
            SuiteHarness.run(SuiteHarness.compile(sources(node)), "LeaderFollowerSuite");
        if (failed.isEmpty()) {
          return null;
        }
        StringBuilder b = new StringBuilder(name + ":");
        for (SuiteHarness.Failure f : failed) {
          String first = f.message().lines().limit(3).reduce((x, y) -> x + " / " + y)
              .orElse("");
          b.append("\n  ").append(f.test()).append(": ").append(first);
        }
        return b.toString();
      })));
      List<String> failures = new ArrayList<>();
      for (Future<String> f : runs) {
        String r = f.get();
        if (r != null) {
          failures.add(r);
        }
      }
      assertEquals(List.of(), failures, failures.size() + " of " + nodes.size()
          + " correct replicas failed the suite:\n" + String.join("\n", failures));
    } finally {
      pool.shutdownNow();
    }
  }
}
