package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known-wrong and correct variants: a header, then a unified diff applied to the reference. */
class VariantTest {
  private static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i)
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** A diff that deletes lines 3..12 and changes line 20 of a 30-line file. */
  private static final String DIFF = """
      description: two hunks, the first shrinks the file
      hint: sum

      --- a/F.java
      +++ b/F.java
      @@ -1,14 +1,4 @@
       line 1
       line 2
      -line 3
      -line 4
      -line 5
      -line 6
      -line 7
      -line 8
      -line 9
      -line 10
      -line 11
      -line 12
       line 13
       line 14
      @@ -18,5 +8,5 @@
       line 18
       line 19
      -line 20
      +line twenty
       line 21
       line 22
      """;

  @Test
  void appliesHunksAtTheirLinesEvenWhenAnEarlierOneShrankTheFile(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("F.java"), lines(1, 30));
    Files.writeString(dir.resolve("v.diff"), DIFF);
    Variant v = Variant.read(dir.resolve("v.diff"));
    assertEquals("sum", v.hint());
    String out = v.apply(dir, List.of("F.java")).get("F.java");
    List<String> want = new ArrayList<>(List.of("line 1", "line 2"));
    IntStream.rangeClosed(13, 30).forEach(i -> want.add(i == 20 ? "line twenty" : "line " + i));
    assertEquals(String.join("\n", want) + "\n", out);
  }

  @Test
  void stillAppliesWhenTheReferenceGainedLinesAbove(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("F.java"), "// a new comment\n// another\n" + lines(1, 30));
    Files.writeString(dir.resolve("v.diff"), DIFF);
    String out = Variant.read(dir.resolve("v.diff")).apply(dir, List.of("F.java")).get("F.java");
    assertTrue(out.startsWith("// a new comment\n// another\nline 1\nline 2\nline 13\n"), out);
    assertTrue(out.contains("\nline twenty\n"), out);
  }

  @Test
  void saysSoWhenItNoLongerApplies(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("F.java"), lines(1, 30).replace("line 20\n", "line XX\n"));
    Files.writeString(dir.resolve("v.diff"), DIFF);
    Variant v = Variant.read(dir.resolve("v.diff"));
    Variant.BadVariant e = assertThrows(Variant.BadVariant.class,
        () -> v.apply(dir, List.of("F.java")));
    assertTrue(e.getMessage().contains("no longer applies to the reference F.java"),
        e.getMessage());
  }

  @Test
  void aPatchOfAFileThatIsNotTheLearnersIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("F.java"), lines(1, 30));
    Files.writeString(dir.resolve("v.diff"), DIFF);
    Variant v = Variant.read(dir.resolve("v.diff"));
    Variant.BadVariant e = assertThrows(Variant.BadVariant.class,
        () -> v.apply(dir, List.of("G.java")));
    assertTrue(e.getMessage().contains("patches F.java, which is not a learner file"),
        e.getMessage());
  }
}
