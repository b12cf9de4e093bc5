"""RUN rules (PDL300-PDL309) and RUN-based security rules (PDL650-PDL652)."""

from tests.support import lint


def test_cd_is_reported_unless_scoped():
    text = """
        FROM debian:12.8
        RUN cd /src && make && (cd docs && make) && echo "$(cd /x && pwd)" && cd - && bash -c 'cd /y && z' \\
         && cd
    """
    assert lint(text, "PDL300") == [
        ("PDL300", 2, 5, 2, 7, "cd /src lasts only for this RUN: use WORKDIR /src instead"),
    ]


def test_interactive_commands():
    text = """
        FROM debian:12.8
        RUN service nginx start && systemctl enable nginx && systemctl start nginx && echo ps && top -b -n1
    """
    assert lint(text, "PDL301") == [
        ("PDL301", 2, 5, 2, 12, "service has no terminal or running system to act on during a build: remove it "
         "from the RUN"),
        ("PDL301", 2, 54, 2, 63, "systemctl has no terminal or running system to act on during a build: remove "
         "it from the RUN"),
        ("PDL301", 2, 90, 2, 93, "top has no terminal or running system to act on during a build: remove it "
         "from the RUN"),
    ]


def test_consecutive_runs():
    text = """
        FROM debian:12.8
        RUN mkdir /a
        # a comment does not separate them

        RUN mkdir /b
        RUN mkdir /c && mkdir /d
        RUN mkdir /e
        RUN --mount=type=cache,target=/root/.cache mkdir /f
        RUN curl -fsSL https://example.com | tar -x
        RUN mkdir /g
        ENV A=1
        RUN mkdir /h
        FROM debian:12.8
        RUN mkdir /i
    """
    assert lint(text, "PDL302") == [
        ("PDL302", 5, 1, 5, 4, "This RUN directly follows the RUN on line 2: merge them with && to save a layer"),
    ]


def test_pipefail_judges_a_group_by_its_last_command_and_names_the_failing_one():
    text = """
        FROM debian:12.8
        RUN { ./configure; make; } | tee build.log
        RUN { tool --help || :; } 2>&1 | grep -q usage
        RUN { tool --version; echo done; } | tee version.txt
        RUN echo https://example.com/a | xargs curl -fsSL | tar -x
    """
    message = 'pipes into {}, and its failure would be ignored: set SHELL ["/bin/bash", "-o", "pipefail", "-c"] ' \
        "(or `set -o pipefail` first)"
    assert lint(text, "PDL303") == [
        ("PDL303", 2, 20, 2, 24, "make " + message.format("tee")),
        ("PDL303", 5, 34, 5, 39, "xargs " + message.format("tar")),
    ]


def test_consecutive_windows_runs_count_cmd_and_powershell_commands():
    text = """
        # escape=`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN icacls C:\\a
        RUN icacls C:\\b
        RUN powershell -Command "New-Item -Type Directory C:\\c; icacls C:\\c"
        SHELL ["powershell", "-Command"]
        RUN Remove-Item C:\\a\\*.pdb
        RUN Remove-Item C:\\b\\*.pdb
    """
    assert lint(text, "PDL302") == [
        ("PDL302", 4, 1, 4, 4, "This RUN directly follows the RUN on line 3: merge them with && to save a layer"),
        ("PDL302", 8, 1, 8, 4, "This RUN directly follows the RUN on line 7: merge them with ; to save a layer"),
    ]


def test_cd_in_cmd_and_powershell_runs():
    text = """
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        RUN cd /d C:\\src && msbuild
        SHELL ["powershell", "-Command"]
        RUN cd libuv ; git pull
        RUN powershell -Command "cd C:\\inner; make"
    """
    assert lint(text, "PDL300") == [
        ("PDL300", 2, 5, 2, 7, "cd C:\\src lasts only for this RUN: use WORKDIR C:\\src instead"),
        ("PDL300", 4, 5, 4, 7, "cd libuv lasts only for this RUN: use WORKDIR libuv instead"),
    ]


def test_pipefail():
    text = """
        FROM debian:12.8
        RUN curl -fsSL https://example.com/a.tgz | tar -xz
        RUN echo "deb http://x y z" | tee /etc/apt/sources.list.d/x.list
        RUN set -eo pipefail; curl -fsSL https://example.com/b.tgz | tar -xz
        RUN VERSION="$(curl -fsSL https://example.com/v | jq -r .tag)" && echo "$VERSION"
        RUN ["sh", "-c", "curl -fsSL https://example.com/c.tgz | tar -xz"]
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN curl -fsSL https://example.com/d.tgz | tar -xz
    """
    assert lint(text, "PDL303") == [
        ("PDL303", 2, 5, 2, 9, "curl pipes into tar, and its failure would be ignored: set SHELL "
         "[\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] (or `set -o pipefail` first)"),
        ("PDL303", 5, 16, 5, 20, "curl pipes into jq, and its failure would be ignored: set SHELL [\"/bin/bash\", "
         "\"-o\", \"pipefail\", \"-c\"] (or `set -o pipefail` first)"),
    ]



