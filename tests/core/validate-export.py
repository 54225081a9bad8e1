#!/usr/bin/env python3
"""Validates an Alliance export against data/alliance-export.schema.json.

Usage: validate-export.py DATA_DIR EXPORT.json
Exit 0 when valid, 1 (with the first error) when not. The measure schema it
refers to is inlined first, so this works with every jsonschema from
Debian 12's 4.10 on (the ways to resolve a $ref to another file changed).
"""
import json
import os
import sys

import jsonschema


def inline_measure_schema(node, measure):
    if isinstance(node, dict):
        if node.get("$ref") == "alliance-measure.schema.json":
            return measure
        return {key: inline_measure_schema(value, measure) for key, value in node.items()}
    if isinstance(node, list):
        return [inline_measure_schema(value, measure) for value in node]
    return node


def main():
    data_dir, export_path = sys.argv[1], sys.argv[2]
    with open(os.path.join(data_dir, "alliance-export.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    with open(os.path.join(data_dir, "alliance-measure.schema.json"), encoding="utf-8") as f:
        measure = json.load(f)
    for key in ("$schema", "$id"):
        measure.pop(key, None)
    schema = inline_measure_schema(schema, measure)
    jsonschema.Draft202012Validator.check_schema(schema)
    with open(export_path, encoding="utf-8") as f:
        document = json.load(f)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.path)
        print(f"{export_path}: {where}: {first.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
