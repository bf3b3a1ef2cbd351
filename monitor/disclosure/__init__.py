"""Disclosure control: suppression and the exact audit behind the gate (docs/disclosure.md)."""
