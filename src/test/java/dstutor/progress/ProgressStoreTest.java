package dstutor.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressStoreTest {
  @Test
  void roundTrips(@TempDir Path home) throws Exception {
    ProgressStore store = new ProgressStore(home);
    Progress p = store.load();
    p.setCurrent("quorum");
    p.of("quorum").recordSubmit(false, "failed", 2);
    p.of("quorum").recordSubmit(true, "passed", 0);
    p.of("quorum").setHintsShown(1);
    store.save(p);
    Progress q = new ProgressStore(home).load();
    assertEquals("quorum", q.current());
    assertTrue(q.passed("quorum"));
    assertEquals(2, q.peek("quorum").submits());
    assertEquals(2, q.peek("quorum").firstPassSubmit());
    assertEquals(1, q.peek("quorum").hintsShown());
  }

  @Test
  void aLaterFailureNeverUnpasses(@TempDir Path home) throws Exception {
    Progress p = new Progress();
    p.of("x").recordSubmit(true, "passed", 0);
    p.of("x").recordSubmit(false, "crashed", 1);
    assertTrue(p.passed("x"));
    assertEquals("crashed", p.peek("x").lastStatus());
  }

  @Test
  void aTemporaryFileOfAWriterThatDiedIsRemovedAtTheNextLoad(@TempDir Path home)
      throws Exception {
    ProgressStore store = new ProgressStore(home);
    Progress p = store.load();
    p.setCurrent("quorum");
    store.save(p);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path dead = home.resolve("progress.json.tmp-" + gone.pid() + "-123");
    Files.writeString(dead, "{\"version\": 1, \"exer");
    // A writer that still runs may be about to rename its file: it stays.
    Process running = new ProcessBuilder("sleep", "30").start();
    try {
      Path live = home.resolve("progress.json.tmp-" + running.pid() + "-456");
      Path own = home.resolve("progress.json.tmp-" + ProcessHandle.current().pid() + "-789");
      Path other = home.resolve("progress.json.tmp-notapid");
      for (Path f : List.of(live, own, other)) {
        Files.writeString(f, "{");
      }
      Progress q = new ProgressStore(home).load();
      assertEquals("quorum", q.current());
      assertFalse(Files.exists(dead));
      assertTrue(Files.exists(live) && Files.exists(own) && Files.exists(other));
      assertEquals("{", Files.readString(live));
    } finally {
      running.destroyForcibly().waitFor();
    }
  }

  @Test
  void damagedFileIsMovedAsideAndReported(@TempDir Path home) throws Exception {
    Path file = home.resolve("progress.json");
    Files.writeString(file, "{\"version\": 1, \"exercises\": {\"x\": ");
    ProgressStore store = new ProgressStore(home);
    Progress p = store.load();
    assertFalse(p.passed("x"));
    assertFalse(Files.exists(file));
    List<Path> aside;
    try (Stream<Path> s = Files.list(home)) {
      aside = s.filter(f -> f.getFileName().toString().startsWith("progress.json.damaged-"))
          .toList();
    }
    assertEquals(1, aside.size());
    assertEquals("{\"version\": 1, \"exercises\": {\"x\": ", Files.readString(aside.get(0)));
    String warning = store.warnings().get(0);
    assertTrue(warning.contains(file.toString()) && warning.contains(aside.get(0).toString()),
        warning);
  }

  @Test
  void unknownVersionIsNotSilentlyReset(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve("progress.json"), "{\"version\": 99, \"exercises\": {}}");
    ProgressStore store = new ProgressStore(home);
    store.load();
    assertTrue(store.warnings().get(0).contains("version 99"), store.warnings().toString());
  }

  @Test
  void saveLeavesNoTemporaryFiles(@TempDir Path home) throws Exception {
    ProgressStore store = new ProgressStore(home);
    store.save(new Progress());
    store.save(new Progress());
    try (Stream<Path> s = Files.list(home)) {
      assertEquals(List.of("progress.json"), s.map(f -> f.getFileName().toString()).toList());
    }
  }
}
