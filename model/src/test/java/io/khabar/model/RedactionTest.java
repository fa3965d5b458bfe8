package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one redaction rule (issue #13): part of the hostile-input suite for secrets. */
class RedactionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ssl.key.password",
                "ssl.keystore.password",
                "ssl.truststore.password",
                "ssl.keystore.key",
                "ssl.keystore.certificate.chain",
                "sasl.jaas.config",
                "producer.sasl.jaas.config",
                "main.consumer.ssl.key.password",
                "sasl.oauthbearer.assertion.private.key.passphrase",
                "sasl.oauthbearer.client.credentials.client.secret",
                "basic.auth.user.info",
                "BASIC_AUTH_USER_INFO",
                "schema.registry.basic.auth.user.info",
                "KHABAR_JDBC_PASSWORD",
                "my.api.Token",
                "aws.SECRET.access",
                "some.private.key",
                "x.credentials"
            })
    void shouldHideSecretKeys(String key) {
        assertThat(Redaction.isSecret(key)).as(key).isTrue();
        assertThat(Redaction.mask(key, "s3cr3t-value")).isEqualTo(Redaction.HIDDEN);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bootstrap.servers",
                "acks",
                "compression.type",
                "sasl.mechanism",
                "security.protocol",
                "key.serializer",
                "application.id",
                "khabar.enrich.max.input.bytes",
                "ssl.keystore.location"
            })
    void shouldShowPlainKeys(String key) {
        assertThat(Redaction.isSecret(key)).as(key).isFalse();
        assertThat(Redaction.mask(key, "v")).isEqualTo("v");
    }

    @Test
    void shouldKnowEveryKafkaPasswordTypedKey() {
        assertThat(Redaction.kafkaPasswordKeys())
                .contains("ssl.key.password", "sasl.jaas.config")
                .allSatisfy(k -> assertThat(Redaction.isSecret(k)).isTrue());
    }

    @Test
    void shouldScrubSecretValuesAndAssignmentsFromMessages() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"hunter22\";");
        settings.put("ssl.key.password", "k3yp4ss");
        settings.put("acks", "all");
        String msg = "failed with ssl.key.password k3yp4ss and " + settings.get("sasl.jaas.config")
                + " jdbc:postgresql://db/x?user=a&password=pw123&ssl=true acks all";

        String scrubbed = Redaction.scrub(msg, settings);

        assertThat(scrubbed).doesNotContain("hunter22", "k3yp4ss", "pw123").contains("acks all", "ssl=true");
        assertThat(Redaction.scrub("token: abc.def password=\"x y\"")).doesNotContain("abc.def", "x y");
    }
}
