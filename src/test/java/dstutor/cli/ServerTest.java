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

    // The launcher hands a plain `submit` whole to the server: the same output and exit code.
    cli.write("basics/adder", "SimpleAdder.java", SubmitTest.adder("return a - b;"));
    CliHarness.Result here = cli.run("submit", "--json");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Integer code = RemoteSubmit.run(new String[] {"submit", "--json"}, cli.env,
        new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
    assertEquals(here.code(), code, err.toString());
    assertEquals(here.out().replaceAll("\"millis\":\\d+", ""),
        out.toString().replaceAll("\"millis\":\\d+", ""), "the same verdict");
    cli.write("basics/adder", "SimpleAdder.java", SubmitTest.adder("return a + b;"));
    out.reset();
    code = RemoteSubmit.run(new String[] {"submit", "adder"}, cli.env,
        new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
    assertEquals(0, code, out + " / " + err);
    assertTrue(out.toString().contains("adder"), out.toString());
    assertEquals(null, RemoteSubmit.run(new String[] {"submit", "--workspace", "x"}, cli.env,
        System.out, System.err), "other forms run in the command's own JVM");
    assertEquals(pid, Files.readString(client.pidFile()), "the same server ran them");
  }

  @Test
  void twoSubmitsThatRaceStartOneServerAndLeaveNoJobFile(@TempDir Path tmp) throws Exception {
    dstutor.grade.GradeJob job = referenceJob(tmp);
    ServerClient other = new ServerClient(cli.home, 120);
    Thread a = new Thread(() -> client.startInBackground(job));
    Thread b = new Thread(() -> other.startInBackground(job));
    a.start();
    b.start();
    a.join();
    b.join();
    String socket = client.socket().toString();
    long servers = -1;
    boolean jobs = true;
    for (int i = 0; i < 600; i++) {
      Thread.sleep(50);
      servers = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
          .map(c -> c.contains("GradingServer") && c.contains(socket)).orElse(false)).count();
      try (var s = Files.list(client.dir())) {
        jobs = s.anyMatch(f -> f.getFileName().toString().endsWith(".job"));
      }
      // Each start wrote its own job file, and a server deletes it once it has started (the
      // one that gives way too): with none left, both have started.
      if (servers == 1 && !jobs && Files.exists(client.socket())) {
        break;
      }
    }
    assertEquals(1, servers, "servers running for " + socket);
    assertTrue(!jobs, "a warm-up job file was left in " + client.dir());
  }

  @Test
  void nextStartsTheServerSoThatTheFirstSubmitFindsItWarm(@TempDir Path tmp) throws Exception {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.env.remove("DSTUTOR_NO_SERVER");
    cli.env.put("DSTUTOR_SERVER_IDLE_SECONDS", "120");
    client = new ServerClient(cli.home, 120);
    assertEquals(0, cli.run("next").code());
    for (int i = 0; i < 600 && !client.running(); i++) {
      Thread.sleep(50);
    }
    assertTrue(client.running(), "next started the grading server");
    String pid = Files.readString(client.pidFile());
    CliHarness.Result first = cli.run("submit", "--json");
    assertTrue(first.out().contains("\"status\":\"failed\""), first.out());
    assertEquals(pid, Files.readString(client.pidFile()), "the first submit used that server");
    // show does not start a second one.
    assertEquals(0, cli.run("show", "adder").code());
    Thread.sleep(500);
    long servers = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
        .map(c -> c.contains("GradingServer") && c.contains(client.socket().toString()))
        .orElse(false)).count();
    assertEquals(1, servers);
  }

  @Test
  void refusesAMalformedRequestWithAReasonAndKeepsServing(@TempDir Path tmp) throws Exception {
    dstutor.grade.GradeJob job = referenceJob(tmp);
    client.startInBackground(job);
    for (int i = 0; i < 600 && !(client.running() && Files.exists(client.socket())); i++) {
      Thread.sleep(50);
    }
    assertTrue(client.running(), "the server started");
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(client.dir())), "only its owner reaches the socket");
    assertEquals(client.dir(), client.socket().getParent());
    String pid = Files.readString(client.pidFile());
    java.io.ByteArrayOutputStream good = new java.io.ByteArrayOutputStream();
    new dstutor.grade.Wire.Writer(good).job(job);
    String json = good.toString(java.nio.charset.StandardCharsets.UTF_8);
    java.util.Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
    bad.put("Java serialization", new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 's', 'r'});
    bad.put("another version", json.replace("\"v\":1", "\"v\":9").getBytes());
    bad.put("an unknown field", json.replace("\"seed\":", "\"priority\":1,\"seed\":")
        .getBytes());
    bad.put("not JSON", "GET / HTTP/1.1\r\n\r\n".getBytes());
    for (java.util.Map.Entry<String, byte[]> e : bad.entrySet()) {
      String reply = exchange(e.getValue());
      assertTrue(reply.contains("\"type\":\"error\"") && reply.contains("refused"),
          e.getKey() + ": " + reply);
      assertTrue(reply.length() < 400, e.getKey() + ": a short reason: " + reply);
    }
    assertTrue(exchange(json.replace("\"v\":1", "\"v\":9").getBytes()).contains("version 9"),
        "the reason names what was wrong");
    // A client that connects and hangs up without a word.
    assertEquals("", exchange(new byte[0]));
    java.util.Optional<dstutor.grade.Verdict> v = client.gradeIfRunning(job);
    assertTrue(v.isPresent() && v.get().isPassed(), "the server still grades: " + v);
    assertEquals(pid, Files.readString(client.pidFile()), "the same server");
  }

  @Test
  void aClientThatLeavesMidGradeCancelsItAndNothingIsRecorded(@TempDir Path tmp)
      throws Exception {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    // Learner code that loops until the per-test limit: a minute, far longer than this test.
    Path yaml = cli.course.resolve("exercises/basics/adder/exercise.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("test-seconds: 2", "test-seconds: 60")
        .replace("total-seconds: 10", "total-seconds: 120"));
    cli.env.remove("DSTUTOR_NO_SERVER");
    cli.env.put("DSTUTOR_SERVER_IDLE_SECONDS", "120");
    client = new ServerClient(cli.home, 120);
    cli.run("next");
    assertEquals(1, cli.run("submit", "--json").code(), "the stub fails, and starts the server");
    for (int i = 0; i < 600 && !(client.running() && Files.exists(client.socket())); i++) {
      Thread.sleep(50);
    }
    assertTrue(client.running(), "the server started");
    long server = Long.parseLong(Files.readString(client.pidFile()).trim());
    Path progress = cli.home.resolve("progress.json");
    String before = Files.readString(progress);
    assertTrue(before.matches("(?s).*\"submits\" *: *1,.*"), before);

    Path looping = tmp.resolve("looping");
    cli.write("basics/adder", "SimpleAdder.java", SubmitTest.adder("try {"
        + " java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + looping + "\"), \"\");"
        + " } catch (java.io.IOException e) { } while (true) { }"));
    java.nio.channels.SocketChannel c = connect();
    new dstutor.grade.Wire.Writer(java.nio.channels.Channels.newOutputStream(c)).command(
        new dstutor.grade.Wire.Command(java.util.List.of("submit", "--json"), cli.env, false,
            false, 24, 80));
    for (int i = 0; i < 1200 && !Files.exists(looping); i++) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(looping), "the worker runs the learner's loop");
    java.util.List<ProcessHandle> workers = workersOf(server);
    assertTrue(!workers.isEmpty(), "a grading worker runs under the server");
    c.close(); // As Ctrl-C on the command line: its end of the socket goes away.

    long deadline = System.currentTimeMillis() + 15_000;
    while (workers.stream().anyMatch(ProcessHandle::isAlive)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(workers.stream().noneMatch(ProcessHandle::isAlive),
        "the worker of the cancelled grade was ended, long before its minute was up");
    Path log = client.dir().resolve("grader.log");
    String said = "";
    for (int i = 0; i < 200 && !said.contains("nothing recorded"); i++) {
      Thread.sleep(50);
      said = Files.readString(log);
    }
    assertTrue(said.contains("the client left") && said.contains("`dstutor submit --json`")
        && said.contains("cancelled (its grading worker was ended); nothing recorded"), said);
    assertEquals(before, Files.readString(progress), "no record of the cancelled submit");

    // The same server grades the next submit, and records it.
    cli.write("basics/adder", "SimpleAdder.java", SubmitTest.adder("return a + b;"));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    Integer code = RemoteSubmit.run(new String[] {"submit", "--json"}, cli.env,
        new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
    assertEquals(0, code, out + " / " + err);
    assertTrue(out.toString().contains("\"status\":\"passed\""), out.toString());
    String after = Files.readString(progress);
    assertTrue(after.matches("(?s).*\"submits\" *: *2,.*\"passed\" *: *true.*"), after);
    assertEquals(Long.toString(server), Files.readString(client.pidFile()).trim(),
        "the same server");
  }

  /** The grading workers the process {@code pid} has started and that run now. */
  private static java.util.List<ProcessHandle> workersOf(long pid) {
    return ProcessHandle.of(pid).orElseThrow().descendants()
        .filter(p -> p.info().commandLine().map(c -> c.contains("dstutor.grade.Worker"))
            .orElse(false))
        .toList();
  }

  private java.nio.channels.SocketChannel connect() throws Exception {
    // The socket file appears when the server binds, a moment before it listens.
    for (int i = 0; ; i++) {
      java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(
          java.net.StandardProtocolFamily.UNIX);
      try {
        c.connect(java.net.UnixDomainSocketAddress.of(client.socket()));
        return c;
      } catch (java.net.ConnectException e) {
        c.close();
        if (i == 100) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  /** Sets up the fixture course and a server client; returns a job grading adder's reference. */
  private dstutor.grade.GradeJob referenceJob(Path tmp) throws Exception {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    dstutor.course.Exercise adder = dstutor.course.CourseLoader.load(cli.course).exercises()
        .get("adder");
    client = new ServerClient(cli.home, 120);
    return dstutor.grade.GradeJob.of(adder, java.util.Map.of("SimpleAdder.java",
        adder.solutionDir().resolve("SimpleAdder.java")), null);
  }

  private String exchange(byte[] request) throws Exception {
    // The socket file appears when the server binds, a moment before it listens.
    for (int i = 0; ; i++) {
      try (java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(
          java.net.StandardProtocolFamily.UNIX)) {
        try {
          c.connect(java.net.UnixDomainSocketAddress.of(client.socket()));
        } catch (java.net.ConnectException e) {
          if (i == 100) {
            throw e;
          }
          Thread.sleep(50);
          continue;
        }
        c.write(java.nio.ByteBuffer.wrap(request));
        c.shutdownOutput();
        return new String(java.nio.channels.Channels.newInputStream(c).readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
      }
    }
  }
}
