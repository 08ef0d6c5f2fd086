import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the hinted-handoff exercise. Every run drives the learner's HintedHandoff and
 * the suite's own model of brief.md side by side, through replicas that record every call of
 * deliver; after each call it compares the return value, pendingHints per replica and the exact
 * deliveries of that call with the model, and names the rule that differs. Expected values come
 * from the model, never from the learner's earlier answers. Tests run simplest first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class HintedHandoffSuite {
  private static final String EVERY = "hint-every-down-replica";
  private static final String ONCE = "deliver-once-then-drop";
  private static final String NEWEST = "newest-hint-wins";
  private static final String WINDOW = "hint-window";
  private static final String ACKS = "sloppy-acks";
  private static final String BYTES = "own-your-bytes";
  private static final String ARGS = "arguments";

  @Test
  @Order(1)
  @DisplayName("bad arguments are rejected before anything is delivered; a window of 0 is valid")
  @Hint(ARGS)
  void badArgumentsAreRejected() {
    for (long bad : new long[] {-1, Long.MIN_VALUE}) {
      try {
        new HintedHandoff(bad);
        fail("new HintedHandoff(" + bad + ") returned; expected IllegalArgumentException: the"
            + " window must be >= 0.");
      } catch (IllegalArgumentException expected) {
        // right
      }
    }
    try {
      new HintedHandoff(0);
    } catch (IllegalArgumentException e) {
      fail("new HintedHandoff(0) threw " + e + "; a window of 0 is valid.");
    }
    HintedHandoff h = new HintedHandoff(10);
    Spy a = new Spy("a");
    Spy b = new Spy("b");
    int[][] cases = {{0, 2}, {3, 2}, {-1, 2}, {1, 0}};
    for (int[] c : cases) {
      int w = c[0];
      List<HandoffReplica> list = c[1] == 0 ? List.of() : List.of(a, b);
      try {
        h.write("k", bytes("v"), 1, list, w, 0);
        fail("write(\"k\", ..., " + list.size() + " replicas, w = " + w + ") returned;"
            + " expected IllegalArgumentException: w must be in 1.." + list.size() + ".");
      } catch (IllegalArgumentException expected) {
        if (a.calls + b.calls > 0) {
          fail("write with w = " + w + " and " + list.size() + " replicas threw, but only after"
              + " calling deliver: check the arguments first.");
        }
      }
    }
  }

  @Test
  @Order(2)
  @DisplayName("a write acknowledged while a replica was down reaches it after recovery, once")
  @Hint(ONCE)
  void downReplicaGetsItsWriteOnce() {
    Run r = new Run(1_000, 3);
    r.down(1);
    r.write("k", 3, 0, 1, 2);
    r.write("j", 2, 0, 1, 2);
    r.replay(); // still down: hints stay
    r.tick(10);
    r.up(1);
    r.replay();
    r.replay(); // nothing left
    r.settle();
  }

  @Test
  @Order(3)
  @DisplayName("every down replica gets its own hint, delivered to it and no other")
  @Hint(EVERY)
  void everyDownReplicaGetsItsOwnHint() {
    Run r = new Run(1_000, 4);
    r.down(1);
    r.down(3);
    r.write("k", 4, 0, 1, 2, 3);
    r.write("m", 1, 3, 2, 1, 0);
    r.up(3);
    r.replay();
    r.write("n", 4, 1, 3, 0, 2);
    r.up(1);
    r.replay();
    r.settle();
  }

  @Test
  @Order(4)
  @DisplayName("a newer hint replaces an older one for the same replica and key, never the reverse")
  @Hint(NEWEST)
  void newestHintWins() {
    Run r = new Run(1_000, 3);
    r.down(2);
    r.writeV("k", 50, 3, 0, 1, 2);
    r.writeV("k", 30, 3, 0, 1, 2); // older, late
    r.writeV("j", 10, 3, 0, 1, 2);
    r.writeV("j", 20, 3, 0, 1, 2); // newer
    r.up(2);
    r.replay();
    r.settle();
  }

  @Test
  @Order(5)
  @DisplayName("a replica down for the window still gets hints; one millisecond longer, none")
  @Hint(WINDOW)
  void windowBoundary() {
    for (long window : new long[] {0, 100}) {
      Run r = new Run(window, 3);
      r.down(0);
      r.write("a", 1, 0, 1, 2); // down since now
      r.tick(window);
      r.write("b", 3, 0, 1, 2); // exactly the window: hinted
      r.tick(1);
      r.write("c", 3, 0, 1, 2); // past it: no hint, no ack
      r.replay();
      r.up(0);
      r.write("d", 3, 0, 1, 2); // back: clears down since
      r.replay();
      r.down(0);
      r.tick(window);
      r.write("e", 3, 1, 0, 2); // down since this write: hinted
      r.tick(window + 1);
      r.replay(); // a failed replay does not move down since
      r.write("f", 2, 1, 2, 0); // past the window
      r.up(0);
      r.settle();
    }
  }

  @Test
  @Order(6)
  @DisplayName("a hint carries the bytes as they were at the write")
  @Hint(BYTES)
  void hintCopiesTheValue() {
    Run r = new Run(1_000, 2);
    r.down(1);
    r.write("k", 1, 0, 1);
    r.up(1);
    r.replay();
    r.settle();
  }

  @Test
  @Order(7)
  @DisplayName("random up/down schedules: every return, count and delivery matches the model")
  @Hint(ONCE)
  void randomSchedules() {
    Seeds.forEach(200, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      long[] windows = {0, 5, 40, 200};
      int n = 3 + rnd.nextInt(3);
      Run r = new Run(windows[rnd.nextInt(windows.length)], n);
      Set<Long> used = new HashSet<>();
      long version = 100;
      for (int step = 0; step < 120; step++) {
        r.tick(rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(30));
        int op = rnd.nextInt(100);
        if (op < 15) {
          int i = rnd.nextInt(n);
          if (r.spies[i].up) {
            r.down(i);
          } else {
            r.up(i);
          }
        } else if (op < 30) {
          r.replay();
        } else {
          int size = 1 + rnd.nextInt(n);
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            order.add(i);
          }
          for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Integer t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
          }
          int[] idx = new int[size];
          for (int i = 0; i < size; i++) {
            idx[i] = order.get(i);
          }
          version += 1 + rnd.nextInt(3);
          long v = version;
          if (rnd.nextInt(5) == 0) { // a late write with an older version
            do {
              v = Math.max(1, version - 1 - rnd.nextInt(40));
            } while (used.contains(v));
          }
          if (used.contains(v)) {
            version += 5;
            v = version;
          }
          used.add(v);
          r.writeV("k" + rnd.nextInt(6), v, 1 + rnd.nextInt(size), idx);
        }
      }
      r.settle();
    });
  }

  @Test
  @Order(8)
  @DisplayName("thousands of hints: all kept while down, all delivered once after recovery")
  @Hint(ONCE)
  void thousandsOfHints() {
    Run r = new Run(1_000_000, 3);
    r.down(2);
    for (int i = 0; i < 4_000; i++) {
      r.writeV("key-" + (i % 2_500), 10 + i, 3, 0, 1, 2);
      if (i % 1_000 == 999) {
        r.replay();
      }
    }
    r.up(2);
    r.replay();
    r.replay();
    r.settle();
  }

  // ---------------------------------------------------------------------------------------------

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** One delivery a replica took: key, version, value. */
  private record Delivery(String key, long version, String value) {
    @Override
    public String toString() {
      return key + "@" + version + "=\"" + value + "\"";
    }
  }

  /** The suite's replica: up or down as the run says, and a record of every delivery. */
  private static final class Spy implements HandoffReplica {
    final String name;
    boolean up = true;
    int calls;
    int checked;
    final Set<String> seen = new HashSet<>();
    final List<Delivery> log = new ArrayList<>();

    Spy(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean deliver(String key, byte[] value, long version) {
      calls++;
      if (!up) {
        return false;
      }
      log.add(new Delivery(key, version, str(value.clone())));
      return true;
    }
  }

  /** The model of brief.md: the coordinator's hints and down-since, and each replica's data. */
  private static final class Model {
    final long window;
    final Map<String, Map<String, Delivery>> hints = new HashMap<>();
    final Map<String, Long> downSince = new HashMap<>();
    final Map<String, Map<String, Delivery>> held = new HashMap<>();
    final Set<String> hinted = new HashSet<>();

    boolean everHinted(String name, Delivery d) {
      return hinted.contains(name + "/" + d.key() + "@" + d.version());
    }

    Model(long window) {
      this.window = window;
    }

    int pending(String name) {
      Map<String, Delivery> m = hints.get(name);
      return m == null ? 0 : m.size();
    }

    void delivered(String name, Delivery d) {
      downSince.remove(name);
      Delivery old = held.computeIfAbsent(name, x -> new HashMap<>()).get(d.key());
      if (old == null || d.version() > old.version()) {
        held.get(name).put(d.key(), d);
      }
    }

    void failed(String name, long now) {
      downSince.putIfAbsent(name, now);
    }
  }

  /** A learner's coordinator, the model, and the replicas, checked after every call. */
  private static final class Run {
    final HintedHandoff subject;
    final Model model;
    final Spy[] spies;
    final List<String> trace = new ArrayList<>();
    final byte[] buffer = new byte[64];
    long now = 1;

    Run(long window, int n) {
      subject = new HintedHandoff(window);
      model = new Model(window);
      spies = new Spy[n];
      for (int i = 0; i < n; i++) {
        spies[i] = new Spy("r" + i);
      }
      trace.add("new HintedHandoff(" + window + ") with replicas r0..r" + (n - 1));
    }

    void tick(long millis) {
      now += millis;
    }

    void down(int i) {
      spies[i].up = false;
      trace.add("r" + i + " goes down");
    }

    void up(int i) {
      spies[i].up = true;
      trace.add("r" + i + " comes back");
    }

    void write(String key, int w, int... idx) {
      writeV(key, 1_000 + trace.size(), w, idx);
    }

    void writeV(String key, long version, int w, int... idx) {
      String value = key + "-v" + version;
      List<HandoffReplica> list = new ArrayList<>();
      StringBuilder names = new StringBuilder();
      for (int i : idx) {
        list.add(spies[i]);
        names.append(names.length() == 0 ? "" : ", ").append(spies[i].name);
        names.append(spies[i].up ? "" : " (down)");
      }
      String call = "at " + now + ": write(\"" + key + "\", \"" + value + "\", " + version + ", ["
          + names + "], w = " + w + ")";
      trace.add(call);
      // The caller's buffer: exactly the value's bytes, reused and scribbled over afterwards.
      byte[] v = bytes(value);
      byte[] arg = Arrays.copyOf(v, v.length);
      // Model first.
      int acks = 0;
      Map<String, Delivery> expectDelivered = new TreeMap<>();
      Map<String, String> causes = new TreeMap<>();
      Delivery d = new Delivery(key, version, value);
      boolean firstDown = true;
      for (int i : idx) {
        Spy s = spies[i];
        if (s.up) {
          model.delivered(s.name, d);
          expectDelivered.put(s.name, d);
          acks++;
          causes.put(s.name, "took the write directly, so it gets no hint");
        } else {
          model.failed(s.name, now);
          long since = model.downSince.get(s.name);
          if (now - since <= model.window) {
            Map<String, Delivery> m = model.hints.computeIfAbsent(s.name, x -> new HashMap<>());
            Delivery old = m.get(key);
            if (old == null || version > old.version()) {
              m.put(key, d);
              model.hinted.add(s.name + "/" + key + "@" + version);
            }
            acks++;
            causes.put(s.name, (old == null ? "is down (since " + since + ", window "
                + model.window + "), so it gets a hint" + (firstDown ? "" : "; it is not the"
                + " first down replica of the list, and every down replica gets its own")
                : "already has a hint for \"" + key + "\" at version " + old.version() + ", which "
                + (version > old.version() ? "this newer write replaces" : "this older write"
                + " must not replace: one hint per (replica, key), the newest"))
                + (now - since == model.window ? " (now - downSince = " + (now - since)
                + " = the window: still hinted)" : ""));
          } else {
            causes.put(s.name, "has been down since " + since + ", " + (now - since)
                + " ms > window " + model.window + ", so it gets no hint");
          }
          firstDown = false;
        }
      }
      boolean expected = acks >= w;
      int[] callsBefore = calls();
      boolean got;
      try {
        got = subject.write(key, arg, version, list, w, now);
      } catch (RuntimeException e) {
        throw Because.of(ONCE, call + " threw " + e + history(), e);
      }
      Arrays.fill(arg, (byte) '#');
      Set<Integer> listed = new HashSet<>();
      for (int i : idx) {
        listed.add(i);
      }
      for (int i = 0; i < spies.length; i++) {
        int c = spies[i].calls - callsBefore[i];
        if (c != (listed.contains(i) ? 1 : 0)) {
          throw Because.of(EVERY, call + " called " + spies[i].name + ".deliver " + c
              + " time(s); expected " + (listed.contains(i) ? "exactly once: each replica of the"
              + " list once, and a false means down, so hint it instead of retrying"
              : "no call: it is not a replica of this write") + "." + history());
        }
      }
      checkDeliveries(call, expectDelivered, EVERY);
      checkPending(call, causes);
      if (got != expected) {
        throw Because.of(ACKS, call + " returned " + got + "; expected " + expected + ": "
            + acks + " acknowledgement(s) (deliveries plus replicas hinted by this write) against"
            + " w = " + w + "." + history());
      }
    }

    void replay() {
      String call = "at " + now + ": replay()";
      trace.add(call);
      Map<String, List<Delivery>> expect = new TreeMap<>();
      int count = 0;
      for (Spy s : spies) {
        Map<String, Delivery> m = model.hints.get(s.name);
        if (m == null || m.isEmpty()) {
          continue;
        }
        if (s.up) {
          List<Delivery> ds = new ArrayList<>(m.values());
          for (Delivery d : ds) {
            model.delivered(s.name, d);
          }
          expect.put(s.name, ds);
          count += ds.size();
          m.clear();
        } else {
          model.failed(s.name, now);
        }
      }
      int[] callsBefore = calls();
      int got;
      try {
        got = subject.replay(now);
      } catch (RuntimeException e) {
        throw Because.of(ONCE, call + " threw " + e + history(), e);
      }
      for (int i = 0; i < spies.length; i++) {
        int c = spies[i].calls - callsBefore[i];
        int hints = model.pending(spies[i].name) + expect.getOrDefault(spies[i].name,
            List.of()).size();
        if (c > hints || (hints > 0 && c == 0)) {
          throw Because.of(ONCE, call + " called " + spies[i].name + ".deliver " + c
              + " time(s) with " + hints + " hint(s) pending for it; expected " + (c == 0
              ? "at least one try: every replica with pending hints is tried once per replay"
              : "at most " + hints + ": each pending hint is tried once per replay, and a"
              + " failed one waits for the next replay") + "." + history());
        }
      }
      for (Spy s : spies) {
        List<Delivery> want = expect.getOrDefault(s.name, List.of());
        checkLog(call, s, want, ONCE);
      }
      for (Spy s : spies) {
        int p = subject.pendingHints(s.name);
        int want = model.pending(s.name);
        if (p != want) {
          throw Because.of(ONCE, "after " + call + ", pendingHints(\"" + s.name + "\") = " + p
              + "; expected " + want + ": " + (s.up ? s.name + " is up, so each of its hints"
              + " was delivered and must be dropped" : s.name + " is down, so its deliveries"
              + " failed and its hints must stay for the next replay") + "." + history());
        }
      }
      if (got != count) {
        throw Because.of(ONCE, call + " returned " + got + "; expected " + count
            + ", the number of hints delivered." + history());
      }
      checkTotal(call);
    }

    /** Every replica up, one replay, then every replica holds what the model says. */
    void settle() {
      for (int i = 0; i < spies.length; i++) {
        if (!spies[i].up) {
          up(i);
        }
      }
      tick(1);
      replay();
      for (Spy s : spies) {
        Map<String, Delivery> held = new TreeMap<>();
        for (Delivery d : s.log) {
          Delivery old = held.get(d.key());
          if (old == null || d.version() > old.version()) {
            held.put(d.key(), d);
          }
        }
        Map<String, Delivery> want = new TreeMap<>(model.held.getOrDefault(s.name, Map.of()));
        if (!held.equals(want)) {
          throw Because.of(ONCE, "with every replica back and one replay done, " + s.name
              + " holds " + held.values() + "; expected " + want.values() + ": every write it"
              + " took or was hinted for, newest version per key." + history());
        }
      }
    }

    private void checkDeliveries(String call, Map<String, Delivery> expect, String hint) {
      for (Spy s : spies) {
        Delivery d = expect.get(s.name);
        checkLog(call, s, d == null ? List.of() : List.of(d), hint);
      }
    }

    private void checkLog(String call, Spy s, List<Delivery> want, String hint) {
      List<Delivery> got = new ArrayList<>(s.log.subList(s.checked, s.log.size()));
      s.checked = s.log.size();
      Map<String, Delivery> w = new TreeMap<>();
      for (Delivery d : want) {
        w.put(d.key() + "@" + d.version(), d);
      }
      Map<String, Delivery> g = new TreeMap<>();
      for (Delivery d : got) {
        if (g.put(d.key() + "@" + d.version(), d) != null) {
          throw Because.of(ONCE, call + " delivered " + d + " to " + s.name + " twice."
              + history());
        }
      }
      if (g.equals(w)) {
        s.seen.addAll(g.keySet());
        return;
      }
      for (Map.Entry<String, Delivery> e : g.entrySet()) {
        Delivery want1 = w.get(e.getKey());
        if (want1 != null && !want1.value().equals(e.getValue().value())) {
          throw Because.of(BYTES, call + " delivered " + e.getValue() + " to " + s.name
              + "; the value written was \"" + want1.value() + "\": the caller changed its"
              + " array after write returned, and the hint must keep the bytes of the call."
              + history());
        }
      }
      String why = "";
      String cause = hint;
      for (Delivery d : got) {
        if (s.seen.contains(d.key() + "@" + d.version())) {
          why = " " + d + " had already been delivered to " + s.name + ": a delivered hint is"
              + " dropped and never sent again.";
          cause = ONCE;
          break;
        }
        String k = d.key() + "@" + d.version();
        if (!w.containsKey(k) && !model.everHinted(s.name, d)) {
          why = " " + s.name + " was never a down replica of that write: hints go to the"
              + " replica they were stored for.";
          cause = EVERY;
        }
        for (Delivery x : want) {
          if (x.key().equals(d.key()) && x.version() > d.version()) {
            why = " The newest hint for " + s.name + " and \"" + d.key() + "\" was version "
                + x.version() + ": an older write must not replace it.";
            cause = NEWEST;
          }
        }
      }
      throw Because.of(cause, call + " delivered " + got + " to " + s.name + "; expected "
          + want + "." + why + history());
    }

    private void checkPending(String call, Map<String, String> causes) {
      for (Spy s : spies) {
        int p = subject.pendingHints(s.name);
        int want = model.pending(s.name);
        if (p == want) {
          continue;
        }
        String cause = causes.get(s.name);
        String hint = EVERY;
        if (cause == null) {
          cause = "was not a replica of this write, so its hints must not change";
        } else if (cause.contains("already has a hint")) {
          hint = NEWEST;
        } else if (cause.contains("ms > window") || cause.contains("= the window")) {
          hint = WINDOW;
        } else if (cause.contains("is down (since") && !cause.contains("since " + now + ",")) {
          hint = WINDOW;
        }
        throw Because.of(hint, "after " + call + ", pendingHints(\"" + s.name + "\") = " + p
            + "; expected " + want + ": " + s.name + " " + cause + "."
            + (hint.equals(WINDOW) ? " Down since is the time of its first failed delivery"
            + " since its last successful one, from the now you are given." : "") + history());
      }
      checkTotal(call);
    }

    private void checkTotal(String call) {
      int total = 0;
      for (Spy s : spies) {
        total += model.pending(s.name);
      }
      int p = subject.pendingHints();
      if (p != total) {
        throw Because.of(NEWEST, "after " + call + ", pendingHints() = " + p + "; expected "
            + total + ", the sum of pendingHints(name) over the replicas: one per (replica,"
            + " key)." + history());
      }
    }

    private int[] calls() {
      int[] c = new int[spies.length];
      for (int i = 0; i < spies.length; i++) {
        c[i] = spies[i].calls;
      }
      return c;
    }

    private String history() {
      int from = Math.max(0, trace.size() - 14);
      StringBuilder b = new StringBuilder("\nThe run so far");
      b.append(from > 0 ? " (last 14 steps of " + trace.size() + "):" : ":");
      for (String t : trace.subList(from, trace.size())) {
        b.append("\n  ").append(t);
      }
      return b.toString();
    }
  }
}
