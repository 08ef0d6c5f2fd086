package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PorcupineHistoriesTest {
  private static String jepsen(int process, String type, String f, String value) {
    return "INFO  jepsen.util - " + process + "\t:" + type + "\t:" + f + "\t" + value;
  }

  @Test
  void jepsenOutcomesKeepPorcupinesMeaning() {
    List<Op> ops = PorcupineHistories.jepsen(List.of(
        jepsen(0, "invoke", "write", "3"),
        jepsen(1, "invoke", "read", "nil"),
        jepsen(0, "ok", "write", "3"),
        jepsen(1, "ok", "read", "nil"),
        jepsen(2, "invoke", "cas", "[3 4]"),
        jepsen(3, "invoke", "cas", "[1 2]"),
        jepsen(2, "ok", "cas", "[3 4]"),
        jepsen(3, "fail", "cas", "[1 2]"),
        jepsen(4, "invoke", "write", "1"),
        jepsen(4, "info", "write", ":timed-out"),
        jepsen(5, "invoke", "read", "nil"),
        jepsen(5, "fail", "read", ":timed-out"),
        jepsen(6, "invoke", "read", "nil"),
        jepsen(6, "ok", "read", "4"),
        jepsen(7, "invoke", "cas", "[4 0]")));
    assertEquals(8, ops.size());
    Op write = ops.get(0);
    assertEquals("put(r, 3)", write.callText());
    assertEquals(Op.Status.OK, write.status());
    assertEquals(1, write.callTime());
    assertEquals(3, write.retTime());
    assertEquals("get = (none)", ops.get(1).outcomeText());

    Op swapped = ops.get(2);
    assertEquals("cas(r, 3, 4)", swapped.callText());
    assertEquals("cas ok", swapped.outcomeText());
    Op differed = ops.get(3);
    assertEquals(Op.Status.OK, differed.status(), ":fail on a cas is a result");
    assertFalse(differed.swapped());
    assertEquals("cas failed: value differed", differed.outcomeText());

    Op info = ops.get(4);
    assertEquals(Op.Status.UNKNOWN, info.status());
    assertEquals(Long.MAX_VALUE, info.ret(), "may take effect any time after its call");
    assertEquals("put unknown (timed-out)", info.outcomeText());
    assertEquals("get failed (timed-out)", ops.get(5).outcomeText());
    assertEquals("get = 4", ops.get(6).outcomeText());
    Op running = ops.get(7);
    assertEquals(Op.Status.UNKNOWN, running.status(), "still running when the log ends");
    assertEquals(-1, running.retTime());
    assertEquals(CheckResult.Verdict.OK, new LinearizabilityChecker().check(ops).verdict());
  }

  @Test
  void kvHistoriesReadAnEmptyValueAsNoValue() {
    List<Op> ops = PorcupineHistories.kv(List.of(
        "{:process 0, :type :invoke, :f :get, :key \"5\", :value nil}",
        "{:process 1, :type :invoke, :f :append, :key \"5\", :value \"x 1 0 y\"}",
        "{:process 0, :type :ok, :f :get, :key \"5\", :value \"\"}",
        "{:process 1, :type :ok, :f :append, :key \"5\", :value \"x 1 0 y\"}",
        "{:process 0, :type :invoke, :f :put, :key \"6\", :value \"a\"}",
        "{:process 0, :type :ok, :f :put, :key \"6\", :value \"a\"}",
        "{:process 1, :type :invoke, :f :get, :key \"5\", :value nil}",
        "{:process 1, :type :ok, :f :get, :key \"5\", :value \"x 1 0 y\"}"));
    assertEquals(4, ops.size());
    assertNull(ops.get(0).value());
    assertEquals("append(5, x 1 0 y)", ops.get(1).callText());
    assertEquals("put(6, a)", ops.get(2).callText());
    assertEquals("get = x 1 0 y", ops.get(3).outcomeText());
    assertEquals(CheckResult.Verdict.OK, new LinearizabilityChecker().check(ops).verdict());
  }

  @Test
  void malformedHistoriesAreRefusedWithTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PorcupineHistories.jepsen(List.of(jepsen(0, "invoke", "read", "nil"), "garbage")));
    assertEquals("line 2: not a Jepsen log line: garbage", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> PorcupineHistories.jepsen(List.of(jepsen(3, "ok", "read", "1"))));
    assertEquals("line 1: process 3 completes an operation it did not invoke", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PorcupineHistories.jepsen(List.of(
        jepsen(3, "invoke", "read", "nil"), jepsen(3, "ok", "write", "1"))));
    assertEquals("line 2: process 3 invoked get(r) but completes a WRITE", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PorcupineHistories.kv(List.of(
        "{:process 0, :type :invoke, :f :put, :key \"6\", :value \"\"}")));
    assertTrue(e.getMessage().startsWith("line 1: a put of \"\" or nil, which cannot be told"
        + " from no value"), e.getMessage());
  }

  @Test
  void casesCarryThePublishedVerdicts(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("expected.tsv"),
        "file\tlinearizable\njepsen/a.log\ttrue\njepsen/b.log\tfalse\njepsen/c.log\tnull\n");
    assertEquals(List.of(new PorcupineHistories.Case("jepsen/a.log", true),
        new PorcupineHistories.Case("jepsen/b.log", false),
        new PorcupineHistories.Case("jepsen/c.log", null)), PorcupineHistories.cases(dir));
    Files.writeString(dir.resolve("expected.tsv"), "file\tlinearizable\njepsen/a.log\tyes\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PorcupineHistories.cases(dir));
    assertEquals("expected.tsv line 2: want <file> TAB true|false|null, got: jepsen/a.log\tyes",
        e.getMessage());
  }

  @Test
  void anEmptyLogIsAnEmptyHistory(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("etcd_095.log"), "");
    assertEquals(List.of(), PorcupineHistories.read(empty));
    Path other = Files.writeString(dir.resolve("history.edn"), "");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PorcupineHistories.read(other));
    assertEquals("not a porcupine history (want .log or .txt): " + other, e.getMessage());
  }
}
