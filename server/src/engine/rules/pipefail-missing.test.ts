import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'pipefail-missing';
const PIPE = 'RUN wget -O - https://some.site | wc -l file > /number';
const sev = (text: string) => check(ID, text).map(f => `${f.range.start.line + 1}:${f.severity}`);

describe(ID, () => {
  it('reports pipes under the default shell', () => {
    assert.deepEqual(lines(check(ID, `FROM scratch\n${PIPE}\n`)), [2]);
    assert.deepEqual(check(ID, 'FROM scratch as build\nRUN wget -O - https://some.site && wc -l file > /number\n'), []);
    assert.deepEqual(check(ID, 'FROM scratch\nRUN a || b\nRUN echo hi >| /f\nRUN echo "a | b"\n'), []);
  });
  it('is quiet after a SHELL with -o pipefail for bash, zsh or ash, at any path', () => {
    for (const shell of ['["/bin/bash", "-eo", "pipefail", "-c"]', '["/bin/bash", "-e", "-o", "pipefail", "-c"]', '["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]',
      '["/bin/zsh", "-o", "pipefail", "-c"]', '["/usr/bin/bash", "-o", "pipefail", "-c"]', '["/usr/local/bin/zsh", "-o", "pipefail", "-c"]', '["/bin/ash", "-o", "pipefail", "-c"]']) {
      assert.deepEqual(check(ID, `FROM scratch as build\nSHELL ${shell}\n${PIPE}\n`), [], shell);
    }
  });
  it('ignores PowerShell and cmd, and Windows images', () => {
    for (const shell of ['["pwsh", "-c"]', '[ "pwsh", "-c" ]', '[ "powershell.exe" ]', '[ "cmd.exe", "/c" ]']) {
      assert.deepEqual(check(ID, `FROM mcr.microsoft.com/powershell:ubuntu-16.04\nSHELL ${shell}\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n`), [], shell);
    }
    assert.deepEqual(check(ID, '# escape=`\n# hadolint shell=powershell\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a | b\n'), []);
  });
  it('still reports sh with -o pipefail (as info), a later SHELL without it, and a new stage', () => {
    assert.deepEqual(sev(`FROM scratch as build\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\n${PIPE}\n`), ['3:info']);
    assert.deepEqual(lines(check(ID, `FROM scratch as build\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${PIPE}\nFROM scratch as build2\n${PIPE}\n`)), [5]);
    assert.deepEqual(lines(check(ID, `FROM scratch as build\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${PIPE}\nSHELL ["/bin/sh", "-c"]\n${PIPE}\n`)), [5]);
    assert.deepEqual(lines(check(ID, 'FROM alpine:3.6\n# \\\n# should solve DL4006\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN echo "kaka" | sed \'s/a/o/g\' >> /root/afile\n')), [5]);
  });
  it('inherits SHELL from the stage it is built on, as Docker does', () => {
    assert.deepEqual(check(ID, `FROM debian AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\n${PIPE}\n`), []);
  });
  it('accepts set -o pipefail in the RUN itself and checks exec-form shells', () => {
    assert.deepEqual(check(ID, 'FROM debian\nRUN set -euxo pipefail; curl -fsSL x | tar -xz\n'), []);
    assert.deepEqual(check(ID, 'FROM debian\nRUN set -o pipefail && curl -fsSL x | tar -xz\n'), []);
    assert.deepEqual(lines(check(ID, 'FROM debian\nRUN ["/bin/bash", "-c", "curl -fsSL x | tar -xz"]\n')), [2]);
    assert.deepEqual(check(ID, 'FROM debian\nRUN ["/bin/bash", "-o", "pipefail", "-c", "curl -fsSL x | tar -xz"]\n'), []);
    assert.deepEqual(check(ID, 'FROM debian\nRUN ["/usr/bin/tool", "a|b"]\n'), []);
  });
  it('grades by risk: downloads and pipes into shells warn, echo is a hint, the rest info', () => {
    assert.deepEqual(sev('FROM debian\nRUN curl -fsSL https://x/install.sh | sh\n'), ['2:warning']);
    assert.deepEqual(sev('FROM debian\nRUN cat install.sh | bash\n'), ['2:warning']);
    assert.deepEqual(sev('FROM debian\nRUN echo "deb http://x stable main" | tee /etc/apt/sources.list.d/x.list\n'), ['2:hint']);
    assert.deepEqual(sev('FROM debian\nRUN find / -name "*.so" | xargs strip\n'), ['2:info']);
    assert.match(check(ID, 'FROM debian\nRUN curl -fsSL https://x/install.sh | sh\n')[0].message, /`curl` into `sh`/);
  });
  it('inserts a SHELL with pipefail before the first piping RUN, for known base images', () => {
    assert.equal(fixOnce(ID, 'FROM debian:12\nRUN a\nRUN curl x | sh\n'), 'FROM debian:12\nRUN a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl x | sh\n');
    assert.equal(fixOnce(ID, 'FROM alpine:3.20\nRUN wget -qO- x | tar -xz\n'), 'FROM alpine:3.20\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN wget -qO- x | tar -xz\n');
    assert.deepEqual(check(ID, 'FROM scratch\nRUN a | b\n')[0].fixes!(), []);
    assert.deepEqual(check(ID, 'FROM debian\nSHELL ["/bin/sh", "-c"]\nRUN a | b\n')[0].fixes!(), [], 'an explicit SHELL is the author\'s to change');
    assert.equal(check(ID, 'FROM debian:12\nRUN curl x | sh\n')[0].fixes!()[0].safe, false);
  });
});
