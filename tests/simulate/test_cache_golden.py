"""Golden cases for the cache model: a Dockerfile, a change, and the expected hit/miss of every layer.

Each case names the BuildKit rule it checks (docs/simulate.md, "Cache model").
``expected`` lists the layer steps (RUN, COPY, ADD, WORKDIR) of the built stages
as ``<line><h|m>``; stages the target does not need are not built, so not listed.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import pytest
from pydocklint.context import context_from_files
from pydocklint.dockerfile.instructions import build
from pydocklint.dockerfile.parser import parse
from pydocklint.simulate.cache import ChangeSet, apply
from pydocklint.simulate.simulator import simulate

FILES = (("app.py", "print('hi')\n"), ("requirements.txt", "flask\n"), ("a.txt", "a\n"), ("b.txt", "b\n"),
         ("d/a.txt", "nested\n"), ("src/main.py", "main\n"), ("Dockerfile", "FROM x\n"))


@dataclass
class Case:
    name: str
    dockerfile: str
    expected: str
    changed: tuple[str, ...] = ()
    previous: str | None = None  # the Dockerfile of the previous build, when it differs
    files: tuple[tuple[str, str], ...] = FILES
    build_args: dict[str, str] = field(default_factory=dict)
    previous_build_args: dict[str, str] | None = None
    target: str | None = None


def run_case(case: Case) -> str:
    context = context_from_files(case.files)

    def sim(text: str, args: dict[str, str]):
        dockerfile = build(parse(textwrap.dedent(text).lstrip("\n")), "Dockerfile")
        return simulate(dockerfile, target=case.target, build_args=args, context=context)

    simulation = sim(case.dockerfile, case.build_args)
    previous = None
    if case.previous is not None or case.previous_build_args is not None:
        previous_args = case.previous_build_args if case.previous_build_args is not None else case.build_args
        previous = sim(case.previous if case.previous is not None else case.dockerfile, previous_args)
    apply(simulation, ChangeSet(frozenset(case.changed), previous))
    return " ".join(f"{step.line}{step.cache[0]}" for step in simulation.steps if step.creates_layer)


APP = """
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN python -m compileall .
"""

CASES = [
    Case("nothing changed: every layer hits", APP, "2h 3h 4h 5h 6h"),
    Case("a changed file no COPY selects: hits", "FROM alpine:3.22\nCOPY a.txt /\nRUN echo\n", "2h 3h",
         changed=("b.txt",)),
    Case("content change under COPY . .: the COPY and everything after miss", APP, "2h 3h 4h 5m 6m",
         changed=("app.py",)),
    Case("manifest change: its COPY, the install and all later layers miss", APP, "2h 3m 4m 5m 6m",
         changed=("requirements.txt",)),
    Case(".dockerignore'd file changed: not in the context, hit", APP, "2h 3h 4h 5h 6h", changed=("secret.txt",),
         files=FILES + ((".dockerignore", "secret.txt\n"), ("secret.txt", "x"))),
    Case("ignored directory changed", "FROM alpine:3.22\nCOPY . /src\n", "2h", changed=("node_modules/x/index.js",),
         files=FILES + ((".dockerignore", "node_modules\n"),)),
    Case("a new file appears in a copied directory: miss", "FROM alpine:3.22\nCOPY src /src\nRUN ls\n", "2m 3m",
         changed=("src/new.py",)),
    Case("a file outside the copied directory: hit", "FROM alpine:3.22\nCOPY src /src\nRUN ls\n", "2h 3h",
         changed=("app.py",)),
    Case("glob selects top-level files only (filepath.Match)", "FROM alpine:3.22\nCOPY *.txt /t/\n", "2h",
         changed=("d/a.txt",)),
    Case("glob selects the changed top-level file", "FROM alpine:3.22\nCOPY *.txt /t/\n", "2m", changed=("a.txt",)),
    Case("the Dockerfile is part of the context: COPY . . misses when it changes", "FROM alpine:3.22\nCOPY . /s\n",
         "2m", changed=("Dockerfile",)),
    Case("unless .dockerignore excludes it", "FROM alpine:3.22\nCOPY . /s\n", "2h", changed=("Dockerfile",),
         files=FILES + ((".dockerignore", "Dockerfile\n"),)),
    Case("RUN text edited: that RUN and later layers miss, earlier hit",
         "FROM alpine:3.22\nRUN echo one\nRUN echo two\nRUN echo three\n", "2h 3m 4m",
         previous="FROM alpine:3.22\nRUN echo one\nRUN echo 2\nRUN echo three\n"),
    Case("ENV change: the next RUN misses", "FROM alpine:3.22\nENV MODE=prod\nRUN echo\n", "3m",
         previous="FROM alpine:3.22\nENV MODE=dev\nRUN echo\n"),
    Case("ENV change: a COPY right after it still hits (file ops carry no env)",
         "FROM alpine:3.22\nENV MODE=prod\nCOPY a.txt /\nRUN echo\n", "3h 4m",
         previous="FROM alpine:3.22\nENV MODE=dev\nCOPY a.txt /\nRUN echo\n"),
    Case("ENV expanded in the COPY's own arguments: the COPY misses",
         "FROM alpine:3.22\nENV DIR=/new\nCOPY a.txt $DIR/\n", "3m",
         previous="FROM alpine:3.22\nENV DIR=/old\nCOPY a.txt $DIR/\n"),
    Case("ARG default changed and unused: every later RUN still misses",
         "FROM alpine:3.22\nARG VERSION=2\nRUN echo hi\n", "3m",
         previous="FROM alpine:3.22\nARG VERSION=1\nRUN echo hi\n"),
    Case("--build-arg value changed for a declared ARG: RUN misses", "FROM alpine:3.22\nARG SHA\nRUN echo hi\n", "3m",
         build_args={"SHA": "b"}, previous_build_args={"SHA": "a"}),
    Case("ARG declared after the RUN: the RUN hits (a miss happens at first use, not before)",
         "FROM alpine:3.22\nRUN echo hi\nARG SHA\nRUN echo again\n", "2h 4m",
         build_args={"SHA": "b"}, previous_build_args={"SHA": "a"}),
    Case("--build-arg for an ARG the stage never declares: hit", "FROM alpine:3.22\nRUN echo hi\n", "2h",
         build_args={"SHA": "b"}, previous_build_args={}),
    Case("global ARG not re-declared in the stage: not in RUN's env, hit",
         "ARG V=1\nFROM alpine:3.22\nRUN echo hi\n", "3h", build_args={"V": "2"}, previous_build_args={}),
    Case("global ARG re-declared in the stage: RUN misses", "ARG V=1\nFROM alpine:3.22\nARG V\nRUN echo hi\n", "4m",
         build_args={"V": "2"}, previous_build_args={}),
    Case("global ARG in FROM changes the base: everything misses",
         "ARG TAG=3.22\nFROM alpine:$TAG\nRUN echo\nCOPY a.txt /\n", "3m 4m",
         previous="ARG TAG=3.21\nFROM alpine:$TAG\nRUN echo\nCOPY a.txt /\n"),
    Case("base image tag changed: everything misses", "FROM alpine:3.22\nCOPY a.txt /\nRUN echo\n", "2m 3m",
         previous="FROM alpine:3.21\nCOPY a.txt /\nRUN echo\n"),
    Case("LABEL edited: no vertex, nothing misses (BuildKit)", "FROM alpine:3.22\nLABEL v=2\nRUN echo\n", "3h",
         previous="FROM alpine:3.22\nLABEL v=1\nRUN echo\n"),
    Case("CMD and EXPOSE edited: nothing misses", "FROM alpine:3.22\nRUN echo\nEXPOSE 81\nCMD [\"b\"]\n", "2h",
         previous="FROM alpine:3.22\nRUN echo\nEXPOSE 80\nCMD [\"a\"]\n"),
    Case("HEALTHCHECK and STOPSIGNAL edited: nothing misses",
         "FROM alpine:3.22\nHEALTHCHECK CMD b\nSTOPSIGNAL SIGINT\nRUN echo\n", "4h",
         previous="FROM alpine:3.22\nHEALTHCHECK CMD a\nSTOPSIGNAL SIGTERM\nRUN echo\n"),
    Case("WORKDIR changed: it and every later layer miss", "FROM alpine:3.22\nWORKDIR /b\nCOPY a.txt .\n", "2m 3m",
         previous="FROM alpine:3.22\nWORKDIR /a\nCOPY a.txt .\n"),
    Case("USER changed: the next RUN misses", "FROM alpine:3.22\nUSER nobody\nRUN id\n", "3m",
         previous="FROM alpine:3.22\nUSER root\nRUN id\n"),
    Case("USER changed: a COPY without --chown still hits", "FROM alpine:3.22\nUSER nobody\nCOPY a.txt /\n", "3h",
         previous="FROM alpine:3.22\nUSER root\nCOPY a.txt /\n"),
    Case("SHELL changed: the RUN's argv changes, miss",
         "FROM alpine:3.22\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN echo\n", "3m",
         previous="FROM alpine:3.22\nSHELL [\"/bin/sh\", \"-c\"]\nRUN echo\n"),
    Case("COPY --chown changed: miss", "FROM alpine:3.22\nCOPY --chown=2 a.txt /\n", "2m",
         previous="FROM alpine:3.22\nCOPY --chown=1 a.txt /\n"),
    Case("COPY --chmod changed: miss", "FROM alpine:3.22\nCOPY --chmod=755 a.txt /\n", "2m",
         previous="FROM alpine:3.22\nCOPY --chmod=644 a.txt /\n"),
    Case("COPY --link survives a rebuilt layer below; the RUN after it does not",
         "FROM alpine:3.22\nRUN echo b\nCOPY --link a.txt /\nRUN echo\n", "2m 3h 4m",
         previous="FROM alpine:3.22\nRUN echo a\nCOPY --link a.txt /\nRUN echo\n"),
    Case("COPY --link survives a base image bump", "FROM alpine:3.22\nCOPY --link a.txt /\n", "2h",
         previous="FROM alpine:3.21\nCOPY --link a.txt /\n"),
    Case("COPY --link with --chmod falls back to a plain copy: misses after a rebuild below",
         "FROM alpine:3.22\nRUN echo b\nCOPY --link --chmod=644 a.txt /\n", "2m 3m",
         previous="FROM alpine:3.22\nRUN echo a\nCOPY --link --chmod=644 a.txt /\n"),
    Case("COPY --link misses when its own file changes", "FROM alpine:3.22\nCOPY --link a.txt /\n", "2m",
         changed=("a.txt",)),
    Case("cache mount: its contents are never in the key",
         "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n", "2h",
         changed=("app.py", "requirements.txt")),
    Case("cache mount target changed: miss", "FROM alpine:3.22\nRUN --mount=type=cache,target=/b make\n", "2m",
         previous="FROM alpine:3.22\nRUN --mount=type=cache,target=/a make\n"),
    Case("bind mount of a context file: a change to it misses the RUN",
         "FROM python:3.12-slim\nRUN --mount=type=bind,source=requirements.txt,target=/r.txt pip install -r /r.txt\n",
         "2m", changed=("requirements.txt",)),
    Case("bind mount of a context file: other files do not matter",
         "FROM python:3.12-slim\nRUN --mount=type=bind,source=requirements.txt,target=/r.txt pip install -r /r.txt\n",
         "2h", changed=("app.py",)),
    Case("secret mount: the secret's content is not in the key",
         "FROM alpine:3.22\nRUN --mount=type=secret,id=token cat /run/secrets/token\n", "2h", changed=("token",)),
    Case("RUN --network changed: miss", "FROM alpine:3.22\nRUN --network=none echo\n", "2m",
         previous="FROM alpine:3.22\nRUN --network=host echo\n"),
    Case("ADD of a URL without --checksum: always a possible miss",
         "FROM alpine:3.22\nADD https://example.com/x.tar.gz /x\nRUN echo\n", "2m 3m"),
    Case("ADD of a URL pinned with --checksum: hit",
         "FROM alpine:3.22\nADD --checksum=sha256:" + "a" * 64 + " https://example.com/x.tar.gz /x\n", "2h"),
    Case("ADD of a git URL at a commit SHA: hit",
         "FROM alpine:3.22\nADD https://github.com/o/r.git#" + "0" * 40 + " /r\n", "2h"),
    Case("ADD of a git branch: always a possible miss", "FROM alpine:3.22\nADD https://github.com/o/r.git#main /r\n",
         "2m"),
    Case("ADD of a local file that changed: miss", "FROM alpine:3.22\nADD a.txt /\n", "2m", changed=("a.txt",)),
    Case("COPY heredoc content edited: miss", "FROM alpine:3.22\nCOPY <<EOF /f\nnew\nEOF\n", "2m",
         previous="FROM alpine:3.22\nCOPY <<EOF /f\nold\nEOF\n"),
    Case("multi-stage: a change in the builder misses the final COPY --from; earlier final layers hit",
         "FROM golang:1.25 AS build\nCOPY src /src\nRUN go build\nFROM alpine:3.22\nRUN apk add --no-cache ca-certificates\n"
         "COPY --from=build /out /app\n", "2m 3m 5h 6m", changed=("src/main.py",)),
    Case("multi-stage: a change only the final stage copies leaves the builder cached",
         "FROM golang:1.25 AS build\nCOPY src /src\nRUN go build\nFROM alpine:3.22\nCOPY a.txt /\n"
         "COPY --from=build /out /app\n", "2h 3h 5m 6m", changed=("a.txt",)),
    Case("a stage the target does not need is not built", "FROM alpine:3.22 AS unused\nCOPY a.txt /\n"
         "FROM alpine:3.22\nRUN echo\n", "4h", changed=("a.txt",)),
    Case("--target stops at the named stage", "FROM alpine:3.22 AS base\nCOPY a.txt /\nFROM base\nCOPY b.txt /\n",
         "2m", changed=("a.txt", "b.txt"), target="base"),
    Case("FROM <stage>: a rebuilt parent stage rebuilds the child",
         "FROM alpine:3.22 AS base\nRUN echo b\nFROM base\nRUN echo child\n", "2m 4m",
         previous="FROM alpine:3.22 AS base\nRUN echo a\nFROM base\nRUN echo child\n"),
    Case("COPY --from a stage that is only a FROM: its base change reaches the COPY",
         "FROM alpine:3.22 AS tools\nFROM scratch\nCOPY --from=tools /bin/sh /sh\n", "3m",
         previous="FROM alpine:3.21 AS tools\nFROM scratch\nCOPY --from=tools /bin/sh /sh\n"),
    Case("COPY --from an external image: hit when nothing changes",
         "FROM alpine:3.22\nCOPY --from=busybox:1.36 /bin/busybox /bin/\n", "2h"),
    Case("ONBUILD edited: not run in this build, nothing misses", "FROM alpine:3.22\nONBUILD RUN b\nRUN echo\n", "3h",
         previous="FROM alpine:3.22\nONBUILD RUN a\nRUN echo\n"),
    Case("FROM a --build-arg with no default: never trusted", "ARG BASE\nFROM $BASE\nRUN echo\n", "3m"),
    Case("comments and blank lines edited: keys unchanged", "FROM alpine:3.22\n# new comment\n\nRUN echo\n", "4h",
         previous="FROM alpine:3.22\nRUN echo\n"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden(case: Case) -> None:
    assert run_case(case) == case.expected


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
