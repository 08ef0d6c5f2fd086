package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  private record Entry(long time, long order, Event event) {}

  @Test
  void takesEventsInTimeOrderAndTiesInTheOrderTheyWereAdded() {
    SplittableRandom rng = new SplittableRandom(1);
    EventQueue q = new EventQueue();
    PriorityQueue<Entry> pending = new PriorityQueue<>(
        Comparator.comparingLong(Entry::time).thenComparingLong(Entry::order));
    long order = 0;
    long now = 0;
    for (int step = 0; step < 200_000; step++) {
      if (pending.isEmpty() || rng.nextInt(3) > 0) {
        // mostly near events, some far beyond the wheel, many ties
        long delay = rng.nextInt(10) == 0 ? rng.nextLong(20_000) : rng.nextInt(30);
        Event e = new Event(Event.ACTION, -1, -1, 0, order, null);
        q.add(now + delay, e);
        pending.add(new Entry(now + delay, order++, e));
      } else {
        Entry expected = pending.poll();
        assertEquals(expected.time(), q.peekTime());
        assertSame(expected.event(), q.poll(), "step " + step);
        now = expected.time();
      }
      assertEquals(pending.size(), q.size());
    }
  }

  @Test
  void aFarEventAndANearEventAtTheSameTimeKeepTheirOrder() {
    EventQueue q = new EventQueue();
    Event far = new Event(Event.ACTION, -1, -1, 0, 1, null);
    q.add(10_000, far);
    Event step = new Event(Event.ACTION, -1, -1, 0, 2, null);
    q.add(9_000, step);
    assertSame(step, q.poll());
    Event near = new Event(Event.ACTION, -1, -1, 0, 3, null);
    q.add(10_000, near); // now within the wheel, added after the far one
    assertSame(far, q.poll());
    assertSame(near, q.poll());
    assertTrue(q.isEmpty());
  }

  @Test
  void theQueueRefusesThePast() {
    EventQueue q = new EventQueue();
    q.add(50, new Event(Event.ACTION, -1, -1, 0, 0, null));
    q.poll();
    assertThrows(IllegalArgumentException.class,
        () -> q.add(49, new Event(Event.ACTION, -1, -1, 0, 0, null)));
  }
}
