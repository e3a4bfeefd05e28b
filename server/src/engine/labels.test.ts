import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasVariable, isEmail, isGitHash, isRfc3339, isSemver, isSpdx, isUrl, labelPairs } from './labels';
import { DockerfileModel } from './model';

function accepts(check: (v: string) => boolean, good: string[], bad: string[]) {
  for (const v of good) assert.ok(check(v), `should accept ${JSON.stringify(v)}`);
  for (const v of bad) assert.ok(!check(v), `should reject ${JSON.stringify(v)}`);
}

describe('label value formats', () => {
  it('url: RFC 3986 absolute URIs; web URLs need a host', () => {
    accepts(isUrl,
      ['http://example.com', 'https://github.com/org/repo', 'https://h/p?q=1#frag', 'git+ssh://git@host/repo.git', 'urn:isbn:0451450523', 'mailto:a@b.c', 'https://example.com/a%20b', 'http://[::1]:8080/'],
      ['not-url', 'github.com/org/repo', 'https://', 'http:///path', 'https://exa mple.com', 'https://example.com/<x>', 'https://a/#x#y', '1http://x', 'https://example.com/%zz']);
  });
  it('rfc3339: full date-time with offset; calendar checked', () => {
    accepts(isRfc3339,
      ['2021-03-10T10:26:33.564595127+01:00', '2024-05-01T12:30:00Z', '2024-05-01t12:30:00z', '2024-05-01 12:30:00-07:00', '2024-02-29T00:00:00Z', '2016-12-31T23:59:60Z'],
      ['not-date', '2024-05-01', '2024-05-01T12:30:00', '2024-05-01T12:30Z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-04-31T00:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01T12:30:00+1:00', '10/03/2021']);
  });
  it('spdx: identifiers (any case, deprecated too) and expressions', () => {
    accepts(isSpdx,
      ['MIT', 'BSD-3-Clause', 'Apache-2.0', 'apache-2.0', 'GPL-2.0', 'GPL-2.0+', 'GPL-2.0-or-later', 'MIT OR Apache-2.0', '(MIT AND BSD-2-Clause) OR Apache-2.0', 'GPL-2.0-only WITH Classpath-exception-2.0', 'LicenseRef-proprietary', 'DocumentRef-x:LicenseRef-y'],
      ['not-spdx', 'Apache 2', 'MIT OR', '(MIT', 'MIT)', 'MIT AND AND BSD-3-Clause', 'GPL-2.0 WITH no-such-exception', 'Proprietary', '']);
  });
  it('hash: 7 to 40 hex digits, or 64', () => {
    accepts(isGitHash,
      ['2dbfae9', '43c572f1272b6b3171dd1db9e41b7027128ce080', '2dbfae9a1', 'ABCDEF0', 'a'.repeat(64)],
      ['not-git-hash', '2dbfae', 'g2dbfae9', 'a'.repeat(41), 'a'.repeat(63), 'main']);
  });
  it('semver: SemVer 2.0.0', () => {
    accepts(isSemver,
      ['1.0.0', '2.0.1-rc1', '1.0.0-alpha.1', '1.0.0+build.5', '0.0.0-0.3.7', '10.20.30-rc.1+sha.abc'],
      ['not-sem-ver', 'v1.0.0', '1.0', '1', '01.0.0', '1.0.0-01', '1.0.0+', '1.0.0 ']);
  });
  it('email: RFC 5322 address, or Name <address>', () => {
    accepts(isEmail,
      ['abcd@google.com', 'first.last+tag@sub.example.co', '"quoted name"@example.com', 'Jane Doe <jane@example.com>', '<jane@example.com>', 'user@[192.168.0.1]', 'dev@localhost'],
      ['not-email', 'a@', '@b.c', 'a@b@c', 'a..b@c.d', 'Jane <jane>', 'a@-b.com', 'jane@example.com>']);
  });
  it('variables', () => {
    assert.ok(hasVariable('$VERSION'));
    assert.ok(hasVariable('v${VERSION}'));
    assert.ok(!hasVariable('\\$5'));
    assert.ok(!hasVariable('cost $'));
  });
});

describe('labelPairs', () => {
  it('lists every pair with its instruction and stage', () => {
    const model = new DockerfileModel('LABEL a=1\nFROM x\nLABEL "b c"="d e" f=g\nONBUILD LABEL h=i\n');
    const pairs = labelPairs(model);
    assert.deepEqual(pairs.map(p => [p.key, p.value, p.instruction.stage?.index]), [['a', '1', undefined], ['b c', 'd e', 0], ['f', 'g', 0]]);
  });
});
