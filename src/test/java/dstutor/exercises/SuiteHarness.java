package dstutor.exercises;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dstutor.grade.Because;
import dstutor.grade.InMemoryCompiler;
import dstutor.grade.InMemoryCompiler.Source;
import dstutor.grade.MemoryClassLoader;
import dstutor.grade.PropertyFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Compiles an exercise's given files, learner files (as texts, so that a test can patch them) and
 * hidden suite in memory, and runs the suite in this JVM through the JUnit Platform Launcher: what
 * the grading worker does, without a worker process, so that a test can grade many variants fast.
 */
final class SuiteHarness {
  /** A test of the suite that did not pass: its display name, message and the hint it names. */
  record Failure(String test, String message, String hint) {}

  private static final InMemoryCompiler COMPILER =
      new InMemoryCompiler(System.getProperty("java.class.path"));

  private SuiteHarness() {}

  /** The hint a failure names per cause ({@link Because} or {@link PropertyFailure}), or null. */
  static String hintOf(Throwable t) {
    return Because.hintOf(t);
  }

  /** The course being tested: the project's own folder. */
  static Path course() {
    return Path.of(System.getProperty("dstutor.course", ".")).toAbsolutePath();
  }

  static String read(String relative) {
    try {
      return Files.readString(course().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles {@code files} (file name to text: given files, learner files and the suite); fails
   * with the compiler's messages if they do not compile.
   */
  static Map<String, byte[]> compile(Map<String, String> files) {
    List<Source> sources = new ArrayList<>();
    files.forEach((name, text) -> sources.add(new Source(name, name, text, true)));
    InMemoryCompiler.Output out;
    synchronized (COMPILER) {
      out = COMPILER.compile(sources);
    }
    if (!out.ok()) {
      throw new AssertionError("does not compile: " + out.errors());
    }
    return out.classes();
  }

  /** Runs the whole suite class {@code suite}; returns the tests that did not pass. */
  static List<Failure> run(Map<String, byte[]> classes, String suite) {
    return run(classes, suite, null);
  }

  /**
   * Runs test method {@code method} of {@code suite} (or all of them if null); returns the tests
   * that did not pass. Throws if no test ran.
   */
  static List<Failure> run(Map<String, byte[]> classes, String suite, String method) {
    ClassLoader loader = new MemoryClassLoader(classes, SuiteHarness.class.getClassLoader());
    Class<?> suiteClass;
    try {
      suiteClass = loader.loadClass(suite);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no suite class " + suite, e);
    }
    DiscoverySelector selector = method == null ? selectClass(suiteClass)
        : selectMethod(suiteClass, method);
    List<Failure> failures = new ArrayList<>();
    int[] tests = {0};
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selector)
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
        .build(), new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
              return;
            }
            if (id.isTest()) {
              tests[0]++;
            }
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
              Throwable t = result.getThrowable().orElse(null);
              failures.add(new Failure(id.getDisplayName(),
                  t == null ? "" : String.valueOf(t.getMessage()), hintOf(t)));
            }
          }
        });
    if (tests[0] == 0 && failures.isEmpty()) {
      throw new AssertionError("no test of " + suite + (method == null ? "" : "." + method)
          + " ran");
    }
    return failures;
  }
}
