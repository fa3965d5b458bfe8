package io.khabar.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of a robots.txt (RFC 9309) for one user agent: the group naming the agent, else the {@code *} group;
 * the longest matching {@code Allow}/{@code Disallow} path wins, {@code Allow} on a tie; {@code *} and a final
 * {@code $} in paths are understood.
 */
public final class RobotsTxt {

    /** No rules: everything may be fetched. */
    public static final RobotsTxt ALLOW_ALL = new RobotsTxt(List.of());
    /** Nothing may be fetched (what an unreachable robots.txt means). */
    public static final RobotsTxt DISALLOW_ALL = new RobotsTxt(List.of(new Rule(false, "/")));

    private record Rule(boolean allow, String path) {}

    private final List<Rule> rules;

    private RobotsTxt(List<Rule> rules) {
        this.rules = rules;
    }

    /** Parses the text and keeps the rules that apply to {@code agent}. */
    public static RobotsTxt parse(String text, String agent) {
        String me = agent.toLowerCase(Locale.ROOT);
        List<Rule> mine = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        boolean mineFound = false;
        List<String> groupAgents = new ArrayList<>();
        List<Rule> groupRules = new ArrayList<>();
        boolean inRules = false;
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n")));
        lines.add("user-agent: \u0000end");
        for (String raw : lines) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (inRules) {
                    for (String a : groupAgents) {
                        if (a.equals(me)) {
                            mine.addAll(groupRules);
                            mineFound = true;
                        } else if (a.equals("*")) {
                            star.addAll(groupRules);
                        }
                    }
                    groupAgents.clear();
                    groupRules = new ArrayList<>();
                    inRules = false;
                }
                groupAgents.add(value.toLowerCase(Locale.ROOT));
            } else if (key.equals("allow") || key.equals("disallow")) {
                inRules = true;
                if (!value.isEmpty()) {
                    groupRules.add(new Rule(key.equals("allow"), value));
                }
            }
        }
        return new RobotsTxt(List.copyOf(mineFound ? mine : star));
    }

    /** True when the path (with its query) may be fetched. */
    public boolean allows(String pathAndQuery) {
        Rule best = null;
        for (Rule r : rules) {
            if (matches(r.path(), pathAndQuery)
                    && (best == null
                            || r.path().length() > best.path().length()
                            || (r.path().length() == best.path().length() && r.allow()))) {
                best = r;
            }
        }
        return best == null || best.allow();
    }

    private static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        return match(p, 0, path, 0, anchored);
    }

    private static boolean match(String p, int pi, String s, int si, boolean anchored) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (match(p, pi + 1, s, k, anchored)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || s.charAt(si) != c) {
                return false;
            }
            pi++;
            si++;
        }
        return !anchored || si == s.length();
    }
}
