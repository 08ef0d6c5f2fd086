package dstutor.session;

import dstutor.content.ContentCheck;
import dstutor.course.Course;
import dstutor.yaml.ProblemsException;
import dstutor.course.CourseLoader;
import dstutor.course.Exercise;
import dstutor.yaml.Problem;
import dstutor.yaml.Suggest;
import dstutor.grade.GradeJob;
import dstutor.grade.Grader;
import dstutor.grade.ServerClient;
import dstutor.grade.Verdict;
import dstutor.progress.Progress;
import dstutor.progress.ProgressStore;
import dstutor.term.Console;
import dstutor.term.LineInput;
import dstutor.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jline.terminal.Terminal;

/**
 * What one invocation (or one REPL) works with: where the course, the workspace and the learner's
 * home are, loaded lazily so that a command pays only for what it uses.
 */
public final class Session implements AutoCloseable {
  private final Map<String, String> env;
  private final Console console;
  private Path courseOverride;
  private Path workspaceOverride;
  private Course course;
  private ProgressStore store;
  private Progress progress;
  private Grader grader;
  private boolean holdProgress;
  private boolean progressHeld;
  private boolean keepGrader;
  private Runnable pendingServer;
  private LineInput input;
  private Clock clock = Clock.systemDefaultZone();
  private InputStream stdin = System.in;
  private Terminal terminal;

  public Session(Map<String, String> env, Console console) {
    this.env = env;
    this.console = console;
  }

  public Console console() {
    return console;
  }

  /** Where commands that ask questions read answers: standard input unless a face sets it. */
  public LineInput input() {
    if (input == null) {
      input = LineInput.of(System.in, console.out(), !Console.interactive());
    }
    return input;
  }

  /** The shell reads answers through its own line reader; tests through a string. */
  public void setInput(LineInput input) {
    this.input = input;
  }

  /** The time, injected so that tests move days in milliseconds. */
  public Clock clock() {
    return clock;
  }

  public void setClock(Clock clock) {
    this.clock = clock;
  }

  /** Raw standard input, for a command reading lines itself (a drill) outside the shell. */
  public InputStream stdin() {
    return stdin;
  }

  public void setStdin(InputStream stdin) {
    this.stdin = stdin;
  }

  /**
   * The shell's terminal while a command runs inside the shell (set by the shell), so that a
   * command reading lines (a drill) shares it instead of reading stdin behind JLine's back.
   */
  public Optional<Terminal> terminal() {
    return Optional.ofNullable(terminal);
  }

  public void shareTerminal(Terminal terminal) {
    this.terminal = terminal;
  }

  /** An environment variable as this session sees it (a test passes its own). */
  public String env(String name) {
    return env.get(name);
  }

  public void setCourseOverride(Path p) {
    if (p != null && !p.equals(courseOverride)) {
      courseOverride = p;
      course = null;
    }
  }

  public void setWorkspaceOverride(Path p) {
    if (p != null) {
      workspaceOverride = p;
    }
  }

  /**
   * Grades with {@code shared} (the grading server's own grader, when the server runs this
   * command for a client) and never closes it.
   */
  public void useGrader(Grader shared) {
    grader = shared;
    keepGrader = true;
  }

  /** Keep one grading worker warm between submits (the REPL does). */
  public void keepGraderWarm() {
    keepGrader = true;
  }

  public Path courseRoot() {
    if (courseOverride != null) {
      return courseOverride;
    }
    String fromEnv = env.get("DSTUTOR_COURSE");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    String fromLauncher = System.getProperty("dstutor.course");
    if (fromLauncher != null && !fromLauncher.isBlank()) {
      return Path.of(fromLauncher);
    }
    throw DstutorException.usage("no course folder is set: pass --course DIR or set"
        + " DSTUTOR_COURSE (the installed launcher sets it for you; reinstall with ./install.sh)");
  }

  public Course course() {
    return course(false);
  }

  /** The course; {@code strict} also follows every hint link into the content pages. */
  public Course course(boolean strict) {
    if (course == null || strict) {
      Path root = courseRoot();
      if (!Files.isDirectory(root)) {
        throw DstutorException.usage("the course folder " + root + " does not exist; check"
            + " --course or DSTUTOR_COURSE");
      }
      try {
        course = strict ? CourseLoader.check(root, new ContentCheck.Links()::seeProblem)
            : CourseLoader.load(root);
      } catch (ProblemsException e) {
        // `course check` (strict) lists every problem; other commands list the first few.
        StringBuilder b = new StringBuilder("the course in " + root + " has "
            + e.problems().size() + " problem(s):");
        if (strict) {
          e.problems().forEach(p -> b.append("\n  ").append(p));
        } else {
          b.append(Problem.listed(e.problems()));
        }
        throw DstutorException.usage(b.toString());
      }
    }
    return course;
  }

