package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Course;
import dstutor.course.CourseLoader;
import dstutor.course.Exercise;
import dstutor.grade.WorkerProtocol.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped suites that let the worker run two tests at once ({@code @Execution(CONCURRENT)})
 * really get to: their reference solutions keep no static state two tests could share (else the worker runs them one at a time and the mark buys nothing), and no such
 * suite shares one test instance between its tests. Correct variants with static state (a timer
 * tag kept in a {@code static final Object}, say) are graded one test at a time: listed, not
 * failed.
 */
class ConcurrentSuitesTest {
  @Test
  void concurrentSuitesRunTheirCorrectSolutionsSideBySide() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    Course course = CourseLoader.load(root);
    InMemoryCompiler compiler = new InMemoryCompiler(Grader.forThisJvm().classpath());
    List<String> concurrent = new ArrayList<>();
    List<String> oneAtATime = new ArrayList<>();
    for (Exercise e : course.ordered()) {
      if (e.isQuiz()) {
        continue;
      }
      Map<String, Path> files = new LinkedHashMap<>();
      for (String f : e.files()) {
        files.put(f, e.solutionDir().resolve(f));
      }
      List<GradeJob> jobs = new ArrayList<>();
      jobs.add(GradeJob.of(e, files, null));
      Path right = e.solutionDir().resolve("right");
      if (Files.isDirectory(right)) {
        try (Stream<Path> s = Files.list(right)) {
          for (Path p : s.sorted().toList()) {
            jobs.add(Variant.read(p).job(e));
          }
        }
      }
      boolean suiteConcurrent = false;
      for (GradeJob job : jobs) {
        InMemoryCompiler.Output out = compiler.compile(job.sources());
        assertTrue(out.ok(), e.id() + ": " + out.errors());
        MemoryClassLoader loader = new MemoryClassLoader(out.classes(),
            ConcurrentSuitesTest.class.getClassLoader());
        Class<?> suite = loader.loadClass(job.suiteClass());
        if (!Worker.concurrent(suite)) {
          break;
        }
        suiteConcurrent = true;
        TestInstance instance = suite.getAnnotation(TestInstance.class);
        assertTrue(instance == null || instance.value() == TestInstance.Lifecycle.PER_METHOD,
            e.id() + ": a concurrent suite must not share one instance between its tests");
        Request request = new Request(e.id(), job.suiteClass(), out.classes(),
            job.learnerFiles(), out.classesOf(job.learnerFiles()), null, 5, 256, false, false);
        String shared = Worker.sharedState(request, loader);
        if (job == jobs.get(0)) {
          assertNull(shared, e.id() + "'s reference solution keeps static state: its tests would"
              + " run one at a time");
        } else if (shared != null) {
          oneAtATime.add(e.id() + " " + job.sources().stream().filter(s -> s.visible()
              && job.learnerFiles().contains(s.fileName())).map(s -> s.displayPath()).toList()
              + ": " + shared);
        }
      }
      if (suiteConcurrent) {
        concurrent.add(e.id());
      }
    }
    System.out.println("suites whose tests run two at a time: " + concurrent);
    System.out.println("correct variants graded one test at a time: " + oneAtATime);
    assertTrue(concurrent.contains("bloom-filter"), concurrent.toString());
  }

  @Test
  void lanesDefaultToTwoOnTwoOrMoreCoresAndTheSettingWins() {
    assertEquals(1, Worker.lanes(null, 1));
    assertEquals(2, Worker.lanes(null, 2));
    assertEquals(2, Worker.lanes(null, 16));
    assertEquals(1, Worker.lanes("1", 16));
    assertEquals(3, Worker.lanes(" 3 ", 2));
    assertEquals(4, Worker.lanes("99", 2));
    assertEquals(1, Worker.lanes("0", 2));
    assertEquals(2, Worker.lanes("two", 2));
  }
}
