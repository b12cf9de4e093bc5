"""Security and hygiene rules: exact findings, positive and negative, and dclint's known false positives."""

from pydocklint.compose.lint import lint_compose
from pydocklint.rule import all_rules
from tests.compose.support import dedent, lint


def rows(text, *codes, **kwargs):
    return [(row[0], row[1], row[2], row[5]) for row in lint(text, *codes, **kwargs)]


def test_privileged_host_namespaces_and_user_root():
    text = """
        services:
          a: {image: x:1, privileged: true, user: root, network_mode: host, pid: host}
          b: {image: x:1, privileged: false, user: "0:0", ipc: host, network_mode: bridge}
          c: {image: x:1, privileged: "${PRIV}", user: "1000:1000", uts: host, userns_mode: host}
          d: {image: x:1, user: rootless}
    """
    assert [(code, line) for code, line, *_ in rows(text, "PDC501", "PDC503", "PDC508")] == [
        ("PDC501", 2), ("PDC508", 2), ("PDC503", 2), ("PDC503", 2),
        ("PDC508", 3), ("PDC503", 3),
        ("PDC503", 4), ("PDC503", 4),
    ]


def test_docker_socket_and_sensitive_host_paths():
    text = """
        services:
          a:
            image: x:1
            volumes:
              - /var/run/docker.sock:/var/run/docker.sock:ro
              - type: bind
                source: /run/docker.sock
                target: /sock
              - /:/host:ro
              - /etc/:/host-etc
              - /etc/localtime:/etc/localtime:ro
              - ./etc:/etc
              - etc:/data
              - "${HOST_DIR}:/data"
        volumes: {etc: {}}
    """
    assert rows(text, "PDC502", "PDC507") == [
        ("PDC502", 5, 9, "a mounts the Docker socket /var/run/docker.sock, which gives it control of the host: "
                         "use a socket proxy limited to the API calls it needs"),
        ("PDC502", 7, 17, "a mounts the Docker socket /run/docker.sock, which gives it control of the host: "
                          "use a socket proxy limited to the API calls it needs"),
        ("PDC507", 9, 9, "a mounts the host's / (read-only): mount only the files it needs, read-only"),
        ("PDC507", 10, 9, "a mounts the host's /etc (read-write): mount only the files it needs, read-only"),
    ]


def test_a_socket_proxy_may_mount_the_socket():
    text = """
        services:
          proxy:
            image: ghcr.io/tecnativa/docker-socket-proxy:0.3.0
            volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]
    """
    assert lint(text, "PDC502") == []


def test_capabilities_and_security_options():
    text = """
        services:
          a:
            image: x:1
            cap_add: [CAP_SYS_ADMIN, net_admin, CHOWN, ALL]
            security_opt: ["seccomp=unconfined", "apparmor:unconfined", "no-new-privileges:true",
                           "no-new-privileges=false", "label:disable", "label:type:svirt_apache_t"]
    """
    assert [(code, line, column) for code, line, column, _ in rows(text, "PDC504", "PDC505")] == [
        ("PDC504", 4, 15), ("PDC504", 4, 30), ("PDC504", 4, 48),
        ("PDC505", 5, 20), ("PDC505", 5, 42), ("PDC505", 6, 20), ("PDC505", 6, 47),
    ]


def test_secrets_in_environment():
    text = """
        services:
          a:
            image: x:1
            environment:
              DB_PASSWORD: hunter2
              API_TOKEN: "${API_TOKEN}"
              ADMIN_PASSWORD_FILE: /run/secrets/admin
              SECRET_KEY: "s3cr3t-value"
              PASSWORD_MIN_LENGTH: 8
              DISABLE_TOKEN: "true"
              TLS_KEY: certs/server.key
              MONKEY: banana
              SIGNING_KEY: ""
          b:
            image: x:1
            environment:
              - GITHUB_TOKEN=ghp_abc123
              - REDIS_PASSWORD
              - MYSQL_ROOT_PASSWORD=$${NOT_INTERPOLATED}
    """
    assert [(line, column) for _, line, column, _ in rows(text, "PDC506")] == [(5, 20), (8, 19), (17, 9)]


def test_obsolete_version_with_its_fix():
    report = lint_compose(dedent("""
        version: "3.8"
        services:
          web: {image: x:1}
    """), "compose.yaml", [r for r in all_rules() if r.code == "PDC601"], load_file={}.get)
    (finding,) = report.findings
    assert (finding.line, finding.column, finding.message) == (
        1, 1, "version '3.8' is obsolete: Compose ignores it and warns; delete it")
    assert [(e.line, e.column, e.end_line, e.end_column, e.replacement) for e in finding.fix.edits] == \
        [(1, 1, 2, 1, "")]


