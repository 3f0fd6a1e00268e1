package org.jesdb.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void aScriptsRequestIsNotChallengedWithBasicSoTheBrowserAsksNothing() {
        assertThat(Challenge.of("XMLHttpRequest")).isEqualTo("Bearer realm=\"jesdb\"").doesNotContain("Basic");
        assertThat(Challenge.of("xmlhttprequest")).doesNotContain("Basic");
    }

    @Test
    void everyOtherRequestIsChallengedWithBasicAndBearer() {
        for (String requestedWith : new String[] {null, "", "fetch", "XMLHttpRequest2"}) {
            assertThat(Challenge.of(requestedWith)).as(String.valueOf(requestedWith))
                    .isEqualTo("Basic realm=\"jesdb\", Bearer realm=\"jesdb\"");
        }
    }
}
