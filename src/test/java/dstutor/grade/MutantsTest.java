package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading PIT's report and judging survivors against an exercise's accepted list. */
class MutantsTest {
  private static final String XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <mutations>
      <mutation detected='true' status='KILLED' numberOfTestsRun='2'><sourceFile>Adder.java</sourceFile><mutatedClass>Adder</mutatedClass><mutatedMethod>add</mutatedMethod><methodDescription>(II)I</methodDescription><lineNumber>3</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.MathMutator</mutator><description>Replaced integer addition with subtraction</description></mutation>
      <mutation detected='false' status='SURVIVED' numberOfTestsRun='2'><sourceFile>Adder.java</sourceFile><mutatedClass>Adder</mutatedClass><mutatedMethod>check</mutatedMethod><methodDescription>(I)V</methodDescription><lineNumber>6</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.ConditionalsBoundaryMutator</mutator><description>changed conditional boundary</description></mutation>
      <mutation detected='false' status='NO_COVERAGE' numberOfTestsRun='0'><sourceFile>Adder.java</sourceFile><mutatedClass>Adder</mutatedClass><mutatedMethod>check</mutatedMethod><methodDescription>(I)V</methodDescription><lineNumber>7</lineNumber><mutator>org.pitest.mutationtest.engine.gregor.mutators.VoidMethodCallMutator</mutator><description>removed call to log</description></mutation>
      </mutations>
      """;
  private static final String SOURCE = """
      class Adder {
        int add(int a, int b) {
          return a + b;
        }
        void check(int n) {
          if (n > 1000) throw new IllegalArgumentException();
          log(n);
        }
        void log(int n) {}
      }
      """;

  private List<Mutants.Mutant> mutants(Path dir) throws Exception {
    Files.writeString(dir.resolve("Adder.java"), SOURCE);
    Files.writeString(dir.resolve("mutations.xml"), XML);
    return Mutants.parse(dir.resolve("mutations.xml"), dir);
  }

  private static String judge(Path dir, List<Mutants.Mutant> ms, int[] problems) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Mutants m = new Mutants(new PrintStream(bytes, true, StandardCharsets.UTF_8), "", "", 1);
    problems[0] = m.judge("adder", dir, ms, 1.5);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readsStatusMutatorAndTheMutatedLine(@TempDir Path dir) throws Exception {
    List<Mutants.Mutant> ms = mutants(dir);
    assertEquals(3, ms.size());
    assertEquals(new Mutants.Mutant("Adder.java", "check", 6, "ConditionalsBoundaryMutator",
        "changed conditional boundary", "if (n > 1000) throw new IllegalArgumentException();",
        "SURVIVED"), ms.get(1));
    assertEquals(List.of(false, true, true), ms.stream().map(Mutants.Mutant::survived).toList());
  }

  @Test
  void aSurvivorNotOnTheListFailsWithAnEntryToPaste(@TempDir Path dir) throws Exception {
    int[] problems = new int[1];
    String out = judge(dir, mutants(dir), problems);
    assertEquals(2, problems[0], out);
    assertTrue(out.startsWith("adder: 1 of 3 mutants killed, 2 survived (0 accepted)   1.5 s"),
        out);
    assertTrue(out.contains("✗ survived, not accepted: Adder.java:6 (check)"
        + " ConditionalsBoundaryMutator: changed conditional boundary"), out);
    assertTrue(out.contains("    code: \"if (n > 1000) throw new IllegalArgumentException();\""),
        out);
  }

  @Test
  void acceptedSurvivorsMatchByCodeNotLineNumber(@TempDir Path dir) throws Exception {
    List<Mutants.Mutant> ms = mutants(dir);
    Files.writeString(dir.resolve(Mutants.ACCEPTED), """
        accepted:
          - file: Adder.java
            method: check
            mutator: ConditionalsBoundaryMutator
            description: "changed conditional boundary"
            code: "if (n > 1000) throw new IllegalArgumentException();"
            why: "n = 1000 itself is never passed: the limit is not part of the API"
          - file: Adder.java
            method: check
            mutator: VoidMethodCallMutator
            description: "removed call to log"
            code: "log(n);"
            why: "log has no effect a test can see"
        """);
    int[] problems = new int[1];
    String out = judge(dir, ms, problems);
    assertEquals(0, problems[0], out);
    assertTrue(out.startsWith("adder: 1 of 3 mutants killed, 2 survived (2 accepted)"), out);
  }

  @Test
  void anEntryWithoutAReasonAndAStaleEntryAreReported(@TempDir Path dir) throws Exception {
    List<Mutants.Mutant> ms = mutants(dir);
    Files.writeString(dir.resolve(Mutants.ACCEPTED), """
        accepted:
          - file: Adder.java
            method: check
            mutator: VoidMethodCallMutator
            description: "removed call to log"
            code: "log(n);"
            why: ""
          - file: Adder.java
            method: add
            mutator: MathMutator
            description: "Replaced integer addition with subtraction"
            code: "return a + b;"
            why: "stale: this one is killed now"
        """);
    int[] problems = new int[1];
    String out = judge(dir, ms, problems);
    assertEquals(3, problems[0], out); // the empty reason, and two survivors not accepted
    assertTrue(out.contains("'why' is missing or empty"), out);
    assertTrue(out.contains("accepted but no longer survives; remove it"), out);
  }
}
