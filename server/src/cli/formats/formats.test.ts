import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { analyze } from '../../engine/analyze';
import { MemoryBuildContext } from '../../engine/context';
import { ALL_RULES } from '../../engine/rules';
import type { ResolvedFinding } from '../../engine/types';
import { escapeXml, toCheckstyle } from './checkstyle';
import type { FormatInput } from './common';
import { escapeData, escapeProperty, toGithub } from './github';
import { toSarif } from './sarif';

/**
 * The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it on npm (`@microsoft/sarif-multitool-ts`,
 * `assets/sarif-2.1.0.schema.json`: the OASIS schema expressed in JSON Schema 2020-12).
 */
function sarifValidator() {
  const pkgMain = require.resolve('@microsoft/sarif-multitool-ts');
  const schemaFile = path.join(path.dirname(pkgMain), '..', 'assets', 'sarif-2.1.0.schema.json');
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  assert.match(schema.title, /SARIF\) Version 2\.1\.0 JSON Schema/);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile<any>(schema);
}

const CWD = '/work/project';
const DOCKERFILE = [
  'FROM python:latest',
  'WORKDIR /app',
  'COPY . .',
  'RUN pip install -r requirements.txt',
  'ENV API_TOKEN=abc123',
  'ADD app.py /app/',
  'CMD python app.py',
  '',
].join('\n');

function sample(): FormatInput[] {
  const context = new MemoryBuildContext({ 'requirements.txt': 'flask\n', 'app.py': '' });
  const analysis = analyze(DOCKERFILE, { rules: ALL_RULES, buildContext: context });
  return [
    { file: 'services/api/Dockerfile', analysis },
    { file: 'Dockerfile.clean', analysis: { findings: [], failures: [{ ruleId: 'broken-rule', error: new Error('boom') }] } },
  ];
}

function finding(message: string, over: Partial<ResolvedFinding> = {}): ResolvedFinding {
  return { ruleId: 'base-image-latest', severity: 'warning', message, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 18 } }, ...over };
}

describe('sarif', () => {
  const validate = sarifValidator();
  const log = toSarif(sample(), { cwd: CWD, version: '1.2.3', docsBaseUrl: 'https://example.com/layerwise/docs/rules/' }) as any;

  it('validates against the SARIF 2.1.0 schema', () => {
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
  });

  it('a broken log is rejected by the same validator (the check has teeth)', () => {
    const broken = JSON.parse(JSON.stringify(log));
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].tool.driver.name;
    assert.ok(!validate(broken));
  });

  it('describes each reported rule once, with help from its docs, level, tags and aliases', () => {
    const rules = log.runs[0].tool.driver.rules;
    const ids = rules.map((r: any) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'unique rule ids');
    const latest = rules.find((r: any) => r.id === 'base-image-latest');
    assert.equal(latest.name, 'BaseImageLatest');
    assert.match(latest.shortDescription.text, /latest/);
    assert.ok(!latest.shortDescription.text.includes('`'), 'plain text has no Markdown code spans');
    assert.match(latest.fullDescription.text, /reproducible/);
    assert.match(latest.help.text, /Instead:/);
    assert.match(latest.help.markdown, /^# base-image-latest/);
    assert.equal(latest.helpUri, 'https://example.com/layerwise/docs/rules/base-image-latest.md');
    assert.deepEqual(latest.defaultConfiguration, { level: 'warning' });
    assert.deepEqual(latest.properties.tags, ['base-image', 'DL3007']);
    const secret = rules.find((r: any) => r.id === 'secret-in-env-or-arg');
    assert.ok(secret.properties.tags.includes('security') && secret.properties['security-severity']);
  });

  it('results point at the rule, with a level, a message and a 1-based region relative to the working directory', () => {
    const { results, tool, columnKind, originalUriBaseIds } = log.runs[0];
    assert.equal(columnKind, 'utf16CodeUnits');
    assert.equal(originalUriBaseIds['%SRCROOT%'].uri, 'file:///work/project/');
    for (const r of results) {
      assert.equal(tool.driver.rules[r.ruleIndex].id, r.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      assert.ok(r.message.text.length > 10);
      // GitHub requires startLine; errata01's region schema requires one of startLine, charOffset, byteOffset.
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      assert.deepEqual(artifactLocation, { uri: 'services/api/Dockerfile', uriBaseId: '%SRCROOT%' });
      assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= region.startLine);
      assert.ok(Object.values(r.partialFingerprints).every(v => typeof v === 'string'));
    }
    const latest = results.find((r: any) => r.ruleId === 'base-image-latest');
    assert.deepEqual(latest.locations[0].physicalLocation.region, { startLine: 1, startColumn: 13, endLine: 1, endColumn: 19 });
    assert.equal(latest.level, 'warning');
  });

  it('fixable findings carry their fixes as artifact changes', () => {
    const copy = log.runs[0].results.find((r: any) => r.ruleId === 'copy-all-before-install');
    assert.ok(copy?.fixes?.length, 'copy-all-before-install offers a fix');
    const change = copy.fixes[0].artifactChanges[0];
    assert.equal(change.artifactLocation.uri, 'services/api/Dockerfile');
    assert.ok(change.replacements.length >= 1);
    for (const rep of change.replacements) {
      assert.ok(rep.deletedRegion.startLine >= 1);
      assert.equal(typeof rep.insertedContent.text, 'string');
    }
    assert.equal(typeof copy.fixes[0].properties.safe, 'boolean');
  });

  it('rule failures become tool execution notifications', () => {
    const [n] = log.runs[0].invocations[0].toolExecutionNotifications;
    assert.equal(n.descriptor.id, 'broken-rule');
    assert.match(n.message.text, /boom/);
  });

  it('fingerprints ignore where a finding moved but tell identical findings apart', () => {
    const at = (text: string) => (toSarif([{ file: 'Dockerfile', analysis: analyze(text, { rules: ALL_RULES.filter(r => r.id === 'base-image-latest') }) }], { cwd: CWD, version: '1' }) as any)
      .runs[0].results.map((r: any) => r.partialFingerprints['layerwiseFindingHash/v1']);
    const [a] = at('FROM python:latest\n');
    const [b] = at('# comment\n\nFROM python:latest\n');
    assert.equal(a, b);
    const two = at('FROM python:latest AS a\nFROM python:latest\n');
    assert.notEqual(two[0], two[1]);
  });

  it('paths outside the working directory become file URIs; names are percent-encoded', () => {
    const one = (file: string) => (toSarif([{ file, analysis: { findings: [finding('x')], failures: [] } }], { cwd: CWD, version: '1' }) as any).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(one('/elsewhere/Dockerfile'), { uri: 'file:///elsewhere/Dockerfile' });
    assert.deepEqual(one('docker/my app/Dockerfile'), { uri: 'docker/my%20app/Dockerfile', uriBaseId: '%SRCROOT%' });
    const stdin = toSarif([{ file: '<stdin>', analysis: { findings: [finding('x')], failures: [] } }], { cwd: CWD, version: '1' });
    assert.ok(validate(stdin), JSON.stringify(validate.errors));
  });

  it('an empty run is valid too', () => {
    const empty = toSarif([], { cwd: CWD, version: '0.0.0-dev' }) as any;
    assert.ok(validate(empty), JSON.stringify(validate.errors));
    assert.deepEqual(empty.runs[0].results, []);
    assert.deepEqual(empty.runs[0].tool.driver.rules, []);
  });
});

