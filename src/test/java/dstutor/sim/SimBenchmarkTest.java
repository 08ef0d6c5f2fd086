package dstutor.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimBenchmarkTest {
  @Test
  void theFloodDeliversAboutAsManyMessagesAsAsked() {
    Simulation sim = SimBenchmark.flood(1, 100_000);
    sim.run();
    assertTrue(sim.deliveries() > 80_000 && sim.deliveries() < 120_000,
        "deliveries " + sim.deliveries());
  }
}
