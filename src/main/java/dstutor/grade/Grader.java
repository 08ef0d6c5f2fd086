package dstutor.grade;

import dstutor.course.Exercise;
import dstutor.grade.Verdict.Status;
import dstutor.grade.Verdict.TestResult;
import dstutor.grade.WorkerProtocol.Request;
import dstutor.grade.WorkerProtocol.Result;
import dstutor.grade.WorkerProtocol.Started;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grades a submission: compiles it in this JVM (compiling runs no learner code) while a worker JVM
 * starts, then has the worker run the hidden suite under time and memory limits. One pipeline for
 * learners' files, reference solutions, stubs and known-wrong variants. A worker that ended cleanly
 * is kept for the next submission.
 */
public final class Grader implements AutoCloseable {
  /** Slack on top of the total limit for the worker JVM to start and report. */
  private static final long STARTUP_SLACK_MILLIS = 5_000;

  private final String classpath;
  private final List<String> jvmOptions;
  private InMemoryCompiler compiler;
  private WorkerProcess idle;
  /** The hidden suite compiled last, per exercise: reused while the learner's API stays. */
  private final Map<String, CompiledSuite> suites = new java.util.HashMap<>();

  /** Whether a test of the last run began while tests ran two at a time (see grade). */
  private boolean lastRunSideBySide;

  /** How many times a job was compiled whole, hidden suite included (for tests). */
  int fullCompiles;

  /** Set from another thread by {@link #cancel}: the grade under way stops, and no other starts. */
  private volatile boolean cancelled;
  /** The worker running a job now, for {@link #cancel} to end. */
  private volatile WorkerProcess running;

  /** The message of a grade that {@link #cancel} stopped. */
  public static final String CANCELLED = "grading was cancelled";

  private record CompiledSuite(String hiddenTexts, String api, Map<String, byte[]> classes) {}

  public Grader(String classpath, List<String> jvmOptions) {
    this.classpath = classpath;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** A grader over this JVM's own class path (the dstutor jar, or the build's classes). */
  public static Grader forThisJvm() {
    List<String> options = new ArrayList<>();
    String cds = System.getProperty("dstutor.worker.cds");
    String dump = System.getProperty("dstutor.worker.cds.dump");
    if (dump != null) {
      // Training run (install.sh): the worker records the classes it loads for the next starts.
      options.add("-XX:ArchiveClassesAtExit=" + dump);
    } else if (cds != null && Files.isRegularFile(Path.of(cds))) {
      options.add("-XX:SharedArchiveFile=" + cds);
    }
    // Absolute entries: the worker runs in another directory.
    String cp = java.util.Arrays.stream(System.getProperty("java.class.path")
            .split(java.io.File.pathSeparator))
        .filter(e -> !e.isEmpty())
        .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    return new Grader(cp, options);
  }

  public String classpath() {
    return classpath;
  }

  /** Starts a worker ahead of time so that its start-up overlaps the compile. */
  public void prestart(int memoryMb) {
    if (idle == null || !idle.alive() || idle.memoryMb() != memoryMb) {
      closeIdle();
      try {
        idle = WorkerProcess.start(jvmOptions, classpath, memoryMb);
      } catch (IOException e) {
        idle = null;
      }
    }
  }

