"""The commands of cmd and PowerShell RUNs (Windows images): separators, words, spans and inner scripts."""

import textwrap

from pydocklint.dockerfile.instructions import build
from pydocklint.dockerfile.parser import parse
from pydocklint.dockerfile.windows_shell import windows_run_scripts


def scripts(text):
    dockerfile = build(parse(textwrap.dedent(text).lstrip("\n")), "Dockerfile")
    return [(instruction.line, script) for _, instruction, script in windows_run_scripts(dockerfile)]


def commands(text):
    """(line, [(name, values, before, depth)]) per Windows RUN."""
    return [(line, [(c.name, c.values(), c.before, c.depth) for c in script.commands])
            for line, script in scripts(text)]


def test_cmd_splits_at_its_operators_and_keeps_backslashes():
    found = commands(r"""
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN cd /d C:\app && C:\Python\PIP.EXE install "a b" ^& x & echo %PATH% | more || exit 1
        RUN ["cmd", "/c", "dir"]
    """)
    assert found == [(2, [
        ("cd", ["cd", "/d", "C:\\app"], None, 0),
        ("pip", ["C:\\Python\\PIP.EXE", "install", "a b", "&", "x"], "&&", 0),
        ("echo", ["echo", "%PATH%"], "&", 0),
        ("more", ["more"], "|", 0),
        ("exit", ["exit", "1"], "||", 0),
    ])]


def test_powershell_splits_statements_blocks_and_its_command_argument():
    # A parenthesis stays in its word: ('{0}' -f $v) is an argument, not a command.
    found = commands("""
        # escape=`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
        RUN cd libuv ; $env:PATH += ';C:\\bin' ; `
            if ($true) { pip install flask } ; Write-Host `"hi`"
        RUN powershell -NoProfile -Command "npm install -g yarn; cd C:\\src"
    """)
    assert found == [
        (4, [("cd", ["cd", "libuv"], None, 0), ("$env:path", ["$env:PATH", "+=", ";C:\\bin"], ";", 0),
             ("if", ["if", "($true)"], ";", 0), ("pip", ["pip", "install", "flask"], "{", 0),
             ("write-host", ["Write-Host", '"hi"'], ";", 0)]),
        (6, [("powershell", ["powershell", "-NoProfile", "-Command", "npm install -g yarn; cd C:\\src"], None, 0),
             ("npm", ["npm", "install", "-g", "yarn"], None, 1), ("cd", ["cd", "C:\\src"], ";", 1)]),
    ]


def test_parentheses_are_part_of_a_word_whatever_they_hold():
    [(_, script)] = scripts("""
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN Write-Host ('Downloading {0} ; (now) ...' -f $env:URL) ; iex ((New-Object Net.WebClient).Get('x'))
    """)
    assert [c.values() for c in script.commands] == [
        ["Write-Host", "('Downloading {0} ; (now) ...' -f $env:URL)"],
        ["iex", "((New-Object Net.WebClient).Get('x'))"],
    ]


def test_words_of_inner_scripts_map_to_where_they_are_written():
    [(_, script)] = scripts("""
        FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
        RUN powershell -Command "pip install flask"
    """)
    flask = script.commands[-1].words[-1]
    assert (flask.value, script.span(flask)) == ("flask", (2, 38, 2, 43))


def test_posix_exec_form_and_heredoc_runs_are_not_windows_scripts():
    assert scripts("""
        FROM debian:12.8
        RUN cd /app
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN ["powershell", "-Command", "cd C:\\\\app"]
        SHELL ["bash", "-c"]
        RUN cd /app
    """) == []
