package dstutor.grade;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A grading server that outlives one command, so that the second submit finds the compiler warm
 * and a worker JVM already started. It listens on a Unix domain socket in the learner's home,
 * serves one job at a time, and exits after a while without work. It never runs learner code
 * itself (its workers do), so a learner's infinite loop costs it only a worker.
 */
public final class GradingServer {
  private GradingServer() {}

  /** How many times a new server compiles its warm-up job: javac is fast only once JIT-warm. */
  private static final int WARM_UP_COMPILES = 4;

  /**
   * Arguments: the socket path, the pid file, the idle seconds before exiting, and optionally a
   * file holding a {@link GradeJob} to compile while no one waits (it is deleted).
   */
  public static void main(String[] args) throws Exception {
    Path socket = Path.of(args[0]);
    Path pidFile = Path.of(args[1]);
    long idleMillis = Long.parseLong(args[2]) * 1000L;
    Path warmUpJob = args.length > 3 ? Path.of(args[3]) : null;
    // One server per socket: two submits that race both start one, and the second gives way.
    // The lock lasts as long as this process, so a socket left by a crashed server is stale.
    FileChannel lockFile = FileChannel.open(lockOf(socket), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock = lockFile.tryLock();
    if (lock == null) {
      if (warmUpJob != null) {
        Files.deleteIfExists(warmUpJob);
      }
      return;
    }
    Files.deleteIfExists(socket);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Grader grader = Grader.forThisJvm()) {
      // The pid file first: whoever sees the socket can find the process behind it.
      Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
      server.bind(UnixDomainSocketAddress.of(socket));
      grader.prestart(256);
      SocketChannel early = warmUpJob == null ? null : warmUp(grader, warmUpJob, server);
      if (early == null && commands() != null) {
        try {
          commands().warmUp(grader);
        } catch (RuntimeException e) {
          log("no warm-up of the commands: " + e);
        }
      }
      long[] lastUsed = {System.currentTimeMillis()};
      Object busy = new Object();
      Thread idle = new Thread(() -> {
        while (true) {
          try {
            Thread.sleep(1000);
          } catch (InterruptedException e) {
            return;
          }
          synchronized (busy) {
            if (System.currentTimeMillis() - lastUsed[0] > idleMillis) {
              grader.close();
              cleanUp(socket, pidFile);
              Runtime.getRuntime().halt(0);
            }
          }
        }
      }, "dstutor-server-idle");
      idle.setDaemon(true);
      idle.start();
      while (true) {
        SocketChannel next = early != null ? early : server.accept();
        early = null;
        try (SocketChannel client = next) {
          synchronized (busy) {
            serve(client, grader, commands());
            lastUsed[0] = System.currentTimeMillis();
          }
        } catch (IOException | RuntimeException e) {
          log(e.toString());
        }
      }
    } finally {
      cleanUp(socket, pidFile);
    }
  }

  /** The file whose lock says a server for {@code socket} runs. */
  public static Path lockOf(Path socket) {
    return socket.resolveSibling(socket.getFileName().toString().replace(".sock", ".lock"));
  }

