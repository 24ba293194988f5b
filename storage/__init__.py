"""Persistence: aiosqlite, versioned migrations and the SQL of every record. No Telegram here."""
