package dstutor.grade;

import dstutor.course.Course;
import dstutor.course.Exercise;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder of learner workspaces, one per student (the folder's name is the student's id), and
 * what each holds to be graded. Only reads: nothing is written into a student's folder. A student's
 * file that is a link, leads out of their folder, or is too large is refused unread, so that one
 * submission cannot take another's (or the course's reference) files as its own.
 */
public final class ClassFolder {
  /** A learner file larger than this is refused, not read: sources are a few kilobytes. */
  public static final long MAX_FILE_BYTES = 1 << 20;

  private ClassFolder() {}

  /**
   * One student's submission of one exercise: {@code files} to grade when {@code status} is null,
   * else {@code status} ({@code missing} or {@code refused}) and the {@code problem} in words.
   * {@code exercise} is null for a student whose folder holds no file of any exercise.
   */
  public record Submission(String student, Exercise exercise, Map<String, Path> files,
      String status, String problem) {

    public boolean gradable() {
      return status == null;
    }
  }

  /** The students of {@code dir}: its immediate folders not hidden, sorted by name. */
  public static List<Path> students(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        if (!p.getFileName().toString().startsWith(".") && Files.isDirectory(p)) {
          out.add(p);
        }
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * What student folder {@code student} holds: for {@code only} (an exercise) exactly one
   * submission, {@code missing} when it has no file of it; without, one per exercise of the course
   * it has any file of, in course order, or one {@code missing} submission with no exercise when it
   * has none. Files of exercises not in the course are ignored.
   */
  public static List<Submission> submissions(Path student, Course course, Exercise only)
      throws IOException {
    String id = student.getFileName().toString();
    Path real = student.toRealPath();
    List<Submission> out = new ArrayList<>();
    for (Exercise e : only != null ? List.of(only) : course.ordered()) {
      Map<String, Path> files = new LinkedHashMap<>();
      List<String> absent = new ArrayList<>();
      for (String f : e.files()) {
        Path p = student.resolve(e.relDir()).resolve(f);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          files.put(f, p);
        } else {
          absent.add(f);
        }
      }
      if (files.isEmpty() && only == null) {
        continue;
      }
      Path where = student.resolve(e.relDir());
      if (files.isEmpty()) {
        out.add(new Submission(id, e, Map.of(), "missing", "no " + String.join(", ", absent)
            + " in " + where + ": nothing submitted for " + e.id()));
        continue;
      }
      if (!absent.isEmpty()) {
        out.add(new Submission(id, e, Map.of(), "missing", String.join(", ", absent)
            + " missing from " + where + "; " + e.id() + " needs " + String.join(", ", e.files())));
        continue;
      }
      String refused = refusal(files, real);
      out.add(refused == null ? new Submission(id, e, files, null, null)
          : new Submission(id, e, Map.of(), "refused", refused));
    }
    if (out.isEmpty()) {
      out.add(new Submission(id, null, Map.of(), "missing", "no file of any exercise of the"
          + " course in " + student + " (a student's folder has the layout of a workspace, e.g."
          + " " + course.ordered().get(0).relDir() + "/" + course.ordered().get(0).files().get(0)
          + ")"));
    }
    return out;
  }

  /** Why these files are not graded, or null: each must be a plain file inside the folder. */
  private static String refusal(Map<String, Path> files, Path realStudent) throws IOException {
    for (Path p : files.values()) {
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        return p + " is " + (Files.isSymbolicLink(p) ? "a symbolic link" : "not a plain file")
            + "; only plain files inside the student's folder are graded";
      }
      if (!p.toRealPath().startsWith(realStudent)) {
        return p + " lies outside the student's folder (through a linked folder); only plain"
            + " files inside the student's folder are graded";
      }
      long size = Files.size(p);
      if (size > MAX_FILE_BYTES) {
        return p + " has " + size + " bytes; a learner file may have at most " + MAX_FILE_BYTES
            + " bytes";
      }
    }
    return null;
  }
}
