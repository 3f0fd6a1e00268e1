package org.jesdb.ejb.config;

import org.eclipse.microprofile.config.Config;

/**
 * How long a request's URL (path and query, as sent) and its headers (names and values) may be:
 * JESDB_MAX_URL_BYTES and JESDB_MAX_HEADER_BYTES. Both must stay below what Payara's HTTP listener
 * reads for the request line and headers ({@value #LISTENER_HEADER_BUFFER} bytes, set in
 * domain-config/domain.xml), so that JESDB, not the listener, answers a request over them.
 */
public record HttpLimits(int maxUrlBytes, int maxHeaderBytes) {
    public static final int DEFAULT_MAX_URL_BYTES = 8192;
    public static final int DEFAULT_MAX_HEADER_BYTES = 12288;
    public static final int LISTENER_HEADER_BUFFER = 32768;
    /** The request line and the headers share the listener's buffer. */
    private static final int MOST = LISTENER_HEADER_BUFFER / 2;

    public static HttpLimits from(Config config) {
        return new HttpLimits(
                (int) JesdbConfig.number(config, "jesdb.max.url.bytes", DEFAULT_MAX_URL_BYTES, 256, MOST),
                (int) JesdbConfig.number(config, "jesdb.max.header.bytes", DEFAULT_MAX_HEADER_BYTES, 1024, MOST - 1024));
    }
}
