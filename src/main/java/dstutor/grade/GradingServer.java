package dstutor.grade;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A grading server that outlives one command, so that the second submit finds the compiler warm
 * and a worker JVM already started. It listens on a Unix domain socket in the learner's home,
 * serves one job at a time, and exits after a while without work. It never runs learner code
 * itself (its workers do), so a learner's infinite loop costs it only a worker.
 */
public final class GradingServer {
  private GradingServer() {}

  /** Arguments: the socket path, the pid file, the idle seconds before exiting. */
  public static void main(String[] args) throws Exception {
    Path socket = Path.of(args[0]);
    Path pidFile = Path.of(args[1]);
    long idleMillis = Long.parseLong(args[2]) * 1000L;
    Files.deleteIfExists(socket);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Grader grader = Grader.forThisJvm()) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
      grader.prestart(256);
      long[] lastUsed = {System.currentTimeMillis()};
      Object lock = new Object();
      Thread idle = new Thread(() -> {
        while (true) {
          try {
            Thread.sleep(1000);
          } catch (InterruptedException e) {
            return;
          }
          synchronized (lock) {
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
        try (SocketChannel client = server.accept()) {
          synchronized (lock) {
            serve(client, grader);
            lastUsed[0] = System.currentTimeMillis();
          }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
          System.err.println("dstutor grading server: " + e);
        }
      }
    } finally {
      cleanUp(socket, pidFile);
    }
  }

  private static void serve(SocketChannel client, Grader grader) throws IOException,
      ClassNotFoundException {
    ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(
        Channels.newInputStream(client)));
    GradeJob job = (GradeJob) in.readObject();
    Verdict verdict = grader.grade(job);
    ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(
        Channels.newOutputStream(client)));
    out.writeObject(verdict);
    out.flush();
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
