package org.jesdb.web.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawUriTextTest {

    @Test
    void legalTextAndEscapesAreKeptAsTheyAre() {
        String raw = "/api/stores/default/all?from=0&count=10&type=Order%2A&stream=a%20b";

        assertThat(RawUriText.escapeIllegal(raw)).isEqualTo(raw);
    }

    @Test
    void whatUriWouldRefuseIsEscapedAndMeansTheSame() {
        for (String raw : new String[] {"payload={\"tier\":\"gold\"}", "after=100%", "q=a|b^c`d", "s=😀", "x=%zz%4", "y=[1]"}) {
            String escaped = RawUriText.escapeIllegal(raw);

            assertThat(URI.create("https://node:8443/api?" + escaped).getRawQuery()).as(raw).isEqualTo(escaped);
            assertThat(URLDecoder.decode(escaped, StandardCharsets.UTF_8)).as(raw).isEqualTo(raw.replace("+", " "));
        }
    }

    @Test
    void rawBytesThatTheContainerMadeIntoOneCharacterEachAreSentAsTheyCame() {
        // é sent raw as UTF-8 (C3 A9) reaches the servlet as the two characters Ã and ©
        String asReceived = new String("s=é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(RawUriText.escapeIllegal(asReceived)).isEqualTo("s=%C3%A9");
    }
}
