package io.khabar.serve;

import java.time.LocalDate;
import java.util.Map;

/** A bar chart of mentions per day as inline SVG, drawn on the server (no script, no chart library). */
public final class MentionChart {

    static final int WIDTH = 600;
    static final int HEIGHT = 120;
    static final int AXIS = 20;

    private MentionChart() {}

    /** Appends the chart of the given days (in order) to the page. */
    public static void svg(StringBuilder b, Map<LocalDate, Long> perDay) {
        long max = perDay.values().stream().mapToLong(Long::longValue).max().orElse(0);
        int n = Math.max(1, perDay.size());
        double slot = (double) WIDTH / n;
        double bar = Math.max(1, slot * 0.8);
        b.append(
                        "<div class=\"chart\" dir=\"ltr\" lang=\"en\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT + AXIS)
                .append("\" role=\"img\" aria-label=\"mentions per day\">");
        b.append("<line class=\"axis\" x1=\"0\" y1=\"")
                .append(HEIGHT)
                .append("\" x2=\"")
                .append(WIDTH)
                .append("\" y2=\"")
                .append(HEIGHT)
                .append("\"/>");
        int i = 0;
        LocalDate first = null;
        LocalDate last = null;
        for (Map.Entry<LocalDate, Long> d : perDay.entrySet()) {
            if (first == null) {
                first = d.getKey();
            }
            last = d.getKey();
            long v = d.getValue();
            double h = max == 0 ? 0 : (double) v * (HEIGHT - 4) / max;
            b.append(String.format(
                    java.util.Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %d</title></rect>",
                    i * slot + (slot - bar) / 2,
                    HEIGHT - h,
                    bar,
                    h,
                    d.getKey(),
                    v));
            i++;
        }
        if (first != null) {
            b.append("<text class=\"label\" x=\"0\" y=\"")
                    .append(HEIGHT + AXIS - 4)
                    .append("\">")
                    .append(first)
                    .append("</text>");
            b.append("<text class=\"label end\" x=\"")
                    .append(WIDTH)
                    .append("\" y=\"")
                    .append(HEIGHT + AXIS - 4)
                    .append("\">")
                    .append(last)
                    .append("</text>");
        }
        b.append("<text class=\"label\" x=\"2\" y=\"12\">max ").append(max).append("</text></svg></div>\n");
    }
}
