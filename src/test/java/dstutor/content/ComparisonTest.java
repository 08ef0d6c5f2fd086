package dstutor.content;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.content.FrontMatter.Claim;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every pair of real systems side by side: fits 100 columns, every claim and link shown. */
class ComparisonTest {

  @Test
  void everyPairFitsAndShowsEveryClaimWithItsLink() {
    for (String a : RealContent.SYSTEMS) {
      for (String b : RealContent.SYSTEMS) {
        if (a.equals(b) || !RealContent.pages().files().containsKey(a)
            || !RealContent.pages().files().containsKey(b)) {
          continue;
        }
        Page pa = RealContent.page(a);
        Page pb = RealContent.page(b);
        String out = Comparison.render(pa, pb, 100, false);
        for (String line : out.split("\n")) {
          assertTrue(line.codePointCount(0, line.length()) <= 100, a + " vs " + b + ": " + line);
        }
        String flat = out.replaceAll("\\s+", " ");
        for (Page p : new Page[] {pa, pb}) {
          for (Map.Entry<String, Claim> e : p.compare().entrySet()) {
            assertTrue(out.contains("read " + p.id() + e.getValue().see()), a + " vs " + b
                + ": no link for " + p.id() + " " + e.getKey());
            for (String word : e.getValue().claim().split("\\s+")) {
              assertTrue(flat.contains(word), a + " vs " + b + ": " + word);
            }
          }
        }
        for (String label : Comparison.LABELS.values()) {
          for (String word : label.split(" ")) {
            assertTrue(out.contains(word), label);
          }
        }
      }
    }
  }

  @Test
  void colourOnlyWhenAsked() {
    Page pa = RealContent.page("dynamo");
    Page pb = RealContent.page("bigtable");
    assertTrue(!Comparison.render(pa, pb, 100, false).contains("\u001b"));
    assertTrue(Comparison.render(pa, pb, 100, true).contains("\u001b[1mDynamo"));
  }
}
