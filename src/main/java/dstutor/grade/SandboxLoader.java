package dstutor.grade;

import dstutor.course.Exercise;
import dstutor.grade.InMemoryCompiler.Source;
import dstutor.grade.Verdict.CompileError;
import dstutor.sim.SandboxModel;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles the learner's files with the exercise's given API and its sandbox file, and makes the
 * {@link SandboxModel} that builds a cluster of the learner's own nodes. Runs in the caller's JVM.
 */
public final class SandboxLoader {
  private SandboxLoader() {}

  /** The learner's code did not compile; {@code errors} say where. */
  public static final class CompileFailed extends Exception {
    private final List<CompileError> errors;

    CompileFailed(List<CompileError> errors) {
      super(errors.size() + " compile error" + (errors.size() == 1 ? "" : "s"));
      this.errors = List.copyOf(errors);
    }

    public List<CompileError> errors() {
      return errors;
    }
  }

  public static SandboxModel load(Exercise e, Map<String, Path> learnerFiles)
      throws IOException, CompileFailed {
    if (e.sandboxFile() == null) {
      throw new IllegalArgumentException(e.id() + " has no sandbox");
    }
    List<Source> sources = new ArrayList<>();
    for (String g : e.given()) {
      Path p = e.dir().resolve(g);
      sources.add(new Source(g, p.toString(), Files.readString(p), true));
    }
    for (Map.Entry<String, Path> f : learnerFiles.entrySet()) {
      sources.add(new Source(f.getKey(), f.getValue().toString(),
          Files.readString(f.getValue()), true));
    }
    Path adapter = e.sandboxFile();
    sources.add(new Source(e.sandbox(), adapter.toString(), Files.readString(adapter), false));
    InMemoryCompiler.Output out = new InMemoryCompiler(Grader.forThisJvm().classpath())
        .compile(sources);
    if (!out.ok()) {
      throw new CompileFailed(out.errors());
    }
    ClassLoader loader = new MemoryClassLoader(out.classes(), SandboxModel.class.getClassLoader());
    String name = e.sandbox().substring(0, e.sandbox().length() - ".java".length());
    try {
      Object model = loader.loadClass(name).getDeclaredConstructor().newInstance();
      if (!(model instanceof SandboxModel m)) {
        throw new IllegalStateException(e.sandboxFile() + " does not implement SandboxModel");
      }
      return m;
    } catch (InvocationTargetException ex) {
      throw new IllegalStateException("building the sandbox failed: " + ex.getCause(),
          ex.getCause());
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException(e.sandboxFile() + " needs a public no-argument"
          + " constructor: " + ex, ex);
    }
  }
}
