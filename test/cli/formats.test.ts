import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli';
import { APP_CONTEXT, APP_DOCKERFILE, onlyRulesConfig, PROVING_SLICE_RULES } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/paths';
import { sarifValidator } from '../helpers/sarif';

describe('cli: CI output formats', { concurrency: true }, () => {
  // The proving-slice rules only, so later rules do not change counts; the Dockerfile sits in a subfolder.
  const dir = makeTempDir({
    '.layerwise.yaml': onlyRulesConfig(PROVING_SLICE_RULES),
    ...Object.fromEntries(Object.entries(APP_CONTEXT).map(([k, v]) => [`svc/${k}`, v])),
    'svc/Dockerfile': APP_DOCKERFILE,
  });

  it('--format sarif writes a valid SARIF 2.1.0 log with paths relative to the working directory', async () => {
    const r = await runCli(['check', '--format', 'sarif', 'svc'], { cwd: dir });
    assert.equal(r.status, 1, `the literal secret is an error, as in the text format.${r.describe()}`);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'Layerwise');
    assert.deepEqual(run.results.map((x: { ruleId: string }) => x.ruleId).sort(), ['base-image-latest', 'copy-all-before-install', 'secret-in-env-or-arg']);
    for (const x of run.results) assert.equal(x.locations[0].physicalLocation.artifactLocation.uri, 'svc/Dockerfile');
    assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id).sort(), ['base-image-latest', 'copy-all-before-install', 'secret-in-env-or-arg']);
    assert.equal(r.stderr, '', r.describe());
  });

  it('--docs-base-url sets helpUri; a relative one is refused', async () => {
    const r = await runCli(['check', '--format=sarif', '--docs-base-url', 'https://docs.example.com/rules', 'svc/Dockerfile'], { cwd: dir });
    const rule = JSON.parse(r.stdout).runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'base-image-latest');
    assert.equal(rule.helpUri, 'https://docs.example.com/rules/base-image-latest.md');
    const bad = await runCli(['check', '--format=sarif', '--docs-base-url', 'docs/rules', 'svc/Dockerfile'], { cwd: dir });
    assert.equal(bad.status, 2, bad.describe());
    assert.match(bad.stderr, /--docs-base-url must be an absolute URL/);
  });

  it('--format github writes one workflow command per finding', async () => {
    const r = await runCli(['check', '--format', 'github', 'svc/Dockerfile'], { cwd: dir });
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, r.describe());
    assert.ok(lines.every(l => /^::(error|warning|notice) file=svc\/Dockerfile,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::\S/.test(l)), r.describe());
    assert.ok(lines.includes(lines.find(l => l.startsWith('::warning file=svc/Dockerfile,line=1,col=13,endLine=1,endColumn=19,title=base-image-latest (DL3007)::'))!));
    assert.equal(r.status, 1);
  });

  it('--format checkstyle writes checkstyle XML', async () => {
    const r = await runCli(['check', '--format', 'checkstyle', 'svc/Dockerfile'], { cwd: dir });
    assert.match(r.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<checkstyle version="4\.3">\n  <file name="svc\/Dockerfile">\n/);
    assert.equal((r.stdout.match(/<error /g) ?? []).length, 3, r.describe());
    assert.match(r.stdout, /<error line="6" column="5" severity="error" message="[^"]*API_TOKEN[^"]*" source="secret-in-env-or-arg"\/>/);
  });

  it('an unknown format is a usage error', async () => {
    const r = await runCli(['check', '--format', 'xml', 'svc/Dockerfile'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format must be text, json, sarif, github or checkstyle/);
  });
});
