import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Hidden suite for bigtable-tablet-location. A simulated cluster (the {@link World}) holds the
 * truth: which server serves the root tablet, each METADATA tablet and each user tablet. Every
 * learner client is shadowed by a model client of the suite's own (the brief's rules) on the same
 * world; each read runs both, and the learner's round trips per level, its outcome (value or
 * BigtableNotServingException) and the server it reached are compared with the model's. The
 * cluster changes only between reads. Scripted tests come first, one rule each; the last test
 * sweeps seeds of random moves, splits and unavailable tablets, choosing the hint per cause.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class BigtableTabletLocationSuite {
  private static final String LEVELS = "three-levels";
  private static final String CACHE = "cache-every-level";
  private static final String RANGE = "range-lookup";
  private static final String CLIMB = "climb-only-as-needed";
  private static final String GIVE_UP = "give-up";

  /** Round trips in one call after which the suite stops the call. */
  private static final int RUNAWAY = 40;
  /** The brief's bound: at most this many round trips in one call. */
  private static final int BOUND = 7;
  /** The rows of the random runs: row-000 to row-199. */
  private static final String[] ROWS = new String[200];

  static {
    for (int i = 0; i < ROWS.length; i++) {
      ROWS[i] = String.format(Locale.ROOT, "row-%03d", i);
    }
  }

  // ---------------------------------------------------------------- scripted tests

  @Test
  @Order(1)
  @DisplayName("an empty cache costs exactly chubby 1, root 1, metadata 1, then the read")
  @Hint(LEVELS)
  void emptyCacheCostsThreeLookups() {
    World w = World.standard();
    String[][] reads = {{"users", "row-010"}, {"webtable", "row-120"}, {"users", ""},
        {"users", "row-199"}, {"webtable", "row-100"}};
    for (String[] r : reads) {
      Pair c = new Pair(w, "a new client");
      c.step(r[0], r[1], LEVELS);
    }
  }

  @Test
  @Order(2)
  @DisplayName("a warm cache costs no lookup; each client has its own cache")
  @Hint(CACHE)
  void warmCacheCostsNothing() {
    World w = World.standard();
    Pair a = new Pair(w, "client a");
    a.step("users", "row-010", LEVELS);
    a.step("users", "row-010", CACHE);
    a.step("users", "row-010", CACHE);
    a.step("users", "row-060", CACHE); // another tablet of the same METADATA tablet
    a.step("users", "row-060", CACHE);
    a.step("users", "row-120", CACHE); // another METADATA tablet: root is cached
    a.step("webtable", "row-030", CACHE);
    a.step("users", "row-010", CACHE);
    Pair b = new Pair(w, "client b, made after client a had read");
    b.step("users", "row-060", CACHE);
    b.step("users", "row-060", CACHE);
    World other = World.standard();
    other.move(other.userTablet("users", "row-060"), "ts2");
    other.moveMetadata("users;row-060", "ts6");
    other.moveRoot("ts4");
    Pair c = new Pair(other, "client c, on a second cluster where users/row-060, its METADATA"
        + " tablet and the root tablet sit on other servers than in the first");
    c.step("users", "row-060", CACHE);
    c.step("users", "row-060", CACHE);
    a.step("users", "row-060", CACHE);
  }

  @Test
  @Order(3)
  @DisplayName("a cached tablet is used only for rows in its range [start, end) of its table")
  @Hint(RANGE)
  void cachedRangeHoldsTheRow() {
    World w = World.standard();
    Pair a = new Pair(w, "client a");
    a.step("users", "row-050", LEVELS);
    a.step("users", "row-099", RANGE); // same tablet [row-050, row-100)
    a.step("users", "row-075", RANGE);
    a.step("users", "row-100", RANGE); // the next tablet's first row: not the cached one
    a.step("users", "row-049", RANGE); // the previous tablet's last row
    a.step("users", "row-120", RANGE);
    a.step("webtable", "row-050", RANGE); // same row, other table (same server as users')
    a.step("users", "", RANGE);
    a.step("users", "row-199", RANGE);
    a.step("webtable", "row-150", RANGE);
    a.step("users", "row-149", RANGE);
    a.step("users", "row-150", RANGE);
  }

  @Test
  @Order(4)
  @DisplayName("a stale entry costs only the levels above it that are stale too (the paper's six)")
  @Hint(CLIMB)
  void staleEntriesClimbOnlyAsNeeded() {
    World w = World.standard();
    Pair a = new Pair(w, "client a");
    a.step("users", "row-060", LEVELS);
    w.move(w.userTablet("users", "row-060"), "ts6");
    a.step("users", "row-060", CLIMB); // user stale, METADATA right
    w.move(w.userTablet("users", "row-060"), "ts4");
    w.moveMetadata("users;row-060", "ts3");
    a.step("users", "row-060", CLIMB); // user and METADATA stale, root right
    w.move(w.userTablet("users", "row-060"), "ts1");
    w.moveMetadata("users;row-060", "ts5");
    w.moveRoot("ts2");
    a.step("users", "row-060", CLIMB); // everything stale: six round trips, then the read
    w.moveMetadata("users;row-060", "ts6");
    w.moveRoot("ts3");
    a.step("users", "row-060", CLIMB); // only higher levels moved: the user entry still works
    a.step("users", "row-010", CLIMB); // no user entry; METADATA stale; root stale
    w.moveMetadata("users;row-010", "ts2");
    w.move(w.userTablet("users", "row-010"), "ts5");
    a.step("users", "row-010", CLIMB); // user and METADATA stale; the root found last call is right
    w.split(w.userTablet("users", "row-060"), "row-075", "ts1", "ts2");
    a.step("users", "row-080", CLIMB); // the upper half moved
    a.step("users", "row-060", CLIMB); // the lower half stayed: no entry for it now
    a.step("users", "row-090", CLIMB);
    w.split(w.userTablet("users", "row-010"), "row-020", "ts4", "ts4");
    a.step("users", "row-030", CLIMB); // split without a move: the old entry still works
    w.splitMetadata("users;row-030", "users;row-040", "ts6", "ts1");
    a.step("users", "row-045", CLIMB);
    a.step("users", "row-010", CLIMB);
    w.move(w.userTablet("users", "row-010"), "ts3");
    a.step("users", "row-010", CLIMB);
  }

  @Test
  @Order(5)
  @DisplayName("an unavailable tablet: give up with BigtableNotServingException, never loop")
  @Hint(GIVE_UP)
  void unavailableTabletGivesUp() {
    World w = World.standard();
    Pair a = new Pair(w, "client a");
    a.step("users", "row-060", LEVELS);
    w.unavailable = w.userTablet("users", "row-060");
    a.step("users", "row-060", GIVE_UP); // the cached entry fails, so does the fresh one
    a.step("users", "row-060", GIVE_UP); // and again, with nothing cached for it
    w.unavailable = null;
    a.step("users", "row-060", GIVE_UP); // available again: nothing cached for it
    a.step("users", "row-060", GIVE_UP);
    Pair b = new Pair(w, "client b");
    w.unavailable = w.userTablet("users", "row-120");
    b.step("users", "row-120", GIVE_UP); // empty cache, unavailable user tablet
    w.unavailable = w.metadataTablet("users;row-120");
    b.step("users", "row-120", GIVE_UP); // no user entry; the cached METADATA entry fails
    w.unavailable = null;
    b.step("users", "row-120", GIVE_UP);
    w.rootUnavailable = true;
    Pair c = new Pair(w, "client c");
    c.step("webtable", "row-010", GIVE_UP); // empty cache, the root tablet is unavailable
    b.step("users", "row-010", GIVE_UP); // cached root fails, Chubby names the same server
    w.rootUnavailable = false;
    c.step("webtable", "row-010", GIVE_UP);
    b.step("users", "row-010", GIVE_UP);
  }

  @Test
  @Order(6)
  @DisplayName("random moves, splits and unavailable tablets: each read reaches the serving"
      + " server at exactly the model's round trips")
  @Hint(CLIMB)
  void randomRunsMatchTheModel() {
    Seeds.forEach(40, seed -> {
      SplittableRandom rnd = new SplittableRandom(seed * 7919 + 17);
      World w = World.random(rnd);
      List<Pair> clients = new ArrayList<>();
      int count = 2 + rnd.nextInt(2);
      for (int i = 0; i < count; i++) {
        clients.add(new Pair(w, "client " + (char) ('a' + i)));
      }
      for (int step = 0; step < 70; step++) {
        int events = rnd.nextInt(10) < 5 ? 1 + rnd.nextInt(2) : 0;
        for (int e = 0; e < events; e++) {
          w.randomEvent(rnd);
        }
        Pair c = clients.get(rnd.nextInt(clients.size()));
        String[] target = c.pickRow(w, rnd);
        if (rnd.nextInt(100) < 8) {
          int which = rnd.nextInt(3);
          if (which == 0) {
            w.unavailable = w.userTablet(target[0], target[1]);
          } else if (which == 1) {
            w.unavailable = w.metadataTablet(BigtableCluster.metadataKey(target[0], target[1]));
          } else {
            w.rootUnavailable = true;
          }
          w.events.add("made " + (which == 2 ? "the root tablet" : w.unavailable.toString())
              + " unavailable for this read");
        }
        c.step(target[0], target[1], null);
        w.unavailable = null;
        w.rootUnavailable = false;
      }
    });
  }

  // ---------------------------------------------------------------- the simulated cluster

  /** A tablet: its table, range [start, end) and server. */
  private record Tab(String table, String start, String end, String server) {
    boolean holds(String key) {
      return key.compareTo(start) >= 0 && (end == null || key.compareTo(end) < 0);
    }

    BigtableLocation location() {
      return new BigtableLocation(table, start, end, server);
    }

    Tab on(String s) {
      return new Tab(table, start, end, s);
    }

    @Override
    public String toString() {
      return (table.equals(BigtableCluster.METADATA) ? "METADATA tablet" : table) + "["
          + (start.isEmpty() ? "\"\"" : start) + ", " + (end == null ? "end" : end) + ")@"
          + server;
    }
  }

  /** The truth of the cluster, changed by the suite between reads. */
  private static final class World {
    static final String[] SERVERS = {"ts1", "ts2", "ts3", "ts4", "ts5", "ts6"};
    String root;
    boolean rootUnavailable;
    Tab unavailable;
    final TreeMap<String, Tab> metadata = new TreeMap<>();
    final Map<String, TreeMap<String, Tab>> tables = new LinkedHashMap<>();
    final List<String> events = new ArrayList<>();

    static World standard() {
      World w = new World();
      w.root = "ts1";
      w.addMeta(new Tab(BigtableCluster.METADATA, "", "users;row-100", "ts2"));
      w.addMeta(new Tab(BigtableCluster.METADATA, "users;row-100", null, "ts3"));
      w.addUser(new Tab("users", "", "row-050", "ts4"));
      w.addUser(new Tab("users", "row-050", "row-100", "ts5"));
      w.addUser(new Tab("users", "row-100", "row-150", "ts4"));
      w.addUser(new Tab("users", "row-150", null, "ts6"));
      w.addUser(new Tab("webtable", "", "row-100", "ts5"));
      w.addUser(new Tab("webtable", "row-100", null, "ts6"));
      return w;
    }

    static World random(SplittableRandom rnd) {
      World w = new World();
      w.root = pick(rnd, SERVERS);
      String[] names = {"users", "web", "webtable"};
      for (String t : names) {
        int parts = 1 + rnd.nextInt(4);
        List<String> cuts = new ArrayList<>(cuts(rnd, parts - 1, 1, 199, "row-%03d"));
        String start = "";
        for (String cut : cuts) {
          w.addUser(new Tab(t, start, cut, pick(rnd, SERVERS)));
          start = cut;
        }
        w.addUser(new Tab(t, start, null, pick(rnd, SERVERS)));
      }
      int metaParts = 1 + rnd.nextInt(3);
      List<String> metaCuts = new ArrayList<>();
      for (int i = 0; i < metaParts - 1; i++) {
        String k = BigtableCluster.metadataKey(pick(rnd, names),
            String.format(Locale.ROOT, "row-%03d", 1 + rnd.nextInt(199)));
        if (!metaCuts.contains(k)) {
          metaCuts.add(k);
        }
      }
      metaCuts.sort(null);
      String start = "";
      for (String cut : metaCuts) {
        w.addMeta(new Tab(BigtableCluster.METADATA, start, cut, pick(rnd, SERVERS)));
        start = cut;
      }
      w.addMeta(new Tab(BigtableCluster.METADATA, start, null, pick(rnd, SERVERS)));
      return w;
    }

    private static List<String> cuts(SplittableRandom rnd, int n, int lo, int hi, String fmt) {
      java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
      while (set.size() < n) {
        set.add(lo + rnd.nextInt(hi - lo + 1));
      }
      List<String> out = new ArrayList<>();
      for (int i : set) {
        out.add(String.format(Locale.ROOT, fmt, i));
      }
      return out;
    }

    private static String pick(SplittableRandom rnd, String[] from) {
      return from[rnd.nextInt(from.length)];
    }

    void addMeta(Tab t) {
      metadata.put(t.start(), t);
    }

    void addUser(Tab t) {
      tables.computeIfAbsent(t.table(), x -> new TreeMap<>()).put(t.start(), t);
    }

    Tab metadataTablet(String key) {
      return metadata.floorEntry(key).getValue();
    }

    Tab userTablet(String table, String row) {
      return tables.get(table).floorEntry(row).getValue();
    }

    void move(Tab t, String to) {
      addUser(t.on(to));
      events.add("moved " + t + " to " + to);
    }

    void moveMetadata(String key, String to) {
      Tab t = metadataTablet(key);
      addMeta(t.on(to));
      events.add("moved " + t + " to " + to);
    }

    void moveRoot(String to) {
      events.add("moved the root tablet from " + root + " to " + to);
      root = to;
    }

    void split(Tab t, String at, String lowerTo, String upperTo) {
      Tab lower = new Tab(t.table(), t.start(), at, lowerTo);
      Tab upper = new Tab(t.table(), at, t.end(), upperTo);
      addUser(lower);
      addUser(upper);
      events.add("split " + t + " at " + at + " into " + lower + " and " + upper);
    }

    void splitMetadata(String key, String at, String lowerTo, String upperTo) {
      Tab t = metadataTablet(key);
      Tab lower = new Tab(t.table(), t.start(), at, lowerTo);
      Tab upper = new Tab(t.table(), at, t.end(), upperTo);
      addMeta(lower);
      addMeta(upper);
      events.add("split " + t + " at " + at + " into " + lower + " and " + upper);
    }

    void randomEvent(SplittableRandom rnd) {
      int kind = rnd.nextInt(100);
      if (kind < 35) {
        Tab t = randomUser(rnd);
        move(t, other(rnd, t.server()));
      } else if (kind < 65) {
        Tab t = randomUser(rnd);
        String at = splitPoint(rnd, t.start(), t.end(), t.table());
        if (at != null) {
          split(t, at, rnd.nextBoolean() ? t.server() : pick(rnd, SERVERS),
              rnd.nextBoolean() ? t.server() : pick(rnd, SERVERS));
        }
      } else if (kind < 80) {
        Tab t = new ArrayList<>(metadata.values()).get(rnd.nextInt(metadata.size()));
        moveMetadata(t.start(), other(rnd, t.server()));
      } else if (kind < 92) {
        Tab t = new ArrayList<>(metadata.values()).get(rnd.nextInt(metadata.size()));
        String[] names = tables.keySet().toArray(new String[0]);
        String at = BigtableCluster.metadataKey(pick(rnd, names), ROWS[rnd.nextInt(200)]);
        if (t.holds(at) && !at.equals(t.start())) {
          splitMetadata(t.start(), at, rnd.nextBoolean() ? t.server() : pick(rnd, SERVERS),
              rnd.nextBoolean() ? t.server() : pick(rnd, SERVERS));
        }
      } else {
        moveRoot(other(rnd, root));
      }
    }

    private Tab randomUser(SplittableRandom rnd) {
      List<Tab> all = new ArrayList<>();
      tables.values().forEach(m -> all.addAll(m.values()));
      return all.get(rnd.nextInt(all.size()));
    }

    private static String other(SplittableRandom rnd, String server) {
      String s;
      do {
        s = pick(rnd, SERVERS);
      } while (s.equals(server));
      return s;
    }

    /** A row strictly inside (start, end), or null if there is none in row-000..row-199. */
    private static String splitPoint(SplittableRandom rnd, String start, String end, String t) {
      List<String> inside = new ArrayList<>();
      for (String r : ROWS) {
        if (r.compareTo(start) > 0 && (end == null || r.compareTo(end) < 0)) {
          inside.add(r);
        }
      }
      return inside.isEmpty() ? null : inside.get(rnd.nextInt(inside.size()));
    }

    String value(String table, String row, String server) {
      return "value of " + table + "/" + row + " served by " + server;
    }
  }

  /** Stops a call that loops: thrown past RUNAWAY round trips, an Error so catch blocks miss it. */
  private static final class Runaway extends Error {
    private static final long serialVersionUID = 1L;

    Runaway() {
      super("too many round trips", null, false, false);
    }
  }

  /** One client's view of the world: every call is a round trip, counted per level. */
  private static final class View implements BigtableCluster {
    final World w;
    final int[] counts = new int[4]; // chubby, root, metadata, read
    final int[] failed = new int[4];
    final List<String> trace = new ArrayList<>();
    String servedBy;

    View(World w) {
      this.w = w;
    }

    void begin() {
      java.util.Arrays.fill(counts, 0);
      java.util.Arrays.fill(failed, 0);
      trace.clear();
      servedBy = null;
    }

    int total() {
      return counts[0] + counts[1] + counts[2] + counts[3];
    }

    private BigtableNotServingException refuse(int level, String call, String why) {
      failed[level]++;
      trace.add(call + " -> not serving");
      return new BigtableNotServingException(why);
    }

    private void tick(int level) {
      counts[level]++;
      if (total() > RUNAWAY) {
        throw new Runaway();
      }
    }

    private static String server(String call, String server) {
      if (server == null) {
        throw new IllegalArgumentException(call + " was given server null");
      }
      return server;
    }

    private static String key(String call, String key) {
      if (key == null) {
        throw new IllegalArgumentException(call + " was given key null");
      }
      return key;
    }

    @Override
    public String readChubbyFile() {
      tick(0);
      trace.add("readChubbyFile() -> " + w.root);
      return w.root;
    }

    @Override
    public BigtableLocation lookupRoot(String server, String metadataKey) {
      tick(1);
      server("lookupRoot", server);
      key("lookupRoot", metadataKey);
      String call = "lookupRoot(" + server + ", " + quote(metadataKey) + ")";
      if (!server.equals(w.root) || w.rootUnavailable) {
        throw refuse(1, call, server + " does not serve the root tablet");
      }
      Tab m = w.metadataTablet(metadataKey);
      trace.add(call + " -> " + m);
      return m.location();
    }

    @Override
    public BigtableLocation lookupMetadata(String server, String metadataKey) {
      tick(2);
      server("lookupMetadata", server);
      key("lookupMetadata", metadataKey);
      Tab m = w.metadataTablet(metadataKey);
      String call = "lookupMetadata(" + server + ", " + quote(metadataKey) + ")";
      if (!m.server().equals(server) || m.equals(w.unavailable)) {
        throw refuse(2, call, server + " does not serve the METADATA tablet holding "
            + metadataKey);
      }
      int semi = metadataKey.indexOf(';');
      String table = semi < 0 ? null : metadataKey.substring(0, semi);
      if (table == null || !w.tables.containsKey(table)) {
        throw new IllegalArgumentException("lookupMetadata(\"" + server + "\", \"" + metadataKey
            + "\"): METADATA holds no row for that key. The METADATA key of row r of table t is"
            + " BigtableCluster.metadataKey(t, r) = t + \";\" + r");
      }
      Tab u = w.userTablet(table, metadataKey.substring(semi + 1));
      trace.add(call + " -> " + u);
      return u.location();
    }

    @Override
    public String read(String server, String table, String row) {
      tick(3);
      server("read", server);
      key("read", row);
      if (table == null || !w.tables.containsKey(table)) {
        throw new IllegalArgumentException("read was given table " + table);
      }
      Tab t = w.userTablet(table, row);
      String call = "read(" + server + ", " + quote(table) + ", " + quote(row) + ")";
      if (!t.server().equals(server) || t.equals(w.unavailable)) {
        throw refuse(3, call, server + " does not serve " + table + "/" + row);
      }
      trace.add(call + " -> value");
      servedBy = server;
      return w.value(table, row, server);
    }
  }

  /** The brief's client, the suite's model: its cache is visible for messages. */
  private static final class Model {
    final View cluster;
    String root;
    final TreeMap<String, BigtableLocation> metadata = new TreeMap<>();
    final Map<String, TreeMap<String, BigtableLocation>> tablets = new HashMap<>();
    /** What the last call removed because a fresh location failed (for messages). */
    final List<String> droppedOnGiveUp = new ArrayList<>();

    Model(View cluster) {
      this.cluster = cluster;
    }

    String read(String table, String row) {
      droppedOnGiveUp.clear();
      String key = BigtableCluster.metadataKey(table, row);
      TreeMap<String, BigtableLocation> of = tablets.computeIfAbsent(table, t -> new TreeMap<>());
      BigtableLocation cached = covering(of, row);
      if (cached != null) {
        try {
          return cluster.read(cached.server(), table, row);
        } catch (BigtableNotServingException stale) {
          of.remove(cached.startKey());
        }
      }
      BigtableLocation fresh = tablet(key);
      of.put(fresh.startKey(), fresh);
      try {
        return cluster.read(fresh.server(), table, row);
      } catch (BigtableNotServingException e) {
        of.remove(fresh.startKey());
        droppedOnGiveUp.add("user " + fresh);
        throw e;
      }
    }

    private BigtableLocation tablet(String key) {
      BigtableLocation cached = covering(metadata, key);
      if (cached != null) {
        try {
          return cluster.lookupMetadata(cached.server(), key);
        } catch (BigtableNotServingException stale) {
          metadata.remove(cached.startKey());
        }
      }
      BigtableLocation fresh = meta(key);
      metadata.put(fresh.startKey(), fresh);
      try {
        return cluster.lookupMetadata(fresh.server(), key);
      } catch (BigtableNotServingException e) {
        metadata.remove(fresh.startKey());
        droppedOnGiveUp.add("METADATA " + fresh);
        throw e;
      }
    }

    private BigtableLocation meta(String key) {
      if (root != null) {
        try {
          return cluster.lookupRoot(root, key);
        } catch (BigtableNotServingException stale) {
          root = null;
        }
      }
      String fresh = cluster.readChubbyFile();
      root = fresh;
      try {
        return cluster.lookupRoot(fresh, key);
      } catch (BigtableNotServingException e) {
        root = null;
        droppedOnGiveUp.add("root server " + fresh);
        throw e;
      }
    }

    static BigtableLocation covering(TreeMap<String, BigtableLocation> cache, String key) {
      Map.Entry<String, BigtableLocation> e = cache.floorEntry(key);
      return e != null && e.getValue().contains(key) ? e.getValue() : null;
    }

    /** What this cache holds for (table, row) before a call, judged against the world. */
    String describe(World w, String table, String row) {
      String key = BigtableCluster.metadataKey(table, row);
      TreeMap<String, BigtableLocation> of = tablets.get(table);
      BigtableLocation u = of == null ? null : covering(of, row);
      BigtableLocation m = covering(metadata, key);
      StringBuilder sb = new StringBuilder();
      sb.append("user entry ").append(u == null ? "none" : u + judge(w, u, row, table));
      sb.append("; METADATA entry ").append(m == null ? "none" : m + judge(w, m, key, null));
      sb.append("; root server ").append(root == null ? "none"
          : root + (root.equals(w.root) ? (w.rootUnavailable ? " (right, but unavailable)"
              : " (right)") : " (stale: the root tablet is on " + w.root + ")"));
      return sb.toString();
    }

    private static String judge(World w, BigtableLocation l, String key, String table) {
      Tab t = table == null ? w.metadataTablet(key) : w.userTablet(table, key);
      if (!t.server().equals(l.server())) {
        return " (stale: " + key + " is now in " + t + ")";
      }
      return t.equals(w.unavailable) ? " (right, but unavailable)" : " (right)";
    }
  }

  /** A learner client and its model twin on the same world. */
  private static final class Pair {
    final World w;
    final String name;
    final View learnerView;
    final View modelView;
    final BigtableClient learner;
    final Model model;
    int reads;
    int seenEvents;
    final List<String[]> recent = new ArrayList<>();
    /** What the model dropped when the last call gave up, for the next call's message. */
    List<String> lastDropped = List.of();

    Pair(World w, String name) {
      this.w = w;
      this.name = name;
      this.learnerView = new View(w);
      this.modelView = new View(w);
      this.model = new Model(modelView);
      this.seenEvents = w.events.size();
      BigtableClient c;
      try {
        c = new BigtableClient(learnerView);
      } catch (RuntimeException e) {
        throw new AssertionError("new BigtableClient(cluster) threw " + e, e);
      }
      this.learner = c;
    }

    String[] pickRow(World world, SplittableRandom rnd) {
      int p = rnd.nextInt(100);
      String[] tables = world.tables.keySet().toArray(new String[0]);
      if (p < 45 && !recent.isEmpty()) {
        return recent.get(rnd.nextInt(recent.size()));
      }
      String table = tables[rnd.nextInt(tables.length)];
      if (p < 70) {
        // a boundary of a current tablet: its first row, or the row just below its end
        List<Tab> ts = new ArrayList<>(world.tables.get(table).values());
        Tab t = ts.get(rnd.nextInt(ts.size()));
        if (t.end() != null && rnd.nextBoolean() && !t.end().equals(ROWS[0])) {
          int n = Integer.parseInt(t.end().substring(4));
          String below = ROWS[n - 1];
          if (t.holds(below)) {
            return new String[] {table, below};
          }
        }
        return new String[] {table, t.start()};
      }
      return new String[] {table, ROWS[rnd.nextInt(200)]};
    }

    /**
     * Reads (table, row) with the learner's client and the model, and compares. {@code hint}
     * null: chosen per cause.
     */
    void step(String table, String row, String hint) {
      reads++;
      List<String> since = new ArrayList<>(w.events.subList(seenEvents, w.events.size()));
      seenEvents = w.events.size();
      String cacheBefore = model.describe(w, table, row);
      boolean firstRead = reads == 1;
      String key = BigtableCluster.metadataKey(table, row);
      TreeMap<String, BigtableLocation> ofTable = model.tablets.get(table);
      State userState = State.of(w, ofTable == null ? null : Model.covering(ofTable, row),
          w.userTablet(table, row));
      State metaState = State.of(w, Model.covering(model.metadata, key), w.metadataTablet(key));
      State rootState = model.root == null ? State.NONE : !model.root.equals(w.root) ? State.STALE
          : w.rootUnavailable ? State.UNAVAILABLE : State.RIGHT;
      List<String> droppedBefore = lastDropped;

      modelView.begin();
      String expected = null;
      boolean expectThrow = false;
      try {
        expected = model.read(table, row);
      } catch (BigtableNotServingException e) {
        expectThrow = true;
      }
      lastDropped = new ArrayList<>(model.droppedOnGiveUp);
      int[] want = modelView.counts.clone();
      String wantServer = modelView.servedBy;

      learnerView.begin();
      String got = null;
      boolean threw = false;
      String call = String.format(Locale.ROOT, "read(\"%s\", \"%s\")", table, row);
      StringBuilder ctx = new StringBuilder();
      ctx.append(name).append(", read number ").append(reads).append(": ").append(call);
      ctx.append("\n  since this client's previous read: ")
          .append(since.isEmpty() ? "no change to the cluster" : String.join("; ", since));
      ctx.append("\n  a correct cache held before the call: ").append(cacheBefore);
      if (!droppedBefore.isEmpty()) {
        ctx.append(" (its previous call gave up and removed ")
            .append(String.join(", ", droppedBefore)).append(")");
      }
      String expectText = "\n  expected: " + counts(want) + (expectThrow
          ? ", then BigtableNotServingException (a location learned in this call failed too)"
          : ", returning the value from " + wantServer) + "\n    calls: "
          + String.join("; ", modelView.trace);

      try {
        got = learner.read(table, row);
      } catch (BigtableNotServingException e) {
        threw = true;
      } catch (Runaway e) {
        throw Because.of(GIVE_UP, ctx + expectText + "\n  got: more than " + RUNAWAY
            + " round trips (" + counts(learnerView.counts) + ") and the suite stopped the call."
            + " A location learned in this call that answers not serving means the tablet is"
            + " unavailable for now: remove it and throw BigtableNotServingException; never"
            + " retry in a loop.");
      } catch (RuntimeException e) {
        String h = e instanceof IllegalArgumentException ? LEVELS : (hint == null ? CLIMB : hint);
        throw Because.of(h, ctx + expectText + "\n  got: " + e + " after "
            + counts(learnerView.counts) + where(e), e);
      }
      int[] have = learnerView.counts.clone();
      String gotText = "\n  got: " + counts(have) + (threw ? ", then BigtableNotServingException"
          : ", returning " + quote(got)) + "\n    calls: " + String.join("; ", learnerView.trace);
      String msg = ctx + expectText + gotText;

      if (!threw && !expectThrow && !expected.equals(got)) {
        throw Because.of(hint == null ? RANGE : hint, msg + "\n  read must return what the"
            + " serving tablet server's read returned: " + quote(expected) + ".");
      }
      int total = have[0] + have[1] + have[2] + have[3];
      boolean same = java.util.Arrays.equals(want, have) && threw == expectThrow;
      if (same) {
        record(table, row);
        return;
      }
      String[] why = classify(want, have, threw, expectThrow, firstRead, userState, metaState,
          rootState, !droppedBefore.isEmpty(), w.root,
          learnerView.failed[1] > modelView.failed[1]);
      String h = why.length > 2 ? why[0] : hint == null ? why[0] : hint;
      String cause = why[1];
      throw Because.of(h, msg + "\n  " + cause);
    }

    private void record(String table, String row) {
      recent.add(new String[] {table, row});
      if (recent.size() > 12) {
        recent.remove(0);
      }
    }
  }

  /** What a correct cache held for one level before a call. */
  private enum State {
    NONE, RIGHT, STALE, UNAVAILABLE;

    static State of(World w, BigtableLocation cached, Tab truth) {
      if (cached == null) {
        return NONE;
      }
      if (!truth.server().equals(cached.server())) {
        return STALE;
      }
      return truth.equals(w.unavailable) ? UNAVAILABLE : RIGHT;
    }

    boolean misses() {
      return this == STALE || this == UNAVAILABLE;
    }
  }

  /**
   * The hint and the sentence for a call whose round trips differ from the model's: the lowest
   * level where they differ, read against what a correct cache held before the call.
   */
  private static String[] classify(int[] want, int[] have, boolean threw, boolean expectThrow,
      boolean firstRead, State user, State meta, State root, boolean gaveUpBefore,
      String rootServer, boolean moreRootMisses) {
    int total = have[0] + have[1] + have[2] + have[3];
    String fresh = "This client has read nothing before, so its cache is empty: each client has"
        + " its own cache (instance fields, never static ones).";
    String kept = "When a call gives up, the location that failed is removed from the cache, so"
        + " this call must look it up again.";
    if (firstRead && (have[0] + have[1] + have[2] < want[0] + want[1] + want[2]
        || have[3] > want[3])) {
      // A new client that knows locations, or reads at a server it never looked up: state
      // shared between clients, whatever the test is about.
      return new String[] {CACHE, fresh, "shared"};
    }
    if (total > BOUND) {
      return new String[] {expectThrow ? GIVE_UP : CLIMB, "That is more than the " + BOUND
          + " round trips a call may take (Chubby 1; root, METADATA and read 2 each): each level"
          + " is tried at most once from the cache and once fresh."};
    }
    if (threw && !expectThrow) {
      return new String[] {CLIMB, "Gave up although the row is served: a cached entry that"
          + " answers not serving is only stale; remove it and ask the level above."};
    }
    if (expectThrow && !threw) {
      return new String[] {GIVE_UP, "A location learned in this call answered not serving: the"
          + " tablet is unavailable. Remove it and throw BigtableNotServingException."};
    }
    if (expectThrow && threw && have[0] == want[0] && have[1] <= want[1]
        && have[2] <= want[2] && have[3] <= want[3]
        && ((root == State.UNAVAILABLE && have[1] < want[1])
            || (meta == State.UNAVAILABLE && have[2] < want[2])
            || (user == State.UNAVAILABLE && have[3] < want[3]))) {
      // Right to give up, but before the location learned in this call was asked: for
      // example Chubby named the root server that had just failed, and the call stopped there.
      return new String[] {GIVE_UP, "Gave up before asking the location learned in this call."
          + " A cached entry that answers not serving is only stale: ask the level above and try"
          + " the location it gives, even when it names the same server; give up only when that"
          + " fresh location fails too."};
    }
    if (have[3] > want[3]) {
      return new String[] {RANGE, "Read at a server a correct cache would not send this row to:"
          + " use a cached tablet only if its table is this table and its range [start, end)"
          + " holds the row, and remove an entry once it answered not serving."};
    }
    if (have[3] < want[3]) {
      return new String[] {CACHE, firstRead ? fresh : "A correct cache held a user entry for"
          + " this row and tried it first: cache every user location lookupMetadata returns."};
    }
    if (have[2] < want[2]) {
      if (firstRead) {
        return new String[] {CACHE, fresh};
      }
      if (gaveUpBefore) {
        return new String[] {GIVE_UP, kept};
      }
      return new String[] {CLIMB, meta != State.NONE
          ? "A correct cache held a METADATA entry for this key and asked it before climbing:"
              + " after a miss, ask the level just above through its own cached entry first."
          : "Fewer lookups than a correct cache needs: an entry that answered not serving must"
              + " be removed, never kept."};
    }
    if (have[2] > want[2]) {
      if (expectThrow) {
        return new String[] {GIVE_UP, "When a location learned in this call fails, give up at"
            + " once: no second climb, no retry."};
      }
      return new String[] {RANGE, "Asked METADATA more often than a correct cache: use a cached"
          + " METADATA tablet only if its range holds metadataKey(table, row)."};
    }
    if (have[0] + have[1] < want[0] + want[1]) {
      if (firstRead) {
        return new String[] {CACHE, fresh};
      }
      return new String[] {gaveUpBefore ? GIVE_UP : CLIMB, gaveUpBefore ? kept
          : "Fewer lookups than a correct cache needs: a root server or METADATA entry that"
              + " answered not serving must be removed, never kept."};
    }
    if (root == State.RIGHT && moreRootMisses) {
      return new String[] {CLIMB, "A correct cache held the right root server (" + rootServer
          + "), yet yours asked a server that no longer serves the root tablet: when Chubby"
          + " names the root server, cache it in place of the stale one."};
    }
    if (meta == State.RIGHT || root == State.RIGHT) {
      boolean miss = user.misses() || meta.misses();
      return new String[] {miss ? CLIMB : CACHE, miss
          ? "After a miss, ask only the level just above first (through its cached entry if it"
              + " has one); climb further only if that entry misses too."
          : "A level was asked although a correct cache held a right entry for it: cache the"
              + " root server, every METADATA location and every user location, and use them."};
    }
    if (expectThrow) {
      return new String[] {GIVE_UP, "When a location learned in this call fails, give up at"
          + " once: no second climb, no retry."};
    }
    return new String[] {CACHE, "A level was asked more often than a correct cache asks it:"
        + " cache the root server, every METADATA location and every user location you learn."};
  }

  private static String counts(int[] c) {
    return String.format(Locale.ROOT, "chubby %d, root %d, metadata %d, read %d", c[0], c[1],
        c[2], c[3]);
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  /** The learner's frame where {@code e} was thrown, if any. */
  private static String where(Throwable e) {
    for (StackTraceElement f : e.getStackTrace()) {
      if ("BigtableClient.java".equals(f.getFileName())) {
        return " (at BigtableClient.java:" + f.getLineNumber() + ")";
      }
    }
    return "";
  }
}
