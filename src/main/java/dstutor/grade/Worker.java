package dstutor.grade;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dstutor.grade.Verdict.Status;
import dstutor.grade.Verdict.TestResult;
import dstutor.grade.WorkerProtocol.Request;
import dstutor.grade.WorkerProtocol.Result;
import dstutor.grade.WorkerProtocol.Started;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The grading worker: a JVM of its own that runs hidden suites against learner code, so that
 * nothing the learner's code does (loop, exit, exhaust memory, start threads) can hang or kill the
 * tutor. It serves requests from stdin until stdin closes; a run that leaves the JVM in doubt
 * (timeout, crash, stray threads) ends the process instead.
 */
public final class Worker {
  /** The tutor that started this worker, while it lives. */
  private static final java.util.Optional<ProcessHandle> TUTOR = ProcessHandle.current().parent();

  /**
   * How many tests of a suite that allows it may run at once: two on a machine with two or more
   * cores (the tutor waits while the worker runs, so the worker has them), else one. The
   * environment variable {@code DSTUTOR_LANES} overrides it (1 runs every suite one test at a
   * time; at most 4).
   */
  static final int LANES = lanes(System.getenv("DSTUTOR_LANES"),
      Runtime.getRuntime().availableProcessors());

  static int lanes(String setting, int cores) {
    if (setting != null) {
      try {
        return Math.max(1, Math.min(4, Integer.parseInt(setting.strip())));
      } catch (NumberFormatException e) {
        // not a number: the default
      }
    }
    return Math.min(2, Math.max(1, cores));
  }

  private final Wire.Writer out;
  private final Capture capture;
  private volatile Run current;
  private volatile boolean exiting;

  private Worker(Wire.Writer out, Capture capture) {
    this.out = out;
    this.capture = capture;
  }

