package io.khabar.enrich;

import java.util.List;

/** The {@code khabar.dlq.reason} values the enrich stage writes, and which hook writes them. */
public final class DeadLetterReasons {

    /** Deserialisation handler: the value is not valid UTF-8. */
    public static final String INVALID_UTF8 = "invalid-utf8";
    /** Deserialisation handler: the value is binary (NUL or control bytes), not JSON text. */
    public static final String BINARY = "binary";
    /** Deserialisation handler: UTF-8 text that is not well-formed JSON. */
    public static final String MALFORMED_JSON = "malformed-json";
    /** Deserialisation handler: well-formed JSON whose top level is not an object (an array, a string…). */
    public static final String NOT_AN_OBJECT = "not-an-object";
    /** Deserialisation handler: a JSON object whose fields have the wrong types. */
    public static final String WRONG_TYPES = "wrong-types";
    /** Deserialisation handler: any other deserialisation failure. */
    public static final String DESERIALIZATION = "deserialization";

    /** Processing handler: a null value (tombstone) on the raw topic. */
    public static final String NULL_VALUE = "null-value";
    /** Processing handler: a null key; raw records must be keyed by article id. */
    public static final String MISSING_KEY = "missing-key";
    /** Processing handler: the article has no id. */
    public static final String MISSING_ID = "missing-id";
    /** Processing handler: the key is not the article's id, so versions would not share a partition. */
    public static final String KEY_MISMATCH = "key-mismatch";
    /** Processing handler: a schema version this code does not understand. */
    public static final String UNSUPPORTED_SCHEMA = "unsupported-schema";
    /** Processing handler: no body text. */
    public static final String EMPTY_BODY = "empty-body";
    /** Processing handler: title and body exceed {@code khabar.enrich.max.input.bytes}. */
    public static final String TOO_LARGE = "too-large";
    /** Processing handler: the body is not text (control characters, replacement characters, private use). */
    public static final String NOT_TEXT = "not-text";
    /** Processing handler: the enricher threw. */
    public static final String ENRICH_FAILED = "enrich-failed";
    /** Processing handler: any other processing failure. */
    public static final String PROCESSING_FAILED = "processing-failed";

    /** Production handler: the enriched record exceeds {@code khabar.enrich.max.output.bytes}. */
    public static final String OUTPUT_TOO_LARGE = "output-too-large";
    /** Production handler: the enriched record could not be serialised or sent. */
    public static final String PRODUCTION_FAILED = "production-failed";

    /** Every reason, in the order above. */
    public static final List<String> ALL = List.of(INVALID_UTF8, BINARY, MALFORMED_JSON, NOT_AN_OBJECT, WRONG_TYPES,
            DESERIALIZATION, NULL_VALUE, MISSING_KEY, MISSING_ID, KEY_MISMATCH, UNSUPPORTED_SCHEMA, EMPTY_BODY,
            TOO_LARGE, NOT_TEXT, ENRICH_FAILED, PROCESSING_FAILED, OUTPUT_TOO_LARGE, PRODUCTION_FAILED);

    private DeadLetterReasons() {
    }
}
