"""Runtime configuration rules: USER, CMD/ENTRYPOINT, HEALTHCHECK and EXPOSE (PDL400-PDL412)."""

import time

from tests.support import lint

# --- PDL400 final-stage-root-user -------------------------------------------------------------------------------


def test_root_user_in_the_final_stage_is_reported_at_the_user_word():
    assert lint("FROM alpine:3.20\nUSER root\n", "PDL400") == [
        ("PDL400", 2, 6, 2, 10, "The final image runs as root (USER root): switch to an unprivileged user, "
                                "e.g. USER 10001, after the steps that need root"),
    ]


def test_uid_zero_and_root_with_a_group_are_root():
    for user in ("0", "0:0", "root:root", "root:wheel", "000"):
        assert [c[:2] for c in lint(f"FROM alpine:3.20\nUSER {user}\n", "PDL400")] == [("PDL400", 2)], user


def test_root_only_matters_in_the_final_stage():
    text = """
        FROM alpine:3.20 AS build
        USER root
        RUN make
        FROM alpine:3.20
        USER 10001
    """
    assert lint(text, "PDL400") == []


def test_a_later_user_overrides_root():
    assert lint("FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER 10001\n", "PDL400") == []


def test_root_is_inherited_through_from_stage():
    text = """
        FROM alpine:3.20 AS base
        USER root
        FROM base
        RUN echo hi
    """
    assert lint(text, "PDL400") == [
        ("PDL400", 2, 6, 2, 10, "The final image runs as root (USER root): switch to an unprivileged user, "
                                "e.g. USER 10001, after the steps that need root"),
    ]


def test_variables_resolve_through_arg_and_env_and_unknown_ones_stay_quiet():
    text = """
        FROM alpine:3.20
        ARG RUN_AS=root
        USER ${RUN_AS}
    """
    assert lint(text, "PDL400") == [
        ("PDL400", 3, 6, 3, 15, "The final image runs as root (USER ${RUN_AS} (= root)): switch to an unprivileged "
                                "user, e.g. USER 10001, after the steps that need root"),
    ]
    assert lint("FROM alpine:3.20\nARG RUN_AS\nUSER $RUN_AS\n", "PDL400") == []


def test_onbuild_user_is_not_the_images_user():
    assert lint("FROM alpine:3.20\nONBUILD USER root\n", "PDL400") == []


# --- PDL401 final-stage-user-unset ------------------------------------------------------------------------------


def test_application_image_without_user_is_reported_at_the_final_image():
    text = """
        FROM golang:1.23 AS build
        USER 10001
        FROM debian:bookworm-slim
        CMD ["app"]
    """
    assert lint(text, "PDL401") == [
        ("PDL401", 3, 6, 3, 26, "The final stage sets no USER, so it runs as the base image's user "
                                "(debian:bookworm-slim; root for most images): add USER <uid> with an "
                                "unprivileged numeric id"),
    ]


def test_user_unset_is_quiet_for_base_and_tooling_images():
    assert lint("FROM debian:bookworm-slim\nRUN apt-get update\n", "PDL401") == []
    assert lint('FROM python:3.12-slim\nCMD ["python3"]\n', "PDL401") == []
    assert lint("FROM debian:bookworm-slim\nCMD /bin/bash\n", "PDL401") == []


def test_user_inherited_from_an_earlier_stage_counts():
    text = """
        FROM debian:bookworm-slim AS base
        USER 10001
        FROM base
        CMD ["app"]
    """
    assert lint(text, "PDL401") == []


def test_user_unset_is_quiet_for_nonroot_windows_and_unknown_images():
    for image in ("gcr.io/distroless/static:nonroot", "mcr.microsoft.com/windows/nanoserver:ltsc2022",
                  "$BASE"):
        assert lint(f"ARG BASE\nFROM {image}\nCMD [\"app\"]\n", "PDL401") == [], image
    assert lint("FROM --platform=windows/amd64 example/app:1\nCMD [\"app\"]\n", "PDL401") == []


