package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NemesisTest {
  private static final List<String> NODES = List.of("a", "b", "c", "d", "e");

  @Test
  void sameSeedSameSchedule() {
    assertEquals(Nemesis.crashes(new SplittableRandom(3), NODES, 2, 0, 100, 50),
        Nemesis.crashes(new SplittableRandom(3), NODES, 2, 0, 100, 50));
  }

  @Test
  void crashesHitAtMostMaxDownDistinctNodesInTheWindowAndRestart() {
    for (long seed = 0; seed < 200; seed++) {
      List<Fault> faults = Nemesis.crashes(new SplittableRandom(seed), NODES, 2, 100, 200, 50);
      Set<String> crashed = new HashSet<>();
      for (Fault f : faults) {
        if (f instanceof Fault.Crash c) {
          assertTrue(c.at() >= 100 && c.at() < 200);
          assertTrue(crashed.add(c.node()), "distinct");
        } else {
          Fault.Restart r = (Fault.Restart) f;
          assertTrue(crashed.contains(r.node()));
        }
      }
      assertTrue(crashed.size() <= 2);
    }
  }

  @Test
  void partitionsCutOffAMinorityAndAreHealed() {
    for (long seed = 0; seed < 200; seed++) {
      List<Fault> faults = Nemesis.partitions(new SplittableRandom(seed), NODES, 2, 0, 100, 30);
      assertEquals(4, faults.size());
      for (int i = 0; i < faults.size(); i += 2) {
        Fault cut = faults.get(i);
        Fault heal = faults.get(i + 1);
        assertTrue(heal instanceof Fault.Heal && heal.at() > cut.at() && heal.at() <= cut.at()
            + 30);
        if (cut instanceof Fault.Partition p) {
          assertTrue(p.side().size() * 2 < NODES.size(), "minority: " + p.side());
        } else {
          assertTrue(cut instanceof Fault.Block);
        }
      }
    }
  }

  @Test
  void pausesStayWithinTheirWindowAndLength() {
    int total = 0;
    for (long seed = 0; seed < 200; seed++) {
      List<Fault> faults = Nemesis.pauses(new SplittableRandom(seed), NODES, 3, 100, 200, 50);
      assertTrue(faults.size() <= 3, faults.toString());
      total += faults.size();
      for (Fault f : faults) {
        Fault.Pause p = (Fault.Pause) f;
        assertTrue(NODES.contains(p.node()), p.node());
        assertTrue(p.at() >= 100 && p.at() < 200, p.toString());
        assertTrue(p.millis() >= 1 && p.millis() <= 50, p.toString());
      }
    }
    assertTrue(total > 200, "about 1.5 pauses a seed, got " + total + " in 200");
    assertEquals(List.of(), Nemesis.pauses(new SplittableRandom(1), NODES, 0, 0, 100, 50));
  }

  @Test
  void clocksStayWithinTheirBounds() {
    for (Fault f : Nemesis.clocks(new SplittableRandom(1), NODES, 100, 50)) {
      Fault.Clock c = (Fault.Clock) f;
      assertTrue(Math.abs(c.offset()) <= 100 && Math.abs(c.driftPpm()) <= 50, c.describe());
    }
  }
}
