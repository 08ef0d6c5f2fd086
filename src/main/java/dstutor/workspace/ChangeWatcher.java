package dstutor.workspace;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tells when a set of files has been saved: after a change, once no further change has come for
 * the debounce interval, and only when their content differs from the content last graded, so a
 * save in several writes is graded once, as it ends, and the same content is never graded twice.
 * Uses the platform's file watcher, whose events a thread of its own takes as they come and
 * reports through a callback (so that a waiting caller wakes at once), or polls sizes and
 * modification times where there is none (or when asked to).
 */
public final class ChangeWatcher implements AutoCloseable {
  /** How often the polling fallback looks at the files. */
  public static final long POLL_MILLIS = 200;

  private final List<Path> files;
  private final Set<Path> names = new LinkedHashSet<>();
  private final long debounceMillis;
  private final WatchService service;
  private final String why;
  private final Runnable onEvent;
  private String lastGraded;
  private String lastStat;
  private long lastChange = -1;
  private long lastPoll;
  /** Set by the file watcher's thread when one of the files changed; read by {@link #check}. */
  private volatile boolean changedSinceCheck;

  /**
   * @param files the files to watch (they need not exist yet)
   * @param forcePolling poll even where a file watcher exists
   */
  public ChangeWatcher(List<Path> files, long debounceMillis, boolean forcePolling) {
    this(files, debounceMillis, forcePolling, () -> { });
  }

  /**
   * @param onEvent run (on the file watcher's thread) as soon as one of the files changes, so
   *     that the caller can call {@link #check} without waiting for its next tick
   */
  public ChangeWatcher(List<Path> files, long debounceMillis, boolean forcePolling,
      Runnable onEvent) {
    this.files = List.copyOf(files);
    this.onEvent = onEvent;
    this.debounceMillis = debounceMillis;
    for (Path f : files) {
      names.add(f.getFileName());
    }
    WatchService ws = null;
    String reason = null;
    if (forcePolling) {
      reason = "as asked";
    } else {
      try {
        ws = FileSystems.getDefault().newWatchService();
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path f : files) {
          dirs.add(f.toAbsolutePath().getParent());
        }
        for (Path d : dirs) {
          d.register(ws, StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        }
      } catch (IOException | UnsupportedOperationException e) {
        closeQuietly(ws);
        ws = null;
        reason = "no file watcher here (" + e.getMessage() + ")";
      }
    }
    this.service = ws;
    this.why = reason;
    this.lastStat = stat();
    if (ws != null) {
      Thread t = new Thread(this::takeEvents, "dstutor-watch-files");
      t.setDaemon(true);
      t.start();
    }
  }

  /** The file watcher's thread: takes its events as they come, until it is closed. */
  private void takeEvents() {
    try {
      while (true) {
        WatchKey key = service.take();
        boolean mine = false;
        for (WatchEvent<?> ev : key.pollEvents()) {
          if (ev.kind() == StandardWatchEventKinds.OVERFLOW
              || ev.context() instanceof Path p && names.contains(p)) {
            mine = true;
          }
        }
        key.reset();
        if (mine) {
          changedSinceCheck = true;
          onEvent.run();
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // Closed: done.
    }
  }

  /** Whether one of the files changed since {@link #check} last looked, or a change waits. */
  public boolean pending() {
    return changedSinceCheck || lastChange >= 0;
  }

  /**
   * Milliseconds until a change seen by {@link #check} has been quiet for the debounce interval
   * (0: check now), or -1 when no change is waiting.
   */
  public long untilReady(long nowMillis) {
    if (lastChange < 0) {
      return -1;
    }
    return Math.max(0, lastChange + debounceMillis - nowMillis);
  }

  /** Whether this watcher polls; {@link #pollingReason()} says why. */
  public boolean polling() {
    return service == null;
  }

  public String pollingReason() {
    return why;
  }

  /** Marks {@code content} (a {@link #fingerprint()}) as graded: it is not reported again. */
  public void graded(String content) {
    lastGraded = content;
  }

  /**
   * Looks for changes (never blocks) and returns the fingerprint of the files' content when they
   * changed, have been quiet for the debounce interval, and differ from what was last graded;
   * otherwise null.
   */
  public String check(long nowMillis) {
    boolean changed = false;
    if (service != null) {
      if (changedSinceCheck) {
        changedSinceCheck = false;
        changed = true;
      }
    } else if (nowMillis - lastPoll >= POLL_MILLIS) {
      lastPoll = nowMillis;
      String s = stat();
      if (!s.equals(lastStat)) {
        lastStat = s;
        changed = true;
      }
    }
    if (changed) {
      lastChange = nowMillis;
      return null;
    }
    if (lastChange < 0 || nowMillis - lastChange < debounceMillis) {
      return null;
    }
    lastChange = -1;
    String content = fingerprint();
    if (content == null || content.equals(lastGraded)) {
      return null;
    }
    return content;
  }

  /** A digest of the files' bytes, or null while one of them is missing. */
  public String fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          return null;
        }
        byte[] b = Files.readAllBytes(f);
        md.update(Long.toString(b.length).getBytes());
        md.update(b);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String stat() {
    List<String> parts = new ArrayList<>();
    for (Path f : files) {
      try {
        parts.add(Files.size(f) + ":" + Files.getLastModifiedTime(f).toMillis());
      } catch (IOException e) {
        parts.add("-");
      }
    }
    return String.join(",", parts);
  }

  @Override
  public void close() {
    closeQuietly(service);
  }

  private static void closeQuietly(WatchService ws) {
    if (ws != null) {
      try {
        ws.close();
      } catch (IOException e) {
        // Nothing to release.
      }
    }
  }

  @Override
  public String toString() {
    return "ChangeWatcher" + files + (polling() ? " polling" : "") + Objects.toString(why, "");
  }
}
