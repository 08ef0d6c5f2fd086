import static org.junit.jupiter.api.Assertions.fail;

import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for the fencing exercise. Every expected answer comes from the model of the brief
 * (per resource, the highest accepted token; a write is accepted exactly when its token is at
 * least that), kept by the suite beside the learner's store; the learner's earlier answers are
 * never the expectation. Client-driven runs put a recording store between the learner's client
 * and store, and use the suite's own lock service, so that a wrong token is blamed on the client
 * and a wrong verdict on the store. When a write is wrongly accepted, a fresh store is probed
 * (100, then 50) to tell "no fencing at all" from an off-by-one or an int comparison. Tests run
 * simplest first, so a mistake fails first on the test whose hint fits it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class FencingSuite {
  private static final String ARGS = "argument-checks";
  private static final String CHECK = "check-at-the-resource";
  private static final String PER = "per-resource";
  private static final String GROWS = "highest-only-grows";
  private static final String STALE = "stale-holder";
  private static final String CARRY = "carry-the-token";

  private static final long TWO_31 = 1L << 31;
  private static final long TWO_32 = 1L << 32;

  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(1)
  @DisplayName("null arguments and tokens below 1 are refused; a client without a grant cannot write")
  @Hint(ARGS)
  void argumentsAreChecked() {
    FencedStore store = newStore();
    expectThrows(IllegalArgumentException.class, "write(null, \"v\", 1)",
        () -> store.write(null, "v", 1));
    expectThrows(IllegalArgumentException.class, "write(\"r\", null, 1)",
        () -> store.write("r", null, 1));
    for (long bad : new long[] {0, -1, -33, Long.MIN_VALUE}) {
      expectThrows(IllegalArgumentException.class, "write(\"r\", \"v\", " + bad + ")",
          () -> store.write("r", "v", bad));
    }
    expectThrows(IllegalArgumentException.class, "read(null)", () -> store.read(null));
    expectThrows(IllegalArgumentException.class, "highestToken(null)",
        () -> store.highestToken(null));
    String after = "After the refused writes above (null resource, null value, tokens 0, -1,"
        + " -33 and Long.MIN_VALUE), ";
    String v = call("read(\"r\")", () -> store.read("r"));
    if (v != null) {
      throw Because.of(ARGS, after + "read(\"r\") = " + quote(v) + "; expected null: a refused"
          + " call changes nothing.");
    }
    long h = call("highestToken(\"r\")", () -> store.highestToken("r"));
    if (h != 0) {
      throw Because.of(ARGS, after + "highestToken(\"r\") = " + h + "; expected 0: a refused"
          + " call changes nothing.");
    }
    // Valid extremes.
    FencedStore fresh = newStore();
    expectAccepted(fresh, "", "empty resource", 1);
    expectAccepted(fresh, "max", "", Long.MAX_VALUE);

    LockService locks = resource -> 7;
    Recorder rec = new Recorder(newStore());
    expectThrows(IllegalArgumentException.class, "new FencedClient(null, store, \"r\")",
        () -> new FencedClient(null, rec, "r"));
    expectThrows(IllegalArgumentException.class, "new FencedClient(locks, null, \"r\")",
        () -> new FencedClient(locks, null, "r"));
    expectThrows(IllegalArgumentException.class, "new FencedClient(locks, store, null)",
        () -> new FencedClient(locks, rec, null));
    FencedClient c = call("new FencedClient(locks, store, \"r\")",
        () -> new FencedClient(locks, rec, "r"));
    long t = call("token() before the first acquire", c::token);
    if (t != 0) {
      throw Because.of(ARGS, "A new FencedClient's token() = " + t + "; expected 0: it has no"
          + " grant before the first acquire().");
    }
    expectThrows(IllegalStateException.class, "write(\"v\") before the first acquire()",
        () -> c.write("v"));
    if (!rec.calls.isEmpty()) {
      throw Because.of(ARGS, "write(\"v\") before the first acquire() called the store: "
          + rec.calls + "; expected no call: without a grant there is no token to send.");
    }
  }

  @Test
  @Order(2)
  @DisplayName("a new store holds nothing, and each store has its own state")
  @Hint(CHECK)
  void aNewStoreHoldsNothing() {
    FencedStore a = newStore();
    for (String r : new String[] {"", "r", "file"}) {
      expectEmpty(a, r, "A new store");
    }
    Run run = new Run("Two stores, a and b", a, null);
    run.write("a: ", "file", "x", 5);
    FencedStore b = newStore();
    expectEmpty(b, "file", "After a.write(\"file\", \"x\", 5), a new store b");
    Run runB = new Run("Store b", b, null);
    runB.write("b: ", "file", "y", 2);
    run.checkState();
  }

  @Test
  @Order(3)
  @DisplayName("Kleppmann's run: the paused old holder (token 33) is refused once 34 has written")
  @Hint(STALE)
  void kleppmannsGcPauseRun() {
    // The same run on a store without fencing, to show what fencing prevents.
    UnfencedStore unfenced = new UnfencedStore();
    unfenced.write("file", "from client 1", 33);
    unfenced.write("file", "from client 2", 34);
    unfenced.write("file", "stale, from client 1", 33);
    String note = "In this run a store without fencing ends with read(\"file\") = "
        + quote(unfenced.read("file")) + ": client 2's update is lost, which is what the"
        + " fencing check exists to prevent.";

    ScriptedLocks locks = new ScriptedLocks();
    locks.next.put("file", 33L);
    Run run = new Run("Kleppmann's run (lease 10 s, client 1 pauses for 15 s)", newStore(),
        note);
    Client c1 = run.client("client 1", locks, "file");
    Client c2 = run.client("client 2", locks, "file");
    run.acquire(c1, "t=0   ");
    run.clientWrite(c1, "from client 1", "t=0   ");
    run.log("t=1   client 1 starts a 15 s GC pause");
    run.log("t=10  client 1's lease expires");
    run.acquire(c2, "t=10  ");
    run.clientWrite(c2, "from client 2", "t=11  ");
    run.clientWrite(c1, "stale, from client 1", "t=16  client 1 wakes: ");
    // And the new holder goes on writing with its grant.
    run.clientWrite(c2, "again from client 2", "t=17  ");
  }

  @Test
  @Order(4)
  @DisplayName("equal and higher tokens are accepted, lower ones refused, as longs up to Long.MAX_VALUE")
  @Hint(CHECK)
  void equalHigherAndLowerTokens() {
    long[] bases = {1, 33, 1_000, TWO_31 - 2, TWO_32 - 2, Long.MAX_VALUE - 4};
    for (long base : bases) {
      Run run = new Run("A new store, resource \"r\", tokens from " + base, newStore(), null);
      run.write("", "r", "first", base);
      run.write("same holder: ", "r", "second", base);
      run.write("same holder: ", "r", "third", base);
      run.write("next holder: ", "r", "newer", base + 1);
      run.write("old holder: ", "r", "stale", base);
      run.write("next holder: ", "r", "newest", base + 3);
      run.write("old holder: ", "r", "stale again", base + 2);
      run.write("old holder: ", "r", "stale, oldest", 1 + (base > 2 ? 1 : 0));
      run.write("same holder: ", "r", "last", base + 3);
    }
    // Tokens across the int and unsigned-int boundaries, and 1 against Long.MAX_VALUE.
    long[][] pairs = {
      {TWO_31 - 1, TWO_31}, {TWO_31, TWO_31 + 6}, {5, TWO_32 + 5}, {TWO_32 + 6, TWO_32 + 7},
      {1, Long.MAX_VALUE}, {Long.MAX_VALUE - 1, Long.MAX_VALUE}
    };
    for (long[] p : pairs) {
      Run run = new Run("A new store, resource \"r\"", newStore(), null);
      run.write("", "r", "old", p[0]);
      run.write("", "r", "new", p[1]);
      run.write("", "r", "stale", p[0]);
      run.write("", "r", "new again", p[1]);
    }
  }

  @Test
  @Order(5)
  @DisplayName("each resource is fenced on its own")
  @Hint(PER)
  void resourcesAreFencedSeparately() {
    Run run = new Run("A new store with resources \"a\", \"b\" and \"\"", newStore(), null);
    run.write("", "a", "a1", 900);
    run.write("", "b", "b1", 5);
    run.write("", "b", "b2", 5);
    run.write("", "", "e1", 1);
    run.write("", "a", "a-stale", 899);
    run.write("", "b", "b3", 6);
    run.write("", "", "e2", 2);
    run.write("", "b", "b-stale", 5);
    run.write("", "a", "a2", Long.MAX_VALUE);
    run.write("", "b", "b4", 7);
  }

  @Test
  @Order(6)
  @DisplayName("the client sends exactly its latest grant's token, once per write, and returns the answer")
  @Hint(CARRY)
  void theClientCarriesItsLatestToken() {
    long[] grants = {7, TWO_31 + 5, 12, Long.MAX_VALUE - 1};
    ScriptedLocks locks = new ScriptedLocks();
    Recorder rec = new Recorder(null); // answers from a script, not a store
    FencedClient c = call("new FencedClient(locks, store, \"doc\")",
        () -> new FencedClient(locks, rec, "doc"));
    List<String> steps = new ArrayList<>();
    boolean answer = true;
    int n = 0;
    for (long grant : grants) {
      locks.next.put("doc", grant);
      int before = locks.calls;
      call("acquire()", () -> {
        c.acquire();
        return null;
      });
      steps.add("acquire() -> the lock service grants token " + grant);
      if (locks.calls != before + 1) {
        throw Because.of(CARRY, "acquire() called the lock service " + (locks.calls - before)
            + " times; expected exactly once.\n" + String.join("\n", steps));
      }
      long t = call("token()", c::token);
      if (t != grant) {
        throw Because.of(CARRY, "After acquire(), token() = " + t + "; expected " + grant
            + ", the token of the latest grant.\n" + String.join("\n", steps));
      }
      for (int i = 0; i < 3; i++) {
        String value = "w" + (++n);
        rec.calls.clear();
        rec.answer = answer;
        int locksBefore = locks.calls;
        boolean got = call("write(" + quote(value) + ")", () -> c.write(value));
        steps.add("write(" + quote(value) + ") -> the store answers " + answer);
        String expectedCall = "write(\"doc\", " + quote(value) + ", " + grant + ")";
        if (locks.calls != locksBefore) {
          throw Because.of(answer ? CARRY : STALE, "write(" + quote(value) + ") called the"
              + " lock service; expected only one store call. A refused write is not retried"
              + " with a new grant.\n" + String.join("\n", steps));
        }
        if (rec.calls.size() != 1 || !rec.calls.get(0).equals(expectedCall)) {
          throw Because.of(CARRY, "write(" + quote(value) + ") made the store calls "
              + rec.calls + "; expected exactly [" + expectedCall + "]: the resource, the value"
              + " and the token of the latest grant (" + grant + "), once.\n"
              + String.join("\n", steps));
        }
        if (got != answer) {
          throw Because.of(CARRY, "write(" + quote(value) + ") returned " + got + "; the store"
              + " answered " + answer + ": return its answer unchanged.\n"
              + String.join("\n", steps));
        }
        answer = !answer;
      }
    }
  }

  @Test
  @Order(7)
  @DisplayName("random runs of holders and paused old holders match the model, 300 seeds")
  @Hint(CHECK)
  void randomRunsMatchTheModel() {
    Seeds.forEach(300, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
      int nRes = 1 + rnd.nextInt(3);
      String[] names = seed % 5 == 0 ? new String[] {"", "a", "b"} : new String[] {"r0", "r1",
          "r2"};
      ScriptedLocks locks = new ScriptedLocks();
      Map<String, Long> stepMax = new HashMap<>();
      for (int i = 0; i < nRes; i++) {
        long start;
        long step;
        switch (rnd.nextInt(5)) {
          case 0 -> {
            start = 1;
            step = 1;
          }
          case 1 -> {
            start = 1 + rnd.nextInt(1_000);
            step = 1 + rnd.nextInt(1_000);
          }
          case 2 -> {
            start = TWO_31 - 1 - rnd.nextInt(4);
            step = 1 + rnd.nextInt(3);
          }
          case 3 -> {
            start = TWO_32 - 1 - rnd.nextInt(4);
            step = 1 + rnd.nextInt(3);
          }
          default -> {
            start = Long.MAX_VALUE - 1_000 - rnd.nextInt(100);
            step = 1 + rnd.nextInt(3);
          }
        }
        locks.next.put(names[i], start);
        stepMax.put(names[i], step);
      }
      Run run = new Run("Random run: " + nRes + " resource(s), tokens of the suite's lock"
          + " service", newStore(), null);
      List<Client> clients = new ArrayList<>();
      for (int i = 0; i < nRes; i++) {
        int k = 2 + rnd.nextInt(3);
        for (int j = 1; j <= k; j++) {
          clients.add(run.client("c" + j + "@" + quote(names[i]), locks, names[i]));
        }
      }
      int steps = 30 + rnd.nextInt(31);
      for (int s = 1; s <= steps; s++) {
        Client c = clients.get(rnd.nextInt(clients.size()));
        if (c.grant == 0 || rnd.nextInt(10) < 3) {
          long gap = 1 + rnd.nextLong(stepMax.get(c.resource));
          locks.next.merge(c.resource, gap - 1, Long::sum);
          run.acquire(c, "");
        } else {
          // Few distinct values, so that a stale write often repeats the stored value: a store
          // must refuse a lower token whatever the value it carries.
          run.clientWrite(c, "v" + (s % 3), "");
        }
      }
    });
  }

  // --- the model and the runs ------------------------------------------------------------------

  /** The brief's model: per resource, the highest accepted token and the last accepted value. */
  private static final class Model {
    final Map<String, Long> highest = new LinkedHashMap<>();
    final Map<String, String> value = new LinkedHashMap<>();

    long highest(String r) {
      return highest.getOrDefault(r, 0L);
    }

    boolean write(String r, String v, long token) {
      if (token < highest(r)) {
        return false;
      }
      highest.put(r, token);
      value.put(r, v);
      return true;
    }
  }

  /** A client of the run: the learner's FencedClient and the grant the suite gave it. */
  private static final class Client {
    final String name;
    final String resource;
    final FencedClient client;
    final ScriptedLocks locks;
    long grant;

    Client(String name, String resource, FencedClient client, ScriptedLocks locks) {
      this.name = name;
      this.resource = resource;
      this.client = client;
      this.locks = locks;
    }
  }

  /** One scenario against the learner's store, checked step by step against the model. */
  private static final class Run {
    final String title;
    final FencedStore store;
    final String note;
    final Model model = new Model();
    final List<String> steps = new ArrayList<>();
    final Recorder recorder;

    Run(String title, FencedStore store, String note) {
      this.title = title;
      this.store = store;
      this.note = note;
      this.recorder = new Recorder(store);
    }

    void log(String line) {
      if (!line.isBlank()) {
        steps.add(line);
      }
    }

    Because fail(String hint, String message) {
      StringBuilder sb = new StringBuilder(message);
      if (note != null) {
        sb.append(' ').append(note);
      }
      sb.append('\n').append(title).append(':');
      int from = Math.max(0, steps.size() - 20);
      if (from > 0) {
        sb.append("\n  ... ").append(from).append(" earlier steps");
      }
      for (String s : steps.subList(from, steps.size())) {
        sb.append("\n  ").append(s);
      }
      return Because.of(hint, sb.toString());
    }

    Client client(String name, ScriptedLocks locks, String resource) {
      FencedClient c = call("new FencedClient(locks, store, " + quote(resource) + ")",
          () -> new FencedClient(locks, recorder, resource));
      return new Client(name, resource, c, locks);
    }

    void acquire(Client c, String prefix) {
      int before = c.locks.calls;
      long grant = c.locks.next.getOrDefault(c.resource, 1L);
      try {
        c.client.acquire();
      } catch (RuntimeException e) {
        throw fail(CARRY, c.name + ".acquire() threw " + e + where(e) + ".");
      }
      steps.add(prefix + c.name + ".acquire(): the lock service grants token " + grant);
      if (c.locks.calls != before + 1) {
        throw fail(CARRY, c.name + ".acquire() called the lock service "
            + (c.locks.calls - before) + " times; expected once.");
      }
      c.grant = grant;
      long t;
      try {
        t = c.client.token();
      } catch (RuntimeException e) {
        throw fail(CARRY, c.name + ".token() threw " + e + where(e) + ".");
      }
      if (t != grant) {
        throw fail(CARRY, c.name + ".token() = " + t + " after acquire(); expected " + grant
            + ", the token of its latest grant.");
      }
    }

    /** A write through the learner's client: the recorder checks the call it makes. */
    void clientWrite(Client c, String value, String prefix) {
      String line = prefix + c.name + ".write(" + quote(value) + ") with its grant " + c.grant;
      write(line, c.resource, value, c.grant, () -> {
        recorder.calls.clear();
        int locksBefore = c.locks.calls;
        boolean got;
        try {
          got = c.client.write(value);
        } catch (RuntimeException e) {
          steps.add(line + " -> threw " + e);
          throw fail(CHECK, c.name + ".write(" + quote(value) + ") threw " + e + where(e)
              + "; expected an answer.");
        }
        String expected = "write(" + quote(c.resource) + ", " + quote(value) + ", " + c.grant
            + ")";
        if (c.locks.calls != locksBefore) {
          steps.add(line + " -> store calls " + recorder.calls);
          throw fail(STALE, c.name + ".write(" + quote(value) + ") called the lock service"
              + " again and made the store calls " + recorder.calls + "; expected only "
              + expected + ". A refused write means another client holds the lock now:"
              + " acquiring again and retrying turns the stale write back into a lost update.");
        }
        if (recorder.calls.size() != 1 || !recorder.calls.get(0).equals(expected)) {
          steps.add(line + " -> store calls " + recorder.calls);
          throw fail(CARRY, c.name + ".write(" + quote(value) + ") made the store calls "
              + recorder.calls + "; expected exactly [" + expected + "]: the token of its"
              + " latest grant, once.");
        }
        if (got != recorder.lastAnswer) {
          steps.add(line + " -> " + got);
          throw fail(CARRY, c.name + ".write(" + quote(value) + ") returned " + got
              + " but the store answered " + recorder.lastAnswer + ".");
        }
        return got;
      });
    }

    /** A write straight to the learner's store. */
    void write(String prefix, String r, String v, long token) {
      String line = prefix + "write(" + quote(r) + ", " + quote(v) + ", " + token + ")";
      write(line, r, v, token, () -> {
        try {
          return store.write(r, v, token);
        } catch (RuntimeException e) {
          steps.add(line + " -> threw " + e);
          throw fail(e instanceof IllegalArgumentException ? ARGS : CHECK, "write(" + quote(r)
              + ", " + quote(v) + ", " + token + ") threw " + e + where(e)
              + "; expected an answer: the arguments are valid.");
        }
      });
    }

    private void write(String line, String r, String v, long token, BooleanSupplier call) {
      long h = model.highest(r);
      String before = model.value.get(r);
      boolean expected = model.write(r, v, token);
      boolean got = call.getAsBoolean();
      steps.add(line + " -> " + got);
      if (got != expected) {
        String what = "write(" + quote(r) + ", " + quote(v) + ", " + token + ") returned " + got
            + "; expected " + expected + ".";
        if (got) {
          String hint = STALE;
          String why = " Token " + token + " is lower than " + h + ", the highest token accepted"
              + " for " + quote(r) + ": this is a paused old holder, and a newer holder has"
              + " already written " + quote(before) + ". Accepting it loses that update.";
          if (probeFences()) {
            if (token == h - 1) {
              hint = CHECK;
              why = " Token " + token + " is one below " + h + ", the highest token accepted for"
                  + " " + quote(r) + ": refuse every token strictly lower (token < highest).";
            } else if (token >= TWO_31 || h >= TWO_31) {
              hint = CHECK;
              why = " Token " + token + " is lower than " + h + ", the highest token accepted"
                  + " for " + quote(r) + ". Tokens are longs: compare them as long values.";
            }
          }
          throw fail(hint, what + why);
        }
        if (token == h) {
          throw fail(CHECK, what + " Token " + token + " equals the highest token accepted for "
              + quote(r) + ": the same holder writing again with its grant is accepted (only"
              + " a strictly lower token is refused).");
        }
        for (Map.Entry<String, Long> e : model.highest.entrySet()) {
          if (!e.getKey().equals(r) && e.getValue() > token) {
            throw fail(PER, what + " Token " + token + " is " + (h == 0 ? "the first token"
                + " seen for " + quote(r) : "higher than " + h + ", the highest accepted for "
                + quote(r)) + ". A higher token, " + e.getValue() + ", was seen on "
                + quote(e.getKey()) + ", but each resource is fenced on its own.");
          }
        }
        throw fail(CHECK, what + " Token " + token + " is " + (h == 0 ? "the first token seen"
            + " for " + quote(r) : "higher than " + h + ", the highest accepted for " + quote(r))
            + ": accept it." + (token >= TWO_31 ? " Tokens are longs: compare them as long"
            + " values." : ""));
      }
      checkState(r, got ? null : v);
    }

    /** read and highestToken of every resource of the model, and of r, match the model. */
    void checkState() {
      checkState(null, null);
    }

    private void checkState(String r, String refused) {
      List<String> rs = new ArrayList<>(model.highest.keySet());
      if (r != null && !rs.contains(r)) {
        rs.add(r);
      }
      for (String x : rs) {
        String read;
        long high;
        try {
          read = store.read(x);
          high = store.highestToken(x);
        } catch (RuntimeException e) {
          throw fail(CHECK, "read(" + quote(x) + ") or highestToken(" + quote(x) + ") threw "
              + e + where(e) + ".");
        }
        String want = model.value.get(x);
        if (!java.util.Objects.equals(read, want)) {
          if (refused != null && x.equals(r) && refused.equals(read)) {
            throw fail(STALE, "read(" + quote(x) + ") = " + quote(read) + "; expected "
                + quote(want) + ". That write was refused: a fenced-out write must never be"
                + " visible, so check the token before storing anything.");
          }
          throw fail(CHECK, "read(" + quote(x) + ") = " + quote(read) + "; expected "
              + quote(want) + ", the value of the last accepted write"
              + (want == null ? " (none)" : "") + ".");
        }
        long wantHigh = model.highest(x);
        if (high != wantHigh) {
          throw fail(GROWS, "highestToken(" + quote(x) + ") = " + high + "; expected " + wantHigh
              + ", the token of the last accepted write" + (wantHigh == 0 ? " (none)" : "")
              + (refused != null && x.equals(r) ? ". The last write was refused: a refused"
              + " write changes nothing." : ". Every accepted write sets it."));
        }
      }
    }
  }

  /**
   * Whether a fresh store refuses token 50 after accepting 100: a store that fences at all, so
   * that a wrongly accepted write elsewhere is an off-by-one or a comparison, not a missing check.
   */
  private static boolean probeFences() {
    try {
      FencedStore probe = new FencedStore();
      probe.write("probe", "new", 100);
      return !probe.write("probe", "old", 50);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The suite's lock service: per resource, the next token to grant; counts its grants. */
  private static final class ScriptedLocks implements LockService {
    final Map<String, Long> next = new HashMap<>();
    int calls;

    @Override
    public long acquire(String resource) {
      calls++;
      long t = next.getOrDefault(resource, 1L);
      next.put(resource, t + 1);
      return t;
    }
  }

  /** Records the client's store calls; forwards them to a store, or answers from a script. */
  private static final class Recorder implements TokenStore {
    final TokenStore inner;
    final List<String> calls = new ArrayList<>();
    boolean answer;
    boolean lastAnswer;

    Recorder(TokenStore inner) {
      this.inner = inner;
    }

    @Override
    public boolean write(String resource, String value, long token) {
      calls.add("write(" + quote(resource) + ", " + quote(value) + ", " + token + ")");
      lastAnswer = inner == null ? answer : inner.write(resource, value, token);
      return lastAnswer;
    }

    @Override
    public String read(String resource) {
      return inner == null ? null : inner.read(resource);
    }

    @Override
    public long highestToken(String resource) {
      return inner == null ? 0 : inner.highestToken(resource);
    }
  }

  /** A store without fencing, for the message of Kleppmann's run. */
  private static final class UnfencedStore {
    private final Map<String, String> values = new HashMap<>();

    void write(String resource, String value, long token) {
      values.put(resource, value); // the token is ignored: the last write wins
    }

    String read(String resource) {
      return values.get(resource);
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  private static FencedStore newStore() {
    return call("new FencedStore()", FencedStore::new);
  }

  private static void expectEmpty(FencedStore s, String r, String who) {
    String v = call("read(" + quote(r) + ")", () -> s.read(r));
    long h = call("highestToken(" + quote(r) + ")", () -> s.highestToken(r));
    if (v != null || h != 0) {
      fail(who + ": read(" + quote(r) + ") = " + quote(v) + ", highestToken(" + quote(r)
          + ") = " + h + "; expected null and 0: nothing was written to it.");
    }
  }

  private static void expectAccepted(FencedStore s, String r, String v, long token) {
    String c = "A new store: write(" + quote(r) + ", " + quote(v) + ", " + token + ")";
    boolean ok;
    try {
      ok = s.write(r, v, token);
    } catch (RuntimeException e) {
      throw Because.of(ARGS, c + " threw " + e + where(e) + "; expected true: tokens from 1 to"
          + " Long.MAX_VALUE, and any non-null resource and value, are valid.");
    }
    if (!ok) {
      throw Because.of(CHECK, c + " returned false; expected true: the first write of a"
          + " resource has no higher token to lose to.");
    }
  }

  private static <T> void expectThrows(Class<? extends RuntimeException> type, String what,
      java.util.function.Supplier<T> body) {
    Object got;
    try {
      got = body.get();
    } catch (RuntimeException e) {
      if (type.isInstance(e)) {
        return;
      }
      throw Because.of(ARGS, what + " threw " + e + where(e) + "; expected "
          + type.getSimpleName() + ".", e);
    }
    throw Because.of(ARGS, what + " returned " + (got instanceof String s ? quote(s) : got)
        + "; expected " + type.getSimpleName() + ".");
  }

  private static <T> T call(String what, java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      throw Because.of(CHECK, what + " threw " + e + where(e) + "; expected it to return.", e);
    }
  }

  private static String where(Throwable e) {
    for (StackTraceElement el : e.getStackTrace()) {
      String cls = el.getClassName();
      if (cls.equals("FencedStore") || cls.equals("FencedClient")) {
        return " (at " + el.getFileName() + ":" + el.getLineNumber() + ")";
      }
    }
    return "";
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
