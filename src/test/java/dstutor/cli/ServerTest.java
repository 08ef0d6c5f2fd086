package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.ServerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submits through the grading server that outlives one command, as the launcher does. */
class ServerTest {
  CliHarness cli;
  ServerClient client;

  @AfterEach
  void stopServer() {
    if (client != null) {
      client.stop();
    }
  }

  @Test
  void serverGradesSurvivesALoopAndGivesTheSameVerdicts(@TempDir Path tmp) throws Exception {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.env.remove("DSTUTOR_NO_SERVER");
    cli.env.put("DSTUTOR_SERVER_IDLE_SECONDS", "120");
    client = new ServerClient(cli.home, 120);
    cli.run("next");
    CliHarness.Result stub = cli.run("submit", "--json");
    assertEquals(1, stub.code(), stub.err());
    assertTrue(stub.out().contains("\"status\":\"failed\""), stub.out());
    // The first submit graded in the command's JVM and started the server for the next ones.
    for (int i = 0; i < 400 && !Files.exists(client.socket()); i++) {
      Thread.sleep(25);
    }
    assertTrue(Files.exists(client.pidFile()), "the server wrote its pid file");
    String pid = Files.readString(client.pidFile());
    CliHarness.Result again = cli.run("submit", "--json");
    assertEquals(stub.out().replaceAll("\"millis\":\\d+", ""),
        again.out().replaceAll("\"millis\":\\d+", ""), "the server's verdict is the same");

    cli.write("basics/adder", "SimpleAdder.java", SubmitTest.adder("while (true) { }"));
    CliHarness.Result loop = cli.run("submit", "--json");
    assertTrue(loop.out().contains("\"status\":\"timeout\""), loop.out());
    assertTrue(loop.out().contains("SimpleAdder.java:4"), loop.out());

    cli.write("basics/adder", "SimpleAdder.java", SubmitTest.adder("return a + b;"));
    CliHarness.Result pass = cli.run("submit", "--json");
    assertEquals(0, pass.code(), pass.out() + pass.err());
    assertTrue(pass.out().contains("\"status\":\"passed\""), pass.out());
    assertEquals(pid, Files.readString(client.pidFile()), "the same server served every submit");
  }
}
