package dstutor.sim;

import dstutor.kit.Context;
import dstutor.kit.Node;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Prints the simulator's speed for the benchmark script, one {@code name value} line each:
 *
 * <pre>
 * sim.deliveries_per_second 7300000
 * sim.suite_seconds.quorum 0.31
 * sim.sweep_seconds_max.quorum 0.08
 * </pre>
 *
 * The first is a message flood on one thread. Then, for each simulated exercise, its hidden suite
 * runs against its reference solution, warm: {@code suite_seconds} is every test (each a sweep of
 * 100 seeds or more), {@code sweep_seconds_max} the slowest single test.
 *
 * <p>Then, if the system property {@code dstutor.porcupine} (or the environment variable {@code
 * DSTUTOR_PORCUPINE}) names the folder of porcupine's histories, the linearizability checker
 * runs on all of them with its default budget and prints how many of its verdicts match the
 * published ones, the count of each verdict it gave (on every history, with or without a
 * published verdict), and its times, warm (the best of three passes after one):
 *
 * <pre>
 * linz.porcupine_correct 108/108
 * linz.porcupine_verdicts ok=27 violation=82 unknown=0
 * linz.porcupine_slowest_ms 93.1 (kv/c50-ok.txt)
 * linz.porcupine_total_ms 359.8
 * </pre>
 *
 * <p>Usage: {@code java -cp dstutor.jar dstutor.sim.SimBenchmark [course-dir]}; the course
 * directory defaults to the system property {@code dstutor.course}, then the working directory.
 */
public final class SimBenchmark {
  /** Exercises built on the simulator (folders under exercises/patterns and solutions/patterns). */
  static final List<String> EXERCISES = List.of("quorum", "heartbeat", "gossip");