def test_user_unset_names_the_chain_root_image():
    text = """
        FROM python:3.12-slim AS base
        FROM base
        ENTRYPOINT ["python", "app.py"]
    """
    assert lint(text, "PDL401") == [
        ("PDL401", 2, 6, 2, 10, "The final stage sets no USER, so it runs as the base image's user "
                                "(python:3.12-slim; root for most images): add USER <uid> with an "
                                "unprivileged numeric id"),
    ]


# --- PDL402 user-not-numeric ------------------------------------------------------------------------------------


def test_named_user_in_the_final_stage_is_reported():
    assert lint("FROM alpine:3.20\nUSER app:app\n", "PDL402") == [
        ("PDL402", 2, 6, 2, 13, "USER app:app is a name: use the numeric uid (e.g. USER 10001) so the host and "
                                "Kubernetes' runAsNonRoot can tell it is not root"),
    ]


def test_numeric_user_with_a_named_group_is_fine_and_root_is_left_to_pdl400():
    assert lint("FROM alpine:3.20\nUSER 10001:app\n", "PDL402") == []
    assert lint("FROM alpine:3.20\nUSER root\n", "PDL402") == []


def test_only_the_effective_user_of_the_final_stage_counts():
    text = """
        FROM alpine:3.20 AS build
        USER builder
        FROM alpine:3.20
        USER app
        RUN id
        USER 10001
    """
    assert lint(text, "PDL402") == []


def test_named_user_through_variables_and_inheritance():
    text = """
        FROM alpine:3.20 AS base
        ENV APP_USER=svc
        USER ${APP_USER}
        FROM base
        CMD ["app"]
    """
    assert lint(text, "PDL402") == [
        ("PDL402", 3, 6, 3, 17, "USER ${APP_USER} (= svc) is a name: use the numeric uid (e.g. USER 10001) so the "
                                "host and Kubernetes' runAsNonRoot can tell it is not root"),
    ]
    assert lint("FROM alpine:3.20\nUSER $FROM_BASE_IMAGE\n", "PDL402") == []


def test_windows_users_have_no_uid():
    assert lint("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n", "PDL402") == []


# --- PDL403 json-args-recommended -------------------------------------------------------------------------------


def test_shell_form_cmd_is_reported_with_the_exec_form_to_write():
    assert lint("FROM alpine:3.20\nCMD   nginx -g x \\\n  --port=80\n", "PDL403") == [
        ("PDL403", 2, 7, 3, 12, "CMD in shell form runs through /bin/sh -c, so signals such as docker stop's "
                                "SIGTERM may not reach the application: write CMD [\"nginx\", \"-g\", \"x\", "
                                "\"--port=80\"]"),
    ]


def test_shell_form_needing_a_shell_gets_no_rewrite_and_exec_is_dropped():
    assert [c[5] for c in lint("FROM alpine:3.20\nENTRYPOINT app $ARGS\n", "PDL403")] == [
        "ENTRYPOINT in shell form runs through /bin/sh -c, so signals such as docker stop's SIGTERM may not reach "
        "the application: write it in exec form, ENTRYPOINT [\"…\"]",
    ]
    assert lint("FROM alpine:3.20\nentrypoint exec app\n", "PDL403")[0][5].endswith('write ENTRYPOINT ["app"]')


def test_broken_json_is_reported_as_shell_form():
    text = 'FROM alpine:3.20\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["webserver"] # default\n'
    assert lint(text, "PDL403") == [
        ("PDL403", 3, 5, 3, 28, "CMD looks like exec form but is not valid JSON (check the quotes, commas and "
                                "anything after the ]), so Docker runs it as a shell command"),
    ]


def test_a_shell_in_the_stage_or_an_ancestor_silences_it():
    text = """
        FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
        SHELL ["powershell", "-Command"]
        CMD Write-Host hi
        FROM base
        CMD Write-Host there
        FROM alpine:3.20
        CMD echo before
        SHELL ["/bin/ash", "-c"]
    """
    assert [c[:2] for c in lint(text, "PDL403")] == [("PDL403", 7)]


def test_exec_form_and_onbuild_are_fine():
    assert lint('FROM alpine:3.20\nCMD ["app"]\nONBUILD CMD app\n', "PDL403") == []


# --- PDL404 multiple-instructions-disallowed --------------------------------------------------------------------


