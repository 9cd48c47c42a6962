"""Reusable widgets: big touch buttons, the reading-level switch, bars."""
