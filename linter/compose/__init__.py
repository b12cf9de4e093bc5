"""Compose files: loading with exact positions, interpolation, merging, validation and the model rules read.

Data flows one way, as for Dockerfiles: ``yamlload`` (YAML 1.2 → position-carrying
nodes) → ``interpolation`` (per file, values only) → ``project`` (override files,
``extends``, ``include`` merged into the effective services) → rules → findings.
ruamel.yaml and jsonschema are imported only when a Compose file is linted.
"""
