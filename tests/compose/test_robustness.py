"""Any Compose-shaped document, however wrong its types, lints without an internal error."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pydocklint.compose.lint import lint_compose
from pydocklint.rule import all_rules

SERVICE_KEYS = ["image", "build", "depends_on", "links", "volumes_from", "network_mode", "networks", "ports",
                "volumes", "environment", "healthcheck", "extends", "profiles", "restart", "user", "privileged",
                "cap_add", "security_opt", "container_name", "deploy", "secrets", "configs", "pid", "ipc",
                "mem_limit", "pull_policy", "context", "dockerfile", "target", "args", "test", "condition",
                "interval", "required", "source", "target", "published", "host_ip", "type", "file", "service",
                "path", "disable"]
TOP_KEYS = ["services", "version", "include", "networks", "volumes", "secrets", "configs", "x-a"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 70000), st.sampled_from(
    ["", "db", "web", "x:1", "80:80", "127.0.0.1:80:80", "${X}", "${X:-latest}", "$$", "${", "service:db",
     "/var/run/docker.sock:/s", "./a:/b", "host", "root", "ALL", "CMD", "NONE", "10s", "latest", "a/b",
     "service_healthy", "service_completed_successfully", "..", "~", "C:\\x:/y", "https://x/y.git"]))
trees = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.sampled_from(SERVICE_KEYS + ["db", "web"]), children, max_size=5)), max_leaves=25)
documents = st.dictionaries(st.sampled_from(TOP_KEYS), st.one_of(
    trees, st.dictionaries(st.sampled_from(["db", "web", "api"]), trees, max_size=3)), max_size=5)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_no_internal_error_on_any_shape(document):
    text = json.dumps(document)  # JSON is YAML 1.2
    files = {"compose.override.yaml": "services: {web: {ports: !reset [], image: !override x:2}}\n",
             "Dockerfile": "FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\n", ".env": "X=1\n"}
    report = lint_compose(text, "compose.yaml", all_rules(), load_file=files.get)
    assert report.errors == []
