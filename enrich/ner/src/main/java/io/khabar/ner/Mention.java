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
  /** Set on an acronym found in parentheses after an organisation, so later mentions can be linked. */
  boolean alias;

  Mention(EntityType type, int first, int last, String canonical, String wikidataId, Entity.Method method) {
    this.type = type;
    this.first = first;
    this.last = last;
    this.canonical = canonical;
    this.wikidataId = wikidataId;
    this.method = method;
  }
}
