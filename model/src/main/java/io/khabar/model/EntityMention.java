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
 * One mention of an {@link ArticleEntity}, written compactly as a JSON array of six values:
 * {@code ["b", 120, 129, 122, 131, "g"]} = field ({@code t} title, {@code b} body), start and end (UTF-16, end
 * exclusive) in the normalised field, start and end in the original field, and how it was found ({@code g}
 * gazetteer, {@code r} rule, {@code c} coreference, {@code m} entity memory). The surface text is {@code title/body.substring(start, end)}.
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

    /** Writes the compact array form. */
    static final class Writer extends JsonSerializer<EntityMention> {
        @Override
        public void serialize(EntityMention m, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(m, 6);
            g.writeString(fieldCode(m.field));
            g.writeNumber(m.start);
            g.writeNumber(m.end);
            g.writeNumber(m.originalStart);
            g.writeNumber(m.originalEnd);
            g.writeString(methodCode(m.method));
            g.writeEndArray();
        }
    }

    /** Reads the compact array form, failing with a message that says what is wrong. */
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
                int originalStart = number(p, ctx);
                int originalEnd = number(p, ctx);
                Entity.Method method = method(text(p, ctx));
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    ctx.reportInputMismatch(EntityMention.class, "a mention is an array of exactly 6 values");
                }
                return new EntityMention(field, start, end, originalStart, originalEnd, method);
            } catch (IllegalArgumentException e) {
                return (EntityMention) ctx.reportInputMismatch(EntityMention.class, e.getMessage());
            }
        }

        private static String text(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                ctx.reportInputMismatch(
                        EntityMention.class,
                        "a mention is [field, start, end, originalStart, originalEnd, method]; expected a string");
            }
            return p.getText();
        }

        private static int number(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                ctx.reportInputMismatch(
                        EntityMention.class,
                        "a mention is [field, start, end, originalStart, originalEnd, method]; expected an integer");
            }
            return p.getIntValue();
        }
    }
}
