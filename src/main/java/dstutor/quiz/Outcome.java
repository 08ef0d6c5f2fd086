package dstutor.quiz;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of checking one answer, with everything the learner should see afterwards.
 * {@code problem} is set (and nothing was graded) when the answer could not be read: the learner
 * is asked again. {@code given}: how the answer was understood; {@code why}: why it is wrong (the
 * chosen choices' {@code why}, the missing terms); {@code answer}: the correct answer; {@code
 * model}: a terms card's model answer; {@code working}, {@code explain}: may be null; {@code
 * read}: a {@code dstutor read} command.
 */
public record Outcome(boolean right, String problem, String given, List<String> why,
    String answer, String model, String working, String explain, String read) {
  public Outcome {
    why = why == null ? List.of() : List.copyOf(why);
  }

  /** An answer that could not be read; {@code problem} says how to write one. */
  static Outcome unreadable(String problem) {
    return new Outcome(false, problem, null, List.of(), null, null, null, null, null);
  }

  public boolean readable() {
    return problem == null;
  }

  /**
   * The feedback after the verdict line, as plain lines (the faces add marks and colour): what
   * was answered and why it is wrong, the right answer, the working, the explanation, the link.
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    if (!right) {
      if (given != null) {
        out.add("you answered: " + given);
      }
      out.addAll(why);
      if (answer != null) {
        out.add("the answer: " + answer);
      }
    }
    if (model != null) {
      out.add("a model answer: " + model);
    }
    if (working != null) {
      out.add("working: " + working);
    }
    if (explain != null) {
      out.add(explain);
    }
    out.add("read: " + read);
    return out;
  }
}
