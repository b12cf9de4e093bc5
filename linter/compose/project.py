"""The effective Compose project a file belongs to: its base or override file, ``include`` and ``extends`` resolved.

Loading follows compose-go's order: YAML (every document merged in turn), the root
must be a mapping, interpolation per file with the project ``.env``, ``include``,
``extends``, then the files merged. Files are read only through ``load_file``, so
tests pass in-memory files and rules never touch the disk.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pydocklint.compose.interpolation import TemplateError, interpolate, parse_env_file
from pydocklint.compose.merge import merge, strip_resets
from pydocklint.compose.nodes import Mapping, Node, Scalar, Sequence
from pydocklint.compose.yamlload import LoadError, LoadProblem, load_documents

LoadFile = Callable[[str], "str | None"]
RESOURCE_KINDS = ("networks", "volumes", "secrets", "configs", "models")
_BASE_NAME = re.compile(r"^((?:docker-)?compose)\.ya?ml$")
_OVERLAY_NAME = re.compile(r"^((?:docker-)?compose)\.([^/]+)\.ya?ml$")


def read_from_disk(path: str) -> str | None:
    """The default ``load_file``: the text of a regular file, or None when there is none."""
    try:
        if not os.path.isfile(path):
            return None
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


@dataclass
class ComposeFile:
    path: str
    text: str
    root: Mapping | None  # interpolated, every document merged; None when unreadable
    documents: int = 1
    document_roots: tuple[Node, ...] = ()  # each YAML document's top level, as written
    raw_root: Mapping | None = None  # the first document as written (for rules about the text itself)


@dataclass
class Service:
    name: str
    key: Scalar  # the service's name as written (findings about something missing point here)
    node: Mapping  # the effective definition


@dataclass
class Project:
    path: str  # the file being linted
    directory: str  # the project directory: relative paths resolve from here
    env: dict[str, str]
    load_file: LoadFile
    files: dict[str, ComposeFile] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    model: Mapping | None = None  # the effective, merged top level
    services: dict[str, Service] = field(default_factory=dict)
    resources: dict[str, dict[str, Node]] = field(default_factory=dict)  # kind → name → definition
    # An overlay (compose.prod.yaml) whose base file is not beside it: services are partial and
    # resources may be defined elsewhere, so "missing" and "undefined" checks stay quiet.
    fragment: bool = False
    cache: dict = field(default_factory=dict)  # per-project memo for model helpers (Dockerfiles…)

    def problems_of(self, kind: str) -> list[LoadProblem]:
        return [p for p in self.problems if p.kind == kind]

    def read(self, path: str) -> str | None:
        key = ("file", path)
        if key not in self.cache:
            self.cache[key] = self.load_file(path)
        return self.cache[key]


def load_project(text: str, path: str, load_file: LoadFile = read_from_disk) -> Project:
    """The project ``path`` (whose text is ``text``) belongs to, with the services rules see."""
    directory = posixpath.dirname(path)
    env_text = load_file(posixpath.join(directory, ".env"))
    project = Project(path, directory, parse_env_file(env_text) if env_text else {}, load_file)
    base, overlays = _project_files(path, project.read)
    loader = _Loader(project)
    model: Node | None = None
    for file_path in dict.fromkeys(name for name in (base, path, *overlays) if name):
        file_text = text if file_path == path else project.read(file_path)
        if file_text is None:
            continue
        resolved = loader.resolved_file(file_path, file_text, project.env, ())
        if resolved is not None:
            model = strip_resets(resolved) if model is None else merge(model, resolved)
    file_name = posixpath.basename(path)
    project.fragment = base is None and (_OVERLAY_NAME.match(file_name) is not None or "override" in file_name.lower())
    if isinstance(model, Mapping):
        project.model = model
        services = model.mapping("services")
        if services is not None:
            for service_name, (key, value) in services.entries.items():
                if isinstance(value, Mapping):
                    project.services[service_name] = Service(service_name, key, value)
        for kind in RESOURCE_KINDS:
            section = model.mapping(kind)
            project.resources[kind] = dict(section.items()) if section is not None else {}
    else:
        project.resources = {kind: {} for kind in RESOURCE_KINDS}
    return project


def _project_files(path: str, load_file: LoadFile) -> tuple[str | None, list[str]]:
    """(the base file this one overlays, the override files merged on top of it), as Compose picks them."""
    directory, name = posixpath.split(path)
    overlay = _OVERLAY_NAME.match(name)
    if overlay:
        stem = overlay.group(1)
        for candidate in (f"{stem}.yaml", f"{stem}.yml"):
            full = posixpath.join(directory, candidate)
            if load_file(full) is not None:
                return full, []
        return None, []
    base = _BASE_NAME.match(name)
    if base:
        stem = base.group(1)
        for candidate in (f"{stem}.override.yaml", f"{stem}.override.yml"):
            full = posixpath.join(directory, candidate)
            if load_file(full) is not None:
                return None, [full]
    return None, []


def is_compose_name(path: str) -> bool:
    """Whether a directory walk lints this file on its own (so another file's run need not report in it)."""
    from pydocklint.discover import kind_of

    return kind_of(posixpath.basename(path)) == "compose"


class _Loader:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.cycles: set[frozenset] = set()

    def problem(self, kind: str, message: str, node: Node) -> None:
        self.project.problems.append(LoadProblem(kind, message, node.path, node.first_line_span))

    def file(self, path: str, text: str, env: dict[str, str]) -> ComposeFile:
        """One file read, its documents merged, interpolated (memoised per path)."""
        known = self.project.files.get(path)
        if known is not None:
            return known
        compose_file = ComposeFile(path, text, None)
        self.project.files[path] = compose_file
        try:
            documents = load_documents(text, path)
        except LoadError as error:
            self.project.problems.append(error.problem)
            return compose_file
        compose_file.documents = len(documents)
        compose_file.document_roots = tuple(documents)
        if not documents:
            return compose_file
        for document in documents:
            if not isinstance(document, Mapping):
                self.problem("yaml", "The top level of a Compose file must be a mapping of keys "
                             "(services:, networks:…)", document)
                return compose_file
        compose_file.raw_root = documents[0]
        _Interpolator(self, env).walk_all(documents)
        root: Node = documents[0]  # `!reset` entries stay: they act when this file is merged onto another
        for document in documents[1:]:
            root = merge(root, document) or Mapping(path, document.span)
        compose_file.root = root  # type: ignore[assignment]
        return compose_file

    def resolved_file(self, path: str, text: str, env: dict[str, str], including: tuple[str, ...]) -> Mapping | None:
        """The file with its `include`s and `extends` resolved: what it contributes to the project."""
        root = self.file(path, text, env).root
        if root is None:
            return None
        model: Node | None = None
        includes = root.get("include")
        if isinstance(includes, Sequence):
            for entry in includes.items:
                included = self.included(path, entry, env, including + (path,))
                if included is not None:
                    model = included if model is None else merge(model, included)
        services = root.mapping("services")
        if services is not None:
            resolved = {name: (key, self.extended(path, root, name, value, env, ()))
                        for name, (key, value) in services.entries.items()}
            root = Mapping(root.path, root.span, {**root.entries,
                                                  "services": (root.key("services"),
                                                               Mapping(services.path, services.span, resolved))})
        return root if model is None else merge(model, root)  # type: ignore[return-value]

    def included(self, path: str, entry: Node, env: dict[str, str], including: tuple[str, ...]) -> Node | None:
        if isinstance(entry, Scalar):
            paths = [entry]
        elif isinstance(entry, Mapping):
            value = entry.get("path")
            paths = list(value.items) if isinstance(value, Sequence) else [value] if value is not None else []
        else:
            return None
        model: Node | None = None
        for path_node in paths:
            if not isinstance(path_node, Scalar) or path_node.text is None or _is_remote(path_node.text):
                continue
            target = _join(posixpath.dirname(path), path_node.text)
            if target in including:
                self.problem("include", f"Include cycle: {path_node.text} includes this file again", path_node)
                continue
            text = self.project.read(target)
            if text is None:
                self.problem("reference", f"Included file {path_node.text} does not exist", path_node)
                continue
            own_env_text = self.project.read(posixpath.join(posixpath.dirname(target), ".env"))
            # The included project's own .env gives defaults; the including project's values win.
            included_env = {**(parse_env_file(own_env_text) if own_env_text else {}), **env}
            resolved = self.resolved_file(target, text, included_env, including)
            if resolved is not None:
                model = resolved if model is None else merge(model, resolved)
        return model

    def extended(self, path: str, root: Mapping, name: str, service: Node, env: dict[str, str],
                 chain: tuple[tuple[str, str], ...]) -> Node:
        if not isinstance(service, Mapping) or "extends" not in service:
            return service
        extends = service.get("extends")
        base_name_node = extends if isinstance(extends, Scalar) else \
            extends.scalar("service") if isinstance(extends, Mapping) else None
        file_node = extends.scalar("file") if isinstance(extends, Mapping) else None
        local = Mapping(service.path, service.span, {k: v for k, v in service.entries.items() if k != "extends"})
        # When the base cannot be resolved, the service keeps its `extends`: it is not incomplete,
        # its base is unknown (a remote file, a variable, a missing file reported on its own).
        if base_name_node is None or base_name_node.text is None:
            return service
        base_name = base_name_node.text
        base_path, base_root = path, root
        if file_node is not None:
            if file_node.text is None or _is_remote(file_node.text):
                return service
            base_path = _join(posixpath.dirname(path), file_node.text)
            text = self.project.read(base_path)
            if text is None:
                self.problem("reference", f"extends names file {file_node.text}, which does not exist", file_node)
                return service
            base_file = self.file(base_path, text, env)
            if base_file.root is None:
                return service
            base_root = base_file.root
        link = (base_path, base_name)
        if link in chain or link == (path, name):
            cycle = frozenset(chain + ((path, name),))
            if cycle in self.cycles:  # the same cycle, reached from another of its services
                return service
            self.cycles.add(cycle)
            self.problem("cycle", f"extends cycle: service {name} extends {base_name}, which extends it back",
                         base_name_node)
            return service
        base_services = base_root.mapping("services")
        base = base_services.get(base_name) if base_services is not None else None
        if base is None:
            where = f" in {file_node.text}" if file_node is not None else ""
            self.problem("reference", f"extends names service {base_name}, which is not defined{where}",
                         base_name_node)
            return service
        resolved_base = self.extended(base_path, base_root, base_name, base, env, chain + ((path, name),))
        return merge(resolved_base, local) or local


class _Interpolator:
    """Interpolates every value of a file once (aliased nodes are shared, so each is visited once)."""

    def __init__(self, loader: _Loader, env: dict[str, str]) -> None:
        self.loader = loader
        self.env = env
        self.seen: set[int] = set()

    def walk_all(self, documents: list[Node]) -> None:
        stack: list[Node] = list(documents)
        while stack:
            node = stack.pop()
            if id(node) in self.seen:
                continue
            self.seen.add(id(node))
            if isinstance(node, Mapping):
                stack.extend(value for _, value in node.items())
            elif isinstance(node, Sequence):
                stack.extend(node.items)
            elif isinstance(node.value, str) and "$" in node.value:
                self.scalar(node)

    def scalar(self, node: Scalar) -> None:
        written = node.value
        try:
            result = interpolate(written, self.env)
        except TemplateError as error:
            self.loader.problem("interpolation", str(error), node)
            node.raw, node.unknown = written, True
            return
        node.raw = written
        node.value = result.value
        node.unknown = result.unknown


def _is_remote(reference: str) -> bool:
    """A URL or a remote-loader reference (``git@…``, ``oci://…``, ``remote:x``), not a local path."""
    return bool(re.match(r"^(?:[a-zA-Z][\w+.-]+:(?![\\/])|git@)", reference)) and not re.match(r"^[a-zA-Z]:[\\/]",
                                                                                             reference)


def _join(directory: str, relative: str) -> str:
    if relative.startswith("~"):
        return relative
    return posixpath.normpath(posixpath.join(directory, relative)) if directory or not relative.startswith("/") \
        else relative
