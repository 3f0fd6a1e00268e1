package org.jesdb.ejb.security;

import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.jesdb.ejb.config.JesdbConfig;

/**
 * How many failed password sign-ins a node takes before it stops checking passwords for a while:
 * per user name (JESDB_MAX_FAILED_SIGN_INS), per client address
 * (JESDB_MAX_FAILED_SIGN_INS_PER_ADDRESS), each within a window of JESDB_SIGN_IN_WINDOW_SECONDS.
 */
public record SignInLimits(int perName, int perAddress, Duration window) {
    /** Ten guesses a minute per name: a person mistyping never gets there, a guessing script gets nowhere. */
    public static final int DEFAULT_PER_NAME = 10;
    /** More than per name: several people behind one NAT or proxy share an address. */
    public static final int DEFAULT_PER_ADDRESS = 30;
    public static final int DEFAULT_WINDOW_SECONDS = 60;
    public static final int MIN_WINDOW_SECONDS = 10;
    public static final int MAX_WINDOW_SECONDS = 3_600;

    public SignInLimits {
        if (perName < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limits must be at least 1 and the window positive: " + perName + ", "
                    + perAddress + ", " + window);
        }
    }

    public static SignInLimits defaults() {
        return new SignInLimits(DEFAULT_PER_NAME, DEFAULT_PER_ADDRESS, Duration.ofSeconds(DEFAULT_WINDOW_SECONDS));
    }

    public static SignInLimits from(Config config) {
        return new SignInLimits(
                (int) JesdbConfig.number(config, "jesdb.max.failed.sign.ins", DEFAULT_PER_NAME, 1, 1_000),
                (int) JesdbConfig.number(config, "jesdb.max.failed.sign.ins.per.address", DEFAULT_PER_ADDRESS, 1, 100_000),
                Duration.ofSeconds(JesdbConfig.number(config, "jesdb.sign.in.window.seconds", DEFAULT_WINDOW_SECONDS,
                        MIN_WINDOW_SECONDS, MAX_WINDOW_SECONDS)));
    }
}
