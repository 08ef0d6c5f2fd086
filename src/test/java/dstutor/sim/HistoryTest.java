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
  void misuseIsRefused() {
    History h = new History();
    int w = h.invoke("c1", Op.Kind.WRITE, "k", "v1", 10);
    assertThrows(IllegalArgumentException.class, () -> h.ok(w, null, 9));
    h.fail(w, "refused", 11);
    assertThrows(IllegalStateException.class, () -> h.ok(w, null, 12));
    assertThrows(IllegalArgumentException.class, () -> h.ok(7, null, 12));
  }
}
