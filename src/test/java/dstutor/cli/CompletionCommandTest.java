package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dstutor completion}: a bash script from the command model that completes in bash. */
class CompletionCommandTest {
  @Test
  void theScriptCompletesCommandsAndIdsInBash(@TempDir Path tmp) throws Exception {
    CliHarness cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    CliHarness.Result r = cli.run("completion");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("complete -F _complete_dstutor"), r.out());
    Path script = Files.writeString(tmp.resolve("c.bash"), r.out());
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash here");
    String probe = "source " + script + " 2>/dev/null\n"
        + "compopt() { :; }\n"
        + "COMP_WORDS=(dstutor wher); COMP_CWORD=1; _complete_dstutor; echo \"1:${COMPREPLY[*]}\"\n"
        + "COMP_WORDS=(dstutor show ad); COMP_CWORD=2; _complete_dstutor; echo \"2:${COMPREPLY[*]}\"\n"
        + "COMP_WORDS=(dstutor read add); COMP_CWORD=2; _complete_dstutor; echo \"3:${COMPREPLY[*]}\"\n";
    Process p = new ProcessBuilder("/bin/bash", "-c", probe).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(out.contains("1:where"), out);
    assertTrue(out.contains("2:adder"), out);
    assertTrue(out.contains("3:addition"), out);
  }
}
