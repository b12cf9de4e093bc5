"""What RUN instructions execute: layers, commands and risky shell use (PDL3xx, PDL65x)."""
