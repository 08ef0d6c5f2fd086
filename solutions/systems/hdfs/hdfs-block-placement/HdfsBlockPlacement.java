import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * HDFS's default rack-aware placement of a new block's replicas (BlockPlacementPolicyDefault).
 * See brief.md for the exact rules, the fallbacks and what the suite checks.
 */
public class HdfsBlockPlacement {
  private final List<HdfsDataNode> nodes;
  private final Map<String, HdfsDataNode> byId = new HashMap<>();

  /**
   * A placement policy over the cluster's DataNodes.
   *
   * @throws IllegalArgumentException if two nodes share an id
   */
  public HdfsBlockPlacement(List<HdfsDataNode> nodes) {
    this.nodes = List.copyOf(nodes);
    for (HdfsDataNode n : this.nodes) {
      if (byId.putIfAbsent(n.id(), n) != null) {
        throw new IllegalArgumentException("two DataNodes have the id " + n.id());
      }
    }
  }

  /**
   * Chooses the DataNodes for a new block of {@code blockSize} bytes, in the order chosen: the
   * first replica first.
   *
   * @param replicas how many replicas the file wants (the replication factor)
   * @param writer the id of the writing client's node: a DataNode's id, or null or any other
   *     string for a client that is not on a DataNode
   * @param excluded ids of nodes that must not be chosen (leave the set as it is)
   * @param blockSize the block's size in bytes: a node with less free space is full
   * @param random the only source of randomness: every random choice draws from it
   * @throws IllegalArgumentException if replicas < 0 or blockSize < 1
   */
  public List<String> chooseTargets(int replicas, String writer, Set<String> excluded,
      long blockSize, Random random) {
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas < 0: " + replicas);
    }
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize < 1: " + blockSize);
    }
    Objects.requireNonNull(excluded, "excluded");
    Objects.requireNonNull(random, "random");
    int clusterSize = 0;
    Set<String> racks = new HashSet<>();
    for (HdfsDataNode n : nodes) {
      if (n.state() != HdfsDataNode.State.DEAD) {
        clusterSize++;
        racks.add(n.rack());
      }
    }
    int total = Math.min(replicas, clusterSize);
    List<String> chosen = new ArrayList<>();
    if (total == 0) {
      return chosen;
    }
    Choice c = new Choice(total, maxPerRack(total, racks.size()), excluded, blockSize, random);

    HdfsDataNode w = writer == null ? null : byId.get(writer);
    HdfsDataNode first;
    if (w != null && c.usable(w)) {
      first = w;
    } else if (w != null) {
      first = c.pickOr(n -> n.rack().equals(w.rack()), n -> true);
    } else {
      first = c.pickOr(n -> true);
    }
    if (!c.take(first)) {
      return c.ids();
    }
    String rack0 = first.rack();
    HdfsDataNode second = c.pickOr(n -> !n.rack().equals(rack0), n -> n.rack().equals(rack0));
    if (!c.take(second)) {
      return c.ids();
    }
    String rack1 = second.rack();
    HdfsDataNode third;
    if (rack1.equals(rack0)) {
      third = c.pickOr(n -> !n.rack().equals(rack0), n -> n.rack().equals(rack0));
    } else {
      third = c.pickOr(n -> n.rack().equals(rack1), n -> n.rack().equals(rack0), n -> true);
    }
    if (!c.take(third)) {
      return c.ids();
    }
    while (c.take(c.pickOr(n -> true))) {
      // each further replica: a random usable node anywhere
    }
    return c.ids();
  }

  private static int maxPerRack(int total, int racks) {
    if (racks <= 1 || total <= 1) {
      return total;
    }
    int m = (total - 1) / racks + 2;
    return m == total ? m - 1 : m;
  }

  /** The state of one call: what is chosen so far, and how full each rack is. */
  private final class Choice {
    private final int total;
    private final int maxPerRack;
    private final Set<String> excluded;
    private final long blockSize;
    private final Random random;
    private final List<HdfsDataNode> chosen = new ArrayList<>();
    private final Map<String, Integer> perRack = new HashMap<>();

    Choice(int total, int maxPerRack, Set<String> excluded, long blockSize, Random random) {
      this.total = total;
      this.maxPerRack = maxPerRack;
      this.excluded = excluded;
      this.blockSize = blockSize;
      this.random = random;
    }

    boolean usable(HdfsDataNode n) {
      return n.state() == HdfsDataNode.State.LIVE
          && !excluded.contains(n.id())
          && n.freeBytes() >= blockSize
          && !chosen.contains(n)
          && perRack.getOrDefault(n.rack(), 0) < maxPerRack;
    }

    /** A random usable node of the first scope that has one, or null. */
    @SafeVarargs
    final HdfsDataNode pickOr(Predicate<HdfsDataNode>... scopes) {
      for (Predicate<HdfsDataNode> scope : scopes) {
        List<HdfsDataNode> candidates = new ArrayList<>();
        for (HdfsDataNode n : nodes) {
          if (scope.test(n) && usable(n)) {
            candidates.add(n);
          }
        }
        if (!candidates.isEmpty()) {
          return candidates.get(random.nextInt(candidates.size()));
        }
      }
      return null;
    }

    /** Adds {@code n}; false if there was none, or the call has all it needs. */
    boolean take(HdfsDataNode n) {
      if (n == null) {
        return false;
      }
      chosen.add(n);
      perRack.merge(n.rack(), 1, Integer::sum);
      return chosen.size() < total;
    }

    List<String> ids() {
      List<String> ids = new ArrayList<>();
      for (HdfsDataNode n : chosen) {
        ids.add(n.id());
      }
      return ids;
    }
  }
}
