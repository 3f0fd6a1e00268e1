package org.jesdb.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PayaraArgumentsTest {

    @Test
    void withoutPortsHttpsIs8443() {
        assertThat(PayaraArguments.withHttpsPort(List.of())).containsExactly("--sslport", "8443");
    }

    @Test
    void theDefaultHttpsPortFollowsTheHttpPortSoNodesOnOneHostDoNotCollide() {
        assertThat(PayaraArguments.withHttpsPort(List.of("--port", "8081")))
                .containsExactly("--port", "8081", "--sslport", "8444");
    }

    @Test
    void aGivenSslPortIsKept() {
        List<String> args = List.of("--port", "8081", "--sslport", "9443");
        assertThat(PayaraArguments.withHttpsPort(args)).isEqualTo(args);
        assertThat(PayaraArguments.httpsPort(args)).isEqualTo("9443");
    }

    @Test
    void optionsAreMatchedInAnyCaseAsPayaraTakesThem() {
        List<String> args = List.of("--Port", "8081", "--sslPort", "9443");
        assertThat(PayaraArguments.withHttpsPort(args)).isEqualTo(args);
        assertThat(PayaraArguments.httpsPort(args)).isEqualTo("9443");
        assertThat(PayaraArguments.withHttpsPort(List.of("--PORT", "8082"))).endsWith("--sslport", "8445");
        assertThat(PayaraArguments.withHttpsPort(List.of("--autoBindSsl"))).containsExactly("--autoBindSsl");
    }

    @Test
    void anHttpPortTooHighForTheDefaultAsksForSslPort() {
        assertThatThrownBy(() -> PayaraArguments.withHttpsPort(List.of("--port", "65500")))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining("give --sslport");
    }
}
