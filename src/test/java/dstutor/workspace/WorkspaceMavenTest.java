package dstutor.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.course.Course;
import dstutor.course.CourseLoader;
import dstutor.course.Exercise;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace opens in an IDE: its generated pom.xml compiles with Maven (the project's
 * wrapper, offline: this build has already fetched the plugins it pins) when the workspace holds
 * every exercise's reference solution.
 */
class WorkspaceMavenTest {
  @Test
  void aWorkspaceHoldingEveryReferenceSolutionCompilesWithMaven(@TempDir Path tmp)
      throws Exception {
    Path repo = Path.of("").toAbsolutePath();
    Course course = CourseLoader.load(repo);
    Path jar = kitJar(repo.resolve("target/classes"), tmp.resolve("kit.jar"));
    Workspace ws = new Workspace(tmp.resolve("ws"), course, jar);
    int code = 0;
    for (Exercise e : course.ordered()) {
      ws.prepare(e);
      if (e.isQuiz()) {
        continue;
      }
      code++;
      for (String f : e.files()) {
        Files.copy(e.solutionDir().resolve(f), ws.dirOf(e).resolve(f),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    String pom = Files.readString(ws.root().resolve("pom.xml"));
    assertTrue(pom.contains("<artifactId>maven-compiler-plugin</artifactId>")
        && pom.contains("<release>17</release>"), pom);

    Path log = tmp.resolve("mvn.log");
    boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
    Process p = new ProcessBuilder(repo.resolve(windows ? "mvnw.cmd" : "mvnw").toString(), "-o",
        "-B", "-q", "compile", "-f", ws.root().resolve("pom.xml").toString())
        .directory(ws.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean done = p.waitFor(240, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertTrue(done, "Maven did not finish in 240 s:\n" + out);
    assertEquals(0, p.exitValue(), "mvn -o compile of the generated workspace failed:\n" + out);
    try (Stream<Path> s = Files.walk(ws.root().resolve("target/classes"))) {
      long classes = s.filter(f -> f.toString().endsWith(".class")).count();
      assertTrue(classes >= code, classes + " classes for " + code + " code exercises");
    }
  }

  /** A jar of dstutor's kit (the only dstutor package learner code uses) from built classes. */
  static Path kitJar(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out);
        Stream<Path> s = Files.walk(classes.resolve("dstutor/kit"))) {
      for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        j.write(Files.readAllBytes(f));
        j.closeEntry();
      }
    }
    return jar;
  }
}
