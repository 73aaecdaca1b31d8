#!/usr/bin/env python3
"""Checks ccon's JSON against docs/json-output.schema.json, and the schema
against docs/json-output.md, for tests/e2e/test_json_schema.sh.

  json_schema_check.py validate SCHEMA KIND FILE...
      Each FILE holds one JSON document that the schema accepts, and as
      KIND (snapshot, error or what_if: one of the schema's $defs): the
      schema's oneOf must have picked that alternative, not another.
  json_schema_check.py reject SCHEMA FILE...
      The schema refuses each FILE (to show that it can).
  json_schema_check.py doc-paths SCHEMA DOC
      Every property of the schema, by its path (nodes[].state,
      resources[].failure.reason), is named in the first cell of a table
      row of DOC, and every path named there is in the schema.

Exit status 0 when all is well, 1 with one line per problem on stderr.
Debian's python3-jsonschema (scripts/install-deps) is the validator.
"""
import json
import re
import sys

import jsonschema


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator(schema, kind=None):
    """A validator of the whole schema, or of one of its $defs."""
    if kind is not None:
        if kind not in schema.get("$defs", {}):
            raise SystemExit(f"the schema has no $defs/{kind}")
        schema = dict(schema)
        schema.pop("oneOf", None)
        schema["$ref"] = f"#/$defs/{kind}"
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def where(error):
    return "/".join(str(p) for p in error.absolute_path) or "(top)"


def validate(schema_path, kind, files):
    schema = load(schema_path)
    whole, one = validator(schema), validator(schema, kind)
    bad = 0
    for path in files:
        try:
            doc = load(path)
        except (OSError, ValueError) as e:
            print(f"{path}: not JSON: {e}", file=sys.stderr)
            bad += 1
            continue
        errors = sorted(one.iter_errors(doc), key=lambda e: e.path)
        for e in errors[:5]:
            print(f"{path}: as {kind}: at {where(e)}: {e.message}",
                  file=sys.stderr)
        if not errors and not whole.is_valid(doc):
            print(f"{path}: valid as {kind} but not as exactly one of the "
                  "schema's documents", file=sys.stderr)
            errors = [None]
        bad += bool(errors)
    return 1 if bad else 0


def reject(schema_path, files):
    whole = validator(load(schema_path))
    bad = 0
    for path in files:
        if whole.is_valid(load(path)):
            print(f"{path}: the schema accepts it", file=sys.stderr)
            bad += 1
    return 1 if bad else 0


def schema_paths(schema):
    """Every property's path in every document of the schema."""
    defs = schema.get("$defs", {})
    paths = set()

    def resolve(node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/$defs/") or seen > 32:
                raise SystemExit(f"cannot follow $ref {ref}")
            node = defs[ref[len("#/$defs/"):]]
            seen += 1
        return node

    def walk(node, prefix):
        node = resolve(node)
        if not isinstance(node, dict):
            return
        for key, sub in node.get("properties", {}).items():
            path = f"{prefix}.{key}" if prefix else key
            paths.add(path)
            walk(sub, path)
        if "items" in node:
            walk(node["items"], prefix + "[]")
        for alt in node.get("oneOf", []) + node.get("anyOf", []):
            walk(alt, prefix)

    walk(schema, "")
    return paths


PATH = re.compile(r"^[a-z_][a-z0-9_]*(\[\])?(\.[a-z_][a-z0-9_]*(\[\])?)*$")


def doc_paths(doc_path):
    """The field paths the document's tables name: the backquoted words
    of each row's first cell (a trailing [] names the array itself)."""
    paths = {}
    with open(doc_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.startswith("|"):
                continue
            cells = line.strip().strip("|").split("|")
            first = cells[0].strip()
            if not first or set(first) <= set("-: "):
                continue
            for word in re.findall(r"`([^`]*)`", first):
                if PATH.match(word):
                    w = word[:-2] if word.endswith("[]") else word
                    paths.setdefault(w, n)
    return paths


def check_doc(schema_path, doc_path):
    in_schema = schema_paths(load(schema_path))
    in_doc = doc_paths(doc_path)
    bad = 0
    for p in sorted(in_schema - set(in_doc)):
        print(f"{doc_path}: does not name `{p}` (in the schema)",
              file=sys.stderr)
        bad += 1
    for p in sorted(set(in_doc) - in_schema):
        print(f"{doc_path}:{in_doc[p]}: names `{p}`, which the schema "
              "does not have", file=sys.stderr)
        bad += 1
    if not in_schema:
        print(f"{schema_path}: no properties found", file=sys.stderr)
        bad += 1
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 4 and argv[1] == "validate":
        return validate(argv[2], argv[3], argv[4:])
    if len(argv) >= 3 and argv[1] == "reject":
        return reject(argv[2], argv[3:])
    if len(argv) == 4 and argv[1] == "doc-paths":
        return check_doc(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
