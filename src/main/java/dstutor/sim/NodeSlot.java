package dstutor.sim;

import dstutor.kit.Context;
import dstutor.kit.Disk;
import dstutor.kit.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One simulated machine: its current node object, clock, disk and timers, and the {@link Context}
 * that node sees. Survives crashes; the node object does not.
 */
final class NodeSlot implements Context {
  private static final long MAX_DELAY = 1L << 40;
  /**
   * Timers plus messages one node may start within one millisecond of virtual time. A node
   * that goes past it is looping in virtual time (a timer that sets a timer for the same moment,
   * a message answered with more messages): a deterministic limit, unlike a wall-clock one.
   */
  static final int BURST_LIMIT = 10_000;

  final Simulation sim;
  final String id;
  final int index;
  final boolean client;
  final SimClock clock = new SimClock();
  final SimDisk disk = new SimDisk();
  private final Supplier<? extends Node> factory;
  private final Map<Long, Event> timers = new HashMap<>();
  Node node;
  boolean alive;
  boolean everStarted;
  int incarnation;
  int crashes;
  /** The node this one sent to last: most nodes talk to the same few, so skip the lookup. */
  NodeSlot lastTo;
  long bootedAt = -1;
  long crashedAt = -1;
  /** While virtual time is before this, the node is paused (see {@link Fault.Pause}). */
  long pausedUntil = -1;
  /** When the current pause began. */
  long pausedSince = -1;
  private SplittableRandom random;
  private long nextTimer;
  private long burstAt = -1;
  private int burstTimers;
  private int burstSends;

  NodeSlot(Simulation sim, String id, int index, Supplier<? extends Node> factory, boolean client) {
    this.sim = sim;
    this.id = id;
    this.index = index;
    this.factory = factory;
    this.client = client;
  }

  void boot(boolean restart) {
    alive = true;
    bootedAt = sim.now();
    everStarted = true;
    incarnation++;
    random = new SplittableRandom(Mix.hash(sim.seed(), index, incarnation));
    sim.record(restart ? TraceEvent.Type.RESTART : TraceEvent.Type.START, id, "", "", "");
    try {
      node = factory.get();
    } catch (RuntimeException e) {
      throw SimulationException.from(this, "its constructor", e);
    }
    if (node == null) {
      throw new SimulationException("the factory of node " + id + " returned null");
    }
    try {
      node.start(this);
    } catch (RuntimeException e) {
      throw SimulationException.from(this, "start", e);
    }
  }

  /** Returns what the disk lost, for the timeline. */
  String crash(boolean tear, long bits) {
    alive = false;
    pausedUntil = -1;
    crashedAt = sim.now();
    node = null;
    incarnation++;
    crashes++;
    for (Event e : timers.values()) {
      e.cancelled = true;
    }
    timers.clear();
    return disk.crash(tear, bits);
  }

  void deliver(String from, Object message) {
    try {
      node.onMessage(from, message);
    } catch (RuntimeException e) {
      String call = "onMessage(" + from + ", " + Timeline.format(message) + ")";
      throw SimulationException.from(this, call, e);
    }
  }

  /** Whether the node is alive but paused now: its events wait until {@link #pausedUntil}. */
  boolean paused() {
    return alive && sim.now() < pausedUntil;
  }

  void fire(Event e) {
    if (e.cancelled || !alive || e.incarnation != incarnation) {
      return;
    }
    if (paused()) {
      sim.schedule(pausedUntil, e); // fires late, when the pause ends
      return;
    }
    timers.remove(e.id);
    sim.record(TraceEvent.Type.TIMER, id, "", e.payload, "");
    try {
      node.onTimer(e.payload);
    } catch (RuntimeException ex) {
      throw SimulationException.from(this, "onTimer(" + Timeline.format(e.payload) + ")", ex);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public long now() {
    return clock.local(sim.now());
  }

  @Override
  public void send(String to, Object message) {
    if (burst(false)) {
      throw new SimulationException(id + " sent " + burstSends + " messages and set "
          + burstTimers + " timers within 1 ms of simulated time (at " + sim.now()
          + " ms), the last to " + to + ": " + Timeline.format(message) + ". Does it answer"
          + " every message with more messages, or send in a loop that never ends?");
    }
    sim.send(this, to, message);
  }

  /** Counts one timer or send in the current millisecond; true when past the limit. */
  private boolean burst(boolean timer) {
    long t = sim.now();
    if (t != burstAt) {
      burstAt = t;
      burstTimers = 0;
      burstSends = 0;
    }
    if (timer) {
      burstTimers++;
    } else {
      burstSends++;
    }
    return !client && burstTimers + burstSends > BURST_LIMIT;
  }

  @Override
  public long setTimer(long delayMillis, Object tag) {
    if (delayMillis < 0 || delayMillis > MAX_DELAY) {
      throw new IllegalArgumentException("timer delay out of range [0, 2^40] ms: " + delayMillis);
    }
    if (burst(true)) {
      throw new SimulationException(id + " set " + burstTimers + " timers and sent "
          + burstSends + " messages within 1 ms of simulated time (at " + sim.now()
          + " ms), the last with delay " + delayMillis + " ms and tag "
          + Timeline.format(tag) + ". A timer that sets another one for the same moment keeps"
          + " virtual time from moving on: give timers a positive delay.");
    }
    long t = sim.now();
    long fireAt = clock.trueTimeAt(t, clock.local(t) + delayMillis);
    sim.fingerprint(index, fireAt, -1);
    long timerId = ++nextTimer;
    Event e = new Event(Event.TIMER, index, -1, incarnation, timerId, tag);
    timers.put(timerId, e);
    sim.schedule(fireAt, e);
    return timerId;
  }

  @Override
  public void cancelTimer(long timerId) {
    Event e = timers.remove(timerId);
    if (e != null) {
      e.cancelled = true;
    }
  }

  @Override
  public Disk disk() {
    return disk;
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public void log(String text) {
    sim.record(TraceEvent.Type.LOG, id, "", String.valueOf(text), "");
  }
}
