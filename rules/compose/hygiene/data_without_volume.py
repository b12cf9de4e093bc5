"""## What it does
Reports a database or broker service (PostgreSQL, MySQL, MariaDB, MongoDB, Redis,
RabbitMQ, Elasticsearch, OpenSearch, Cassandra, Kafka, … recognised by its image
after interpolation, official and well-known vendor images such as
`bitnami/postgresql` or `docker.elastic.co/elasticsearch/elasticsearch`) that
mounts no named volume or bind mount at its data directory (or a parent of it,
e.g. `/var/lib/postgresql`). A data directory moved by the environment
(`PGDATA`, `KAFKA_LOG_DIRS`) or by MinIO's `server /path` command is followed.

An anonymous volume at the data directory (`- /var/lib/mysql`) is reported at
info level: it survives restarts, but not `docker compose down`. Redis and its
forks without a volume are reported at info level too, since they are often used
as a disposable cache; a Redis with persistence turned off (`--save ""` without
`--appendonly yes`) is not reported, and one with `--appendonly yes` is a
warning. Not reported: a `tmpfs` at the data directory (deliberately ephemeral),
services that take volumes with `volumes_from`, services that build their image,
and mounts or data directories that depend on unset variables.

## Why is this bad?
Without a volume the data lives in the container's writable layer, or in an
anonymous volume the image declares. `docker compose down` removes the container,
and the next `docker compose up` starts the database empty: an anonymous volume
has no stable name, so Compose does not mount it again. A named volume (or a bind
mount) is kept and reattached, and can be backed up by name.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
    restart: unless-stopped
    mem_limit: 512m
    volumes:
      - db-data:/var/lib/postgresql/data
volumes:
  db-data:
```
"""

from pydocklint.compose.data_services import (command_words, covers, data_directories, data_holder, layouts,
                                             pulled_data_image, tmpfs_targets)
from pydocklint.compose.model import mounts
from pydocklint.compose.nodes import Mapping, hit
from pydocklint.findings import Severity
from pydocklint.rule import rule


def redis_persistence(service) -> str:
    """"off" (`--save ""` without append-only), "append-only" (`--appendonly yes`) or "default"."""
    words = command_words(service) or []
    pairs = dict(zip(words, words[1:]))
    if pairs.get("--appendonly") == "yes":
        return "append-only"
    return "off" if pairs.get("--save") == "" else "default"


def _target_node(mount):
    node = mount.node.get("target") if isinstance(mount.node, Mapping) else None
    return node or mount.node


def problem(service, image, service_mounts, tmpfs):
    """The hit for this data layout, or None when a named volume, bind mount or tmpfs holds the data."""
    directories = data_directories(service, image)
    if directories is None:
        if service_mounts or tmpfs:
            return None  # the data directory is unknown, so is whether a mount holds it
        directories = image.data_dirs
    holders = [data_holder(directory, service_mounts, tmpfs, image) for directory in directories]
    if any(holder is not None and holder.kind != "anonymous" for holder in holders):
        return None
    holder = holders[0]
    if holder is not None and holder.mount is not None:
        return hit(_target_node(holder.mount),
                   f"{holder.target} is an anonymous volume: it survives restarts but not docker compose down, "
                   f"after which up gives {service.name} a new, empty one: name it "
                   f"(e.g. {service.name}-data:{holder.target}) and declare it under volumes:",
                   severity=Severity.INFO)
    if holder is not None:  # the image's own VOLUME: an anonymous volume Docker creates
        above = [mount for mount in service_mounts if covers(mount.target, holder.target)]
        if above:
            return hit(_target_node(above[0]),
                       f"the volume at {above[0].target} does not hold {service.name}'s data: the image declares "
                       f"VOLUME {holder.target}, so Docker mounts an anonymous volume there, which docker compose "
                       f"down leaves behind: mount the volume at {holder.target}")
    where = holder.target if holder is not None else \
        " or ".join(directory for directory in directories if "[" not in directory)
    severity = None
    advice = f"mount a named volume at {where.split(' or ')[0]}"
    if image.cache:
        persistence = redis_persistence(service)
        if persistence == "off":
            return None
        if persistence == "default":
            severity = Severity.INFO
            advice += ", or turn persistence off (--save \"\") if it is only a cache"
    return hit(service.key, f"{service.name} ({image.product}) keeps its data in {where} but mounts no volume "
               f"there, so the data is lost when the container is removed: {advice}", severity=severity)


@rule(code="PDC609", name="data-without-volume", severity=Severity.WARNING, kind="compose",
      summary="Database or broker service keeps its data without a named volume")
def check(project):
    for service in project.services.values():
        image = pulled_data_image(service)
        if image is None or "volumes_from" in service.node or "extends" in service.node:
            continue
        service_mounts = mounts(service)
        if any(mount.target is None for mount in service_mounts):
            continue  # an entry hidden by an unset variable may be the data volume
        tmpfs = [target for target, _ in tmpfs_targets(service)]
        problems = [problem(service, layout, service_mounts, tmpfs) for layout in layouts(service, image)]
        if all(found is not None for found in problems):
            yield problems[0]
