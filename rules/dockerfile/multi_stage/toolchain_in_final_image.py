"""## What it does
Reports a final image that carries a compiler or build toolchain: its stage (or
an earlier stage it is built `FROM`) installs build packages (`gcc`, `g++`,
`build-essential`, `clang`, `golang`, `maven`, `gradle`, `cargo`, `rustc`, a
JDK) without removing them in the same `RUN`, or builds with the toolchain of its
base image (`go build` on `golang`, `cargo build` on `rust`, `mvn package` on
`maven`, `gradle build` on `gradle`, `dotnet publish` on the .NET SDK).
Only application images are reported: the final image must run something of
its own (a `CMD` or `ENTRYPOINT` in its stages); base, builder and tool
images, which exist to build, are left alone, and so are build stages.
Packages removed again in the same `RUN` (`apt-get purge`, `--auto-remove`,
`apk del` of a `--virtual` group) do not count.

## Why is this bad?
The toolchain is only needed to build. Shipped, it adds hundreds of megabytes
to every pull, widens the attack surface and fills vulnerability reports. A
multi-stage build compiles in a build stage and copies only the result into a
small runtime image.

## Example
```dockerfile
FROM golang:1.26-bookworm
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY main.go ./
RUN go build -o /usr/local/bin/app .
USER 65532
CMD ["app"]
```

## Use instead
```dockerfile
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY main.go ./
RUN go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
USER 65532
CMD ["/app"]
```
"""

import re

from pydocklint.dockerfile.images import ImageReference, resolve_base_image
from pydocklint.dockerfile.stages_runtime import final_runtime
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.wording import describe

_TOOLCHAIN_PACKAGES = re.compile(r"^(?:gcc(?:-\d+)?|g\+\+(?:-\d+)?|gcc-c\+\+|build-essential|build-base|clang(?:-\d+)?|"
                                 r"golang(?:-go|-\d[\d.]*)?|go|maven|gradle|cargo|rustc|default-jdk|"
                                 r"openjdk-\d+-jdk(?:-headless)?|java-[\d.]+-openjdk-devel)$")
# Base images that are themselves a toolchain, and the commands that build with it.
_TOOLCHAIN_IMAGES = {"golang": ("go", "build"), "rust": ("cargo", "build"), "maven": ("mvn", None),
                     "gradle": ("gradle", None), "dotnet/sdk": ("dotnet", None)}
_BUILD_WORDS = {"build", "package", "install", "publish", "assemble", "verify"}


@rule(code="PDL740", name="toolchain-in-final-image", severity=Severity.INFO,
      summary="The final image ships a compiler or build toolchain: build in a separate stage")
def check(dockerfile):
    from pydocklint.dockerfile.shell import script_of
    from pydocklint.simulate.commands import run_facts

    runtime = final_runtime(dockerfile)
    if runtime is None or not (runtime.get("CMD") or runtime.get("ENTRYPOINT")):
        return  # a base or tool image: building is what it is for
    for stage in reversed([link.stage for link in runtime.chain]):  # base first
        image = resolve_base_image(dockerfile, stage) or ""
        toolchain = _toolchain_image(image)
        for instruction in stage.instructions:
            if instruction.name != "RUN":
                continue
            kept = _kept_toolchain_packages(run_facts(dockerfile, instruction))
            if kept:
                yield Hit.at(instruction.keyword_span, f"The final image installs {describe(kept)} and keeps "
                             f"{'it' if len(kept) == 1 else 'them'}: build in a separate stage and copy only the "
                             "result into the final one")
                return
            if toolchain and _builds_with(script_of(dockerfile, instruction), toolchain):
                name = image.rsplit(":", 1)[0]
                yield Hit.at(instruction.keyword_span, f"The final image builds with the toolchain of {name} and "
                             "ships it: build in a separate stage and copy only the result into a runtime image")
                return


def _toolchain_image(image: str):
    repository = ImageReference.parse(image).repository if image else ""
    for name, command in _TOOLCHAIN_IMAGES.items():
        if repository == name or repository.endswith("/" + name) or repository.endswith("library/" + name):
            return command
    return None


def _kept_toolchain_packages(facts) -> list[str]:
    removed = {name for _, names, _ in facts.removals for name in names}
    autoremoved = any(auto for _, _, auto in facts.removals)
    # `apk add --virtual .deps ...` is undone by `apk del .deps`: any apk removal in the RUN counts.
    apk_removed = any(manager == "apk" for manager, _, _ in facts.removals)
    kept = []
    for install in facts.installs:
        if install.manager not in ("apt", "apk", "yum", "dnf", "microdnf") or install.manager == "apk" and apk_removed:
            continue
        for package in install.packages:
            if _TOOLCHAIN_PACKAGES.match(package) and package not in removed and not autoremoved:
                kept.append(package)
    return kept


def _builds_with(script, toolchain) -> bool:
    program, action = toolchain
    for command in script.commands if script is not None else ():
        words = [word.value for word in command.words]
        if not words or words[0].rsplit("/", 1)[-1] not in (program, "./gradlew", "gradlew", "./mvnw", "mvnw"):
            continue
        operands = [word for word in words[1:] if not word.startswith("-")]
        if action is not None and operands[:1] == [action] or action is None and _BUILD_WORDS & set(operands):
            return True
    return False
