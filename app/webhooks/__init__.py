"""Signed webhooks: endpoints, the outbox of deliveries, and their delivery with retries."""
