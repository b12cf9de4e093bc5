"""## What it does
Reports commands and settings that turn off the verification of what is
downloaded:

* `curl -k` / `--insecure` (also inside combined flags such as `-fsSLk`),
  `wget --no-check-certificate`;
* `pip ... --trusted-host`, `pip config set global.trusted-host`;
* `git config http.sslVerify false`, `git -c http.sslVerify=false`;
* `npm`/`yarn`/`pnpm config set strict-ssl false`, `--strict-ssl=false`,
  `--no-strict-ssl`;
* `apt-get --allow-unauthenticated`, `--force-yes`,
  `--allow-insecure-repositories`, `-o Acquire::https::Verify-Peer=false`
  (and `Verify-Host`, `AllowInsecureRepositories`, `AllowUnauthenticated`);
* `apk add --allow-untrusted`;
* environment variables that do the same, set by `ENV`, an `ARG` default,
  `export` or a command prefix: `GIT_SSL_NO_VERIFY` (any value),
  `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PIP_TRUSTED_HOST`,
  `NPM_CONFIG_STRICT_SSL=false`.

Each occurrence is reported at the flag or variable.

## Why is this bad?
TLS certificates and package signatures are what prove a download comes from
who it claims to. Without them anyone on the network path (a compromised
mirror, proxy or Wi-Fi) can hand the build a different file, and it ends up in
the image as root. Fix the cause instead: install `ca-certificates`, add a
private CA to the trust store, or import the repository's signing key.

## Example
```dockerfile
FROM debian:12.8
RUN apt-get update \\
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\
 && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLk -o /tmp/tool.tgz https://example.com/tool.tgz
```

## Use instead
```dockerfile
FROM debian:12.8
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u8 \\
 && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz
```
"""

import re

from pydocklint.dockerfile.packages import recognise
from pydocklint.dockerfile.scope import definition_offsets
from pydocklint.dockerfile.shell import run_scripts
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule
from pydocklint.rules.dockerfile.variables.secrets_in_arg_or_env import defined_values

# curl's short options that take a value: in a cluster such as -fsSLo, what follows one is its value.
_CURL_VALUE_OPTIONS = frozenset("aAbcCdDeEFhHKmoOPQrtTuUwxXyYz")
_APT_INSECURE_FLAGS = frozenset({"--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"})
_APT_TLS_OPTION = re.compile(r"(?i)Acquire::https(?:::[^:=]+)?::Verify-(?:Peer|Host)=(?:false|0|no|off)")
_APT_UNSIGNED_OPTION = re.compile(
    r"(?i)(?:Acquire::AllowInsecureRepositories|APT::Get::AllowUnauthenticated)=(?:true|1|yes|on)")
_GIT_SSL_VERIFY = re.compile(r"(?i)http\.(?:.+\.)?sslverify")
_FALSE = frozenset({"false", "0", "no", "off"})
_STRICT_SSL_OFF = re.compile(r"(?i)--(?:strict-ssl=(?:false|0)|no-strict-ssl)")


def _env_disables(name: str, value: str | None) -> bool:
    """Does setting ``name`` to ``value`` (None: declared without a value) turn verification off?"""
    if value is None:
        return False
    upper = name.upper()
    if upper == "GIT_SSL_NO_VERIFY":
        return True  # git checks only that it is set
    if upper in ("PYTHONHTTPSVERIFY", "NODE_TLS_REJECT_UNAUTHORIZED"):
        return value.strip() == "0"
    if upper == "PIP_TRUSTED_HOST":
        return bool(value.strip())
    if upper == "NPM_CONFIG_STRICT_SSL":
        return value.strip().lower() in _FALSE
    return False


_REASONS = {
    "curl": "curl {flag} skips TLS certificate checks: install ca-certificates or pass --cacert instead",
    "wget": "wget {flag} skips TLS certificate checks: install ca-certificates or pass --ca-certificate instead",
    "pip": "pip {flag} lets pip download without TLS verification: fix the CA bundle or use a trusted HTTPS index",
    "tls": "{manager} {flag} turns off TLS verification: add the server's CA to the trust store instead",
    "npm": "{manager} {flag} turns off TLS verification: set cafile to the registry's CA instead",
    "apt": "{manager} {flag} installs packages whose signatures are not checked: import the repository key instead",
    "apk": "apk {flag} installs packages whose signatures are not checked: add the signing key to /etc/apk/keys",
    "env": "{flag} turns off TLS verification: add the server's CA to the trust store instead",
}


