package dstutor.cli;

import dstutor.course.Course;
import dstutor.course.Exercise;
import dstutor.grade.ClassFolder;
import dstutor.grade.ClassFolder.Submission;
import dstutor.grade.ClassGrader;
import dstutor.grade.ClassReport;
import dstutor.grade.ClassReport.Entry;
import dstutor.grade.Verdict;
import dstutor.quiz.QuizExercise;
import dstutor.session.DstutorException;
import dstutor.session.Session;
import dstutor.term.Console;
import dstutor.term.Console.Style;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dstutor grade DIR}: grades a class, a folder of learner workspaces, each submission in a
 * fresh worker JVM of its own, into a table, JSON Lines or JUnit XML.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
    description = {"For instructors: grade a class. Each folder in DIR is one student's workspace"
        + " (its name is the student's id; hidden folders are skipped), laid out as a learner's"
        + " workspace is (e.g. patterns/quorum/QuorumStore.java). Every exercise a student has"
        + " files for is graded (with --exercise, that one; no file is a 'missing' record), each"
        + " submission in a fresh grading JVM of its own with the exercise's limits; nothing is"
        + " written into DIR or the course.",
        "--format text prints a table. --format json prints JSON Lines: one object per student"
            + " and exercise with the fields of `submit --json` and \"student\"; status one of"
            + " passed, failed, compile_error, timeout, crashed, missing (no file), refused (a"
            + " link, a file outside the student's folder, or over 1 MB), unreadable (a file"
            + " could not be read), error (dstutor failed: a bug);"
            + " a student with no file of any exercise has one record with exercise null."
            + " --format junit prints JUnit XML: a testsuite per student, a testcase per"
            + " exercise (named 'submission' for that student), a failure for a wrong answer, an"
            + " error for timeout, crashed and error. Messages are cut at 4 KB.",
        "Learner code runs with your rights (the JDK has no sandbox): grade code you do not"
            + " trust in a container; README, \"Grading a class\", says what is isolated and what"
            + " is not.",
        "Exit code 0 when every submission passes, 1 when any does not, 2 for bad arguments,"
            + " 3 when dstutor itself failed on a submission (its record says error, and why)."})
final class GradeCommand extends BaseCommand {
  /** The report formats. */
  enum Format { text, json, junit }

  @Parameters(index = "0", paramLabel = "DIR", description = "The class: one folder per student.")
  Path dir;

  @Option(names = "--exercise", paramLabel = "ID",
      completionCandidates = Candidates.ExerciseIds.class, description = "Grade only this exercise;"
      + " a student without its files gets a 'missing' record.")
  String exercise;

