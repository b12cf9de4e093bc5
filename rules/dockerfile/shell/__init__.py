"""Shell script checks delegated to external tools (PDL39x); off by default."""
