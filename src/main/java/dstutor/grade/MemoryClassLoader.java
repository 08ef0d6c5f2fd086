package dstutor.grade;

import java.util.Map;

/** Defines classes compiled in memory; a fresh one per run, so learner statics start clean. */
public final class MemoryClassLoader extends ClassLoader {
  private final Map<String, byte[]> classes;

  public MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
    super("dstutor-submission", parent);
    this.classes = classes;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }
}
