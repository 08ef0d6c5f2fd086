package dstutor.grade;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The command line's side of the {@link GradingServer}: finds the server for this home and this
 * installation (starting it when there is none) and hands it a job. Any trouble with the server
 * returns empty, and the caller grades in its own JVM instead: the server is only a speed-up.
 */
public final class ServerClient {
  /** Unix domain socket paths are limited to about 108 bytes; longer homes grade locally. */
  private static final int MAX_SOCKET_PATH = 100;

  private final Path home;
  private final long idleSeconds;

  public ServerClient(Path home, long idleSeconds) {
    this.home = home;
    this.idleSeconds = idleSeconds;
  }

  /**
   * The folder of this home's grading server (socket, lock, pid, log, warm-up jobs): readable
   * and writable by its owner only, so that no other user can hand the server a job or read one.
   */
  public Path dir() {
    return home.resolve("server");
  }

  /** Creates {@link #dir()} owner-only (and makes it so if it exists). */
  private Path ownDir() throws IOException {
    Path dir = dir();
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the home folder's own permissions apply.
    }
    return dir;
  }

  /** The socket of the server for this installation (jar and JVM) under {@code home}. */
  public Path socket() {
    String cp = Grader.forThisJvm().classpath();
    long stamp = 0;
    for (String entry : cp.split(File.pathSeparator)) {
      File f = new File(entry);
      stamp = 31 * stamp + f.lastModified() + f.length();
    }
    String key = Integer.toHexString((System.getProperty("java.home") + cp + stamp).hashCode());
    return dir().resolve("grader-" + key + ".sock");
  }

  public Path pidFile() {
    return dir().resolve(socket().getFileName().toString().replace(".sock", ".pid"));
  }

  /**
   * The verdict of this home's server when one is running, or empty: no server, or any trouble
   * with it (the caller then grades in its own JVM).
   */
  public Optional<Verdict> gradeIfRunning(GradeJob job) {
    // The server enforces the limits; this bound only catches a server that hangs itself.
    return ask(w -> w.job(job), "verdict", job.totalSeconds() + 30L).map(Verdict.class::cast);
  }

  /** Whether a server for this home and installation runs (its pid file names a live process). */
  public boolean running() {
    try {
      Path pid = pidFile();
      if (!Files.exists(socket()) || !Files.exists(pid)) {
        return false;
      }
      long p = Long.parseLong(Files.readString(pid).trim());
      return ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /**
   * Starts this home's server without waiting for it, handing it {@code warmUp} to compile a few
   * times while the learner reads the verdict, so that the next submit finds the compiler warm.
   */
  public void startInBackground(GradeJob warmUp) {
    Path socket = socket();
    if (socket.toString().length() > MAX_SOCKET_PATH) {
      return;
    }
    try {
      Path dir = ownDir();
      removeStaleJobs(dir);
      Path job = dir.resolve("grader-warmup-" + ProcessHandle.current().pid() + "-"
          + System.nanoTime() + ".job");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(job))) {
        new Wire.Writer(out).job(warmUp);
      }
      start(socket, job);
    } catch (IOException e) {
      // No server this time; the next submit grades locally again.
    }
  }

  /**
   * Warm-up job files older than a minute: a server reads and deletes its own at once (or gives
   * way to a running one and deletes it), so these were left by a server that never started.
   */
  private static void removeStaleJobs(Path dir) {
    long before = System.currentTimeMillis() - 60_000;
    try (var files = Files.newDirectoryStream(dir, "grader-warmup-*.job")) {
      for (Path f : files) {
        if (Files.getLastModifiedTime(f).toMillis() < before) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      // Harmless leftovers; try again next time.
    }
  }

  /**
   * Has this home's server run {@code command} (a whole command line) when one is running;
   * empty when none runs or on any trouble with it (the caller then runs the command itself).
   */
  public Optional<Wire.Output> runIfRunning(Wire.Command command) {
    // The server enforces each grade's limits; this bound only catches a server that hangs.
    return ask(w -> w.command(command), "output", COMMAND_SECONDS)
        .map(Wire.Output.class::cast);
  }

  /** Sends one message and reads the answer of type {@code answer}; empty on any trouble. */
  private Optional<Object> ask(Send request, String answer, long seconds) {
    Path socket = socket();
    if (socket.toString().length() > MAX_SOCKET_PATH) {
      return Optional.empty();
    }
    SocketChannel channel = connect(socket);
    if (channel == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(exchange(channel, request, answer, seconds));
    } catch (ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (TimeoutException e) {
      stop();
      return Optional.empty();
    }
  }

  private static final long COMMAND_SECONDS = 900;

  private interface Send {
    void to(Wire.Writer w) throws IOException;
  }

  private Object exchange(SocketChannel channel, Send request, String answer, long seconds)
      throws InterruptedException, ExecutionException, TimeoutException {
    ExecutorService io = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dstutor-server-client");
      t.setDaemon(true);
      return t;
    });
    try (channel) {
      Future<Object> reply = io.submit(() -> {
        request.to(new Wire.Writer(new BufferedOutputStream(Channels.newOutputStream(channel))));
        Wire.Reader in = new Wire.Reader(new BufferedInputStream(Channels.newInputStream(channel)));
        Object r = in.next(answer, "error");
        if (r instanceof Wire.Error e) {
          throw new IOException(e.message());
        } else if (r == null) {
          throw new IOException("the grading server hung up");
        }
        // The server records a served submit once it has written the answer, then hangs up:
        // waiting for that means the next command finds the record.
        try {
          in.next(answer, "error");
        } catch (IOException e) {
          // The answer is here; how the server went away after it does not matter.
        }
        return r;
      });
      return reply.get(seconds, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new ExecutionException(e);
    } finally {
      io.shutdownNow();
    }
  }

  private static SocketChannel connect(Path socket) {
    if (!Files.exists(socket)) {
      return null;
    }
    try {
      SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
      c.connect(UnixDomainSocketAddress.of(socket));
      return c;
    } catch (IOException e) {
      return null;
    }
  }

  private void start(Path socket, Path warmUpJob) throws IOException {
    Grader local = Grader.forThisJvm();
    List<String> cmd = new ArrayList<>();
    // Lower priority where the system has nice: the server warms up while the learner reads,
    // and must never take the CPU from a command in the foreground.
    for (String nice : new String[] {"/usr/bin/nice", "/bin/nice"}) {
      if (Files.isExecutable(Path.of(nice))) {
        cmd.add(nice);
        cmd.add("-n");
        cmd.add("10");
        break;
      }
    }
    cmd.addAll(Jvm.command(System.getProperty("dstutor.cli.cds")));
    // C1 only, as the launcher: C2 would spend the first minutes compiling javac in the
    // background, on the learner's CPU, for a few milliseconds per submit much later.
    cmd.add("-XX:TieredStopAtLevel=1");
    for (String p : new String[] {"dstutor.worker.cds", "dstutor.course"}) {
      if (System.getProperty(p) != null) {
        cmd.add("-D" + p + "=" + System.getProperty(p));
      }
    }
    cmd.add("-cp");
    cmd.add(local.classpath());
    cmd.add(GradingServer.class.getName());
    cmd.add(socket.toString());
    cmd.add(pidFile().toString());
    cmd.add(Long.toString(idleSeconds));
    cmd.add(warmUpJob.toString());
    File log = dir().resolve("grader.log").toFile();
    ProcessBuilder pb;
    if (Files.isExecutable(Path.of("/bin/sh"))) {
      // Started through a shell that puts it in the background and exits at once: a JVM whose
      // child is still running takes a third of a second longer to exit, on every first submit.
      List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c",
          "\"$@\" >\"$0\" 2>&1 </dev/null &", log.toString()));
      shell.addAll(cmd);
      pb = new ProcessBuilder(shell);
    } else {
      pb = new ProcessBuilder(cmd);
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("NUL")));
      pb.redirectOutput(ProcessBuilder.Redirect.to(log));
      pb.redirectErrorStream(true);
    }
    pb.directory(dir().toFile());
    pb.start();
  }

  /** Stops this home's server, if one runs. */
  public void stop() {
    try {
      Path pid = pidFile();
      if (Files.exists(pid)) {
        long p = Long.parseLong(Files.readString(pid).trim());
        ProcessHandle.of(p).ifPresent(h -> {
          h.descendants().forEach(ProcessHandle::destroyForcibly);
          h.destroyForcibly();
        });
        Files.deleteIfExists(pid);
      }
      Files.deleteIfExists(socket());
    } catch (IOException | NumberFormatException e) {
      // Already gone.
    }
  }
}
