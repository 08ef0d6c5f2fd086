package dstutor.grade;

import dstutor.grade.Verdict.CompileError;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a submission (given API, learner files, hidden suite) in memory with javax.tools.
 * Errors in the learner's files are reported at the learner's own path; errors in files the
 * learner cannot see are reported as a mismatch with the given API, without showing hidden code.
 */
public final class InMemoryCompiler {
  /** A source file: its file name, the path shown to the learner, its text, and whether it is the learner's. */
  public record Source(String fileName, String displayPath, String text, boolean visible) {
  }

  /**
   * Classes by binary name, or the errors that prevented them; {@code hidden} names the classes
   * that came from sources the learner cannot see (the suite), {@code api} describes what
   * the visible sources declare to others (see {@link Api}), and {@code sourceOf} gives each
   * class's source file name.
   */
  public record Output(Map<String, byte[]> classes, List<CompileError> errors,
      java.util.Set<String> hidden, String api, Map<String, String> sourceOf) {
    public Output(Map<String, byte[]> classes, List<CompileError> errors) {
      this(classes, errors, java.util.Set.of(), "", Map.of());
    }

    /** The classes compiled from the files named {@code fileNames}. */
    public java.util.Set<String> classesOf(java.util.Set<String> fileNames) {
      java.util.Set<String> out = new java.util.TreeSet<>();
      sourceOf.forEach((c, f) -> {
        if (fileNames.contains(f)) {
          out.add(c);
        }
      });
      return out;
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private final JavaCompiler javac;
  private final String classpath;
  /**
   * Kept across compiles: it caches the class path's archives (the dstutor jar holds thousands of
   * classes), which a new one would open and index again on every submit.
   */
  private StandardJavaFileManager standard;

  public InMemoryCompiler(String classpath) {
    this.javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("this Java has no compiler (javac): dstutor needs a JDK 17"
          + " or newer, not a JRE. Install a JDK and set JAVA_HOME to it.");
    }
    this.classpath = classpath;
  }

  public Output compile(List<Source> sources) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    if (standard == null) {
      standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }
    Map<String, ByteArrayOutputStream> out = new HashMap<>();
    java.util.Set<String> hidden = new java.util.HashSet<>();
    Map<String, String> sourceOf = new HashMap<>();
    ForwardingJavaFileManager<StandardJavaFileManager> files =
        new ForwardingJavaFileManager<>(standard) {
          @Override
          public JavaFileObject getJavaFileForOutput(Location location, String className,
              JavaFileObject.Kind kind, FileObject sibling) {
            if (sibling instanceof SourceObject so) {
              sourceOf.put(className, so.source.fileName());
              if (!so.source.visible()) {
                hidden.add(className);
              }
            }
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/')
                + kind.extension), kind) {
              @Override
              public OutputStream openOutputStream() {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                out.put(className, b);
                return b;
              }
            };
          }
        };
    List<SourceObject> units = new ArrayList<>();
    for (Source s : sources) {
      units.add(new SourceObject(s));
    }
    List<String> options = List.of("-classpath", classpath, "-g", "-proc:none",
        "-implicit:none", "-encoding", "UTF-8", "-Xlint:none", "-nowarn");
    com.sun.source.util.JavacTask task = (com.sun.source.util.JavacTask) javac.getTask(null,
        files, diagnostics, options, null, units);
    Api api = new Api(units);
    task.addTaskListener(api);
    boolean ok = task.call();
    List<CompileError> errors = new ArrayList<>();
    boolean hiddenError = false;
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      Source s = d.getSource() instanceof SourceObject so ? so.source : null;
      String message = d.getMessage(Locale.ROOT);
      if (s == null || !s.visible()) {
        hiddenError = true;
        // Keep only javac's first line ("cannot find symbol", "incompatible types: ..."); the
        // symbol lines name what the tests expected of the learner's API.
        errors.add(new CompileError(s == null ? "(tests)" : "(hidden tests)", 0, 0, "",
            apiMismatch(message)));
        continue;
      }
      errors.add(new CompileError(s.displayPath(), d.getLineNumber(), d.getColumnNumber(),
          lineOf(s.text(), d.getLineNumber()), message));
    }
    if (!ok && errors.isEmpty()) {
      errors.add(new CompileError("(compiler)", 0, 0, "", "the compiler failed without a"
          + " message"));
    }
    if (hiddenError && errors.stream().anyMatch(e -> e.line() > 0)) {
      // Fix the learner's own errors first; the mismatch is likely a consequence.
      errors.removeIf(e -> e.line() == 0);
    }
    Map<String, byte[]> classes = new HashMap<>();
    out.forEach((k, v) -> classes.put(k, v.toByteArray()));
    return new Output(ok ? classes : Map.of(), errors, ok ? hidden : java.util.Set.of(),
        api.text(), ok ? sourceOf : Map.of());
  }

  /**
   * What the visible sources (given API and learner files) declare to code outside them: every
   * class with its supertypes and every member that is not private, with its full type, its
   * modifiers and a constant's value (which javac copies into the code that uses it). Hidden
   * tests compiled against one learner file link to, and behave the same with, another whose
   * text is the same: compiled once, they can be kept while the learner edits method bodies.
   */
  private static final class Api implements com.sun.source.util.TaskListener {
    private final java.util.TreeMap<String, String> types = new java.util.TreeMap<>();
    // By URI: javac hands listeners its own wrappers of our file objects.
    private final java.util.Set<URI> visible;

    Api(List<SourceObject> units) {
      visible = new java.util.HashSet<>();
      units.stream().filter(u -> u.source.visible()).forEach(u -> visible.add(u.toUri()));
    }

    @Override
    public void finished(com.sun.source.util.TaskEvent e) {
      if (e.getKind() == com.sun.source.util.TaskEvent.Kind.ANALYZE
          && e.getTypeElement() != null
          && e.getSourceFile() != null && visible.contains(e.getSourceFile().toUri())) {
        StringBuilder b = new StringBuilder();
        describe(e.getTypeElement(), b);
        types.put(e.getTypeElement().getQualifiedName().toString(), b.toString());
      }
    }

    String text() {
      StringBuilder b = new StringBuilder();
      types.values().forEach(b::append);
      return b.toString();
    }

    private static void describe(javax.lang.model.element.TypeElement t, StringBuilder b) {
      b.append(t.getKind()).append(' ').append(t.getModifiers()).append(' ')
          .append(t.getQualifiedName()).append(t.getTypeParameters().stream()
              .map(p -> p + " " + p.getBounds()).toList())
          .append(" extends ").append(t.getSuperclass())
          .append(" implements ").append(t.getInterfaces())
          .append(" permits ").append(t.getPermittedSubclasses()).append(" {\n");
      for (javax.lang.model.element.Element m : t.getEnclosedElements()) {
        if (m.getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE)) {
          continue;
        }
        if (m instanceof javax.lang.model.element.TypeElement nested) {
          describe(nested, b);
        } else {
          b.append("  ").append(m.getKind()).append(' ').append(m.getModifiers()).append(' ')
              .append(m.getSimpleName()).append(' ').append(m.asType());
          if (m instanceof javax.lang.model.element.VariableElement v
              && v.getConstantValue() != null) {
            Object c = v.getConstantValue();
            b.append(" = ").append(c.getClass().getSimpleName()).append(':')
                .append(c instanceof String str ? str.length() + ":" + str : c);
          }
          if (m instanceof javax.lang.model.element.ExecutableElement x) {
            b.append(" throws ").append(x.getThrownTypes()).append(x.isVarArgs() ? " ..." : "")
                .append(x.getDefaultValue() != null ? " default " + x.getDefaultValue() : "");
          }
          b.append('\n');
        }
      }
      b.append("}\n");
    }
  }

  private static String apiMismatch(String message) {
    StringBuilder b = new StringBuilder("the hidden tests do not compile against your code;"
        + " keep the class names, constructors and method signatures that the stub and the"
        + " given files declare. javac said: ");
    message.lines().map(String::trim).filter(l -> !l.isEmpty()).limit(3)
        .forEach(l -> b.append(l).append(' '));
    return b.toString().trim();
  }

  private static String lineOf(String text, long line) {
    if (line < 1) {
      return "";
    }
    return text.lines().skip(line - 1).findFirst().orElse("");
  }

  private static final class SourceObject extends SimpleJavaFileObject {
    final Source source;

    SourceObject(Source source) {
      super(URI.create("string:///" + source.fileName()), Kind.SOURCE);
      this.source = source;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return source.text();
    }
  }
}
