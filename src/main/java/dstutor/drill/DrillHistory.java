package dstutor.drill;

import dstutor.drill.Summary.ConceptResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The drills run so far, read from {@code DSTUTOR_HOME/drills/}: what {@code dstutor drill
 * --history} lists, and what other faces use without the drills' definitions: the mastery view
 * (concepts per page and whether they were covered) and recall cards (the {@code read} links of
 * the concepts a finished run missed, whose cards should come due sooner).
 */
public final class DrillHistory {
  private final List<Entry> entries;

  private DrillHistory(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * One run. {@code damaged} is null when its state file was read, else why it was not (the file
   * is left as it is); then only {@code dir} is known.
   */
  public record Entry(Path dir, String drillId, String title, LocalDateTime started,
      boolean finished, Summary summary, RunState state, String damaged) {
    public boolean isDamaged() {
      return damaged != null;
    }

    /** Every rubric concept with its read link and whether the answers mentioned it. */
    public List<ConceptResult> concepts() {
      return summary == null ? List.of() : summary.concepts();
    }

    public List<ConceptResult> missed() {
      return summary == null ? List.of() : summary.missed();
    }

    /** The read links (course paths with anchors) of the concepts this run missed. */
    public List<String> missedReads() {
      return missed().stream().map(ConceptResult::read).distinct().toList();
    }
  }

  /** Every run under {@code home}, newest first; a home without drills has none. */
  public static DrillHistory load(Path home) {
    Path dir = StateFile.drillsDir(home);
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return new DrillHistory(out);
    }
    List<Path> runs;
    try (Stream<Path> s = Files.list(dir)) {
      runs = s.filter(p -> Files.isRegularFile(p.resolve(StateFile.STATE)))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    } catch (IOException e) {
      return new DrillHistory(out);
    }
    for (Path run : runs) {
      try {
        StateFile.Saved saved = StateFile.load(run);
        RunState s = saved.state();
        out.add(new Entry(run, s.drillId, s.title, parse(s.started), s.finished, saved.summary(),
            s, null));
      } catch (StateFile.DamagedException e) {
        out.add(new Entry(run, null, null, null, false, null, null, e.getMessage()));
      }
    }
    return new DrillHistory(out);
  }

  private static LocalDateTime parse(String started) {
    try {
      return LocalDateTime.parse(started);
    } catch (DateTimeParseException | NullPointerException e) {
      return null;
    }
  }

  /** Newest first, damaged runs included. */
  public List<Entry> entries() {
    return entries;
  }

  /** The newest finished run, if any: its {@link Entry#missedReads()} are what to review. */
  public Optional<Entry> latestFinished() {
    return entries.stream().filter(e -> !e.isDamaged() && e.finished()).findFirst();
  }

  /** The newest run that can be resumed. */
  public Optional<Entry> latestUnfinished() {
    return entries.stream().filter(e -> !e.isDamaged() && !e.finished()).findFirst();
  }

  /** For each drill id, its newest finished run: the learner's current standing on that drill. */
  public Map<String, Entry> latestFinishedPerDrill() {
    Map<String, Entry> out = new LinkedHashMap<>();
    entries.stream().filter(e -> !e.isDamaged() && e.finished())
        .forEach(e -> out.putIfAbsent(e.drillId(), e));
    return out;
  }

  /**
   * The concepts of every drill's newest finished run grouped by the page their read link leads
   * to ({@code quorum}, {@code dynamo}, ...): drill coverage per pattern and per system.
   */
  public Map<String, List<ConceptResult>> conceptsByPage() {
    Map<String, List<ConceptResult>> out = new LinkedHashMap<>();
    for (Entry e : latestFinishedPerDrill().values()) {
      for (ConceptResult c : e.concepts()) {
        out.computeIfAbsent(c.page(), k -> new ArrayList<>()).add(c);
      }
    }
    return out;
  }
}
