"""Layer-cache order: what makes every build re-run expensive steps (PDL73x)."""
