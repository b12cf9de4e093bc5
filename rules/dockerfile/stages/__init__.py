"""Multi-stage builds: stage names, stage references, unused stages (PDL6xx)."""
