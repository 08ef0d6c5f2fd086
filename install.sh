#!/usr/bin/env bash
# Installs dstutor: checks for a JDK 17+ (with javac: the grader compiles your code), builds the jar,
# installs it with the course and a `dstutor` launcher, trains class-data archives for a fast start,
# and runs `dstutor next`.
#
#   ./install.sh                 installs into ~/.local (launcher in ~/.local/bin)
#   PREFIX=/opt/dstutor ./install.sh
#   DSTUTOR_NO_NEXT=1 ./install.sh   skip the final `dstutor next`
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
prefix="${PREFIX:-$HOME/.local}"
share="$prefix/share/dstutor"
bin="$prefix/bin"

say() { printf '%s\n' "$*" >&2; }
die() { say "install.sh: $*"; exit 1; }

# 1. A JDK 17 or newer, with the compiler module (a JRE alone cannot grade).
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  java="$(command -v java)"
else
  die "no Java found. Install a JDK 17 or newer (for example: apt-get install openjdk-17-jdk) and run ./install.sh again."
fi
java="$(readlink -f "$java")"
version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
major="${version%%.*}"
if [[ -z "$major" || "$major" -lt 17 ]]; then
  die "$java is Java ${version:-unknown}; dstutor needs a JDK 17 or newer. Install one and set JAVA_HOME to it."
fi
if ! "$java" --list-modules 2>/dev/null | grep -q '^jdk.compiler@'; then
  die "$java is a JRE without javac (no jdk.compiler module). dstutor compiles your code, so it needs a full JDK 17+: install one (for example openjdk-17-jdk) and set JAVA_HOME to it."
fi
export JAVA_HOME="$(dirname "$(dirname "$java")")"
say "using the JDK in $JAVA_HOME (Java $version)"

# 2. Build the runnable jar (the Maven wrapper fetches Maven on first use).
say "building dstutor (the first build downloads Maven and the libraries; later ones are quick)..."
(cd "$here" && ./mvnw -q -B -DskipTests package) || die "the build failed; the messages above say why."

# 3. Install the jar and the course.
mkdir -p "$share" "$bin"
cp "$here/target/dstutor.jar" "$share/dstutor.jar.new"
mv "$share/dstutor.jar.new" "$share/dstutor.jar"
rm -rf "$share/course.new"
mkdir -p "$share/course.new"
cp -R "$here/exercises" "$here/solutions" "$here/content" "$share/course.new/"
rm -rf "$share/course.old"
if [[ -d "$share/course" ]]; then mv "$share/course" "$share/course.old"; fi
mv "$share/course.new" "$share/course"
rm -rf "$share/course.old"

jvm_flags='-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off'
cat > "$bin/dstutor" <<LAUNCHER
#!/bin/sh
# dstutor launcher, written by install.sh. Reinstall with ./install.sh to update.
share="$share"
cds=""
if [ -f "\$share/cli.jsa" ]; then cds="-XX:SharedArchiveFile=\$share/cli.jsa"; fi
exec "$java" $jvm_flags \$cds \\
  -Ddstutor.course="\$share/course" -Ddstutor.worker.cds="\$share/worker.jsa" \\
  -Ddstutor.cli.cds="\$share/cli.jsa" \\
  -jar "\$share/dstutor.jar" "\$@"
LAUNCHER
chmod +x "$bin/dstutor"

# 4. Class-data sharing archives: one training session in the shell (a real submit, a page read,
#    a search) records the classes that the tutor and its grading worker load, so later starts map
#    them instead of loading them one by one.
say "training start-up archives..."
rm -f "$share/cli.jsa" "$share/worker.jsa"
train="$(mktemp -d)"
first="$(sed -n 's/.*exercises: *\[\([^],]*\).*/\1/p' "$share/course/exercises/course.yaml" | head -1 | tr -d ' ')"
printf 'list\nshow %s\nsubmit %s --json\nhint %s\nread dynamo\nsearch sloppy quorum\nrelated quorum\ncompare dynamo bigtable\nprogress\nexit\n' \
  "$first" "$first" "$first" \
  | DSTUTOR_NO_SERVER=1 DSTUTOR_HOME="$train/home" DSTUTOR_WORKSPACE="$train/ws" "$java" $jvm_flags \
    -XX:ArchiveClassesAtExit="$share/cli.jsa" \
    -Ddstutor.course="$share/course" -Ddstutor.worker.cds.dump="$share/worker.jsa" \
    -jar "$share/dstutor.jar" >/dev/null 2>&1 || true
rm -rf "$train"
if [[ -f "$share/cli.jsa" && -f "$share/worker.jsa" ]]; then
  say "start-up archives ready"
else
  say "note: no start-up archive was made; dstutor works, only its start is slower"
fi

# 5. Shell completion (bash; zsh through bashcompinit), generated from the command model.
completion="$share/dstutor-completion.bash"
if "$bin/dstutor" completion > "$completion.new" 2>/dev/null; then
  mv "$completion.new" "$completion"
  if [[ ! -f "$share/.completion-hint-shown" ]]; then
    say ""
    say "Tab completion: add this line to ~/.bashrc (for zsh, to ~/.zshrc after"
    say "'autoload -U +X bashcompinit && bashcompinit'):"
    say "  source \"$completion\""
    touch "$share/.completion-hint-shown"
  fi
else
  rm -f "$completion.new"
  say "note: no completion script was made; dstutor works without it"
fi

say "installed: $bin/dstutor (course and jar in $share)"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) say ""; say "Add dstutor to your PATH, then open a new shell:"
     say "  echo 'export PATH=\"$bin:\$PATH\"' >> ~/.bashrc   # or ~/.zshrc"
     say "" ;;
esac

if [[ -z "${DSTUTOR_NO_NEXT:-}" ]]; then
  say "your first exercise:"
  say ""
  "$bin/dstutor" next
fi
