# Sourced by ./trellis: which JVM options a trellis command runs with. POSIX sh.
#
# A command has a role, and each role an options file in the distribution, conf/ROLE.jvm-options,
# passed to java as an @argfile (docs/sidecar.md, "The sidecar's JVM"):
#   sidecar  `trellis proxy` and `trellis run`: a small, fixed heap and a small JVM, so that
#            one sidecar per application instance stays cheap (docs/benchmarks.md says why).
#   control  `trellis control` and `trellis demo`: the control plane holds the mesh's state,
#            which grows with it, so it keeps the JVM's own heap sizing.
#   cli      every short command (`get`, `apply`, `status`, `--help`...): fast start-up.
# Every role also gets a class-data archive (CDS) of the classes it loads, made by the JVM itself
# the first time a command of that role runs after a build, other than for help or the version
# (see trellis_class_archive). The test kit's Distribution
# (trellis-testkit) applies the same rules, so that tests run what users run.

trellis_jvm_role() {
  # Prints the role of the trellis command whose first argument is $1.
  case "$1" in
    proxy|run) echo sidecar ;;
    control|demo) echo control ;;
    *) echo cli ;;
  esac
}

trellis_class_archive() {
  # Prints the class-data archive of role $2 for the distribution $1 run by the JDK at $3, and
  # makes its directory; prints nothing when that JDK has no archive of its own classes
  # (lib/server/classes.jsa), on which the JVM builds ours: it would warn on every start.
  #
  # The archive is made lazily, by the JVM (-XX:+AutoCreateSharedArchive, JDK 19+): when the
  # file is missing, the command runs without it and writes one as it exits. The JVM checks an
  # archive against the jars and the JDK, but one made from other jars it only refuses (a class
  # path mismatch) and never rewrites: so every build of the distribution empties dist/cache
  # (trellis-cli/pom.xml), and the next run of each role writes its archive again (under a
  # second). Lazily rather than by a training run during the build, because the build then stays
  # as fast and as safe as it was.
  # One file per role and JDK, so that two JDKs used in turn do not rewrite each other's.
  [ -f "$3/lib/server/classes.jsa" ] || return 0
  jdk=$(sed -n 's/^JAVA_RUNTIME_VERSION="\([^"]*\)".*/\1/p' "$3/release" 2>/dev/null | tr -c 'A-Za-z0-9.+_\n-' '_')
  mkdir -p "$1/cache" 2>/dev/null || true
  archive="$1/cache/$2-jdk${jdk:-unknown}.jsa"
  trellis_drop_broken_archive "$archive"
  echo "$archive"
}

trellis_only_prints_help() {
  # True when the trellis command line "$@" only prints help or the version: such a run uses the
  # archive but does not write one, or the archive would hold its few classes and, being valid,
  # stay so until the next build. Arguments after `--` belong to the application of `trellis run`.
  [ $# -gt 0 ] || return 0
  [ "$1" = help ] && return 0
  for arg in "$@"; do
    case "$arg" in
      --) return 1 ;;
      -h|--help|-V|--version) return 0 ;;
    esac
  done
  return 1
}

trellis_drop_broken_archive() {
  # Removes the file $1 unless it starts as a dynamic class-data archive does (magic 0xf00baba8).
  # The JVM replaces a stale archive by itself, but takes one that is not an archive at all for
  # a base archive, warns on every start, and never replaces it. That is what a dump cut short
  # leaves behind (the JVM writes the header last), or one still being written by another
  # process as it exits.
  [ -f "$1" ] || return 0
  magic=$(od -A n -t x4 -N 4 "$1" 2>/dev/null | tr -d ' ')
  [ "$magic" = f00baba8 ] || rm -f "$1" 2>/dev/null || true
}

trellis_quiet_archive_logs() {
  # Prints the -Xlog options that keep the JVM quiet about a missing, stale or unwritable
  # archive (it then runs without one, which is all a user needs to know: nothing) on the JDK
  # of feature version $1. JDK 25 reports archives under the tag `aot`, which older JDKs reject.
  if [ "${1:-0}" -ge 25 ]; then
    echo "-Xlog:cds*=off -Xlog:aot*=off"
  else
    echo "-Xlog:cds*=off"
  fi
}

trellis_version_options() {
  # Prints the options of role $1 that depend on the JDK's feature version $2 (the options files
  # are the same for every JDK). A sidecar gives the C library's freed memory back to the system
  # every second (JDK 22+): what the JIT compilers allocate and free in bursts otherwise stays in
  # the process, about 20 MiB of the RSS under load, at no measured cost in requests per second.
  if [ "$1" = sidecar ] && [ "${2:-0}" -ge 22 ]; then
    echo "-XX:TrimNativeHeapInterval=1000"
  fi
}
