#!/usr/bin/env python3
"""Generate the size tables `pydocklint simulate` ships in ``linter/data/``.

The output is committed; re-run this script to refresh it::

    apt-get update                       # once: apt-cache reads the local index
    python3 scripts/build_size_tables.py [--shared ../shared/data] [--out linter/data]

It writes, gzip-compressed, tab-separated, one header row each:

* ``simulate-base-images.tsv.gz``: image, tag, compressed_bytes, layers, built,
  copied from ``base_image_sizes.tsv`` (docker-library/repo-info figures).
* ``simulate-base-layers.tsv.gz``: image, tag, layer_index, compressed_bytes,
  created_by, from ``base_image_layers.tsv``.
* ``simulate-package-caches.tsv.gz``: ecosystem, what, bytes, notes, from
  ``package_cache_measurements.tsv``.
* ``simulate-apt-<release>.tsv.xz`` (xz: a third smaller than gzip): name,
  installed_kib, priority, depends, recommends, provides; from ``apt-cache dumpavail`` (Debian's
  package index as apt has it locally). By default the host's release; another
  release is read from a private apt state directory, without touching the
  host's sources (this is how the committed ``trixie`` table was made)::

      mkdir -p /tmp/apt-trixie/lists/partial /tmp/apt-trixie/cache/archives/partial
      echo "deb http://deb.debian.org/debian trixie main" > /tmp/apt-trixie/sources.list
      echo "deb http://deb.debian.org/debian trixie-updates main" >> /tmp/apt-trixie/sources.list
      echo "deb http://deb.debian.org/debian-security trixie-security main" >> /tmp/apt-trixie/sources.list
      APT="-o Dir::Etc::SourceList=/tmp/apt-trixie/sources.list -o Dir::Etc::SourceParts=/nonexistent
           -o Dir::State::Lists=/tmp/apt-trixie/lists -o Dir::Cache=/tmp/apt-trixie/cache
           -o Dir::State::status=/dev/null"
      apt-get $APT update
      python3 scripts/build_size_tables.py --skip-shared --release trixie $(printf -- '--apt-option=%s ' $APT)
 ``depends`` merges Pre-Depends and
  Depends: groups separated by ``,``, alternatives by ``|``, versions and
  architecture qualifiers dropped. When a package has several versions the
  first stanza apt lists (its candidate) is kept.

pip and npm have no generated table: their figures are the measured ones in
``package_cache_measurements.tsv`` (no registry is scanned).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import lzma
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_VERSION_OR_ARCH = re.compile(r"\s*\(.*?\)|:\w+|\s*\[.*?\]|\s*<.*?>")


def write_table(path: Path, header: list[str], rows: list[list[str]], comment: str = "") -> None:
    buffer = io.StringIO()
    if comment:
        buffer.write(f"# {comment}\n")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    if path.suffix == ".xz":  # the big apt indexes: xz is 30 % smaller than gzip here
        path.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    else:  # mtime=0 keeps the output byte-identical between runs on the same input
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as handle:
            handle.write(data)
    print(f"{path}: {len(rows)} rows", file=sys.stderr)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def base_image_tables(shared: Path, out: Path) -> None:
    sizes = read_tsv(shared / "base_image_sizes.tsv")
    write_table(out / "simulate-base-images.tsv.gz", ["image", "tag", "compressed_bytes", "layers", "built"],
                [[r["image"], r["tag"], r["compressed_bytes"], r["layers"], r["built"]] for r in sizes
                 if r["os/arch"] in ("linux/amd64", "")], "from shared/data/base_image_sizes.tsv (repo-info)")
    layers = read_tsv(shared / "base_image_layers.tsv")
    write_table(out / "simulate-base-layers.tsv.gz", ["image", "tag", "layer_index", "compressed_bytes", "created_by"],
                [[r["image"], r["tag"], r["layer_index"], r["compressed_bytes"], r["created_by"]] for r in layers],
                "from shared/data/base_image_layers.tsv (repo-info)")
    caches = read_tsv(shared / "package_cache_measurements.tsv")
    write_table(out / "simulate-package-caches.tsv.gz", ["ecosystem", "what", "bytes", "notes"],
                [[r["ecosystem"], r["what"], r["bytes"], r["notes"]] for r in caches],
                "from shared/data/package_cache_measurements.tsv")


def _names(field: str) -> str:
    groups = []
    for group in field.split(","):
        alternatives = [_VERSION_OR_ARCH.sub("", alternative).strip() for alternative in group.split("|")]
        alternatives = [a for a in alternatives if a]
        if alternatives:
            groups.append("|".join(alternatives))
    return ",".join(groups)


def parse_stanzas(text: str):
    """Package stanzas of an apt index as dicts (continuation lines dropped: none we read has them)."""
    stanza: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            if stanza:
                yield stanza
            stanza = {}
        elif not line[0].isspace() and ":" in line:
            key, _, value = line.partition(":")
            stanza[key] = value.strip()
    if stanza:
        yield stanza


def release_name() -> str:
    try:
        with open("/etc/os-release", encoding="utf-8") as handle:
            fields = dict(line.rstrip("\n").split("=", 1) for line in handle if "=" in line)
        return fields.get("VERSION_CODENAME", "unknown").strip('"')
    except OSError:
        return "unknown"


def apt_table(out: Path, release: str, apt_options: list[str]) -> None:
    command = ["apt-cache"]
    for option in apt_options:
        command += ["-o", option] if option != "-o" else []
    text = subprocess.run([*command, "dumpavail"], check=True, capture_output=True, text=True).stdout
    rows: dict[str, list[str]] = {}
    for stanza in parse_stanzas(text):
        name = stanza.get("Package")
        if not name or name in rows or stanza.get("Architecture") not in ("amd64", "all"):
            continue
        depends = ",".join(filter(None, (_names(stanza.get("Pre-Depends", "")), _names(stanza.get("Depends", "")))))
        rows[name] = [name, stanza.get("Installed-Size", "0"), stanza.get("Priority", ""), depends,
                      _names(stanza.get("Recommends", "")), _names(stanza.get("Provides", ""))]
    if not rows:
        sys.exit("apt-cache dumpavail listed no packages: run `apt-get update` first")
    write_table(out / f"simulate-apt-{release}.tsv.xz",
                ["name", "installed_kib", "priority", "depends", "recommends", "provides"],
                [rows[name] for name in sorted(rows)], f"release={release} arch=amd64 from apt-cache dumpavail")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "linter" / "data")
    parser.add_argument("--skip-apt", action="store_true", help="only refresh the tables copied from --shared")
    parser.add_argument("--skip-shared", action="store_true", help="only refresh the apt table")
    parser.add_argument("--release", default=None, help="the release the apt index holds (default: the host's)")
    parser.add_argument("--apt-option", action="append", default=[],
                        help="an apt configuration option (Name=value), e.g. a private Dir::State::Lists")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    if not options.skip_shared:
        base_image_tables(options.shared, options.out)
    if not options.skip_apt:
        apt_table(options.out, options.release or release_name(), options.apt_option)


if __name__ == "__main__":
    main()
