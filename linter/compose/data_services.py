"""Databases and brokers recognised by their image: where they keep their data, how to probe them.

One table answers, for the Compose rules, "is this service a database?" and
"which container directory holds its data?". Images are matched on their
repository after interpolation, with Docker Hub's spellings (``docker.io/``,
``library/``) and common mirrors folded together; a tag or digest never matters.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass
from fnmatch import fnmatchcase

from pydocklint.compose.model import Mount, build_of, dockerfile_model, environment, target_stage
from pydocklint.compose.nodes import Node, Scalar, Sequence
from pydocklint.compose.project import Project, Service


@dataclass(frozen=True)
class DataImage:
    product: str  # as messages name it: "PostgreSQL"
    data_dirs: tuple[str, ...]  # where it keeps its data (alternatives); components are fnmatch patterns
    volumes: tuple[str, ...] = ()  # the image's VOLUME paths that hold its data (only those verified)
    data_dir_env: str | None = None  # an environment variable that moves the data directory
    data_dir_command: str | None = None  # a subcommand whose path arguments name the data directories
    cache: bool = False  # often run as a disposable cache (Redis and its forks)
    probe: str | None = None  # a readiness command for a healthcheck `test:`
    older: tuple[int, DataImage] | None = None  # (major version, the layout of releases before it)


# PostgreSQL 18 moved the data (and the VOLUME) from /var/lib/postgresql/data to
# /var/lib/postgresql/<major>/docker (VOLUME /var/lib/postgresql).
_POSTGRES_17 = DataImage("PostgreSQL", ("/var/lib/postgresql/data",), ("/var/lib/postgresql/data",), "PGDATA",
                         probe="pg_isready -U postgres")
_POSTGRES = DataImage("PostgreSQL", ("/var/lib/postgresql/[0-9]*/docker",), ("/var/lib/postgresql",), "PGDATA",
                      probe="pg_isready -U postgres", older=(18, _POSTGRES_17))
_MYSQL = DataImage("MySQL", ("/var/lib/mysql",), ("/var/lib/mysql",), probe="mysqladmin ping -h localhost")
_MARIADB = DataImage("MariaDB", ("/var/lib/mysql",), ("/var/lib/mysql",),
                     probe="healthcheck.sh --connect --innodb_initialized")
_MONGO = DataImage("MongoDB", ("/data/db",), ("/data/db",), probe="mongosh --quiet --eval 'db.runCommand(\"ping\").ok'")
_REDIS = DataImage("Redis", ("/data",), ("/data",), cache=True, probe="redis-cli ping")
_VALKEY = DataImage("Valkey", ("/data",), cache=True, probe="valkey-cli ping")
_RABBITMQ = DataImage("RabbitMQ", ("/var/lib/rabbitmq",), ("/var/lib/rabbitmq",), probe="rabbitmq-diagnostics -q ping")
_ELASTICSEARCH = DataImage("Elasticsearch", ("/usr/share/elasticsearch/data",),
                           probe="curl -fs http://localhost:9200/_cluster/health")
_OPENSEARCH = DataImage("OpenSearch", ("/usr/share/opensearch/data",))
_KAFKA = DataImage("Kafka", ("/var/lib/kafka/data",), data_dir_env="KAFKA_LOG_DIRS")
_MINIO = DataImage("MinIO", ("/data",), data_dir_command="server")


def _bitnami(product: str, data_dir: str, *, cache: bool = False) -> DataImage:
    """Bitnami images keep their data under /bitnami (their docs mount /bitnami/<name>, a parent)."""
    return DataImage(product, (f"/bitnami/{data_dir}",), cache=cache)


DATA_IMAGES: dict[str, DataImage] = {
    "postgres": _POSTGRES,
    "postgis/postgis": _POSTGRES,
    "timescale/timescaledb": _POSTGRES,
    "pgvector/pgvector": _POSTGRES,
    "ankane/pgvector": _POSTGRES,
    "supabase/postgres": DataImage("PostgreSQL", ("/var/lib/postgresql/data",), probe="pg_isready -U postgres"),
    "bitnami/postgresql": _bitnami("PostgreSQL", "postgresql/data"),
    "mysql": _MYSQL,
    "mysql/mysql-server": _MYSQL,
    "percona": _MYSQL,
    "percona/percona-server": _MYSQL,
    "bitnami/mysql": _bitnami("MySQL", "mysql/data"),
    "mariadb": _MARIADB,
    "bitnami/mariadb": _bitnami("MariaDB", "mariadb/data"),
    "linuxserver/mariadb": DataImage("MariaDB", ("/config",)),
    "mongo": _MONGO,
    "mongodb/mongodb-community-server": _MONGO,
    "percona/percona-server-mongodb": _MONGO,
    "bitnami/mongodb": _bitnami("MongoDB", "mongodb/data/db"),
    "redis": _REDIS,
    "redis/redis-stack": DataImage("Redis", ("/data",), cache=True, probe="redis-cli ping"),
    "redis/redis-stack-server": DataImage("Redis", ("/data",), cache=True, probe="redis-cli ping"),
    "redislabs/redismod": _REDIS,
    "eqalpha/keydb": DataImage("KeyDB", ("/data",), cache=True),
    "bitnami/redis": _bitnami("Redis", "redis/data", cache=True),
    "valkey/valkey": _VALKEY,
    "bitnami/valkey": _bitnami("Valkey", "valkey/data", cache=True),
    "rabbitmq": _RABBITMQ,
    "bitnami/rabbitmq": _bitnami("RabbitMQ", "rabbitmq/mnesia"),
    "elasticsearch": _ELASTICSEARCH,
    "docker.elastic.co/elasticsearch/elasticsearch": _ELASTICSEARCH,
    "bitnami/elasticsearch": _bitnami("Elasticsearch", "elasticsearch/data"),
    "opensearchproject/opensearch": _OPENSEARCH,
    "cassandra": DataImage("Cassandra", ("/var/lib/cassandra",), ("/var/lib/cassandra",)),
    "neo4j": DataImage("Neo4j", ("/data",)),
    "influxdb": DataImage("InfluxDB", ("/var/lib/influxdb", "/var/lib/influxdb2")),
    "couchdb": DataImage("CouchDB", ("/opt/couchdb/data",), ("/opt/couchdb/data",)),
    "couchbase": DataImage("Couchbase", ("/opt/couchbase/var",)),
    "clickhouse/clickhouse-server": DataImage("ClickHouse", ("/var/lib/clickhouse",)),
    "yandex/clickhouse-server": DataImage("ClickHouse", ("/var/lib/clickhouse",)),
    "cockroachdb/cockroach": DataImage("CockroachDB", ("/cockroach/cockroach-data",)),
    "arangodb": DataImage("ArangoDB", ("/var/lib/arangodb3",)),
    "rethinkdb": DataImage("RethinkDB", ("/data",)),
    "mcr.microsoft.com/mssql/server": DataImage("SQL Server", ("/var/opt/mssql",)),
    "mcr.microsoft.com/azure-sql-edge": DataImage("Azure SQL Edge", ("/var/opt/mssql",)),
    "gvenzl/oracle-xe": DataImage("Oracle Database", ("/opt/oracle/oradata",)),
    "gvenzl/oracle-free": DataImage("Oracle Database", ("/opt/oracle/oradata",)),
    "qdrant/qdrant": DataImage("Qdrant", ("/qdrant/storage",)),
    "getmeili/meilisearch": DataImage("Meilisearch", ("/meili_data",)),
    "solr": DataImage("Solr", ("/var/solr",)),
    "questdb/questdb": DataImage("QuestDB", ("/var/lib/questdb",)),
    "zookeeper": DataImage("ZooKeeper", ("/data", "/datalog")),
    "confluentinc/cp-zookeeper": DataImage("ZooKeeper", ("/var/lib/zookeeper/data",)),
    "confluentinc/cp-kafka": _KAFKA,
    "bitnami/kafka": _bitnami("Kafka", "kafka/data"),
    "bitnami/zookeeper": _bitnami("ZooKeeper", "zookeeper/data"),
    "redpandadata/redpanda": DataImage("Redpanda", ("/var/lib/redpanda/data",)),
    "docker.redpanda.com/redpandadata/redpanda": DataImage("Redpanda", ("/var/lib/redpanda/data",)),
    "docker.redpanda.com/vectorized/redpanda": DataImage("Redpanda", ("/var/lib/redpanda/data",)),
    "minio/minio": _MINIO,
    "quay.io/minio/minio": _MINIO,
    "bitnami/minio": _bitnami("MinIO", "minio/data"),
}

# Registry spellings that name the same repository as the shorter form.
_ALIASES = ("docker.io/library/", "docker.io/", "index.docker.io/library/", "index.docker.io/",
            "registry-1.docker.io/library/", "registry.hub.docker.com/library/", "library/",
            "public.ecr.aws/docker/library/", "mirror.gcr.io/library/", "mirror.gcr.io/")
_LINUXSERVER = ("lscr.io/linuxserver/", "ghcr.io/linuxserver/")


def repository_of(reference: str) -> str | None:
    """The image's repository in the table's spelling; None when a variable hides it.

    ``reference`` may still hold `${…}` (an unset variable): a repository written
    before the first variable, as in ``postgres:${PG_VERSION}``, is still known.
    """
    reference = reference.strip()
    if "$" in reference:
        reference = reference[:reference.index("$")]
        slash = reference.rfind("/")
        if not (reference.rfind(":") > slash or "@" in reference):
            return None  # the variable is part of the repository name
    name = reference.partition("@")[0]
    colon = name.rfind(":")
    if colon > name.rfind("/"):
        name = name[:colon]
    name = name.lower()
    for alias in _ALIASES:
        if name.startswith(alias):
            return name[len(alias):]
    for alias in _LINUXSERVER:
        if name.startswith(alias):
            return "linuxserver/" + name[len(alias):]
    return name or None


def data_image(reference: str) -> DataImage | None:
    repository = repository_of(reference)
    return DATA_IMAGES.get(repository) if repository else None


def _pulled_reference(service: Service) -> str | None:
    node = service.node.scalar("image")
    if node is None or "build" in service.node:
        return None
    return node.text if not node.unknown else node.raw


def pulled_data_image(service: Service) -> DataImage | None:
    """The table entry for a service that pulls a database or broker image (not one it builds)."""
    reference = _pulled_reference(service)
    return data_image(reference) if reference else None


def data_image_of(project: Project, service: Service) -> DataImage | None:
    """As ``pulled_data_image``, and for a built service, the external image its Dockerfile builds on."""
    if "build" not in service.node:
        return pulled_data_image(service)
    from pydocklint.dockerfile.images import resolve_base_image

    build = build_of(project, service)
    dockerfile = dockerfile_model(project, build) if build is not None else None
    if dockerfile is None:
        return None
    stage = target_stage(dockerfile, build.target_node.text if build.target_node is not None else None)
    seen = set()
    while stage is not None and stage.index not in seen:  # FROM an earlier stage: follow it
        seen.add(stage.index)
        earlier = dockerfile.earlier_stage(stage.image.lower(), stage.index)
        if earlier is None:
            base = resolve_base_image(dockerfile, stage)
            return data_image(base) if base else None
        stage = earlier
    return None


_MAJOR = re.compile(r"(?:^|pg)(\d+)")


def layouts(service: Service, image: DataImage) -> list[DataImage]:
    """The data layouts the service's image tag may have: one when the tag names a major version,
    else both sides of the version change (`alpine`, `latest` or a variable: written for either)."""
    if image.older is None:
        return [image]
    reference = _pulled_reference(service) or ""
    name = reference.partition("@")[0]
    tag = name[name.rfind(":") + 1:] if name.rfind(":") > name.rfind("/") else ""
    major = _MAJOR.search(tag) if "$" not in tag else None
    if major is None:
        return [image, image.older[1]]
    return [image.older[1]] if int(major.group(1)) < image.older[0] else [image]


def data_directories(service: Service, image: DataImage) -> tuple[str, ...] | None:
    """Where this service keeps its data: the image's directories unless its environment or
    command moves them; None when that depends on something unknown (a variable, an env_file)."""
    if image.data_dir_env:
        for variable in environment(service):
            if variable.name == image.data_dir_env:
                return tuple(variable.value.split(",")) if variable.value else None
        if "env_file" in service.node:
            return None
    if image.data_dir_command:
        words = command_words(service)
        if words and image.data_dir_command in words:
            paths = [word for word in words[words.index(image.data_dir_command) + 1:] if word.startswith("/")]
            if any("{" in path or "$" in path for path in paths):
                return None  # MinIO's `{1...4}` expansion or a shell variable
            if paths:
                return tuple(paths)
    return image.data_dirs


@dataclass(frozen=True)
class Holder:
    """What holds a data directory in the running container: the deepest mount above it."""

    target: str
    kind: str  # "kept" (named volume, bind mount, unknown source), "anonymous", "tmpfs"
    mount: Mount | None  # None: a tmpfs entry, or an anonymous volume the image's VOLUME creates


def data_holder(directory: str, service_mounts: list[Mount], tmpfs: list[str], image: DataImage) -> Holder | None:
    """The mount that receives writes to ``directory``; None when it is in the container's own layer.

    Docker mounts deeper paths over shallower ones, and creates an anonymous volume
    for each image VOLUME that no mount targets exactly: so a named volume at a
    parent of a VOLUME path does not hold the data.
    """
    candidates = [Holder(mount.target, _kind(mount), mount) for mount in service_mounts
                  if mount.target and covers(mount.target, directory)]
    candidates += [Holder(target, "tmpfs", None) for target in tmpfs if covers(target, directory)]
    mounted = {_normal(holder.target) for holder in candidates}
    candidates += [Holder(volume, "anonymous", None) for volume in image.volumes
                   if covers(volume, directory) and _normal(volume) not in mounted]
    return max(candidates, key=lambda holder: len(_normal(holder.target).split("/")), default=None)


def _kind(mount: Mount) -> str:
    if mount.type == "tmpfs":
        return "tmpfs"
    if mount.type == "volume" and mount.source is None and not mount.unknown:
        return "anonymous"
    return "kept"


def _normal(path: str) -> str:
    return posixpath.normpath(path).rstrip("/") or "/"


def covers(target: str, data_dir: str) -> bool:
    """Whether a mount at ``target`` holds ``data_dir``: the same directory or one of its parents."""
    mount_parts = [part for part in posixpath.normpath(target).split("/") if part]
    data_parts = [part for part in data_dir.split("/") if part]
    return len(mount_parts) <= len(data_parts) and all(
        fnmatchcase(mounted, wanted) for mounted, wanted in zip(mount_parts, data_parts))


def command_words(service: Service) -> list[str] | None:
    """The service's `command` as words (the string form split as Compose splits it); None when unset or unknown."""
    value = service.node.get("command")
    if isinstance(value, Sequence):
        words = [item.text for item in value.items if isinstance(item, Scalar)]
        return None if any(word is None for word in words) else words  # type: ignore[return-value]
    if isinstance(value, Scalar) and value.text is not None:
        try:
            return shlex.split(value.text)
        except ValueError:
            return None
    return None


def tmpfs_targets(service: Service) -> list[tuple[str, Node]]:
    """Container paths of the service's `tmpfs:` entries (a path or a list of paths, each optionally `:options`)."""
    value = service.node.get("tmpfs")
    items = value.items if isinstance(value, Sequence) else [value] if value is not None else []
    return [(item.text.split(":")[0], item) for item in items if isinstance(item, Scalar) and item.text]