def test_pipefail_pipe_into_a_subshell_or_group_is_reported():
    # hadolint (DL4006) reports these too: the download's failure is lost either way.
    text = """
        FROM debian:12.8
        RUN curl -sL https://example.com/k.asc | (OUT=$(apt-key add - 2>&1) || echo $OUT)
        RUN apt-get update \\
            && wget -qO- https://example.com/k.asc | { apt-key add -; }
    """
    message = ("pipes into a command group, and its failure would be ignored: set SHELL "
               "[\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] (or `set -o pipefail` first)")
    assert lint(text, "PDL303") == [
        ("PDL303", 2, 5, 2, 9, f"curl {message}"),
        ("PDL303", 4, 8, 4, 12, f"wget {message}"),
    ]


def test_pipefail_harmless_left_sides_stay_quiet_unlike_hadolint():
    # hadolint's DL4006 reports all of these; nothing on the left of these pipes can fail.
    text = """
        FROM debian:12.8
        RUN echo "$SHA256  tool.tgz" | sha256sum -c -
        RUN printf 'y\\n' | tee /tmp/answer && yes | ./install.sh
        RUN ARCH="$(echo "$PLATFORM" | tr -d .)" && echo "$ARCH"
        RUN echo 'no pipe | here'
    """
    assert lint(text, "PDL303") == []

def test_relinked_sh():
    text = """
        FROM debian:12.8
        RUN ln -sf /bin/bash /bin/sh && ln -s /bin/bash /usr/local/bin/sh && ln -snf bash /usr/bin/sh
    """
    assert lint(text, "PDL304") == [
        ("PDL304", 2, 22, 2, 29, "Relinking /bin/sh changes the shell of every script in the image: use the "
         "SHELL instruction instead"),
        ("PDL304", 2, 83, 2, 94, "Relinking /usr/bin/sh changes the shell of every script in the image: use the "
         "SHELL instruction instead"),
    ]


def test_wget_and_curl_per_stage():
    text = """
        FROM debian:12.8
        RUN curl -fsSLo /a https://example.com/a
        RUN echo no download here
        RUN wget -q https://example.com/b && curl -fsSLo /c https://example.com/c
        RUN curl -fsSLo /d https://example.com/d
        FROM debian:12.8
        RUN wget -q https://example.com/e
    """
    assert lint(text, "PDL305") == [
        ("PDL305", 4, 5, 4, 9, "This stage uses both wget and curl: download with one tool (here wget, "
         "elsewhere curl)"),
        ("PDL305", 5, 5, 5, 9, "This stage uses both wget and curl: download with one tool (here curl, "
         "elsewhere wget)"),
    ]


def test_wget_progress():
    text = """
        FROM debian:12.8
        RUN wget https://example.com/a && wget -q https://example.com/b && wget -nv https://example.com/c \\
         && wget --progress=dot:giga https://example.com/d && wget -O- -o /dev/null https://example.com/e \\
         && wget -qO /tmp/f https://example.com/f && wget --no-verbose https://example.com/g
    """
    assert lint(text, "PDL306") == [
        ("PDL306", 2, 5, 2, 9, "wget without --progress floods the build log: add --progress=dot:giga (or -q/-nv)"),
    ]


def test_useradd_long_uid():
    text = """
        FROM debian:12.8
        ARG BIG=123456789
        ARG SMALL=1000
        ARG UNKNOWN
        RUN useradd -u 123456789 a && useradd -l -u 123456789 b && useradd --no-log-init --uid 123456789 c \\
         && useradd -u 1000 d && useradd -u "$BIG" e && useradd -u ${SMALL} f && useradd -u $UNKNOWN g
    """
    assert lint(text, "PDL307") == [
        ("PDL307", 5, 16, 5, 25, "UID 123456789 makes useradd write a huge sparse lastlog into the layer: add "
         "--no-log-init (-l)"),
        ("PDL307", 6, 37, 6, 43, "UID 123456789 makes useradd write a huge sparse lastlog into the layer: add "
         "--no-log-init (-l)"),
    ]


def test_cleanup_in_later_layer():
    text = """
        FROM debian:12.8
        RUN apt-get update && apt-get install -y gcc make
        RUN make && apt-get purge -y gcc && rm -rf /var/lib/apt/lists/* && apt-get clean
        RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*
        RUN rm -rf /var/lib/apt/lists/*
        FROM python:3.13-slim
        RUN pip install flask==3.1.0
        RUN rm -rf /root/.cache/pip
        FROM alpine:3.21
        RUN apk add --no-cache --virtual .build gcc
        RUN apk del .build
    """
    assert lint(text, "PDL308") == [
        ("PDL308", 3, 13, 3, 20, "Removing package gcc here cannot shrink the image: it was written by the RUN "
         "on line 2, and stays in that layer; clean up at the end of that RUN"),
        ("PDL308", 3, 37, 3, 39, "Removing the apt lists here cannot shrink the image: it was written by the "
         "RUN on line 2, and stays in that layer; clean up at the end of that RUN"),
        ("PDL308", 3, 68, 3, 75, "Removing the apt archives here cannot shrink the image: it was written by the "
         "RUN on line 2, and stays in that layer; clean up at the end of that RUN"),
        ("PDL308", 8, 5, 8, 7, "Removing the pip cache here cannot shrink the image: it was written by the "
         "RUN on line 7, and stays in that layer; clean up at the end of that RUN"),
        ("PDL308", 11, 5, 11, 8, "Removing package .build here cannot shrink the image: it was written by the "
         "RUN on line 10, and stays in that layer; clean up at the end of that RUN"),
    ]


