# Each enriched article's entities by key: one line per article (see docs/record-model.md).
# An entity's name is its canonical name, else its text. The record leaves the text out where it is the text at the
# entity's first mention not found by coreference (else its first mention): then it is cut from the normalised title
# or body. jq cuts strings by code point, the offsets count UTF-16 units: the same unless a character outside the
# BMP (an emoji) comes before the mention in its field.
. as $a
| "\(.id): " + ([.entities[]
    | (first(.mentions[] | select(.[3] != "c")) // .mentions[0]) as $m
    | (.canonicalName // .text // (if $m[0] == "t" then $a.title else $a.body end)[$m[1]:$m[2]]) as $name
    | "\(.key) \(.type) \($name) x\(.mentions | length)"]
  | join("; "))