def test_duplicate_container_names_compare_templates_as_written():
    text = """
        services:
          a: {image: x:1, container_name: app}
          b: {image: x:1, container_name: app}
          c: {image: x:1, container_name: "${NAME}"}
          d: {image: x:1, container_name: "${NAME}"}
          e: {image: x:1, container_name: "${OTHER}"}
    """
    assert rows(text, "PDC602") == [
        ("PDC602", 3, 35, "b uses container_name app, like a (line 2): container names must be unique"),
        ("PDC602", 5, 35, "d uses container_name ${NAME}, like c (line 4): container names must be unique"),
    ]


def test_container_name_with_a_variable_is_not_a_bad_name():
    # dclint reports `container_name: ${NAME}` as an invalid name; Compose interpolates first.
    assert lint("services:\n  a: {image: x:1, container_name: '${NAME}'}\n", "PDC002", "PDC602") == []


def test_duplicate_host_ports():
    text = """
        services:
          a:
            image: x:1
            ports: ["80", "8080:80", "127.0.0.1:9000:9000", "5000-5002:5000-5002", "53:53/udp", "${PORT}:1"]
          b:
            image: x:1
            ports:
              - "80"
              - "8080:8080/udp"
              - "10.0.0.1:9000:9000"
              - "5002:6000"
              - "53:53"
              - "${PORT}:2"
          c:
            image: x:1
            ports:
              - target: 80
                published: "8080"
              - "0.0.0.0:9000:9000"
          d:
            image: x:1
            profiles: [one]
            ports: ["7000:7000"]
          e:
            image: x:1
            profiles: [two]
            ports: ["7000:7000"]
    """
    assert rows(text, "PDC603") == [
        ("PDC603", 11, 9, "b publishes host port 5002 like a (line 4): only one can bind it"),
        ("PDC603", 17, 9, "c publishes host port 8080 like a (line 4): only one can bind it"),
        ("PDC603", 19, 9, "c publishes host port 9000 like a (line 4): only one can bind it"),
    ]


def test_container_only_port_is_not_a_published_host_port():
    # dclint reports two services each with "80" as a host-port conflict; Docker picks random host ports.
    assert lint("services:\n  a: {image: x:1, ports: ['80']}\n  b: {image: x:1, ports: ['80']}\n", "PDC603") == []


def test_ports_on_all_interfaces():
    text = """
        services:
          a:
            image: x:1
            ports: ["80", "127.0.0.1:81:81", "[::1]:82:82", "83:83", "${P}:84", {target: 85, published: 85},
                    {target: 86, host_ip: 127.0.0.1}]
          b: {image: x:1, network_mode: host, ports: ["90:90"]}
    """
    assert [(line, column, message) for _, line, column, message in rows(text, "PDC604")] == [
        (4, 13, "a publishes container port 80 on a random host port on every interface: bind it to 127.0.0.1 "
                "(\"127.0.0.1::80\") or use expose"),
        (4, 53, "a publishes port 83 on every host interface: prefix 127.0.0.1: unless it must be reachable "
                "from other hosts"),
        (4, 73, "a publishes port 85 on every host interface: prefix 127.0.0.1: unless it must be reachable "
                "from other hosts"),
    ]


def test_unquoted_ports_that_yaml_1_1_reads_as_numbers():
    text = """
        services:
          a:
            image: x:1
            ports:
              - 2222:22
              - 8080:80
              - "22:22"
              - 80
              - 1:59
    """
    findings = lint_compose(dedent(text), "compose.yaml", [r for r in all_rules() if r.code == "PDC605"],
                            load_file={}.get).findings
    assert [(f.line, f.column, f.end_column, f.fix.edits[0].replacement) for f in findings] == [
        (5, 9, 16, '"2222:22"'), (9, 9, 13, '"1:59"')]


def test_restart_and_memory_limits():
    text = """
        services:
          a: {image: x:1}
          b: {image: x:1, restart: "no", mem_limit: 1g}
          c: {image: x:1, deploy: {restart_policy: {condition: on-failure}, resources: {limits: {memory: 1g}}}}
          migrate: {image: x:1, mem_limit: 1g}
          app: {image: x:1, restart: always, mem_limit: 1g, depends_on: {migrate: {condition:
                 service_completed_successfully}}}
    """
    assert [(code, line) for code, line, *_ in rows(text, "PDC606", "PDC607")] == [
        ("PDC606", 2), ("PDC607", 2)]