def test_every_overridden_instruction_is_reported():
    text = """
        FROM alpine:3.20
        CMD ["a"]
        ENTRYPOINT ["x"]
        CMD ["b"]
        HEALTHCHECK NONE
        CMD ["c"]
        HEALTHCHECK CMD ["true"]
    """
    assert lint(text, "PDL404") == [
        ("PDL404", 2, 1, 2, 10, "This CMD has no effect: the CMD on line 6 overrides it (only the last one in a "
                                "stage counts); remove one of them"),
        ("PDL404", 4, 1, 4, 10, "This CMD has no effect: the CMD on line 6 overrides it (only the last one in a "
                                "stage counts); remove one of them"),
        ("PDL404", 5, 1, 5, 17, "This HEALTHCHECK has no effect: the HEALTHCHECK on line 7 overrides it (only "
                                "the last one in a stage counts); remove one of them"),
    ]


def test_stages_are_counted_separately_and_onbuild_and_healthcheck_cmd_do_not_count():
    text = """
        FROM alpine:3.20 AS base
        CMD ["a"]
        FROM base
        CMD ["b"]
        HEALTHCHECK CMD ["true"]
        ONBUILD CMD ["c"]
    """
    assert lint(text, "PDL404") == []


# --- PDL405 missing-healthcheck ---------------------------------------------------------------------------------

SERVICE_MESSAGE = ("The final image looks like a long-running service, as {}, but has no HEALTHCHECK: add one so "
                   "Docker can tell when it stops answering")


def test_exposed_port_without_healthcheck_is_reported_at_the_final_from():
    assert lint("FROM nginx:1.27\nEXPOSE 80\n", "PDL405") == [
        ("PDL405", 1, 6, 1, 16, SERVICE_MESSAGE.format("it exposes a port (EXPOSE on line 2)")),
    ]


def test_server_commands_count_as_services():
    for command in ('["gunicorn", "app:app"]', "python manage.py runserver 0.0.0.0:8000",
                    '["node", "server.js"]', '["/usr/sbin/nginx", "-g", "daemon off;"]'):
        found = lint(f"FROM python:3.12-slim\nCMD {command}\n", "PDL405")
        assert [c[5] for c in found] == [SERVICE_MESSAGE.format("it runs a server (CMD on line 2)")], command


def test_jobs_tools_and_build_stages_are_not_services():
    assert lint('FROM python:3.12-slim\nCMD ["python", "migrate.py"]\n', "PDL405") == []
    assert lint("FROM python:3.12-slim\nEXPOSE 8000\nCMD [\"bash\"]\n", "PDL405") == []
    assert lint("FROM nginx:1.27 AS web\nEXPOSE 80\nFROM alpine:3.20\nRUN true\n", "PDL405") == []


def test_the_server_evidence_names_the_instruction_that_runs_it():
    text = 'FROM php:8.3-fpm\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["php-fpm"]\n'
    assert [c[5] for c in lint(text, "PDL405")] == [SERVICE_MESSAGE.format("it runs a server (CMD on line 3)")]


def test_any_healthcheck_in_the_chain_including_none_counts():
    text = """
        FROM nginx:1.27 AS base
        HEALTHCHECK NONE
        FROM base
        EXPOSE 80
    """
    assert lint(text, "PDL405") == []


def test_exposes_are_inherited_from_earlier_stages():
    text = "FROM nginx:1.27 AS base\nEXPOSE 80\nFROM base\nRUN true\n"
    assert [c[:2] for c in lint(text, "PDL405")] == [("PDL405", 3)]


# --- PDL406 healthcheck-none / PDL407 healthcheck-shell-form ----------------------------------------------------


def test_healthcheck_none_in_the_final_image_is_noted():
    assert lint("FROM nginx:1.27\nHEALTHCHECK NONE\n", "PDL406") == [
        ("PDL406", 2, 13, 2, 17, "HEALTHCHECK NONE disables any health check the base image defines: make sure "
                                 "the orchestrator checks the service instead"),
    ]
    assert lint("FROM nginx:1.27 AS a\nHEALTHCHECK NONE\nFROM nginx:1.27\n", "PDL406") == []
    assert lint("FROM nginx:1.27\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"true\"]\n", "PDL406") == []