def test_sudo():
    text = """
        FROM debian:12.8
        RUN sudo apt-get update && sudo -E -u app make && echo sudo && bash -c "sudo true"
    """
    assert lint(text, "PDL650") == [
        ("PDL650", 2, 5, 2, 9, "sudo in a build is unneeded and unpredictable: run the command as root, or "
         "switch users with USER"),
        ("PDL650", 2, 28, 2, 32, "sudo in a build is unneeded and unpredictable: run the command as root, or "
         "switch users with USER"),
        ("PDL650", 2, 73, 2, 77, "sudo in a build is unneeded and unpredictable: run the command as root, or "
         "switch users with USER"),
    ]


def test_curl_pipe_shell():
    text = """
        FROM debian:12.8
        RUN curl -fsSL https://example.com/install.sh | sh
        RUN wget -qO- https://example.com/i.sh | sudo bash -s -- --yes && curl -fsSL https://example.com/a.tgz | tar -xz
        RUN bash <(curl -fsSL https://example.com/i.sh) && sh -c "$(wget -qO- https://example.com/i.sh)"
        RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin
        RUN curl -fsSLo /tmp/i.sh https://example.com/i.sh && sh /tmp/i.sh && curl -fsSL https://e.com | bash /tmp/x.sh
    """
    assert lint(text, "PDL651") == [
        ("PDL651", 2, 5, 2, 51, "curl output is run by sh unchecked: download to a file, verify its checksum, "
         "then run it"),
        ("PDL651", 3, 5, 3, 51, "wget output is run by bash unchecked: download to a file, verify its "
         "checksum, then run it"),
        ("PDL651", 4, 5, 4, 9, "bash runs a script fetched with curl/wget unchecked: download to a file, "
         "verify its checksum, then run it"),
        ("PDL651", 4, 52, 4, 54, "sh runs a script fetched with curl/wget unchecked: download to a file, verify "
         "its checksum, then run it"),
        ("PDL651", 5, 5, 5, 53, "curl output is run by php unchecked: download to a file, verify its checksum, "
         "then run it"),
    ]


def test_chmod_world_writable():
    text = """
        FROM debian:12.8
        RUN chmod 777 /a && chmod -R 0666 /b && chmod 1777 /tmp && chmod a+rwx /c && chmod +w /d \\
         && chmod o+w,g+w /e && chmod 755 /f && chmod u+x,go-w /g && chmod --reference=/x /h
    """
    assert lint(text, "PDL652") == [
        ("PDL652", 2, 11, 2, 14, "chmod 777 makes /a writable by every user: chown them to the user that needs "
         "them and use 755/644"),
        ("PDL652", 2, 30, 2, 34, "chmod 0666 makes /b writable by every user: chown them to the user that needs "
         "them and use 755/644"),
        ("PDL652", 2, 66, 2, 71, "chmod a+rwx makes /c writable by every user: chown them to the user that "
         "needs them and use 755/644"),
        ("PDL652", 3, 11, 3, 18, "chmod o+w,g+w makes /e writable by every user: chown them to the user that "
         "needs them and use 755/644"),
    ]


def test_copy_archive_then_extract():
    text = """
        FROM debian:12.8
        COPY app-1.2.tar.gz vendor.tgz notes.zip /tmp/
        COPY other.tar /srv/renamed.tar
        WORKDIR /srv
        RUN tar -xzf /tmp/app-1.2.tar.gz -C /opt && tar xf renamed.tar && tar -tf /tmp/vendor.tgz \\
         && unzip /tmp/notes.zip
        COPY checked.tar.gz /tmp/
        RUN echo "0123  /tmp/checked.tar.gz" | sha256sum -c -
        RUN tar -xzf /tmp/checked.tar.gz
        FROM debian:12.8 AS build
        COPY src.tar.xz /tmp/
        RUN tar -xJf /tmp/src.tar.xz
        FROM debian:12.8
        COPY --from=build /tmp /tmp
    """
    assert lint(text, "PDL309") == [
        ("PDL309", 2, 6, 2, 20, "Archive app-1.2.tar.gz is copied, then extracted by the RUN on line 5: ADD "
         "extracts local tar archives itself, without shipping the archive"),
        ("PDL309", 3, 6, 3, 15, "Archive other.tar is copied, then extracted by the RUN on line 5: ADD "
         "extracts local tar archives itself, without shipping the archive"),
    ]
