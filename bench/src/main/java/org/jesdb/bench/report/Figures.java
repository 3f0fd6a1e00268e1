package org.jesdb.bench.report;

import java.util.Locale;

/** How the report writes numbers: rates in k and M, milliseconds with two decimals, ratios with ×. */
final class Figures {
    private Figures() {
    }

    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "—";
        }
        if (perSecond < 1_000) {
            return String.format(Locale.ROOT, "%.0f", perSecond);
        }
        if (perSecond < 100_000) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1_000);
        }
        if (perSecond < 10_000_000) {
            return String.format(Locale.ROOT, "%.0fk", perSecond / 1_000);
        }
        return String.format(Locale.ROOT, "%.1fM", perSecond / 1_000_000);
    }

    static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "—";
        }
        return millis < 10 ? String.format(Locale.ROOT, "%.2f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }

    static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "—";
        }
        return ratio < 10 ? String.format(Locale.ROOT, "%.2f×", ratio) : String.format(Locale.ROOT, "%.1f×", ratio);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "—" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    static String micros(double micros) {
        if (Double.isNaN(micros)) {
            return "—";
        }
        return micros < 100 ? String.format(Locale.ROOT, "%.1f", micros) : String.format(Locale.ROOT, "%.0f", micros);
    }
}
