package dstutor.grade;

import dstutor.grade.Verdict.TestResult;
import dstutor.grade.WorkerProtocol.Request;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One suite run inside the worker: listens to JUnit, turns each test's outcome into a {@link
 * TestResult} in plain words, and knows which test is running for the watchdog and exit hook.
 */
final class Run implements TestExecutionListener {
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private final Request request;
  private final ClassLoader loader;
  private final Capture capture;
  private final boolean sideBySide;
  private final java.util.function.Consumer<Object> sink;
  /** The outcomes so far, each with its place in the plan (see {@link #placeOf}). */
  private final List<Placed> results = new ArrayList<>();
  /** Each test's place in the plan: its parent's place and its index among its siblings. */
  private final Map<String, int[]> places = new ConcurrentHashMap<>();
  /** How many children each container has had registered, for dynamic tests' places. */
  private final Map<String, Integer> childCount = new ConcurrentHashMap<>();
  private final Map<Thread, Current> running = new ConcurrentHashMap<>();
  private final AtomicInteger testNumber = new AtomicInteger();
  private TestPlan plan;

  /** A test's outcome, its place in the plan, and the seed of its failing property, if any. */
  private record Placed(int[] place, TestResult result, Long seed) {}

  /**
   * A test in progress: its thread and when it started (wall clock and the thread's CPU time).
   * {@code waited} and {@code seen} belong to the watchdog.
   */
  static final class Current {
    final String name;
    final String hint;
    final String id;
    final Thread thread;
    final long start;
    final long cpuStart;
    long waited;
    boolean seen;

    Current(String name, String hint, String id, Thread thread) {
      this.name = name;
      this.hint = hint;
      this.id = id;
      this.thread = thread;
      this.start = System.nanoTime();
      this.cpuStart = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : -1;
    }

    String name() {
      return name;
    }

    Thread thread() {
      return thread;
    }

    /** Nanoseconds this test has run. */
    long runningFor() {
      return System.nanoTime() - start;
    }

    /**
     * Nanoseconds of CPU time the test's thread has used, or its wall-clock time where the JVM
     * cannot tell. CPU time does not grow while other programs load the machine, so a limit on
     * it does not fail correct code on a busy laptop.
     */
    long cpu() {
      if (cpuStart < 0) {
        return runningFor();
      }
      long now = CPU.getThreadCpuTime(thread.getId());
      return now < 0 ? runningFor() : now - cpuStart;
    }
  }

  /**
   * @param sideBySide whether JUnit runs this suite's tests two at a time: then each test thread
   *     has its own output capture, and the results are put back in the plan's order
   */
  Run(Request request, ClassLoader loader, Capture capture, boolean sideBySide,
      java.util.function.Consumer<Object> sink) {
    this.request = request;
    this.loader = loader;
    this.capture = capture;
    this.sideBySide = sideBySide;
    capture.perThread(sideBySide);
    this.sink = sink;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
    int i = 0;
    for (TestIdentifier root : testPlan.getRoots()) {
      place(testPlan, root, new int[] {i++});
    }
  }

  private void place(TestPlan testPlan, TestIdentifier id, int[] at) {
    places.put(id.getUniqueId(), at);
    int i = 0;
    for (TestIdentifier child : testPlan.getChildren(id)) {
      place(testPlan, child, append(at, i++));
    }
    childCount.put(id.getUniqueId(), i);
  }

  @Override
  public void dynamicTestRegistered(TestIdentifier id) {
    String parent = id.getParentId().orElse("");
    int[] at = places.getOrDefault(parent, new int[0]);
    int i = childCount.merge(parent, 1, Integer::sum) - 1;
    places.put(id.getUniqueId(), append(at, i));
  }

  private static int[] append(int[] a, int i) {
    int[] b = java.util.Arrays.copyOf(a, a.length + 1);
    b[a.length] = i;
    return b;
  }

