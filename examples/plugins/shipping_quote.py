#!/usr/bin/env python3
"""ShippingQuote: a flowrun plug-in written in Python (standard library only).

flowrun runs this script once per message, writes one JSON object on its standard input and
reads one JSON object from its standard output (Documentation/ExternalPlugins.md):

  {"op": "describe"}                       -> what the plug-in takes and returns
  {"op": "invoke", "inputs": {...}, ...}   -> {"outputs": {...}} or {"error": "message"}

An "error" answer sends the flow down the call's fault connector with $Flow.FaultMessage set.
"""
import json
import sys
from decimal import Decimal, ROUND_HALF_UP

DESCRIPTION = {
    "name": "Shipping Quote",
    "tag": "Shipping",
    "description": "Prices a parcel by weight and destination country.",
    "inputs": [
        {"name": "WeightKg", "type": "DECIMAL", "required": True, "description": "Parcel weight in kilograms"},
        {"name": "Country", "type": "STRING", "required": True, "description": "ISO 3166 country code"},
        {"name": "Express", "type": "BOOLEAN", "description": "Next-day delivery"},
    ],
    "outputs": [
        {"name": "Cost", "type": "DECIMAL", "description": "Price in EUR"},
        {"name": "Carrier", "type": "STRING"},
        {"name": "Days", "type": "INTEGER", "description": "Working days to deliver"},
    ],
}

# Base price, price per kilogram, carrier and delivery days, by destination.
RATES = {
    "DE": (Decimal("4.90"), Decimal("1.20"), "DHL", 2),
    "FR": (Decimal("7.50"), Decimal("1.80"), "Colissimo", 3),
    "US": (Decimal("19.00"), Decimal("6.50"), "UPS", 6),
}
MAX_WEIGHT_KG = Decimal("31.5")


def quote(inputs):
    weight = inputs.get("WeightKg")
    country = (inputs.get("Country") or "").upper()
    if not isinstance(weight, Decimal) or weight <= 0:
        return {"error": "the weight must be above 0 kg"}
    if weight > MAX_WEIGHT_KG:
        return {"error": f"parcels over {MAX_WEIGHT_KG} kg go by freight"}
    if country not in RATES:
        return {"error": f"no carrier ships to '{country}'"}
    base, per_kg, carrier, days = RATES[country]
    cost = base + per_kg * weight
    if inputs.get("Express") is True:
        cost, days = cost * 2, 1
    cost = cost.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return {"outputs": {"Cost": cost, "Carrier": carrier, "Days": days}}


class DecimalEncoder(json.JSONEncoder):
    """Writes Decimals as JSON numbers (two decimal places survive the trip through float)."""

    def default(self, value):
        if isinstance(value, Decimal):
            return float(value)
        return super().default(value)


def main():
    message = json.load(sys.stdin, parse_float=Decimal, parse_int=Decimal)
    if message.get("op") == "describe":
        answer = DESCRIPTION
    elif message.get("op") == "invoke":
        answer = quote(message.get("inputs") or {})
    else:
        answer = {"error": f"unknown op {message.get('op')!r}"}
    json.dump(answer, sys.stdout, cls=DecimalEncoder)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
