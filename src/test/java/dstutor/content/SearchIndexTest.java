package dstutor.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.content.SearchIndex.Hit;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ranking sections of the real course: for each query, the section that must come first. */
class SearchIndexTest {
  static SearchIndex index;

  @BeforeAll
  static void build() {
    index = SearchIndex.of(RealContent.pages().all());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      sloppy quorum                  | quorum#sloppy-quorums
      jeopardy                       | chubby#jeopardy-and-the-grace-period
      record append                  | gfs#record-append
      in-sync replicas               | kafka#in-sync-replicas
      tablet location                | bigtable#tablet-location
      rack awareness                 | hdfs#rack-awareness
      phi threshold                  | phi-accrual#the-phi-threshold
      walking the ring               | consistent-hashing#walking-the-ring
      virtual nodes                  | consistent-hashing#virtual-nodes
      adding and removing nodes      | consistent-hashing#adding-and-removing-nodes
      preference list                | consistent-hashing#preference-lists
      sizing the filter              | bloom-filter#sizing-the-filter
      number of hash functions       | bloom-filter#choosing-the-number-of-hash-functions
      no false negatives             | bloom-filter#no-false-negatives
      deriving hash functions        | bloom-filter#deriving-k-hash-functions
      comparing clocks               | vector-clocks#comparing-clocks
      incrementing and merging       | vector-clocks#incrementing-and-merging
      missing entries                | vector-clocks#missing-entries
      reconciling siblings           | vector-clocks#reconciling-siblings
      overlapping quorums            | quorum#overlapping-quorums
      versions and the newest value  | quorum#versions-and-the-newest-value
      timeouts and failed writes     | quorum#timeouts-and-failed-writes
      choosing the timeout           | heartbeat#choosing-the-timeout
      suspecting and clearing        | heartbeat#suspecting-and-clearing
      wall clock                     | heartbeat#timers-not-wall-clocks
      push-pull                      | gossip#push-pull-rounds
      versioned state                | gossip#versioned-state-and-merging
      detecting failed members       | gossip#detecting-failed-members
      how does gossip spread         | gossip#how-fast-gossip-spreads
      unclean leader election        | kafka#all-in-sync-replicas-die-unclean-leader-election
      leader epoch                   | kafka#leader-epochs-and-log-truncation
      zero copy                      | kafka#page-cache-batching-and-zero-copy
      consumer groups                | kafka#consumer-groups
      lock delay                     | chubby#delayed-messages-sequencers-and-lock-delay
      snitch                         | cassandra#replication-strategy-and-snitch
      immutable sstables             | bigtable#immutable-sstables
      fsimage editlog                | hdfs#fsimage-and-editlog
      hinted handoff                 | hinted-handoff#summary
      merkle trees                   | merkle-trees#summary
      cap theorem                    | cap#summary
      high water mark                | high-water-mark#summary
      write ahead log                | write-ahead-log#summary
      """)
  void ranksTheRightSectionFirst(String query, String expected) {
    List<Hit> hits = index.search(query, 5);
    assertFalse(hits.isEmpty(), query);
    assertEquals(expected, hits.get(0).readTarget(), () -> query + " ranked: "
        + hits.stream().map(Hit::readTarget).toList());
  }

  @Test
  void theSnippetShowsTheMatchWithItMarked() {
    Hit h = index.search("sloppy quorum", 1).get(0);
    String text = h.snippet().text();
    assertTrue(text.toLowerCase(Locale.ROOT).contains("quorum"), text);
    assertFalse(h.snippet().marks().isEmpty());
    int[] m = h.snippet().marks().get(0);
    assertTrue(Terms.stem(text.substring(m[0], m[1]).toLowerCase(Locale.ROOT))
        .matches("sloppy|quorum"), text.substring(m[0], m[1]));
    assertTrue(text.length() <= Snippet.LENGTH + 40, text);
    for (String line : h.snippet().lines(50, false)) {
      assertTrue(line.length() <= 50, line);
    }
    assertTrue(String.join(" ", h.snippet().lines(50, true)).contains("\u001b[1m"));
  }

  @Test
  void subsectionsKnowTheirPageAndParent() {
    Hit h = index.search("record append", 1).get(0);
    assertEquals("GFS", h.section().pageTitle());
    assertEquals("Record append", h.section().heading());
    assertFalse(h.section().parent().isEmpty());
  }

  @Test
  void limitAndNoMatch() {
    assertEquals(3, index.search("lease", 3).size());
    assertEquals(List.of(), index.search("xyzzyplugh", 5));
    assertFalse(SearchIndex.searchable("the of and"));
    assertTrue(SearchIndex.searchable("the lease"));
  }

  @Test
  void phrasesAndHeadingsOutrankScatteredWords() {
    Page p = Page.parse(Path.of("content", "patterns", "demo.md"), "---\nid: demo\ntitle: Demo\n"
        + "kind: pattern\nrelated: []\nsources: [x]\n---\n# Demo\n\n"
        + "## Scattered\n\nThe quorum was sloppy about many things, unlike a log.\n\n"
        + "## Phrase\n\nHere a sloppy quorum is described once.\n\n"
        + "## Sloppy quorums\n\nShort text.\n");
    SearchIndex small = SearchIndex.of(List.of(p));
    assertEquals(List.of("demo#sloppy-quorums", "demo#phrase", "demo#scattered"),
        small.search("sloppy quorum", 5).stream().map(Hit::readTarget).toList());
  }

  @Test
  void stemmingMeetsCommonEndings() {
    assertEquals(Terms.stem("quorum"), Terms.stem("quorums"));
    assertEquals(Terms.stem("replicate"), Terms.stem("replicated"));
    assertEquals(Terms.stem("hash"), Terms.stem("hashing"));
    assertEquals(Terms.stem("entry"), Terms.stem("entries"));
    assertEquals(Terms.stem("lease"), Terms.stem("leases"));
  }
}
