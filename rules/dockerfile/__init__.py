"""Rules over a Dockerfile's model."""
