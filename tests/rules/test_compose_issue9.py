"""Issue #9 Compose rules: PDC609 data-without-volume, PDC106 depends-on-database-without-healthcheck."""

from pydocklint.compose.data_services import covers, repository_of
from pydocklint.compose.lint import lint_compose
from pydocklint.findings import Severity
from tests.compose.support import compose_rules, dedent, lint

MISSING = "{0} ({1}) keeps its data in {2} but mounts no volume there, so the data is lost when the container " \
          "is removed: mount a named volume at {2}"
CACHE = MISSING + ", or turn persistence off (--save \"\") if it is only a cache"
ANONYMOUS = "{0} is an anonymous volume: it survives restarts but not docker compose down, after which up gives " \
            "{1} a new, empty one: name it (e.g. {1}-data:{0}) and declare it under volumes:"


def severities(text: str, code: str) -> list[str]:
    report = lint_compose(dedent(text), "compose.yaml", compose_rules(code), load_file={}.get)
    return [finding.severity.label for finding in report.findings]


# ------------------------------------------------------------------ the image table


def test_repositories_are_read_after_registry_aliases_and_before_variables():
    assert repository_of("docker.io/library/postgres:16") == "postgres"
    assert repository_of("postgres@sha256:abc") == "postgres"
    assert repository_of("lscr.io/linuxserver/mariadb:11") == "linuxserver/mariadb"
    assert repository_of("localhost:5000/postgres") == "localhost:5000/postgres"
    assert repository_of("postgres:${PG_VERSION}") == "postgres"
    assert repository_of("${REGISTRY}/postgres:16") is None
    assert repository_of("bitnami/${NAME}") is None


def test_a_mount_covers_its_directory_and_those_below():
    assert covers("/var/lib/postgresql", "/var/lib/postgresql/data")
    assert covers("/var/lib/postgresql/", "/var/lib/postgresql/data")
    assert covers("/var/lib/postgresql", "/var/lib/postgresql/[0-9]*/docker")
    assert not covers("/var/lib/postgresql/data", "/var/lib/postgresql/[0-9]*/docker")
    assert not covers("/var/lib/postgresql/data/pgdata", "/var/lib/postgresql/data")
    assert not covers("/var/lib/mysql-files", "/var/lib/mysql")


# ------------------------------------------------------------------ PDC609


def test_databases_without_a_volume():
    text = """
        services:
          db:
            image: postgres:16.4
          mongo:
            image: docker.io/library/mongo:7.0
            volumes:
              - ./init:/docker-entrypoint-initdb.d:ro
          search:
            image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
            volumes:
              - /var/lib/elasticsearch/data
          legacy:
            image: bitnami/postgresql:16
    """
    assert lint(text, "PDC609") == [
        ("PDC609", 2, 3, 2, 5, MISSING.format("db", "PostgreSQL", "/var/lib/postgresql/data")),
        ("PDC609", 4, 3, 4, 8, MISSING.format("mongo", "MongoDB", "/data/db")),
        ("PDC609", 8, 3, 8, 9, MISSING.format("search", "Elasticsearch", "/usr/share/elasticsearch/data")),
        ("PDC609", 12, 3, 12, 9, MISSING.format("legacy", "PostgreSQL", "/bitnami/postgresql/data")),
    ]
    assert severities(text, "PDC609") == ["warning"] * 4


def test_named_volumes_bind_mounts_parents_and_tmpfs_keep_quiet():
    text = """
        services:
          a: {image: "postgres:16.4", volumes: ["pg:/var/lib/postgresql/data"]}
          b: {image: "mysql:8.4", volumes: ["./mysql:/var/lib/mysql"]}
          c: {image: "bitnami/redis:7.4", volumes: ["redis:/bitnami"]}
          d: {image: "mariadb:11.4", tmpfs: ["/var/lib/mysql:size=1g"]}
          e:
            image: mongo:7.0
            volumes:
              - type: bind
                source: ./data
                target: /data/db
          f: {image: "postgres:18.1", volumes: ["pg18:/var/lib/postgresql"]}
          g: {image: "rabbitmq:4.0", volumes: [{type: tmpfs, target: /var/lib/rabbitmq}]}
          h: {image: "memcached:1.6"}
          i: {image: "nginx:1.27"}
          j: {image: "mysql:8.4", volumes: ["${DATA_VOLUME}"]}
          k: {image: "mysql:8.4", volumes_from: [b]}
          l: {image: "postgres:16.4", build: ./db}
        volumes: {pg: {}, redis: {}, pg18: {}}
    """
    assert lint(text, "PDC609") == []


