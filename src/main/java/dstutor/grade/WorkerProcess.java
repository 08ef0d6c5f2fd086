package dstutor.grade;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A grading worker JVM seen from the tutor: start it, send requests, read its messages. Each
 * worker runs in a throwaway folder of its own, which is also its {@code user.home} and {@code
 * java.io.tmpdir}: what learner code writes to a relative path, its home or the temporary folder
 * lands there and is deleted with the worker, not in the workspace, the course or the tutor's
 * state.
 */
final class WorkerProcess implements AutoCloseable {
  /** How many jobs a worker serves before it is replaced (classes of old jobs pile up). */
  static final int MAX_JOBS = 40;
  private static final String DIR_PREFIX = "dstutor-worker-";
  /** Put on the queue when the worker's stdout ends. */
  static final Object EOF = new Object();
  private static final int STDERR_CAP = 8 * 1024;

  private final Process process;
  private final int memoryMb;
  private final Path dir;
  private int jobs;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();
  private Wire.Writer requests;
  private volatile String garbled;

  private WorkerProcess(Process process, int memoryMb, Path dir) {
    this.process = process;
    this.memoryMb = memoryMb;
    this.dir = dir;
    // Deleted once the process has ended, however it ends; a tutor that exits first leaves the
    // folder to the next start's sweep.
    process.onExit().thenRun(() -> deleteTree(dir));
  }

  static WorkerProcess start(List<String> jvmOptions, String classpath, int memoryMb)
      throws IOException {
    // jvmOptions carry the worker's class-data archive (or the training run's dump).
    Path base = Path.of(System.getProperty("java.io.tmpdir"));
    sweep(base);
    Path dir = Files.createTempDirectory(base, DIR_PREFIX + ProcessHandle.current().pid() + "-",
        ownerOnly(base));
    List<String> cmd = Jvm.command(null);
    cmd.add("-Xmx" + memoryMb + "m");
    cmd.add("-Duser.home=" + dir);
    cmd.add("-Djava.io.tmpdir=" + dir);
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Djava.awt.headless=true");
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(Worker.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.directory(dir.toFile());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("_JAVA_OPTIONS");
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("TMPDIR", dir.toString());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      deleteTree(dir);
      throw e;
    }
    WorkerProcess w = new WorkerProcess(process, memoryMb, dir);
    w.startReaders();
    return w;
  }

  /** The worker's own folder (its working directory and home). */
  Path dir() {
    return dir;
  }

  private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path base) {
    if (base.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new java.nio.file.attribute.FileAttribute<?>[] {
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"))};
    }
    return new java.nio.file.attribute.FileAttribute<?>[0];
  }

  /** Deletes the folders of workers whose tutor has ended (a tutor killed, or exiting first). */
  private static void sweep(Path base) {
    try (var dirs = Files.newDirectoryStream(base, DIR_PREFIX + "*")) {
      for (Path d : dirs) {
        String rest = d.getFileName().toString().substring(DIR_PREFIX.length());
        int dash = rest.indexOf('-');
        try {
          long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
          if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            continue;
          }
          // Its tutor is gone; a worker of its may still be ending: leave a fresh folder be.
          if (Files.getLastModifiedTime(d).toMillis() < System.currentTimeMillis() - 60_000) {
            deleteTree(d);
          }
        } catch (NumberFormatException | IOException e) {
          // Not ours, or gone already.
        }
      }
    } catch (IOException e) {
      // Nothing to sweep.
    }
  }

  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // Left for the next sweep.
        }
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      // Gone already, or left for the next sweep.
    }
  }

  /** Jobs sent to this worker so far. */
  int jobs() {
    return jobs;
  }

  private void startReaders() {
    Thread reader = new Thread(() -> {
      try (Wire.Reader in = new Wire.Reader(
          new BufferedInputStream(process.getInputStream()))) {
        for (Object m = in.next("started", "result"); m != null;
            m = in.next("started", "result")) {
          events.add(m);
        }
      } catch (Wire.WireException e) {
        // Learner code that writes to the process's own standard output (not System.out, which
        // the worker captures) breaks the stream; the worker is ended and the run is a crash.
        garbled = e.getMessage();
        process.destroyForcibly();
      } catch (IOException | RuntimeException e) {
        // The worker is gone.
      }
      events.add(EOF);
    }, "dstutor-worker-reader");
    reader.setDaemon(true);
    reader.start();
    Thread errors = new Thread(() -> {
      try (InputStream in = process.getErrorStream()) {
        byte[] buf = new byte[1024];
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (stderr) {
            if (stderr.length() < STDERR_CAP) {
              stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
          }
        }
      } catch (IOException e) {
        // The worker is gone.
      }
    }, "dstutor-worker-stderr");
    errors.setDaemon(true);
    errors.start();
  }

  int memoryMb() {
    return memoryMb;
  }

  boolean alive() {
    return process.isAlive();
  }

  void send(WorkerProtocol.Request request) throws IOException {
    if (requests == null) {
      requests = new Wire.Writer(new BufferedOutputStream(process.getOutputStream()));
    }
    requests.request(request);
    jobs++;
  }

  /** The next message, {@link #EOF}, or null when {@code millis} pass first. */
  /**
   * CPU time the worker process has used so far, in milliseconds, or -1 where the platform does
   * not tell.
   */
  long cpuMillis() {
    return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toMillis)
        .orElse(-1L);
  }

  Object poll(long millis) throws InterruptedException {
    return events.poll(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  /** The exit code once the process has ended (waiting briefly), or null. */
  Integer exitCode() {
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** Why the worker's messages could not be read, if that is how it ended; else null. */
  String garbled() {
    return garbled;
  }

  String stderrTail() {
    synchronized (stderr) {
      return stderr.toString().strip();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /**
   * Lets an idle worker end by itself (end of its stdin), waiting up to {@code waitMillis} for it:
   * a training run must exit normally to write its class-data archive.
   */
  void retire(long waitMillis) {
    try {
      process.getOutputStream().close();
      if (waitMillis > 0 && !process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