  /** A test's place; a container's sorts after everything inside it (it is reported last). */
  private int[] placeOf(TestIdentifier id) {
    int[] at = places.getOrDefault(id.getUniqueId(), new int[] {Integer.MAX_VALUE});
    return id.isTest() ? at : append(at, Integer.MAX_VALUE);
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    if (!id.isTest()) {
      return;
    }
    capture.reset();
    Current c = new Current(nameOf(id), hintOf(id), id.getUniqueId(), Thread.currentThread());
    running.put(c.thread, c);
    testNumber.incrementAndGet();
    sink.accept(new WorkerProtocol.Started(c.name, c.hint, sideBySide));
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (id.isTest()) {
      add(placeOf(id), new TestResult(nameOf(id), "skipped", reason, hintOf(id)), null);
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (id.isTest()) {
      add(placeOf(id), outcome(nameOf(id), hintOf(id), result), seedOf(result));
      running.remove(Thread.currentThread());
      capture.done();
    } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
      // A class-level failure: the suite could not even set up (a constructor threw, say).
      add(placeOf(id), outcome("setting up the tests", null, result), seedOf(result));
    }
  }

  private void add(int[] place, TestResult r, Long seed) {
    synchronized (results) {
      results.add(new Placed(place, r, seed));
    }
  }

  /** The seed of the first seeded property failure among {@code result}'s causes, or null. */
  private static Long seedOf(TestExecutionResult result) {
    for (Throwable c = result.getThrowable().orElse(null); c != null; c = c.getCause()) {
      if (c instanceof PropertyFailure pf) {
        return pf.seed();
      }
    }
    return null;
  }

  private TestResult outcome(String name, String hint, TestExecutionResult result) {
    switch (result.getStatus()) {
      case SUCCESSFUL:
        return new TestResult(name, "passed", null, hint);
      case ABORTED:
        return new TestResult(name, "skipped", result.getThrowable().map(Throwable::getMessage)
            .orElse(null), hint);
      default:
        break;
    }
    Throwable t = result.getThrowable().orElse(null);
    if (t == null) {
      return new TestResult(name, "failed", "failed", hint);
    }
    String because = Because.hintOf(t);
    if (because != null) {
      hint = because;
    }
    String status = "failed";
    String message;
    Set<String> learner = request.learnerFiles();
    String seedLine = null;
    String scenario = null;
    if (t instanceof PropertyFailure pf && pf.getCause() != null
        && !(pf.getCause() instanceof AssertionError)) {
      // A seeded property where the learner's code threw: describe the exception itself, after
      // what the suite said of the scenario it happened in (unless that is just the exception).
      String m = String.valueOf(pf.getMessage());
      int nl = m.lastIndexOf('\n');
      seedLine = m.substring(nl + 1);
      String said = nl < 0 ? "" : m.substring(0, nl).strip();
      String own = String.valueOf(pf.getCause().getMessage());
      if (!said.isEmpty() && !said.equals(own) && !said.equals("null")) {
        scenario = said;
      }
      t = pf.getCause();
    }
    if (t instanceof StackOverflowError) {
      status = "crashed";
      message = "overflowed the stack" + Frames.where(t, learner)
          + ". Look for a recursion that never reaches its base case.";
    } else if (t instanceof AssertionError) {
      message = String.valueOf(t.getMessage());
    } else if (todo(t) != null) {
      Throwable u = todo(t);
      message = "not implemented yet: " + u.getMessage() + Frames.where(u, learner);
    } else {
      message = "your code threw " + t.getClass().getSimpleName()
          + (t.getMessage() != null ? ": " + t.getMessage() : "") + Frames.where(t, learner);
    }
    if (scenario != null && todo(t) == null) {
      message = scenario + "\n" + message;
    }
    if (seedLine != null) {
      message += "\n" + seedLine;
    }
    String printed = capture.tail(12);
    if (!printed.isEmpty()) {
      message += "\nyour code printed:\n" + printed;
    }
    return new TestResult(name, status, message, hint);
  }

