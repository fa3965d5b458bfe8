package io.khabar.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Jackson's {@link Instant} reader with a bound: a number (epoch seconds) outside years 1..9999 is refused instead of
 * wrapping around into a plausible date ({@code 1e999999999} became 1970 before) or overflowing; strings are read
 * as before and checked by {@link ArticleRules#checkTime} where they matter.
 */
final class BoundedInstantDeserializer extends StdScalarDeserializer<Instant> {

    private static final long serialVersionUID = 1L;
    private static final BigDecimal MIN = BigDecimal.valueOf(ArticleRules.EARLIEST.getEpochSecond());
    private static final BigDecimal MAX = BigDecimal.valueOf(ArticleRules.LATEST.getEpochSecond());

    BoundedInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != null && p.currentToken().isNumeric()) {
            BigDecimal seconds = p.getDecimalValue();
            if (seconds.compareTo(MIN) < 0 || seconds.compareTo(MAX) > 0) {
                String text = p.getText();
                throw InvalidFormatException.from(
                        p,
                        "epoch seconds " + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                                + " lie outside years 1..9999",
                        text,
                        Instant.class);
            }
        }
        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
}
