"""## What it does
Reports a variable that BuildKit expands itself (in `ENV`, `LABEL`, `ARG`
defaults, `COPY`/`ADD` arguments and `--chown`/`--chmod`, `WORKDIR`, `USER`,
`VOLUME`, `STOPSIGNAL`, and `RUN --mount` options) but that is not defined at
that point, as BuildKit's `UndefinedVar` check does. Shell-form commands are
not checked: the shell expands them, from an environment this file may not
show.

BuildKit decides with the base image's configuration, which a static linter
cannot see, so this rule is conservative:

* In a stage built on an image (directly, or through earlier stages of this
  file), the image may define any environment variable (`$PYTHON_VERSION` in
  `python` images, `$JAVA_HOME` in JDK images), so only one case is reported:
  a variable used *before* an `ARG` or `ENV` of the same stage defines it. The
  stage's own later definition shows that the value is expected from this file,
  and the use comes too early to see it.
* In a stage built from `scratch` (directly or through earlier stages), nothing
  else can define a variable, so every use of a name not defined by an earlier
  `ARG` or `ENV` (or inherited from the parent stage) is reported.

`PATH` is always defined. A reference with a fallback (`${V:-default}`,
`${V:+alt}`, `${V:?message}`) shows the author planned for `V` being unset and
is not reported (BuildKit reports it). A global ARG used without being
re-declared is reported by `global-arg-not-in-stage` instead, and variables in
`FROM` by `undefined-arg-in-from`.

## Why is this bad?
An undefined variable expands to an empty string: `COPY app $APP_HOME/`
copies to `/`, `WORKDIR $APP_HOME` changes nothing, `ENV URL=$HOST/api` builds
a broken URL, and the build succeeds anyway.

## Example
```dockerfile
FROM alpine:3.22
WORKDIR $APP_HOME
ENV APP_HOME=/app
```

## Use instead
```dockerfile
FROM alpine:3.22
ENV APP_HOME=/app
WORKDIR $APP_HOME
```
"""

from pydocklint.dockerfile.scope import global_arg_defaults, stage_scopes, suggest_name, variable_uses
from pydocklint.findings import Hit, Severity
from pydocklint.rule import rule

# BuildKit reads these from the build's own options; they need no declaration.
EXEMPT = frozenset({"BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"})


@rule(code="PDL702", name="undefined-var", severity=Severity.WARNING,
      summary="Variable is used where it is not defined", covers=("UndefinedVar",))
def check(dockerfile):
    global_args = global_arg_defaults(dockerfile)
    for scope in stage_scopes(dockerfile):
        for instruction in scope.stage.instructions:
            for use in variable_uses(instruction, dockerfile.escape, shell=False):
                message = _problem(scope, instruction, use, global_args)
                if message:
                    yield Hit.at(instruction.span_at(use.offset, use.length), message)


def _problem(scope, instruction, use, global_args):
    name = use.name
    if name in EXEMPT or name in global_args or use.handles_unset or scope.defined(name, instruction):
        return None
    if instruction.name == "ARG" and scope.defined_at.get(name) == instruction.line:
        return None  # defined by the same ARG (`ARG A=1 B=$A`)
    later = scope.defined_later(name, instruction)
    if later is not None:
        return f"${name} is used before this stage defines it (line {later}): move the definition up"
    if scope.open:
        return None  # the base image may define it
    suggestion = suggest_name(name, scope.defined_at)
    if suggestion and not scope.defined(suggestion, instruction):
        suggestion = None
    hint = f"did you mean ${suggestion}?" if suggestion else f"define it with ARG {name} or ENV {name}=..."
    return f"${name} is not defined in this stage (built from scratch): it is empty here; {hint}"