describe('github workflow commands', () => {
  it('one annotation per finding with 1-based positions and the rule as title', () => {
    const out = toGithub(sample(), { cwd: CWD });
    const latest = out.split('\n').find(l => l.includes('title=base-image-latest'))!;
    assert.equal(latest.split('::')[1], 'warning file=services/api/Dockerfile,line=1,col=13,endLine=1,endColumn=19,title=base-image-latest (DL3007)');
    assert.match(out, /^::error file=Dockerfile\.clean,title=layerwise internal error in broken-rule::boom$/m);
    assert.ok(out.endsWith('\n'));
  });
  it('severities map to error, warning and notice', () => {
    const levels = (['error', 'warning', 'info', 'hint'] as const).map(severity =>
      toGithub([{ file: 'D', analysis: { findings: [finding('m', { severity })], failures: [] } }], { cwd: CWD }).split(' ')[0]);
    assert.deepEqual(levels, ['::error', '::warning', '::notice', '::notice']);
  });
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('C:\\dir,a%\n'), 'C%3A\\dir%2Ca%25%0A');
    const out = toGithub([{ file: 'dir,with:odd%name/Dockerfile', analysis: { findings: [finding('line one\nline two: `50%`, done')], failures: [] } }], { cwd: CWD });
    assert.equal(out, "::warning file=dir%2Cwith%3Aodd%25name/Dockerfile,line=1,col=6,endLine=1,endColumn=19,title=base-image-latest (DL3007)::line one%0Aline two: '50%25', done\n");
  });
  it('prints nothing for clean files', () => {
    assert.equal(toGithub([{ file: 'D', analysis: { findings: [], failures: [] } }], { cwd: CWD }), '');
  });
});

describe('checkstyle', () => {
  it('lists every file, each finding as an error element with line, column, severity and source', () => {
    const out = toCheckstyle(sample(), { cwd: CWD });
    assert.match(out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<checkstyle version="4\.3">\n  <file name="services\/api\/Dockerfile">\n/);
    assert.match(out, /<error line="1" column="13" severity="warning" message="[^"]+" source="base-image-latest"\/>/);
    assert.match(out, /<file name="Dockerfile\.clean">\n    <error line="1" severity="error" message="internal error in rule broken-rule: boom" source="layerwise"\/>/);
    assert.ok(out.trimEnd().endsWith('</checkstyle>'));
    const hint = toCheckstyle([{ file: 'D', analysis: { findings: [finding('m', { severity: 'hint' })], failures: [] } }], { cwd: CWD });
    assert.match(hint, /severity="info"/);
    assert.match(toCheckstyle([{ file: 'D', analysis: { findings: [], failures: [] } }], { cwd: CWD }), /<file name="D"\/>/);
  });
  it('escapes XML entities, keeps newlines as character references and drops characters XML cannot carry', () => {
    assert.equal(escapeXml(`a & b < c > d "e" 'f'`), 'a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
    assert.equal(escapeXml('one\ntwo\r\tthree\u0000\u001b!'), 'one&#10;two&#13;&#9;three!');
    const out = toCheckstyle([{ file: 'a&b/Dockerfile', analysis: { findings: [finding('use `<img src="x">` & \'y\'\nnext')], failures: [] } }], { cwd: CWD });
    assert.match(out, /<file name="a&amp;b\/Dockerfile">/);
    assert.match(out, /message="use &apos;&lt;img src=&quot;x&quot;&gt;&apos; &amp; &apos;y&apos;&#10;next"/);
  });
});
