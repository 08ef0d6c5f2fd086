package dstutor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstutor.grade.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox adapters of the shipped course, each driven by a short script with the reference
 * solution in the workspace, and for some a known-wrong variant that `check` must catch.
 */
class SandboxAdaptersTest {
  static final Path REPO = Path.of("").toAbsolutePath();
  CliHarness cli;

  @BeforeEach
  void setUp(@TempDir Path tmp) {
    cli = new CliHarness(tmp, CliHarness.fixtureCourse());
    cli.env.put("DSTUTOR_COURSE", REPO.toString());
  }

  /** Copies the reference files of {@code rel} into the workspace, one patched by a variant. */
  private void reference(String rel, List<String> files, String wrong) throws Exception {
    Path solutions = REPO.resolve("solutions").resolve(rel);
    Map<String, String> patched = wrong == null ? Map.of()
        : Variant.read(solutions.resolve("wrong/" + wrong)).apply(solutions, files);
    for (String f : files) {
      cli.write(rel, f, patched.containsKey(f) ? patched.get(f)
          : Files.readString(solutions.resolve(f)));
    }
  }

  private String sandbox(String id, String script) throws Exception {
    Path file = cli.home.resolve(id + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, script);
    CliHarness.Result r = cli.run("sandbox", id, "--seed", "1", "--script", file.toString(),
        "--no-input");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.err().isBlank(), "every command of the script is valid: " + r.err());
    return r.out();
  }

  @Test
  void heartbeatSuspectsACrashedNodeAndOnlyIt() throws Exception {
    reference("patterns/heartbeat", List.of("HeartbeatDetector.java"), null);
    String out = sandbox("heartbeat", "tick 50ms\ncheck\ntick 200ms\ncheck\ncrash n3\n"
        + "tick 200ms\ncheck\nstate n1\n");
    assertTrue(out.contains("could not decide: the last change was less than 135 ms ago"), out);
    assertTrue(out.contains("ok: every live node suspects exactly the peers that are down or"
        + " cut off"), out);
    assertTrue(out.contains("n1: suspects [n3]"), out);
    assertFalse(out.contains("VIOLATION"), out);
  }

  @Test
  void heartbeatCheckCatchesADetectorThatNeverClears() throws Exception {
    reference("patterns/heartbeat", List.of("HeartbeatDetector.java"), "never-clears.diff");
    String out = sandbox("heartbeat", "partition n1\ntick 200ms\ncheck\nheal\ntick 200ms\n"
        + "check\n");
    assertTrue(out.contains("VIOLATION: n1 suspects n2, which is up and reachable"), out);
  }

  @Test
  void gossipMarksACrashedMemberDownEverywhere() throws Exception {
    reference("patterns/gossip", List.of("GossipNode.java"), null);
    String out = sandbox("gossip", "tick 500ms\nstate n3\ncrash n3\ntick 1s\ncheck\n"
        + "state n1\n");
    assertTrue(out.contains("n3: members [n1, n2, n3, n4, n5], down []"), out);
    assertTrue(out.contains("ok: every live member knows the reachable ones and has down"
        + " exactly those that are down or cut off"), out);
    assertTrue(out.contains("n1: members [n1, n2, n3, n4, n5], down [n3]"), out);
  }

  @Test
  void leaderFollowerIsLinearizableAcrossAPartition() throws Exception {
    reference("patterns/leader-follower", List.of("ReplicatedKvNode.java"), null);
    String out = sandbox("leader-follower", "put k v1\npartition n1\nput k v2\nget k\nheal\n"
        + "tick 100ms\nput k v3\nget k\ncheck\n");
    assertTrue(out.contains("put(k, v2) -> put unknown (no reply within 200 ms)"), out);
    assertTrue(out.contains("get(k) -> get = v3"), out);
    assertTrue(out.contains("ok: the 5 operations so far are consistent"), out);
  }

  @Test
  void leaderFollowerCheckCatchesAnAckBeforeCommit() throws Exception {
    reference("patterns/leader-follower", List.of("ReplicatedKvNode.java"),
        "ack-before-commit.diff");
    String out = sandbox("leader-follower", "put k v1\npartition n1\nput k v2\nget k\ncheck\n");
    assertTrue(out.contains("put(k, v2) -> put ok"), out);
    assertTrue(out.contains("VIOLATION: get(k) by client") && out.contains("STALE: put(k, v2)"
        + " completed"), out);
  }

  @Test
  void leaseMovesToAnotherHolderOnlyAfterTheFirstStopped() throws Exception {
    reference("patterns/lease", List.of("LeaseHolder.java"), null);
    String out = sandbox("lease", "tick 100ms\ncheck\npartition h1\ntick 300ms\ncheck\n");
    assertTrue(out.contains("ok: h1 alone acts, within its lease"), out);
    assertTrue(out.contains("ok: h2 alone acts, within its lease"), out);
  }

  @Test
  void leaseCheckCatchesHoldersSharingOneDeadline() throws Exception {
    reference("patterns/lease", List.of("LeaseHolder.java"), "static-lease.diff");
    String out = sandbox("lease", "tick 100ms\ncheck\n");
    assertTrue(out.contains("VIOLATION: h2 acts, but g never granted it a lease."), out);
  }

  @Test
  void gfsGrantsANewVersionAfterThePrimaryIsCutOffAndDropsIt() throws Exception {
    reference("systems/gfs/gfs-chunk-lease", List.of("GfsMaster.java"), null);
    String out = sandbox("gfs-chunk-lease", "tick 100ms\ncheck\npartition r1\ntick 450ms\n"
        + "check\nheal\ntick 100ms\nstate r1\ncheck\n");
    assertTrue(out.contains("ok: r1 alone acts as primary, version 8"), out);
    assertTrue(out.contains("ok: r2 alone acts as primary, version 9"), out);
    assertTrue(out.contains("r1: version 8, stale, not primary"), out);
  }

  @Test
  void chubbySessionsGoIntoJeopardyAndExpireWithoutTheCell() throws Exception {
    reference("systems/chubby/chubby-sessions", List.of("ChubbySession.java"), null);
    String out = sandbox("chubby-sessions", "tick 100ms\ncheck\ncrash cell\ntick 200ms\n"
        + "state c1\nrestart cell\ntick 200ms\ncheck\ncrash cell\ntick 1s\nstate c2\ncheck\n");
    assertTrue(out.contains("ok: valid now: c1, c2, c3, each within the master's lease"), out);
    assertTrue(out.contains("c1: not valid; last event jeopardy"), out);
    assertTrue(out.contains("c2: not valid; last event expired"), out);
    assertTrue(out.contains("ok: no session is valid now"), out);
  }

  @Test
  void hdfsCompletesOnTheSurvivorsAfterADataNodeCrash() throws Exception {
    reference("systems/hdfs/hdfs-write-pipeline", List.of("HdfsPipelineClient.java",
        "HdfsPipelineDataNode.java"), null);
    String out = sandbox("hdfs-write-pipeline", "tick 150ms\ncheck\ncrash dn2\ntick 500ms\n"
        + "check\n");
    assertTrue(out.contains("ok: the write is under way"), out);
    assertTrue(out.contains("ok: the write ended as it should: BlockComplete[blockId=7,"
        + " genStamp=2, length=120, nodes=[dn1, dn3]]"), out);
  }
}
