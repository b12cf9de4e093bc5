"""Compose's variable interpolation, and the project ``.env`` file it reads values from.

Values come only from the ``.env`` beside the project's Compose file (never from
the environment of the machine running the linter). A variable that file does
not set could come from the shell at ``docker compose up`` time, so a value that
needs one is *unknown*: rules skip unknown values rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAME = re.compile(r"[_a-zA-Z][_a-zA-Z0-9]*")
_OPERATORS = (":-", ":?", ":+", "-", "?", "+")


class TemplateError(ValueError):
    """``${...}`` that Compose refuses ("Invalid template")."""


@dataclass
class Interpolated:
    value: str
    unknown: bool = False  # depends on a variable .env does not set
    names: list[str] = field(default_factory=list)  # every variable referenced


def interpolate(text: str, env: dict[str, str]) -> Interpolated:
    """Substitute variables as compose-go's template package does; raises TemplateError for invalid ``${}``."""
    result = Interpolated("")
    result.value = _substitute(text, env, result)
    return result


def _substitute(text: str, env: dict[str, str], result: Interpolated) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        dollar = text.find("$", i)
        if dollar < 0:
            out.append(text[i:])
            break
        out.append(text[i:dollar])
        following = text[dollar + 1:dollar + 2]
        if following == "$":
            out.append("$")
            i = dollar + 2
        elif following == "{":
            end = _closing_brace(text, dollar + 2)
            if end < 0:
                raise TemplateError(f"Invalid template: {text[dollar:]!r} has no closing brace")
            out.append(_braced(text[dollar + 2:end], env, result))
            i = end + 1
        else:
            match = _NAME.match(text, dollar + 1)
            if match is None:  # a `$` followed by anything else stays as it is
                out.append("$")
                i = dollar + 1
            else:
                out.append(_lookup(match.group(), env, result))
                i = match.end()
    return "".join(out)


def _closing_brace(text: str, start: int) -> int:
    depth = 1
    i = start
    while i < len(text):
        char = text[i]
        if char == "$" and text[i + 1:i + 2] == "{":
            depth += 1
            i += 2
            continue
        if char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _lookup(name: str, env: dict[str, str], result: Interpolated) -> str:
    result.names.append(name)
    if name in env:
        return env[name]
    result.unknown = True
    return ""


def _braced(content: str, env: dict[str, str], result: Interpolated) -> str:
    match = _NAME.match(content)
    if match is None:
        raise TemplateError(f"Invalid template: ${{{content}}} does not start with a variable name")
    name = match.group()
    rest = content[match.end():]
    if not rest:
        return _lookup(name, env, result)
    operator = next((op for op in _OPERATORS if rest.startswith(op)), None)
    if operator is None:
        raise TemplateError(f"Invalid template: ${{{content}}} (Compose supports only :-, -, :?, ?, :+ and +)")
    argument = rest[len(operator):]
    result.names.append(name)
    is_set = name in env
    value = env.get(name, "")
    if operator in (":-", "-"):
        use_default = not is_set or (operator == ":-" and value == "")
        return _substitute(argument, env, result) if use_default else value
    if operator in (":?", "?"):
        _substitute(argument, env, result)  # the message may itself be invalid
        if not is_set or (operator == ":?" and value == ""):
            result.unknown = True  # an error at `up` unless the shell sets it
            return ""
        return value
    # ":+" and "+": the replacement when set (and non-empty for ":+")
    if not is_set:
        result.unknown = True
        _substitute(argument, env, result)
        return ""
    if operator == ":+" and value == "":
        return ""
    return _substitute(argument, env, result)


def parse_env_file(text: str) -> dict[str, str]:
    """``KEY=VALUE`` lines as compose-go's dotenv reads them (later lines win; a bare ``KEY`` is unset)."""
    env: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export "):].lstrip()
        key, separator, value = line.partition("=")
        key = key.strip()
        if not separator or not _NAME.fullmatch(key):
            continue
        env[key] = _env_value(value.strip(), env)
    return env


def _env_value(value: str, env: dict[str, str]) -> str:
    if value[:1] == "'":
        end = value.find("'", 1)
        return value[1:end] if end > 0 else value[1:]
    if value[:1] == '"':
        end = 1
        while end < len(value) and value[end] != '"':
            end += 2 if value[end] == "\\" else 1
        inner = value[1:end]
        inner = inner.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\")
        return _interpolate_leniently(inner, env)
    comment = re.search(r"\s#", value)
    if comment:
        value = value[:comment.start()].rstrip()
    return _interpolate_leniently(value, env)


def _interpolate_leniently(value: str, env: dict[str, str]) -> str:
    if "$" not in value:
        return value
    try:
        return interpolate(value, env).value
    except TemplateError:
        return value
