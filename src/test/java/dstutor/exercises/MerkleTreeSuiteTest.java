package dstutor.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Because;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merkle-trees hidden suite judged as issue 7 asks: its comparison bound and expected ranges
 * come from its own model (the stated leaf layout and the pairs of each tree), never from the
 * learner's answer; an exception is reported with the trees it happened on; and a correct walk
 * that asks for fewer hashes than the bound passes. The suite runs in this JVM, compiled in memory
 * with the reference or a variant, one test method at a time.
 */
class MerkleTreeSuiteTest {
  /** Suites compiled per variant: compiling the suite is most of this class's time. */
  private static final Map<String, Class<?>> COMPILED = new HashMap<>();

  @Test
  void aLeafByLeafScanFailsWithTheModelsBound() throws Exception {
    Throwable t = run(suiteWith("wrong/leaf-by-leaf"), "comparisonsGrowWithDifferences");
    assertNotNull(t);
    assertEquals("comparison-count", Because.hintOf(t));
    // key-500 is in one leaf of 4,096: I = 12 inner nodes above it, so at most 1 + 2 * 12 calls.
    String m = t.getMessage();
    assertTrue(m.startsWith("A = new MerkleTree(12, key-1 to key-1000 (values v1 to v1000)), B ="
        + " new MerkleTree(12, A's pairs with key-500 = \"changed\"): A.diff(B) found the right"
        + " leaf, but asked B for 4,096 hashes; the top-down walk asks at most 1 + 2·I = 25"), m);
    assertTrue(m.contains("It asked for all 4,096 leaves"), m);
  }

  @Test
  void identicalTreesMustCostOneCall() throws Exception {
    Throwable t = run(suiteWith("wrong/root-then-leaves"),
        "identicalTreesCostOneComparison");
    assertNull(t, "root first, then leaves: identical trees still cost one call");
    t = run(suiteWith("wrong/leaf-by-leaf"), "identicalTreesCostOneComparison");
    assertNotNull(t);
    assertEquals("comparison-count", Because.hintOf(t));
    assertTrue(t.getMessage().contains("A.diff(B) asked B for 2 hashes: (1, 0), (1, 1)."),
        t.getMessage());
  }

  @Test
  void missedLeavesAreNamedWithTheModelsRangesAndKeys() throws Exception {
    Throwable t = run(suiteWith("wrong/skips-empty-subtrees"),
        "diffFindsExactlyTheDifferingLeaves");
    assertNotNull(t);
    assertEquals("top-down-diff", Because.hintOf(t));
    // Seed 2: A is empty, B holds key-1 (token 0xfe32...), which is in leaf 1 at depth 1.
    String m = t.getMessage();
    assertTrue(m.contains("A.diff(B) returned no ranges; expected"
        + " [[0x8000000000000000, 0xffffffffffffffff]]"), m);
    assertTrue(m.contains("\"key-1\" = \"v1\" is in B only"), m);
    assertTrue(m.contains("A holds no key in that leaf"), m);
    assertTrue(m.contains("seed 2"), m);
  }

  @Test
  void aCollidingLeafHashIsBlamedOnTheHashNotTheWalk() throws Exception {
    Throwable t = run(suiteWith("wrong/map-hashcode"), "hashesFollowTheContents");
    assertNotNull(t);
    assertEquals("canonical-hashes", Because.hintOf(t));
    assertTrue(t.getMessage().contains("(\"key-5\" is \"Aa\" in A and \"BB\" in B)"),
        t.getMessage());
  }

  @Test
  void anExceptionIsReportedWithItsTree() throws Exception {
    Throwable t = run(suiteWith("wrong/signed-shift"), "arguments");
    assertNotNull(t);
    assertEquals("leaf-layout", Because.hintOf(t));
    String m = t.getMessage();
    assertTrue(m.startsWith("new MerkleTree(16, key-1 to key-100) threw"
        + " IndexOutOfBoundsException"), m);
    assertTrue(m.contains("at MerkleTree.java:"), m);
  }

  @Test
  void aWalkThatAsksForFewerHashesThanTheBoundPasses() throws Exception {
    Class<?> suite = suiteWith("right/heap-array-level-walk");
    for (String test : new String[] {"identicalTreesCostOneComparison",
        "comparisonsGrowWithDifferences", "diffFindsExactlyTheDifferingLeaves"}) {
      Throwable t = run(suite, test);
      assertNull(t, test + ": " + (t == null ? "" : t.getMessage()));
    }
  }

  /** The suite compiled with variant {@code name} ("wrong/x" or "right/x"), once per class. */
  private static synchronized Class<?> suiteWith(String name) throws Exception {
    Class<?> suite = COMPILED.get(name);
    if (suite == null) {
      suite = compile(variant(name));
      COMPILED.put(name, suite);
    }
    return suite;
  }

  /** The learner file of variant {@code name} ("wrong/x" or "right/x"). */
  private static String variant(String name) throws Exception {
    return Shipped.learnerTexts(Shipped.exercise("merkle-trees"), name).get("MerkleTree.java");
  }

  /** The suite class, compiled with {@code tree} as the learner's MerkleTree.java. */
  private static Class<?> compile(String tree) throws Exception {
    return Shipped.suite(Shipped.exercise("merkle-trees"), Map.of("MerkleTree.java", tree));
  }

  /** Runs one test method of the suite; the failure it threw, or null when it passed. */
  private static Throwable run(Class<?> suite, String test) throws Exception {
    return Shipped.invoke(suite, test);
  }
}