def test_anonymous_volume_at_the_data_directory_is_info():
    text = """
        services:
          db:
            image: mysql:8.4
            volumes:
              - /var/lib/mysql
          pg:
            image: postgres:16.4
            volumes:
              - type: volume
                target: /var/lib/postgresql/data
    """
    assert lint(text, "PDC609") == [
        ("PDC609", 5, 9, 5, 23, ANONYMOUS.format("/var/lib/mysql", "db")),
        ("PDC609", 10, 17, 10, 41, ANONYMOUS.format("/var/lib/postgresql/data", "pg")),
    ]
    assert severities(text, "PDC609") == ["info", "info"]


def test_a_volume_above_the_image_volume_does_not_hold_the_data():
    # postgres before 18 declares VOLUME /var/lib/postgresql/data: Docker mounts an anonymous volume there.
    text = """
        services:
          db:
            image: postgres:16.4
            volumes:
              - pg:/var/lib/postgresql
          new:
            image: postgres:18.1
            volumes:
              - pg:/var/lib/postgresql/data
          floating:
            image: postgres:alpine
            volumes:
              - pg:/var/lib/postgresql/data
        volumes: {pg: {}}
    """
    assert lint(text, "PDC609") == [
        ("PDC609", 5, 9, 5, 31, "the volume at /var/lib/postgresql does not hold db's data: the image declares "
                                "VOLUME /var/lib/postgresql/data, so Docker mounts an anonymous volume there, which "
                                "docker compose down leaves behind: mount the volume at /var/lib/postgresql/data"),
        ("PDC609", 6, 3, 6, 6, MISSING.format("new", "PostgreSQL", "/var/lib/postgresql")),
    ]


def test_data_directory_moved_by_the_environment_or_the_command():
    text = """
        services:
          moved:
            image: postgres:16.4
            environment: {PGDATA: /var/lib/postgresql/data/pgdata}
            volumes: ["pg:/var/lib/postgresql/data"]
          elsewhere:
            image: postgres:16.4
            environment: [PGDATA=/pgdata]
            volumes: ["pg:/var/lib/postgresql/data"]
          kept:
            image: postgres:16.4
            environment: [PGDATA=/pgdata]
            volumes: ["./pgdata:/pgdata"]
          from-file:
            image: postgres:16.4
            env_file: db.env
            volumes: ["./pgdata:/pgdata"]
          minio:
            image: minio/minio:RELEASE.2024-10-13T13-34-11Z
            command: server /export --console-address ":9001"
          minio-kept:
            image: quay.io/minio/minio:RELEASE.2024-10-13T13-34-11Z
            command: ["server", "/export"]
            volumes: ["./export:/export"]
        volumes: {pg: {}}
    """
    assert lint(text, "PDC609") == [
        ("PDC609", 6, 3, 6, 12, MISSING.format("elsewhere", "PostgreSQL", "/pgdata")),
        ("PDC609", 18, 3, 18, 8, MISSING.format("minio", "MinIO", "/export")),
    ]


def test_redis_is_info_unless_persistence_is_explicit():
    text = """
        services:
          cache:
            image: redis:7.4-alpine
          ephemeral:
            image: redis:7.4-alpine
            command: redis-server --save "" --appendonly no
          queue:
            image: valkey/valkey:8.0
            command: ["valkey-server", "--appendonly", "yes"]
    """
    assert lint(text, "PDC609") == [
        ("PDC609", 2, 3, 2, 8, CACHE.format("cache", "Redis", "/data")),
        ("PDC609", 7, 3, 7, 8, MISSING.format("queue", "Valkey", "/data")),
    ]
    assert severities(text, "PDC609") == ["info", "warning"]


