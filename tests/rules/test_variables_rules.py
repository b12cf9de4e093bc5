"""PDL700-PDL703: secrets, ENV self-references, undefined variables, global ARGs out of scope."""

from tests.support import lint

SECRET = "may hold a secret, which stays readable in the image: use RUN --mount=type=secret instead"


def test_secret_names_as_buildkit_matches_them_with_public_keys_switches_and_paths_left_out():
    text = """
        ARG GLOBAL_TOKEN=x
        FROM alpine:3.20
        ARG GITHUB_TOKEN
        ARG api_key=abc PUBLIC_KEY=pk KEY_FILE=/k TOKENIZER=t
        ENV DB_PASSWORD=hunter2 \\
            ADMINPASSWORD=admin \\
            PASSWORD_FILE=/run/secrets/db
        ENV GPG_KEY=B42F6819007F00F88E364FD4036A9C25BF357DD4
        ARG SIGNING_KEY=A62AE125BBBFBB96A6E042EC925CC1CCED3D1561
        ENV SIGNING_KEY=$SIGNING_KEY
        ENV USE_AUTH=true CLIENT_SECRET=./secret.json API_TOKEN="$API_TOKEN"
        ENV AUTH abc def
    """
    assert lint(text, "PDL700") == [
        ("PDL700", 3, 5, 3, 17, f"ARG GITHUB_TOKEN {SECRET}"),
        ("PDL700", 4, 5, 4, 12, f"ARG api_key {SECRET}"),
        ("PDL700", 5, 5, 5, 16, f"ENV DB_PASSWORD {SECRET}"),
        ("PDL700", 6, 5, 6, 18, f"ENV ADMINPASSWORD {SECRET}"),
        ("PDL700", 11, 47, 11, 56, f"ENV API_TOKEN {SECRET}"),
        ("PDL700", 12, 5, 12, 9, f"ENV AUTH {SECRET}"),
    ]


def test_secret_name_is_located_even_when_an_earlier_value_contains_it():
    assert lint("FROM alpine:3.20\nENV A=TOKEN TOKEN=abc\n", "PDL700") == [
        ("PDL700", 2, 13, 2, 18, f"ENV TOKEN {SECRET}"),
    ]


def test_env_using_its_own_earlier_pair():
    text = """
        FROM alpine:3.20
        ENV A=1 B=$A C=${A}x \\
            PATH=/opt/bin:$PATH D=$PATH
        ENV V=$V W=$V
        ENV X $X
        ENV E=1
        ENV E=2 F=$E
    """
    message = "is defined in this same ENV, which does not see its own values: it expands to the value {0} had " \
              "before; set {0} in an earlier ENV"
    assert lint(text, "PDL701") == [
        ("PDL701", 2, 11, 2, 13, "$A " + message.format("A")),
        ("PDL701", 2, 16, 2, 20, "$A " + message.format("A")),
        ("PDL701", 3, 27, 3, 32, "$PATH " + message.format("PATH")),
        ("PDL701", 7, 11, 7, 13, "$E " + message.format("E")),
    ]


def test_undefined_var_is_conservative_on_image_stages_and_strict_on_scratch():
    text = """
        ARG G=1
        FROM alpine:3.20 AS a
        WORKDIR $HOME
        COPY x $APP/
        COPY y ${LATE:-/srv}/
        ENV APP=/app LATE=/late
        ARG A=1 B=$A
        RUN echo $UNDEFINED_IN_SHELL
        FROM scratch AS s
        COPY --chown=$USR x ${DEST:-/}
        ENV PATH=/bin:$PATH DESTT=/x
        COPY y $DEST
        LABEL version=$BUILDKIT_SBOM_SCAN_STAGE
        FROM s
        COPY y $DESTT $APP $G
        RUN --mount=type=cache,target=$CACHE echo $NOPE
        ONBUILD COPY x $LATER
    """
    assert lint(text, "PDL702") == [
        ("PDL702", 4, 8, 4, 12, "$APP is used before this stage defines it (line 6): move the definition up"),
        ("PDL702", 10, 14, 10, 18, "$USR is not defined in this stage (built from scratch): it is empty here; "
                                   "define it with ARG USR or ENV USR=..."),
        ("PDL702", 12, 8, 12, 13, "$DEST is not defined in this stage (built from scratch): it is empty here; "
                                  "did you mean $DESTT?"),
        ("PDL702", 15, 15, 15, 19, "$APP is not defined in this stage (built from scratch): it is empty here; "
                                   "define it with ARG APP or ENV APP=..."),
        ("PDL702", 16, 31, 16, 37, "$CACHE is not defined in this stage (built from scratch): it is empty here; "
                                   "define it with ARG CACHE or ENV CACHE=..."),
    ]


def test_undefined_var_sees_args_and_envs_inherited_from_the_parent_stage():
    text = """
        FROM scratch AS base
        ARG VERSION=1
        ENV HOME=/root
        FROM base
        COPY x $HOME/$VERSION
        WORKDIR ${HOME}
    """
    assert lint(text, "PDL702") == []


def test_global_arg_used_in_a_stage_without_redeclaration():
    text = """
        ARG V=1 W
        ARG U=3
        FROM alpine:$V AS a
        RUN echo $V ${W:-x} && V=2 && echo $V
        COPY $V /x
        RUN --mount=type=cache,target=/c/$U \\
            for U in 1 2; do echo $U; done
        ARG V
        RUN echo $V
        CMD echo $W
        EXPOSE $U
        FROM a
        RUN echo $V $W
        ENV W=$W
        ARG U=$U
        RUN ["sh", "-c", "echo $U"]
    """
    message = "is a global ARG (declared before the first FROM) and is not visible in this stage: add `ARG {0}` " \
              "to the stage"
    assert lint(text, "PDL703") == [
        ("PDL703", 4, 13, 4, 20, "$W " + message.format("W")),
        ("PDL703", 5, 6, 5, 8, "$V " + message.format("V")),
        ("PDL703", 6, 34, 6, 36, "$U " + message.format("U")),
        ("PDL703", 11, 8, 11, 10, "$U " + message.format("U")),
        ("PDL703", 13, 13, 13, 15, "$W " + message.format("W")),
        ("PDL703", 14, 7, 14, 9, "$W " + message.format("W")),
    ]


def test_shell_assignments_in_run_are_not_the_global_arg():
    text = """
        ARG NAME=x
        FROM alpine:3.20
        RUN NAME=y; echo $NAME
        RUN export NAME=z && echo "$NAME"
        RUN read -r NAME < /etc/hostname; echo $NAME
        RUN echo '$NAME'
    """
    assert lint(text, "PDL703") == []


def test_scope_rules_on_a_long_chain_of_variables():
    # Each ENV reads the one before; only the first, V0, is never defined. The cost (linear) is
    # measured by benchmarks/bench_linear.py.
    text = "FROM scratch\n" + "".join(f"ENV V{i}=$V{i - 1}\nRUN echo $V{i}\n" for i in range(1, 1001))
    assert lint(text, "PDL700", "PDL701", "PDL702", "PDL703") == [
        ("PDL702", 2, 8, 2, 11, "$V0 is not defined in this stage (built from scratch): it is empty here; "
                                "define it with ARG V0 or ENV V0=..."),
    ]
