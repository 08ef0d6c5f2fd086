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
 * The hdfs-block-placement suite must not fail a correct policy by chance: its uniformity bands
 * are checked on the reference with k = 1..50 extra draws of the Random before each choice (each
 * k another stream of choices), and the suite's exact properties must hold for all of them.
 */
class HdfsPlacementCalibrationTest {
  private static final String CLASS = "public class HdfsBlockPlacement {\n";
  private static final String ANCHOR = "        if (!candidates.isEmpty()) {\n";

  @Test
  void theSuitePassesCorrectPoliciesWhateverTheirRandomStream() throws Exception {
    Exercise e = Shipped.exercise("hdfs-block-placement");
    Map<String, String> texts = Shipped.learnerTexts(e, null);
    String reference = texts.get("HdfsBlockPlacement.java");
    assertTrue(reference.contains(ANCHOR), "pickOr no longer has " + ANCHOR);
    assertTrue(reference.contains(CLASS), "no " + CLASS);
    // One compilation: the number of extra draws is a static field set before each run.
    texts.put("HdfsBlockPlacement.java", reference
        .replace(CLASS, CLASS + "  static int extraDraws;\n")
        .replace(ANCHOR, ANCHOR
            + "          for (int extra = 0; extra < extraDraws; extra++) {\n"
            + "            random.nextInt(); // another stream, as a correct policy may draw\n"
            + "          }\n"));
    Class<?> suite = Shipped.suite(e, texts);
    Field extraDraws = suite.getClassLoader().loadClass("HdfsBlockPlacement")
        .getDeclaredField("extraDraws");
    extraDraws.setAccessible(true);
    List<String> failures = new ArrayList<>();
    for (int k = 1; k <= 50; k++) {
      extraDraws.setInt(null, k);
      for (String test : List.of("choicesAreUniform", "fallbacks")) {
        Throwable t = Shipped.invoke(suite, test);
        if (t != null) {
          failures.add("k = " + k + ": " + test + ": " + t.getMessage());
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void theReferencePassesEveryPropertyQuickly() throws Exception {
    Exercise e = Shipped.exercise("hdfs-block-placement");
    Class<?> suite = Shipped.suite(e, Shipped.learnerTexts(e, null));
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long total = 0;
    List<String> failures = new ArrayList<>();
    for (String test : List.of("argumentsAndCopies", "firstReplica", "secondAndThird",
        "unusableNodesAreSkipped", "howManyAndPerRack", "fallbacks", "largeClusters",
        "choicesAreUniform", "deterministicGivenTheRandom")) {
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
