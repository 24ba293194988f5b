"""Firsthand's Telegram side: aiogram handlers, cards, keyboards, texts and the notifier."""