  public static void main(String[] args) throws Exception {
    Wire.Writer out = new Wire.Writer(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    // The protocol owns the real stdin and stdout; learner code gets a capture and an empty stdin.
    FileInputStream realIn = new FileInputStream(FileDescriptor.in);
    Capture capture = new Capture();
    PrintStream captured = new PrintStream(capture, true);
    System.setOut(captured);
    System.setErr(captured);
    System.setIn(new ByteArrayInputStream(new byte[0]));
    Worker worker = new Worker(out, capture);
    Runtime.getRuntime().addShutdownHook(new Thread(worker::onExit, "dstutor-exit-hook"));
    // Warm up while the tutor compiles: the launcher and the Jupiter engine load here.
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(WarmUp.class))
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
        .build(), new Run(new Request("warm-up", WarmUp.class.getName(), Map.of(), Set.of(),
            Set.of(), null, 60, 0, false, true), Worker.class.getClassLoader(), capture, false,
            m -> { }));
    Set<Thread> baseline = new HashSet<>(Thread.getAllStackTraces().keySet());
    Wire.Reader in = new Wire.Reader(new BufferedInputStream(realIn));
    while (true) {
      Request request;
      try {
        request = (Request) in.next("run");
      } catch (IOException e) {
        worker.exiting = true;
        worker.send(new Result(Status.CRASHED, List.of(), "the grading worker could not read its"
            + " request: " + e.getMessage(), null, false));
        Runtime.getRuntime().halt(2);
        return;
      }
      if (request == null) {
        // The tutor is done with this worker. A normal exit (not halt) lets the JVM write a
        // class-data archive when one was asked for.
        worker.exiting = true;
        System.exit(0);
        return;
      }
      Result result = worker.serve(launcher, request, baseline);
      worker.send(result);
      if (!result.reusable()) {
        worker.exiting = true;
        Runtime.getRuntime().halt(0);
      }
    }
  }

  private Result serve(Launcher launcher, Request request, Set<Thread> baseline) {
    MemoryClassLoader loader = new MemoryClassLoader(request.classes(),
        Worker.class.getClassLoader());
    if (request.seed() != null) {
      System.setProperty(Seeds.REPLAY_PROPERTY, Long.toString(request.seed()));
    } else {
      System.clearProperty(Seeds.REPLAY_PROPERTY);
    }
    System.setProperty(Seeds.EXERCISE_PROPERTY, request.exercise());
    System.setProperty(Seeds.FULL_PROPERTY, Boolean.toString(request.full()));
    Class<?> suite;
    boolean sideBySide;
    try {
      suite = loader.loadClass(request.suiteClass());
      sideBySide = !request.oneAtATime() && LANES > 1 && concurrent(suite)
          && sharedState(request, loader) == null;
    } catch (ClassNotFoundException | LinkageError e) {
      return new Result(Status.CRASHED, List.of(), "could not load the tests: " + e, null, false);
    }
    Run run = new Run(request, loader, capture, sideBySide, this::send);
    current = run;
    Thread watchdog = new Thread(() -> watch(run, request.testSeconds()), "dstutor-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      LauncherDiscoveryRequestBuilder discovery = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(suite))
          .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
          .configurationParameter("junit.jupiter.execution.parallel.enabled",
              Boolean.toString(sideBySide));
      if (sideBySide) {
        // Only the suite's own @Execution(CONCURRENT) makes its tests concurrent; the default
        // mode stays one at a time.
        discovery.configurationParameter("junit.jupiter.execution.parallel.config.strategy",
                "fixed")
            .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism",
                Integer.toString(LANES))
            .configurationParameter(
                "junit.jupiter.execution.parallel.config.fixed.max-pool-size",
                Integer.toString(LANES));
      }
      launcher.execute(discovery.build(), run);
    } catch (OutOfMemoryError e) {
      return crashed(run, "ran out of memory (the limit is " + request.memoryMb() + " MB)"
          + run.during() + ". Look for a collection that grows without bound.");
    } catch (StackOverflowError e) {
      return crashed(run, "overflowed the stack" + run.during() + Frames.where(e,
          request.learnerFiles()) + ". Look for a recursion that never reaches its base case.");
    } catch (LinkageError e) {
      return crashed(run, "could not load the tests: " + e);
    } catch (Throwable e) {
      return crashed(run, "the test run failed unexpectedly" + run.during() + ": " + e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
      current = null;
    }
    run.finish();
    List<TestResult> tests = run.results();
    Status status = Status.PASSED;
    String message = null;
    for (TestResult t : tests) {
      if (t.status().equals("crashed")) {
        status = Status.CRASHED;
        message = t.message();
        break;
      }
      if (!t.ok()) {
        status = Status.FAILED;
      }
    }
    if (tests.isEmpty()) {
      status = Status.CRASHED;
      message = "the hidden suite ran no test; report this to the course author";
    }
    boolean reusable = status != Status.CRASHED;
    List<String> stray = strayThreads(baseline);
    if (!stray.isEmpty()) {
      status = Status.CRASHED;
      message = "your code left " + stray.size() + " thread(s) running after the tests: "
          + String.join("; ", stray) + ". Stop every thread your code starts.";
      reusable = false;
    } else if (hasStrayDaemons(baseline)) {
      reusable = false;
    }
    return new Result(status, tests, message, run.seed(), reusable);
  }

  private static Result crashed(Run run, String message) {
    return new Result(Status.CRASHED, run.resultsWithCurrent("crashed", message), message,
        run.seed(), false);
  }

  /** Whether the suite says its tests may run side by side: {@code @Execution(CONCURRENT)}. */
  static boolean concurrent(Class<?> suite) {
    Execution e = suite.getAnnotation(Execution.class);
    return e != null && e.value() == ExecutionMode.CONCURRENT;
  }

  /**
   * The first static field of the learner's classes (those compiled from the learner's files;
   * the course's given files and the suite are trusted) that two tests running at once could
   * share and change, as "Class.field", or null when there is none; then its tests run one at a
   * time, as its author tried them. A static field is safe when it is final and its declared type
   * cannot hold changeable state (see {@link #immutable}). A class that cannot be loaded counts
   * as shared too: the run says what is wrong with it.
   */
  static String sharedState(Request request, ClassLoader loader) {
    for (String name : request.learnerClasses()) {
      Field[] fields;
      try {
        fields = Class.forName(name, false, loader).getDeclaredFields();
      } catch (ClassNotFoundException | LinkageError e) {
        return name;
      }
      for (Field f : fields) {
        int m = f.getModifiers();
        if (f.isSynthetic() || !Modifier.isStatic(m)) {
          continue;
        }
        if (!Modifier.isFinal(m) || !immutable(f.getType(), 0)) {
          return name + "." + f.getName();
        }
      }
    }
    return null;
  }

  private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class,
      Character.class, Byte.class, Short.class, Integer.class, Long.class, Float.class,
      Double.class, java.math.BigInteger.class, java.math.BigDecimal.class,
      java.util.regex.Pattern.class, java.time.Duration.class, java.time.Instant.class,
      java.util.Comparator.class,
      // A bare Object has no state: a timer's tag, a lock. (Cast back to something changeable,
      // it could hide state; code written that way is not graded faster, only possibly flakily.)
      Object.class);

  /**
   * Whether a value of declared type {@code t} cannot change: primitives, strings, boxed numbers
   * and the like, lambdas of java.util.function, and enums and records whose own fields are all
   * final and of such types.
   */
  static boolean immutable(Class<?> t, int depth) {
    if (t.isPrimitive() || IMMUTABLE.contains(t)) {
      return true;
    }
    if (t.isInterface() && t.getPackageName().equals("java.util.function")) {
      return true;
    }
    if (depth > 4 || !(t.isEnum() || t.isRecord())) {
      return false;
    }
    try {
      for (Field f : t.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || f.isSynthetic()) {
          continue; // a record's or enum's own static fields are checked where they are declared
        }
        if (!Modifier.isFinal(m) || !(f.getType() == t || immutable(f.getType(), depth + 1))) {
          return false;
        }
      }
    } catch (LinkageError e) {
      return false;
    }
    return true;
  }

  private List<String> strayThreads(Set<Thread> baseline) {
    long deadline = System.nanoTime() + 300_000_000L;
    List<String> stray;
    do {
      stray = new ArrayList<>();
      for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
        Thread t = e.getKey();
        if (!baseline.contains(t) && t.isAlive() && !t.isDaemon()
            && !t.getName().startsWith("dstutor-")) {
          stray.add("'" + t.getName() + "'" + Frames.where(e.getValue(), null));
        }
      }
      if (stray.isEmpty()) {
        return stray;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return stray;
      }
    } while (System.nanoTime() < deadline);
    return stray;
  }

  private static boolean hasStrayDaemons(Set<Thread> baseline) {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!baseline.contains(t) && t.isAlive() && t.isDaemon()
          && !t.getName().startsWith("dstutor-") && !t.getName().startsWith("ForkJoinPool")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Ends the process when the tutor that started it is gone, and with a timeout verdict when one
   * test runs past its limit: {@code testSeconds} of the test thread's CPU time, or twice that
   * asleep or waiting instead of computing. A thread that waits for a CPU on a busy machine is neither, so load does not time
   * out correct code.
   */
  private void watch(Run run, int testSeconds) {
    long limit = testSeconds * 1_000_000_000L;
    long last = System.nanoTime();
    while (current == run) {
      long now = System.nanoTime();
      if (!TUTOR.map(ProcessHandle::isAlive).orElse(true)) {
        // The tutor is gone (killed, or its terminal closed): nobody waits for this run. Between
        // runs the worker sees its input end; during one only this notices.
        exiting = true;
        Runtime.getRuntime().halt(3);
      }
      for (Run.Current c : run.running()) {
        Thread.State state = c.thread().getState();
        if (c.seen && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)) {
          // Asleep or waiting for another thread; not BLOCKED on a lock, which class loading on
          // a busy machine can hold for a while.
          c.waited += now - last;
        }
        c.seen = true;
        long cpu = c.cpu();
        if (cpu > limit || c.waited > 2 * limit) {
          String where = Frames.where(c.thread().getStackTrace(), run.learnerFiles());
          String during = Run.during(List.of(c));
          String message = (cpu > limit
              ? "used more than " + testSeconds + " s of CPU time" + during
                  + (where.isEmpty() ? "" : "; it was running" + where)
                  + ". Look for a loop whose condition never changes."
              : "waited or slept for more than " + 2 * testSeconds + " s" + during
                  + (where.isEmpty() ? "" : "; it was waiting" + where)
                  + ". Code under test must not sleep or wait for other threads.");
          exiting = true;
          send(new Result(Status.TIMEOUT, run.resultsWith(List.of(c), "timeout", message),
              message, run.seed(), false));
          Runtime.getRuntime().halt(0);
        }
      }
      last = now;
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Shutdown hook: the only way here during a run is learner code calling System.exit. */
  private void onExit() {
    Run run = current;
    if (exiting || run == null) {
      return;
    }
    String where = "";
    Thread caller = null;
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement f : e.getValue()) {
        if ((f.getClassName().equals("java.lang.System") || f.getClassName().equals(
            "java.lang.Runtime")) && (f.getMethodName().equals("exit")
            || f.getMethodName().equals("halt"))) {
          where = Frames.where(e.getValue(), run.learnerFiles());
          caller = e.getKey();
        }
      }
    }
    List<Run.Current> blamed = run.blame(caller);
    String message = "called System.exit" + Run.during(blamed) + where
        + ". Code under test must return or throw, never end the JVM.";
    send(new Result(Status.CRASHED, run.resultsWith(blamed, "crashed", message), message,
        run.seed(), false));
  }

  private void send(Object message) {
    synchronized (out) {
      try {
        if (message instanceof Started s) {
          out.started(s);
        } else {
          out.result((Result) message);
        }
      } catch (IOException e) {
        // The tutor is gone; nothing is listening.
        Runtime.getRuntime().halt(2);
      }
    }
  }
}
