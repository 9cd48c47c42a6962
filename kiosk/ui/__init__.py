"""The Qt shell: screens that show content and emit signals."""
