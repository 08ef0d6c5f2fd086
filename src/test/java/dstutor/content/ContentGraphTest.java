package dstutor.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The real course's cross-reference graph: symmetric, and the one fixed in the content spec. */
class ContentGraphTest {

  @Test
  void graphIsSymmetricAndSectionsLinkIt() {
    assertEquals(List.of(), ContentCheck.graph(RealContent.pages().all()));
  }

  @Test
  void eachSystemListsExactlyItsPatterns() {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : RealContent.GRAPH.entrySet()) {
      if (!RealContent.pages().files().containsKey(e.getKey())) {
        wrong.add(e.getKey() + ": no page");
        continue;
      }
      TreeSet<String> want = new TreeSet<>(e.getValue());
      TreeSet<String> got = new TreeSet<>(RealContent.page(e.getKey()).related());
      if (!want.equals(got)) {
        wrong.add(e.getKey() + ": related " + got + " but the graph says " + want);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void eachPatternListsExactlyTheSystemsThatUseIt() {
    List<String> wrong = new ArrayList<>();
    for (String pattern : RealContent.PATTERNS) {
      if (!RealContent.pages().files().containsKey(pattern)) {
        wrong.add(pattern + ": no page");
        continue;
      }
      TreeSet<String> want = new TreeSet<>();
      RealContent.GRAPH.forEach((system, patterns) -> {
        if (patterns.contains(pattern)) {
          want.add(system);
        }
      });
      TreeSet<String> got = new TreeSet<>(RealContent.page(pattern).related());
      got.retainAll(RealContent.SYSTEMS);
      if (!want.equals(got)) {
        wrong.add(pattern + ": lists systems " + got + " but the graph says " + want);
      }
      for (String r : RealContent.page(pattern).related()) {
        if (!RealContent.SYSTEMS.contains(r) && !RealContent.PATTERNS.contains(r)) {
          wrong.add(pattern + ": related '" + r + "' is no page id");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void graphAnswersBothWays() {
    Graph g = Graph.of(RealContent.pages().all(), List.of(
        new ExerciseRef("quorum", "Quorum reads", List.of("quorum"), List.of("dynamo")),
        new ExerciseRef("gossip", "Gossip", List.of("gossip"), List.of("cassandra"))));
    assertEquals(new TreeSet<>(List.of("dynamo", "cassandra", "kafka", "hdfs", "chubby")),
        new TreeSet<>(g.systemsUsing("quorum")));
    assertEquals(RealContent.GRAPH.get("gfs"), g.patternsOf("gfs"));
    assertEquals(List.of("quorum"), g.exercisesFor("quorum").stream().map(ExerciseRef::id)
        .toList());
    assertEquals(List.of("quorum"), g.exercisesFor("dynamo").stream().map(ExerciseRef::id)
        .toList());
    assertTrue(g.linksFrom("dynamo").contains("quorum"));
    assertTrue(g.linksTo("quorum").contains("dynamo"));
    assertTrue(g.relatedPatterns("quorum").stream().noneMatch(RealContent.SYSTEMS::contains));
  }
}
