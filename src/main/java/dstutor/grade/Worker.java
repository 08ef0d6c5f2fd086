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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The grading worker: a JVM of its own that runs hidden suites against learner code, so that
 * nothing the learner's code does (loop, exit, exhaust memory, start threads) can hang or kill the
 * tutor. It serves requests from stdin until stdin closes; a run that leaves the JVM in doubt
 * (timeout, crash, stray threads) ends the process instead.
 */
public final class Worker {
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
        .build(), new Run(new Request("warm-up", WarmUp.class.getName(), Map.of(), Set.of(), null,
            60, 0, false), Worker.class.getClassLoader(), capture, m -> { }));
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
    Run run = new Run(request, loader, capture, this::send);
    current = run;
    Thread watchdog = new Thread(() -> watch(run, request.testSeconds()), "dstutor-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Class<?> suite = loader.loadClass(request.suiteClass());
      LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(suite))
          .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
          .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
          .build();
      launcher.execute(discovery, run);
    } catch (OutOfMemoryError e) {
      run.abandon();
      return crashed(run, "ran out of memory (the limit is " + request.memoryMb() + " MB)"
          + run.during() + ". Look for a collection that grows without bound.");
    } catch (StackOverflowError e) {
      run.abandon();
      return crashed(run, "overflowed the stack" + run.during() + Frames.where(e,
          request.learnerFiles()) + ". Look for a recursion that never reaches its base case.");
    } catch (ClassNotFoundException | LinkageError e) {
      return crashed(run, "could not load the tests: " + e);
    } catch (Throwable e) {
      run.abandon();
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
   * Ends the process with a timeout verdict when one test runs past its limit: {@code
   * testSeconds} of the test thread's CPU time, or twice that asleep or waiting instead of
   * computing. A thread that waits for a CPU on a busy machine is neither, so load does not time
   * out correct code.
   */
  private void watch(Run run, int testSeconds) {
    long limit = testSeconds * 1_000_000_000L;
    int test = -1;
    long waited = 0;
    long last = System.nanoTime();
    while (current == run) {
      long now = System.nanoTime();
      Thread tt = run.testThread();
      if (run.testNumber() != test) {
        test = run.testNumber();
        waited = 0;
      } else if (tt != null && run.runningFor() > 0 && (tt.getState() == Thread.State.WAITING
          || tt.getState() == Thread.State.TIMED_WAITING)) {
        // Asleep or waiting for another thread; not BLOCKED on a lock, which class loading on
        // a busy machine can hold for a while.
        waited += now - last;
      }
      last = now;
      long cpu = run.cpuFor();
      if (cpu > limit || waited > 2 * limit) {
        Thread t = run.testThread();
        StackTraceElement[] stack = t == null ? new StackTraceElement[0] : t.getStackTrace();
        String where = Frames.where(stack, run.learnerFiles());
        String message = (cpu > limit
            ? "used more than " + testSeconds + " s of CPU time" + run.during()
                + (where.isEmpty() ? "" : "; it was running" + where)
                + ". Look for a loop whose condition never changes."
            : "waited or slept for more than " + 2 * testSeconds + " s" + run.during()
                + (where.isEmpty() ? "" : "; it was waiting" + where)
                + ". Code under test must not sleep or wait for other threads.");
        exiting = true;
        send(new Result(Status.TIMEOUT, run.resultsWithCurrent("timeout", message), message,
            run.seed(), false));
        Runtime.getRuntime().halt(0);
      }
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
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement f : e.getValue()) {
        if ((f.getClassName().equals("java.lang.System") || f.getClassName().equals(
            "java.lang.Runtime")) && (f.getMethodName().equals("exit")
            || f.getMethodName().equals("halt"))) {
          where = Frames.where(e.getValue(), run.learnerFiles());
        }
      }
    }
    String message = "called System.exit" + run.during() + where
        + ". Code under test must return or throw, never end the JVM.";
    send(new Result(Status.CRASHED, run.resultsWithCurrent("crashed", message), message,
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

  void started(String test, String hint) {
    send(new Started(test, hint));
  }
}
