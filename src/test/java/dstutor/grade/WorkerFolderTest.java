package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.InMemoryCompiler.Source;
import dstutor.grade.Verdict.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A grading JVM works in a throwaway folder of its own, deleted when it ends. */
class WorkerFolderTest {
  static final String SUITE = """
      import static org.junit.jupiter.api.Assertions.assertEquals;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import org.junit.jupiter.api.Test;
      class FolderSuite {
        @Test void writes() throws Exception {
          Path here = Path.of("").toAbsolutePath();
          Writer.write();
          assertEquals(here.toString(), System.getProperty("user.home"));
          assertEquals(here.toString(), System.getProperty("java.io.tmpdir"));
          assertEquals("x", Files.readString(here.resolve("relative-9f3.txt")));
          System.out.println("FOLDER " + here);
        }
      }
      """;

  static final String WRITER = """
      import java.nio.file.Files;
      import java.nio.file.Path;
      class Writer {
        static void write() throws Exception {
          Files.writeString(Path.of("relative-9f3.txt"), "x");
          Files.writeString(Path.of(System.getProperty("user.home"), "home-9f3.txt"), "x");
          Files.createTempFile("temp-9f3", ".txt");
          throw new IllegalStateException("marker");
        }
      }
      """;

  @Test
  void writesLandInTheWorkersOwnFolderAndGoWithIt() throws Exception {
    Verdict v;
    try (Grader grader = Grader.forThisJvm()) {
      v = grader.grade(new GradeJob("folder", List.of(
          new Source("Writer.java", "ws/Writer.java", WRITER, true),
          new Source("FolderSuite.java", "hidden/FolderSuite.java", SUITE, false)),
          "FolderSuite", Set.of("Writer.java"), null, 5, 20, 128, false));
    }
    // The learner code threw after writing: the message shows that it ran there.
    assertEquals(Status.FAILED, v.status(), v.toString());
    assertTrue(v.tests().get(0).message().contains("marker"), v.toString());
    assertFalse(Files.exists(Path.of("relative-9f3.txt")), "nothing in the tutor's folder");
    assertFalse(Files.exists(Path.of(System.getProperty("user.home"), "home-9f3.txt")),
        "nothing in the real home");
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    String prefix = "dstutor-worker-" + ProcessHandle.current().pid() + "-";
    boolean gone = false;
    for (int i = 0; i < 100 && !gone; i++) {
      try (var s = Files.list(tmp)) {
        gone = s.noneMatch(p -> p.getFileName().toString().startsWith(prefix)
            && Files.exists(p.resolve("relative-9f3.txt")));
      }
      if (!gone) {
        Thread.sleep(50);
      }
    }
    assertTrue(gone, "the worker's folder is deleted once it ends");
  }
}
