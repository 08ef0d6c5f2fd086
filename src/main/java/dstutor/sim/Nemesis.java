package dstutor.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws schedules of faults from a seeded random source, for scenarios to {@link
 * Simulation#schedule(Fault) schedule}. Every list is a plain value: the shrinker removes from it.
 */
public final class Nemesis {
  private Nemesis() {}

  /**
   * Up to {@code maxDown} distinct nodes of {@code nodes} crash at random times in {@code [from,
   * to)}; if {@code downtime} is positive, each restarts after a random 1..downtime ms.
   */
  public static List<Fault> crashes(SplittableRandom rng, List<String> nodes, int maxDown,
      long from, long to, long downtime) {
    List<String> pool = new ArrayList<>(nodes);
    List<Fault> faults = new ArrayList<>();
    int count = maxDown <= 0 ? 0 : rng.nextInt(maxDown + 1);
    for (int i = 0; i < count && !pool.isEmpty(); i++) {
      String node = pool.remove(rng.nextInt(pool.size()));
      long at = from + rng.nextLong(Math.max(1, to - from));
      faults.add(new Fault.Crash(at, node));
      if (downtime > 0) {
        faults.add(new Fault.Restart(at + 1 + rng.nextLong(downtime), node));
      }
    }
    return faults;
  }

  /**
   * {@code count} partitions, each cutting off a random minority of {@code nodes} at a random
   * time in {@code [from, to)} and healed after 1..maxLength ms. Partitions may overlap; a heal
   * ends them all.
   */
  public static List<Fault> partitions(SplittableRandom rng, List<String> nodes, int count,
      long from, long to, long maxLength) {
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> pool = new ArrayList<>(nodes);
      int size = 1 + rng.nextInt(Math.max(1, (nodes.size() - 1) / 2));
      List<String> side = new ArrayList<>();
      for (int j = 0; j < size; j++) {
        side.add(pool.remove(rng.nextInt(pool.size())));
      }
      side.sort(null);
      long at = from + rng.nextLong(Math.max(1, to - from));
      if (rng.nextInt(4) == 0 && size == 1 && nodes.size() > 1) {
        String other = pool.get(rng.nextInt(pool.size()));
        faults.add(new Fault.Block(at, side.get(0), other));
      } else {
        faults.add(new Fault.Partition(at, side));
      }
      faults.add(new Fault.Heal(at + 1 + rng.nextLong(Math.max(1, maxLength))));
    }
    return faults;
  }

  /**
   * Each node's clock starts up to {@code maxOffset} ms ahead or behind and runs up to {@code
   * maxDriftPpm} parts per million fast or slow.
   */
  public static List<Fault> clocks(SplittableRandom rng, List<String> nodes, long maxOffset,
      long maxDriftPpm) {
    List<Fault> faults = new ArrayList<>();
    for (String node : nodes) {
      long offset = maxOffset <= 0 ? 0 : rng.nextLong(-maxOffset, maxOffset + 1);
      long drift = maxDriftPpm <= 0 ? 0 : rng.nextLong(-maxDriftPpm, maxDriftPpm + 1);
      faults.add(new Fault.Clock(0, node, offset, drift));
    }
    return faults;
  }

  /**
   * Up to {@code maxPauses} process pauses (see {@link Fault.Pause}) of random nodes of {@code
   * nodes}, each at a random time in {@code [from, to)} and lasting 1..maxLength ms: the
   * stop-the-world garbage collections of the lease and fencing pages.
   */
  public static List<Fault> pauses(SplittableRandom rng, List<String> nodes, int maxPauses,
      long from, long to, long maxLength) {
    List<Fault> faults = new ArrayList<>();
    int count = maxPauses <= 0 || nodes.isEmpty() ? 0 : rng.nextInt(maxPauses + 1);
    for (int i = 0; i < count; i++) {
      String node = nodes.get(rng.nextInt(nodes.size()));
      long at = from + rng.nextLong(Math.max(1, to - from));
      faults.add(new Fault.Pause(at, node, 1 + rng.nextLong(Math.max(1, maxLength))));
    }
    return faults;
  }
}
