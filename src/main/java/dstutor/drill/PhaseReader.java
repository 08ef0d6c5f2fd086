package dstutor.drill;

import dstutor.yaml.Fields;
import dstutor.yaml.Problem;
import dstutor.yaml.YNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads a drill's phases and their estimate questions, and checks the plan: known phase ids in
 * their fixed order, time boxes in time order that neither overlap nor end after the drill.
 */
final class PhaseReader {
  private final List<Problem> problems;
  /** Caps a phase's title (the fields it is in, the title). */
  private final BiFunction<Fields, String, String> capTitle;

  PhaseReader(List<Problem> problems, BiFunction<Fields, String, String> capTitle) {
    this.problems = problems;
    this.capTitle = capTitle;
  }

  List<Phase> read(Fields drill, int minutes) {
    List<Phase> out = new ArrayList<>();
    List<YNode.Loc> locs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> estimateIds = new HashSet<>();
    int lastOrder = -1;
    List<YNode> nodes = drill.nodes("phases", true);
    if (nodes.isEmpty() && drill.map().get("phases") != null) {
      problems.add(Problem.at(drill.locOf("phases"), "'phases' is empty; a drill needs phases"));
    }
    for (YNode n : nodes) {
      Fields f = new Fields(n, "a phase", problems);
      f.rejectUnknown(DrillLoader.PHASE_KEYS);
      String id = f.string("id", true);
      if (id != null) {
        int order = DrillLoader.PHASE_IDS.indexOf(id);
        if (order < 0) {
          problems.add(Problem.at(f.locOf("id"), "phase id '" + id + "' is not one of "
              + String.join(", ", DrillLoader.PHASE_IDS)
              + DrillLoader.didYouMean(id, new HashSet<>(DrillLoader.PHASE_IDS))));
        } else if (!ids.add(id)) {
          problems.add(Problem.at(f.locOf("id"), "phase id '" + id + "' is used twice"));
        } else if (order < lastOrder) {
          problems.add(Problem.at(f.locOf("id"), "phase '" + id + "' comes after '"
              + DrillLoader.PHASE_IDS.get(lastOrder) + "'; phases follow the order "
              + String.join(", ", DrillLoader.PHASE_IDS)));
        } else {
          lastOrder = order;
        }
      }
      String title = capTitle.apply(f, f.string("title", true));
      int at = f.integer("at", 0, 600, 0, true);
      int length = f.integer("minutes", 1, 600, 1, true);
      String prompt = f.string("prompt", true);
      List<String> questions = f.strings("questions", true);
      if (f.map().get("questions") != null && (questions.size() < 2 || questions.size() > 5)) {
        problems.add(Problem.at(f.locOf("questions"), "phase '" + id + "' has "
            + questions.size() + " question(s); give 2 to 5"));
      }
      List<EstimateQuestion> estimates = readEstimates(f, estimateIds);
      locs.add(f.locOf("at"));
      out.add(new Phase(id, title, at, length, prompt, questions, estimates));
    }
    checkPlan(out, locs, minutes, drill);
    return out;
  }

  /** Time order, no overlap, nothing after the drill's end: each problem names both phases. */
  private void checkPlan(List<Phase> phases, List<YNode.Loc> locs, int minutes, Fields drill) {
    for (int i = 0; i < phases.size(); i++) {
      Phase p = phases.get(i);
      if (i > 0) {
        Phase prev = phases.get(i - 1);
        if (p.at() < prev.end()) {
          problems.add(Problem.at(locs.get(i), "phase '" + p.id() + "' starts at minute "
              + p.at() + ", but phase '" + prev.id() + "' runs from minute " + prev.at()
              + " to " + prev.end() + "; phases must not overlap: start '" + p.id()
              + "' at " + prev.end() + " or later, or shorten '" + prev.id() + "'"));
        }
      }
      if (p.end() > minutes) {
        problems.add(Problem.at(locs.get(i), "phase '" + p.id() + "' runs from minute " + p.at()
            + " to " + p.end() + ", past the drill's " + minutes + " minutes (minutes: at "
            + drill.locOf("minutes").line() + "); shorten it or raise 'minutes'"));
      }
    }
  }

  private List<EstimateQuestion> readEstimates(Fields phase, Set<String> ids) {
    List<EstimateQuestion> out = new ArrayList<>();
    for (YNode n : phase.nodes("estimates", false)) {
      Fields f = new Fields(n, "an estimate question", problems);
      f.rejectUnknown(DrillLoader.ESTIMATE_KEYS);
      String id = f.string("id", true);
      if (id != null && !ids.add(id)) {
        problems.add(Problem.at(f.locOf("id"), "estimate id '" + id + "' is used twice in this"
            + " drill"));
      }
      String ask = f.string("ask", true);
      String working = f.string("working", true);
      double answer = 0;
      String unit = null;
      double within = 2;
      YNode value = f.map().get("estimate");
      if (value == null) {
        problems.add(Problem.at(f.map().loc(), "estimate question '" + id + "' has no"
            + " 'estimate'; add 'estimate: {answer: ..., unit: ..., within: 2}'"));
      } else {
        Fields e = new Fields(value, "an estimate", problems);
        e.rejectUnknown(DrillLoader.ESTIMATE_VALUE_KEYS);
        answer = number(e, "answer", true, Double.NaN);
        if (answer <= 0) {
          problems.add(Problem.at(e.locOf("answer"), "'answer' must be a positive number"));
        }
        unit = e.string("unit", true);
        within = number(e, "within", false, 2);
        if (e.map().get("within") != null && (within <= 1 || within > 10)) {
          problems.add(Problem.at(e.locOf("within"), "'within' is a factor above 1 and at most"
              + " 10 (2 accepts half to double the answer), not " + Numbers.format(within)));
        }
      }
      out.add(new EstimateQuestion(id, ask, answer, unit, within, working));
    }
    return out;
  }

  private double number(Fields f, String key, boolean required, double fallback) {
    String s = f.string(key, required);
    if (s == null) {
      return fallback;
    }
    Double v = Numbers.parse(s);
    if (v == null) {
      problems.add(Problem.at(f.locOf(key), "'" + key + "' must be a number, not '" + s + "'"));
      return fallback;
    }
    return v;
  }
}
