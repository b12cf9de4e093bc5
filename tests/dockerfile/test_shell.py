"""The shell analysis of RUN: simple commands, words, spans, context and the shell in effect."""

import textwrap

from pydocklint.dockerfile.instructions import build
from pydocklint.dockerfile.parser import parse
from pydocklint.dockerfile.shell import analyse, cache_mount_targets, script_of, shells


def model(text):
    return build(parse(textwrap.dedent(text).lstrip("\n")), "Dockerfile")


def commands(text, index=-1):
    """(values, before, after) of each command of the instruction at ``index``, plus the script."""
    dockerfile = model(text)
    script = script_of(dockerfile, dockerfile.instructions[index])
    return [(c.values(), c.before, c.after) for c in script.commands], script


def spans(text, index=-1):
    dockerfile = model(text)
    script = script_of(dockerfile, dockerfile.instructions[index])
    return [[(w.value, script.span(w)) for w in c.words] for c in script.commands]


def test_chains_are_split_with_their_operators():
    found, _ = commands("FROM a:1\nRUN a 1 && b || c; d | e & f\n")
    assert found == [
        (["a", "1"], None, "&&"), (["b"], "&&", "||"), (["c"], "||", ";"),
        (["d"], ";", "|"), (["e"], "|", "&"), (["f"], "&", None),
    ]


def test_quotes_and_escapes_are_removed_but_expansions_kept():
    found, _ = commands("""FROM a:1\nRUN echo "a b" 'c d' e\\ f "$HOME" $'x\\ty' ${V:-1}\n""")
    assert found == [(["echo", "a b", "c d", "e f", "$HOME", "x\\ty", "${V:-1}"], None, None)]


def test_words_map_to_their_physical_lines_across_continuations_and_comments():
    text = """
        FROM a:1
        RUN apt-get update && \\
            # a comment inside the continuation
            apt-get install -y \\
              "curl=7.1" git
    """
    assert spans(text) == [
        [("apt-get", (2, 5, 2, 12)), ("update", (2, 13, 2, 19))],
        [("apt-get", (4, 5, 4, 12)), ("install", (4, 13, 4, 20)), ("-y", (4, 21, 4, 23)),
         ("curl=7.1", (5, 7, 5, 17)), ("git", (5, 18, 5, 21))],
    ]


def test_flags_are_not_part_of_the_script():
    text = "FROM a:1\nRUN --mount=type=cache,target=/root/.cache/pip/ --network=none pip install x\n"
    assert spans(text) == [[("pip", (2, 64, 2, 67)), ("install", (2, 68, 2, 75)), ("x", (2, 76, 2, 77))]]
    dockerfile = model(text)
    assert cache_mount_targets(dockerfile.instructions[1]) == ["/root/.cache/pip"]


def test_subshells_substitutions_and_conditions_are_marked():
    dockerfile = model("FROM a:1\nRUN (cd src && make) ; echo $(git rev-parse HEAD) `date`; if [ -f x ]; then y; fi\n")
    script = script_of(dockerfile, dockerfile.instructions[1])
    marks = [(c.values()[0], c.subshell, c.substitution, c.condition) for c in script.commands]
    assert marks == [
        ("cd", True, False, False), ("make", True, False, False),
        ("git", False, True, False), ("date", False, True, False),
        ("echo", False, False, False),
        ("[", False, False, True), ("y", False, False, False),
    ]


def test_loops_and_case_clauses_yield_their_bodies_only():
    found, _ = commands("""FROM a:1\nRUN for f in a b; do echo $f; done; case "$x" in a|b) one;; *) two;; esac\n""")
    assert [values for values, _, _ in found] == [["echo", "$f"], ["one"], ["two"]]


def test_wrappers_and_assignments_are_separated_from_the_command():
    dockerfile = model("FROM a:1\n"
                       "RUN DEBIAN_FRONTEND=noninteractive sudo -u root env -i A=1 nice -n 5 apt-get install x\n")
    command = script_of(dockerfile, dockerfile.instructions[1]).commands[0]
    assert command.name == "apt-get"
    assert [w.value for w in command.assignments] == ["DEBIAN_FRONTEND=noninteractive"]
    assert [w.value for w in command.wrappers] == ["sudo", "env", "nice"]
    assert command.values() == ["apt-get", "install", "x"]


def test_xargs_is_not_unwrapped():
    found, _ = commands("FROM a:1\nRUN cat list | xargs apt-get install -y\n")
    assert [values for values, _, _ in found] == [["cat", "list"], ["xargs", "apt-get", "install", "-y"]]


def test_sh_c_scripts_are_analysed_recursively_with_exact_spans():
    text = """FROM a:1\nRUN bash -ec 'cd /x && make' && su -c "true"\n"""
    dockerfile = model(text)
    script = script_of(dockerfile, dockerfile.instructions[1])
    assert [(c.values(), c.depth) for c in script.commands] == [
        (["bash", "-ec", "cd /x && make"], 0), (["cd", "/x"], 1), (["make"], 1), (["su", "-c", "true"], 0),
    ]
    cd = script.commands[1].words[0]
    assert script.span(cd) == (2, 15, 2, 17)


