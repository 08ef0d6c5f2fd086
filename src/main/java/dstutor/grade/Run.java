package dstutor.grade;

import dstutor.grade.Verdict.TestResult;
import dstutor.grade.WorkerProtocol.Request;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
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
  private final BiConsumer<String, String> onStart;
  private final List<TestResult> results = new ArrayList<>();
  private TestPlan plan;
  private volatile String currentName;
  private volatile String currentHint;
  private volatile long currentStart;
  private volatile long currentCpuStart;
  private volatile int testNumber;
  private volatile Thread testThread;
  private volatile Long seed;

  Run(Request request, ClassLoader loader, Capture capture, java.util.function.Consumer<Object>
      sink) {
    this.request = request;
    this.loader = loader;
    this.capture = capture;
    this.onStart = (name, hint) -> sink.accept(new WorkerProtocol.Started(name, hint));
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    if (!id.isTest()) {
      return;
    }
    capture.reset();
    String name = nameOf(id);
    currentHint = hintOf(id);
    // The watchdog reads currentName first: write it last, so that whoever sees this test's name
    // also sees its thread and start times (a volatile write publishes the writes before it).
    // In the other order the watchdog could charge this test with the CPU time the thread used
    // since the previous test, or since the JVM started.
    testThread = Thread.currentThread();
    testNumber++;
    currentStart = System.nanoTime();
    currentCpuStart = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : -1;
    currentName = name;
    onStart.accept(name, currentHint);
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (id.isTest()) {
      synchronized (results) {
        results.add(new TestResult(nameOf(id), "skipped", reason, hintOf(id)));
      }
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (id.isTest()) {
      TestResult r = outcome(nameOf(id), hintOf(id), result);
      synchronized (results) {
        results.add(r);
      }
      currentName = null;
      testThread = null;
    } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
      // A class-level failure: the suite could not even set up (a constructor threw, say).
      TestResult r = outcome("setting up the tests", null, result);
      synchronized (results) {
        results.add(r);
      }
    }
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
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof PropertyFailure pf && seed == null) {
        seed = pf.seed();
      }
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

  /** Nanoseconds the current test has run, or 0 between tests. */
  long runningFor() {
    if (currentName == null) { // read first: see executionStarted
      return 0;
    }
    return System.nanoTime() - currentStart;
  }

  /**
   * Nanoseconds of CPU time the current test's thread has used, or its wall-clock time where the
   * JVM cannot tell; 0 between tests. CPU time does not grow while other programs load the
   * machine, so a limit on it does not fail correct code on a busy laptop.
   */
  long cpuFor() {
    if (currentName == null) { // read first: see executionStarted
      return 0;
    }
    Thread t = testThread;
    long start = currentCpuStart;
    if (t == null) {
      return 0;
    }
    if (start < 0) {
      return runningFor();
    }
    long now = CPU.getThreadCpuTime(t.getId());
    return now < 0 ? runningFor() : now - start;
  }

  /** Counts the tests started, so that a watcher can tell one test from the next. */
  int testNumber() {
    return testNumber;
  }

  Thread testThread() {
    return testThread;
  }

  Set<String> learnerFiles() {
    return request.learnerFiles();
  }

  Long seed() {
    return seed;
  }

  /** " during 'name'", or "" between tests. */
  String during() {
    String n = currentName;
    return n == null ? "" : " during '" + n + "'";
  }

  void abandon() {
    // Keep currentName for the message; the run will not finish normally.
  }

  void finish() {
    currentName = null;
  }

  List<TestResult> results() {
    synchronized (results) {
      return new ArrayList<>(results);
    }
  }

  /** The results so far plus the running test with the given status and message. */
  List<TestResult> resultsWithCurrent(String status, String message) {
    List<TestResult> out = results();
    String n = currentName;
    if (n != null) {
      out.add(new TestResult(n, status, message, currentHint));
    }
    return out;
  }
}
