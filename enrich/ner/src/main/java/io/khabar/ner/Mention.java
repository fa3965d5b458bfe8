package io.khabar.ner;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;

/** A mutable entity candidate over tokens {@code [first, last]} of one field. */
final class Mention {
    EntityType type;
    final int first;
    final int last;
    String canonical;
    String wikidataId;
    Entity.Method method;
    /** Evidence kinds (bits) that found this mention; the name memory learns from the confident ones. */
    static final int E_GAZETTEER = 1;

    static final int E_DESIGNATION = 1 << 1;
    static final int E_SPEECH = 1 << 2;
    static final int E_ATTRIBUTION = 1 << 3;
    static final int E_ADDRESS = 1 << 4;
    static final int E_HONORIFIC = 1 << 5;
    static final int E_ROLE = 1 << 6;
    static final int E_SURNAME = 1 << 7;
    static final int E_SHAPE = 1 << 8;
    static final int E_MEMORY = 1 << 9;
    /** An item of a list next to a known person (X، Y اور Z): tagged, but it teaches and lends nothing. */
    static final int E_LIST = 1 << 10;
    /** A name before نامی and a person noun (X نامی شخص: "a man named X"). */
    static final int E_NAMED = 1 << 11;
    /**
     * One word that the memory knows as the last word of an earlier article's person name (a candidate part),
     * confirmed here by a speech or attribution frame (رابرٹس نے کہا): the memory learns it as a part.
     */
    static final int E_RECALLED = 1 << 12;

    int evidence;
    /** Set on an acronym found in parentheses after an organisation, so later mentions can be linked. */
    boolean alias;
    /**
     * On such an acronym (and its later mentions) after an organisation without a canonical name or Wikidata id: the
     * organisation's surface text, so that both are one entity with one key ({@link Entity#aliasOf}); else null.
     */
    String aliasOf;

    Mention(EntityType type, int first, int last, String canonical, String wikidataId, Entity.Method method) {
        this.type = type;
        this.first = first;
        this.last = last;
        this.canonical = canonical;
        this.wikidataId = wikidataId;
        this.method = method;
    }
}
