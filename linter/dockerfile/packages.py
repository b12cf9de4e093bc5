"""Package-manager commands found in RUN scripts, as a small typed model for rules.

:func:`package_commands` reads the simple commands of :mod:`shell` and
recognises apt-get/apt, apk, yum/dnf/microdnf, zypper, pip (also
``python -m pip``), npm/yarn/pnpm, gem, ``go install``/``go get`` and
``cargo install`` wherever they appear in a chain, with their action, the
options present and the packages named, each with its pinned-or-not state.
Options that take a value are known per manager, so a value (``-t bookworm``,
``-r requirements.txt``) is never mistaken for a package.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydocklint.dockerfile.shell import Command, Script, Word


@dataclass(frozen=True, slots=True, eq=False)
class Package:
    word: Word
    name: str  # the package name without its version
    version: str | None  # the pinned version or constraint; None when unpinned
    kind: str = "name"  # "name", "path" (a local file or directory), "url", "vcs", "release", "variable"
    via: str = ""  # the variable it came from ($PACKAGES) when its word is an ARG/ENV value, not written here

    @property
    def pinned(self) -> bool:
        """Pinned to a version, or not a registry name at all (a path, a URL); a VCS URL needs an @ref."""
        return self.version is not None or self.kind not in ("name", "vcs")


@dataclass(frozen=True, slots=True, eq=False)
class PackageCommand:
    manager: str  # "apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper", "pip", "npm", "yarn", "pnpm", ...
    action: str  # normalised: "install", "update", "upgrade", "dist-upgrade", "clean", "remove", "add", ...
    command: Command
    action_word: Word | None
    options: tuple[Word, ...]  # every option word (with its value word when separate)
    option_names: frozenset[str]  # "-y", "--no-cache", ... (short flag clusters split: -qy -> -q, -y)
    packages: tuple[Package, ...]

    def has(self, *names: str) -> bool:
        return any(name in self.option_names for name in names)

    def option_value(self, *names: str) -> str | None:
        """The value of the last option written as ``--name=value`` or ``--name value``."""
        value = None
        words = self.options
        for index, word in enumerate(words):
            text = word.value
            for name in names:
                if text.startswith(name + "="):
                    value = text[len(name) + 1:]
                elif text == name and index + 1 < len(words) and not words[index + 1].value.startswith("-"):
                    value = words[index + 1].value
        return value


@dataclass(frozen=True, slots=True)
class _Grammar:
    valued: frozenset[str]  # options whose value is the next word
    short_valued: str = ""  # single-letter options (in a cluster) that take the next word


_APT = _Grammar(frozenset({"-o", "--option", "-t", "--target-release", "--default-release", "-c", "--config-file",
                           "-a", "--host-architecture", "-P", "--build-profiles"}), "otcaP")
_APK = _Grammar(frozenset({"-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir",
                           "--keys-dir", "--repositories-file", "--cache-max-age", "--timeout"}), "tXp")
_YUM = _Grammar(frozenset({"-c", "--config", "-d", "--debuglevel", "-e", "--errorlevel", "--installroot",
                           "--releasever", "--setopt", "-x", "--exclude", "--enablerepo", "--disablerepo",
                           "--repo", "--repoid", "--downloaddir", "--destdir", "--rpmverbosity", "--color",
                           "--forcearch", "--nodocs-x", "--security-x", "--advisory", "--bz", "--cve",
                           "--repofrompath", "--nobest-x", "--comment", "--module-platform-id",
                           "--installroot-x"}), "cdex")
_ZYPPER = _Grammar(frozenset({"-r", "--repo", "--from", "-t", "--type", "-R", "--root", "--installroot",
                              "-D", "--reposd-dir", "-C", "--cache-dir", "--raw-cache-dir", "--solv-cache-dir",
                              "--pkg-cache-dir", "-c", "--config", "-p", "--plus-repo", "--download"}), "rtRDCcp")
_PIP = _Grammar(frozenset({
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
    "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src", "--upgrade-strategy", "--trusted-host",
    "--platform", "--python-version", "--implementation", "--abi", "--only-binary", "--no-binary",
    "--progress-bar", "--log", "--cache-dir", "--timeout", "--retries", "--proxy", "--cert", "--client-cert",
    "--exists-action", "--global-option", "--install-option", "-C", "--config-settings", "--python",
    "--report", "--root-user-action", "--use-feature", "--use-deprecated", "--keyring-provider", "--log-file",
    "--group", "--build-option", "-b", "--build", "--download", "-d", "--dest", "--index", "--uploaded-prior-to"}),
    "rceiftCbd")
_NPM = _Grammar(frozenset({"--registry", "--prefix", "--cache", "-w", "--workspace", "--omit", "--include",
                           "--only", "--loglevel", "--userconfig", "--tag", "--network-timeout", "--cwd",
                           "--modules-folder", "--mutex", "--cache-folder", "--global-folder", "--filter",
                           "-C", "--dir", "--reporter", "--save-prefix", "--install-strategy",
                           "--before", "--location", "--fetch-timeout"}), "wC")
_GEM = _Grammar(frozenset({"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s", "--source",
                           "-P", "--trust-policy", "--platform", "--build-root", "-g", "--file", "--target",
                           "--document"}), "vinsPg")
_GO = _Grammar(frozenset({"-ldflags", "-gcflags", "-tags", "-o", "-mod", "-modfile", "-p", "-asmflags",
                          "-buildmode", "-compiler", "-gccgoflags", "-installsuffix", "-pkgdir", "-toolexec",
                          "-overlay", "-pgo", "-C", "-exec", "-buildvcs"}))
_CARGO = _Grammar(frozenset({"--version", "--vers", "--git", "--branch", "--tag", "--rev", "--path", "--root",
                             "--features", "-F", "--target", "-j", "--jobs", "--bin", "--example", "--profile",
                             "--registry", "--index", "--target-dir", "--config", "-Z", "--color"}), "FjZ")

_APT_ACTIONS = {"install": "install", "update": "update", "upgrade": "upgrade", "dist-upgrade": "dist-upgrade",
                "full-upgrade": "dist-upgrade", "clean": "clean", "autoclean": "clean", "remove": "remove",
                "purge": "remove", "autoremove": "remove", "build-dep": "build-dep", "reinstall": "install",
                "source": "source", "download": "download"}
_YUM_ACTIONS = {"install": "install", "groupinstall": "install", "localinstall": "install", "update": "upgrade",
                "upgrade": "upgrade", "clean": "clean", "remove": "remove", "erase": "remove", "reinstall": "install",
                "makecache": "update", "module": "module", "distro-sync": "upgrade", "group": "group",
                "builddep": "build-dep", "autoremove": "remove"}
_ZYPPER_ACTIONS = {"install": "install", "in": "install", "update": "upgrade", "up": "upgrade",
                   "dist-upgrade": "dist-upgrade", "dup": "dist-upgrade", "clean": "clean", "cc": "clean",
                   "remove": "remove", "rm": "remove", "refresh": "update", "ref": "update", "patch": "upgrade",
                   "addrepo": "addrepo", "ar": "addrepo", "source-install": "source", "si": "source"}
_APK_ACTIONS = {"add": "install", "del": "remove", "update": "update", "upgrade": "upgrade", "cache": "cache",
                "fix": "fix"}
_PIP_ACTIONS = {"install": "install", "download": "download", "wheel": "wheel", "uninstall": "remove"}
_NPM_ACTIONS = {"install": "install", "i": "install", "in": "install", "ins": "install", "inst": "install",
                "insta": "install", "instal": "install", "isnt": "install", "isnta": "install", "isntal": "install",
                "add": "install", "ci": "ci", "clean-install": "ci", "update": "upgrade", "up": "upgrade",
                "upgrade": "upgrade", "uninstall": "remove", "remove": "remove", "rm": "remove", "un": "remove",
                "cache": "cache"}
_YARN_ACTIONS = {"add": "install", "install": "install-project", "global": "global", "cache": "cache",
                 "remove": "remove", "upgrade": "upgrade"}
_GEM_ACTIONS = {"install": "install", "i": "install", "update": "upgrade", "uninstall": "remove"}

_PYTHONS = re.compile(r"^python(\d(\.\d+)?)?$")
_PIPS = re.compile(r"^pip(\d(\.\d+)?)?$")
# name-version or name-version-release (nginx-1.30.3, mysql-server-8.0.36-1.el8): the version starts with a
# digit and the release holds one, so names like java-1.8.0-openjdk-devel stay names.
_RPM_VERSIONED = re.compile(r"^(?P<name>.+?)-(?P<version>\d[^-/]*(?:-[^-/]*\d[^-/]*)?)$")


def package_commands(script: Script, environment: Mapping[str, str] | None = None) -> list[PackageCommand]:
    """Every package-manager command of the script, in the order written.

    A package list kept in a shell variable of the same script
    (``deps='gcc make'; apt-get install $deps``) is expanded: its packages are
    the words of the assignment, located where they are written. One kept in an
    ARG or ENV (``environment``: the values known when the RUN runs) is expanded
    too; its packages are located at the ``$NAME`` word and name it in ``via``.
    """
    found = []
    variables: dict[str, Word] = {}
    for command in script.commands:
        if not command.words or command.name in _KEEPS_ASSIGNMENTS:
            # Assignments alone, or before a special built-in (`deps='a b' set -x`), stay in the shell.
            for assignment in command.assignments:
                variables[assignment.value.partition("=")[0]] = assignment
            if command.name in ("export", "readonly"):
                for word in command.args:
                    if "=" in word.value and not word.value.startswith("-"):
                        variables[word.value.partition("=")[0]] = word
            if not command.words:
                continue
        recognised = recognise(command, variables, environment)
        if recognised is not None:
            found.append(recognised)
    return found


_KEEPS_ASSIGNMENTS = frozenset({"set", "export", "readonly", ":", "eval", "exec", ".", "shift", "trap", "unset"})
_WHOLE_VARIABLE = re.compile(r"^\$(\{)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?(1)\})$")
_REFERENCE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def _expand_lists(words: tuple[Word, ...], variables: dict[str, Word],
                  environment: Mapping[str, str] | None) -> tuple[Word, ...]:
    """Replace the variables of the words by their values where the script or the Dockerfile gives them.

    An unquoted ``$name`` assigned in the script becomes the words of that
    assignment. Any other word using variables is expanded with the values the
    script assigned literally and the ARG/ENV values of ``environment``, when
    every variable it uses is known (``tensorflow${SUFFIX}``, ``$PACKAGES``);
    the words it yields are located at the word and remember it in ``via``.
    """
    if not variables and not environment:
        return words
    expanded: list[Word] = []
    for word in words:
        if not word.expands:
            expanded.append(word)
            continue
        match = _WHOLE_VARIABLE.match(word.text)
        assignment = variables.get(match.group("name")) if match else None
        if assignment is not None and not assignment.expands:
            skip = assignment.value.index("=") + 1
            value, positions = assignment.value[skip:], assignment.positions[skip:]
            for part in re.finditer(r"\S+", value):
                part_positions = positions[part.start():part.end()]
                expanded.append(_word(part.group(), part.group(), part_positions[0], part_positions[-1],
                                      part_positions))
            continue
        expanded.extend(_expanded_value(word, variables, environment) or (word,))
    return tuple(expanded)


def _expanded_value(word: Word, variables: dict[str, Word], environment: Mapping[str, str] | None) -> list[Word]:
    """The words ``word`` stands for, from known values; empty when a value is unknown."""
    value = word.value
    if "$(" in value or "`" in value:  # a command or arithmetic substitution: known only when run
        return []
    names = _REFERENCE.findall(value)
    if not names:
        return []
    known: dict[str, str] = {}
    for name in names:
        assignment = variables.get(name)
        if assignment is not None:
            if assignment.expands:
                return []
            known[name] = assignment.value.partition("=")[2]
        elif environment is not None and name in environment:
            known[name] = environment[name]
        else:
            return []
    from pydocklint.dockerfile.variables import ExpansionError, expand

    try:
        expansion = expand(value, known, escape="\\")
    except ExpansionError:
        return []
    if expansion.unmatched:
        return []
    # An unquoted expansion is split into words; a quoted one stays one word.
    if word.quoted:  # one word: a list in "$PACKAGES" is one (odd) argument, not worth judging
        parts = [] if any(blank in expansion.value for blank in " \t\n") else [expansion.value]
    else:
        parts = expansion.value.split()
    via = word.text if _WHOLE_VARIABLE.match(word.text) else ""  # `tensorflow${SUFFIX}` names itself
    return [_word(part, word.text, word.start, word.end, [word.start] * len(part), via) for part in parts if part]


def _word(value: str, text: str, start: int, end: int, positions, via: str = "") -> Word:
    from pydocklint.dockerfile.shell import Word

    return Word(value, text, start, end, False, False, positions, via)


def recognise(command: Command, variables: dict[str, Word] | None = None,
              environment: Mapping[str, str] | None = None) -> PackageCommand | None:
    name = command.name
    words = _expand_lists(command.words, variables or {}, environment) if variables or environment else command.words
    if name in ("apt-get", "apt", "aptitude"):
        return _generic(command, name, words[1:], _APT, _APT_ACTIONS, _apt_package)
    if name == "apk":
        return _generic(command, name, words[1:], _APK, _APK_ACTIONS, _apk_package)
    if name in ("yum", "dnf", "microdnf", "tdnf", "dnf5"):
        manager = "dnf" if name in ("dnf5", "tdnf") else name
        return _generic(command, manager, words[1:], _YUM, _YUM_ACTIONS, _rpm_package)
    if name == "zypper":
        return _generic(command, name, words[1:], _ZYPPER, _ZYPPER_ACTIONS, _zypper_package)
    if _PIPS.match(name):
        return _generic(command, "pip", words[1:], _PIP, _PIP_ACTIONS, _pip_package)
    if _PYTHONS.match(name) or name in ("pypy", "pypy3"):
        rest = _after_module(words[1:], "pip")
        if rest is not None:
            return _generic(command, "pip", rest, _PIP, _PIP_ACTIONS, _pip_package)
        return None
    if name in ("npm", "pnpm"):
        return _generic(command, name, words[1:], _NPM, _NPM_ACTIONS, _npm_package)
    if name == "yarn":
        return _yarn(command)
    if name == "gem":
        return _generic(command, name, words[1:], _GEM, _GEM_ACTIONS, _gem_package)
    if name == "go":
        return _generic(command, name, words[1:], _GO, {"install": "install", "get": "install", "run": "run"},
                        _go_package)
    if name == "cargo":
        return _generic(command, name, words[1:], _CARGO, {"install": "install"}, _cargo_package)
    return None


def _after_module(words: tuple[Word, ...], module: str) -> tuple[Word, ...] | None:
    """The arguments after ``-m pip`` of a python command line (interpreter options before it allowed)."""
    for index, word in enumerate(words):
        value = word.value
        if value == "-m":
            if index + 1 < len(words) and words[index + 1].value == module:
                return words[index + 2:]
            return None
        if value.startswith("-m"):
            return words[index + 1:] if value[2:] == module else None
        if not value.startswith("-"):
            return None
    return None


def _generic(command, manager, words, grammar, actions, classify) -> PackageCommand | None:
    """Split ``words`` into options (with their values), the action and the operands."""
    options: list[Word] = []
    names: set[str] = set()
    operands: list[Word] = []
    action_word = None
    action = None
    index = 0
    only_operands = False
    while index < len(words):
        word = words[index]
        value = word.value
        if only_operands or not value.startswith("-") or value == "-":
            if action_word is None:
                action_word = word
                action = actions.get(value, value)
            else:
                operands.append(word)
            index += 1
            continue
        if value == "--":
            only_operands = True
            index += 1
            continue
        options.append(word)
        index += 1
        if value.startswith("--"):
            name = value.split("=", 1)[0]
            names.add(name)
            if "=" not in value and name in grammar.valued and index < len(words):
                options.append(words[index])
                index += 1
            continue
        # A short option, maybe a cluster (-qy) or with an attached value (-tbookworm, -oFoo=1).
        if manager == "go":  # go's flags are single-dash long names
            name = value.split("=", 1)[0]
            names.add(name)
            if "=" not in value and name in grammar.valued and index < len(words):
                options.append(words[index])
                index += 1
            continue
        if value in grammar.valued:
            names.add(value)
            if index < len(words):
                options.append(words[index])
                index += 1
            continue
        for position, letter in enumerate(value[1:], start=1):
            names.add("-" + letter)
            if letter in grammar.short_valued:
                if position == len(value) - 1 and index < len(words):
                    options.append(words[index])
                    index += 1
                break
    if action is None:
        return None
    packages = tuple(package if not word.via else replace(package, via=word.via)
                     for word, package in ((word, classify(word)) for word in operands) if package is not None)
    return PackageCommand(manager, action, command, action_word, tuple(options), frozenset(names), packages)


def _variable(word: Word) -> bool:
    return word.expands and word.value.startswith(("$", "%"))  # %NAME% in a cmd RUN


def _apt_package(word: Word) -> Package | None:
    value = word.value
    if _variable(word):
        return Package(word, value, None, "variable")
    if value.endswith(".deb") or value.startswith(("/", "./", "../")):
        return Package(word, value, None, "path")
    name, equals, version = value.partition("=")
    if equals:
        return Package(word, name, version)
    name, slash, release = value.partition("/")
    if slash:  # pkg/bookworm-backports: a chosen release, as hadolint counts it
        return Package(word, name, None, "release")
    return Package(word, value, None)


def _apk_package(word: Word) -> Package | None:
    value = word.value
    if _variable(word):
        return Package(word, value, None, "variable")
    if value.endswith(".apk") or value.startswith(("/", "./")):
        return Package(word, value, None, "path")
    match = re.match(r"^([^=<>~]+)(([=<>~]+)(.*))?$", value)
    if match and match.group(2):
        return Package(word, match.group(1), match.group(2))
    return Package(word, value, None)


def _rpm_package(word: Word) -> Package | None:
    value = word.value
    if word.expands:  # "mysql-shell-$VERSION": the variable is the version, decided at build time
        return Package(word, value, None, "variable")
    if value.endswith(".rpm") or value.startswith(("/", "./", "http://", "https://", "ftp://")):
        return Package(word, value, None, "path" if not value.startswith(("http", "ftp")) else "url")
    if value.startswith("@"):  # a group or module: not versionable here
        return Package(word, value, None, "path")
    match = _RPM_VERSIONED.match(value)
    if match:
        return Package(word, match.group("name"), match.group("version"))
    return Package(word, value, None)


def _zypper_package(word: Word) -> Package | None:
    value = word.value
    if _variable(word):
        return Package(word, value, None, "variable")
    if value.endswith(".rpm") or value.startswith(("/", "./", "http://", "https://")):
        return Package(word, value, None, "path")
    match = re.match(r"^([^=<>]+)([=<>]+.*)$", value)
    if match:
        return Package(word, match.group(1), match.group(2))
    return Package(word, value, None)


def _pip_package(word: Word) -> Package | None:
    value = word.value
    if _variable(word):
        return Package(word, value, None, "variable")
    if value.startswith(("git+", "hg+", "svn+", "bzr+")):
        # A VCS URL is pinned by an @ref after its path (the @ of user@host does not count).
        path = value.split("://", 1)[-1].split("/", 1)[-1].split("#", 1)[0]
        return Package(word, value.split("#egg=")[-1] if "#egg=" in value else value,
                       path.rsplit("@", 1)[1] if "@" in path else None, "vcs")
    if "://" in value:
        return Package(word, value, None, "url")
    if value.startswith((".", "/", "~")) or value.endswith((".whl", ".tar.gz", ".zip", ".tgz")) or \
            (("/" in value) and not re.search(r"[<>=~!]", value)):
        return Package(word, value, None, "path")
    match = re.match(r"^([A-Za-z0-9_.\-]+(\[[^\]]*\])?)\s*(.*)$", value)
    if match and match.group(3):
        return Package(word, match.group(1), match.group(3))
    if "@" in value:
        return Package(word, value.split("@", 1)[0], value.split("@", 1)[1].strip(), "url")
    return Package(word, value, None)


def _npm_package(word: Word) -> Package | None:
    value = word.value
    if _variable(word):
        return Package(word, value, None, "variable")
    if value.startswith((".", "/", "~", "file:")) or value.endswith((".tgz", ".tar.gz")):
        return Package(word, value, None, "path")
    if "://" in value or value.startswith(("git+", "github:", "git@")) or \
            (("/" in value) and not value.startswith("@")):
        return Package(word, value, None, "url")
    scoped = value.startswith("@")
    body = value[1:] if scoped else value
    name, at, version = body.partition("@")
    name = ("@" if scoped else "") + name
    if at and version:
        return Package(word, name, version)
    return Package(word, name, None)


def _gem_package(word: Word) -> Package | None:
    value = word.value
    if _variable(word):
        return Package(word, value, None, "variable")
    if value.endswith(".gem") or value.startswith((".", "/")):
        return Package(word, value, None, "path")
    name, colon, version = value.partition(":")
    return Package(word, name, version if colon and version else None)


def _go_package(word: Word) -> Package | None:
    value = word.value
    if _variable(word) and "@" not in value:
        return Package(word, value, None, "variable")
    if value.startswith((".", "/")) or "." not in value.split("/", 1)[0]:
        return Package(word, value, None, "path")  # a local package or std package, not a module to fetch
    name, at, version = value.partition("@")
    return Package(word, name, version if at and version else None)


def _cargo_package(word: Word) -> Package | None:
    value = word.value
    if _variable(word):
        return Package(word, value, None, "variable")
    name, at, version = value.partition("@")
    return Package(word, name, version if at and version else None)


def _yarn(command: Command) -> PackageCommand | None:
    words = command.words[1:]
    if words and words[0].value == "global":
        recognised = _generic(command, "yarn", words[1:], _NPM, _YARN_ACTIONS, _npm_package)
        return recognised
    recognised = _generic(command, "yarn", words, _NPM, _YARN_ACTIONS, _npm_package)
    if recognised is None and not any(word.value in ("-v", "--version", "-h", "--help") for word in words):
        # A bare `yarn` (options only) installs the project's dependencies.
        return PackageCommand("yarn", "install-project", command, None, (), frozenset(), ())
    return recognised


def package_commands_of(dockerfile, script: Script) -> list[PackageCommand]:
    """The package commands of one RUN script of the file (computed once per file, ARG/ENV lists expanded)."""
    found = _by_script(dockerfile).get(script)
    return found if found is not None else package_commands(script)


def run_package_commands(dockerfile, *managers: str) -> list[tuple]:
    """(stage, instruction, script, package command) for each command of those managers in RUNs, in file order."""
    return [item for item in _all_package_commands(dockerfile) if item[3].manager in managers]


_ALL: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_BY_SCRIPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _all_package_commands(dockerfile) -> tuple:
    """Every package-manager command of every RUN of the file (computed once per file)."""
    cached = _ALL.get(dockerfile)
    if cached is None:
        from pydocklint.dockerfile.shell import run_scripts

        from pydocklint.dockerfile.windows_shell import windows_run_scripts

        by_script = _by_script(dockerfile)
        scripts = run_scripts(dockerfile)
        if windows_run_scripts(dockerfile):
            scripts = sorted(scripts + windows_run_scripts(dockerfile), key=lambda item: item[1].line)
        cached = _ALL[dockerfile] = tuple((stage, instruction, script, found)
                                          for stage, instruction, script in scripts
                                          for found in by_script[script])
    return cached


def _by_script(dockerfile) -> dict:
    """Script -> its package commands, for every RUN of the file (cmd and PowerShell RUNs included).

    Scripts whose package-manager commands use variables are read again with
    the ARG/ENV values known at their RUN; the stage's environment is walked
    only for those, once per stage.
    """
    cached = _BY_SCRIPT.get(dockerfile)
    if cached is not None:
        return cached
    from pydocklint.dockerfile.shell import run_scripts
    from pydocklint.dockerfile.stages_runtime import walk_environment
    from pydocklint.dockerfile.windows_shell import windows_run_scripts

    cached = _BY_SCRIPT[dockerfile] = {}
    pending: dict = {}  # stage -> {instruction: script} of the RUNs that use a variable
    for stage, instruction, script in run_scripts(dockerfile):
        node = instruction.node.trigger or instruction.node
        if "$" in instruction.node.original or any("$" in heredoc.content for heredoc in node.heredocs):
            pending.setdefault(stage, {})[instruction] = script
        else:
            cached[script] = package_commands(script)
    for stage, scripts in pending.items():
        for instruction, environment in walk_environment(dockerfile, stage):
            script = scripts.get(instruction)
            if script is not None:
                cached[script] = package_commands(script, environment)
    # cmd and PowerShell RUNs: only the managers that read the same there. Their $name is the shell's own
    # variable, not an ENV, so nothing is expanded.
    for _, _, script in windows_run_scripts(dockerfile):
        cached[script] = [found for found in package_commands(script) if found.manager in CROSS_PLATFORM]
    return cached


CROSS_PLATFORM = frozenset({"pip", "npm", "pnpm", "yarn", "gem", "go", "cargo"})


def unpinned_packages(dockerfile, managers: tuple[str, ...], actions: tuple[str, ...] = ("install",)):
    """(script, package command, package) for each unpinned package those managers install."""
    for _, _, script, found in run_package_commands(dockerfile, *managers):
        if found.action in actions:
            for package in found.packages:
                if not package.pinned:
                    yield script, found, package


def command_span(script, found: PackageCommand):
    """The span from the manager's word to its action word (``apt-get install``)."""
    last = found.action_word or found.command.words[0]
    return script.span_of(found.command.words[0], last)


def later_in_script(script, found: PackageCommand, predicate) -> bool:
    """True when a command after ``found`` in the same script satisfies ``predicate``."""
    commands = script.commands
    seen = False
    for command in commands:
        if command is found.command:
            seen = True
        elif seen and predicate(command):
            return True
    return False
