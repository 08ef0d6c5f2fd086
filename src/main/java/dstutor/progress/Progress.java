package dstutor.progress;

import java.util.LinkedHashMap;
import java.util.Map;

/** The learner's state: the current exercise and, per exercise, submits, passes and hints. */
public final class Progress {
  private String current;
  private final Map<String, ExerciseState> exercises = new LinkedHashMap<>();

  public String current() {
    return current;
  }

  public void setCurrent(String id) {
    this.current = id;
  }

  public ExerciseState of(String id) {
    return exercises.computeIfAbsent(id, k -> new ExerciseState());
  }

  public ExerciseState peek(String id) {
    ExerciseState s = exercises.get(id);
    return s == null ? new ExerciseState() : s;
  }

  public Map<String, ExerciseState> all() {
    return exercises;
  }

  public boolean passed(String id) {
    ExerciseState s = exercises.get(id);
    return s != null && s.passed;
  }

  /** Per-exercise state. Fields are package-visible for the store; use the methods elsewhere. */
  public static final class ExerciseState {
    int submits;
    boolean passed;
    int firstPassSubmit;
    int hintsShown;
    String lastStatus;
    int lastFailing;

    /** Records one graded submission. */
    public void recordSubmit(boolean pass, String status, int failing) {
      submits++;
      lastStatus = status;
      lastFailing = failing;
      if (pass && !passed) {
        passed = true;
        firstPassSubmit = submits;
      }
    }

    public int submits() {
      return submits;
    }

    public boolean passed() {
      return passed;
    }

    public int firstPassSubmit() {
      return firstPassSubmit;
    }

    public int hintsShown() {
      return hintsShown;
    }

    public void setHintsShown(int n) {
      hintsShown = n;
    }

    public String lastStatus() {
      return lastStatus;
    }

    public int lastFailing() {
      return lastFailing;
    }
  }
}
