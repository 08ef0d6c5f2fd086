package dstutor.drill;

import dstutor.drill.Coverage.ConceptCoverage;
import dstutor.drill.Coverage.PhaseCoverage;
import dstutor.drill.RunState.EstimateAnswer;
import dstutor.drill.RunState.PhaseRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report at the end of a run, in Markdown: time per phase against the plan, coverage per phase
 * and per rubric concept with the phrases that matched, the misses with where to read and
 * practise, curveballs, estimates with their working, the self-assessment checklist and the model
 * outline. It says plainly that it measures the concepts mentioned, not the design's quality.
 */
public final class Report {
  public static final String HONEST = "This report measures concept coverage: whether the words of"
      + " each rubric concept appear in what you wrote. It does not judge whether your design is"
      + " good or your reasoning sound; the self-assessment and the model outline are for that.";

  private Report() {}

  /** The report; {@code withAnswers} appends the learner's answers (report.md keeps them). */
  public static String markdown(Drill drill, RunState s, boolean withAnswers) {
    Plan plan = new Plan(drill, s.minutes);
    Coverage c = Coverage.of(drill, s.answers());
    StringBuilder b = new StringBuilder();
    b.append("# Drill report: ").append(drill.title()).append("\n\n");
    b.append('`').append(drill.id()).append("` · started ")
        .append(s.started == null ? "?" : s.started.replace('T', ' ')).append(" · ")
        .append(s.minutes).append(" min planned")
        .append(plan.rescaled() ? " (rescaled from " + drill.minutes() + ")" : "").append(" · ")
        .append(!s.finished ? "not finished (dstutor drill --resume goes on)"
            : "ended".equals(s.endReason) ? "ended early with `end` at " + clock(s.elapsed)
            : "finished").append("\n\n");
    b.append("> ").append(HONEST).append("\n\n");
    b.append("**Coverage: ").append(c.percent()).append("%** of the rubric's weight (")
        .append(c.covered()).append(" of ").append(c.total()).append("); ")
        .append(c.concepts().size() - c.missed().size()).append(" of ")
        .append(c.concepts().size()).append(" concepts mentioned. Time used: ")
        .append(clock(s.elapsed)).append(" of ").append(clock(plan.plannedEnd())).append(".\n\n");
    phases(b, drill, s, plan, c);
    concepts(b, c);
    missed(b, c);
    curveballs(b, drill, s, plan, c);
    estimates(b, drill, s);
    b.append("## Self-assessment: tick what you honestly did\n\n");
    drill.checklist().forEach(item -> b.append("- [ ] ").append(item).append('\n'));
    // The outline's own headings go one level down, under this section's.
    b.append("\n## Model outline\n\n")
        .append(drill.outline().strip().replaceAll("(?m)^#", "##")).append("\n");
    if (withAnswers) {
      b.append("\n## Your answers\n");
      for (int i = 0; i < s.phases.size(); i++) {
        String answer = s.phases.get(i).answer;
        b.append("\n### ").append(i + 1).append(". ").append(drill.phases().get(i).title())
            .append("\n\n").append(answer.isBlank() ? "(nothing written)\n"
                : "~~~~text\n" + answer + "\n~~~~\n");
      }
    }
    return b.toString();
  }

  private static void phases(StringBuilder b, Drill drill, RunState s, Plan plan, Coverage c) {
    b.append("## Time and coverage per phase\n\n");
    b.append("| # | phase | planned | used | coverage of its concepts |\n|---|---|---|---|---|\n");
    for (int i = 0; i < drill.phases().size(); i++) {
      Phase p = drill.phases().get(i);
      PhaseRecord r = s.phases.get(i);
      PhaseCoverage pc = c.phases().get(i);
      String used;
      if (r.started < 0) {
        used = "not reached";
      } else {
        long end = r.ended >= 0 ? r.ended : s.elapsed;
        used = clock(end - r.started) + (r.end == RunState.End.SKIPPED ? ", skipped"
            : r.end == RunState.End.ENDED ? ", ended" : r.ended < 0 ? ", in progress" : "");
      }
      String cov = pc.percent() < 0 ? "nothing expected" : pc.percent() + "% ("
          + pc.mentioned().size() + " of " + pc.expected().size() + ")";
      b.append("| ").append(i + 1).append(" | ").append(cell(p.title())).append(" | ")
          .append(clock(plan.plannedStart(i))).append("–")
          .append(clock(plan.plannedStart(i) + plan.box(i))).append(" (")
          .append(clock(plan.box(i))).append(") | ").append(used).append(" | ").append(cov)
          .append(" |\n");
    }
    b.append('\n');
  }

