package io.khabar.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class KhabarExtensionTest {

    @Test
    void shouldRefuseAJupiterOlderThanTheMinimumSayingWhatToChange() {
        assertThatThrownBy(() -> KhabarExtension.checkJupiterVersion("5.9.3"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("needs JUnit Jupiter 5.10 or newer")
                .hasMessageContaining("5.9.3")
                .hasMessageContaining("junit-bom");
        assertThatThrownBy(() -> KhabarExtension.checkJupiterVersion("4.13"))
                .isInstanceOf(ExtensionConfigurationException.class);
    }

    @Test
    void shouldAcceptTheMinimumNewerOnesAndUnknownVersions() {
        assertThatCode(() -> KhabarExtension.checkJupiterVersion("5.10.0")).doesNotThrowAnyException();
        assertThatCode(() -> KhabarExtension.checkJupiterVersion("5.14.4")).doesNotThrowAnyException();
        assertThatCode(() -> KhabarExtension.checkJupiterVersion("6.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> KhabarExtension.checkJupiterVersion("5.11.0-M1")).doesNotThrowAnyException();
        assertThatCode(() -> KhabarExtension.checkJupiterVersion(null)).doesNotThrowAnyException();
        assertThatCode(() -> KhabarExtension.checkJupiterVersion("dev")).doesNotThrowAnyException();
    }
}
