package org.jesdb.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenPathsTest {

    @Test
    void theHealthChecksAndTheConsolesFilesAnswerWithoutCredentials() {
        String[][] open = {
                {"GET", "/health"},
                {"POST", "/health"},
                {"GET", "/console"},
                {"GET", "/console/"},
                {"GET", "/console/index.html"},
                {"HEAD", "/console/console.js"},
        };
        for (String[] c : open) {
            assertThat(OpenPaths.isOpen(c[0], c[1])).as(String.join(" ", c)).isTrue();
        }
    }

    @Test
    void everythingElseNeedsCredentials() {
        String[][] closed = {
                {"GET", "/api"},
                {"GET", "/metrics"},
                {"GET", "/consoles"},
                {"GET", "/console.js"},
                {"GET", "/healthy"},
                {"GET", ""},
                {"GET", null},
                {"GET", "/Console/index.html"},
                // the console's files are only read: nothing else may pass under its name
                {"POST", "/console/index.html"},
                {"PUT", "/console/x"},
                {"DELETE", "/console"},
        };
        for (String[] c : closed) {
            assertThat(OpenPaths.isOpen(c[0], c[1])).as(c[0] + " " + c[1]).isFalse();
        }
    }
}
