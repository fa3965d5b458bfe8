package io.khabar.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.Objects;

/**
 * One mention of an {@link ArticleEntity}, written compactly as a JSON array (schema version 3):
 * {@code [field, start, end, method]} or, when the span sits elsewhere in the original text,
 * {@code [field, start, end, method, shift]} or {@code [field, start, end, method, startShift, endShift]}.
 * Field is {@code t} title or {@code b} body; start and end (UTF-16, end exclusive) are in the normalised field;
 * method is {@code g} gazetteer, {@code r} rule, {@code c} coreference or {@code m} entity memory. The span in the
 * original field ({@code article.title/body}) is {@code start + startShift} to {@code end + endShift}; an absent
 * shift is 0 and an absent end shift equals the start shift. The surface text is {@code title/body.substring(start, end)}.
 * Version 2's form {@code [field, start, end, originalStart, originalEnd, method]} is still read.
 *
 * @param field         {@link Entity#TITLE} or {@link Entity#BODY}
 * @param start         start offset in the normalised field
 * @param end           end offset (exclusive) in the normalised field
 * @param originalStart start offset in the original field
 * @param originalEnd   end offset (exclusive) in the original field
 * @param method        how it was found
 */
@JsonSerialize(using = EntityMention.Writer.class)
@JsonDeserialize(using = EntityMention.Reader.class)
public record EntityMention(
        String field, int start, int end, int originalStart, int originalEnd, Entity.Method method) {

    public EntityMention {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(method, "method");
    }

    /** The one-letter code of a field in the compact form. */
    static String fieldCode(String field) {
        return switch (field) {
            case Entity.TITLE -> "t";
            case Entity.BODY -> "b";
            default -> throw new IllegalArgumentException("unknown field " + field + " (title or body)");
        };
    }

    /** The one-letter code of a method in the compact form. */
    static String methodCode(Entity.Method method) {
        return switch (method) {
            case GAZETTEER -> "g";
            case RULE -> "r";
            case COREFERENCE -> "c";
            case MEMORY -> "m";
        };
    }

    static String field(String code) {
        return switch (code) {
            case "t" -> Entity.TITLE;
            case "b" -> Entity.BODY;
            default -> throw new IllegalArgumentException("unknown mention field code '" + code + "' (t or b)");
        };
    }

    static Entity.Method method(String code) {
        return switch (code) {
            case "g" -> Entity.Method.GAZETTEER;
            case "r" -> Entity.Method.RULE;
            case "c" -> Entity.Method.COREFERENCE;
            case "m" -> Entity.Method.MEMORY;
            default -> throw new IllegalArgumentException("unknown mention method code '" + code + "' (g, r, c or m)");
        };
    }

    private static final String FORM = "a mention is [field, start, end, method] with an optional start shift and end "
            + "shift to the original text (or version 2's [field, start, end, originalStart, originalEnd, method])";

    /** Writes the compact array form: the shifts only when the original span is elsewhere. */
    static final class Writer extends JsonSerializer<EntityMention> {
        @Override
        public void serialize(EntityMention m, JsonGenerator g, SerializerProvider p) throws IOException {
            int startShift = m.originalStart - m.start;
            int endShift = m.originalEnd - m.end;
            int size = endShift != startShift ? 6 : startShift != 0 ? 5 : 4;
            g.writeStartArray(m, size);
            g.writeString(fieldCode(m.field));
            g.writeNumber(m.start);
            g.writeNumber(m.end);
            g.writeString(methodCode(m.method));
            if (size > 4) {
                g.writeNumber(startShift);
            }
            if (size > 5) {
                g.writeNumber(endShift);
            }
            g.writeEndArray();
        }
    }

    /** Reads the compact array form (or version 2's), failing with a message that says what is wrong. */
    static final class Reader extends JsonDeserializer<EntityMention> {
        @Override
        public EntityMention deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                return (EntityMention) ctx.handleUnexpectedToken(EntityMention.class, p);
            }
            try {
                String field = field(text(p, ctx));
                int start = number(p, ctx);
                int end = number(p, ctx);
                JsonToken fourth = p.nextToken();
                if (fourth == JsonToken.VALUE_NUMBER_INT) { // version 2: [field, start, end, oStart, oEnd, method]
                    int originalStart = p.getIntValue();
                    int originalEnd = number(p, ctx);
                    Entity.Method method = method(text(p, ctx));
                    end(p, ctx);
                    return new EntityMention(field, start, end, originalStart, originalEnd, method);
                }
                if (fourth != JsonToken.VALUE_STRING) {
                    ctx.reportInputMismatch(EntityMention.class, FORM + "; expected the method");
                }
                Entity.Method method = method(p.getText());
                int startShift = 0;
                int endShift = 0;
                JsonToken next = p.nextToken();
                if (next == JsonToken.VALUE_NUMBER_INT) {
                    startShift = endShift = p.getIntValue();
                    next = p.nextToken();
                    if (next == JsonToken.VALUE_NUMBER_INT) {
                        endShift = p.getIntValue();
                        next = p.nextToken();
                    }
                }
                if (next != JsonToken.END_ARRAY) {
                    ctx.reportInputMismatch(EntityMention.class, FORM + "; found more values");
                }
                return new EntityMention(
                        field, start, end, Math.addExact(start, startShift), Math.addExact(end, endShift), method);
            } catch (IllegalArgumentException | ArithmeticException e) {
                return (EntityMention) ctx.reportInputMismatch(EntityMention.class, e.getMessage());
            }
        }

        private static void end(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.nextToken() != JsonToken.END_ARRAY) {
                ctx.reportInputMismatch(EntityMention.class, "a version 2 mention is an array of exactly 6 values");
            }
        }

        private static String text(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                ctx.reportInputMismatch(EntityMention.class, FORM + "; expected a string");
            }
            return p.getText();
        }

        private static int number(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                ctx.reportInputMismatch(EntityMention.class, FORM + "; expected an integer");
            }
            return p.getIntValue();
        }
    }
}
