package dstutor.grade;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A grading worker JVM seen from the tutor: start it, send requests, read its messages. */
final class WorkerProcess implements AutoCloseable {
  /** Put on the queue when the worker's stdout ends. */
  static final Object EOF = new Object();
  private static final int STDERR_CAP = 8 * 1024;

  private final Process process;
  private final int memoryMb;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();
  private ObjectOutputStream requests;

  private WorkerProcess(Process process, int memoryMb) {
    this.process = process;
    this.memoryMb = memoryMb;
  }

  static WorkerProcess start(List<String> jvmOptions, String classpath, int memoryMb)
      throws IOException {
    // jvmOptions carry the worker's class-data archive (or the training run's dump).
    List<String> cmd = Jvm.command(null);
    cmd.add("-Xmx" + memoryMb + "m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Djava.awt.headless=true");
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(Worker.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("_JAVA_OPTIONS");
    WorkerProcess w = new WorkerProcess(pb.start(), memoryMb);
    w.startReaders();
    return w;
  }

  private void startReaders() {
    Thread reader = new Thread(() -> {
      try (ObjectInputStream in = new ObjectInputStream(
          new BufferedInputStream(process.getInputStream()))) {
        while (true) {
          events.add(in.readObject());
        }
      } catch (IOException | ClassNotFoundException | RuntimeException e) {
        events.add(EOF);
      }
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
      requests = new ObjectOutputStream(new BufferedOutputStream(process.getOutputStream()));
    }
    requests.writeObject(request);
    requests.flush();
    requests.reset();
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
