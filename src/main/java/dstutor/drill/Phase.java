package dstutor.drill;

import java.util.List;

/** One time-boxed phase of a drill: starts at minute {@code at} of the plan, lasts {@code minutes}. */
public record Phase(
    String id,
    String title,
    int at,
    int minutes,
    String prompt,
    List<String> questions,
    List<EstimateQuestion> estimates) {

  public Phase {
    questions = List.copyOf(questions);
    estimates = List.copyOf(estimates);
  }

  public int end() {
    return at + minutes;
  }
}