  /**
   * Grades {@code learnerFiles} (file name to path; display paths are the paths themselves)
   * against the exercise's given files and hidden suite.
   */
  public Verdict grade(Exercise exercise, Map<String, Path> learnerFiles, Long seed) {
    prestart(exercise.limits().memoryMb());
    try {
      return grade(GradeJob.of(exercise, learnerFiles, seed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles a job as a submit would (the hidden suite again only when it is not kept) and
   * throws the classes away: warms the compiler up.
   */
  public void compileOnly(GradeJob job) {
    if (compiler == null) {
      compiler = new InMemoryCompiler(classpath);
    }
    compile(job);
  }

  /**
   * Stops the grade under way, from any thread (the grading server calls it when the client that
   * asked for the grade has gone): its worker is ended at once, and until {@link #resume} every
   * grade returns a CRASHED verdict with the message {@link #CANCELLED} without running anything.
   * Compiling is not interrupted (javac's open jars must stay usable); its result is dropped.
   * True when it ended a worker that was running a job.
   */
  public boolean cancel() {
    cancelled = true;
    WorkerProcess w = running;
    if (w != null) {
      w.close();
      return true;
    }
    return false;
  }

  /** Whether {@link #cancel} was called since the last {@link #resume}. */
  public boolean cancelled() {
    return cancelled;
  }

  /** Lets grades run again after {@link #cancel}. */
  public void resume() {
    cancelled = false;
  }

  private Verdict cancelledVerdict(GradeJob job, long start) {
    return new Verdict(job.exercise(), Status.CRASHED, List.of(), List.of(), CANCELLED, null,
        millisSince(start));
  }

  /** Grades a job whose files were already read. */
  public Verdict grade(GradeJob job) {
    long start = System.nanoTime();
    if (cancelled) {
      return cancelledVerdict(job, start);
    }
    prestart(job.memoryMb());
    if (compiler == null) {
      compiler = new InMemoryCompiler(classpath);
    }
    InMemoryCompiler.Output compiled = compile(job);
    trace("compiled", start);
    if (cancelled) {
      return cancelledVerdict(job, start);
    }
    if (!compiled.ok()) {
      return new Verdict(job.exercise(), Status.COMPILE_ERROR, List.of(), compiled.errors(),
          "your code does not compile", null, millisSince(start));
    }
    // Stack frames in the given files count as the learner's too (their code calls into them);
    // only classes from the learner's own files are checked for shared state.
    Set<String> visible = new LinkedHashSet<>(job.learnerFiles());
    job.sources().stream().filter(InMemoryCompiler.Source::visible)
        .forEach(s -> visible.add(s.fileName()));
    Request request = new Request(job.exercise(), job.suiteClass(), compiled.classes(),
        visible, compiled.classesOf(job.learnerFiles()), job.seed(),
        job.testSeconds(), job.memoryMb(), job.full(), false);
    Result result = run(request, job.totalSeconds());
    if (lastRunSideBySide && !cancelled
        && (result.status() == Status.TIMEOUT || result.status() == Status.CRASHED)) {
      // Tests ran two at a time, and one looped, ended the JVM or made it end: which one did
      // first, and which results were in by then, is a race between the two. Run again one test
      // at a time, so that the verdict is the one the suite's order gives, every time.
      result = run(request.withOneAtATime(), job.totalSeconds());
    }
    trace("graded", start);
    if (cancelled) {
      // Whatever the worker said last (or that it died when cancel ended it), the grade was
      // stopped: no verdict about the code. A worker kept idle here answered just as cancel()
      // ended it: not one to reuse.
      if (idle != null) {
        idle.close();
        idle = null;
      }
      return cancelledVerdict(job, start);
    }
    return new Verdict(job.exercise(), result.status(), result.tests(), List.of(),
        result.message(), result.seed() != null ? result.seed() : job.seed(),
        millisSince(start));
  }

  /**
   * Compiles a job. The hidden suite is the largest source and the same on every submit: once it
   * compiled against the learner's files, only the visible files (given API and learner files)
   * are compiled again, as long as what they declare to others ({@link InMemoryCompiler.Output#api})
   * is unchanged; otherwise everything is compiled together, as the first time.
   */
  private InMemoryCompiler.Output compile(GradeJob job) {
    StringBuilder hiddenTexts = new StringBuilder();
    List<InMemoryCompiler.Source> visible = new ArrayList<>();
    for (InMemoryCompiler.Source s : job.sources()) {
      if (s.visible()) {
        visible.add(s);
      } else {
        hiddenTexts.append(s.fileName()).append('\0').append(s.text()).append('\0');
      }
    }
    CompiledSuite suite = suites.get(job.exercise());
    if (suite != null && suite.hiddenTexts().contentEquals(hiddenTexts)) {
      InMemoryCompiler.Output mine = compiler.compile(visible);
      if (!mine.ok()) {
        return mine;
      }
      if (mine.api().equals(suite.api())
          && java.util.Collections.disjoint(mine.classes().keySet(), suite.classes().keySet())) {
        Map<String, byte[]> all = new java.util.HashMap<>(mine.classes());
        all.putAll(suite.classes());
        return new InMemoryCompiler.Output(all, List.of(), suite.classes().keySet(), mine.api(),
            mine.sourceOf());
      }
    }
    fullCompiles++;
    InMemoryCompiler.Output all = compiler.compile(job.sources());
    if (all.ok() && !all.hidden().isEmpty()) {
      Map<String, byte[]> hidden = new java.util.HashMap<>();
      all.hidden().forEach(c -> hidden.put(c, all.classes().get(c)));
      suites.put(job.exercise(), new CompiledSuite(hiddenTexts.toString(), all.api(),
          Map.copyOf(hidden)));
    }
    return all;
  }

  private Result run(Request request, int totalSeconds) {
    lastRunSideBySide = false;
    WorkerProcess worker = idle;
    idle = null;
    try {
      if (worker == null || !worker.alive()) {
        worker = WorkerProcess.start(jvmOptions, classpath, request.memoryMb());
      }
      running = worker;
      if (cancelled) {
        // cancel() came between the check in grade() and here, and saw no worker to end.
        running = null;
        worker.close();
        return new Result(Status.CRASHED, List.of(), CANCELLED, null, false);
      }
      worker.send(request);
    } catch (IOException e) {
      running = null;
      if (worker != null) {
        worker.close();
      }
      return new Result(Status.CRASHED, List.of(), "could not start the grading JVM: "
          + e.getMessage(), null, false);
    }
    // The limit is the worker's CPU time (the JVM's own start-up included, hence the slack), so
    // that a busy machine does not time out correct code; four times as long on the wall clock
    // ends a worker that stopped using the CPU at all.
    long cpuLimit = totalSeconds * 1000L + STARTUP_SLACK_MILLIS;
    long cpuAtStart = Math.max(0, worker.cpuMillis());
    long wallDeadline = System.currentTimeMillis() + 4 * cpuLimit;
    String lastTest = null;
    String lastHint = null;
    List<String> startedTests = new ArrayList<>();
    try {
      while (true) {
        if (cancelled) {
          // cancel() ended the worker already (or is about to); it is never reused.
          worker.close();
          return new Result(Status.CRASHED, List.of(), CANCELLED, null, false);
        }
        long left = wallDeadline - System.currentTimeMillis();
        Object event = left <= 0 ? null : worker.poll(Math.min(left, 250));
        if (event == null && left > 0) {
          long cpu = worker.cpuMillis();
          if (cpu < 0 || cpu - cpuAtStart <= cpuLimit) {
            continue;
          }
        }
        if (event == null) {
          worker.close();
          String message = "the tests did not finish within " + totalSeconds + " s of CPU time in"
              + " all"
              + (lastTest != null ? "; the last one started was '" + lastTest + "'" : "")
              + ". Look for a loop that never ends or an operation that waits forever.";
          return new Result(Status.TIMEOUT, pending(startedTests, lastTest, lastHint,
              "timeout", message), message, null, false);
        }
        if (event instanceof Started s) {
          lastTest = s.test();
          lastHint = s.hint();
          lastRunSideBySide |= s.sideBySide();
          startedTests.add(s.test());
        } else if (event instanceof Result r) {
          if (r.reusable() && worker.alive() && worker.jobs() < WorkerProcess.MAX_JOBS) {
            idle = worker;
          } else if (r.reusable() && worker.alive()) {
            worker.retire(0);
          } else {
            worker.close();
          }
          return r;
        } else if (event == WorkerProcess.EOF) {
          Integer code = worker.exitCode();
          String err = worker.stderrTail();
          String message = worker.garbled() != null
              ? "the grading JVM's messages were garbled" + (lastTest != null ? " during '"
                  + lastTest + "'" : "")
                  + ": your code seems to write to the process's own standard output (not"
                  + " System.out). Print with System.out, or not at all"
                  + " (the tutor's reader said: " + worker.garbled() + ")"
              : "the grading JVM ended unexpectedly"
              + (code != null ? " (exit code " + code + ")" : "")
              + (lastTest != null ? " during '" + lastTest + "'" : "")
              + (err.contains("OutOfMemoryError") ? ": it ran out of memory (limit "
                  + request.memoryMb() + " MB)" : "")
              + (err.isEmpty() || worker.garbled() != null ? "" : "\n" + lastLines(err, 8));
          worker.close();
          return new Result(Status.CRASHED, pending(startedTests, lastTest, lastHint, "crashed",
              message), message, null, false);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.close();
      return new Result(Status.CRASHED, List.of(), "grading was interrupted", null, false);
    } finally {
      running = null;
    }
  }

  private static List<TestResult> pending(List<String> started, String last, String hint,
      String status, String message) {
    List<TestResult> out = new ArrayList<>();
    if (last != null) {
      out.add(new TestResult(last, status, message, hint));
    }
    return out;
  }

  private static String lastLines(String s, int n) {
    List<String> lines = s.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  /** With DSTUTOR_TRACE set, phase times on stderr (for tuning start-up). */
  private static void trace(String what, long start) {
    if (TRACE) {
      System.err.printf("[trace] %-14s %5d ms%n", what, millisSince(start));
    }
  }

  private static final boolean TRACE = System.getenv("DSTUTOR_TRACE") != null;

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private void closeIdle() {
    if (idle != null) {
      // An idle worker is clean: let it end itself (so a training run can write its archive).
      idle.retire(System.getProperty("dstutor.worker.cds.dump") != null ? 30_000 : 0);
      idle = null;
    }
  }

  @Override
  public void close() {
    closeIdle();
  }
}