  private static void concepts(StringBuilder b, Coverage c) {
    b.append("## Rubric concepts\n\n");
    b.append("| | concept | weight | expected in | mentioned in | phrases that matched |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (ConceptCoverage cc : c.concepts()) {
      Concept k = cc.concept();
      b.append("| ").append(cc.mentioned() ? "✓" : "✗").append(" | ").append(cell(k.concept()))
          .append(" | ").append(k.weight()).append(" | ").append(String.join(", ", k.phases()))
          .append(" | ").append(cc.mentioned() ? String.join(", ", cc.phasesMentioned()) : "—")
          .append(" | ").append(cc.mentioned() ? cell(quoted(cc.phrases())) : "—").append(" |\n");
    }
    b.append('\n');
  }

  private static void missed(StringBuilder b, Coverage c) {
    b.append("## Missed: read and practise\n\n");
    if (c.missed().isEmpty()) {
      b.append("Every rubric concept was mentioned.\n\n");
      return;
    }
    for (ConceptCoverage cc : c.missed()) {
      Concept k = cc.concept();
      b.append("- **").append(k.concept()).append("** (weight ").append(k.weight())
          .append("): `").append(k.readCommand()).append('`');
      if (k.exercise() != null) {
        b.append("; practise: `dstutor show ").append(k.exercise()).append('`');
      }
      b.append("\n  Words that would have counted: ").append(quoted(k.phrases())).append('\n');
    }
    b.append('\n');
  }

  private static void curveballs(StringBuilder b, Drill drill, RunState s, Plan plan,
      Coverage c) {
    b.append("## Curveballs\n\n");
    for (int i = 0; i < drill.curveballs().size(); i++) {
      Curveball k = drill.curveballs().get(i);
      b.append("- **").append(clock(plan.curveballAt(i))).append("** ").append(k.text().strip());
      if (!s.curveballsShown.containsKey(i)) {
        b.append(" (not reached)");
      }
      List<String> expected = new ArrayList<>();
      for (String id : k.concepts()) {
        boolean hit = c.concepts().stream()
            .anyMatch(cc -> cc.concept().id().equals(id) && cc.mentioned());
        expected.add(id + (hit ? " ✓" : " ✗"));
      }
      if (!expected.isEmpty()) {
        b.append("\n  Expected concepts: ").append(String.join(", ", expected));
      }
      b.append('\n');
    }
    b.append('\n');
  }

  private static void estimates(StringBuilder b, Drill drill, RunState s) {
    List<Phase> with = drill.phases().stream().filter(p -> !p.estimates().isEmpty()).toList();
    if (with.isEmpty()) {
      return;
    }
    b.append("## Estimates\n\n");
    for (Phase p : with) {
      for (EstimateQuestion q : p.estimates()) {
        EstimateAnswer a = s.estimates.get(q.id());
        b.append("- **").append(q.id()).append("** (").append(p.title()).append("): ")
            .append(q.ask().strip()).append("\n  ");
        b.append(a == null ? "Not answered." : (a.right() ? "✓ " : "✗ ") + "you: "
            + Numbers.format(a.value()) + " " + q.unit() + "; " + band(q));
        b.append("\n  Working: ").append(q.working().strip()).append('\n');
      }
    }
    b.append('\n');
  }

  /** "accepted from 2,900 to 11,600 writes/s (within 2× of 5,800)". */
  public static String band(EstimateQuestion q) {
    return "accepted from " + Numbers.format(round(q.answer() / q.within())) + " to "
        + Numbers.format(round(q.answer() * q.within())) + " " + q.unit() + " (within "
        + Numbers.format(q.within()) + "× of " + Numbers.format(q.answer()) + ")";
  }

  /** Three significant figures, for bounds that need not show more. */
  private static double round(double v) {
    if (v == 0) {
      return 0;
    }
    double scale = Math.pow(10, Math.floor(Math.log10(Math.abs(v))) - 2);
    return Math.round(v / scale) * scale;
  }

  /** Drill time as m:ss. */
  public static String clock(long millis) {
    long secs = Math.max(0, millis) / 1000;
    return String.format(Locale.ROOT, "%d:%02d", secs / 60, secs % 60);
  }

  private static String quoted(Iterable<String> phrases) {
    List<String> q = new ArrayList<>();
    phrases.forEach(p -> q.add("\"" + p + "\""));
    return String.join(", ", q);
  }

  private static String cell(String text) {
    return text.strip().replace("|", "\\|").replace("\n", " ");
  }
}
