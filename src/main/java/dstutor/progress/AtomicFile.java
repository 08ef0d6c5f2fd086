package dstutor.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How the learner's state files are written and set aside: a crash or a full disk never leaves half
 * a file, and a file that cannot be read is moved out of the way, never replaced, so nothing is
 * lost. Progress, review schedules and drill runs all go through here.
 */
public final class AtomicFile {
  private static final String TMP = ".tmp-";

  private AtomicFile() {}

  /** Writes what {@code body} produces to a temporary file in the same folder, then renames. */
  public static void write(Path file, Body body) throws IOException {
    Files.createDirectories(file.getParent());
    removeLeftovers(file);
    // A unique name without Files.createTempFile, whose SecureRandom costs start-up time.
    Path tmp = file.resolveSibling(file.getFileName() + TMP + ProcessHandle.current().pid()
        + "-" + System.nanoTime());
    try {
      try (OutputStream os = Files.newOutputStream(tmp)) {
        body.writeTo(os);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Deletes the temporary files ({@code <name>.tmp-<pid>-<nanos>}) that writers of {@code file}
   * left when they were killed between writing and renaming. A file whose writer still runs (a
   * concurrent write, or this process) is left alone; it only ever held a copy not yet renamed
   * into place, so nothing written is lost. Never fails: a leftover is only clutter.
   */
  public static void removeLeftovers(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    String prefix = file.getFileName() + TMP;
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> p.getFileName().toString()
        .startsWith(prefix))) {
      for (Path tmp : s) {
        String rest = tmp.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
          continue; // not one of ours
        }
        if (pid != self && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
          Files.deleteIfExists(tmp);
        }
      }
    } catch (IOException | SecurityException e) {
      // no folder yet, or not ours to clean: the leftovers stay, and do no harm
    }
  }

  /**
   * Moves a damaged {@code file} aside as {@code <name>.damaged-<stamp>} (with {@code -2}, {@code
   * -3}, ... if that exists already) and returns where it went.
   */
  public static Path moveAside(Path file, String stamp) throws IOException {
    String base = file.getFileName() + ".damaged-" + stamp;
    Path aside = file.resolveSibling(base);
    for (int i = 2; Files.exists(aside); i++) {
      aside = file.resolveSibling(base + "-" + i);
    }
    Files.move(file, aside);
    return aside;
  }

  /**
   * Why a state file could not be read, in a line: Jackson's own text for a JSON error with its
   * line and column (its full message adds a source description meant for developers).
   */
  public static String why(Exception e) {
    if (e instanceof JsonProcessingException j && j.getLocation() != null) {
      return j.getOriginalMessage() + " at line " + j.getLocation().getLineNr() + ", column "
          + j.getLocation().getColumnNr();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** Writes a file's bytes. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }
}
