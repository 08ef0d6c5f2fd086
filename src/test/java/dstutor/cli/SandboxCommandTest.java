package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dstutor sandbox quorum}: the learner's own nodes, driven by hand. */
class SandboxCommandTest {
  static final Path REPO = Path.of("").toAbsolutePath();
  static final Path QUORUM = REPO.resolve("solutions/patterns/quorum");
  /** A partitioned replica misses a write; after the heal, three reads. */
  static final String STALE = "put k v1\npartition n1 | n2 n3 coord client\nput k v2\nheal\n"
      + "get k\nget k\nget k\ncheck\n";
  CliHarness cli;
  Path dir;

  @BeforeEach
  void setUp(@TempDir Path tmp) throws Exception {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.env.put("DSTUTOR_COURSE", REPO.toString());
    dir = cli.workspace.resolve("patterns/quorum");
    Files.createDirectories(dir);
    for (String f : List.of("QuorumCoordinator.java", "QuorumReplica.java")) {
      Files.copy(QUORUM.resolve(f), dir.resolve(f));
    }
  }

  private CliHarness.Result sandbox(String input, String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "sandbox";
    args[1] = "quorum";
    args[2] = "--seed=7";
    System.arraycopy(more, 0, args, 3, more.length);
    return cli.runWithInput(input, args);
  }

  @Test
  void correctNodesPassTheCheckAfterAPartition() {
    CliHarness.Result r = sandbox(STALE);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("Sandbox for quorum, seed 7: nodes n1, n2, n3, coord, client"),
        r.out());
    assertTrue(r.out().contains("partition [n1] from the rest"), r.out());
    assertTrue(r.out().contains("put(k, v2) -> put ok"), r.out());
    assertTrue(r.out().contains("ok: the 5 operations so far are consistent"), r.out());
  }

  @Test
  void checkFindsTheStaleReadOfADeliberatelyWrongCoordinator() throws Exception {
    Variant wrong = Variant.read(QUORUM.resolve("wrong/read-one-reply.diff"));
    Map<String, String> files = wrong.apply(QUORUM, List.of("QuorumCoordinator.java",
        "QuorumReplica.java"));
    Files.writeString(dir.resolve("QuorumCoordinator.java"), files.get("QuorumCoordinator.java"));
    CliHarness.Result r = sandbox(STALE);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("get(k) -> get = v1"), r.out());
    assertTrue(r.out().contains("VIOLATION: ") && r.out().contains("STALE: put(k, v2) completed"),
        r.out());
    assertTrue(r.out().contains("DROPPED: partitioned"), "the timeline shows why: " + r.out());
  }

  @Test
  void theSameSeedAndCommandsGiveTheSameRunAndSaveReplaysIt() throws Exception {
    Path saved = cli.home.resolve("s.txt");
    CliHarness.Result first = sandbox(STALE + "crash n2\ntick 250ms\nget k\nsave " + saved + "\n");
    assertTrue(Files.readString(saved).startsWith("# dstutor sandbox quorum --seed 7\nput k v1\n"),
        Files.readString(saved));
    CliHarness.Result again = cli.runWithInput("", "sandbox", "quorum", "--script",
        saved.toString(), "--no-input");
    assertEquals(0, again.code(), again.err());
    String a = first.out().replaceAll("(?m)^sandbox quorum> [^\n]*\n", "");
    String b = again.out().replaceAll("(?m)^> [^\n]*\n", "");
    // The same results, line for line (the script run shows no prompts, the live one no echoes).
    List<String> results = a.lines().filter(l -> l.contains(" -> ") || l.contains("VIOLATION")
        || l.startsWith("ok:")).toList();
    assertTrue(results.size() >= 6, a);
    assertEquals(results, b.lines().filter(l -> l.contains(" -> ") || l.contains("VIOLATION")
        || l.startsWith("ok:")).toList());
    assertTrue(Files.exists(cli.home.resolve("sandbox/quorum.script")),
        "every command is kept as it runs");
  }

  @Test
  void mistakesAreExplainedAndTheSandboxGoesOn() {
    CliHarness.Result r = sandbox("crash n9\ntick soon\npartition\nput k\nget k\n");
    assertEquals(0, r.code());
    assertTrue(r.err().contains("no node 'n9'; nodes: n1, n2, n3, coord, client"), r.err());
    assertTrue(r.err().contains("'soon' is not a time"), r.err());
    assertTrue(r.err().contains("partition needs the nodes of one side"), r.err());
    assertTrue(r.err().contains("usage: put KEY VALUE"), r.err());
    assertTrue(r.out().contains("get(k) -> get = (none)"), r.out());
  }

  @Test
  void codeThatDoesNotCompileOrAnExerciseWithoutASandboxIsSaid() throws Exception {
    Files.writeString(dir.resolve("QuorumReplica.java"), "public class QuorumReplica {");
    CliHarness.Result r = sandbox("");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("does not compile") && r.out().contains("QuorumReplica.java:1"),
        r.out() + r.err());
    r = cli.run("sandbox", "bloom-filter");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bloom-filter has no sandbox; exercises with one: ")
        && r.err().contains("quorum"), r.err());
  }

  @Test
  void stubNodesThatThrowAtTheStartAreExplained() throws Exception {
    Path course = REPO.resolve("exercises/patterns/quorum");
    for (String f : List.of("QuorumCoordinator.java", "QuorumReplica.java")) {
      Files.copy(course.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    CliHarness.Result r = sandbox("get k\n");
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("your nodes could not start: ") && r.err().contains("TODO")
        && r.err().contains("`dstutor show quorum`"), r.err());
  }
}
