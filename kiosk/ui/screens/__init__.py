"""One module per screen; screens emit signals and never print or read files."""
