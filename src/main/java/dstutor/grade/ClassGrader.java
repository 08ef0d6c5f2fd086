package dstutor.grade;

import dstutor.course.Exercise;
import dstutor.grade.ClassFolder.Submission;
import dstutor.grade.ClassReport.Entry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Grades a class's submissions, a given number at a time, each code submission in a fresh worker
 * JVM (one {@link Grader} per thread, its idle worker retired after every submission), so that no
 * submission shares a JVM with another. No worker outlives {@link #grade}: interrupted, or with the
 * JVM ending, it ends every worker it started and reports nothing.
 */
public final class ClassGrader {
  private final int jobs;
  private final Grading quizzes;
  /** Set when the JVM is ending (Ctrl-C outside the shell) while the class is graded. */
  private volatile boolean stopping;

  /** Grades one quiz submission (an answer sheet is read, not run). */
  public interface Grading {
    Verdict grade(Submission s) throws IOException;
  }

  /** {@code quizzes} grades answer sheets in the calling JVM, as {@code submit} does. */
  public ClassGrader(int jobs, Grading quizzes) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs < 1: " + jobs);
    }
    this.jobs = jobs;
    this.quizzes = quizzes;
  }

  /**
   * The entries of {@code submissions}, in their order; {@code graded} hears of each graded one as
   * it is done (on the calling thread). Throws InterruptedException when the calling thread is
   * interrupted or the JVM is ending, once every worker has ended.
   */
  public List<Entry> grade(List<Submission> submissions, Consumer<Entry> graded)
      throws InterruptedException {
    Entry[] entries = new Entry[submissions.size()];
    int toGrade = 0;
    for (int i = 0; i < entries.length; i++) {
      Submission s = submissions.get(i);
      if (!s.gradable()) {
        entries[i] = new Entry(s.student(), s.exercise() != null ? s.exercise().id() : null,
            s.status(), null, s.problem());
      } else {
        toGrade++;
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "dstutor-grade");
      t.setDaemon(true);
      return t;
    });
    List<Grader> graders = Collections.synchronizedList(new ArrayList<>());
    ThreadLocal<Grader> mine = ThreadLocal.withInitial(() -> {
      Grader g = Grader.forThisJvm();
      graders.add(g);
      return g;
    });
    Set<Long> before = childPids();
    // The JVM ending (Ctrl-C outside the shell) stops the workers too.
    Thread hook = new Thread(() -> {
      stopping = true;
      stop(pool, graders, before);
    }, "dstutor-grade-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
      Map<Future<Integer>, Integer> index = new HashMap<>();
      for (int i = 0; i < entries.length; i++) {
        if (entries[i] == null) {
          int k = i;
          index.put(done.submit(() -> {
            entries[k] = grade(submissions.get(k), mine.get());
            return k;
          }), i);
        }
      }
      for (int left = toGrade; left > 0; left--) {
        Future<Integer> f = done.take();
        if (stopping) {
          break;
        }
        int k = index.get(f);
        try {
          f.get();
        } catch (ExecutionException ex) {
          entries[k] = error(submissions.get(k), ex.getCause());
        }
        graded.accept(entries[k]);
      }
      if (stopping) {
        // The JVM is ending: the last verdicts may be of workers it ended, so none is reported.
        throw new InterruptedException("the JVM is ending");
      }
    } finally {
      stop(pool, graders, before);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is ending: the hook runs.
      }
    }
    return List.of(entries);
  }

  private static Entry error(Submission s, Throwable cause) {
    if (cause instanceof IOException io) {
      // The class's files, not dstutor: a wrong answer of a kind, not a bug to report.
      return new Entry(s.student(), s.exercise().id(), "unreadable", null,
          "dstutor could not read this submission (" + io + "); check that its files are"
              + " readable, then grade again");
    }
    return new Entry(s.student(), s.exercise().id(), "error", null,
        "dstutor could not grade this submission (" + cause + "). This is a bug; please"
            + " report it with the command you ran.");
  }

  /** Grades one submission in a fresh worker: the one the last submission used is retired. */
  private Entry grade(Submission s, Grader g) throws IOException {
    Exercise e = s.exercise();
    if (e.isQuiz()) {
      return Entry.of(s.student(), quizzes.grade(s));
    }
    try {
      return Entry.of(s.student(), g.grade(GradeJob.of(e, s.files(), null)));
    } finally {
      g.close();
    }
  }

  /**
   * Interrupts the grading threads (each ends its running worker), retires idle workers, and waits
   * a little for every worker started since {@code before} to be gone, so that none outlives the
   * grading.
   */
  private static void stop(ExecutorService pool, List<Grader> graders, Set<Long> before) {
    boolean interrupted = Thread.interrupted();
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
      synchronized (graders) {
        for (Grader g : graders) {
          g.close();
        }
      }
      long deadline = System.nanoTime() + 5_000_000_000L;
      for (ProcessHandle p : ProcessHandle.current().children().toList()) {
        if (!before.contains(p.pid())) {
          long left = Math.max(1, deadline - System.nanoTime());
          try {
            p.onExit().get(left, TimeUnit.NANOSECONDS);
          } catch (TimeoutException | ExecutionException e) {
            p.destroyForcibly();
          }
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }
}
