# Each enriched article's entities by key: one line per article (see docs/record-model.md).
"\(.id): " + ([.entities[] | "\(.key) \(.type) \(.canonicalName // .text) x\(.mentions | length)"] | join("; "))
