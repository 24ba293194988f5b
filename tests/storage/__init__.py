"""Direct tests of storage/: each module's SQL against a real SQLite file, no bot, no Telegram."""
