# Sourced by the knudsen tools: finds a JDK >= 25 and exports JAVA_HOME and PATH.
# Order: $KNUDSEN_JAVA_HOME, $JAVA_HOME, `java` on PATH, then /usr/lib/jvm/* and ~/.sdkman.
knudsen_java_feature() {  # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
knudsen_find_jdk() {
  local candidates=() c v
  [ -n "${KNUDSEN_JAVA_HOME:-}" ] && candidates+=("$KNUDSEN_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")"); candidates+=("$c")
  fi
  for c in /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* /opt/java/* /opt/jdk*; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    v=$(knudsen_java_feature "$c")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$c"; return 0; fi
  done
  return 1
}
if ! KNUDSEN_JDK=$(knudsen_find_jdk); then
  echo "knudsen: no JDK >= 25 found (looked at \$KNUDSEN_JAVA_HOME, \$JAVA_HOME, java on PATH, /usr/lib/jvm/*)." >&2
  echo "knudsen: install one (e.g. Temurin 25) or set KNUDSEN_JAVA_HOME to its directory." >&2
  exit 2
fi
export JAVA_HOME="$KNUDSEN_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v mvn >/dev/null 2>&1; then
  echo "knudsen: Apache Maven (mvn) is needed to build knudsen; install it (apt-get install maven)." >&2
  exit 2
fi
# Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 25; the warning is harmless, silence it.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
