import dstutor.grade.Because;
import dstutor.grade.Hint;
import dstutor.grade.Seeds;
import dstutor.kit.Context;
import dstutor.kit.Node;
import dstutor.sim.Delay;
import dstutor.sim.Determinism;
import dstutor.sim.Fault;
import dstutor.sim.ForwardingContext;
import dstutor.sim.Outcome;
import dstutor.sim.RunPlan;
import dstutor.sim.Scenario;
import dstutor.sim.Shrinker;
import dstutor.sim.SimConfig;
import dstutor.sim.Simulation;
import dstutor.sim.SimulationException;
import dstutor.sim.Timeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hidden suite for hdfs-write-pipeline. The learner's client and three DataNodes run in the
 * simulator on a FIFO network (1-10 ms, no loss) with the suite's NameNode as a sink. Each node
 * runs inside a wrapper that sees every message it sends and, after every event, reads its state
 * (the client's ackedBytes(), a DataNode's replica()) and checks it against the brief's model:
 * replicas are prefixes of the block's data that grow one packet at a time at their own stamp and
 * shrink only to the acknowledged length on a Recover with a higher stamp; an acknowledged byte
 * is on every live node of the path its packet took, at the client's stamp; stamps go up by one
 * per recovery; a node that never failed is never dropped; the block ends exactly once, complete
 * on nodes that hold it whole with the newest stamp, or failed only when fewer than minReplicas
 * nodes never failed. Expectations come from the suite's own account of the faults it scheduled
 * and the data it handed the client. All properties are exact (no thresholds), so a correct
 * implementation passes whatever its random stream (HdfsPipelineCalibrationTest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class HdfsWritePipelineSuite {
  static final String CLIENT = "client";
  static final String NN = HdfsPipelineProtocol.NAMENODE;
  static final List<String> DNS = List.of("dn1", "dn2", "dn3");
  static final long BLOCK = 7;
  static final long HORIZON = 3_000;
  /** A write that has not ended by then (with the full horizon) never will. */
  static final long MUST_END_BY = 2_500;

  // hint rungs
  static final String STREAMING = "streaming";
  static final String ACKS = "acks-from-downstream";
  static final String ORDER = "packet-order";
  static final String BAD_NODE = "detect-the-bad-node";
  static final String STAMPS = "generation-stamps";
  static final String LENGTH = "agree-on-acked-length";
  static final String RESEND = "resend-unacked";
  static final String RECOVERY = "recovery";
  static final String MIN = "min-replicas";
  static final String ARGS = "arguments";
  static final String DETERMINISM = "determinism";

  // failure reasons (the shrinker keeps a smaller run only if it fails for the same one)
  static final String R_WINDOW = "window";
  static final String R_START = "first packets";
  static final String R_EARLY_ACK = "acknowledged too early";
  static final String R_ACKED_BACK = "ackedBytes went back";
  static final String R_NOT_PREFIX = "replica not a prefix";
  static final String R_STALE_STORED = "older stamp stored";
  static final String R_STAMP_DOWN = "stamp went down";
  static final String R_TRUNCATE = "wrong truncation";
  static final String R_RECOVER_STAMP = "stamp not bumped by one";
  static final String R_PACKET_STAMP = "packet with the wrong stamp";
  static final String R_RESENT = "resent wrongly";
  static final String R_HEALTHY = "healthy node removed";
  static final String R_TWICE = "two final messages";
  static final String R_COMPLETE = "bad BlockComplete";
  static final String R_FAILED = "gave up too early";
  static final String R_NEVER = "never ended";
  static final String R_THREW = "replica() threw";
  static final String R_COMPLETE_EARLY = "BlockComplete before every byte";
  static final String R_COMPLETE_NODES = "BlockComplete nodes";
  static final String R_STAMP_CHANGED = "stamp changed without Recover";
  static final String R_NO_WAIT = "streamed before every RecoverOk";

  static final Map<String, String> HINTS = Map.ofEntries(Map.entry(R_WINDOW, STREAMING),
      Map.entry(R_START, STREAMING), Map.entry(R_EARLY_ACK, ACKS), Map.entry(R_ACKED_BACK, ACKS),
      Map.entry(R_NOT_PREFIX, ORDER), Map.entry(R_STALE_STORED, STAMPS),
      Map.entry(R_STAMP_DOWN, STAMPS), Map.entry(R_TRUNCATE, LENGTH),
      Map.entry(R_RECOVER_STAMP, STAMPS), Map.entry(R_PACKET_STAMP, STAMPS),
      Map.entry(R_RESENT, RESEND), Map.entry(R_HEALTHY, BAD_NODE), Map.entry(R_TWICE, MIN),
      Map.entry(R_COMPLETE, STAMPS), Map.entry(R_FAILED, MIN), Map.entry(R_NEVER, RECOVERY),
      Map.entry(R_THREW, ORDER), Map.entry(R_COMPLETE_EARLY, RESEND),
      Map.entry(R_COMPLETE_NODES, MIN), Map.entry(R_STAMP_CHANGED, STAMPS),
      Map.entry(R_NO_WAIT, RECOVERY));

  static final SimConfig NET = SimConfig.reliable().withReorder(false)
      .withDelay(Delay.uniform(1, 10));

  /** One scenario: the block's packets, the client's minReplicas, and the faults to schedule. */
  record Setup(String what, List<String> packets, int minReplicas, List<Fault> faults) {}

  record Problem(String reason, String node, String text) {}

  /** What one run has shown so far. */
  static final class Run {
    final Simulation sim;
    final Setup setup;
    final String data;
    final long[] offsets;
    Problem problem;
    /** The stamp the client is at, from its Packets and Recovers (1 at start). */
    long clientStamp = 1;
    /** Per seqno, the nodes the client's latest Packet of it went through, and its stamp. */
    final Map<Long, List<String>> path = new HashMap<>();
    final Map<Long, Long> pathStamp = new HashMap<>();
    long lastAcked;
    int finals;
    /** Nodes crashed or cut off so far, with the time. */
    final Map<String, Long> faulted = new HashMap<>();
    final List<String> pipelineNow = new ArrayList<>(DNS);
    /** The pipeline before the current recovery round, and the nodes the round asked. */
    final List<String> previousPipeline = new ArrayList<>(DNS);
    final Set<String> asked = new HashSet<>();
    /** Nodes whose RecoverOk at the current stamp reached the client. */
    final Set<String> answered = new HashSet<>();
    /** The client event of the current round's first Recover; packets sent since it. */
    long roundEvent = -1;
    boolean packetSinceRound;
    /** The offset the client's next packet must start at, or -1: ackedBytes(). */
    long nextOffset = -1;
    Run(Simulation sim, Setup setup) {
      this.sim = sim;
      this.setup = setup;
      StringBuilder b = new StringBuilder();
      offsets = new long[setup.packets().size() + 1];
      for (int i = 0; i < setup.packets().size(); i++) {
        offsets[i] = b.length();
        b.append(setup.packets().get(i));
      }
      offsets[setup.packets().size()] = b.length();
      data = b.toString();
    }

    void report(String reason, String node, String text) {
      if (problem == null) {
        problem = new Problem(reason, node, "at " + sim.now() + " ms: " + text);
        sim.stop();
      }
    }

    /** The seqno of the packet that starts at {@code offset}, or -1. */
    int packetAt(long offset) {
      for (int i = 0; i < setup.packets().size(); i++) {
        if (offsets[i] == offset) {
          return i;
        }
      }
      return -1;
    }

    boolean healthy(String node) {
      return !faulted.containsKey(node);
    }
  }

  // ------------------------------------------------------------------ wrappers

  /** The learner's client, watched. */
  static final class WatchedClient implements Node {
    final Run run;
    final HdfsPipelineClient client;
    Context ctx;
    boolean inStart;
    int sentInStart;
    long event;

    WatchedClient(Run run, HdfsPipelineClient client) {
      this.run = run;
      this.client = client;
    }

    @Override
    public void start(Context real) {
      ctx = real;
      inStart = true;
      client.start(new ForwardingContext(real) {
        @Override
        public void send(String to, Object message) {
          sent(to, message);
          super.send(to, message);
        }
      });
      inStart = false;
      int n = run.setup.packets().size();
      int expected = Math.min(HdfsPipelineProtocol.WINDOW, n);
      if (sentInStart != expected && run.problem == null) {
        run.report(R_START, CLIENT, "the client sent " + sentInStart + " packet(s) in start(),"
            + " for a block of " + n + " packets; it should send the first " + expected
            + " at once (WINDOW = " + HdfsPipelineProtocol.WINDOW + "), without waiting for"
            + " acks.");
      }
      after();
    }

    @Override
    public void onMessage(String from, Object message) {
      event++;
      if (message instanceof HdfsPipelineProtocol.RecoverOk ok && ok.blockId() == BLOCK
          && ok.genStamp() == run.clientStamp) {
        run.answered.add(from);
      }
      client.onMessage(from, message);
      after();
    }

    @Override
    public void onTimer(Object tag) {
      event++;
      client.onTimer(tag);
      after();
    }

    void sent(String to, Object message) {
      if (run.problem != null) {
        return;
      }
      if (message instanceof HdfsPipelineProtocol.Packet p) {
        if (inStart) {
          sentInStart++;
        }
        if (p.genStamp() != run.clientStamp) {
          run.report(R_PACKET_STAMP, CLIENT, "the client sent packet " + p.seqno() + " with"
              + " stamp " + p.genStamp() + ", but its current stamp is " + run.clientStamp
              + " (1 at start, +1 at each recovery).");
          return;
        }
        int i = run.packetAt(p.offset());
        if (i != p.seqno() || !p.data().equals(run.setup.packets().get(i))) {
          run.report(R_RESENT, CLIENT, "the client sent " + p + "; packet " + p.seqno()
              + " starts at offset " + run.offsets[(int) Math.min(p.seqno(),
                  run.setup.packets().size())] + " and holds \"" + (p.seqno() < run.setup
                  .packets().size() ? run.setup.packets().get((int) p.seqno()) : "?") + "\".");
          return;
        }
        long expectedOffset = run.nextOffset < 0 ? client.ackedBytes() : run.nextOffset;
        if (p.offset() != expectedOffset) {
          run.report(R_RESENT, CLIENT, "the client sent packet " + p.seqno() + " (offset "
              + p.offset() + ") at stamp " + p.genStamp() + ", but the next byte to send is "
              + expectedOffset + (run.nextOffset < 0 ? " (ackedBytes(): after a recovery the"
              + " unacknowledged packets go out again first, in order)" : " (packets go out"
              + " in order)") + ".");
          return;
        }
        run.nextOffset = p.offset() + p.data().length();
        run.packetSinceRound = true;
        if (p.genStamp() > 1) {
          for (String dn : run.pipelineNow) {
            if (!run.answered.contains(dn)) {
              run.report(R_NO_WAIT, CLIENT, "the client sent packet " + p.seqno() + " at stamp "
                  + p.genStamp() + " before " + dn + "'s RecoverOk for that stamp reached it"
                  + " (answered so far: " + run.answered + "). Send no packet until every node"
                  + " of the new pipeline answered: a packet that overtakes the Recover is"
                  + " ignored by a node still at the old stamp.");
              return;
            }
          }
        }
        List<String> nodes = new ArrayList<>();
        nodes.add(to);
        nodes.addAll(p.targets());
        if (!nodes.equals(run.pipelineNow)) {
          run.report(R_RESENT, CLIENT, "the client sent packet " + p.seqno() + " through "
              + nodes + ", but its pipeline is " + run.pipelineNow + ": send to the first"
              + " node with the rest as targets.");
          return;
        }
        if (p.offset() + p.data().length() <= client.ackedBytes()) {
          run.report(R_RESENT, CLIENT, "the client sent packet " + p.seqno() + " (bytes "
              + p.offset() + " to " + (p.offset() + p.data().length()) + ") again, though"
              + " ackedBytes() = " + client.ackedBytes() + ": resend only what is not"
              + " acknowledged.");
          return;
        }
        run.path.put(p.seqno(), nodes);
        run.pathStamp.put(p.seqno(), p.genStamp());
        long inFlight = 0;
        for (Map.Entry<Long, Long> e : run.pathStamp.entrySet()) {
          long seq = e.getKey();
          if (e.getValue() == run.clientStamp && run.offsets[(int) seq + 1]
              > client.ackedBytes()) {
            inFlight++;
          }
        }
        if (inFlight > HdfsPipelineProtocol.WINDOW) {
          run.report(R_WINDOW, CLIENT, "the client has " + inFlight + " packets sent and not"
              + " acknowledged (ackedBytes() = " + client.ackedBytes() + "); at most WINDOW = "
              + HdfsPipelineProtocol.WINDOW + " may be in flight.");
        }
      } else if (message instanceof HdfsPipelineProtocol.Recover r) {
        if (r.newGenStamp() == run.clientStamp && event != run.roundEvent) {
          run.report(R_RECOVER_STAMP, CLIENT, "the client sent " + r + " to " + to + " in a"
              + " new recovery, at the stamp it already had: each recovery takes the next"
              + " stamp, " + (run.clientStamp + 1) + ", so the survivors truncate and the"
              + " dropped node's replica becomes stale.");
          return;
        }
        if (r.newGenStamp() != run.clientStamp) {
          if (r.newGenStamp() != run.clientStamp + 1) {
            run.report(R_RECOVER_STAMP, CLIENT, "the client sent " + r + " to " + to
                + " after stamp " + run.clientStamp + ": each recovery takes the next"
                + " stamp, " + (run.clientStamp + 1) + ".");
            return;
          }
          run.clientStamp = r.newGenStamp();
          run.roundEvent = event;
          run.packetSinceRound = false;
          run.nextOffset = -1;
          run.pathStamp.clear();
          run.path.clear();
          run.previousPipeline.clear();
          run.previousPipeline.addAll(run.pipelineNow);
          run.asked.clear();
          run.answered.clear();
        }
        run.asked.add(to);
        run.pipelineNow.clear();
        for (String n : run.previousPipeline) {
          if (run.asked.contains(n)) {
            run.pipelineNow.add(n);
          }
        }
        if (r.ackedLength() != client.ackedBytes()) {
          run.report(R_TRUNCATE, CLIENT, "the client sent " + r + " to " + to + " while"
              + " ackedBytes() = " + client.ackedBytes() + ": the survivors keep exactly the"
              + " acknowledged bytes.");
          return;
        }
      } else if (to.equals(NN)) {
        finalMessage(message);
      }
    }

    void finalMessage(Object message) {
      run.finals++;
      if (run.finals > 1) {
        run.report(R_TWICE, CLIENT, "the client sent a second final message to the NameNode, "
            + message + ": exactly one BlockComplete or BlockFailed per block.");
        return;
      }
      List<String> healthy = new ArrayList<>();
      for (String dn : DNS) {
        if (run.healthy(dn)) {
          healthy.add(dn);
        }
      }
      if (message instanceof HdfsPipelineProtocol.BlockFailed f) {
        if (healthy.size() >= run.setup.minReplicas()
            && run.pipelineNow.size() - 1 < run.setup.minReplicas()) {
          // Dropping one node of the pipeline as last set up leaves too few, so giving up is
          // right by count: the node dropped was one that never failed (a wrong blame, not a
          // wrong threshold).
          run.report(R_HEALTHY, CLIENT, "the client sent " + f + " after dropping a node of"
              + " its pipeline " + run.pipelineNow + " (stamp " + run.clientStamp + "), but "
              + healthy + " never crashed or was cut off: it blamed a node that did not fail."
              + " Blame the node the ack names; a sender with k nodes after it waits k *"
              + " HOP_TIMEOUT, so the node next to a failure reports it first; the client"
              + " blames the first node only on its own timeout.");
        } else if (healthy.size() >= run.setup.minReplicas()) {
          run.report(R_FAILED, CLIENT, "the client sent " + f + ", but " + healthy
              + " never failed: " + healthy.size() + " node(s), and minReplicas = "
              + run.setup.minReplicas() + ". Give up only when fewer than minReplicas nodes"
              + " remain.");
        }
        return;
      }
      if (!(message instanceof HdfsPipelineProtocol.BlockComplete c)) {
        return;
      }
      String total = run.data.length() + " bytes";
      if (c.blockId() != BLOCK || c.length() != run.data.length()
          || client.ackedBytes() != run.data.length()) {
        run.report(R_COMPLETE_EARLY, CLIENT, "the client sent " + c + " with ackedBytes() = "
            + client.ackedBytes() + "; the block is block " + BLOCK + " of " + total
            + ", complete only once every byte is acknowledged.");
        return;
      }
      if (c.genStamp() != run.clientStamp) {
        run.report(R_COMPLETE, CLIENT, "the client sent " + c + ", but its newest stamp is "
            + run.clientStamp + ": report the current stamp, or the NameNode takes the"
            + " replicas with the newest one for stale.");
        return;
      }
      if (new LinkedHashSet<>(c.nodes()).size() != c.nodes().size()
          || !DNS.containsAll(c.nodes()) || c.nodes().size() < run.setup.minReplicas()) {
        run.report(R_COMPLETE_NODES, CLIENT, "the client sent " + c + ": the nodes must be"
            + " distinct nodes of the pipeline, at least minReplicas = "
            + run.setup.minReplicas() + " of them.");
        return;
      }
      for (String dn : c.nodes()) {
        if (!run.pipelineNow.contains(dn)) {
          run.report(R_COMPLETE, CLIENT, "the client sent " + c + ", but " + dn + " was"
              + " dropped from the pipeline (it is " + run.pipelineNow + " since the last"
              + " recovery): its replica has an older stamp and is not a valid copy.");
          return;
        }
      }
      for (String dn : healthy) {
        if (!c.nodes().contains(dn)) {
          run.report(R_HEALTHY, CLIENT, "the client sent " + c + ", without " + dn + ", which"
              + " never failed: a node that answers in time stays in the pipeline.");
          return;
        }
      }
      for (String dn : c.nodes()) {
        if (!run.sim.isUp(dn)) {
          continue;
        }
        HdfsPipelineReplica r = replicaOf(run, dn);
        if (r == null || r.genStamp() != c.genStamp() || !r.data().equals(run.data)) {
          run.report(R_COMPLETE, CLIENT, "the client sent " + c + ", but " + dn + " holds "
              + describe(r, run) + "; every node listed must hold the whole block ("
              + total + ") with stamp " + c.genStamp() + "."
              + (r != null && r.genStamp() < c.genStamp() ? " " + dn + " has an older stamp:"
              + " it was dropped from the pipeline, so it is not a valid replica." : ""));
          return;
        }
      }
    }

    void after() {
      if (run.problem != null) {
        return;
      }
      long acked = client.ackedBytes();
      if (acked < run.lastAcked) {
        run.report(R_ACKED_BACK, CLIENT, "ackedBytes() went from " + run.lastAcked + " to "
            + acked + ": acknowledged bytes stay acknowledged.");
        return;
      }
      if (acked > run.lastAcked) {
        if (acked > run.data.length() || run.packetAt(acked) < 0 && acked != run.data.length()) {
          run.report(R_EARLY_ACK, CLIENT, "ackedBytes() is " + acked + ", not the end of a"
              + " packet of this block of " + run.data.length() + " bytes.");
          return;
        }
        for (int seq = run.packetAt(run.lastAcked); seq >= 0 && run.offsets[seq] < acked;
            seq++) {
          List<String> nodes = run.path.get((long) seq);
          Long stamp = run.pathStamp.get((long) seq);
          if (nodes == null || stamp == null || stamp != run.clientStamp) {
            run.report(R_EARLY_ACK, CLIENT, "ackedBytes() grew to " + acked + " (past packet "
                + seq + "), but the client has not sent packet " + seq + " with its current"
                + " stamp " + run.clientStamp + ": only an ack of the head packet, at the"
                + " current stamp and with no bad node, acknowledges it.");
            return;
          }
          long end = run.offsets[seq + 1];
          for (String dn : nodes) {
            if (!run.sim.isUp(dn)) {
              continue;
            }
            HdfsPipelineReplica r = replicaOf(run, dn);
            if (r == null || r.genStamp() != run.clientStamp || r.data().length() < end) {
              run.report(R_EARLY_ACK, CLIENT, "ackedBytes() grew to " + acked + ", so packet "
                  + seq + " (bytes " + run.offsets[seq] + " to " + end + ") counts as"
                  + " acknowledged, but " + dn + " in its pipeline " + nodes + " holds "
                  + describe(r, run) + " and the client's stamp is " + run.clientStamp
                  + ". A DataNode acks a packet upstream only after storing it and getting"
                  + " the ack of the node after it.");
              return;
            }
          }
        }
        run.lastAcked = acked;
      }
      // A recovery round: every node that never failed must be in the new pipeline.
      for (String dn : DNS) {
        if (run.healthy(dn) && run.clientStamp > 1 && !run.pipelineNow.contains(dn)
            && run.finals == 0) {
          run.report(R_HEALTHY, CLIENT, "the client recovered to stamp " + run.clientStamp
              + " with the pipeline " + run.pipelineNow + ", without " + dn + ", which never"
              + " crashed or was cut off. Blame the node the ack names; a sender with k nodes"
              + " after it waits k * HOP_TIMEOUT, so the node next to a failure reports it"
              + " first; the client blames the first node only on its own timeout.");
          return;
        }
      }
    }
  }

  /** A learner's DataNode, checked after every event. */
  static final class WatchedDataNode implements Node {
    final String id;
    final Run run;
    final HdfsPipelineDataNode node = new HdfsPipelineDataNode();
    HdfsPipelineReplica last;

    WatchedDataNode(String id, Run run) {
      this.id = id;
      this.run = run;
    }

    @Override
    public void start(Context ctx) {
      node.start(ctx);
      last = read();
    }

    @Override
    public void onMessage(String from, Object message) {
      HdfsPipelineReplica before = last;
      node.onMessage(from, message);
      HdfsPipelineReplica now = read();
      check(before, now, message);
      last = now;
    }

    @Override
    public void onTimer(Object tag) {
      HdfsPipelineReplica before = last;
      node.onTimer(tag);
      HdfsPipelineReplica now = read();
      check(before, now, "a timer");
      last = now;
    }

    HdfsPipelineReplica read() {
      try {
        return node.replica(BLOCK);
      } catch (RuntimeException e) {
        if (String.valueOf(e.getMessage()).contains("TODO")) {
          throw e;
        }
        run.report(R_THREW, id, id + ".replica(" + BLOCK + ") threw " + e);
        return null;
      }
    }

    void check(HdfsPipelineReplica before, HdfsPipelineReplica now, Object cause) {
      if (run.problem != null || now == null) {
        return;
      }
      String what = id + " now holds " + describe(now, run) + " (before: "
          + describe(before, run) + "), after " + cause;
      if (!run.data.startsWith(now.data())) {
        run.report(R_NOT_PREFIX, id, what + ". A replica is always a prefix of the block: store"
            + " a packet only if its offset is the replica's length (never one twice, never"
            + " after a gap).");
        return;
      }
      long oldStamp = before == null ? Long.MIN_VALUE : before.genStamp();
      int oldLen = before == null ? 0 : before.data().length();
      if (now.genStamp() < oldStamp) {
        run.report(R_STAMP_DOWN, id, what + ": a replica's stamp never goes down.");
        return;
      }
      if (cause instanceof HdfsPipelineProtocol.Recover r && r.blockId() == BLOCK
          && (before == null || r.newGenStamp() > oldStamp)) {
        long expected = Math.min(oldLen, r.ackedLength());
        if (now.genStamp() != r.newGenStamp() || now.data().length() != expected) {
          run.report(R_TRUNCATE, id, what + ": on a Recover with a higher stamp, keep"
              + " exactly min(" + oldLen + ", ackedLength " + r.ackedLength() + ") = "
              + expected + " bytes and take stamp " + r.newGenStamp() + ".");
        }
        return;
      }
      if (now.data().length() < oldLen || now.genStamp() != oldStamp && before != null) {
        run.report(before != null && now.genStamp() != oldStamp ? R_STAMP_CHANGED : R_TRUNCATE,
            id, what + ": only a Recover with a higher stamp changes the stamp or shortens the"
            + " replica.");
        return;
      }
      if (now.data().length() > oldLen) {
        if (!(cause instanceof HdfsPipelineProtocol.Packet p) || p.blockId() != BLOCK) {
          run.report(R_NOT_PREFIX, id, what + ": only a Packet adds bytes.");
          return;
        }
        if (before != null && p.genStamp() != before.genStamp()) {
          run.report(R_STALE_STORED, id, what + ": the packet had stamp " + p.genStamp()
              + " and the replica " + before.genStamp() + ". Store a packet only at the"
              + " replica's own stamp: a packet from before a recovery is stale.");
          return;
        }
        if (p.offset() != oldLen || now.data().length() != oldLen + p.data().length()) {
          run.report(R_NOT_PREFIX, id, what + ": a packet at offset " + p.offset()
              + " was stored on a replica of " + oldLen + " bytes. Store a packet only if its"
              + " offset is the replica's length, and append exactly its data.");
        }
      }
    }
  }

  /** The NameNode: a sink; the checks happen as the client sends. */
  static final class NameNode implements Node {
    @Override
    public void start(Context ctx) {}

    @Override
    public void onMessage(String from, Object message) {}

    @Override
    public void onTimer(Object tag) {}
  }

  static HdfsPipelineReplica replicaOf(Run run, String dn) {
    if (run.sim.node(dn) instanceof WatchedDataNode w) {
      return w.last;
    }
    return null;
  }

  static String describe(HdfsPipelineReplica r, Run run) {
    if (r == null) {
      return "no replica";
    }
    return "stamp " + r.genStamp() + ", " + r.data().length() + " bytes \"" + r.data() + "\"";
  }

  // ------------------------------------------------------------------ runs

  static Outcome run(Setup setup, RunPlan plan) {
    Simulation sim = new Simulation(plan, NET);
    Run run = new Run(sim, setup);
    HdfsPipelineClient client = new HdfsPipelineClient(BLOCK, DNS, setup.packets(),
        setup.minReplicas());
    sim.addNode(NN, NameNode::new);
    for (String dn : DNS) {
      sim.addNode(dn, () -> new WatchedDataNode(dn, run));
    }
    WatchedClient watched = new WatchedClient(run, client);
    sim.addNode(CLIENT, () -> watched, 1);
    for (Fault f : setup.faults()) {
      if (!plan.allows(f)) {
        continue;
      }
      sim.schedule(f);
      if (f instanceof Fault.Crash c) {
        sim.at(c.at(), () -> run.faulted.putIfAbsent(c.node(), c.at()));
      } else if (f instanceof Fault.Partition p) {
        sim.at(p.at(), () -> p.side().forEach(n -> run.faulted.putIfAbsent(n, p.at())));
      }
    }
    try {
      sim.run();
    } catch (SimulationException e) {
      return Outcome.threw(e);
    }
    if (run.problem == null && run.finals == 0 && plan.horizon() >= MUST_END_BY) {
      run.report(R_NEVER, CLIENT, "the write never ended: no BlockComplete or BlockFailed by "
          + plan.horizon() + " ms (ackedBytes() = " + client.ackedBytes() + " of "
          + run.data.length() + "; pipeline as last set up: " + run.pipelineNow + ", stamp "
          + run.clientStamp + "). A recovery that waits for a node that never answers must"
          + " time out (RECOVERY_TIMEOUT) and drop the first node that did not answer.");
    }
    Problem p = run.problem;
    if (p == null) {
      return Outcome.passed(sim);
    }
    if (sim.trace() == null) {
      return Outcome.failed(sim, p.reason(), p.text(), Map.of());
    }
    return Outcome.failed(sim, p.reason(), p.text(), Timeline.of(sim.trace()).maxLines(80));
  }

  /**
   * One run of {@code setup} with the client built over a modifiable list of DNS; with {@code
   * change}, the caller then clears that list and adds "elsewhere". Returns what went wrong, or
   * null.
   */
  static String callersListRun(long seed, Setup setup, boolean change) {
    List<String> callers = new ArrayList<>(DNS);
    Simulation sim = new Simulation(RunPlan.of(seed, HORIZON), NET);
    Run run = new Run(sim, setup);
    HdfsPipelineClient client = new HdfsPipelineClient(BLOCK, callers, setup.packets(),
        setup.minReplicas());
    if (change) {
      callers.clear();
      callers.add("elsewhere");
    }
    sim.addNode(NN, NameNode::new);
    for (String dn : DNS) {
      sim.addNode(dn, () -> new WatchedDataNode(dn, run));
    }
    sim.addNode("elsewhere", NameNode::new);
    sim.addNode(CLIENT, () -> new WatchedClient(run, client), 1);
    setup.faults().forEach(sim::schedule);
    for (Fault f : setup.faults()) {
      if (f instanceof Fault.Crash c) {
        sim.at(c.at(), () -> run.faulted.putIfAbsent(c.node(), c.at()));
      } else if (f instanceof Fault.Partition p) {
        sim.at(p.at(), () -> p.side().forEach(n -> run.faulted.putIfAbsent(n, p.at())));
      }
    }
    try {
      sim.run();
    } catch (SimulationException e) {
      return "the run stopped: " + e.getMessage() + ".";
    }
    return run.problem == null ? null : run.problem.text();
  }

  static void sweep(String property, int seeds, LongFunction<Setup> setups) {
    for (long seed : Seeds.sweep(seeds)) {
      Setup setup = setups.apply(seed);
      Scenario scenario = plan -> run(setup, plan);
      Shrinker.Result r = Shrinker.firstFailure(scenario, new long[] {seed}, HORIZON);
      if (r != null) {
        String hint = HINTS.get(r.outcome().reason());
        throw Seeds.failure(seed, property + "\nSetup: " + setup.what() + "\n" + r.report(),
            r.outcome().error(), hint);
      }
    }
  }

  // ------------------------------------------------------------------ setups

  static List<String> packets(SplittableRandom rng, int min, int max) {
    int n = min + rng.nextInt(max - min + 1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = 1 + rng.nextInt(12);
      StringBuilder b = new StringBuilder();
      char c = (char) ('a' + i % 26);
      b.append(c);
      for (int j = 1; j < len; j++) {
        b.append((char) ('A' + rng.nextInt(26)));
      }
      out.add(b.toString());
    }
    return out;
  }

  /** One DataNode crashed or cut off at a random time during the write. */
  static Fault failure(SplittableRandom rng, String node, long from, long to) {
    long at = from + rng.nextLong(to - from + 1);
    return rng.nextBoolean() ? new Fault.Crash(at, node) : new Fault.Partition(at, List.of(node));
  }

  static Setup noFaults(long seed) {
    SplittableRandom rng = new SplittableRandom(seed * 7 + 1);
    return new Setup("no faults", packets(rng, 6, 30), 1 + rng.nextInt(2), List.of());
  }

  static Setup oneFailure(long seed) {
    SplittableRandom rng = new SplittableRandom(seed * 7 + 2);
    String dn = DNS.get(rng.nextInt(3));
    Fault f = failure(rng, dn, 5, 120);
    List<Fault> faults = new ArrayList<>(List.of(f));
    if (f instanceof Fault.Partition && rng.nextBoolean()) {
      faults.add(new Fault.Heal(f.at() + 300 + rng.nextLong(300)));
    }
    return new Setup(f.describe() + " at " + f.at() + " ms" + (faults.size() > 1 ? ", healed at "
        + faults.get(1).at() + " ms" : ""), packets(rng, 10, 30), 1 + rng.nextInt(2), faults);
  }

  static Setup twoFailures(long seed) {
    SplittableRandom rng = new SplittableRandom(seed * 7 + 3);
    List<String> order = new ArrayList<>(DNS);
    String a = order.remove(rng.nextInt(3));
    String b = order.get(rng.nextInt(2));
    Fault f1 = failure(rng, a, 5, 120);
    // The second one often lands in the recovery the first one causes.
    Fault f2 = failure(rng, b, f1.at() + rng.nextLong(200), f1.at() + 200);
    List<Fault> faults = new ArrayList<>(List.of(f1, f2));
    if (f1 instanceof Fault.Partition && f2 instanceof Fault.Crash && rng.nextBoolean()) {
      faults.add(new Fault.Heal(f2.at() + 300));
    }
    StringBuilder what = new StringBuilder();
    for (Fault f : faults) {
      what.append(what.length() == 0 ? "" : ", ").append(f.describe()).append(" at ")
          .append(f.at()).append(" ms");
    }
    return new Setup(what.toString(), packets(rng, 10, 30), 1 + rng.nextInt(2), faults);
  }

  // ------------------------------------------------------------------ properties

  @Test
  @Order(1)
  @DisplayName("without faults the block completes on all three with stamp 1, WINDOW packets in flight")
  @Hint(STREAMING)
  void noFaultsCompletes() {
    sweep("Without faults: 4 packets in start(), never more than 4 unacknowledged, every"
        + " replica a prefix of the block, acks only once every node holds the packet, and"
        + " BlockComplete on [dn1, dn2, dn3] with stamp 1.", 30,
        HdfsWritePipelineSuite::noFaults);
  }

  @Test
  @Order(2)
  @DisplayName("a DataNode that stores a packet it already has, one after a gap or one of an older stamp is caught")
  @Hint(ORDER)
  void dataNodeFiltersPackets() {
    for (long seed : Seeds.sweep(5)) {
      String problem = DataNodeScript.run(seed);
      if (problem != null) {
        String hint = problem.substring(0, problem.indexOf('|'));
        throw Seeds.failure(seed, problem.substring(problem.indexOf('|') + 1), null, hint);
      }
    }
  }

  @Test
  @Order(3)
  @DisplayName("one DataNode crashes or is cut off mid-block: recovery, and the block completes")
  @Hint(RECOVERY)
  void oneFailure() {
    sweep("One DataNode fails mid-block: it is dropped, the stamp goes up by one, the"
        + " survivors keep the acknowledged bytes, the rest is resent and the block completes"
        + " on the survivors with the new stamp.", 60, HdfsWritePipelineSuite::oneFailure);
  }

  @Test
  @Order(4)
  @DisplayName("two DataNodes fail, some during a recovery: complete on the last, or fail below minReplicas")
  @Hint(MIN)
  void twoFailures() {
    sweep("Two DataNodes fail, the second often during the recovery from the first: with"
        + " minReplicas = 1 the block completes on the last node; with 2 the client sends"
        + " BlockFailed; exactly one final message.", 60, HdfsWritePipelineSuite::twoFailures);
  }

  @Test
  @Order(5)
  @DisplayName("the constructor checks its arguments and copies its lists")
  @Hint(ARGS)
  void constructor() {
    List<Object[]> bad = List.of(new Object[] {List.of(), 1}, new Object[] {List.of("dn1",
        "dn1"), 1}, new Object[] {DNS, 0}, new Object[] {DNS, 4}, new Object[] {List.of("dn1"),
        2});
    for (Object[] b : bad) {
      try {
        @SuppressWarnings("unchecked")
        List<String> pipeline = (List<String>) b[0];
        new HdfsPipelineClient(BLOCK, pipeline, List.of("a"), (Integer) b[1]);
        throw Because.of(ARGS, "new HdfsPipelineClient(" + BLOCK + ", " + b[0] + ", [a], "
            + b[1] + ") returned; expected IllegalArgumentException (the pipeline must be"
            + " non-empty and distinct, minReplicas between 1 and its size).");
      } catch (IllegalArgumentException expected) {
        // as the brief says
      }
    }
    for (int min = 1; min <= 3; min++) {
      try {
        new HdfsPipelineClient(BLOCK, DNS, List.of(), min);
      } catch (IllegalArgumentException e) {
        throw Because.of(ARGS, "new HdfsPipelineClient(" + BLOCK + ", " + DNS + ", [], " + min
            + ") threw " + e + "; that is valid.", e);
      }
    }
    // A block of no packets is valid and completes in start(): BlockComplete at stamp 1, length
    // 0, on the whole pipeline, and nothing else is sent.
    {
      List<String> got = new ArrayList<>();
      Simulation sim = new Simulation(RunPlan.of(1, HORIZON), NET);
      HdfsPipelineClient client = new HdfsPipelineClient(BLOCK, DNS, List.of(), 1);
      List<String> others = new ArrayList<>(DNS);
      others.add(0, NN);
      for (String n : others) {
        sim.addNode(n, () -> new Node() {
          @Override
          public void start(Context ctx) {}

          @Override
          public void onMessage(String from, Object message) {
            got.add(n + " got " + message);
          }

          @Override
          public void onTimer(Object tag) {}
        });
      }
      sim.addNode(CLIENT, () -> client, 1);
      sim.run();
      List<String> expected = List.of(NN + " got "
          + new HdfsPipelineProtocol.BlockComplete(BLOCK, 1, 0, DNS));
      if (!got.equals(expected)) {
        throw Because.of(ARGS, "new HdfsPipelineClient(" + BLOCK + ", " + DNS + ", [], 1),"
            + " started with no faults: the nodes got " + got + "; expected " + expected
            + ". A block of no packets completes in start(): BlockComplete at stamp 1, length 0,"
            + " on the whole pipeline, and nothing else.");
      }
    }
    // Copies: an unmodifiable pipeline survives a recovery, and the caller's later change does
    // not move the pipeline. Each seed runs twice, identically (same nodes, same faults) except
    // that the second time the caller changes its list after the constructor. Only a difference
    // is the copy's fault: a seed whose first run already fails has a recovery bug, which the
    // fault properties report with their own hint, so it is skipped here. (A client that works
    // on an unmodifiable List.of(...) itself is caught by the loop after this one.)
    for (long seed : Seeds.sweep(10)) {
      Setup setup = oneFailure(seed);
      if (callersListRun(seed, setup, false) != null) {
        continue;
      }
      String problem = callersListRun(seed, setup, true);
      if (problem != null) {
        throw Seeds.failure(seed, "Built the client over a list of [dn1, dn2, dn3], then"
            + " cleared that list and added \"elsewhere\"; " + setup.what() + ": " + problem
            + " The same run with the caller's list left alone passes: keep your own copy of"
            + " the pipeline.", null, ARGS);
      }
    }
    for (long seed : Seeds.sweep(10)) {
      Setup setup = oneFailure(seed);
      Scenario scenario = plan -> run(setup, plan);
      Outcome o;
      try {
        o = scenario.run(RunPlan.of(seed, HORIZON));
      } catch (SimulationException e) {
        o = Outcome.threw(e);
      }
      if (o.failed() && o.error() instanceof UnsupportedOperationException u
          && !String.valueOf(u.getMessage()).contains("TODO")) {
        throw Seeds.failure(seed, "The client was built over List.of(\"dn1\", \"dn2\","
            + " \"dn3\"), which cannot change; " + setup.what() + ": your code threw " + u
            + ". Copy the pipeline into a list of your own before removing a node.", u, ARGS);
      }
    }
  }

  @Test
  @Order(6)
  @DisplayName("the same seed gives the same run")
  @Hint(DETERMINISM)
  void deterministic() {
    for (long seed : Seeds.sweep(5)) {
      Setup setup = twoFailures(seed);
      String problem = Determinism.check(plan -> run(setup, plan), RunPlan.of(seed, HORIZON));
      if (problem != null) {
        throw Seeds.failure(seed, problem, null, DETERMINISM);
      }
    }
  }

  @Test
  @Order(7)
  @DisplayName("after a recovery, stale acks, acks out of turn and old timers change nothing")
  @Hint(STAMPS)
  void staleAcksAndTimersIgnored() {
    for (long seed : Seeds.sweep(4)) {
      for (char mode : new char[] {'A', 'B', 'C'}) {
        String problem = ClientScript.run(seed, mode);
        if (problem != null) {
          throw Seeds.failure(seed, problem, null, STAMPS);
        }
      }
    }
  }

  /**
   * The learner's client alone (minReplicas 1), with scripted DataNodes s1, s2, s3. In every
   * mode s1 acks packet 0 and reports s3 bad on packet 1, at stamp 1; s1 and s2 answer Recover.
   * Mode A: before each real ack at stamp 2, s1 sends an ack of the same packet at stamp 1 and
   * one of the next packet at stamp 2. Mode B: s1 reports s3 only after 80 ms and acks at stamp 2
   * after 70 ms, so the stamp-1 timers of the packets fire while they head the ack queue again.
   * Mode C: at stamp 2, s1 reports s2 bad after 40 ms and answers the stamp-3 Recover after
   * 70 ms, so the stamp-2 recovery timer fires during the stamp-3 recovery. Returns null, or the
   * problem.
   */
  static final class ClientScript {
    static String run(long seed, char mode) {
      Simulation sim = new Simulation(RunPlan.of(seed, 2_000), NET);
      List<String> packets = List.of("aaaa", "bbbb", "cccc", "dddd", "eeee", "ffff");
      HdfsPipelineClient client = new HdfsPipelineClient(BLOCK, List.of("s1", "s2", "s3"),
          packets, 1);
      String[] problem = {null};
      long[] stamp = {1};
      List<Object> finals = new ArrayList<>();
      List<String> log = new ArrayList<>();
      String setup = "The client alone (minReplicas 1), with scripted DataNodes [s1, s2, s3]: "
          + switch (mode) {
            case 'A' -> "s1 reports s3 bad for packet 1; after the recovery to stamp 2 it sends,"
                + " before each real ack, a late ack of the same packet at stamp 1 and an ack"
                + " of the next packet, out of turn.";
            case 'B' -> "s1 reports s3 bad for packet 1 only after 80 ms, and after the recovery"
                + " acks each packet 70 ms after it arrives (the new pipeline [s1, s2] gives"
                + " it 100 ms): the client's stamp-1 timers fire meanwhile and must be ignored.";
            default -> "s1 reports s3 bad for packet 1; at stamp 2 it reports s2 bad after 40 ms"
                + " and answers the stamp-3 Recover after 70 ms: the stamp-2 recovery timer"
                + " fires meanwhile and must be ignored.";
          };
      sim.addNode(NN, () -> new Node() {
        @Override
        public void start(Context ctx) {}

        @Override
        public void onMessage(String from, Object message) {
          finals.add(message);
        }

        @Override
        public void onTimer(Object tag) {}
      });
      sim.addNode("s1", () -> new Node() {
        Context ctx;

        @Override
        public void start(Context ctx) {
          this.ctx = ctx;
        }

        @Override
        public void onMessage(String from, Object message) {
          if (message instanceof HdfsPipelineProtocol.Packet p && p.genStamp() == 1) {
            if (p.seqno() == 0) {
              ctx.send(from, new HdfsPipelineProtocol.Ack(BLOCK, 1, 0, null));
            } else if (p.seqno() == 1) {
              ctx.setTimer(mode == 'B' ? 80 : 0,
                  new HdfsPipelineProtocol.Ack(BLOCK, 1, 1, "s3"));
            }
          } else if (message instanceof HdfsPipelineProtocol.Packet p) {
            if (mode == 'A') {
              ctx.send(from, new HdfsPipelineProtocol.Ack(BLOCK, 1, p.seqno(), null));
              ctx.send(from, new HdfsPipelineProtocol.Ack(BLOCK, 2, p.seqno() + 1, null));
              ctx.setTimer(5, new HdfsPipelineProtocol.Ack(BLOCK, 2, p.seqno(), null));
            } else if (mode == 'B') {
              ctx.setTimer(70, new HdfsPipelineProtocol.Ack(BLOCK, 2, p.seqno(), null));
            } else if (p.genStamp() == 2) {
              if (p.seqno() == 1) {
                ctx.setTimer(40, new HdfsPipelineProtocol.Ack(BLOCK, 2, 1, "s2"));
              }
            } else {
              ctx.send(from, new HdfsPipelineProtocol.Ack(BLOCK, p.genStamp(), p.seqno(),
                  null));
            }
          } else if (message instanceof HdfsPipelineProtocol.Recover r) {
            ctx.setTimer(mode == 'C' && r.newGenStamp() == 3 ? 70 : 0,
                new HdfsPipelineProtocol.RecoverOk(BLOCK, r.newGenStamp(), r.ackedLength()));
          }
        }

        @Override
        public void onTimer(Object tag) {
          ctx.send(CLIENT, tag);
        }
      });
      sim.addNode("s2", () -> new Node() {
        Context ctx;

        @Override
        public void start(Context ctx) {
          this.ctx = ctx;
        }

        @Override
        public void onMessage(String from, Object message) {
          if (message instanceof HdfsPipelineProtocol.Recover r) {
            ctx.send(from, new HdfsPipelineProtocol.RecoverOk(BLOCK, r.newGenStamp(),
                r.ackedLength()));
          }
        }

        @Override
        public void onTimer(Object tag) {}
      });
      sim.addNode("s3", NameNode::new);
      sim.addNode(CLIENT, () -> new Node() {
        @Override
        public void start(Context ctx) {
          client.start(new ForwardingContext(ctx) {
            @Override
            public void send(String to, Object message) {
              if (message instanceof HdfsPipelineProtocol.Recover r) {
                stamp[0] = Math.max(stamp[0], r.newGenStamp());
              }
              log.add(sim.now() + " ms: -> " + to + " " + message);
              super.send(to, message);
            }
          });
        }

        @Override
        public void onMessage(String from, Object message) {
          long before = client.ackedBytes();
          client.onMessage(from, message);
          long after = client.ackedBytes();
          log.add(sim.now() + " ms: <- " + from + " " + message + ", ackedBytes() " + before
              + (after == before ? "" : " -> " + after));
          if (problem[0] == null && after != before
              && message instanceof HdfsPipelineProtocol.Ack a) {
            long head = 0;
            for (long o = 0; o < before; head++) {
              o += packets.get((int) head).length();
            }
            if (a.genStamp() != stamp[0] || a.seqno() != head) {
              problem[0] = setup + " The " + a + " moved ackedBytes() from " + before + " to "
                  + after + ", but the client's stamp is " + stamp[0] + " and the head of its"
                  + " ack queue is packet " + head + ". Take only an ack of the head packet at"
                  + " the current stamp.";
              sim.stop();
            }
          }
        }

        @Override
        public void onTimer(Object tag) {
          client.onTimer(tag);
        }
      }, 1);
      try {
        sim.run();
      } catch (SimulationException e) {
        return setup + " The run stopped: " + e.getMessage();
      }
      if (problem[0] == null) {
        long expectedStamp = mode == 'C' ? 3 : 2;
        List<String> nodes = mode == 'C' ? List.of("s1") : List.of("s1", "s2");
        Object expected = new HdfsPipelineProtocol.BlockComplete(BLOCK, expectedStamp, 24,
            nodes);
        if (!finals.equals(List.of(expected))) {
          problem[0] = setup + " The NameNode got " + finals + "; expected exactly " + expected
              + ". A timer set before a recovery must not act after it: give each timer the"
              + " stamp it was set at and ignore it once the stamp moved on.";
        }
      }
      return problem[0] == null ? null : problem[0] + "\n" + String.join("\n", log);
    }
  }

  // ------------------------------------------------------------------ a DataNode alone

  /**
   * A scripted upstream "up" drives one learner DataNode "dn" directly, with a downstream "x"
   * that acks block 9 and never block 8. Returns null, or "hint|problem".
   */
  static final class DataNodeScript {
    static String run(long seed) {
      Simulation sim = new Simulation(RunPlan.of(seed, 1_000), NET);
      HdfsPipelineDataNode dn = new HdfsPipelineDataNode();
      List<String> log = new ArrayList<>();
      Map<String, Object> got = new HashMap<>();
      List<Object> atUp = new ArrayList<>();
      List<Long> atUpTime = new ArrayList<>();
      long[] forwardAt = {-1};
      List<Long> stepAt = new ArrayList<>();
      String[] problem = {null};
      sim.addNode("dn", () -> new Node() {
        @Override
        public void start(Context ctx) {
          dn.start(ctx);
        }

        @Override
        public void onMessage(String from, Object message) {
          dn.onMessage(from, message);
          if (message instanceof HdfsPipelineProtocol.Packet p && p.blockId() == 8) {
            forwardAt[0] = sim.now();
          }
          got.put("replica", dn.replica(BLOCK));
        }

        @Override
        public void onTimer(Object tag) {
          dn.onTimer(tag);
        }
      });
      sim.addNode("x", () -> new Node() {
        Context ctx;

        @Override
        public void start(Context ctx) {
          this.ctx = ctx;
        }

        @Override
        public void onMessage(String from, Object message) {
          if (message instanceof HdfsPipelineProtocol.Packet p) {
            got.put("x" + p.blockId(), p);
            if (p.blockId() == 9) {
              ctx.send(from, new HdfsPipelineProtocol.Ack(9, p.genStamp(), p.seqno(), null));
            }
            if (p.blockId() == 12 && p.genStamp() == 2) {
              // a stale ack of the same packet, at the stamp before the recovery
              ctx.send(from, new HdfsPipelineProtocol.Ack(12, 1, p.seqno(), null));
            }
          }
        }

        @Override
        public void onTimer(Object tag) {}
      });
      // The script: each step 20 ms apart, on one FIFO link from "up" to "dn".
      Object[] steps = {
        new HdfsPipelineProtocol.Recover(10, 2, 0),
        new HdfsPipelineProtocol.Packet(BLOCK, 1, 0, 0, "aaa", List.of()),
        new HdfsPipelineProtocol.Packet(BLOCK, 1, 0, 0, "aaa", List.of()),
        new HdfsPipelineProtocol.Packet(BLOCK, 1, 2, 6, "ccc", List.of()),
        new HdfsPipelineProtocol.Packet(BLOCK, 1, 1, 3, "bbb", List.of()),
        new HdfsPipelineProtocol.Recover(BLOCK, 2, 3),
        new HdfsPipelineProtocol.Packet(BLOCK, 1, 1, 3, "bbb", List.of()),
        new HdfsPipelineProtocol.Packet(BLOCK, 2, 1, 3, "bbb", List.of()),
        new HdfsPipelineProtocol.Recover(BLOCK, 1, 0),
        new HdfsPipelineProtocol.Recover(BLOCK, 2, 3),
        new HdfsPipelineProtocol.Recover(BLOCK, 3, 100),
        new HdfsPipelineProtocol.Packet(8, 1, 0, 0, "zz", List.of("x", "y")),
        new HdfsPipelineProtocol.Packet(9, 1, 0, 0, "q", List.of("x")),
        new HdfsPipelineProtocol.Packet(12, 1, 0, 0, "m", List.of("x")),
        new HdfsPipelineProtocol.Recover(12, 2, 0),
        new HdfsPipelineProtocol.Packet(12, 2, 0, 0, "m", List.of("x")),
        new HdfsPipelineProtocol.Ack(12, 2, 0, null),
      };
      String[] expectReplica = {null, "aaa", "aaa", "aaa", "aaabbb", "aaa", "aaa", "aaabbb",
          "aaabbb", "aaabbb", "aaabbb"};
      long[] expectStamp = {0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3};
      String[] why = {"", "the first packet of a block creates the replica at its stamp",
          "a packet it already has (offset 0 again) is ignored",
          "a packet after a gap (offset 6 on a replica of 3 bytes) is ignored",
          "the next packet (offset 3) is stored",
          "Recover(stamp 2, ackedLength 3) keeps the first 3 bytes and takes stamp 2",
          "a packet of the older stamp 1 is ignored",
          "the next packet at stamp 2 is stored",
          "a Recover with a lower stamp is ignored",
          "a Recover with the stamp it already has changes nothing (it is answered again)",
          "Recover(stamp 3, ackedLength 100) takes stamp 3 and keeps all 6 bytes (never more"
              + " than it has)"};
      sim.addNode("y", NameNode::new);
      sim.addNode("up", () -> new Node() {
        Context ctx;
        int step;

        @Override
        public void start(Context ctx) {
          this.ctx = ctx;
          ctx.setTimer(1, "next");
        }

        @Override
        public void onMessage(String from, Object message) {
          atUp.add(message);
          atUpTime.add(sim.now());
        }

        @Override
        public void onTimer(Object tag) {
          if (step > 1 && step <= 11 && problem[0] == null) {
            HdfsPipelineReplica r = (HdfsPipelineReplica) got.get("replica");
            int i = step - 1;
            if (r == null || !r.data().equals(expectReplica[i]) || r.genStamp() != expectStamp[i]) {
              problem[0] = (i == 6 || i == 5 && r != null && r.genStamp() != 2 ? STAMPS
                  : i == 5 ? LENGTH : ORDER) + "|A DataNode alone, driven step by step: "
                  + String.join("; ", log) + ". After " + steps[i] + ", " + why[i]
                  + ": expected stamp " + expectStamp[i] + " and \"" + expectReplica[i]
                  + "\", but replica(" + BLOCK + ") is " + (r == null ? "null"
                  : "stamp " + r.genStamp() + ", \"" + r.data() + "\"") + ".";
            }
          }
          if (step < steps.length) {
            stepAt.add(sim.now());
            log.add(String.valueOf(steps[step]));
            ctx.send("dn", steps[step]);
            step++;
            ctx.setTimer(20, "next");
          }
        }
      });
      try {
        sim.run();
      } catch (SimulationException e) {
        return ORDER + "|A DataNode alone, driven step by step (" + String.join("; ", log)
            + "): the run stopped: " + e.getMessage();
      }
      if (problem[0] != null) {
        return problem[0];
      }
      // Acks of block 7: exactly for the three stored packets, in order, to "up".
      List<String> acks = new ArrayList<>();
      List<Long> ackAt = new ArrayList<>();
      List<String> recoverOks = new ArrayList<>();
      List<String> acks12 = new ArrayList<>();
      long ack12At = -1;
      HdfsPipelineProtocol.RecoverOk fresh = null;
      HdfsPipelineProtocol.Ack early = null;
      HdfsPipelineProtocol.Ack bad = null;
      long badAt = -1;
      HdfsPipelineProtocol.Ack passed = null;
      for (int i = 0; i < atUp.size(); i++) {
        Object m = atUp.get(i);
        if (m instanceof HdfsPipelineProtocol.RecoverOk ok && ok.blockId() == BLOCK) {
          recoverOks.add(ok.genStamp() + ":" + ok.length());
        } else if (m instanceof HdfsPipelineProtocol.Ack a && a.blockId() == 12) {
          acks12.add(a.genStamp() + ":" + a.seqno() + ":" + a.badNode());
          ack12At = atUpTime.get(i);
        } else if (m instanceof HdfsPipelineProtocol.RecoverOk ok && ok.blockId() == 10) {
          fresh = ok;
        } else if (m instanceof HdfsPipelineProtocol.Ack a && a.blockId() == BLOCK) {
          acks.add(a.genStamp() + ":" + a.seqno() + ":" + a.badNode());
          ackAt.add(atUpTime.get(i));
        } else if (m instanceof HdfsPipelineProtocol.Ack a && a.blockId() == 8
            && a.badNode() == null) {
          early = a;
        } else if (m instanceof HdfsPipelineProtocol.Ack a && a.blockId() == 8) {
          bad = a;
          badAt = atUpTime.get(i);
        } else if (m instanceof HdfsPipelineProtocol.Ack a && a.blockId() == 9) {
          passed = a;
        }
      }
      if (fresh == null || fresh.genStamp() != 2 || fresh.length() != 0) {
        return RECOVERY + "|A DataNode that holds nothing of block 10 got Recover(10, 2, 0); it"
            + " should create an empty replica at stamp 2 and answer RecoverOk(10, 2, 0), but"
            + " the sender got " + fresh + ". (A node the first packets never reached still"
            + " takes part in the recovery.)";
      }
      List<String> expectedAcks = List.of("1:0:null", "1:1:null", "2:1:null");
      if (!acks.equals(expectedAcks)) {
        return ACKS + "|A DataNode alone as the last node of a pipeline (targets empty), sent "
            + String.join("; ", log.subList(1, 9)) + ". It acked (stamp:seqno:badNode) " + acks
            + "; expected " + expectedAcks + ": the last node acks each packet it stores,"
            + " at once, and only those.";
      }
      List<String> expectedOks = List.of("2:3", "2:6", "3:6");
      if (!recoverOks.equals(expectedOks)) {
        return RECOVERY + "|A DataNode alone, sent " + String.join("; ", log.subList(1, 11))
            + ". It answered RecoverOk (stamp:length) " + recoverOks + "; expected "
            + expectedOks + ": a higher stamp is answered after truncating, the same stamp is"
            + " answered again as it stands, a lower one is ignored.";
      }
      long sent15 = stepAt.get(15);
      if (!acks12.equals(List.of("2:0:x")) || ack12At - sent15 < 2
          + HdfsPipelineProtocol.HOP_TIMEOUT) {
        // Only the time wrong: a wait from before the Recover fired (LENGTH: a Recover forgets
        // the packets waited on); anything else passed up is a stamp or sender check missing.
        return (acks12.equals(List.of("2:0:x")) ? LENGTH : STAMPS)
            + "|A DataNode forwarded Packet(block 12, stamp 1) to x, got Recover(12,"
            + " 2, 0), forwarded Packet(block 12, stamp 2) to x at about " + sent15 + " ms;"
            + " then x sent back an ack of stamp 1 and the upstream node itself (not x) sent"
            + " Ack(12, 2, 0, null). Upstream got (stamp:seqno:badNode) " + acks12
            + (ack12At < 0 ? "" : ", the last at " + ack12At + " ms") + "; expected only"
            + " 2:0:x, " + HdfsPipelineProtocol.HOP_TIMEOUT + " ms after the stamp-2 packet"
            + " arrived: pass up only acks at the replica's stamp, from the node the packet"
            + " went to." + (acks12.equals(List.of("2:0:x")) ? " The report itself is right"
            + " but came too early: a Recover forgets the packets the node was waiting on, so"
            + " the wait set when the stamp-1 packet was forwarded no longer counts; only the"
            + " wait set when the stamp-2 packet was forwarded does." : "");
      }
      int[] ackedStep = {1, 4, 7};
      for (int k = 0; k < 3; k++) {
        long sent = stepAt.get(ackedStep[k]);
        if (ackAt.get(k) - sent > 20) {
          return ACKS + "|A DataNode alone as the last node of a pipeline got "
              + steps[ackedStep[k]] + " at most 10 ms after " + sent + " ms, but its ack"
              + " reached the sender only at " + ackAt.get(k) + " ms: the last node acks a"
              + " packet in the same step it stores it.";
        }
      }
      if (early != null) {
        return ACKS + "|A DataNode forwarded Packet(block 8) to x, which never acks, yet it sent"
            + " " + early + " upstream: ack a packet only once the node after it acked it.";
      }
      Object fwd = got.get("x8");
      if (!(fwd instanceof HdfsPipelineProtocol.Packet f) || !f.targets().equals(List.of("y"))
          || !f.data().equals("zz")) {
        return ACKS + "|A DataNode got Packet(block 8, targets [x, y]); it should forward it to"
            + " x with targets [y], but x got " + fwd + ".";
      }
      long wait = 2 * HdfsPipelineProtocol.HOP_TIMEOUT;
      if (bad == null || !"x".equals(bad.badNode()) || bad.seqno() != 0 || bad.genStamp() != 1) {
        return BAD_NODE + "|A DataNode forwarded Packet(block 8) to x, which never acks; it"
            + " should report Ack(8, 1, 0, \"x\") upstream after " + wait + " ms (2 nodes"
            + " after it: 2 * HOP_TIMEOUT), but upstream got " + bad + ".";
      }
      long sentAt = badAt - 10; // at most 10 ms on the way
      if (badAt - forwardAt[0] < wait || sentAt - forwardAt[0] > wait + 1) {
        return BAD_NODE + "|A DataNode got Packet(block 8, targets [x, y]) at " + forwardAt[0]
            + " ms and x never acked; its report " + bad + " reached upstream at " + badAt
            + " ms. With 2 nodes after it, it waits exactly 2 * HOP_TIMEOUT = " + wait
            + " ms before it blames x.";
      }
      if (passed == null || passed.badNode() != null || passed.seqno() != 0) {
        return ACKS + "|A DataNode forwarded Packet(block 9) to x, which acked it; it should"
            + " pass Ack(9, 1, 0, null) upstream, but upstream got " + passed + ".";
      }
      return null;
    }
  }
}
