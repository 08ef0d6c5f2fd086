package dstutor.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.quiz.ScheduleTest.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule on disk: round trip, atomic writes, a damaged file kept aside. */
class ReviewStoreTest {
  private final TestClock clock = new TestClock("2026-12-01T09:00:00Z", ZoneOffset.UTC);

  @Test
  void savesAndLoadsEveryField(@TempDir Path home) throws IOException {
    ReviewStore store = new ReviewStore(home, clock);
    Reviews r = store.load();
    Card a = ScheduleTest.card("quorum", 1);
    Card b = ScheduleTest.card("quorum", 2);
    r.record(a, true, clock);
    r.record(b, false, clock);
    r.bringForward(Set.of("gossip"), clock.instant());
    store.save(r);
    try (Stream<Path> files = Files.list(home)) {
      assertEquals(List.of(home.resolve("reviews.json")), files.toList(), "no temporary file");
    }
    Reviews back = new ReviewStore(home, clock).load();
    assertEquals(r.state(a.id()), back.state(a.id()));
    assertEquals(r.state(b.id()), back.state(b.id()));
    assertEquals(r.forwarded(), back.forwarded());
    assertTrue(Files.readString(home.resolve("reviews.json")).contains("\"version\" : 1"));
  }

  @Test
  void noFileIsAFreshSchedule(@TempDir Path home) throws IOException {
    ReviewStore store = new ReviewStore(home.resolve("not-yet"), clock);
    assertNull(store.load().state("quorum-1"));
    assertEquals(List.of(), store.warnings());
  }

  @Test
  void aDamagedFileIsMovedAsideAndReported(@TempDir Path home) throws IOException {
    Path file = home.resolve("reviews.json");
    Files.writeString(file, "{\"version\": 1, \"cards\": {\"quorum-1\": {\"due\": \"soon\"");
    ReviewStore store = new ReviewStore(home, clock);
    assertThrows(IOException.class, store::read, "read only looks");
    assertTrue(Files.exists(file));
    Reviews r = store.load();
    assertNull(r.state("quorum-1"));
    Path aside = home.resolve("reviews.json.damaged-20261201-090000");
    assertTrue(Files.exists(aside), "kept aside");
    assertTrue(Files.readString(aside).contains("\"soon\""), "unchanged");
    assertEquals(1, store.warnings().size());
    String w = store.warnings().get(0);
    assertTrue(w.startsWith("your review schedule " + file + " could not be read ("), w);
    assertTrue(w.endsWith("it was moved to " + aside + " and your cards start afresh. If you"
        + " can repair it, move it back while dstutor is not running."), w);
    // A second damaged file the same second does not overwrite the first one kept aside.
    Files.writeString(file, "[]");
    new ReviewStore(home, clock).load();
    assertTrue(Files.exists(home.resolve("reviews.json.damaged-20261201-090000-2")));
  }

  @Test
  void anotherVersionIsNotReadAsThisOne(@TempDir Path home) throws IOException {
    Files.writeString(home.resolve("reviews.json"), "{\"version\": 2, \"cards\": {}}");
    ReviewStore store = new ReviewStore(home, clock);
    store.load();
    assertTrue(store.warnings().get(0).contains("(it is version 2, this dstutor reads version"
        + " 1)"), store.warnings().toString());
  }
}