  /** $HOME as the shell has it (Java's user.home comes from the password file instead). */
  private Path userHome() {
    String h = env.get("HOME");
    return h != null && !h.isBlank() ? Path.of(h) : Path.of(System.getProperty("user.home"));
  }

  public Path home() {
    return homeOf(env);
  }

  /** DSTUTOR_HOME, else .dstutor in $HOME (else in user.home), for this environment. */
  public static Path homeOf(Map<String, String> env) {
    String h = env.get("DSTUTOR_HOME");
    if (h != null && !h.isBlank()) {
      return Path.of(h);
    }
    String home = env.get("HOME");
    return (home != null && !home.isBlank() ? Path.of(home)
        : Path.of(System.getProperty("user.home"))).resolve(".dstutor");
  }

  public Workspace workspace() {
    Path root = workspaceOverride;
    if (root == null) {
      String w = env.get("DSTUTOR_WORKSPACE");
      root = w != null && !w.isBlank() ? Path.of(w)
          : userHome().resolve("dstutor");
    }
    return new Workspace(root, course());
  }

  public Progress progress() {
    if (progress == null) {
      store = new ProgressStore(home());
      try {
        progress = store.load();
      } catch (IOException e) {
        throw DstutorException.usage("cannot read your progress in " + home() + " (" + e
            + "); DSTUTOR_HOME must be a folder you can write to");
      }
      store.warnings().forEach(console::warn);
    }
    return progress;
  }

  public void saveProgress() {
    if (holdProgress) {
      progressHeld = true;
      return;
    }
    try {
      store.save(progress());
    } catch (IOException e) {
      throw new DstutorException(1, "could not save your progress to " + store.file() + ": "
          + e.getMessage() + "; check that the folder is writable (DSTUTOR_HOME)");
    }
  }

  /**
   * From now on {@link #saveProgress} only notes that progress changed, and {@link
   * #commitProgress} writes it: the grading server records a served submit only once its client
   * has the verdict.
   */
  public void holdProgress() {
    holdProgress = true;
  }

  /** Writes the progress that {@link #holdProgress} held back, if any; true if it wrote. */
  public boolean commitProgress() throws IOException {
    if (!progressHeld) {
      return false;
    }
    Progress p = progress();
    store.save(p);
    progressHeld = false;
    return true;
  }

  public Grader grader() {
    if (grader == null) {
      grader = Grader.forThisJvm();
    }
    return grader;
  }

  /**
   * Grades a submission: through the grading server that outlives this command (warm compiler,
   * worker already started) when one runs; otherwise in this JVM, then starting that server for
   * the next submit. DSTUTOR_NO_SERVER turns the server off; the shell keeps its own warm worker.
   */
  public Verdict grade(Exercise e, Map<String, Path> files, Long seed) {
    return grade(e, files, seed, false);
  }