def test_exec_form_is_an_argv_and_sh_c_inside_it_is_analysed():
    text = 'FROM a:1\nRUN ["sh", "-c", "apk add \\"curl\\" && echo ok"]\n'
    dockerfile = model(text)
    script = script_of(dockerfile, dockerfile.instructions[1])
    assert [c.values() for c in script.commands] == [
        ["sh", "-c", 'apk add "curl" && echo ok'], ["apk", "add", "curl"], ["echo", "ok"],
    ]
    assert script.span(script.commands[1].words[2]) == (2, 28, 2, 35)


def test_heredoc_script_words_map_to_body_lines():
    text = """
        FROM a:1
        RUN <<EOF
        set -e
          apk add curl
        EOF
        RUN <<EOF bash
        cat <<'X' > /etc/conf
        apk add not-a-command
        X
        echo done
        EOF
    """
    dockerfile = model(text)
    first = script_of(dockerfile, dockerfile.instructions[1])
    assert [[(w.value, first.span(w)) for w in c.words] for c in first.commands if c.words] == [
        [("set", (3, 1, 3, 4)), ("-e", (3, 5, 3, 7))],
        [("apk", (4, 3, 4, 6)), ("add", (4, 7, 4, 10)), ("curl", (4, 11, 4, 15))],
    ]
    second = script_of(dockerfile, dockerfile.instructions[2])
    assert [c.values() for c in second.commands if c.words] == [["bash"], ["cat"], ["echo", "done"]]


def test_a_heredoc_read_by_another_program_is_data():
    dockerfile = model("FROM a:1\nRUN python3 <<EOF\nimport os\nEOF\n")
    script = script_of(dockerfile, dockerfile.instructions[1])
    assert [c.values() for c in script.commands] == [["python3"]]


def test_redirections_are_kept_apart_from_words():
    dockerfile = model("FROM a:1\nRUN curl -o x https://e 2>/dev/null >>log && tar xf x <in\n")
    script = script_of(dockerfile, dockerfile.instructions[1])
    assert [c.values() for c in script.commands] == [["curl", "-o", "x", "https://e"], ["tar", "xf", "x"]]
    assert [(r.fd, r.operator, r.target.value) for r in script.commands[0].redirects] == [
        ("2", ">", "/dev/null"), ("", ">>", "log")]


def test_pipelines_are_linked():
    dockerfile = model("FROM a:1\nRUN curl -fsSL u | tar -xz && echo\n")
    curl, tar, echo = script_of(dockerfile, dockerfile.instructions[1]).commands
    assert curl.next_in_pipeline is tar and tar.next_in_pipeline is None and echo.before == "&&"


def test_onbuild_run_is_analysed_at_its_position():
    assert spans("FROM a:1\nONBUILD RUN pip install x\n") == [
        [("pip", (2, 13, 2, 16)), ("install", (2, 17, 2, 24)), ("x", (2, 25, 2, 26))]]


def test_powershell_and_cmd_stages_are_not_analysed():
    dockerfile = model("""
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN echo hi
        FROM debian:12 AS linux
        SHELL ["pwsh", "-Command"]
        RUN Write-Host hi
        FROM linux
        RUN echo inherited
        FROM debian:12
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN echo bash
    """)
    assert [script_of(dockerfile, i) is None for i in dockerfile.instructions if i.name == "RUN"] == \
        [True, True, True, False]
    assert shells(dockerfile)[dockerfile.instructions[-1]] == ("/bin/bash", "-o", "pipefail", "-c")


def test_the_analysis_is_cached_per_instruction():
    dockerfile = model("FROM a:1\nRUN a && b\n")
    assert script_of(dockerfile, dockerfile.instructions[1]) is script_of(dockerfile, dockerfile.instructions[1])


def test_broken_scripts_never_raise():
    for text in ("RUN echo 'unterminated", 'RUN echo "$(oops', "RUN ((( ))) ;;; && ||", "RUN a <<", "RUN `x",
                 "RUN case x in", "RUN ${", "RUN f() { x; }", "RUN echo \\"):
        dockerfile = model("FROM a:1\n" + text + "\n")
        analyse(dockerfile.instructions[1])


def test_a_thousand_runs_are_each_analysed():
    # The cost (linear in the RUNs) is measured by benchmarks/bench_linear.py, not asserted here.
    dockerfile = model("FROM a:1\n" + "".join(
        f"ENV A={i}\nRUN apt-get update && apt-get install -y pkg{i} && echo $(date)\n" for i in range(1000)))
    scripts = [script_of(dockerfile, instruction) for instruction in dockerfile.instructions]
    assert [script is None for script in scripts] == [True] + [True, False] * 1000  # FROM, then ENV and RUN
    assert [script.commands[1].values() for script in scripts[2::2]] == \
        [["apt-get", "install", "-y", f"pkg{i}"] for i in range(1000)]
    assert [(c.values(), c.before, c.after, c.substitution) for c in scripts[-1].commands] == [
        (["apt-get", "update"], None, "&&", False),
        (["apt-get", "install", "-y", "pkg999"], "&&", "&&", False),
        (["date"], None, None, True),
        (["echo", "$(date)"], "&&", None, False),
    ]
    assert scripts[-1].instruction is dockerfile.instructions[-1]


def test_deep_nesting_stops_being_analysed_instead_of_exhausting_the_stack():
    nested = "$(echo " * 3000 + "x" + ")" * 3000
    dockerfile = model("FROM a:1\nRUN echo " + nested + " && sh -c " + "'sh -c " * 50 + "\n")
    script = analyse(dockerfile.instructions[1])
    assert 30 < len(script.commands) < 100