  /**
   * Compiles the warm-up job a few times, unless a learner's job comes in first: that one is
   * returned at once, to be served before anything else.
   */
  private static SocketChannel warmUp(Grader grader, Path jobFile, ServerSocketChannel server) {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(jobFile));
        Wire.Reader in = new Wire.Reader(file)) {
      GradeJob job = (GradeJob) in.next("job");
      if (job == null) {
        throw new Wire.WireException("the file is empty");
      }
      server.configureBlocking(false);
      try {
        for (int i = 0; i < WARM_UP_COMPILES; i++) {
          SocketChannel waiting = server.accept();
          if (waiting != null) {
            waiting.configureBlocking(true);
            return waiting;
          }
          grader.compileOnly(job);
        }
      } finally {
        server.configureBlocking(true);
      }
    } catch (IOException | RuntimeException e) {
      log("no warm-up: " + e);
    } finally {
      try {
        Files.deleteIfExists(jobFile);
      } catch (IOException e) {
        // A stray temporary file; harmless.
      }
    }
    return null;
  }

  /** How long a client has to send its whole job before the server hangs up on it. */
  private static final long READ_SECONDS = 10;

  /**
   * Serves one connection: reads one job, answers with its verdict, or with an error message
   * when the job is not one this server understands (and then goes on serving others).
   *
   * <p>A client that goes away before its answer (Ctrl-C ends the command line, and with it its
   * end of the socket) cancels its request, and the rule for what is recorded is: <b>a served
   * submit is recorded in the learner's progress only once its whole answer has been written to
   * the client's socket</b>. So:
   * <ul>
   *   <li>the client leaves while its submit runs: the grade is cancelled at once (its worker is
   *       ended, see {@link Grader#cancel}), the answer is dropped, nothing is recorded;</li>
   *   <li>the client leaves after the grade finished but before the answer was written (the
   *       race): the write fails, nothing is recorded, though the grade was complete;</li>
   *   <li>the client leaves after the answer was written: recorded, as a local submit whose
   *       Ctrl-C came after it recorded and before it printed.</li>
   * </ul>
   * A Unix socket has no send buffer of its own: a write succeeds only while the client's end
   * is open, so a client that has gone is never told it was sent a verdict. A client keeps its
   * end open until it has the answer; one that closes its writing side has left.
   */
  static void serve(SocketChannel client, Grader grader, CommandHandler commands)
      throws IOException {
    Wire.Writer out = new Wire.Writer(new BufferedOutputStream(Channels.newOutputStream(client)));
    Object job;
    // A client that connects and sends nothing, or half a job, must not stop the server.
    Thread deadline = new Thread(() -> {
      try {
        Thread.sleep(READ_SECONDS * 1000);
        client.close();
      } catch (InterruptedException | IOException e) {
        // Read in time, or closed already.
      }
    }, "dstutor-server-read-deadline");
    deadline.setDaemon(true);
    deadline.start();
    try {
      Wire.Reader in = new Wire.Reader(Channels.newInputStream(client));
      job = in.next("job", "command");
    } catch (Wire.WireException e) {
      out.error("dstutor grading server: refused: " + e.getMessage());
      return;
    } finally {
      deadline.interrupt();
    }
    if (job == null) {
      return;
    }
    String what = job instanceof GradeJob j ? "grading " + j.exercise()
        : "`dstutor " + String.join(" ", ((Wire.Command) job).args()) + "`";
    long start = System.nanoTime();
    Object answer;
    CommandHandler.Commit commit = () -> false;
    grader.resume();
    Departure departure = new Departure(client, grader);
    try {
      if (job instanceof GradeJob j) {
        answer = grader.grade(j);
      } else if (commands == null) {
        answer = new Wire.Error("dstutor grading server: refused: this server runs no commands");
      } else {
        CommandHandler.Served served = commands.run((Wire.Command) job, grader);
        answer = served.output();
        commit = served.commit();
      }
    } finally {
      departure.stop();
      grader.resume();
    }
    if (departure.left()) {
      log(String.format("the client left %.1f s into %s: cancelled (%s); nothing recorded",
          departure.leftAfterSeconds(start), what, departure.endedWorker()
              ? "its grading worker was ended" : "no worker was running it yet"));
      return;
    }
    try {
      if (answer instanceof Verdict v) {
        out.verdict(v);
      } else if (answer instanceof Wire.Output o) {
        out.output(o);
      } else {
        out.error(((Wire.Error) answer).message());
      }
    } catch (IOException e) {
      log("the client left before it had the answer to " + what + " (" + e.getMessage()
          + "): dropped; nothing recorded");
      return;
    }
    try {
      commit.run();
    } catch (IOException | RuntimeException e) {
      // The client printed its verdict already; it can no longer hear of this.
      log("could not record " + what + " after answering it: " + e);
    }
  }

  /**
   * Watches a client's end of the socket while its request is served: the client sends nothing
   * after its request, so a read that ends means it has gone, and the grade is cancelled.
   */
  private static final class Departure {
    private final SocketChannel client;
    private final Grader grader;
    /** Exactly one of the watcher (client gone) and {@link #stop} (served) decides. */
    private final java.util.concurrent.atomic.AtomicBoolean decided =
        new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread thread;
    private volatile boolean left;
    private volatile boolean endedWorker;
    private volatile long leftAt;

    Departure(SocketChannel client, Grader grader) {
      this.client = client;
      this.grader = grader;
      thread = new Thread(this::watch, "dstutor-server-client-watch");
      thread.setDaemon(true);
      thread.start();
    }

    private void watch() {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
      try {
        while (client.read(b) >= 0) {
          b.clear(); // Nothing more is expected; whatever comes is ignored.
        }
      } catch (IOException e) {
        // Reset by the client, or input shut down by stop(): gone, or done, as decided below.
      }
      if (decided.compareAndSet(false, true)) {
        leftAt = System.nanoTime();
        left = true;
        endedWorker = grader.cancel();
      }
    }

    /** Stops watching; after this, {@link #left} says whether the client left first. */
    void stop() {
      if (decided.compareAndSet(false, true)) {
        try {
          // Wakes the watcher's read (it returns the end of input); writing still works.
          client.shutdownInput();
        } catch (IOException e) {
          // Closed already.
        }
      }
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    boolean left() {
      return left;
    }

    boolean endedWorker() {
      return endedWorker;
    }

    double leftAfterSeconds(long start) {
      return (leftAt - start) / 1e9;
    }
  }

  /** A line in the server's log (its standard error, which the client sends to grader.log). */
  static void log(String message) {
    System.err.println(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + " dstutor grading server: " + message);
  }

  private static CommandHandler commands;

  /** The commands this server can run, when the command line is on its class path. */
  private static CommandHandler commands() {
    if (commands == null) {
      commands = java.util.ServiceLoader.load(CommandHandler.class).findFirst().orElse(null);
    }
    return commands;
  }

  private static void cleanUp(Path socket, Path pidFile) {
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // Nothing more to do on the way out.
    }
  }
}
