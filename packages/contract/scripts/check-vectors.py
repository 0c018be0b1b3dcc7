#!/usr/bin/env python3
"""Validate every shared test vector against its JSON Schema with Python's jsonschema.

A second, non-JavaScript validator over the files the package ships: each `vectors/<name>.json`
names its schema; every `pass` element must validate against it and every `fail` element must not.
Prints one line per mismatch and a summary; exits 1 on any mismatch, 2 when jsonschema is missing.
Usage: check-vectors.py [package-dir]
"""
import json
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator, FormatChecker
except ImportError:
    print("[check-vectors] python jsonschema is not installed: apt-get install python3-jsonschema", file=sys.stderr)
    sys.exit(2)

# The package directory holding schemas/ and vectors/; a test passes a copy to check a mismatch is caught.
ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent


def main() -> int:
    index = json.loads((ROOT / "schemas" / "index.json").read_text())
    checked = 0
    mismatches = []
    for entry in index:
        schema = json.loads((ROOT / "schemas" / entry["file"]).read_text())
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        vectors = json.loads((ROOT / "schemas" / entry["vectors"]).read_text())
        if vectors["schema"] != entry["name"]:
            mismatches.append(f"{entry['vectors']}: names schema {vectors['schema']}, not {entry['name']}")
        if not vectors["pass"]:
            mismatches.append(f"{entry['name']}: no pass vectors")
        for expected, key in ((True, "pass"), (False, "fail")):
            for vector in vectors[key]:
                checked += 1
                errors = list(validator.iter_errors(vector["value"]))
                if (not errors) != expected:
                    why = errors[0].message if errors else "accepted"
                    mismatches.append(f"{entry['name']} {key} '{vector['label']}': {why}")
    for line in mismatches:
        print(f"[check-vectors] mismatch: {line}")
    print(f"[check-vectors] jsonschema {_version()}: {len(index)} schemas, {checked} vectors, {len(mismatches)} mismatches")
    return 1 if mismatches else 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jsonschema")
    except PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
