package io.khabar.model;

/** Entity types, the tag set used by public Urdu NER corpora. */
public enum EntityType {
    PERSON,
    LOCATION,
    ORGANIZATION,
    DATE,
    /** A title or office: وزیر اعظم, صدر, ترجمان. */
    DESIGNATION
}
