"""Questions rules ask about services, answered once: ports, mounts, environment, dependencies, builds.

Every helper accepts both the short and the long syntax and reports values that
depend on unknown variables as unknown, so rules never judge a guess.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydocklint.compose.nodes import Mapping, Node, Scalar, Sequence
from pydocklint.compose.project import Project, Service

# ------------------------------------------------------------------ dependencies


@dataclass(frozen=True)
class Dependency:
    name: str
    node: Scalar  # the target's name as written
    condition: str  # service_started, service_healthy, service_completed_successfully (or unknown text)
    condition_node: Node | None
    long_form: bool
    required: bool


def dependencies(service: Service) -> list[Dependency]:
    value = service.node.get("depends_on")
    found = []
    if isinstance(value, Sequence):
        for item in value.items:
            if isinstance(item, Scalar) and item.text:
                found.append(Dependency(item.text, item, "service_started", None, False, True))
    elif isinstance(value, Mapping):
        for name, (key, entry) in value.entries.items():
            condition_node = entry.scalar("condition") if isinstance(entry, Mapping) else None
            condition = condition_node.text if condition_node is not None and condition_node.text else \
                "service_started"
            long_form = isinstance(entry, Mapping) and bool(entry.entries)
            required = not (isinstance(entry, Mapping) and entry.text("required") == "false")
            found.append(Dependency(name, key, condition, condition_node, long_form, required))
    return found


def dependency_targets(project: Project) -> Iterator[tuple[Service, Dependency, Service]]:
    """(service, dependency, the service it names) for every depends_on entry whose target is defined."""
    for service in project.services.values():
        for dependency in dependencies(service):
            target = project.services.get(dependency.name)
            if target is not None:
                yield service, dependency, target


def implicit_dependencies(service: Service) -> list[tuple[str, Scalar]]:
    """Services this one needs through links, volumes_from and `service:` namespaces."""
    found: list[tuple[str, Scalar]] = []
    node = service.node
    for key in ("links", "volumes_from"):
        value = node.get(key)
        items = value.items if isinstance(value, Sequence) else []
        for item in items:
            if isinstance(item, Scalar) and item.text:
                name = item.text.split(":")[0]
                if key == "volumes_from" and name == "container":
                    continue  # `container:name` names a container, not a service
                found.append((name, item))
    for key in ("network_mode", "ipc", "pid"):
        value = node.scalar(key)
        if value is not None and value.text and value.text.startswith("service:"):
            found.append((value.text[len("service:"):], value))
    return found


# ------------------------------------------------------------------ ports


@dataclass(frozen=True)
class Port:
    node: Node
    host_ip: str | None  # None: all interfaces
    published: tuple[int, int] | None  # a host port range; None when Docker picks a random port
    target: str | None
    protocol: str
    unknown: bool  # part of it depends on an unknown variable


_PORT_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


def ports(service: Service) -> list[Port]:
    value = service.node.sequence("ports")
    return [port for item in (value.items if value else []) if (port := parse_port(item)) is not None]


def parse_port(item: Node) -> Port | None:
    if isinstance(item, Mapping):
        published = item.get("published")
        unknown = any(isinstance(v, Scalar) and v.unknown for _, v in item.items())
        published_range = _range(published.text) if isinstance(published, Scalar) and published.text else None
        return Port(item, item.text("host_ip") or None, published_range, item.text("target"),
                    (item.text("protocol") or "tcp").lower(), unknown)
    if not isinstance(item, Scalar) or item.value is None:
        return None
    if item.unknown:
        return Port(item, None, None, None, "tcp", True)
    text = item.text or ""
    text, _, protocol = text.partition("/")
    host_ip = None
    if text.startswith("["):  # [::1]:6001:6001
        close = text.find("]")
        host_ip, text = text[1:close], text[close + 2:]
    parts = text.rsplit(":", 2) if text.count(":") <= 2 else [":".join(text.split(":")[:-2]), *text.split(":")[-2:]]
    if len(parts) == 3:
        host_ip, published, target = host_ip or parts[0], parts[1], parts[2]
    elif len(parts) == 2:
        published, target = parts
    else:
        published, target = "", parts[0]
    return Port(item, host_ip or None, _range(published) if published else None, target, (protocol or "tcp").lower(),
                False)


def _range(text: str) -> tuple[int, int] | None:
    match = _PORT_RANGE.match(text.strip())
    if not match:
        return None
    low = int(match.group(1))
    return low, int(match.group(2) or low)


# ------------------------------------------------------------------ mounts


@dataclass(frozen=True)
class Mount:
    node: Node  # the entry
    source_node: Node  # where the source is written (the entry itself for the short syntax)
    type: str  # bind, volume, tmpfs, …
    source: str | None  # None: anonymous volume or unknown
    target: str | None
    read_only: bool
    unknown: bool


_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")


def mounts(service: Service) -> list[Mount]:
    value = service.node.sequence("volumes")
    return [mount for item in (value.items if value else []) if (mount := parse_mount(item)) is not None]


def parse_mount(item: Node) -> Mount | None:
    if isinstance(item, Mapping):
        source_node = item.get("source") or item
        source = item.text("source")
        unknown = isinstance(source_node, Scalar) and source_node.unknown
        return Mount(item, source_node, item.text("type") or "volume", source, item.text("target"),
                     item.text("read_only") == "true", unknown)
    if not isinstance(item, Scalar) or item.text is None:
        return Mount(item, item, "volume", None, None, False, True) if isinstance(item, Scalar) else None
    text = item.text
    drive = ""
    if _DRIVE.match(text):
        drive, text = text[:2], text[2:]
    parts = text.split(":")
    if len(parts) == 1:
        return Mount(item, item, "volume", None, drive + parts[0], False, False)
    source, target = drive + parts[0], parts[1]
    mode = parts[2] if len(parts) > 2 else ""
    kind = "bind" if is_host_path(source) else "volume"
    return Mount(item, item, kind, source, target, "ro" in mode.split(","), False)


def is_host_path(source: str) -> bool:
    return source.startswith(("/", ".", "~")) or bool(_DRIVE.match(source)) or source.startswith("\\\\")


# ------------------------------------------------------------------ environment


@dataclass(frozen=True)
class Variable:
    name: str
    name_node: Scalar  # the key, or the list item
    value: str | None  # None: no value (taken from the shell) or unknown
    value_node: Node | None
    unknown: bool
    written: str | None  # the value as written, before interpolation


def environment(service: Service) -> list[Variable]:
    value = service.node.get("environment")
    found = []
    if isinstance(value, Mapping):
        for name, (key, entry) in value.entries.items():
            scalar = entry if isinstance(entry, Scalar) else None
            found.append(Variable(name, key, scalar.text if scalar else None, entry,
                                  bool(scalar and scalar.unknown), scalar.written if scalar else None))
    elif isinstance(value, Sequence):
        for item in value.items:
            if not isinstance(item, Scalar) or item.value is None:
                continue
            written = item.written
            name, found_equals, raw_value = written.partition("=")
            interpolated = (item.text or "").partition("=")[2] if not item.unknown else None
            found.append(Variable(name, item, interpolated if found_equals else None, item if found_equals else None,
                                  item.unknown, raw_value if found_equals else None))
    return found


# ------------------------------------------------------------------ healthchecks


def healthcheck(service: Service) -> Mapping | None:
    return service.node.mapping("healthcheck")


def healthcheck_disabled(check: Mapping) -> bool:
    if check.text("disable") == "true":
        return True
    test = check.get("test")
    return isinstance(test, Sequence) and bool(test.items) and isinstance(test.items[0], Scalar) \
        and test.items[0].text == "NONE"


# ------------------------------------------------------------------ builds


@dataclass
class Build:
    node: Node  # the `build:` value
    context: str | None  # the resolved context directory; None when not local (git URL, variable, absolute)
    dockerfile_node: Scalar | None
    dockerfile_path: str | None  # resolved; None when unknown or inline
    inline: bool
    text: str | None  # the Dockerfile's text; None when missing or not readable
    target_node: Scalar | None
    args_node: Node | None

    @property
    def missing(self) -> bool:
        return self.dockerfile_path is not None and self.text is None


_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|git@|github\.com/)", re.IGNORECASE)


def build_of(project: Project, service: Service) -> Build | None:
    """The service's build, with its Dockerfile read through the project's ``load_file``."""
    key = ("build", service.name)
    if key in project.cache:
        return project.cache[key]
    project.cache[key] = result = _build_of(project, service)
    return result


def _build_of(project: Project, service: Service) -> Build | None:
    node = service.node.get("build")
    if node is None:
        return None
    base = posixpath.dirname(node.path)
    if isinstance(node, Scalar):
        context_node, dockerfile_node, target_node, args_node, inline = node, None, None, None, False
    elif isinstance(node, Mapping):
        context_node = node.scalar("context")
        dockerfile_node = node.scalar("dockerfile")
        target_node = node.scalar("target")
        args_node = node.get("args")
        inline = "dockerfile_inline" in node
        if context_node is not None:
            base = posixpath.dirname(context_node.path)
    else:
        return None
    context_text = context_node.text if context_node is not None else "."
    context = None
    if context_text is not None and not _REMOTE.match(context_text) and not context_text.startswith(("/", "~")) \
            and not re.match(r"^[a-zA-Z]:[\\/]", context_text):
        context = posixpath.normpath(posixpath.join(base, context_text)) if base or context_text != "." else "."
    dockerfile_path = None
    text = None
    if inline:
        inline_node = node.scalar("dockerfile_inline") if isinstance(node, Mapping) else None
        text = inline_node.text if inline_node is not None else None
    elif context is not None:
        name = dockerfile_node.text if dockerfile_node is not None else "Dockerfile"
        if name is not None and not name.startswith(("/", "~")):
            dockerfile_path = posixpath.normpath(posixpath.join(context, name))
            text = project.read(dockerfile_path)
    return Build(node, context, dockerfile_node, dockerfile_path, inline, text, target_node, args_node)


def dockerfile_model(project: Project, build: Build):
    """The parsed Dockerfile (pydocklint's model) a build uses, or None."""
    if build.text is None:
        return None
    key = ("dockerfile", build.dockerfile_path, build.text)
    if key not in project.cache:
        from pydocklint.dockerfile.instructions import build as build_model
        from pydocklint.dockerfile.parser import parse

        try:
            project.cache[key] = build_model(parse(build.text), build.dockerfile_path or "Dockerfile")
        except Exception:  # a Dockerfile the parser cannot read is reported by the Dockerfile rules
            project.cache[key] = None
    return project.cache[key]


def target_stage(dockerfile, target: str | None):
    """The stage a build produces: the named target (case-insensitive), else the last stage."""
    if not dockerfile.stages:
        return None
    if target is None:
        return dockerfile.stages[-1]
    return dockerfile.stage_names.get(target.lower())


def stage_healthcheck(dockerfile, stage) -> str:
    """"declared", "disabled" (HEALTHCHECK NONE), "none" (provably none: the chain ends at scratch),
    or "inherited" (no HEALTHCHECK in the file; the external base image decides)."""
    seen = set()
    while stage is not None and stage.index not in seen:
        seen.add(stage.index)
        for instruction in reversed(stage.instructions):
            if instruction.name == "HEALTHCHECK":
                first = instruction.args[0].upper() if instruction.args else ""
                return "disabled" if first == "NONE" else "declared"
        image = stage.image
        earlier = dockerfile.earlier_stage(image.lower(), stage.index)
        if earlier is None:
            return "none" if image.lower() == "scratch" else "inherited"
        stage = earlier
    return "inherited"


def healthcheck_state(project: Project, service: Service) -> tuple[str, str]:
    """Whether a service has a healthcheck, and where that was decided (for messages).

    States: "declared", "disabled", "none" (the Dockerfile's stages declare none and
    end at scratch), "inherited" (the Dockerfile declares none; its external base
    image decides) and "unknown" (a pulled image, or a Dockerfile we cannot read).
    """
    check = healthcheck(service)
    if check is not None:
        if healthcheck_disabled(check):
            return "disabled", "its healthcheck is disabled"
        return "declared", "its healthcheck"
    build = build_of(project, service)
    if build is None:
        return "unknown", "its image"
    dockerfile = dockerfile_model(project, build)
    if dockerfile is None:
        return "unknown", "its Dockerfile"
    target = build.target_node.text if build.target_node is not None else None
    stage = target_stage(dockerfile, target)
    if stage is None:
        return "unknown", "its Dockerfile"
    state = stage_healthcheck(dockerfile, stage)
    where = build.dockerfile_path or "its inline Dockerfile"
    return state, where


def profiles(service: Service) -> frozenset[str]:
    value = service.node.sequence("profiles")
    return frozenset(item.text for item in (value.items if value else []) if isinstance(item, Scalar) and item.text)


def one_shot_services(project: Project) -> set[str]:
    """Services others wait to complete (`service_completed_successfully`): jobs, not daemons."""
    return {d.name for service in project.services.values() for d in dependencies(service)
            if d.condition == "service_completed_successfully"}
