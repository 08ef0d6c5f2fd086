package dstutor.grade;

import dstutor.course.Exercise;
import dstutor.grade.InMemoryCompiler.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything needed to grade one submission, read from disk up front: the sources (given API,
 * learner files, hidden suite), the suite's class, the limits and the seed. A value, so that a
 * grading server in another JVM can take it as it is.
 */
public record GradeJob(
    String exercise,
    List<Source> sources,
    String suiteClass,
    Set<String> learnerFiles,
    Long seed,
    int testSeconds,
    int totalSeconds,
    int memoryMb,
    boolean full) {

  public GradeJob {
    sources = List.copyOf(sources);
    learnerFiles = Set.copyOf(learnerFiles);
  }

  /** This job with simulated timelines shown whole ({@code --full}): every event, every payload. */
  public GradeJob withFull(boolean f) {
    return new GradeJob(exercise, sources, suiteClass, learnerFiles, seed, testSeconds,
        totalSeconds, memoryMb, f);
  }

  /** Reads the files of a submission: {@code learnerFiles} maps file names to their paths. */
  public static GradeJob of(Exercise e, Map<String, Path> learnerFiles, Long seed)
      throws IOException {
    return of(e, learnerFiles, Map.of(), null, seed);
  }

  /**
   * Like {@link #of(Exercise, Map, Long)}, but the files named in {@code texts} are taken from
   * there (a known-wrong variant's patched copies), shown as {@code textsShownAs} plus the name.
   */
  public static GradeJob of(Exercise e, Map<String, Path> learnerFiles, Map<String, String> texts,
      String textsShownAs, Long seed) throws IOException {
    List<Source> sources = new ArrayList<>();
    for (String g : e.given()) {
      Path p = e.dir().resolve(g);
      sources.add(new Source(g, p.toString(), Files.readString(p), true));
    }
    for (Map.Entry<String, Path> f : learnerFiles.entrySet()) {
      String text = texts.get(f.getKey());
      if (text != null) {
        sources.add(new Source(f.getKey(), textsShownAs + f.getKey(), text, true));
      } else {
        sources.add(new Source(f.getKey(), f.getValue().toString(),
            Files.readString(f.getValue()), true));
      }
    }
    Path suite = e.suiteFile();
    sources.add(new Source(e.suite(), suite.toString(), Files.readString(suite), false));
    Set<String> names = new LinkedHashSet<>(learnerFiles.keySet());
    String suiteClass = e.suite().substring(0, e.suite().length() - ".java".length());
    return new GradeJob(e.id(), sources, suiteClass, names, seed, e.limits().testSeconds(),
        e.limits().totalSeconds(), e.limits().memoryMb(), false);
  }
}
