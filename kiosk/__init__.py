"""Offline patient-education kiosk: "Why do muscles twitch?"."""

APP_NAME = "Twitch Kiosk"
APP_ID = "twitch-kiosk"
__version__ = "0.1.0"
