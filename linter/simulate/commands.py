"""What a RUN does, as far as sizes go: the one adapter onto the shell and package analysis.

:mod:`pydocklint.dockerfile.shell` and :mod:`pydocklint.dockerfile.packages` are
young; everything the simulator needs from them goes through :func:`run_facts`,
so an API change there is fixed here only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydocklint.dockerfile.model import Dockerfile, Instruction

# Manifests a package manager installs a whole project from.
MANIFESTS = {
    "pip": ("requirements.txt", "requirements*.txt", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile",
            "Pipfile.lock", "poetry.lock", "uv.lock"),
    "npm": ("package.json", "package-lock.json", "npm-shrinkwrap.json"),
    "yarn": ("package.json", "yarn.lock"),
    "pnpm": ("package.json", "pnpm-lock.yaml"),
    "gem": ("Gemfile", "Gemfile.lock"),
    "bundle": ("Gemfile", "Gemfile.lock"),
    "go": ("go.mod", "go.sum"),
    "pipenv": ("Pipfile", "Pipfile.lock"),
    "composer": ("composer.json", "composer.lock"),
    "poetry": ("pyproject.toml", "poetry.lock"),
    "uv": ("pyproject.toml", "uv.lock"),
}


@dataclass(slots=True)
class Install:
    """One package-manager install command."""

    manager: str  # "apt", "apk", "pip", "npm", "yarn", "pnpm", "gem", "dnf", ... ("apt" for apt-get/apt/aptitude)
    packages: tuple[str, ...]  # the names written (versions dropped)
    unresolved: tuple[str, ...]  # words that are not plain names: variables, paths, URLs
    text: str  # e.g. "apt-get install curl git"
    no_recommends: bool = False
    keeps_cache: bool = True  # pip without --no-cache-dir, apk without --no-cache, npm without a clean
    from_manifest: bool = False  # installs a project's manifest (pip -r, npm ci, yarn, bundle install, ...)


@dataclass(slots=True)
class RunFacts:
    analysed: bool  # False when the RUN is not run by a POSIX shell (Windows, PowerShell)
    installs: list[Install] = field(default_factory=list)
    # (manager, packages removed, with their now-unneeded dependencies: --auto-remove / autoremove)
    removals: list[tuple[str, tuple[str, ...], bool]] = field(default_factory=list)
    updates: set[str] = field(default_factory=set)  # managers whose index was refreshed: "apt", "apk"
    removed_paths: list[str] = field(default_factory=list)  # rm arguments
    cleans: set[str] = field(default_factory=set)  # "apt" (clean), "apt-lists" (dist-clean), "npm", "yarn", "pip", "apk"
    command_names: list[str] = field(default_factory=list)
    cache_mounts: list[str] = field(default_factory=list)
    package_command_names: set[str] = field(default_factory=set)  # command names recognised as package managers
    # Installs of a project's dependencies from its manifest that package_commands does not model:
    # "go" (go mod download), "bundle", "composer", "poetry", "uv", "pipenv".
    manifest_commands: set[str] = field(default_factory=set)


_APT = ("apt-get", "apt", "aptitude")
_MANIFEST_ACTIONS = {("npm", "ci"), ("npm", "install"), ("yarn", "install-project"), ("pnpm", "install"),
                     ("pnpm", "ci")}


def run_facts(dockerfile: Dockerfile, instruction: Instruction) -> RunFacts:
    """The installs, removals, index refreshes and cleanups of one RUN (``analysed`` False when unknowable)."""
    from pydocklint.dockerfile.shell import cache_mount_targets, script_of

    try:
        script = script_of(dockerfile, instruction)
        return _facts(dockerfile, script, cache_mount_targets(instruction))
    except Exception:  # noqa: BLE001 - the analysis is another module's and still moving: a failure there
        # must cost one layer's size (unknown), not the whole report.
        return RunFacts(analysed=False)


def _facts(dockerfile, script, cache_mounts: list[str]) -> RunFacts:
    from pydocklint.dockerfile.packages import package_commands_of
    from pydocklint.dockerfile.shell import removed_paths

    facts = RunFacts(analysed=script is not None, cache_mounts=cache_mounts)
    if script is None:
        return facts
    facts.command_names = [command.name for command in script.commands if command.name]
    facts.removed_paths = removed_paths(script)
    for command in script.commands:
        kind = _manifest_command([word.value for word in command.words])
        if kind:
            facts.manifest_commands.add(kind)
    for found in package_commands_of(dockerfile, script):
        manager = "apt" if found.manager in _APT else found.manager
        facts.package_command_names.add(found.command.name)
        if found.action == "update" and manager in ("apt", "apk"):
            facts.updates.add(manager)
        elif found.action == "clean" or (found.action == "cache" and _cache_clean(found)):
            facts.cleans.add(manager)
        elif found.action == "dist-clean" or (manager == "apt" and found.action_word is not None
                                               and found.action_word.value == "dist-clean"):
            facts.cleans.add("apt-lists")  # apt-get dist-clean also removes the lists
        elif found.action == "remove":
            autoremove = found.has("--auto-remove", "--autoremove") or (
                found.action_word is not None and found.action_word.value == "autoremove")
            facts.removals.append((manager, tuple(package.name for package in found.packages
                                                  if package.kind in ("name", "release")), autoremove))
        elif found.action in ("install", "ci", "install-project") or (manager, found.action) in _MANIFEST_ACTIONS:
            facts.installs.append(_install(manager, found))
    for command in script.commands:
        if command.name == "pip" and [word.value for word in command.args[:2]] == ["cache", "purge"]:
            facts.cleans.add("pip")
    return facts


_MANIFEST_COMMANDS = {("go", "mod", "download"): "go", ("bundle", "install"): "bundle",
                      ("composer", "install"): "composer", ("poetry", "install"): "poetry", ("uv", "sync"): "uv",
                      ("pipenv", "install"): "pipenv"}


def _manifest_command(values: list[str]) -> str | None:
    """The manifest install a command line runs (``go mod download``, ``bundle install``, ...), if any."""
    if not values:
        return None
    name = values[0].rsplit("/", 1)[-1]
    operands = [value for value in values[1:] if not value.startswith("-")]
    for words, kind in _MANIFEST_COMMANDS.items():
        if name == words[0] and tuple(operands[:len(words) - 1]) == words[1:]:
            return kind
    return None


def _cache_clean(found) -> bool:
    """``npm cache clean``, ``yarn cache clean``, ``apk cache clean``, ``pip cache purge``."""
    values = [word.value for word in found.command.args]
    return any(value in ("clean", "purge", "--clean") for value in values)


def _install(manager: str, found) -> Install:
    names = []
    unresolved = []
    for package in found.packages:
        (names if package.kind in ("name", "release") else unresolved).append(package.name)
    words = [word.value for word in found.command.words]
    text = " ".join([found.command.name, found.action_word.value if found.action_word else ""] + names).strip()
    requirement = found.option_value("-r", "--requirement") if manager == "pip" else None
    from_manifest = bool(requirement) or (manager, found.action) in _MANIFEST_ACTIONS and not names or (
        manager == "pip" and any(value in (".", "-e") for value in words))
    if requirement:
        unresolved.append("-r " + requirement)
    if manager == "pip":
        keeps_cache = not found.has("--no-cache-dir", "--no-cache")
    elif manager == "apk":
        keeps_cache = not found.has("--no-cache")
    else:
        keeps_cache = True
    return Install(manager, tuple(names), tuple(unresolved), text,
                   no_recommends=found.has("--no-install-recommends") or _apt_option(found, "Install-Recommends"),
                   keeps_cache=keeps_cache, from_manifest=from_manifest)


def _apt_option(found, option: str) -> bool:
    """``-o APT::Install-Recommends=false`` and friends."""
    return any(option.lower() in word.value.lower() and word.value.lower().endswith(("=false", "=0"))
               for word in found.options)
