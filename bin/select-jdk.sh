# Sourced by ./trellis, ./mvnw and .ci/run: exports JAVA_HOME as a JDK 21 or newer.
#
# Looks in order at $JAVA_HOME, the `java` on the PATH, then every JDK in the system's JVM
# directory (newest first), and keeps the first whose specification version is 21 or more
# and which has javac (a JRE cannot build the distribution). With none, it says what to
# install and returns 1. POSIX sh, because mvnw is.

trellis_java_version() {
  # Prints the feature version of the java binary $1 (17, 21, 25...), or nothing.
  # The JDK's release file says it without starting a JVM, which costs ~0.1-0.2 s on every
  # ./trellis call; a java without one (unusual builds) is asked.
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    from_release=$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$release" | sed 's/^1\.//; s/\..*//')
    if [ -n "$from_release" ]; then
      echo "$from_release"
      return 0
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' \
    | sed 's/^1\.//; s/\..*//'
}

trellis_usable_jdk() {
  # True when the directory $1 is a JDK home of version 21 or newer.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  version=$(trellis_java_version "$1/bin/java")
  [ -n "$version" ] && [ "$version" -ge 21 ]
}

trellis_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && trellis_usable_jdk "$JAVA_HOME"; then
    export JAVA_HOME
    return 0
  fi
  on_path=$(command -v java 2>/dev/null || true)
  if [ -n "$on_path" ]; then
    home=$(dirname "$(dirname "$(readlink -f "$on_path")")")
    if trellis_usable_jdk "$home"; then
      JAVA_HOME=$home; export JAVA_HOME
      return 0
    fi
  fi
  for home in $(ls -d /usr/lib/jvm/*/ /usr/local/lib/jvm/*/ /opt/java/*/ 2>/dev/null \
                | sed 's:/$::' | sort -rV); do
    if trellis_usable_jdk "$home"; then
      JAVA_HOME=$home; export JAVA_HOME
      return 0
    fi
  done
  cat >&2 <<'MSG'
trellis: no JDK 21 or newer found.
  Looked at $JAVA_HOME, the `java` on the PATH, and /usr/lib/jvm.
  Install one, for example:  apt-get install openjdk-21-jdk-headless   (Debian/Ubuntu)
  or point JAVA_HOME at an existing JDK 21+ installation.
MSG
  return 1
}
