"""The package-manager model read from RUN scripts (pydocklint.dockerfile.packages)."""

import textwrap

from pydocklint.dockerfile.instructions import build
from pydocklint.dockerfile.packages import package_commands
from pydocklint.dockerfile.parser import parse
from pydocklint.dockerfile.shell import analyse


def found(run: str):
    """(manager, action, options, packages) of each package command of one RUN."""
    dockerfile = build(parse(textwrap.dedent("FROM a:1\n" + run + "\n")), "Dockerfile")
    script = analyse(dockerfile.instructions[1])
    return [(c.manager, c.action, sorted(c.option_names), [(p.name, p.version, p.kind, p.pinned) for p in c.packages])
            for c in package_commands(script)]


def test_managers_actions_options_and_packages_anywhere_in_a_chain():
    assert found("RUN set -e; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -qy install "
                 "--no-install-recommends -o Dpkg::Options::=--force-confnew curl=7.88 git ./x.deb") == [
        ("apt-get", "update", ["-q"], []),
        ("apt-get", "install", ["--no-install-recommends", "-o", "-q", "-y"],
         [("curl", "7.88", "name", True), ("git", None, "name", False), ("./x.deb", None, "path", True)]),
    ]


def test_python_dash_m_pip_and_requirement_files():
    assert found("RUN python3 -m pip install --no-cache-dir -r req.txt 'flask>=3' . && pip3 install -U pip") == [
        ("pip", "install", ["--no-cache-dir", "-r"], [("flask", ">=3", "name", True), (".", None, "path", True)]),
        ("pip", "install", ["-U"], [("pip", None, "name", False)]),
    ]


def test_apk_yum_zypper_npm_gem_go_cargo():
    assert found("RUN apk add --no-cache -t .deps gcc~13 make && yum -y install httpd-2.4 vim "
                 "&& zypper -n in 'nginx>=1.2' && npm i -g @scope/pkg@1 left-pad && gem install rails:7 rake -v 13 "
                 "&& go install example.com/cmd@v1 && cargo install ripgrep@14 --locked") == [
        ("apk", "install", ["--no-cache", "-t"], [("gcc", "~13", "name", True), ("make", None, "name", False)]),
        ("yum", "install", ["-y"], [("httpd", "2.4", "name", True), ("vim", None, "name", False)]),
        ("zypper", "install", ["-n"], [("nginx", ">=1.2", "name", True)]),
        ("npm", "install", ["-g"], [("@scope/pkg", "1", "name", True), ("left-pad", None, "name", False)]),
        ("gem", "install", ["-v"], [("rails", "7", "name", True), ("rake", None, "name", False)]),
        ("go", "install", [], [("example.com/cmd", "v1", "name", True)]),
        ("cargo", "install", ["--locked"], [("ripgrep", "14", "name", True)]),
    ]


def test_variables_are_not_guessed_unless_the_script_assigns_them():
    assert found("RUN apt-get install -y $FROM_ENV") == [
        ("apt-get", "install", ["-y"], [("$FROM_ENV", None, "variable", True)])]
    assert found("RUN deps='gcc make=4'; apt-get install -y $deps") == [
        ("apt-get", "install", ["-y"], [("gcc", None, "name", False), ("make", "4", "name", True)])]
