package io.khabar.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class that needs a running khabar pipeline: one {@link KhabarPipeline} (Kafka broker plus
 * khabar's enrich app, in a child JVM) is started before the class's first test, handed to any test, lifecycle method or
 * constructor that declares a {@code KhabarPipeline} parameter, and closed after its last test.
 *
 * <pre>{@code
 * @KhabarPipelineTest
 * class MyConsumerIT {
 *     @Test
 *     void countsArticlesPerPlace(KhabarPipeline khabar) {
 *         String id = khabar.publish("لاہور میں بارش", "لاہور میں صبح سے بارش جاری ہے۔");
 *         khabar.awaitEnriched(id);
 *         MyConsumer consumer = new MyConsumer(khabar.bootstrapServers());
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KhabarExtension.class)
public @interface KhabarPipelineTest {}