  @Option(names = "--jobs", paramLabel = "N", description = "Grade N submissions at a time, each"
      + " in its own worker JVM (default: the number of cores).")
  Integer jobs;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json (JSON"
      + " Lines) or junit (JUnit XML).")
  Format format = Format.text;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE"
      + " (replaced whole once grading is done) instead of stdout; the table then goes to"
      + " stdout.")
  Path out;

  @Override
  int run(Session session) {
    Console c = session.console();
    int n = jobs != null ? jobs : Math.min(64, Runtime.getRuntime().availableProcessors());
    if (n < 1 || n > 64) {
      throw DstutorException.usage("--jobs " + n + " is out of range; give 1 to 64");
    }
    Exercise only = exercise != null ? session.exercise(exercise) : null;
    Course course = session.course();
    Path classDir = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(classDir)) {
      throw DstutorException.usage("no folder " + classDir + ": give the folder that holds one"
          + " folder per student");
    }
    Path report = out == null ? null : out.toAbsolutePath().normalize();
    checkOut(report, classDir);
    List<Submission> submissions = new ArrayList<>();
    try {
      for (Path student : ClassFolder.students(classDir)) {
        submissions.addAll(ClassFolder.submissions(student, course, only));
      }
    } catch (IOException e) {
      throw DstutorException.usage("cannot read the class in " + classDir + ": " + e.getMessage()
          + "; check that the folder and its student folders are readable");
    }
    if (submissions.isEmpty()) {
      throw DstutorException.usage(classDir + " holds no student folder: put each student's"
          + " workspace in a folder of its own, named by the student's id");
    }
    long start = System.nanoTime();
    List<Entry> entries = gradeAll(c, submissions, n);
    double secs = (System.nanoTime() - start) / 1e9;
    String text = switch (format) {
      case text -> table(c, entries, n, secs, false);
      case json -> ClassReport.jsonLines(entries);
      case junit -> ClassReport.junit(entries, secs);
    };
    if (report != null) {
      write(report, text);
    }
    if (report == null && format != Format.text) {
      c.out().print(text);
      c.out().flush();
      c.info(totals(entries, n, secs));
    } else {
      c.out().print(table(c, entries, n, secs, c.color()));
      c.out().flush();
      if (report != null) {
        c.info("wrote " + report);
      }
    }
    if (entries.stream().anyMatch(e -> e.status().equals("error"))) {
      return Main.INTERNAL_ERROR;
    }
    return entries.stream().allMatch(Entry::passed) ? 0 : 1;
  }

  private static void checkOut(Path report, Path classDir) {
    if (report == null) {
      return;
    }
    if (report.startsWith(classDir) || realPath(report).startsWith(realPath(classDir))) {
      throw DstutorException.usage("--out " + report + " is inside the class folder " + classDir
          + ", which grading never writes to; write the report elsewhere");
    }
    if (Files.isDirectory(report)) {
      throw DstutorException.usage("--out " + report + " is a folder; give a file name, e.g. "
          + report.resolve("grades.json"));
    }
    if (report.getParent() != null && !Files.isDirectory(report.getParent())) {
      throw DstutorException.usage("--out " + report + ": the folder " + report.getParent()
          + " does not exist; create it first");
    }
  }

  /** {@code p} with its links resolved, as far as it exists. */
  private static Path realPath(Path p) {
    try {
      return Files.exists(p) ? p.toRealPath()
          : p.getParent() != null && Files.isDirectory(p.getParent())
              ? p.getParent().toRealPath().resolve(p.getFileName()) : p;
    } catch (IOException e) {
      return p;
    }
  }

  /**
   * Grades every submission, {@code n} at a time, each in a fresh worker, with progress on
   * stderr. Interrupted (Ctrl-C in the shell, or the JVM ending), it ends every worker and the
   * command writes nothing.
   */
  private static List<Entry> gradeAll(Console c, List<Submission> submissions, int n) {
    Progress progress = new Progress(c, submissions);
    ClassGrader grader = new ClassGrader(n, s -> {
      // An answer sheet is read, not run: graded here, as `submit` does.
      Path answers = s.files().get(Exercise.ANSWERS);
      long t = System.nanoTime();
      QuizExercise.Result r = QuizExercise.grade(s.exercise(), answers);
      return QuizVerdicts.of(s.exercise(), r, answers, (System.nanoTime() - t) / 1_000_000);
    });
    progress.start();
    try {
      return grader.grade(submissions, progress::done);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DstutorException.usage("grading stopped (interrupted); every worker was ended and"
          + " no report was written. Run the command again to grade the class.");
    } finally {
      progress.end();
    }
  }

  /** Writes {@code text} whole or not at all: a temporary file beside it, then a rename. */
  private static void write(Path file, String text) {
    Path dir = file.getParent() != null ? file.getParent() : Path.of(".");
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new DstutorException(1, "could not write the report to " + file + ": "
          + e.getMessage() + "; check that its folder is writable, or choose another --out");
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // Left behind; named as a hidden temporary file.
        }
      }
    }
  }

  private static String table(Console c, List<Entry> entries, int n, double secs,
      boolean color) {
    int sw = 7;
    int ew = 8;
    for (Entry e : entries) {
      sw = Math.max(sw, Math.min(24, printable(e.student()).length()));
      ew = Math.max(ew, e.exercise() != null ? e.exercise().length() : 1);
    }
    StringBuilder b = new StringBuilder();
    String row = "%-" + sw + "s %-" + ew + "s %s %7s  %s";
    b.append(String.format(row, "student", "exercise", String.format("%-13s", "status"), "time",
        "first problem").stripTrailing()).append('\n');
    for (Entry e : entries) {
      String word = e.verdict() != null ? CheckAllCommand.word(e.verdict()) : e.status();
      String status = String.format("%-13s", word);
      if (color) {
        status = c.paint(e.passed() ? Style.GREEN : Style.RED, status);
      }
      b.append(String.format(row, cutTo(printable(e.student()), sw),
          e.exercise() != null ? e.exercise() : "-", status,
          e.verdict() != null ? String.format(Locale.ROOT, "%5.1f s", e.millis() / 1000.0) : "",
          CardPrinter.cut(printable(first(e)), 70)).stripTrailing()).append('\n');
    }
    b.append('\n').append(totals(entries, n, secs)).append('\n');
    Map<String, int[]> perExercise = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (e.exercise() != null) {
        int[] k = perExercise.computeIfAbsent(e.exercise(), x -> new int[2]);
        k[0] += e.passed() ? 1 : 0;
        k[1]++;
      }
    }
    if (perExercise.size() > 1) {
      List<String> parts = new ArrayList<>();
      perExercise.forEach((id, k) -> parts.add(id + " " + k[0] + "/" + k[1]));
      b.append("passed per exercise: ").append(String.join(" · ", parts)).append('\n');
    }
    return b.toString();
  }

  private static String totals(List<Entry> entries, int n, double secs) {
    long passed = entries.stream().filter(Entry::passed).count();
    Map<String, Boolean> students = new LinkedHashMap<>();
    long graded = entries.stream().filter(e -> e.verdict() != null).count();
    for (Entry e : entries) {
      students.merge(e.student(), e.passed(), Boolean::logicalAnd);
    }
    long allPass = students.values().stream().filter(b -> b).count();
    return passed + " of " + entries.size() + " submissions pass; " + allPass + " of "
        + students.size() + " students pass everything they submitted"
        + String.format(Locale.ROOT, " · %d graded in %.1f s with %d worker%s (%.0f a minute)",
            graded, secs, n, n == 1 ? "" : "s", secs > 0 ? graded * 60 / secs : 0.0);
  }

  /** What the table shows of an entry that did not pass. */
  private static String first(Entry e) {
    Verdict v = e.verdict();
    if (v == null) {
      return e.message() != null ? e.message() : "";
    }
    if ((v.status() == Verdict.Status.TIMEOUT || v.status() == Verdict.Status.CRASHED)
        && v.message() != null) {
      return v.message().lines().findFirst().orElse("");
    }
    return CheckAllCommand.firstProblem(v);
  }

  /** {@code s} with control characters shown as '?': learner text must not drive the terminal. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return b.toString();
  }

  private static String cutTo(String s, int w) {
    return s.length() <= w ? s : s.substring(0, w - 1) + "…";
  }

  /**
   * Progress on stderr: on a terminal a bar redrawn in place; otherwise one line per student once
   * all of theirs are graded.
   */
  private static final class Progress {
    private final Console c;
    private final boolean bar;
    private final int total;
    private final Map<String, int[]> left = new HashMap<>();
    private final long start = System.nanoTime();
    private int done;

    Progress(Console c, List<Submission> submissions) {
      this.c = c;
      this.bar = stderrIsTerminal();
      this.total = (int) submissions.stream().filter(Submission::gradable).count();
      for (Submission s : submissions) {
        if (s.gradable()) {
          int[] k = left.computeIfAbsent(s.student(), x -> new int[3]);
          k[0]++;
          k[2]++;
        }
      }
    }

    void start() {
      draw();
    }

    void done(Entry e) {
      done++;
      int[] k = left.get(e.student());
      k[0]--;
      k[1] += e.passed() ? 1 : 0;
      if (bar) {
        draw();
      } else if (k[0] == 0) {
        c.info("graded " + printable(e.student()) + ": " + k[1] + " of " + k[2] + " passed ("
            + done + " of " + total + " submissions done)");
      }
    }

    void end() {
      if (bar) {
        c.err().print("\r\u001b[K");
        c.err().flush();
      }
    }

    private void draw() {
      if (!bar) {
        return;
      }
      int width = 30;
      int filled = total == 0 ? width : done * width / total;
      long s = (System.nanoTime() - start) / 1_000_000_000L;
      c.err().print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done
          + " of " + total + " submissions graded · " + s / 60 + ":"
          + String.format("%02d", s % 60) + "\u001b[K");
      c.err().flush();
    }

    /**
     * Whether stderr is a terminal. Java says only whether stdin and stdout are; on Linux the
     * descriptor's link tells for stderr itself.
     */
    private static boolean stderrIsTerminal() {
      if (!Console.interactive()) {
        return false;
      }
      Path fd = Path.of("/proc/self/fd/2");
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return true;
      }
    }
  }
}
