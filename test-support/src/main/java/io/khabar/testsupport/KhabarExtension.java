package io.khabar.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link KhabarPipelineTest}: one {@link KhabarPipeline} per test class, started
 * before the first test (or parameter that needs it) and closed by {@link #afterAll} when the class's tests are
 * done, on every JUnit Jupiter version from {@value #MIN_JUPITER} (the store only closes {@code AutoCloseable}
 * values itself from 5.13, so older versions left every pipeline running). Also usable as
 * {@code @ExtendWith(KhabarExtension.class)}. The JUnit version is checked before anything starts, with a message
 * that says what to change.
 */
public final class KhabarExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    /** Oldest JUnit Jupiter the test kit runs on. */
    public static final String MIN_JUPITER = "5.10";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KhabarExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        checkJupiterVersion(Test.class.getPackage().getImplementationVersion());
        pipeline(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        KhabarPipeline p =
                classContext.getStore(NAMESPACE).remove(classContext.getRequiredTestClass(), KhabarPipeline.class);
        if (p != null) {
            p.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KhabarPipeline.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return pipeline(context);
    }

    /**
     * Throws {@link ExtensionConfigurationException} saying what to change when {@code version} (the
     * junit-jupiter-api jar's Implementation-Version, null if unknown) is older than {@value #MIN_JUPITER}.
     */
    static void checkJupiterVersion(String version) {
        if (version == null) {
            return; // repackaged or built from source: nothing to compare
        }
        String[] parts = version.split("[.\\-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            String[] min = MIN_JUPITER.split("\\.");
            if (major < Integer.parseInt(min[0])
                    || (major == Integer.parseInt(min[0]) && minor < Integer.parseInt(min[1]))) {
                throw new ExtensionConfigurationException("khabar-test-support needs JUnit Jupiter " + MIN_JUPITER
                        + " or newer, but this test runs on " + version + ": import org.junit:junit-bom " + MIN_JUPITER
                        + ".0 or newer in your build (dependencyManagement) so that junit-jupiter-api and the engine"
                        + " are both at that version");
            }
        } catch (NumberFormatException e) {
            // an unusual version string: do not refuse a test for it
        }
    }

    /** The class's pipeline, started on first use. */
    private static KhabarPipeline pipeline(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        classContext.getRequiredTestClass(), c -> KhabarPipeline.start(), KhabarPipeline.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
