package dstutor.course;

import java.nio.file.Path;
import java.util.List;

/**
 * One exercise as its {@code exercise.yaml} defines it. {@code relDir} is its folder relative to
 * {@code exercises/} (for example {@code patterns/quorum}); the learner's workspace and {@code
 * solutions/} mirror that path. A {@code quiz} exercise has no suite nor given files: its
 * questions, answers included, are the file {@code quiz} in the solutions folder, the learner
 * writes {@code answers.yaml}, and {@code pass} is the percentage of right answers that passes.
 * {@code sandbox}, for a simulated code exercise, names the file in the solutions folder that
 * builds a cluster of the learner's nodes for {@code dstutor sandbox} (null: none).
 */
public record Exercise(
    String id,
    String title,
    String kind,
    int difficulty,
    int minutes,
    List<String> requires,
    List<String> patterns,
    List<String> systems,
    List<String> given,
    List<String> files,
    String suite,
    List<HintRung> hints,
    Limits limits,
    String relDir,
    Path dir,
    Path solutionDir,
    Path definition,
    String quiz,
    int pass,
    String sandbox) {
  /** The kind of exercise graded by a hidden suite. */
  public static final String CODE = "code";
  /** The kind of exercise graded by its questions' answers. */
  public static final String QUIZ = "quiz";
  /** The learner's file of a quiz exercise. */
  public static final String ANSWERS = "answers.yaml";

  /** One rung of the hint ladder. */
  public record HintRung(String id, String text, String see) {}

  /** What one grading run may use. */
  public record Limits(int testSeconds, int totalSeconds, int memoryMb) {
    public static final Limits DEFAULT = new Limits(5, 30, 256);
  }

  /**
   * The system an exercise of the systems track is about: the folder it sits in under {@code
   * exercises/systems/} ({@code systems/dynamo/dynamo-coordinator} is Dynamo's), or {@code null}
   * for an exercise outside that folder.
   */
  public String systemFolder() {
    String[] parts = relDir.split("/");
    return parts.length >= 3 && parts[0].equals("systems") ? parts[1] : null;
  }

  public Path brief() {
    return dir.resolve("brief.md");
  }

  /** The file, in the solutions folder, that makes a sandbox cluster of this exercise, or null. */
  public Path sandboxFile() {
    return sandbox == null ? null : solutionDir.resolve(sandbox);
  }

  public Path suiteFile() {
    return solutionDir.resolve(suite);
  }

  public boolean isQuiz() {
    return QUIZ.equals(kind);
  }

  /** A quiz exercise's questions and answers, in the solutions folder. */
  public Path quizFile() {
    return solutionDir.resolve(quiz);
  }

  /** Index of the hint with this id in the ladder, or -1. */
  public int hintIndex(String hintId) {
    for (int i = 0; i < hints.size(); i++) {
      if (hints.get(i).id().equals(hintId)) {
        return i;
      }
    }
    return -1;
  }
}
