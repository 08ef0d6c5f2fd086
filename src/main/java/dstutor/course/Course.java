package dstutor.course;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated course: the learning path and its exercises, in path order. {@code root}
 * holds {@code exercises/}, {@code solutions/} and {@code content/}.
 */
public record Course(Path root, String title, List<Track> tracks, Map<String, Exercise> exercises) {
  public Course {
    exercises = new LinkedHashMap<>(exercises);
  }

  public Path exercisesDir() {
    return root.resolve("exercises");
  }

  public Path solutionsDir() {
    return root.resolve("solutions");
  }

  public Path contentDir() {
    return root.resolve("content");
  }

  /** Every exercise in path order (track by track). */
  public List<Exercise> ordered() {
    return new ArrayList<>(exercises.values());
  }

  public Optional<Exercise> find(String id) {
    return Optional.ofNullable(exercises.get(id));
  }

  /** The track an exercise is on. */
  public Track trackOf(String exerciseId) {
    for (Track t : tracks) {
      if (t.exercises().contains(exerciseId)) {
        return t;
      }
    }
    throw new IllegalArgumentException("not on any track: " + exerciseId);
  }
}
