package dstutor.content;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The course text in this repository, and the fixed facts about it from the content spec. */
final class RealContent {
  static final Path ROOT = Path.of("").toAbsolutePath();
  static final Path CONTENT = ROOT.resolve("content");
  static final List<String> SYSTEMS =
      List.of("dynamo", "cassandra", "bigtable", "kafka", "gfs", "hdfs", "chubby");
  static final List<String> PATTERNS = List.of("consistent-hashing", "quorum", "leader-follower",
      "write-ahead-log", "segmented-log", "high-water-mark", "lease", "heartbeat", "gossip",
      "phi-accrual", "split-brain", "fencing", "checksum", "vector-clocks", "cap", "pacelc",
      "hinted-handoff", "read-repair", "merkle-trees", "bloom-filter");
  /** The exercises that exist or are being written (content spec); their id is the pattern id. */
  static final List<String> EXERCISES = List.of("consistent-hashing", "bloom-filter",
      "vector-clocks", "quorum", "heartbeat", "gossip", "write-ahead-log", "segmented-log",
      "checksum", "merkle-trees", "leader-follower", "high-water-mark", "lease", "split-brain",
      "fencing", "hinted-handoff", "read-repair", "phi-accrual", "cap", "pacelc");

  /** The cross-reference graph of the content spec: system to the patterns it uses. */
  static final Map<String, List<String>> GRAPH = new LinkedHashMap<>();

  static {
    GRAPH.put("dynamo", List.of("consistent-hashing", "quorum", "vector-clocks", "hinted-handoff",
        "read-repair", "merkle-trees", "gossip", "cap", "pacelc"));
    GRAPH.put("cassandra", List.of("consistent-hashing", "quorum", "gossip", "heartbeat",
        "phi-accrual", "hinted-handoff", "read-repair", "merkle-trees", "bloom-filter",
        "write-ahead-log", "segmented-log", "checksum", "cap", "pacelc"));
    GRAPH.put("bigtable", List.of("lease", "heartbeat", "split-brain", "write-ahead-log",
        "bloom-filter", "cap", "pacelc"));
    GRAPH.put("kafka", List.of("leader-follower", "write-ahead-log", "segmented-log",
        "high-water-mark", "quorum", "heartbeat", "fencing", "checksum", "cap", "pacelc"));
    GRAPH.put("gfs", List.of("leader-follower", "lease", "heartbeat", "write-ahead-log",
        "checksum", "cap", "pacelc"));
    GRAPH.put("hdfs", List.of("leader-follower", "lease", "heartbeat", "write-ahead-log",
        "segmented-log", "checksum", "quorum", "fencing", "split-brain", "cap", "pacelc"));
    GRAPH.put("chubby", List.of("leader-follower", "quorum", "lease", "heartbeat", "fencing",
        "split-brain", "cap", "pacelc"));
  }

  /** Sub-headings that hints and search link to (content spec), by page. */
  static final Map<String, List<String>> SUB_HEADINGS = new LinkedHashMap<>();

  static {
    SUB_HEADINGS.put("consistent-hashing", List.of("Walking the ring", "Virtual nodes",
        "Adding and removing nodes", "Preference lists"));
    SUB_HEADINGS.put("bloom-filter", List.of("Sizing the filter",
        "Choosing the number of hash functions", "No false negatives",
        "Deriving k hash functions"));
    SUB_HEADINGS.put("vector-clocks", List.of("Incrementing and merging", "Comparing clocks",
        "Missing entries", "Reconciling siblings"));
    SUB_HEADINGS.put("quorum", List.of("Overlapping quorums", "Versions and the newest value",
        "Timeouts and failed writes", "Sloppy quorums"));
    SUB_HEADINGS.put("heartbeat", List.of("Choosing the timeout", "Suspecting and clearing",
        "Timers, not wall clocks"));
    SUB_HEADINGS.put("gossip", List.of("Push-pull rounds", "Versioned state and merging",
        "Detecting failed members", "How fast gossip spreads"));
    SUB_HEADINGS.put("phi-accrual", List.of("The phi threshold"));
    SUB_HEADINGS.put("dynamo", List.of("Sloppy quorum and hinted handoff"));
    SUB_HEADINGS.put("chubby", List.of("Jeopardy and the grace period"));
    SUB_HEADINGS.put("gfs", List.of("Record append"));
    SUB_HEADINGS.put("kafka", List.of("In-sync replicas"));
    SUB_HEADINGS.put("bigtable", List.of("Tablet location"));
    SUB_HEADINGS.put("hdfs", List.of("Rack awareness"));
  }

  private static Pages pages;

  private RealContent() {}

  static synchronized Pages pages() {
    if (pages == null) {
      pages = new Pages(CONTENT);
    }
    return pages;
  }

  /** The ids of the pages that are in the repository (for parameterized tests). */
  static Stream<String> ids() {
    return new Pages(CONTENT).files().keySet().stream();
  }

  static Page page(String id) {
    return pages().find(id).orElseThrow(() -> new AssertionError("no page " + id));
  }
}
