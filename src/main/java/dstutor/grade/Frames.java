package dstutor.grade;

import java.util.Set;

/** Finds the learner's own line in a stack trace, so a message can say where to look. */
final class Frames {
  private Frames() {}

  /** " at File.java:12 (in method)" for the first learner frame of {@code t} or its causes. */
  static String where(Throwable t, Set<String> learnerFiles) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String w = where(c.getStackTrace(), learnerFiles);
      if (!w.isEmpty()) {
        return w;
      }
    }
    return "";
  }

  /**
   * The first frame from one of {@code learnerFiles} (any frame outside the JDK and the tutor when
   * null).
   */
  static String where(StackTraceElement[] stack, Set<String> learnerFiles) {
    for (StackTraceElement f : stack) {
      String file = f.getFileName();
      if (file == null) {
        continue;
      }
      boolean mine = learnerFiles != null ? learnerFiles.contains(file)
          : !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.")
              && !f.getClassName().startsWith("sun.") && !f.getClassName().startsWith("dstutor.")
              && !f.getClassName().startsWith("org.junit.");
      if (mine) {
        return " at " + file + ":" + f.getLineNumber() + " (in " + f.getMethodName() + ")";
      }
    }
    return "";
  }
}
