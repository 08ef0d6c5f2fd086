import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.sim.CheckResult;
import dstutor.sim.History;
import dstutor.sim.LinearizabilityChecker;
import dstutor.sim.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for chubby-sequencers. The learner's ChubbyLockTable and ChubbyResourceServer
 * are driven with virtual time and compared, call by call, with the suite's own model of the
 * brief ({@link MTable}, {@link MServer}). In the random runs every request to a server is also
 * recorded in a {@link History} (invoked when the client sent it, completed when the server
 * answered; a paused holder's request is answered late) and each server's history is checked for
 * linearizability as registers with compare-and-set.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class ChubbySequencerSuite {
  static final String ARGS = "arguments";
  static final String GEN = "generations";
  static final String DELAY = "lock-delay";
  static final String CHECK = "check-sequencer";
  static final String SERVER = "server-checks";
  static final String CAS = "cas";

  static final ChubbyLockMode X = ChubbyLockMode.EXCLUSIVE;
  static final ChubbyLockMode S = ChubbyLockMode.SHARED;
  static final String L = "/ls/cell/db/primary";
  static final String M = "/ls/cell/db/backup";

  // --- the model ------------------------------------------------------------------------------

  /** The brief's lock table. */
  static class MTable {
    static final class Lock {
      final Map<String, ChubbyLockMode> modes = new LinkedHashMap<>();
      final Map<String, Long> delays = new HashMap<>();
      long generation;
      long until = Long.MIN_VALUE;
    }

    final Map<String, Lock> locks = new HashMap<>();

    Lock lock(String name) {
      return locks.computeIfAbsent(name, k -> new Lock());
    }

    /** Why {@code acquire} is refused, or null if it is granted. */
    String refusal(String lock, String client, ChubbyLockMode mode, long now) {
      Lock l = lock(lock);
      if (l.modes.containsKey(client)) {
        return client + " already holds it";
      }
      if (now < l.until) {
        return "it is under lock-delay until " + l.until;
      }
      if (!l.modes.isEmpty() && l.modes.containsValue(X)) {
        return "it is held EXCLUSIVE by " + l.modes.keySet();
      }
      if (!l.modes.isEmpty() && mode == X) {
        return "it is held SHARED by " + l.modes.keySet();
      }
      return null;
    }

    ChubbySequencer acquire(String lock, String client, ChubbyLockMode mode, long delay,
        long now) {
      if (refusal(lock, client, mode, now) != null) {
        return null;
      }
      Lock l = lock(lock);
      if (l.modes.isEmpty()) {
        l.generation++;
      }
      l.modes.put(client, mode);
      l.delays.put(client, delay);
      return new ChubbySequencer(lock, mode, l.generation);
    }

    void release(String lock, String client) {
      Lock l = lock(lock);
      l.modes.remove(client);
      l.delays.remove(client);
    }

    void sessionLost(String client, long now) {
      for (Lock l : locks.values()) {
        if (l.modes.remove(client) != null) {
          l.until = Math.max(l.until, now + l.delays.remove(client));
        }
      }
    }

    boolean check(ChubbySequencer s) {
      if (s == null) {
        return false;
      }
      Lock l = locks.get(s.lock());
      return l != null && !l.modes.isEmpty() && l.modes.containsValue(s.mode())
          && l.generation == s.generation();
    }

    String describe(String lock) {
      Lock l = lock(lock);
      return lock + ": generation " + l.generation + ", holders " + l.modes
          + (l.until == Long.MIN_VALUE ? "" : ", delayed until " + l.until);
    }
  }

  /** The brief's resource server: {@link #verdict} says which check decides. */
  static final class MServer {
    final String lock;
    final MTable chubby;
    final Map<String, String> values = new HashMap<>();
    long newest;

    MServer(String lock, MTable chubby) {
      this.lock = lock;
      this.chubby = chubby;
    }

    /** Null if accepted, else the failing check's number and words. */
    String verdict(ChubbySequencer s, boolean writes) {
      if (s == null) {
        return "1: no sequencer";
      }
      if (!lock.equals(s.lock())) {
        return "1: it names lock " + s.lock() + ", not the server's " + lock;
      }
      if (writes && s.mode() != X) {
        return "2: a " + s.mode() + " sequencer cannot write";
      }
      if (s.generation() < newest) {
        return "3: generation " + s.generation() + " is older than the newest accepted, "
            + newest;
      }
      if (chubby != null && !chubby.check(s)) {
        return "4: CheckSequencer() says it is no longer valid";
      }
      return null;
    }

    /** Whether Chubby is asked for this request. */
    boolean asks(ChubbySequencer s, boolean writes) {
      String v = verdict(s, writes);
      return chubby != null && (v == null || v.startsWith("4"));
    }

    ChubbyResult apply(char kind, String key, String expected, String value,
        ChubbySequencer s) {
      if (verdict(s, kind != 'r') != null) {
        return new ChubbyResult(ChubbyResult.Status.REJECTED, null);
      }
      newest = Math.max(newest, s.generation());
      String current = values.get(key);
      switch (kind) {
        case 'r':
          return new ChubbyResult(ChubbyResult.Status.OK, current);
        case 'w':
          values.put(key, value);
          return new ChubbyResult(ChubbyResult.Status.OK, null);
        default:
          if (!Objects.equals(current, expected)) {
            return new ChubbyResult(ChubbyResult.Status.VALUE_DIFFERED, current);
          }
          values.put(key, value);
          return new ChubbyResult(ChubbyResult.Status.OK, null);
      }
    }
  }

  /** Chubby for a server under test: scripted or delegating, and counting its calls. */
  static final class Counting implements ChubbySequencerCheck {
    final ChubbySequencerCheck inner;
    Boolean answer;
    int calls;

    Counting(ChubbySequencerCheck inner) {
      this.inner = inner;
    }

    @Override
    public boolean checkSequencer(ChubbySequencer s) {
      calls++;
      return inner != null ? inner.checkSequencer(s) : answer;
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  static <T> T call(String hint, String what, Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw Because.of(hint, what + " threw " + e + where(e) + "; expected it to return.", e);
    }
  }

  static void expectThrows(String what, Runnable body) {
    try {
      body.run();
    } catch (IllegalArgumentException e) {
      return;
    } catch (RuntimeException e) {
      throw Because.of(ARGS, what + " threw " + e + where(e)
          + "; expected IllegalArgumentException.", e);
    }
    throw Because.of(ARGS, what + " returned normally; expected IllegalArgumentException.");
  }

  static String where(Throwable e) {
    for (StackTraceElement el : e.getStackTrace()) {
      String cls = el.getClassName();
      if (cls.equals("ChubbyLockTable") || cls.equals("ChubbyResourceServer")) {
        return " (at " + el.getFileName() + ":" + el.getLineNumber() + ")";
      }
    }
    return "";
  }

  static String q(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  static String seq(ChubbySequencer s) {
    return s == null ? "null" : "(" + s.lock() + ", " + s.mode() + ", " + s.generation() + ")";
  }

  static String res(ChubbyResult r) {
    return r == null ? "null" : r.status() + (r.value() == null ? "" : " " + q(r.value()));
  }

  /** A scripted run of a table (and servers) against the model, with its steps for messages. */
  static final class Script {
    final String title;
    final ChubbyLockTable table = new ChubbyLockTable();
    final MTable model = new MTable();
    final List<String> steps = new ArrayList<>();

    Script(String title) {
      this.title = title;
    }

    Because fail(String hint, String message) {
      StringBuilder sb = new StringBuilder(message).append('\n').append(title).append(':');
      int from = Math.max(0, steps.size() - 20);
      if (from > 0) {
        sb.append("\n  ... ").append(from).append(" earlier steps");
      }
      for (String s : steps.subList(from, steps.size())) {
        sb.append("\n  ").append(s);
      }
      return Because.of(hint, sb.toString());
    }

    ChubbySequencer acquire(String lock, String client, ChubbyLockMode mode, long delay,
        long now) {
      String what = "t=" + now + " acquire(" + q(lock) + ", " + q(client) + ", " + mode + ", "
          + delay + ", " + now + ")";
      String refusal = model.refusal(lock, client, mode, now);
      long generationBefore = model.lock(lock).modes.isEmpty() ? model.lock(lock).generation
          : Long.MAX_VALUE;
      String before = model.describe(lock);
      ChubbySequencer want = model.acquire(lock, client, mode, delay, now);
      ChubbySequencer got = call(GEN, what, () -> table.acquire(lock, client, mode, delay, now));
      steps.add(what + " = " + seq(got));
      if (!Objects.equals(got, want)) {
        // A free lock refused can only be a lock-delay mistake; so can a delayed lock granted.
        boolean delayCause = refusal != null && refusal.startsWith("it is under lock-delay")
            || want != null && got == null && want.generation() > generationBefore;
        throw fail(delayCause ? DELAY : GEN, what + " returned " + seq(got) + "; expected "
            + seq(want) + (refusal == null ? "" : ": " + refusal) + ". Before the call: "
            + before + (delayCause ? " (after a lost session the lock may not be taken while "
                + "now < until, and may be at until; a release sets no delay)"
                : " (the generation goes up by one when a free lock is taken; shared holders "
                    + "share it)") + ".");
      }
      return got;
    }

    void release(String lock, String client, long now) {
      String what = "t=" + now + " release(" + q(lock) + ", " + q(client) + ", " + now + ")";
      model.release(lock, client);
      call(GEN, what, () -> {
        table.release(lock, client, now);
        return null;
      });
      steps.add(what);
    }

    void lost(String client, long now) {
      String what = "t=" + now + " sessionLost(" + q(client) + ", " + now + ")";
      model.sessionLost(client, now);
      call(DELAY, what, () -> {
        table.sessionLost(client, now);
        return null;
      });
      steps.add(what);
    }

    void check(ChubbySequencer s) {
      boolean want = model.check(s);
      String what = "checkSequencer(" + seq(s) + ")";
      boolean got = call(CHECK, what, () -> table.checkSequencer(s));
      steps.add(what + " = " + got);
      if (got != want) {
        throw fail(CHECK, what + " returned " + got + "; expected " + want + ". Now: "
            + (s == null ? "" : model.describe(s.lock())) + ". A sequencer is valid exactly "
            + "while its lock is held, in its mode, at its generation.");
      }
    }
  }

  // --- properties -----------------------------------------------------------------------------

  @Test
  @Order(1)
  @DisplayName("null arguments and lock-delays outside [0, 60000] are refused; the bounds are accepted")
  @Hint(ARGS)
  void arguments() {
    ChubbyLockTable t = new ChubbyLockTable();
    expectThrows("acquire(null, \"c1\", EXCLUSIVE, 0, 0)", () -> t.acquire(null, "c1", X, 0, 0));
    expectThrows("acquire(L, null, EXCLUSIVE, 0, 0)", () -> t.acquire(L, null, X, 0, 0));
    expectThrows("acquire(L, \"c1\", null, 0, 0)", () -> t.acquire(L, "c1", null, 0, 0));
    for (long d : new long[] {-1, 60_001, Long.MIN_VALUE, Long.MAX_VALUE}) {
      expectThrows("acquire(L, \"c1\", EXCLUSIVE, " + d + ", 0)",
          () -> t.acquire(L, "c1", X, d, 0));
    }
    expectThrows("release(null, \"c1\", 0)", () -> t.release(null, "c1", 0));
    expectThrows("release(L, null, 0)", () -> t.release(L, null, 0));
    expectThrows("sessionLost(null, 0)", () -> t.sessionLost(null, 0));
    Script fresh = new Script("Lock-delays at the bounds, 0 and 60000");
    fresh.steps.add("(acquire calls refused with IllegalArgumentException changed nothing)");
    ChubbyLockTable t2 = new ChubbyLockTable();
    try {
      t2.acquire(L, "c1", X, 60_001, 0);
    } catch (IllegalArgumentException expected) {
      // refused, as the first checks required
    }
    ChubbySequencer first = call(ARGS, "acquire(L, \"c2\", EXCLUSIVE, 60000, 0) after a refused "
        + "acquire", () -> t2.acquire(L, "c2", X, 60_000, 0));
    if (first == null || first.generation() != 1) {
      throw Because.of(ARGS, "acquire(L, \"c2\", EXCLUSIVE, 60000, 0) after a refused acquire "
          + "(lock-delay 60001) returned " + seq(first) + "; expected (" + L + ", EXCLUSIVE, "
          + "1): a refused call changes nothing, and 60000 ms (one minute) is allowed.");
    }
    fresh.acquire(M, "c3", S, 0, 0);
    expectThrows("new ChubbyResourceServer(null, null)", () -> new ChubbyResourceServer(null,
        null));
    ChubbyResourceServer srv = call(ARGS, "new ChubbyResourceServer(L, null)",
        () -> new ChubbyResourceServer(L, null));
    ChubbySequencer ok = new ChubbySequencer(L, X, 1);
    expectThrows("read(null, " + seq(ok) + ")", () -> srv.read(null, ok));
    expectThrows("write(null, \"v\", " + seq(ok) + ")", () -> srv.write(null, "v", ok));
    expectThrows("write(\"k\", null, " + seq(ok) + ")", () -> srv.write("k", null, ok));
    expectThrows("compareAndSet(null, null, \"v\", " + seq(ok) + ")",
        () -> srv.compareAndSet(null, null, "v", ok));
    expectThrows("compareAndSet(\"k\", null, null, " + seq(ok) + ")",
        () -> srv.compareAndSet("k", null, null, ok));
    ChubbyResult r = call(ARGS, "read(\"k\", " + seq(ok) + ") after the refused calls",
        () -> srv.read("k", ok));
    if (r == null || r.status() != ChubbyResult.Status.OK || r.value() != null) {
      throw Because.of(ARGS, "read(\"k\", " + seq(ok) + ") after refused writes returned "
          + res(r) + "; expected OK with no value: a refused call changes nothing.");
    }
  }

  @Test
  @Order(2)
  @DisplayName("sequencers carry the lock, the mode and a generation that grows when a free lock is taken")
  @Hint(GEN)
  void generations() {
    Script s = new Script("Lock " + L + " (and " + M + ")");
    s.acquire(L, "c1", X, 0, 0);
    s.acquire(L, "c2", X, 0, 1);
    s.acquire(L, "c2", S, 0, 2);
    s.acquire(L, "c1", X, 0, 3);
    s.release(L, "c1", 4);
    s.acquire(L, "c2", X, 0, 5);
    s.lost("c2", 6);
    s.acquire(L, "c3", S, 0, 7);
    s.acquire(L, "c4", S, 0, 8);
    s.acquire(L, "c3", S, 0, 9);
    s.acquire(L, "c5", X, 0, 10);
    s.acquire(M, "c5", X, 0, 11);
    s.acquire(M, "c3", S, 0, 12);
    s.release(L, "c3", 13);
    s.acquire(L, "c5", X, 0, 14);
    s.acquire(L, "c6", S, 0, 15);
    s.release(L, "c4", 16);
    s.release(L, "c4", 17);
    s.acquire(L, "c5", X, 0, 18);
    s.acquire(L, "c4", S, 0, 19);
    for (int i = 0; i < 300; i++) {
      s.release(L, "c5", 20 + 2 * i);
      s.acquire(L, "c5", X, 0, 21 + 2 * i);
    }
    s.acquire("", "c1", S, 0, 1_000);
  }

  @Test
  @Order(3)
  @DisplayName("lock-delay: a lost holder's lock stays free for exactly its delay; a release has none")
  @Hint(DELAY)
  void lockDelay() {
    Script s = new Script("Lock-delay on " + L);
    s.acquire(L, "c1", X, 500, 0);
    s.lost("c1", 1_000);
    s.acquire(L, "c2", X, 0, 1_000);
    s.acquire(L, "c2", S, 0, 1_499);
    s.acquire(L, "c2", X, 0, 1_500);
    s.release(L, "c2", 1_600);
    s.acquire(L, "c3", S, 300, 1_600);
    s.acquire(L, "c4", S, 700, 1_601);
    s.lost("c4", 2_000);
    s.lost("c3", 2_100);
    s.acquire(L, "c5", S, 0, 2_699);
    s.acquire(L, "c5", S, 0, 2_700);
    s.release(L, "c5", 2_701);
    s.acquire(L, "c6", X, 60_000, 3_000);
    s.acquire(M, "c6", X, 10, 3_000);
    s.lost("c6", 4_000);
    s.acquire(M, "c7", X, 0, 4_010);
    s.acquire(L, "c7", X, 0, 63_999);
    s.acquire(L, "c7", X, 0, 64_000);
    s.lost("c8", 64_001);
    s.acquire(L, "c9", X, 0, 64_002);
    s.release(M, "c7", 64_003);
    s.acquire(M, "c9", X, 0, 64_003);
  }

  @Test
  @Order(4)
  @DisplayName("CheckSequencer() is true only for the current hold's lock, mode and generation")
  @Hint(CHECK)
  void checkSequencer() {
    Script s = new Script("CheckSequencer() on " + L);
    s.check(null);
    s.check(new ChubbySequencer(L, X, 0));
    ChubbySequencer a = s.acquire(L, "c1", X, 0, 0);
    s.check(a);
    s.check(new ChubbySequencer(L, S, 1));
    s.check(new ChubbySequencer(M, X, 1));
    s.check(new ChubbySequencer(L, X, 2));
    s.release(L, "c1", 1);
    s.check(a);
    ChubbySequencer b = s.acquire(L, "c2", S, 0, 2);
    s.acquire(L, "c3", S, 0, 3);
    s.check(b);
    s.check(a);
    s.check(new ChubbySequencer(L, X, 2));
    s.release(L, "c2", 4);
    s.check(b);
    s.lost("c3", 5);
    s.check(b);
    ChubbySequencer c = s.acquire(L, "c4", X, 0, 6);
    s.check(c);
    s.check(b);
    s.check(new ChubbySequencer(L, X, 1));
  }

  @Test
  @Order(5)
  @DisplayName("the server checks name, mode, generation, then Chubby once, and a rejection changes nothing")
  @Hint(SERVER)
  void serverChecks() {
    Counting chubby = new Counting(null);
    MTable scripted = new MTable() {
      @Override
      boolean check(ChubbySequencer s) {
        return chubby.answer;
      }
    };
    ChubbyResourceServer srv = call(SERVER, "new ChubbyResourceServer(L, chubby)",
        () -> new ChubbyResourceServer(L, chubby));
    MServer model = new MServer(L, scripted);
    List<String> steps = new ArrayList<>();
    Object[][] script = {
        {'w', "k1", null, "a", null, true},
        {'w', "k1", null, "a", new ChubbySequencer(M, X, 9), true},
        {'w', "k1", null, "a", new ChubbySequencer(L, S, 5), true},
        {'c', "k1", null, "a", new ChubbySequencer(L, S, 5), true},
        {'r', "k1", null, null, new ChubbySequencer(L, S, 5), false},
        {'r', "k1", null, null, new ChubbySequencer(L, S, 5), true},
        {'w', "k1", null, "a", new ChubbySequencer(L, X, 4), true},
        {'w', "k1", null, "b", new ChubbySequencer(L, X, 5), true},
        {'w', "k1", null, "c", new ChubbySequencer(L, X, 5), true},
        {'c', "k1", null, "d", new ChubbySequencer(L, X, 5), true},
        {'c', "k1", "c", "d", new ChubbySequencer(L, X, 5), true},
        {'c', "k2", null, "e", new ChubbySequencer(L, X, 5), true},
        {'w', "k2", null, "f", new ChubbySequencer(L, X, 8), false},
        {'w', "k2", null, "f", new ChubbySequencer(L, X, 6), true},
        {'w', "k3", null, "g", new ChubbySequencer(L, X, 5), true},
        {'c', "k1", "zz", "h", new ChubbySequencer(L, X, 7), true},
        {'w', "k3", null, "i", new ChubbySequencer(L, X, 6), true},
        {'r', "k2", null, null, new ChubbySequencer(L, S, 9), true},
        {'w', "k1", null, "j", new ChubbySequencer(L, X, 8), true},
        {'c', "k1", "d", "k", new ChubbySequencer(L, X, 9), true},
        {'r', "k1", null, null, new ChubbySequencer(L, X, 9), true},
        {'r', "k9", null, null, new ChubbySequencer(L, X, 9), true},
        {'w', "k1", null, "l", new ChubbySequencer(L, X, 3_000_000_000L), true},
        {'w', "k1", null, "m", new ChubbySequencer(L, X, 2_999_999_999L), true},
        {'r', "k1", null, null, new ChubbySequencer(L, S, Long.MAX_VALUE), true},
        {'r', "k1", null, null, new ChubbySequencer(L + "/", S, Long.MAX_VALUE), true},
    };
    for (Object[] step : script) {
      char kind = (Character) step[0];
      String key = (String) step[1];
      String expected = (String) step[2];
      String value = (String) step[3];
      ChubbySequencer sq = (ChubbySequencer) step[4];
      chubby.answer = (Boolean) step[5];
      int before = chubby.calls;
      boolean asks = model.asks(sq, kind != 'r');
      String verdict = model.verdict(sq, kind != 'r');
      ChubbyResult want = model.apply(kind, key, expected, value, sq);
      String what = switch (kind) {
        case 'r' -> "read(" + q(key) + ", " + seq(sq) + ")";
        case 'w' -> "write(" + q(key) + ", " + q(value) + ", " + seq(sq) + ")";
        default -> "compareAndSet(" + q(key) + ", " + q(expected) + ", " + q(value) + ", "
            + seq(sq) + ")";
      };
      ChubbyResult got = call(kind == 'c' ? CAS : SERVER, what, () -> switch (kind) {
        case 'r' -> srv.read(key, sq);
        case 'w' -> srv.write(key, value, sq);
        default -> srv.compareAndSet(key, expected, value, sq);
      });
      int calls = chubby.calls - before;
      String context = "\nServer guarding " + L + " with a Chubby session; Chubby "
          + (chubby.answer ? "says valid" : "says NOT valid") + " for this call. Steps so far:"
          + String.join("", steps.stream().map(x -> "\n  " + x).toList());
      steps.add(what + " = " + res(got));
      if (!Objects.equals(got, want)) {
        String hint = want.status() == ChubbyResult.Status.REJECTED
            || got != null && got.status() == ChubbyResult.Status.REJECTED ? SERVER : CAS;
        throw Because.of(hint, what + " returned " + res(got) + "; expected " + res(want)
            + (verdict == null ? " (all checks pass; newest is now " + model.newest + ")"
                : " (check " + verdict + ")") + "." + context);
      }
      if (calls != (asks ? 1 : 0)) {
        throw Because.of(CHECK, what + " called checkSequencer " + calls + " time(s); expected "
            + (asks ? 1 : 0) + (asks ? ": checks 1-3 passed, so ask Chubby exactly once."
                : ": check " + verdict + ", so the server answers REJECTED without asking "
                    + "Chubby.") + context);
      }
    }
  }

  @Test
  @Order(6)
  @DisplayName("a GC-paused holder's late write: rejected by CheckSequencer() at once, by a plain server once the new holder wrote")
  @Hint(CHECK)
  void pausedHolder() {
    for (boolean withChubby : new boolean[] {true, false}) {
      Script s = new Script("GC pause, server " + (withChubby ? "with" : "without")
          + " a Chubby session");
      ChubbyResourceServer srv = call(SERVER, "new ChubbyResourceServer(L, ...)",
          () -> new ChubbyResourceServer(L, withChubby ? s.table : null));
      MServer model = new MServer(L, withChubby ? s.model : null);
      ChubbySequencer one = s.acquire(L, "c1", X, 0, 0);
      serve(s, srv, model, 'w', "master", null, "c1 at 1", one, withChubby);
      s.steps.add("t=2 c1 sends write(\"master\", \"c1 again\") and pauses for a GC");
      s.lost("c1", 10);
      ChubbySequencer two = s.acquire(L, "c2", X, 0, 11);
      serve(s, srv, model, 'w', "master", null, "c1 again", one, withChubby);
      serve(s, srv, model, 'w', "master", null, "c2", two, withChubby);
      serve(s, srv, model, 'w', "master", null, "c1 once more", one, withChubby);
      serve(s, srv, model, 'r', "master", null, null, two, withChubby);
    }
  }

  static void serve(Script s, ChubbyResourceServer srv, MServer model, char kind, String key,
      String expected, String value, ChubbySequencer sq, boolean withChubby) {
    String what = switch (kind) {
      case 'r' -> "read(" + q(key) + ", " + seq(sq) + ")";
      case 'w' -> "write(" + q(key) + ", " + q(value) + ", " + seq(sq) + ")";
      default -> "compareAndSet(" + q(key) + ", " + q(expected) + ", " + q(value) + ", "
          + seq(sq) + ")";
    };
    String verdict = model.verdict(sq, kind != 'r');
    ChubbyResult want = model.apply(kind, key, expected, value, sq);
    ChubbyResult got = call(SERVER, what, () -> switch (kind) {
      case 'r' -> srv.read(key, sq);
      case 'w' -> srv.write(key, value, sq);
      default -> srv.compareAndSet(key, expected, value, sq);
    });
    s.steps.add(what + " = " + res(got));
    if (!Objects.equals(got, want)) {
      boolean chubbyCause = verdict != null && verdict.startsWith("4");
      String hint = chubbyCause ? CHECK : kind == 'c' && verdict == null ? CAS : SERVER;
      throw s.fail(hint, what + " returned " + res(got) + "; expected " + res(want)
          + (verdict == null ? "" : " (check " + verdict + ")")
          + (withChubby ? "" : ". This server has no Chubby session: it relies on the newest "
              + "generation it has accepted, so a stale holder gets through until the new "
              + "holder's first request arrives") + ".");
    }
  }

  @Test
  @Order(7)
  @DisplayName("random runs with paused holders: answers match the model and histories are linearizable, 150 seeds")
  @Hint(SERVER)
  void randomRuns() {
    Seeds.forEach(150, ChubbySequencerSuite::randomRun);
  }

  record Pending(String client, char kind, String key, String expected, String value,
      ChubbySequencer sequencer, int server, int op, long due) {}

  static void randomRun(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 11);
    Script s = new Script("Random run, seed " + seed);
    Counting[] chubbies = {new Counting(s.table), null};
    ChubbyResourceServer[] servers = {
        call(SERVER, "new ChubbyResourceServer(L, chubby)",
            () -> new ChubbyResourceServer(L, chubbies[0])),
        call(SERVER, "new ChubbyResourceServer(L, null)", () -> new ChubbyResourceServer(L,
            null))};
    MServer[] models = {new MServer(L, s.model), new MServer(L, null)};
    History[] histories = {new History(), new History()};
    String[] clients = {"c1", "c2", "c3", "c4"};
    Map<String, ChubbySequencer> held = new HashMap<>();
    List<Pending> late = new ArrayList<>();
    long now = 0;
    int values = 0;
    int steps = 40 + rnd.nextInt(41);
    for (int step = 0; step < steps; step++) {
      now += 1 + rnd.nextInt(40);
      for (int i = 0; i < late.size(); i++) {
        Pending p = late.get(i);
        if (p.due() <= now) {
          late.remove(i--);
          now++;
          deliver(s, p, servers, models, chubbies, histories, now, true);
        }
      }
      String c = clients[rnd.nextInt(clients.length)];
      int action = rnd.nextInt(10);
      if (action < 2) {
        String lock = rnd.nextInt(6) == 0 ? M : L;
        ChubbyLockMode mode = rnd.nextInt(3) == 0 ? S : X;
        long delay = new long[] {0, 0, 20, 60, 200}[rnd.nextInt(5)];
        ChubbySequencer got = s.acquire(lock, c, mode, delay, now);
        if (got != null) {
          held.put(c, got);
        }
      } else if (action < 3) {
        ChubbySequencer h = held.get(c);
        s.release(h == null ? L : h.lock(), c, now);
      } else if (action < 4) {
        s.lost(c, now);
      } else {
        ChubbySequencer mine = held.get(c);
        // Readers mostly read, so that most writes carry a writer's sequencer.
        char kind = mine != null && mine.mode() == S && rnd.nextInt(4) != 0 ? 'r'
            : "rwcc".charAt(rnd.nextInt(4));
        String key = "k" + rnd.nextInt(2);
        String value = "v" + (++values);
        int server = rnd.nextInt(2);
        String expected = switch (rnd.nextInt(3)) {
          case 0 -> null;
          case 1 -> models[server].values.get(key);
          default -> "v" + rnd.nextInt(Math.max(1, values));
        };
        ChubbySequencer sq = rnd.nextInt(25) == 0 ? null : mine;
        int op = kind == 'r' ? histories[server].invoke(c, Op.Kind.READ, key, null, now)
            : kind == 'w' ? histories[server].invoke(c, Op.Kind.WRITE, key, value, now)
                : histories[server].invokeCas(c, key, expected, value, now);
        Pending p = new Pending(c, kind, key, expected, value, sq, server, op,
            now + (rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(150) : 0));
        if (p.due() > now) {
          s.steps.add("t=" + now + " " + c + " sends " + describe(p) + " and pauses until "
              + p.due());
          late.add(p);
        } else {
          deliver(s, p, servers, models, chubbies, histories, now, false);
        }
      }
    }
    for (Pending p : late) {
      now++;
      deliver(s, p, servers, models, chubbies, histories, now, true);
    }
    for (int i = 0; i < 2; i++) {
      CheckResult r = new LinearizabilityChecker().check(histories[i].ops());
      if (r.isViolation()) {
        throw s.fail(SERVER, "The history of server " + (i == 0 ? "s1 (with Chubby)"
            : "s2 (without)") + " is not linearizable as a register per key with "
            + "compare-and-set: " + r.explanation());
      }
    }
  }

  /** Whether a fresh server of the learner's asks Chubby about sequencers checks 1-2 refuse. */
  static boolean asksBeforeItsChecks() {
    Counting c = new Counting(null);
    c.answer = true;
    try {
      ChubbyResourceServer srv = new ChubbyResourceServer(L, c);
      srv.write("k", "v", new ChubbySequencer(M, X, 1));
      srv.write("k", "v", new ChubbySequencer(L, S, 1));
    } catch (RuntimeException e) {
      return false;
    }
    return c.calls > 0;
  }

  static String describe(Pending p) {
    String server = p.server() == 0 ? "s1" : "s2";
    return server + "." + switch (p.kind()) {
      case 'r' -> "read(" + q(p.key()) + ", " + seq(p.sequencer()) + ")";
      case 'w' -> "write(" + q(p.key()) + ", " + q(p.value()) + ", " + seq(p.sequencer()) + ")";
      default -> "compareAndSet(" + q(p.key()) + ", " + q(p.expected()) + ", " + q(p.value())
          + ", " + seq(p.sequencer()) + ")";
    };
  }

  static void deliver(Script s, Pending p, ChubbyResourceServer[] servers, MServer[] models,
      Counting[] chubbies, History[] histories, long now, boolean late) {
    MServer model = models[p.server()];
    ChubbyResourceServer srv = servers[p.server()];
    Counting chubby = chubbies[p.server()];
    String what = "t=" + now + " " + (late ? "(late, from " + p.client() + ") " : p.client()
        + ": ") + describe(p);
    String verdict = model.verdict(p.sequencer(), p.kind() != 'r');
    boolean asks = model.asks(p.sequencer(), p.kind() != 'r');
    boolean modelCheck = p.sequencer() != null && s.model.check(p.sequencer());
    ChubbyResult want = model.apply(p.kind(), p.key(), p.expected(), p.value(), p.sequencer());
    int before = chubby == null ? 0 : chubby.calls;
    ChubbyResult got = call(p.kind() == 'c' ? CAS : SERVER, what, () -> switch (p.kind()) {
      case 'r' -> srv.read(p.key(), p.sequencer());
      case 'w' -> srv.write(p.key(), p.value(), p.sequencer());
      default -> srv.compareAndSet(p.key(), p.expected(), p.value(), p.sequencer());
    });
    s.steps.add(what + " = " + res(got));
    if (!Objects.equals(got, want)) {
      boolean tableWrong = chubby != null && p.sequencer() != null
          && s.table.checkSequencer(p.sequencer()) != modelCheck;
      String hint = tableWrong || verdict != null && verdict.startsWith("4") ? CHECK
          : p.kind() == 'c' && verdict == null ? CAS : SERVER;
      throw s.fail(hint, what + " returned " + res(got) + "; expected " + res(want)
          + (verdict == null ? " (all checks pass)" : " (check " + verdict + ")")
          + (tableWrong ? "; and your checkSequencer(" + seq(p.sequencer()) + ") says "
              + !modelCheck + " where the lock table says " + modelCheck + " ("
              + s.model.describe(p.sequencer().lock()) + ")" : "") + ".");
    }
    if (chubby != null && chubby.calls - before != (asks ? 1 : 0)) {
      // Asking Chubby when a local check fails is either asking first or a local check let the
      // request through: a fresh server tells which.
      throw s.fail(asks || asksBeforeItsChecks() ? CHECK : SERVER, what + " called checkSequencer " + (chubby.calls - before)
          + " time(s); expected " + (asks ? "1: checks 1-3 passed, so ask Chubby exactly once"
              : "0: check " + verdict + ", so the server answers REJECTED without asking Chubby")
          + ".");
    }
    History h = histories[p.server()];
    if (got.status() == ChubbyResult.Status.REJECTED) {
      h.fail(p.op(), "rejected", now);
    } else if (got.status() == ChubbyResult.Status.VALUE_DIFFERED) {
      h.valueDiffered(p.op(), now);
    } else {
      h.ok(p.op(), got.value(), now);
    }
  }
}
