package dstutor.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file watcher wakes its caller as a save happens (no tick to wait for), and a save is ready
 * once it has been quiet for the debounce interval: {@code untilReady} says how long that is.
 * (One write of a file may be one event or several, truncating and writing: the test waits for
 * readiness rather than counting events.)
 */
class ChangeWatcherTest {
  @Test
  void aSaveWakesTheCallerAndIsReadyOnceQuiet(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("A.java");
    Files.writeString(file, "class A {}");
    Semaphore woken = new Semaphore(0);
    try (ChangeWatcher w = new ChangeWatcher(List.of(file), 50, false, woken::release)) {
      if (w.polling()) {
        return; // no file watcher on this platform: WatchCommandTest covers polling
      }
      w.graded(w.fingerprint());
      assertEquals(-1, w.untilReady(System.currentTimeMillis()), "nothing waiting yet");

      Files.writeString(file, "class A { int x; }");
      assertTrue(woken.tryAcquire(10, TimeUnit.SECONDS), "the save woke the caller");
      long now = System.currentTimeMillis();
      assertNull(w.check(now), "not quiet for 50 ms yet");
      long left = w.untilReady(now);
      assertTrue(left > 0 && left <= 50, "waits out the debounce: " + left);
      long saved = now;
      String ready = awaitReady(w);
      assertTrue(System.currentTimeMillis() - saved >= 50, "not before the interval");
      assertEquals(w.fingerprint(), ready);
      w.graded(ready);
      assertEquals(-1, w.untilReady(System.currentTimeMillis()));

      // The same content saved again wakes the caller but is never ready.
      woken.drainPermits();
      Files.writeString(file, "class A { int x; }");
      assertTrue(woken.tryAcquire(10, TimeUnit.SECONDS));
      long end = System.currentTimeMillis() + 300;
      while (System.currentTimeMillis() < end) {
        assertNull(w.check(System.currentTimeMillis()), "same content: not graded again");
        Thread.sleep(5);
      }
      assertEquals(-1, w.untilReady(System.currentTimeMillis()), "nothing waiting");
    }
  }

  private static String awaitReady(ChangeWatcher w) throws InterruptedException {
    long end = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < end) {
      String ready = w.check(System.currentTimeMillis());
      if (ready != null) {
        return ready;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the save never became ready");
  }
}
