package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated failure names its seed, shows a shrunk timeline and a replay command, and the replay
 * reproduces the same failure.
 */
class ReplayTest {
  @Test
  void aQuorumBugIsShrunkAndReplaysExactly(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, Path.of("").toAbsolutePath());
    assertEquals(0, cli.run("show", "quorum").code());
    Path ws = cli.workspace.resolve("patterns/quorum");
    Path solutions = cli.course.resolve("solutions/patterns/quorum");
    Files.copy(solutions.resolve("QuorumReplica.java"), ws.resolve("QuorumReplica.java"),
        StandardCopyOption.REPLACE_EXISTING);
    Variant wrong = Variant.read(solutions.resolve("wrong/read-one-reply.diff"));
    Files.writeString(ws.resolve("QuorumCoordinator.java"), wrong.apply(solutions,
        List.of("QuorumCoordinator.java")).get("QuorumCoordinator.java"));

    CliHarness.Result first = cli.run("submit", "quorum");
    assertEquals(1, first.code(), first.err());
    String out = first.out();
    assertTrue(out.contains("shrunk from"), out);
    assertTrue(out.contains(" ms  "), "a timeline: " + out);
    Matcher m = Pattern.compile("replay: dstutor submit quorum --seed (\\d+)").matcher(out);
    assertTrue(m.find(), out);
    String seed = m.group(1);
    String property = out.substring(out.indexOf("✗ ", out.indexOf("properties hold")));
    String failure = property.substring(0, property.indexOf("replay:"));

    CliHarness.Result replay = cli.run("submit", "quorum", "--seed", seed);
    assertEquals(1, replay.code());
    assertTrue(replay.out().contains(failure), "replay of seed " + seed + " differs:\n"
        + replay.out() + "\n--- expected to contain ---\n" + failure);
  }
}
