package dstutor.sim;

import dstutor.kit.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A deterministic run of a simulated cluster: one thread, virtual time in milliseconds, and every
 * random choice derived from the plan's seed. Nodes are {@link Node}s; the network delays, loses,
 * duplicates and reorders their messages as {@link SimConfig} says, and scheduled {@link Fault}s
 * crash, pause and restart nodes, cut the network and step clocks. Nothing reads the wall clock.
 *
 * <p>Typical use: add nodes, schedule faults and scenario actions ({@link #at}), {@link #run()},
 * then check the {@link #history()} or probe the nodes.
 */
public final class Simulation {
  private static final long SALT_DROP = 0x1;
  private static final long SALT_DELAY = 0x2;
  private static final long SALT_SLOW = 0x3;
  private static final long SALT_DUP = 0x4;
  private static final long SALT_DUP_DELAY = 0x5;
  private static final long SALT_TEAR = 0x6;

  private final RunPlan plan;
  private SimConfig config;
  private final long seed;
  private final long seedBits;
  private final EventQueue queue = new EventQueue();
  private final List<NodeSlot> slots = new ArrayList<>();
  private final Map<String, NodeSlot> byId = new HashMap<>();
  private final Trace trace;
  private final History history;
  private final List<Fault.Fired> fired = new ArrayList<>();
  private final List<String> clients = new ArrayList<>();
  private final Event[] free = new Event[4096];
  private NodeSlot[] nodes = new NodeSlot[0];
  private boolean[] blocked = new boolean[0];
  private long[] linkSeq = new long[0];
  private long[] linkLast = new long[0];
  private long now;
  private long events;
  private long maxEvents = 20_000_000;
  private long deliveries;
  private long sends;
  private long fingerprint;
  private boolean started;
  private boolean stopped;
  private int freeCount;

  public Simulation(RunPlan plan, SimConfig config) {
    this.plan = Objects.requireNonNull(plan, "plan == null");
    this.config = Objects.requireNonNull(config, "config == null");
    this.seed = plan.seed();
    this.seedBits = Mix.mix(seed + 0x632be59bd9b4e019L);
    this.trace = plan.trace() ? new Trace() : null;
    this.history = new History(new HistoryToTrace());
  }

  /** Adds a node that boots at time 0. */
  public void addNode(String id, Supplier<? extends Node> factory) {
    addNode(id, factory, 0);
  }

  /**
   * Adds a node that boots at {@code startAt}. {@code factory} builds a fresh object at boot and
   * at every restart: fields do not survive a crash.
   */
  public void addNode(String id, Supplier<? extends Node> factory, long startAt) {
    add(id, factory, startAt, false);
  }

  /**
   * Adds a client: a node outside the fault model. Its messages are delayed like any other but
   * never lost, duplicated or slowed, partitions do not cut it off, and nemeses should not crash
   * it.
   */
  public void addClient(String id, Node client) {
    Objects.requireNonNull(client, "client == null");
    add(id, () -> client, 0, true);
    clients.add(id);
  }

  private void add(String id, Supplier<? extends Node> factory, long startAt, boolean client) {
    if (started) {
      throw new IllegalStateException("add nodes before the run starts");
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("node id must not be blank");
    }
    if (byId.containsKey(id)) {
      throw new IllegalArgumentException("duplicate node id: " + id);
    }
    Objects.requireNonNull(factory, "factory == null");
    NodeSlot slot = new NodeSlot(this, id, slots.size(), factory, client);
    slots.add(slot);
    byId.put(id, slot);
    queue.add(Math.max(startAt, now), new Event(Event.START, slot.index, -1, 0, 0, null));
  }

  /** Runs {@code action} at virtual time {@code time} (or now, if that has passed). */
  public void at(long time, Runnable action) {
    Objects.requireNonNull(action, "action == null");
    queue.add(Math.max(time, now), new Event(Event.ACTION, -1, -1, 0, 0, action));
  }

  /**
   * Schedules fault {@code f} at {@code f.at()}, unless the plan does not allow it. Message faults
   * are not scheduled: they come from the {@link SimConfig} rates.
   */
  public void schedule(Fault f) {
    Objects.requireNonNull(f, "fault == null");
    if (f.at() < 0) {
      throw new IllegalArgumentException("only scheduled faults can be scheduled: " + f);
    }
    if (!plan.allows(f)) {
      return;
    }
    if (!started && f instanceof Fault.Clock && f.at() <= now) {
      applyFault(f); // so that a node reads its skewed clock from its very first start()
      return;
    }
    queue.add(Math.max(f.at(), now), new Event(Event.FAULT, -1, -1, 0, 0, f));
  }

  /** Runs until the plan's horizon. */
  public void run() {
    runUntil(plan.horizon());
  }

  /** Runs every event up to and including virtual time {@code end} (capped at the horizon). */
  public void runUntil(long end) {
    if (!started) {
      begin();
    }
    end = Math.min(end, plan.horizon());
    stopped = false;
    while (!stopped && !queue.isEmpty() && queue.peekTime() <= end) {
      long t = queue.peekTime();
      Event e = queue.poll();
      now = t;
      if (++events > maxEvents) {
        throw new SimulationException(
            "more than " + maxEvents + " events by " + now + " ms: is a node answering every "
                + "message with more messages, or setting timers in a loop?").attach(trace, fired);
      }
      try {
        dispatch(e);
      } catch (SimulationException ex) {
        throw ex.attach(trace, fired);
      }
    }
    if (!stopped) {
      now = Math.max(now, end);
    }
  }

  /**
   * Ends {@link #run()} or {@link #runUntil(long)} after the current event, for a scenario that
   * has seen what it was waiting for. A later call to either carries on from there.
   */
  public void stop() {
    stopped = true;
  }

  private void begin() {
    started = true;
    int n = slots.size();
    nodes = slots.toArray(new NodeSlot[0]);
    blocked = new boolean[n * n];
    linkSeq = new long[n * n];
    linkLast = new long[n * n];
  }

  private void dispatch(Event e) {
    switch (e.kind) {
      case Event.DELIVER:
        NodeSlot to = nodes[e.node];
        if (to.paused()) {
          queue.add(to.pausedUntil, e); // held until the pause ends, in arrival order
          break;
        }
        deliver(e);
        recycle(e);
        break;
      case Event.TIMER:
        nodes[e.node].fire(e);
        break;
      case Event.ACTION:
        try {
          ((Runnable) e.payload).run();
        } catch (SimulationException ex) {
          throw ex;
        } catch (RuntimeException ex) {
          // a scenario's probe called into a node, and the node's code threw
          throw SimulationException.probe(now, ex);
        }
        break;
      case Event.FAULT:
        applyFault((Fault) e.payload);
        break;
      default:
        nodes[e.node].boot(false);
        break;
    }
  }

  private void deliver(Event e) {
    NodeSlot to = nodes[e.node];
    NodeSlot from = nodes[e.from];
    if (!to.alive) {
      if (trace != null) {
        record(TraceEvent.Type.DROP, to.id, from.id, e.payload,
            "DROPPED: " + to.id + (to.everStarted ? " is down" : " has not started"));
      }
      return;
    }
    if (blocked[e.from * nodes.length + e.node]) {
      record(TraceEvent.Type.DROP, to.id, from.id, e.payload, "DROPPED: partitioned");
      return;
    }
    deliveries++;
    if (trace != null) {
      record(TraceEvent.Type.DELIVER, to.id, from.id, e.payload, e.id == 1 ? "duplicate" : "");
    }
    to.deliver(from.id, e.payload);
  }

  /** Called by a node's context. */
  void send(NodeSlot from, String toId, Object message) {
    NodeSlot to = from.lastTo != null && from.lastTo.id == toId ? from.lastTo : byId.get(toId);
    if (to == null) {
      throw new IllegalArgumentException("unknown node: " + toId + " (nodes: " + byId.keySet()
          + ")");
    }
    Objects.requireNonNull(message, "message == null");
    from.lastTo = to;
    int link = from.index * nodes.length + to.index;
    long k = linkSeq[link]++;
    sends++;
    fingerprint(from.index, now, to.index);
    if (blocked[link]) {
      record(TraceEvent.Type.SEND, from.id, to.id, message, "DROPPED: partitioned");
      return;
    }
    boolean faulty = !from.client && !to.client;
    long bits = Mix.mix(seedBits + link * 0x9e3779b97f4a7c15L + k * 0xc2b2ae3d27d4eb4fL);
    if (faulty && config.drop() > 0 && Mix.unit(Mix.mix(bits ^ SALT_DROP)) < config.drop()) {
      Fault f = new Fault.Drop(from.id, to.id, k);
      if (plan.allows(f)) {
        fired.add(new Fault.Fired(f, now));
        record(TraceEvent.Type.SEND, from.id, to.id, message, "DROPPED");
        return;
      }
    }
    long delay = config.delay().sample(Mix.mix(bits ^ SALT_DELAY));
    String note = "";
    if (faulty && config.slow() > 0 && Mix.unit(Mix.mix(bits ^ SALT_SLOW)) < config.slow()) {
      Fault f = new Fault.Slow(from.id, to.id, k, config.slowMillis());
      if (plan.allows(f)) {
        fired.add(new Fault.Fired(f, now));
        delay += config.slowMillis();
        note = "SLOW ";
      }
    }
    long arrive = arrival(link, now + delay);
    queue.add(arrive, delivery(to.index, from.index, 0, message));
    if (faulty && config.duplicate() > 0 && Mix.unit(Mix.mix(bits ^ SALT_DUP))
        < config.duplicate()) {
      Fault f = new Fault.Duplicate(from.id, to.id, k);
      if (plan.allows(f)) {
        fired.add(new Fault.Fired(f, now));
        long again = arrival(link, now + config.delay().sample(Mix.mix(bits ^ SALT_DUP_DELAY)));
        queue.add(again, delivery(to.index, from.index, 1, message));
        note = note + "DUPLICATED, copies arrive at " + arrive + " and " + again + " ms";
      }
    }
    if (trace != null) {
      record(TraceEvent.Type.SEND, from.id, to.id, message,
          note.contains("DUPLICATED") ? note : note + "arrives at " + arrive + " ms");
    }
  }

  private Event delivery(int to, int from, long duplicate, Object message) {
    if (freeCount == 0) {
      return new Event(Event.DELIVER, to, from, 0, duplicate, message);
    }
    Event e = free[--freeCount];
    free[freeCount] = null;
    return e.set(Event.DELIVER, to, from, 0, duplicate, message);
  }

  /** A delivered event is referenced by nothing else: keep it for the next message. */
  private void recycle(Event e) {
    e.payload = null;
    if (freeCount < free.length) {
      free[freeCount++] = e;
    }
  }

  private long arrival(int link, long at) {
    if (!config.reorder()) {
      at = Math.max(at, linkLast[link]);
      linkLast[link] = at;
    }
    return at;
  }

  void schedule(long time, Event e) {
    queue.add(time, e);
  }

  private void applyFault(Fault f) {
    if (f instanceof Fault.Crash c) {
      NodeSlot s = slot(c.node());
      if (!s.alive) {
        return;
      }
      boolean tear = false;
      long bits = Mix.hash(seed ^ SALT_TEAR, s.index, s.crashes);
      if (config.tear() > 0 && s.disk.unsynced() > 0 && Mix.unit(bits) < config.tear()) {
        Fault t = new Fault.TornWrite(s.id, s.crashes);
        if (plan.allows(t)) {
          tear = true;
          fired.add(new Fault.Fired(t, now));
        }
      }
      fired.add(new Fault.Fired(f, now));
      String lost = s.crash(tear, Mix.mix(bits));
      record(TraceEvent.Type.CRASH, s.id, "", f, lost);
    } else if (f instanceof Fault.Restart r) {
      NodeSlot s = slot(r.node());
      if (s.alive || !s.everStarted) {
        return;
      }
      fired.add(new Fault.Fired(f, now));
      s.boot(true);
    } else if (f instanceof Fault.Pause p) {
      NodeSlot s = slot(p.node());
      if (!s.alive) {
        return;
      }
      fired.add(new Fault.Fired(f, now));
      long since = s.paused() ? s.pausedSince : now;
      s.pausedSince = since;
      s.pausedUntil = Math.max(s.pausedUntil, now + p.millis());
      // a pause is the node's own time standing still: the timeline shows it as a FAULT line
      record(TraceEvent.Type.CLOCK, s.id, "", f, "");
      long until = s.pausedUntil;
      int incarnation = s.incarnation;
      queue.add(until, new Event(Event.ACTION, -1, -1, 0, 0, (Runnable) () -> {
        if (s.alive && s.incarnation == incarnation && s.pausedUntil == until) {
          record(TraceEvent.Type.LOG, s.id, "", "resumes after a pause of " + (until - since)
              + " ms: late timers and held messages follow", "");
        }
      }));
    } else if (f instanceof Fault.Partition p) {
      boolean[] side = new boolean[nodes.length];
      for (String id : p.side()) {
        side[slot(id).index] = true;
      }
      for (NodeSlot a : nodes) {
        for (NodeSlot b : nodes) {
          if (!a.client && !b.client && side[a.index] != side[b.index]) {
            blocked[a.index * nodes.length + b.index] = true;
          }
        }
      }
      network(f);
    } else if (f instanceof Fault.Block b) {
      blocked[slot(b.from()).index * nodes.length + slot(b.to()).index] = true;
      network(f);
    } else if (f instanceof Fault.Heal) {
      Arrays.fill(blocked, false);
      network(f);
    } else if (f instanceof Fault.Clock c) {
      NodeSlot s = slot(c.node());
      s.clock.set(now, c.offset(), c.driftPpm());
      fired.add(new Fault.Fired(f, now));
      record(TraceEvent.Type.CLOCK, s.id, "", f, "");
    } else {
      throw new IllegalArgumentException("not a scheduled fault: " + f);
    }
  }

  private void network(Fault f) {
    fired.add(new Fault.Fired(f, now));
    record(TraceEvent.Type.NETWORK, "net", "", f, "");
  }

  private NodeSlot slot(String id) {
    NodeSlot s = byId.get(id);
    if (s == null) {
      throw new IllegalArgumentException("unknown node in fault: " + id);
    }
    return s;
  }

  void record(TraceEvent.Type type, String node, String peer, Object detail, String note) {
    if (trace != null) {
      trace.add(new TraceEvent(now, type, node, peer, detail, note, -1));
    }
  }

  /** Adds a line marked as a problem to the timeline, such as a property a probe found broken. */
  public void flag(String node, String text) {
    record(TraceEvent.Type.FLAG, node, "", text, "");
  }

  /** Adds an informational line to the timeline. */
  public void note(String node, String text) {
    record(TraceEvent.Type.LOG, node, "", text, "");
  }

  /** The current object of node {@code id}, or {@code null} while it is down or not started. */
  public Node node(String id) {
    NodeSlot s = slot(id);
    return s.alive ? s.node : null;
  }

  /** Whether node {@code id} is up. */
  public boolean isUp(String id) {
    return slot(id).alive;
  }

  /**
   * Whether node {@code id} is up but paused now (see {@link Fault.Pause}): a probe should not
   * ask a paused process anything, since it runs no code until it resumes.
   */
  public boolean isPaused(String id) {
    return slot(id).paused();
  }

  /** When node {@code id} last started or restarted, or -1 if it has not started yet. */
  public long upSince(String id) {
    return slot(id).bootedAt;
  }

  /** When node {@code id} last crashed, or -1 if it never did. */
  public long downSince(String id) {
    return slot(id).crashedAt;
  }

  /** Node {@code id}'s clock reading now. */
  public long clockOf(String id) {
    return slot(id).clock.local(now);
  }

  /** Node {@code id}'s disk. */
  public SimDisk diskOf(String id) {
    return slot(id).disk;
  }

  /** The ids of all nodes and clients, in the order they were added. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (NodeSlot s : slots) {
      ids.add(s.id);
    }
    return ids;
  }

  /** The clients that take part in this run: those added, less the plan's idle ones. */
  public List<String> activeClients() {
    List<String> active = new ArrayList<>();
    for (String c : clients) {
      if (!plan.idle().contains(c)) {
        active.add(c);
      }
    }
    return active;
  }

  /** Virtual time now, in ms. */
  public long now() {
    return now;
  }

  public RunPlan plan() {
    return plan;
  }

  /**
   * The network from now on behaves as {@code config} says (delays, loss, duplication): the
   * sandbox's {@code drop 10%}. A run that changes it is as repeatable as one that does not.
   */
  public void reconfigure(SimConfig config) {
    this.config = Objects.requireNonNull(config, "config == null");
  }

  public SimConfig config() {
    return config;
  }

  /** The client operations of this run; invocations and results also go on the trace. */
  public History history() {
    return history;
  }

  /** The run's trace, or {@code null} if the plan did not ask for one. */
  public Trace trace() {
    return trace;
  }

  /** The faults that fired so far, in order. */
  public List<Fault.Fired> fired() {
    return List.copyOf(fired);
  }

  /** Messages delivered so far. */
  public long deliveries() {
    return deliveries;
  }

  /** Messages sent so far. */
  public long sends() {
    return sends;
  }

  /**
   * A hash of what the nodes did: who sent to whom and when, and when timers were set to fire.
   * Two runs of one plan have the same fingerprint unless node code draws randomness or time from
   * outside its {@link dstutor.kit.Context} (see {@link Determinism}).
   */
  public long fingerprint() {
    return fingerprint;
  }

  /** Adds one node action to the fingerprint. */
  void fingerprint(int node, long time, int peer) {
    fingerprint = Mix.mix(fingerprint + 0x9e3779b97f4a7c15L * (node + 1)
        + 0xc2b2ae3d27d4eb4fL * time + 0x165667b19e3779f9L * (peer + 2));
  }

  /** Guards against runaway code: the run fails after this many events (default 20 million). */
  public void setMaxEvents(long max) {
    this.maxEvents = max;
  }

  long seed() {
    return seed;
  }

  private final class HistoryToTrace implements History.Listener {
    @Override
    public void called(Op op) {
      if (trace != null) {
        trace.add(new TraceEvent(now, TraceEvent.Type.CALL, op.process(), "", op.callText(), "",
            op.id()));
      }
    }

    @Override
    public void completed(Op op) {
      if (trace != null) {
        trace.add(new TraceEvent(now, TraceEvent.Type.RETURN, op.process(), "",
            op.outcomeText(), "", op.id()));
      }
    }
  }
}
