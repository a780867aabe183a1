package dev.trellis.proxy.route;

/**
 * One match of one rule, the unit route tables are ordered by: a rule with several matches has
 * one entry per match, each ranked on its own, as the Gateway API orders matches.
 *
 * @param matcher the compiled conditions
 * @param rule    what happens on a match
 * @param rank    the entry's precedence (see {@link RouteTables}); lower wins
 */
record RouteEntry(RequestMatcher matcher, CompiledRule rule, Rank rank) {

  /**
   * Precedence keys, compared in order. For HTTP: path kind (Exact, PathPrefix, Regex), path
   * length (longer first), method given, header count, query count. For gRPC: service length,
   * method length, header count. Then the route's {@code namespace/name}, rule index, match index.
   */
  record Rank(int[] keys, String route, int rule, int match) implements Comparable<Rank> {
    @Override
    public int compareTo(Rank other) {
      for (int i = 0; i < keys.length; i++) {
        int c = Integer.compare(keys[i], other.keys[i]);
        if (c != 0) {
          return c;
        }
      }
      int byRoute = route.compareTo(other.route);
      if (byRoute != 0) {
        return byRoute;
      }
      int byRule = Integer.compare(rule, other.rule);
      return byRule != 0 ? byRule : Integer.compare(match, other.match);
    }
  }
}
