#!/usr/bin/env python3
"""A stand-in for ShippingQuote that describes itself properly, then misbehaves when invoked,
the way the first argument says. Tests point a manifest at it (one entry per behaviour)."""
import json
import os
import signal
import subprocess
import sys

DESCRIPTION = {
    "name": "Shipping Quote", "tag": "Shipping", "description": "misbehaves on purpose",
    "inputs": [
        {"name": "WeightKg", "type": "DECIMAL", "required": True},
        {"name": "Country", "type": "STRING", "required": True},
        {"name": "Express", "type": "BOOLEAN"},
    ],
    "outputs": [
        {"name": "Cost", "type": "DECIMAL"},
        {"name": "Carrier", "type": "STRING"},
        {"name": "Days", "type": "INTEGER"},
    ],
}

mode = sys.argv[1]
message = json.load(sys.stdin)
if message["op"] == "describe":
    if mode == "bad-describe":
        print(json.dumps({"name": "Quote", "inputs": [{"name": "WeightKg", "type": "MONEY"}]}))
    else:
        print(json.dumps(DESCRIPTION))
    sys.exit(0)

if mode == "sleep":
    # A child in the same process group holds stdout open: only killing the group ends it.
    subprocess.run(["sleep", "60"])
elif mode == "exit":
    sys.stderr.write("database unreachable: connection refused\n")
    sys.exit(1)
elif mode == "signal":
    os.kill(os.getpid(), signal.SIGKILL)
elif mode == "garbage":
    print("Quote: 7.90 EUR by DHL")
elif mode == "wrong-types":
    print(json.dumps({"outputs": {"Cost": "cheap", "Carrier": "DHL", "Days": 2}}))
elif mode == "fractional-days":
    print(json.dumps({"outputs": {"Cost": 7.9, "Carrier": "DHL", "Days": 2.5}}))
elif mode == "undeclared":
    print(json.dumps({"outputs": {"Cost": 7.9, "Currency": "EUR"}}))
elif mode == "flood":
    sys.stdout.write("x" * (2 * 1024 * 1024))
elif mode == "echo":
    # Well-behaved: returns what it was given, to show the request flowrun sends.
    inputs = message["inputs"]
    print(json.dumps({"outputs": {"Cost": inputs["WeightKg"], "Carrier": message["element"] + " " + inputs["Country"], "Days": 3}}))
