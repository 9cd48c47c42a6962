"""Performance harness for the kiosk: ``python -m bench`` (see docs/performance.md)."""
