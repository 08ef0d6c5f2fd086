package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Exercise;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hdfs-write-pipeline suite has no statistical threshold: every property is exact, so a
 * correct implementation must pass whatever it draws. Checked on the reference with k = 1..10
 * extra draws of ctx.random() in the client's and every DataNode's start() (one compilation;
 * the count is a static field set before each run), over the suite's failure sweeps.
 */
class HdfsPipelineCalibrationTest {
  private static final String CLIENT_ANCHOR = "    this.ctx = ctx;\n    stamp = 1;\n";
  private static final String NODE_ANCHOR = "    this.ctx = ctx;\n  }\n";
  private static final String CLASS = "public class HdfsPipelineClient implements Node {\n";

  @Test
  void theSuitePassesCorrectPipelinesWhateverTheirRandomStream() throws Exception {
    Exercise e = Shipped.exercise("hdfs-write-pipeline");
    Map<String, String> texts = Shipped.learnerTexts(e, null);
    String client = texts.get("HdfsPipelineClient.java");
    String node = texts.get("HdfsPipelineDataNode.java");
    assertTrue(client.contains(CLIENT_ANCHOR) && client.contains(CLASS), "client anchors moved");
    assertTrue(node.contains(NODE_ANCHOR), "DataNode anchor moved");
    String draws = "    for (int extra = 0; extra < HdfsPipelineClient.extraDraws; extra++) {\n"
        + "      ctx.random().nextLong(); // another stream, as correct code may draw\n"
        + "    }\n";
    texts.put("HdfsPipelineClient.java", client.replace(CLASS, CLASS
        + "  static int extraDraws;\n").replace(CLIENT_ANCHOR, CLIENT_ANCHOR + draws));
    texts.put("HdfsPipelineDataNode.java", node.replace(NODE_ANCHOR,
        "    this.ctx = ctx;\n" + draws + "  }\n"));
    Class<?> suite = Shipped.suite(e, texts);
    Field extra = suite.getClassLoader().loadClass("HdfsPipelineClient")
        .getDeclaredField("extraDraws");
    extra.setAccessible(true);
    List<String> failures = new ArrayList<>();
    for (int k = 1; k <= 10; k++) {
      extra.setInt(null, k);
      Throwable t = Shipped.invoke(suite, "twoFailures");
      if (t != null) {
        failures.add("k = " + k + ": " + t.getMessage());
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void theReferencePassesEveryPropertyQuickly() throws Exception {
    Exercise e = Shipped.exercise("hdfs-write-pipeline");
    Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, null));
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long total = 0;
    List<String> failures = new ArrayList<>();
    for (String test : List.of("noFaultsCompletes", "dataNodeFiltersPackets", "oneFailure",
        "twoFailures", "constructor", "deterministic", "staleAcksAndTimersIgnored")) {
      long t0 = cpu.getCurrentThreadCpuTime();
      Throwable t = Shipped.invoke(suite, test);
      long ms = (cpu.getCurrentThreadCpuTime() - t0) / 1_000_000;
      total += ms;
      System.out.printf("%s: %d ms CPU%n", test, ms);
      if (t != null) {
        failures.add(test + ": " + t.getMessage());
      }
    }
    System.out.printf("all: %d ms CPU%n", total);
    assertEquals(List.of(), failures);
  }
}
