package io.khabar.it.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the annotated tests only when a Docker-API container engine is reachable (Docker, or Podman's API socket
 * via {@code DOCKER_HOST}); otherwise skips them and says so in one line on stderr, so a machine with only a
 * JDK still builds green.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfContainerEngine.Condition.class)
public @interface EnabledIfContainerEngine {

    /** The condition behind the annotation. */
    final class Condition implements ExecutionCondition {
        private static final AtomicBoolean SAID = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.enabled("container engine reachable");
            }
            String reason =
                    "khabar container tests SKIPPED: no container engine reachable (start Docker, or Podman's API and"
                            + " export DOCKER_HOST=unix:///run/podman/podman.sock; see docs/containers.md)";
            if (SAID.compareAndSet(false, true)) {
                System.err.println(reason);
            }
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
