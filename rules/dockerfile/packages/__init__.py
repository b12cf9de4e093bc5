"""Package managers in RUN: pinning, caches and non-interactive installs (PDL3xx)."""

from collections.abc import Callable, Iterable, Iterator

from pydocklint.findings import Hit
from pydocklint.wording import describe


def one_finding_per_command(unpinned: Iterable[tuple], noun: str, advice: Callable[[str], str]) -> Iterator[Hit]:
    """Group ``(script, command, package)`` triples: one finding per install command.

    The finding spans the command's unpinned packages and names them, so a RUN
    installing thirty packages gets one finding, not thirty.
    """
    groups: dict[int, tuple] = {}
    for script, command, package in unpinned:
        # The group holds the command itself, so its id cannot be reused by another while grouping.
        groups.setdefault(id(command), (script, command, []))[2].append(package)
    for script, _, packages in groups.values():
        first, last = packages[0], packages[-1]
        span = script.span(first.word) if first is last else script.span_of(first.word, last.word)
        # Packages from an ARG/ENV value (`apt-get install $PACKAGES`) are pinned where that value is set.
        via = list(dict.fromkeys(package.via for package in packages if package.via))
        where = f" (from {describe(via)})" if via else ""
        if len(packages) == 1:
            yield Hit.at(span, f"{noun} {first.name}{where} is not pinned: {advice(first.name)}")
        else:
            yield Hit.at(span, f"{noun}s {describe([p.name for p in packages])}{where} are not pinned: "
                               f"{advice('<name>')} for each")


# Where yum, dnf and microdnf keep downloaded packages and metadata.
RPM_CACHES = ("/var/cache/yum", "/var/cache/dnf", "/var/cache/microdnf", "/var/cache/libdnf5")


def rpm_cache_kept(dockerfile, managers: tuple[str, ...]) -> Iterator[Hit]:
    """Installs by ``managers`` whose RUN neither cleans the cache afterwards nor mounts it as a cache.

    Stages only copied from are skipped: their layers never reach the image.
    """
    from pydocklint.dockerfile.fix_edits import append_fix
    from pydocklint.dockerfile.packages import command_span, later_in_script, recognise, run_package_commands
    from pydocklint.dockerfile.shell import cache_mount_targets, copied_only_stages

    def cleans(command, manager: str) -> bool:
        if command.name == "rm":
            return any(word.value.startswith(RPM_CACHES) for word in command.args)
        found = recognise(command)
        return found is not None and found.manager == manager and found.action == "clean"

    builders = copied_only_stages(dockerfile)
    for stage, instruction, script, found in run_package_commands(dockerfile, *managers):
        if found.action != "install" or stage.index in builders:
            continue
        if any(target.startswith(RPM_CACHES) for target in cache_mount_targets(instruction)):
            continue
        if later_in_script(script, found, lambda command, manager=found.manager: cleans(command, manager)):
            continue
        yield Hit.at(command_span(script, found), f"{found.manager} install leaves its cache in the layer: "
                     f"add `&& {found.manager} clean all` at the end of this RUN",
                     append_fix(instruction, found, f"{found.command.name} clean all"))