def test_healthcheck_shell_form_without_shell_syntax_gets_the_exec_form():
    text = "FROM nginx:1.27\nHEALTHCHECK --interval=3s CMD curl -f http://x/\n"
    assert lint(text, "PDL407") == [
        ("PDL407", 2, 27, 2, 48, "HEALTHCHECK CMD in shell form starts /bin/sh for a command that needs none: "
                                 "write HEALTHCHECK CMD [\"curl\", \"-f\", \"http://x/\"]"),
    ]


def test_healthcheck_that_needs_a_shell_or_is_exec_form_is_fine():
    text = """
        FROM nginx:1.27
        HEALTHCHECK CMD curl -f http://localhost/ || exit 1
        HEALTHCHECK CMD wget -q $URL
        HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
        HEALTHCHECK NONE
    """
    assert lint(text, "PDL407") == []


# --- PDL410-PDL412 EXPOSE -----------------------------------------------------------------------------------------


def test_expose_entries_are_checked_one_by_one():
    text = "FROM alpine:3.20\nARG P=8080\nEXPOSE 80/TCP 70000 8080:80 1-2 $P/udp 5-3 http 80/foo $Q\n"
    assert lint(text, "PDL410", "PDL411", "PDL412") == [
        ("PDL411", 3, 8, 3, 14, "Protocol in EXPOSE 80/TCP should be lower-case: write 80/tcp"),
        ("PDL410", 3, 15, 3, 20, "EXPOSE 70000: ports range from 0 to 65535"),
        ("PDL412", 3, 21, 3, 28, "EXPOSE 8080:80 names a host address or port, which Docker ignores: expose 80 "
                                 "and publish it with docker run -p or Compose"),
        ("PDL410", 3, 40, 3, 43, "EXPOSE 5-3: the range ends before it starts"),
        ("PDL410", 3, 44, 3, 48, "EXPOSE http: not a port number (write a number from 0 to 65535, or a range "
                                 "such as 8000-8010)"),
        ("PDL410", 3, 49, 3, 55, "EXPOSE 80/foo: unknown protocol 'foo' (use tcp, udp or sctp)"),
    ]


def test_expose_host_port_that_looks_like_a_range_gets_the_range_syntax():
    assert lint("FROM alpine:3.20\nEXPOSE 40000:40100\n", "PDL412") == [
        ("PDL412", 2, 8, 2, 19, "EXPOSE 40000:40100 names a host address or port, which Docker ignores: expose "
                                "40100 and publish it with docker run -p or Compose (for a range of ports write "
                                "40000-40100)"),
    ]


def test_expose_variables_are_substituted_and_shown():
    text = "FROM alpine:3.20\nENV PORT=99999\nEXPOSE ${PORT}\nEXPOSE 127.0.0.1:80:80\nEXPOSE 65535 0 1-65535/sctp\n"
    assert lint(text, "PDL410", "PDL411", "PDL412") == [
        ("PDL410", 3, 8, 3, 15, "EXPOSE ${PORT} (= 99999): ports range from 0 to 65535"),
        ("PDL412", 4, 8, 4, 23, "EXPOSE 127.0.0.1:80:80 names a host address or port, which Docker ignores: "
                                "expose 80 and publish it with docker run -p or Compose"),
    ]


# --- cost ----------------------------------------------------------------------------------------------------------


def test_runtime_rules_are_linear():
    text = "FROM alpine:3.20\n" + "".join(f"ENV V{i}=x{i}\nRUN echo {i}\n" for i in range(1000)) + \
        "USER app\nEXPOSE $V1\nCMD app\n"
    start = time.process_time()
    lint(text, "PDL40", "PDL41")
    assert time.process_time() - start < 1.0


def test_user_unset_is_quiet_when_the_entrypoint_drops_privileges():
    text = """
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends gosu
        ENTRYPOINT ["docker-entrypoint.sh"]
    """
    assert lint(text, "PDL401") == []
    assert lint('FROM alpine:3.20\nCMD ["su-exec", "app", "server"]\n', "PDL401") == []
