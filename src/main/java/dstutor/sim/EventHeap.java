package dstutor.sim;

import java.util.Arrays;

/**
 * A binary min-heap of events ordered by (time, sequence number), for events beyond the reach of
 * {@link EventQueue}'s wheel. Parallel primitive arrays keep it free of comparator calls and
 * boxing; the sequence number makes ties deterministic (first scheduled, first run).
 */
final class EventHeap {
  private long[] times = new long[256];
  private long[] seqs = new long[256];
  private Event[] events = new Event[256];
  private int size;
  private long nextSeq;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The time of the earliest event; only valid when not empty. */
  long peekTime() {
    return times[0];
  }

  void add(long time, Event e) {
    if (size == times.length) {
      int n = size * 2;
      times = Arrays.copyOf(times, n);
      seqs = Arrays.copyOf(seqs, n);
      events = Arrays.copyOf(events, n);
    }
    long seq = nextSeq++;
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      long pt = times[parent];
      if (pt < time || (pt == time && seqs[parent] < seq)) {
        break;
      }
      times[i] = pt;
      seqs[i] = seqs[parent];
      events[i] = events[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    events[i] = e;
  }

  /** Removes and returns the earliest event. */
  Event poll() {
    Event top = events[0];
    int n = --size;
    long time = times[n];
    long seq = seqs[n];
    Event last = events[n];
    events[n] = null;
    int i = 0;
    int half = n >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < n
          && (times[right] < times[child]
              || (times[right] == times[child] && seqs[right] < seqs[child]))) {
        child = right;
      }
      long ct = times[child];
      if (time < ct || (time == ct && seq < seqs[child])) {
        break;
      }
      times[i] = ct;
      seqs[i] = seqs[child];
      events[i] = events[child];
      i = child;
    }
    if (n > 0) {
      times[i] = time;
      seqs[i] = seq;
      events[i] = last;
    }
    return top;
  }
}
