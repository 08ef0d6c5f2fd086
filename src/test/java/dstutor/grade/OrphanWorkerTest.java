package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.InMemoryCompiler.Source;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose tutor dies mid-run (killed, its terminal closed) ends at once, instead of running
 * the learner's loop on until the test's time limit: the tutor here is a JVM of its own, killed
 * with SIGKILL while its worker loops in a test allowed a minute of CPU time.
 */
class OrphanWorkerTest {
  /** The tutor: grades a looping submission and, once the loop runs, prints its children. */
  public static void main(String[] args) throws Exception {
    Path marker = Path.of(args[0]);
    String learner = "class Spinner {\n  static void spin() throws Exception {\n"
        + "    java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker + "\"), \"x\");\n"
        + "    while (true) { }\n  }\n}\n";
    String suite = "class SpinSuite {\n  @org.junit.jupiter.api.Test void spins() throws Exception"
        + " {\n    Spinner.spin();\n  }\n}\n";
    Grader grader = Grader.forThisJvm();
    Thread t = new Thread(() -> grader.grade(new GradeJob("spin", List.of(
        new Source("Spinner.java", "ws/Spinner.java", learner, true),
        new Source("SpinSuite.java", "hidden/SpinSuite.java", suite, false)),
        "SpinSuite", Set.of("Spinner.java"), null, 60, 120, 128, false)));
    t.setDaemon(true);
    t.start();
    for (int i = 0; i < 600 && !Files.exists(marker); i++) {
      Thread.sleep(50);
    }
    List<Long> pids = new ArrayList<>();
    ProcessHandle.current().children().forEach(p -> pids.add(p.pid()));
    System.out.println("WORKERS " + pids);
    System.out.flush();
    Thread.sleep(120_000);
  }

  @Test
  void aWorkerWhoseTutorDiedEndsAtOnce(@TempDir Path tmp) throws Exception {
    Path marker = tmp.resolve("spinning");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process tutor = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        OrphanWorkerTest.class.getName(), marker.toString()).redirectErrorStream(true).start();
    List<ProcessHandle> workers = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(tutor.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("WORKERS ")) {
        // the tutor's other output, if any
      }
      assertTrue(line != null, "the tutor printed its workers");
      for (String pid : line.substring("WORKERS [".length(), line.length() - 1).split(", ")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(workers::add);
        }
      }
      assertTrue(Files.exists(marker), "the learner's loop started");
      assertFalse(workers.isEmpty(), "the tutor has a worker");
      assertTrue(workers.stream().allMatch(ProcessHandle::isAlive), "its worker runs the loop");
      tutor.destroyForcibly().waitFor();
      long deadline = System.currentTimeMillis() + 10_000;
      while (workers.stream().anyMatch(ProcessHandle::isAlive)
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(workers.stream().noneMatch(ProcessHandle::isAlive),
          "the worker ended within 10 s of its tutor (it was allowed 60 s of CPU)");
    } finally {
      tutor.destroyForcibly();
      workers.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
