package dstutor.content;

import java.util.Locale;

/** The two kinds of page, each in its own folder under {@code content/}. */
public enum Kind {
  SYSTEM("systems"),
  PATTERN("patterns");

  private final String folder;

  Kind(String folder) {
    this.folder = folder;
  }

  /** The folder under {@code content/} that holds pages of this kind. */
  public String folder() {
    return folder;
  }

  /** The word used in front matter ({@code kind: system}). */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind whose front-matter word is {@code word}, or null. */
  static Kind ofWord(String word) {
    for (Kind k : values()) {
      if (k.word().equals(word)) {
        return k;
      }
    }
    return null;
  }

  /** The kind whose folder is {@code folder}, or null. */
  static Kind ofFolder(String folder) {
    for (Kind k : values()) {
      if (k.folder.equals(folder)) {
        return k;
      }
    }
    return null;
  }
}