  /** The stub's {@code UnsupportedOperationException("TODO ...")} in {@code t}'s causes, if any. */
  private static Throwable todo(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnsupportedOperationException && c.getMessage() != null
          && c.getMessage().contains("TODO")) {
        return c;
      }
      if (c instanceof AssertionError && !(c instanceof PropertyFailure)) {
        return null; // the suite judged it: its message says what was expected
      }
    }
    return null;
  }

  private String nameOf(TestIdentifier id) {
    String name = id.getDisplayName();
    if (plan != null) {
      Optional<TestIdentifier> parent = plan.getParent(id);
      if (parent.isPresent() && parent.get().getSource().filter(s -> s instanceof MethodSource)
          .isPresent()) {
        name = parent.get().getDisplayName() + " " + name;
      }
    }
    return name;
  }

  private String hintOf(TestIdentifier id) {
    Optional<TestSource> source = id.getSource();
    if (source.isEmpty() || !(source.get() instanceof MethodSource ms)) {
      return null;
    }
    try {
      Class<?> c = Class.forName(ms.getClassName(), false, loader);
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(ms.getMethodName())) {
          Hint h = m.getAnnotation(Hint.class);
          if (h != null) {
            return h.value();
          }
        }
      }
      for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
        Hint h = k.getAnnotation(Hint.class);
        if (h != null) {
          return h.value();
        }
      }
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    return null;
  }

  /** The tests running now, in the plan's order. */
  List<Current> running() {
    List<Current> out = new ArrayList<>(running.values());
    out.sort((a, b) -> java.util.Arrays.compare(places.getOrDefault(a.id, new int[0]),
        places.getOrDefault(b.id, new int[0])));
    return out;
  }

  /** Counts the tests started. */
  int testNumber() {
    return testNumber.get();
  }

  Set<String> learnerFiles() {
    return request.learnerFiles();
  }

  /** The seed of the first test (in the suite's order) whose seeded property failed, or null. */
  Long seed() {
    for (Placed p : placed()) {
      if (p.seed != null) {
        return p.seed;
      }
    }
    return null;
  }

  /**
   * The running test that {@code culprit} (a thread, or null for unknown) belongs to, as a
   * one-element list; every running test when the thread is not a test's own.
   */
  List<Current> blame(Thread culprit) {
    Current c = culprit == null ? null : running.get(culprit);
    return c != null ? List.of(c) : running();
  }

  /** " during 'name'" for the tests given, or "" for none. */
  static String during(List<Current> tests) {
    if (tests.isEmpty()) {
      return "";
    }
    if (tests.size() == 1) {
      return " during '" + tests.get(0).name + "'";
    }
    StringBuilder b = new StringBuilder(" during '" + tests.get(0).name + "'");
    for (Current c : tests.subList(1, tests.size())) {
      b.append(" or '").append(c.name).append("'");
    }
    return b.append(" (they ran side by side)").toString();
  }

  /** " during 'name'" for the running tests, or "" between tests. */
  String during() {
    return during(running());
  }

  void finish() {
    running.clear();
  }

  /** The outcomes so far, in the plan's order. */
  List<TestResult> results() {
    List<TestResult> out = new ArrayList<>();
    for (Placed p : placed()) {
      out.add(p.result);
    }
    return out;
  }

  /** The outcomes so far: in the plan's order when tests ran side by side, else as they came. */
  private List<Placed> placed() {
    List<Placed> copy;
    synchronized (results) {
      copy = new ArrayList<>(results);
    }
    if (sideBySide) {
      copy.sort((a, b) -> java.util.Arrays.compare(a.place, b.place));
    }
    return copy;
  }

  /** The results so far plus the running tests with the given status and message. */
  List<TestResult> resultsWithCurrent(String status, String message) {
    return resultsWith(running(), status, message);
  }

  /** The results so far plus {@code tests} (cut short) with the given status and message. */
  List<TestResult> resultsWith(List<Current> tests, String status, String message) {
    List<TestResult> out = results();
    for (Current c : tests) {
      out.add(new TestResult(c.name, status, message, c.hint));
    }
    return out;
  }
}
