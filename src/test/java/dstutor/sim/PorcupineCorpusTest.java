package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.sim.CheckResult.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker against a peer's published verdicts: porcupine's 102 etcd Jepsen histories and 6
 * key-value histories, all of them (the corpus checks in about a second), with the default
 * budget. The empty etcd_095.log has no published verdict: it must check without error.
 */
class PorcupineCorpusTest {
  @Test
  void everyPublishedVerdictComesOutRightWithinTheDefaultBudget() throws Exception {
    Path dir = PorcupineData.dir();
    List<PorcupineHistories.Case> cases = PorcupineHistories.cases(dir);
    LinearizabilityChecker checker = new LinearizabilityChecker();
    List<String> wrong = new ArrayList<>();
    int published = 0;
    int violations = 0;
    for (PorcupineHistories.Case c : cases) {
      CheckResult r = checker.check(PorcupineHistories.read(dir.resolve(c.file())));
      if (c.linearizable() == null) {
        continue; // no verdict published: checking it without an exception is all we ask
      }
      published++;
      Verdict want = c.linearizable() ? Verdict.OK : Verdict.VIOLATION;
      violations += c.linearizable() ? 0 : 1;
      if (r.verdict() != want) {
        wrong.add(c.file() + ": want " + want + ", got " + r.verdict() + " " + r.explanation());
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(108, published, "published verdicts in " + dir);
    assertTrue(violations > 10 && violations < published - 10, "both verdicts: " + violations);
  }

  @Test
  void aViolationInTheCorpusIsExplainedOnOneOperation() {
    Path dir = PorcupineData.dir();
    CheckResult r = new LinearizabilityChecker().check(
        PorcupineHistories.read(dir.resolve("jepsen/etcd_070.log")));
    assertEquals(Verdict.VIOLATION, r.verdict());
    assertEquals(1, r.marks().size(), r.marks().toString());
    assertEquals("get(r) by 3 at 54 ms STALE: cas(r, 1, 3) completed at 53 ms.", r.explanation());
  }

  @Test
  void theEmptyHistoryIsLinearizable() {
    Path dir = PorcupineData.dir();
    List<Op> ops = PorcupineHistories.read(dir.resolve("jepsen/etcd_095.log"));
    assertEquals(List.of(), ops);
    assertEquals(Verdict.OK, new LinearizabilityChecker().check(ops).verdict());
  }
}
