package org.jesdb.ejb.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jesdb.ejb.config.JesdbConfig;

/**
 * How a node authenticates: JESDB_SECURITY (on, the default, or off), the first admin's password
 * (JESDB_ADMIN_PASSWORD, read once at the first start), how long a token lives
 * (JESDB_TOKEN_SECONDS), how many subscription connections one user may hold open on a node
 * (JESDB_MAX_CONNECTIONS_PER_USER) and how many failed sign-ins it takes ({@link SignInLimits}).
 * The password never appears in {@link #toString()}.
 */
public record SecuritySettings(boolean enabled, Optional<String> adminPassword, Duration tokenLife, int connectionsPerUser,
                               SignInLimits signIns) {
    public static final int MIN_ADMIN_PASSWORD = 12;
    public static final Duration DEFAULT_TOKEN_LIFE = Duration.ofHours(1);
    /** Enough for a service with a consumer per partition; a leaked client loop hits it long before the node suffers. */
    public static final int DEFAULT_CONNECTIONS_PER_USER = 100;
    public static final int MAX_CONNECTIONS_PER_USER = 100_000;

    public static SecuritySettings from(Config config) {
        String security = config.getOptionalValue("jesdb.security", String.class).orElse("on").trim().toLowerCase(Locale.ROOT);
        if (!security.equals("on") && !security.equals("off")) {
            throw new IllegalStateException("JESDB_SECURITY must be on or off, was '" + security + "'");
        }
        Optional<String> password = config.getOptionalValue("jesdb.admin.password", String.class).filter(p -> !p.isEmpty());
        if (password.isPresent() && password.get().length() < MIN_ADMIN_PASSWORD) {
            throw new IllegalStateException("JESDB_ADMIN_PASSWORD must be at least " + MIN_ADMIN_PASSWORD + " characters");
        }
        String raw = config.getOptionalValue("jesdb.token.seconds", String.class).orElse(Long.toString(DEFAULT_TOKEN_LIFE.toSeconds()));
        long seconds;
        try {
            seconds = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 60 || seconds > TokenSigner.MAX_LIFE.toSeconds()) {
            throw new IllegalStateException("JESDB_TOKEN_SECONDS must be a whole number between 60 and "
                    + TokenSigner.MAX_LIFE.toSeconds() + ", was '" + raw + "'");
        }
        return new SecuritySettings(security.equals("on"), password, Duration.ofSeconds(seconds), connectionsPerUser(config),
                SignInLimits.from(config));
    }

    private static int connectionsPerUser(Config config) {
        return (int) JesdbConfig.number(config, "jesdb.max.connections.per.user", DEFAULT_CONNECTIONS_PER_USER, 1,
                MAX_CONNECTIONS_PER_USER);
    }

    @Override
    public String toString() {
        return "SecuritySettings[enabled=" + enabled + ", adminPassword=" + (adminPassword.isPresent() ? "(set)" : "(unset)")
                + ", tokenLife=" + tokenLife + ", connectionsPerUser=" + connectionsPerUser + ", signIns=" + signIns + "]";
    }
}
