package dstutor.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule for a served command whose client leaves: what it holds back is committed only once
 * its whole answer was written to the client (see {@link GradingServer#serve}).
 */
class GradingServerTest {
  private static final Wire.Command SUBMIT = new Wire.Command(List.of("submit"), Map.of(), false,
      false, 24, 80);

  /** A grader that never starts a worker here: the handlers below do not grade. */
  private final Grader grader = new Grader("", List.of());
  private final AtomicBoolean committed = new AtomicBoolean();

  @Test
  void aClientThatLeavesWhileTheCommandRunsCancelsItAndNothingIsCommitted(@TempDir Path tmp)
      throws Exception {
    AtomicBoolean sawCancel = new AtomicBoolean();
    Served served = serve(tmp, (c, g) -> {
      // As a grade would: run until the server cancels it.
      for (int i = 0; i < 200 && !g.cancelled(); i++) {
        sleep(25);
      }
      sawCancel.set(g.cancelled());
      return output("verdict");
    }, client -> {
      sleep(100);
      client.close();
      return null;
    });
    assertTrue(sawCancel.get(), "the grader was cancelled when the client left");
    assertFalse(committed.get(), "nothing committed");
    assertFalse(grader.cancelled(), "the grader takes the next request");
    assertTrue(served.log().contains("the client left") && served.log().contains("`dstutor"
        + " submit`") && served.log().contains("nothing recorded"), served.log());
  }

  @Test
  void aClientThatLeavesAsTheCommandEndsGetsNothingCommitted(@TempDir Path tmp) throws Exception {
    // The race: the command finished, and its client left before the answer was written.
    SocketChannel[] mine = new SocketChannel[1];
    java.util.concurrent.CountDownLatch known = new java.util.concurrent.CountDownLatch(1);
    Served served = serve(tmp, (c, g) -> {
      try {
        known.await();
        mine[0].close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return output("verdict");
    }, client -> {
      mine[0] = client;
      known.countDown();
      return null;
    });
    assertFalse(committed.get(), "nothing committed for a client that never had its answer");
    assertTrue(served.log().contains("nothing recorded"), served.log());
  }

  @Test
  void aClientThatStaysHasItsAnswerAndThenTheCommit(@TempDir Path tmp) throws Exception {
    AtomicBoolean committedBeforeHangUp = new AtomicBoolean();
    Served served = serve(tmp, (c, g) -> output("verdict"), client -> {
      Wire.Reader in = new Wire.Reader(Channels.newInputStream(client));
      Object answer = in.next("output");
      assertEquals(null, in.next("output"), "then the server hangs up");
      committedBeforeHangUp.set(committed.get());
      return answer;
    });
    assertEquals(new Wire.Output(1, "verdict", ""), served.answer());
    assertTrue(committedBeforeHangUp.get(), "committed before the server hung up");
    assertEquals("", served.log());
  }

  private interface Handler {
    CommandHandler.Served run(Wire.Command c, Grader g);
  }

  private interface Client {
    Object talk(SocketChannel client) throws Exception;
  }

  private record Served(Object answer, String log) {}

  private CommandHandler.Served output(String out) {
    // The answer is written; a commit that waits a moment shows that it runs after that.
    return new CommandHandler.Served(new Wire.Output(1, out, ""), () -> {
      sleep(50);
      committed.set(true);
      return true;
    });
  }

  /** Serves one command over a real socket, with {@code client} on the other end. */
  private Served serve(Path tmp, Handler handler, Client client) throws Exception {
    Path socket = tmp.resolve("s.sock");
    java.io.PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      c.connect(UnixDomainSocketAddress.of(socket));
      new Wire.Writer(Channels.newOutputStream(c)).command(SUBMIT);
      Object[] answer = new Object[1];
      Throwable[] failed = new Throwable[1];
      Thread talk = new Thread(() -> {
        try {
          answer[0] = client.talk(c);
        } catch (Exception | AssertionError e) {
          failed[0] = e;
        }
      });
      System.setErr(new java.io.PrintStream(log, true));
      try (SocketChannel accepted = server.accept()) {
        talk.start();
        GradingServer.serve(accepted, grader, new CommandHandler() {
          @Override
          public CommandHandler.Served run(Wire.Command command, Grader g) {
            return handler.run(command, g);
          }
        });
      } finally {
        System.setErr(err);
      }
      talk.join(10_000);
      if (failed[0] instanceof Exception e) {
        throw e;
      } else if (failed[0] instanceof AssertionError e) {
        throw e;
      }
      return new Served(answer[0], log.toString());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
