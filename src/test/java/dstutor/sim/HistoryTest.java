package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistoryTest {
  @Test
  void recordsCallsAndOutcomesInOrder() {
    History h = new History();
    int w = h.invoke("c1", Op.Kind.WRITE, "k", "v1", 0);
    int r = h.invoke("c2", Op.Kind.READ, "k", "ignored", 1);
    assertTrue(h.isPending(w));
    h.ok(w, null, 5);
    h.ok(r, "v1", 6);
    int lost = h.invoke("c1", Op.Kind.WRITE, "k", "v2", 7);
    h.unknown(lost, "no reply within 50 ms", 57);
    assertFalse(h.isPending(lost));
    Op write = h.get(w);
    assertEquals("put(k, v1)", write.callText());
    assertEquals("put ok", write.outcomeText());
    assertEquals(0, write.call());
    assertEquals(2, write.ret());
    assertEquals("get = v1", h.get(r).outcomeText());
    assertEquals(Long.MAX_VALUE, h.get(lost).ret());
    assertEquals("put unknown (no reply within 50 ms)", h.get(lost).outcomeText());
  }

  @Test
  void compareAndSetAndAppendAreRecordedAndShown() {
    History h = new History();
    int swap = h.invokeCas("c1", "k", "v1", "v2", 0);
    int differ = h.invokeCas("c2", "k", null, "v3", 1);
    int lost = h.invokeCas("c3", "k", "v2", "v4", 2);
    int refused = h.invokeCas("c4", "k", "v2", "v5", 3);
    int add = h.invoke("c5", Op.Kind.APPEND, "k", "x", 4);
    h.ok(swap, "ignored", 5);
    h.valueDiffered(differ, 6);
    h.unknown(lost, "timed out", 7);
    h.fail(refused, "not the leader", 8);
    h.ok(add, null, 9);

    Op swapped = h.get(swap);
    assertEquals("cas(k, v1, v2)", swapped.callText());
    assertEquals("cas ok", swapped.outcomeText());
    assertEquals(Op.Status.OK, swapped.status());
    assertTrue(swapped.swapped());
    assertEquals("v1", swapped.expected());
    assertEquals("v2", swapped.value());

    Op differed = h.get(differ);
    assertEquals("cas(k, (none), v3)", differed.callText());
    assertEquals("cas failed: value differed", differed.outcomeText());
    assertEquals(Op.Status.OK, differed.status(), "a result, not a failure to record");
    assertFalse(differed.swapped());

    assertEquals("cas unknown (timed out)", h.get(lost).outcomeText());
    assertEquals(Long.MAX_VALUE, h.get(lost).ret());
    assertEquals("cas failed (not the leader)", h.get(refused).outcomeText());
    assertEquals(Op.Status.FAIL, h.get(refused).status());
    assertEquals("append(k, x)", h.get(add).callText());
    assertEquals("append ok", h.get(add).outcomeText());
    assertEquals("x", h.get(add).value());
  }

  @Test
  void compareAndSetMisuseIsRefused() {
    History h = new History();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> h.invoke("c1", Op.Kind.CAS, "k", "v1", 0));
    assertEquals("a cas needs the value it compares with: use invokeCas(process, key, expected,"
        + " value, time)", e.getMessage());
    int w = h.invoke("c1", Op.Kind.WRITE, "k", "v1", 0);
    e = assertThrows(IllegalArgumentException.class, () -> h.valueDiffered(w, 1));
    assertEquals("operation 0 is not a cas: put(k, v1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Op(0, "c1", Op.Kind.WRITE, "k",
        null, "v1", Op.Status.OK, true, 0, 1, 0, 1, ""));
    assertEquals("swapped is only for a completed cas, not for WRITE OK", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Op(0, "c1", Op.Kind.READ, "k",
        "v0", null, Op.Status.OK, false, 0, 1, 0, 1, ""));
    assertEquals("expected is only for a cas, not for READ", e.getMessage());
  }

  @Test
  void misuseIsRefused() {
    History h = new History();
    int w = h.invoke("c1", Op.Kind.WRITE, "k", "v1", 10);
    assertThrows(IllegalArgumentException.class, () -> h.ok(w, null, 9));
    h.fail(w, "refused", 11);
    assertThrows(IllegalStateException.class, () -> h.ok(w, null, 12));
    assertThrows(IllegalArgumentException.class, () -> h.ok(7, null, 12));
  }
}