  /** Like {@link #grade(Exercise, Map, Long)}; {@code full}: timelines shown whole. */
  public Verdict grade(Exercise e, Map<String, Path> files, Long seed, boolean full) {
    GradeJob job;
    try {
      job = GradeJob.of(e, files, seed).withFull(full);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    if (keepGrader || env.get("DSTUTOR_NO_SERVER") != null) {
      return grader().grade(job);
    }
    ServerClient server = serverClient();
    Optional<Verdict> remote = server.gradeIfRunning(job);
    if (remote.isPresent()) {
      return remote.get();
    }
    Verdict local = grader().grade(job);
    // The next submit goes to a server that is warm by then; it starts once this command has
    // printed its verdict (see close), so that it does not slow this one down.
    pendingServer = () -> server.startInBackground(job);
    return local;
  }

  /**
   * Compiles {@code e}'s files once more and throws the result away: run while the learner reads
   * a verdict, it lets the JIT compile javac's own code, so that the next submits compile at full
   * speed. Any trouble is ignored (it is only a warm-up).
   */
  public void warmCompiler(Exercise e) {
    try {
      grader().compileOnly(GradeJob.of(e, workspace().learnerFiles(e), null));
    } catch (IOException | RuntimeException ex) {
      // Only a warm-up: the next submit says what is wrong.
    }
  }

  /** The client of this home's grading server. */
  public ServerClient serverClient() {
    long idle = 600;
    String s = env.get("DSTUTOR_SERVER_IDLE_SECONDS");
    if (s != null) {
      try {
        idle = Long.parseLong(s.trim());
      } catch (NumberFormatException ex) {
        console.warn("DSTUTOR_SERVER_IDLE_SECONDS is not a number: '" + s + "'; using 600");
      }
    }
    return new ServerClient(home(), idle);
  }

  /**
   * Writes the exercise's files into the workspace (never over the learner's); returns the
   * learner files.
   */
  public List<Path> prepare(Exercise e) {
    try {
      return workspace().prepare(e);
    } catch (FileSystemException ex) {
      throw new DstutorException(1, "could not write the exercise files to "
          + workspace().dirOf(e) + ": " + ex.getMessage() + "; check that the folder is"
          + " writable, or choose another with --workspace DIR");
    } catch (IOException ex) {
      // Most often not the workspace but a course file the stubs are made from (a quiz's
      // questions); the message names it and what to do.
      throw new DstutorException(1, "cannot prepare the files of " + e.id() + ": "
          + ex.getMessage());
    }
  }

  /**
   * Starts this home's grading server in the background, once this command has printed what it
   * prints, when none runs: the learner reads the brief while it warms up on {@code e}, so the
   * first submit finds it warm. Nothing in the shell (its own worker stays warm), with
   * DSTUTOR_NO_SERVER, or for a quiz.
   */
  public void warmGraderFor(Exercise e) {
    if (keepGrader || e.isQuiz() || env.get("DSTUTOR_NO_SERVER") != null) {
      return;
    }
    ServerClient server = serverClient();
    if (server.running()) {
      return;
    }
    pendingServer = () -> {
      try {
        server.startInBackground(GradeJob.of(e, workspace().learnerFiles(e), null));
      } catch (IOException | RuntimeException ex) {
        // Only a speed-up: the first submit then grades in its own JVM.
      }
    };
  }

  /**
   * The next exercise on the path: the first unpassed one whose prerequisites are passed, else the
   * first unpassed one; null when all are passed.
   */
  public Exercise nextExercise() {
    Progress p = progress();
    Exercise firstOpen = null;
    for (Exercise e : course().ordered()) {
      if (p.passed(e.id())) {
        continue;
      }
      if (firstOpen == null) {
        firstOpen = e;
      }
      if (e.requires().stream().allMatch(p::passed)) {
        return e;
      }
    }
    return firstOpen;
  }

  /**
   * Grades the learner's files for {@code e} and records the result (a replay of one seed is not
   * recorded); missing learner files are first created from the stub, and {@code created} hears
   * of each.
   */
  public Verdict submit(Exercise e, Long seed, boolean full, Consumer<Path> created) {
    for (Path f : workspace().learnerFiles(e).values()) {
      if (!Files.exists(f)) {
        prepare(e);
        created.accept(f);
      }
    }
    Verdict v = grade(e, workspace().learnerFiles(e), seed, full);
    if (Thread.interrupted() || (grader != null && grader.cancelled())) {
      // Ctrl-C in the shell, or the grading server's client gone: the grade was cut short, so it
      // says nothing about the code.
      throw DstutorException.usage("grading stopped (Ctrl-C); nothing was recorded. Submit again"
          + " when you are ready.");
    }
    record(e, v, seed == null);
    return v;
  }

  /**
   * Records a verdict (one graded here, or by a face that grades in-process, as a quiz exercise
   * is); {@code counts}: false for a replay of one seed, which is not a submit.
   */
  public void record(Exercise e, Verdict v, boolean counts) {
    Progress progress = progress();
    if (counts) {
      progress.of(e.id()).recordSubmit(v.isPassed(), v.status().json(), (int) v.failed());
    }
    if (progress.current() == null) {
      progress.setCurrent(e.id());
    }
    saveProgress();
  }

  /** The exercise with this id, or a usage error with the closest id. */
  public Exercise exercise(String id) {
    Course c = course();
    return c.find(id).orElseThrow(() -> {
      String close = Suggest.closest(id, c.exercises().keySet());
      return DstutorException.usage("no exercise '" + id + "'"
          + (close != null ? "; did you mean '" + close + "'?" : "; `dstutor list` shows them all"));
    });
  }

  /** The named exercise, or the current one when {@code id} is null. */
  public Exercise exerciseOrCurrent(String id) {
    if (id != null) {
      return exercise(id);
    }
    String current = progress().current();
    if (current == null || course().find(current).isEmpty()) {
      throw DstutorException.usage("no current exercise: run `dstutor next`, or name one"
          + " (`dstutor list` shows them)");
    }
    return exercise(current);
  }

  @Override
  public void close() {
    if (grader != null && !keepGrader) {
      grader.close();
      grader = null;
    }
    if (pendingServer != null) {
      pendingServer.run();
      pendingServer = null;
    }
  }

  /** Closes everything, the warm worker too. */
  public void shutdown() {
    if (grader != null) {
      grader.close();
      grader = null;
    }
  }
}
