"""ARG and ENV: scope, secrets, undefined variables (PDL7xx)."""
