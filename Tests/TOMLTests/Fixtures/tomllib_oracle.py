#!/usr/bin/env python3
"""Oracle for TOMLTests: parse every *.toml under the given fixture directory with Python's
tomllib and print one JSON object mapping "valid/name.toml" to {"value": canonical} or
{"error": message}.

Canonical form (compared with the Swift parser's output by TOMLTests):
  table  -> {"table": [[key, canonical], ...]}  (pairs, not an object: a JSON reader that keys
            dictionaries by Swift String would merge canonically equivalent keys such as "é"
            and "e\u0301", which TOML keeps apart)
  array  -> {"array": [canonical, ...]}
  scalar -> {"type": T, "value": V} with V a string:
    string: the text; integer: decimal; bool: true/false;
    float: the IEEE-754 bit pattern as an unsigned decimal, or "nan" for any NaN;
    datetime / datetime-local / date-local / time-local: fields zero-padded, 'T' separator,
    always 6 fraction digits, offsets as +HH:MM (so Z and -00:00 become +00:00).
"""
import datetime
import json
import math
import pathlib
import struct
import sys
import tomllib


def fraction(t):
    return f"{t.hour:02}:{t.minute:02}:{t.second:02}.{t.microsecond:06}"


def offset(delta):
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}"


def scalar(kind, value):
    return {"type": kind, "value": value}


def canonical(value):
    if isinstance(value, bool):
        return scalar("bool", "true" if value else "false")
    if isinstance(value, int):
        # TOML 1.0 requires rejecting integers that do not fit 64 bits; tomllib leaves that to us.
        if not -(2**63) <= value < 2**63:
            raise OverflowError("integer out of range")
        return scalar("integer", str(value))
    if isinstance(value, float):
        if math.isnan(value):
            return scalar("float", "nan")
        return scalar("float", str(struct.unpack("<Q", struct.pack("<d", value))[0]))
    if isinstance(value, str):
        return scalar("string", value)
    if isinstance(value, datetime.datetime):
        text = f"{value.year:04}-{value.month:02}-{value.day:02}T{fraction(value)}"
        if value.tzinfo is None:
            return scalar("datetime-local", text)
        return scalar("datetime", text + offset(value.utcoffset()))
    if isinstance(value, datetime.date):
        return scalar("date-local", value.isoformat())
    if isinstance(value, datetime.time):
        return scalar("time-local", fraction(value))
    if isinstance(value, list):
        return {"array": [canonical(item) for item in value]}
    if isinstance(value, dict):
        return {"table": [[key, canonical(item)] for key, item in value.items()]}
    raise TypeError(f"unexpected {type(value)}")


def main():
    root = pathlib.Path(sys.argv[1])
    results = {}
    for path in sorted(root.glob("*/*.toml")):
        name = str(path.relative_to(root))
        try:
            with open(path, "rb") as file:
                results[name] = {"value": canonical(tomllib.load(file))}
        except (tomllib.TOMLDecodeError, OverflowError, UnicodeDecodeError) as error:
            results[name] = {"error": str(error)}
    json.dump(results, sys.stdout, ensure_ascii=True, sort_keys=True)


if __name__ == "__main__":
    main()