  private SimBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path course = Paths.get(args.length > 0 ? args[0]
        : System.getProperty("dstutor.course", "."));
    long perSecond = deliveriesPerSecond();
    System.out.println("sim.deliveries_per_second " + perSecond);
    for (String id : EXERCISES) {
      Path given = course.resolve("exercises/patterns/" + id);
      Path solution = course.resolve("solutions/patterns/" + id);
      if (!Files.isDirectory(given) || !Files.isDirectory(solution)) {
        continue;
      }
      double[] seconds = suiteSeconds(given, solution);
      System.out.println(String.format(Locale.ROOT, "sim.suite_seconds.%s %.3f", id, seconds[0]));
      System.out.println(String.format(Locale.ROOT, "sim.sweep_seconds_max.%s %.3f", id,
          seconds[1]));
    }
    String porcupine = System.getProperty("dstutor.porcupine",
        System.getenv("DSTUTOR_PORCUPINE"));
    if (porcupine != null) {
      for (String line : porcupine(Paths.get(porcupine))) {
        System.out.println(line);
      }
    }
  }

  /**
   * Checks every history of porcupine's corpus in {@code dir} with the default budget: one pass
   * to warm up, then three timed ones. Returns the figures as {@code name value} lines.
   */
  static List<String> porcupine(Path dir) throws IOException {
    List<PorcupineHistories.Case> cases = PorcupineHistories.cases(dir);
    if (cases.isEmpty()) {
      throw new IllegalArgumentException("no histories listed in " + dir.resolve("expected.tsv"));
    }
    List<List<Op>> histories = new ArrayList<>();
    for (PorcupineHistories.Case c : cases) {
      histories.add(PorcupineHistories.read(dir.resolve(c.file())));
    }
    LinearizabilityChecker checker = new LinearizabilityChecker();
    CheckResult.Verdict[] verdicts = new CheckResult.Verdict[cases.size()];
    double[] best = new double[cases.size()];
    Arrays.fill(best, Double.MAX_VALUE);
    double bestTotal = Double.MAX_VALUE;
    for (int pass = 0; pass < 4; pass++) {
      double total = 0;
      for (int i = 0; i < cases.size(); i++) {
        long t0 = System.nanoTime();
        verdicts[i] = checker.check(histories.get(i)).verdict();
        double ms = (System.nanoTime() - t0) / 1e6;
        total += ms;
        if (pass > 0) {
          best[i] = Math.min(best[i], ms);
        }
      }
      if (pass > 0) {
        bestTotal = Math.min(bestTotal, total);
      }
    }
    int correct = 0;
    int published = 0;
    int slowest = 0;
    int[] count = new int[CheckResult.Verdict.values().length];
    for (int i = 0; i < cases.size(); i++) {
      Boolean want = cases.get(i).linearizable();
      CheckResult.Verdict v = verdicts[i];
      count[v.ordinal()]++;
      if (want != null) {
        published++;
        correct += v == (want ? CheckResult.Verdict.OK : CheckResult.Verdict.VIOLATION) ? 1 : 0;
      }
      if (best[i] > best[slowest]) {
        slowest = i;
      }
    }
    return List.of(
        "linz.porcupine_correct " + correct + "/" + published,
        "linz.porcupine_verdicts ok=" + count[CheckResult.Verdict.OK.ordinal()]
            + " violation=" + count[CheckResult.Verdict.VIOLATION.ordinal()]
            + " unknown=" + count[CheckResult.Verdict.UNKNOWN.ordinal()],
        String.format(Locale.ROOT, "linz.porcupine_slowest_ms %.1f (%s)", best[slowest],
            cases.get(slowest).file()),
        String.format(Locale.ROOT, "linz.porcupine_total_ms %.1f", bestTotal));
  }

  /** A flood of messages between 16 nodes; the best of five one-second-ish rounds. */
  static long deliveriesPerSecond() {
    long best = 0;
    for (int round = 0; round < 6; round++) {
      Simulation sim = flood(round, 2_000_000);
      long t0 = System.nanoTime();
      sim.run();
      long ns = System.nanoTime() - t0;
      if (round > 0) { // the first round warms up the JIT
        best = Math.max(best, sim.deliveries() * 1_000_000_000L / Math.max(1, ns));
      }
    }
    return best;
  }

  /** 16 nodes passing 1,024 tokens to random peers until about {@code deliveries} arrive. */
  static Simulation flood(long seed, long deliveries) {
    int nodes = 16;
    int tokens = 64;
    SimConfig config = SimConfig.reliable().withDelay(Delay.uniform(1, 9));
    long horizon = deliveries * 5 / (nodes * tokens);
    Simulation sim = new Simulation(RunPlan.of(seed, horizon), config);
    String[] ids = new String[nodes];
    for (int i = 0; i < nodes; i++) {
      ids[i] = "n" + i;
    }
    for (String id : ids) {
      sim.addNode(id, () -> new Relay(ids, tokens));
    }
    return sim;
  }

  /** Sends its tokens at start; forwards every message it receives to a random node. */
  static final class Relay implements Node {
    private final String[] ids;
    private final int tokens;
    private Context ctx;

    Relay(String[] ids, int tokens) {
      this.ids = ids;
      this.tokens = tokens;
    }

    @Override
    public void start(Context c) {
      this.ctx = c;
      for (int i = 0; i < tokens; i++) {
        ctx.send(ids[ctx.random().nextInt(ids.length)], Integer.valueOf(i));
      }
    }

    @Override
    public void onMessage(String from, Object message) {
      ctx.send(ids[ctx.random().nextInt(ids.length)], message);
    }

    @Override
    public void onTimer(Object tag) {}
  }

  /**
   * Compiles an exercise's given files, reference solution and hidden suite, then runs every
   * public no-argument method annotated {@code @Test} (by annotation name, so this package needs
   * no JUnit): three warm-up passes, then the best of three timed passes. Returns the seconds
   * of the whole suite and of its slowest test.
   */
  static double[] suiteSeconds(Path given, Path solution) throws Exception {
    Path out = Files.createTempDirectory("dstutor-bench");
    try {
      List<String> files = new ArrayList<>();
      List<String> learner = new ArrayList<>();
      try (Stream<Path> s = Files.list(solution)) {
        s.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
          files.add(p.toString());
          learner.add(p.getFileName().toString());
        });
      }
      try (Stream<Path> s = Files.list(given)) {
        s.filter(p -> p.toString().endsWith(".java"))
            .filter(p -> !learner.contains(p.getFileName().toString()))
            .forEach(p -> files.add(p.toString()));
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      List<String> args = new ArrayList<>(List.of("-nowarn", "-d", out.toString(), "-cp",
          System.getProperty("java.class.path")));
      args.addAll(files);
      if (javac.run(null, null, System.err, args.toArray(new String[0])) != 0) {
        throw new IllegalStateException("could not compile " + solution);
      }
      try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
          SimBenchmark.class.getClassLoader())) {
        List<Method> tests = new ArrayList<>();
        for (String name : learner) {
          Class<?> c = loader.loadClass(name.replace(".java", ""));
          for (Method m : c.getDeclaredMethods()) {
            if (isTest(m)) {
              tests.add(m);
            }
          }
        }
        tests.sort(Comparator.comparing(Method::getName));
        double best = Double.MAX_VALUE;
        double[] bestEach = new double[tests.size()];
        Arrays.fill(bestEach, Double.MAX_VALUE);
        for (int pass = 0; pass < 6; pass++) {
          double total = 0;
          for (int i = 0; i < tests.size(); i++) {
            Method m = tests.get(i);
            m.setAccessible(true);
            Object self = Modifier.isStatic(m.getModifiers()) ? null
                : newInstance(m.getDeclaringClass());
            long t0 = System.nanoTime();
            m.invoke(self);
            double s = (System.nanoTime() - t0) / 1e9;
            total += s;
            if (pass >= 3) {
              bestEach[i] = Math.min(bestEach[i], s);
            }
          }
          if (pass >= 3) {
            best = Math.min(best, total);
          }
        }
        double slowest = 0;
        for (double s : bestEach) {
          slowest = Math.max(slowest, s);
        }
        return new double[] {best, slowest};
      }
    } finally {
      deleteTree(out);
    }
  }

  private static Object newInstance(Class<?> c) throws ReflectiveOperationException {
    var ctor = c.getDeclaredConstructor();
    ctor.setAccessible(true);
    return ctor.newInstance();
  }

  private static boolean isTest(Method m) {
    for (var a : m.getAnnotations()) {
      if (a.annotationType().getName().equals("org.junit.jupiter.api.Test")) {
        return m.getParameterCount() == 0;
      }
    }
    return false;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
