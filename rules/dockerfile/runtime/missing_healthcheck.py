"""## What it does
Reports a final image that looks like a long-running service but has no
`HEALTHCHECK`. A service is a final stage (with the stages it is built
`FROM`) that `EXPOSE`s a port, or whose effective `CMD`/`ENTRYPOINT` runs a
known server (`nginx`, `httpd`, `gunicorn`, `uvicorn`, `redis-server`,
`postgres`…) or mentions `serve`, `server`, `runserver`, `port`, `listen` or
`bind` as a word. A final stage whose command is a bare shell or interpreter
(`bash`, `python3`) is a tooling image and is not reported, nor is anything with
neither a port nor a server command. `HEALTHCHECK NONE` counts as a
decision. A health check defined by the base image is unknown to a static
linter; when the base image's check is the one you want, ignore the finding
for that file. The finding points at the final stage's `FROM`.

Differences from hadolint: DL3057 (off by default in hadolint) reports every
stage without a `HEALTHCHECK`, build stages included; this rule only
reports the image that runs, and only when it is a service.

## Why is this bad?
Without a health check, Docker and Swarm only know whether the process is
alive, not whether it answers: a hung server stays "running" and keeps
receiving traffic. (Kubernetes ignores `HEALTHCHECK` and uses its own probes,
hence info level.)

## Example
```dockerfile
FROM nginx:1.27
EXPOSE 80
```

## Use instead
```dockerfile
FROM nginx:1.27
EXPOSE 80
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1
```
"""

import re

from pydocklint.dockerfile.stages_runtime import command_words, final_runtime, image_span, runs_interactive_tool
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

SERVER_PROGRAMS = frozenset({
    "nginx", "httpd", "apache2", "apache2-foreground", "apache2ctl", "caddy", "traefik", "haproxy", "envoy",
    "gunicorn", "uvicorn", "hypercorn", "daphne", "waitress-serve", "php-fpm", "puma", "unicorn",
    "redis-server", "mongod", "mysqld", "mariadbd", "postgres", "memcached", "rabbitmq-server", "sshd",
})  # fmt: skip
SERVER_WORDS = frozenset({"serve", "server", "runserver", "port", "listen", "bind"})
_TOKEN = re.compile(r"[a-z0-9]+")


@rule(code="PDL405", name="missing-healthcheck", severity=Severity.INFO,
      summary="A long-running service image has no HEALTHCHECK", covers=("DL3057",))
def check(dockerfile):
    runtime = final_runtime(dockerfile)
    if runtime is None or runtime.get("HEALTHCHECK") is not None:
        return
    if runs_interactive_tool(runtime):
        return  # a bare shell or interpreter: a tooling image
    command = [i for i in (runtime.get("ENTRYPOINT"), runtime.get("CMD")) if i is not None]
    server = next((i for i in command if _runs_a_server(command_words(i))), None)
    if runtime.exposes:
        reason = f"it exposes a port (EXPOSE on line {runtime.exposes[0].line})"
    elif server is not None:
        reason = f"it runs a server ({server.name} on line {server.line})"
    else:
        return
    yield Hit.at(image_span(runtime.stage), f"The final image looks like a long-running service, as {reason}, "
                 "but has no HEALTHCHECK: add one so Docker can tell when it stops answering")


def _runs_a_server(words):
    for word in words:
        if word.rsplit("/", 1)[-1] in SERVER_PROGRAMS:
            return True
        if SERVER_WORDS.intersection(_TOKEN.findall(word.lower())):
            return True
    return False