def test_image_tag_from_an_unset_variable_accepts_either_postgres_layout():
    text = """
        services:
          old:
            image: postgres:${PG_VERSION}
            volumes: ["pg:/var/lib/postgresql/data"]
          new:
            image: postgres:${PG_VERSION}
            volumes: ["pg:/var/lib/postgresql"]
          none:
            image: postgres:${PG_VERSION}
          hidden:
            image: ${DB_IMAGE}
        volumes: {pg: {}}
    """
    assert lint(text, "PDC609") == [
        ("PDC609", 8, 3, 8, 7, MISSING.format("none", "PostgreSQL", "/var/lib/postgresql")),
    ]


def test_override_file_adds_the_volume():
    files = {"compose.override.yaml": "services:\n  db:\n    volumes: [\"pg:/var/lib/postgresql/data\"]\n"
                                      "volumes: {pg: {}}\n"}
    assert lint("services:\n  db: {image: \"postgres:16.4\"}\n", "PDC609", files=files) == []


# ------------------------------------------------------------------ PDC106


def test_dependency_on_a_database_without_healthcheck():
    text = """
        services:
          web:
            image: nginx:1.27
            depends_on:
              - db
              - cache
              - api
          worker:
            image: ghcr.io/example/worker:1.0
            depends_on:
              queue: {restart: true}
          db:
            image: postgres:16.4
          cache:
            image: redis:7.4
          api:
            image: ghcr.io/example/api:1.0
          queue:
            image: rabbitmq:4.0
            healthcheck: {disable: true}
    """
    message = "{0} starts as soon as {1} ({2}) has started, not when it accepts connections: give {1} a " \
              "healthcheck (e.g. test: {3}) and use condition: service_healthy"
    assert lint(text, "PDC106") == [
        ("PDC106", 5, 9, 5, 11, message.format("web", "db", "PostgreSQL", "pg_isready -U postgres")),
        ("PDC106", 6, 9, 6, 14, message.format("web", "cache", "Redis", "redis-cli ping")),
        ("PDC106", 11, 7, 11, 12, message.format("worker", "queue", "RabbitMQ", "rabbitmq-diagnostics -q ping")),
    ]
    assert severities(text, "PDC106") == ["info"] * 3


def test_no_double_report_with_pdc101_and_pdc102_and_written_conditions():
    text = """
        services:
          web:
            image: nginx:1.27
            depends_on:
              checked: {condition: service_healthy}
              started: {condition: service_started}
              reported: {condition: service_healthy}
              healthy:
          checked:
            image: postgres:16.4
            healthcheck: {test: pg_isready}
          started:
            image: mysql:8.4
          reported:
            image: mariadb:11.4
          healthy:
            image: mongo:7.0
            healthcheck: {test: ["CMD", "mongosh", "--eval", "1"]}
    """
    assert lint(text, "PDC106") == []
    # `healthy` is PDC102's; PDC101 does not judge pulled images (`reported`)
    assert [row[0] for row in lint(text, "PDC101", "PDC102", "PDC106")] == ["PDC102"]


def test_built_database_follows_the_dockerfile():
    text = """
        services:
          web:
            image: nginx:1.27
            depends_on: [db, checked, app]
          db:
            build: ./db
          checked:
            build: ./checked
          app:
            build: ./app
    """
    files = {"db/Dockerfile": "ARG PG=16\nFROM postgres:${PG} AS base\nFROM base\nCOPY init.sql /initdb/\n",
             "checked/Dockerfile": "FROM postgres:16.4\nHEALTHCHECK CMD pg_isready\n",
             "app/Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n"}
    assert lint(text, "PDC106", files=files) == [
        ("PDC106", 4, 18, 4, 20, "web starts as soon as db (PostgreSQL) has started, not when it accepts "
                                 "connections: give db a healthcheck (e.g. test: pg_isready -U postgres) and use "
                                 "condition: service_healthy"),
    ]
