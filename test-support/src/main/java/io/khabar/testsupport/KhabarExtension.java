package io.khabar.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link KhabarPipelineTest}: one {@link KhabarPipeline} per test class, started
 * before the first test (or parameter that needs it) and closed when the class's tests are done. Also usable as
 * {@code @ExtendWith(KhabarExtension.class)}.
 */
public final class KhabarExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KhabarExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        pipeline(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KhabarPipeline.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) throws ParameterResolutionException {
        return pipeline(context);
    }

    /** The class's pipeline, started on first use; the store closes it (an AutoCloseable, JUnit 5.13+) when the class is done. */
    private static KhabarPipeline pipeline(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(classContext.getRequiredTestClass(), c -> KhabarPipeline.start(), KhabarPipeline.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
