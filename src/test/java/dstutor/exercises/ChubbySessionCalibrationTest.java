package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstutor.course.Exercise;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chubby-sessions suite must not fail a correct session by chance. Its properties are exact
 * (valid(), the cache, events and KeepAlives against the brief's model on the client's clock; the
 * master's lease in true time), so what could fail correct code is an edge the suite's own seeds
 * miss: a reply landing on the very millisecond of a deadline, integer rounding of the drift
 * allowance at the end of the master's lease. So every property is run on seeds 1..SEEDS (the
 * suite itself sweeps at most 12), for the reference, for the reference with extra draws of
 * ctx.random() (another random stream, as correct code may draw), and for the right variant
 * (another timer discipline: one retry and one deadline timer, cancelled and set again).
 */
class ChubbySessionCalibrationTest {
  static final int SEEDS = 80;
  private static final String ANCHOR = "    this.ctx = ctx;\n";

  @Test
  void correctSessionsPassEveryPropertyOnManySeeds() throws Exception {
    Exercise e = Shipped.exercise("chubby-sessions");
    Map<String, String> reference = Shipped.learnerTexts(e, null);
    Map<String, String> drawing = Shipped.learnerTexts(e, null);
    drawing.computeIfPresent("ChubbySession.java", (k, v) -> v.replace(ANCHOR, ANCHOR
        + "    for (int i = 0; i < 7; i++) {\n"
        + "      ctx.random().nextLong(); // another random stream, as correct code may draw\n"
        + "    }\n"));
    Map<String, Map<String, String>> impls = Map.of("reference", reference,
        "reference with 7 draws", drawing,
        "right/one-timer-each", Shipped.learnerTexts(e, "right/one-timer-each"));
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> impl : impls.entrySet()) {
      Class<?> suite = Shipped.suite(e, impl.getValue());
      long cpu = os.getProcessCpuTime();
      failures.addAll(Shipped.sweep(suite, impl.getKey(), List.of("reliable", "lossy", "skew",
          "shortFailover", "longFailover"), 1, SEEDS));
      System.out.printf("chubby-sessions calibration, %s: %d seeds x 5 properties, CPU %.1f s%n",
          impl.getKey(), SEEDS, (os.getProcessCpuTime() - cpu) / 1e9);
    }
    assertEquals(List.of(), failures);
  }
}
