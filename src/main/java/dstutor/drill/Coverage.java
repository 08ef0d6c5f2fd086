package dstutor.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of a drill's rubric the learner's answers mention: per concept (which phrases, in which
 * phase's answer), per phase (the weight of the concepts expected there that its answer mentions,
 * over their total weight) and overall (the weight of concepts mentioned anywhere, over the
 * rubric's total). It measures what was written, not whether the design is good.
 */
public record Coverage(List<ConceptCoverage> concepts, List<PhaseCoverage> phases, int covered,
    int total) {

  /** A phrase of a concept found in one phase's answer. */
  public record Match(String phrase, String phase) {}

  /** One concept and where it was mentioned. */
  public record ConceptCoverage(Concept concept, List<Match> matches) {
    public boolean mentioned() {
      return !matches.isEmpty();
    }

    public boolean mentionedIn(String phaseId) {
      return matches.stream().anyMatch(m -> m.phase().equals(phaseId));
    }

    /** The distinct phrases matched, in rubric order. */
    public Set<String> phrases() {
      Set<String> out = new LinkedHashSet<>();
      matches.forEach(m -> out.add(m.phrase()));
      return out;
    }

    /** The distinct phases whose answers mention it, in drill order. */
    public Set<String> phasesMentioned() {
      Set<String> out = new LinkedHashSet<>();
      matches.forEach(m -> out.add(m.phase()));
      return out;
    }
  }

  /** One phase: the concepts expected in it, and the weight of those its answer mentions. */
  public record PhaseCoverage(Phase phase, List<Concept> expected, List<Concept> mentioned) {
    public int weightExpected() {
      return expected.stream().mapToInt(Concept::weight).sum();
    }

    public int weightMentioned() {
      return mentioned.stream().mapToInt(Concept::weight).sum();
    }

    /** Percent of the expected weight mentioned; -1 when nothing is expected in this phase. */
    public int percent() {
      return weightExpected() == 0 ? -1 : Coverage.percent(weightMentioned(), weightExpected());
    }
  }

  /** Coverage of {@code answers} (phase id to the text written in that phase) against the rubric. */
  public static Coverage of(Drill drill, Map<String, String> answers) {
    Map<String, List<String>> words = new LinkedHashMap<>();
    for (Phase p : drill.phases()) {
      words.put(p.id(), Phrases.words(answers.getOrDefault(p.id(), "")));
    }
    List<ConceptCoverage> concepts = new ArrayList<>();
    int covered = 0;
    for (Concept c : drill.rubric()) {
      List<Match> matches = new ArrayList<>();
      for (Map.Entry<String, List<String>> w : words.entrySet()) {
        for (String phrase : c.phrases()) {
          if (Phrases.mentions(w.getValue(), Phrases.words(phrase))) {
            matches.add(new Match(phrase, w.getKey()));
          }
        }
      }
      ConceptCoverage cc = new ConceptCoverage(c, matches);
      concepts.add(cc);
      if (cc.mentioned()) {
        covered += c.weight();
      }
    }
    List<PhaseCoverage> phases = new ArrayList<>();
    for (Phase p : drill.phases()) {
      List<Concept> expected = new ArrayList<>();
      List<Concept> mentioned = new ArrayList<>();
      for (ConceptCoverage cc : concepts) {
        if (cc.concept().phases().contains(p.id())) {
          expected.add(cc.concept());
          if (cc.mentionedIn(p.id())) {
            mentioned.add(cc.concept());
          }
        }
      }
      phases.add(new PhaseCoverage(p, expected, mentioned));
    }
    return new Coverage(concepts, phases, covered, drill.totalWeight());
  }

  /** Overall: the weight of the concepts mentioned anywhere, in percent of the rubric's weight. */
  public int percent() {
    return percent(covered, total);
  }

  public List<ConceptCoverage> missed() {
    return concepts.stream().filter(c -> !c.mentioned()).toList();
  }

  static int percent(int part, int whole) {
    return whole == 0 ? 0 : (int) Math.round(100.0 * part / whole);
  }
}
