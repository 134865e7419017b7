"""The server-rendered web UI at `/`: sign in, scan a card, review it, contacts, follow-ups.

Pages work without JavaScript; the small scripts in static/ only add previews, progress and highlights.
"""