@rule(code="PDL653", name="tls-verification-disabled", severity=Severity.WARNING,
      summary="TLS certificate or package signature verification turned off", tags=("security",))
def check(dockerfile):
    for stage in dockerfile.stages:
        for instruction in stage.instructions:
            if instruction.name in ("ENV", "ARG"):
                yield from _definitions(instruction)
    for _, _, script in run_scripts(dockerfile):
        for command in script.commands:
            for word, kind in _insecure_words(command):
                yield Hit.at(script.span(word), _REASONS[kind].format(flag=word.value, manager=command.name))


def _definitions(instruction):
    values = defined_values(instruction)
    for name, offset in definition_offsets(instruction):
        if _env_disables(name, values.get(name)):
            yield Hit.at(instruction.span_at(offset, len(name)),
                         _REASONS["env"].format(flag=f"{instruction.name} {name}"))


def _insecure_words(command):
    """(word, kind) for each word of a simple command that turns verification off."""
    for word in command.assignments:
        name, _, value = word.value.partition("=")
        if _env_disables(name, value):
            yield word, "env"
    name = command.name
    args = command.args
    if name == "export":
        yield from ((word, "env") for word in args if "=" in word.value
                    and _env_disables(*word.value.split("=", 1)))
    elif name == "curl":
        yield from ((word, "curl") for word in _curl_insecure(args))
    elif name == "wget":
        yield from ((word, "wget") for word in args if word.value == "--no-check-certificate")
    elif name == "git":
        yield from ((word, "tls") for word in _git_insecure(args))
    elif name in ("npm", "yarn", "pnpm"):
        yield from ((word, "npm") for word in _strict_ssl_off(args))
    else:
        found = recognise(command)
        manager = found.manager if found else None
        if manager == "pip":
            yield from ((word, "pip") for word in args if word.value.split("=", 1)[0] == "--trusted-host"
                        or word.value.lower().endswith(".trusted-host"))
        elif manager in ("apt-get", "apt", "aptitude"):
            yield from _apt_insecure(args)
        elif manager == "apk":
            yield from ((word, "apk") for word in args if word.value == "--allow-untrusted")


def _curl_insecure(args):
    skip_value = False
    for word in args:
        value = word.value
        if skip_value:
            skip_value = False
            continue
        if value == "--insecure":
            yield word
        elif value.startswith("-") and not value.startswith("--") and len(value) > 1:
            for letter in value[1:]:
                if letter == "k":
                    yield word
                    break
                if letter in _CURL_VALUE_OPTIONS:
                    skip_value = letter == value[-1]  # the value is the next word
                    break


def _git_insecure(args):
    """``git -c http.sslVerify=false ...`` and ``git config [...] http.sslVerify false``."""
    values = [word.value for word in args]
    for index, value in enumerate(values):
        key, has_value, setting = value.partition("=")
        if index and values[index - 1] == "-c" and has_value and _GIT_SSL_VERIFY.fullmatch(key) \
                and setting.lower() in _FALSE:
            yield args[index]
        elif "config" in values[:index] and _GIT_SSL_VERIFY.fullmatch(value) and index + 1 < len(values) \
                and values[index + 1].lower() in _FALSE:
            yield args[index]


def _strict_ssl_off(args):
    """``npm config set strict-ssl false`` (or ``strict-ssl=false``) and ``--strict-ssl=false`` options."""
    values = [word.value for word in args]
    for index, value in enumerate(values):
        lowered = value.lower()
        if _STRICT_SSL_OFF.fullmatch(value):
            yield args[index]
        elif lowered in ("strict-ssl", "enablestrictssl") and index + 1 < len(values) \
                and values[index + 1].lower() in _FALSE and "set" in values[:index]:
            yield args[index]
        elif lowered.partition("=")[0] in ("strict-ssl", "enablestrictssl") and "set" in values[:index] \
                and lowered.partition("=")[2] in _FALSE:
            yield args[index]


def _apt_insecure(args):
    for word in args:
        value = word.value
        if value in _APT_INSECURE_FLAGS or _APT_UNSIGNED_OPTION.search(value):
            yield word, "apt"
        elif _APT_TLS_OPTION.search(value):
            yield word, "tls"
