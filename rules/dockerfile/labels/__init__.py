"""Image metadata: LABEL keys and the OCI annotations (PDL8xx)."""
