package dstutor.grade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for the JVMs the tutor starts (workers, the grading server): same Java, CDS. */
final class Jvm {
  private Jvm() {}

  /**
   * This Java's launcher with the options every started JVM shares, using the class-data
   * archive {@code archive} when it exists (null for none).
   */
  static List<String> command(String archive) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:-UsePerfData");
    cmd.add("-Xshare:auto");
    if (archive != null && Files.isRegularFile(Path.of(archive))) {
      cmd.add("-XX:SharedArchiveFile=" + archive);
    }
    quietCds(cmd);
    return cmd;
  }

  /** An archive that does not match this JVM is skipped silently, not with a warning. */
  private static void quietCds(List<String> cmd) {
    cmd.add("-Xlog:cds=off");
    cmd.add("-Xlog:cds+dynamic=off");
  }
}
