package dstutor.sim;

/**
 * Prints the fingerprint of {@link Chatter#busyRun} for a seed, and a digest of the report of the
 * shrunk failure of {@link ShrinkerTest#PINGS}: run in a second JVM by {@link SimulationTest} to
 * check that traces and shrinking are the same across JVMs.
 */
public final class TraceMain {
  private TraceMain() {}

  public static void main(String[] args) {
    Simulation sim = Chatter.busyRun(Long.parseLong(args[0]), true);
    sim.run();
    System.out.println(sim.trace().fingerprint() + " " + sim.trace().size() + " "
        + shrunkDigest());
  }

  static long shrunkDigest() {
    Shrinker.Result r = Shrinker.firstFailure(ShrinkerTest.PINGS, new long[] {1, 2, 3, 4, 5}, 500);
    return dstutor.kit.Hashing.hash64(r.report());
  }
}
