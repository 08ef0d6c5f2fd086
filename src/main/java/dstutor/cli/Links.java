package dstutor.cli;

/** Turns a course link ({@code content/patterns/quorum.md#x}) into a read target ({@code quorum#x}). */
final class Links {
  private Links() {}

  static String readTarget(String see) {
    if (see == null) {
      return null;
    }
    int hash = see.indexOf('#');
    String path = hash < 0 ? see : see.substring(0, hash);
    String anchor = hash < 0 ? "" : see.substring(hash);
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.endsWith(".md")) {
      name = name.substring(0, name.length() - 3);
    }
    return name + anchor;
  }
}
