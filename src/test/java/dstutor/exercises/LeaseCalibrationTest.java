package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lease suite must not fail a correct holder by chance: its properties are exact (acting()
 * against the brief's deadline, intervals in true time), so a holder's random stream must not
 * matter. The reference with k extra draws of ctx.random() in start() passes for k = 1..20.
 */
class LeaseCalibrationTest {
  private static final String DIR = "patterns/lease/";
  private static final String ANCHOR = "    this.ctx = ctx;\n";

  @Test
  void theSuitePassesCorrectHoldersWhateverTheirRandomStream() {
    String reference = SuiteHarness.read("solutions/" + DIR + "LeaseHolder.java");
    assertTrue(reference.contains(ANCHOR), "start() no longer has " + ANCHOR);
    List<String> failures = new ArrayList<>();
    for (int k = 1; k <= 20; k++) {
      Map<String, String> files = new LinkedHashMap<>();
      for (String g : List.of("LeaseRequest.java", "LeaseGranted.java")) {
        files.put(g, SuiteHarness.read("exercises/" + DIR + g));
      }
      files.put("LeaseHolder.java", reference.replace(ANCHOR, ANCHOR
          + "    for (int i = 0; i < " + k + "; i++) {\n"
          + "      ctx.random().nextLong(); // another random stream, as correct code may draw\n"
          + "    }\n"));
      files.put("LeaseSuite.java", SuiteHarness.read("solutions/" + DIR + "LeaseSuite.java"));
      for (SuiteHarness.Failure f : SuiteHarness.run(SuiteHarness.compile(files), "LeaseSuite")) {
        failures.add("k = " + k + ": " + f.test() + ": "
            + f.message().lines().findFirst().orElse(""));
      }
    }
    assertEquals(List.of(), failures);
  }
}
