#!/usr/bin/env python3
"""Reads khabar enriched records (schema version 3, one JSON document per line on stdin) and fills in what the
record leaves out where it already holds the value (docs/record-model.md, "Reading a record outside Java").
Prints one line per entity: article id, key, type, text, Wikidata id and, per mention, the span in the normalised
field and in the original field. Standard library only, e.g.:

    kcat -C -b 127.0.0.1:9092 -t khabar.articles.enriched -e -q -f '%s\\n' | python3 docs/examples/read_enriched.py
"""
import json
import re
import sys

WIKIDATA_ID = re.compile(r"Q[0-9]+")


def cut(text, start, end):
    """text[start:end] with start and end in UTF-16 code units, as the record's offsets are."""
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def mention(m):
    """A mention array as a dict: field, start, end, method and the span in the original field."""
    start_shift = m[4] if len(m) > 4 else 0
    end_shift = m[5] if len(m) > 5 else start_shift
    return {"field": "title" if m[0] == "t" else "body", "start": m[1], "end": m[2], "method": m[3],
            "originalStart": m[1] + start_shift, "originalEnd": m[2] + end_shift}


def complete(record):
    """The record with contentHash, outlet, each entity's text and wikidataId filled in, mentions as dicts."""
    article = record["article"]
    record.setdefault("contentHash", article["contentHash"])
    if "outlet" in article:
        record.setdefault("outlet", article["outlet"])
    for entity in record["entities"]:
        entity["mentions"] = [mention(m) for m in entity["mentions"]]
        if "text" not in entity:
            first = next((m for m in entity["mentions"] if m["method"] != "c"), entity["mentions"][0])
            entity["text"] = cut(record[first["field"]], first["start"], first["end"])
        if "wikidataId" not in entity and WIKIDATA_ID.fullmatch(entity["key"]):
            entity["wikidataId"] = entity["key"]
    return record


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        r = complete(json.loads(line))
        for e in r["entities"]:
            spans = " ".join("%s:%d-%d/%d-%d" % (m["field"][0], m["start"], m["end"], m["originalStart"],
                                                 m["originalEnd"]) for m in e["mentions"])
            print("\t".join([r["id"], e["key"], e["type"], e["text"], e.get("wikidataId", "-"), spans]))


if __name__ == "__main__":
    main()
