"""The shipped tables and the script that generates them."""

from __future__ import annotations

import importlib.util

from pydocklint.simulate.tables import APT_RELEASES, apt_index, base_images, cache_figure

from tests.support import REPO


def _script():
    spec = importlib.util.spec_from_file_location("build_size_tables", REPO / "scripts" / "build_size_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dependency_fields_keep_names_and_alternatives_only() -> None:
    names = _script()._names
    assert names("libc6 (>= 2.34), debconf (>= 0.5) | debconf-2.0, python3:any, foo [amd64]") == \
        "libc6,debconf|debconf-2.0,python3,foo"
    assert names("") == ""


def test_stanzas_are_split_on_blank_lines() -> None:
    stanzas = list(_script().parse_stanzas("Package: a\nDescription: x\n long text\n\nPackage: b\n"))
    assert [stanza["Package"] for stanza in stanzas] == ["a", "b"]


def test_each_release_table_loads_with_its_release() -> None:
    for release in APT_RELEASES:
        index = apt_index(release)
        assert index.release == release
        curl = index.get("curl")
        assert curl is not None and curl.installed_bytes > 100_000
        assert any("libcurl4" in group[0] for group in curl.depends)  # libcurl4t64 on trixie
        assert "debconf" in index.providers["debconf-2.0"]


def test_base_image_and_cache_tables() -> None:
    assert len(base_images()) == 303
    assert cache_figure("apt", "lists left in layer") == 18_992_211
    assert cache_figure("npm", "npm cache") == 5_313_863
