/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF viewers.
 *
 * One run. `tool.driver.rules` describes every rule that produced a result, with help text and
 * Markdown generated from the rule's docs (the same page as `docs/rules/<id>.md`). Results carry
 * 1-based regions in UTF-16 code units (`columnKind`), artifact URIs relative to the working
 * directory (`%SRCROOT%`), the rule's fixes as `artifactChanges`, and a fingerprint that survives
 * lines moving.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule } from '../../engine/rule';
import { ruleMarkdownPage, ruleText } from '../../engine/rule-docs';
import { ruleById } from '../../engine/rules';
import { wikiUrl } from '../../shellcheck/run';
import type { Fix, Range, ResolvedFinding, Severity } from '../../engine/types';
import { displayPath, plainText, type FormatInput, type FormatOptions } from './common';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** GitHub ranks security alerts by `security-severity` (0–10): critical ≥ 9, high ≥ 7, medium ≥ 4, low below. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '1.0' };
const SRCROOT = '%SRCROOT%';

/* Only the parts of the SARIF object model this writer produces. */
interface Message { text: string; markdown?: string }
interface Region { startLine: number; startColumn: number; endLine: number; endColumn: number }
interface ArtifactLocation { uri: string; uriBaseId?: string }
interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  helpUri?: string;
  defaultConfiguration: { level: Level };
  properties: { tags: string[]; 'security-severity'?: string; severity: Severity; fixable: boolean; aliases: string[] };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: Message;
  locations: { physicalLocation: { artifactLocation: ArtifactLocation; region: Region } }[];
  partialFingerprints: Record<string, string>;
  fixes?: { description: Message; artifactChanges: { artifactLocation: ArtifactLocation; replacements: { deletedRegion: Region | { charOffset: number; charLength: number }; insertedContent: { text: string } }[] }[]; properties: { safe: boolean } }[];
  properties: { severity: Severity };
}

export function toSarif(results: FormatInput[], options: FormatOptions): object {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (ruleId: string): number | undefined => {
    let index = ruleIndex.get(ruleId);
    if (index === undefined) {
      const rule = ruleById(ruleId);
      const shellCheck = /^SC(\d+)$/.exec(ruleId);
      const described = rule ? descriptor(rule, options.docsBaseUrl) : shellCheck ? shellCheckDescriptor(Number(shellCheck[1])) : undefined;
      if (!described) return undefined;
      index = rules.push(described) - 1;
      ruleIndex.set(ruleId, index);
    }
    return index;
  };

  const sarifResults: SarifResult[] = [];
  const notifications: object[] = [];
  for (const r of results) {
    const location = artifactLocation(r.file, options.cwd);
    const seen = new Map<string, number>();
    for (const f of r.analysis.findings) {
      const index = indexOf(f.ruleId);
      if (index === undefined) continue;
      const fingerprint = fingerprintOf(displayPath(r.file, options.cwd), f, seen);
      const result: SarifResult = {
        ruleId: f.ruleId,
        ruleIndex: index,
        level: LEVEL[f.severity],
        message: { text: plainText(f.message), markdown: f.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(f.range) } }],
        partialFingerprints: { 'layerwiseFindingHash/v1': fingerprint },
        properties: { severity: f.severity },
      };
      const fixes = sarifFixes(f, location, r.file, options.cwd);
      if (fixes.length) result.fixes = fixes;
      sarifResults.push(result);
    }
    for (const failure of r.analysis.failures) {
      notifications.push({
        level: 'error',
        message: { text: `Rule ${failure.ruleId} failed on ${displayPath(r.file, options.cwd)}: ${failure.error.message}; its findings for this file are missing.` },
        descriptor: { id: failure.ruleId },
        locations: [{ physicalLocation: { artifactLocation: location } }],
      });
    }
  }

  const cwdUri = pathToFileURL(options.cwd).toString().replace(/\/?$/, '/');
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Layerwise',
          fullName: 'Layerwise Dockerfile linter',
          version: options.version,
          semanticVersion: /^\d+\.\d+\.\d+/.test(options.version) ? options.version : undefined,
          ...(options.docsBaseUrl ? { informationUri: options.docsBaseUrl } : {}),
          rules,
        },
      },
      invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
      originalUriBaseIds: { [SRCROOT]: { uri: cwdUri } },
      columnKind: 'utf16CodeUnits',
      results: sarifResults,
    }],
  };
}

function descriptor(rule: Rule, docsBaseUrl: string | undefined): ReportingDescriptor {
  const security = rule.category === 'security' || rule.category === 'secrets';
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: plainText(rule.docs.summary), markdown: rule.docs.summary },
    fullDescription: { text: plainText(rule.docs.why.replace(/\s*\n\s*/g, ' ').trim()), markdown: rule.docs.why },
    help: { text: ruleText(rule), markdown: ruleMarkdownPage(rule) },
    ...(docsBaseUrl ? { helpUri: `${docsBaseUrl.replace(/\/+$/, '')}/${rule.id}.md` } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: [...new Set([rule.category, ...(security ? ['security'] : []), ...rule.aliases])],
      ...(security ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
      severity: rule.severity,
      fixable: rule.fixable,
      aliases: [...rule.aliases],
    },
  };
}

/** ShellCheck's codes are described by ShellCheck's wiki; the finding's message says what is wrong. */
function shellCheckDescriptor(code: number): ReportingDescriptor {
  const id = `SC${code}`;
  const helpUri = wikiUrl(code);
  const text = `ShellCheck ${id} in a RUN script. See ${helpUri} for what it means and how to fix it.`;
  return {
    id,
    name: `ShellCheck${code}`,
    shortDescription: { text: `ShellCheck ${id}` },
    fullDescription: { text },
    help: { text, markdown: `ShellCheck [${id}](${helpUri}) in a RUN script.` },
    helpUri,
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['shellcheck', 'correctness'], severity: 'warning', fixable: false, aliases: [] },
  };
}

function region(range: Range): Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    // SARIF's endColumn is the column after the region, as is our exclusive end.
    endColumn: range.end.character + 1,
  };
}

function artifactLocation(file: string, cwd: string): ArtifactLocation {
  const shown = displayPath(file, cwd);
  if (shown === '<stdin>') return { uri: encodeURIComponent(shown) };
  if (path.isAbsolute(shown) || /^[A-Za-z]:\//.test(shown)) return { uri: pathToFileURL(shown).toString() };
  return { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/**
 * Rule, file and the finding's message (which quotes what is wrong), plus an occurrence count for
 * identical findings: stable when unrelated lines are added above.
 */
function fingerprintOf(file: string, f: ResolvedFinding, seen: Map<string, number>): string {
  const key = `${f.ruleId}\0${file}\0${f.message}`;
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
}

/** Fixes that edit the Dockerfile and may create files; ones that append to existing files are left out (the offset is unknown here). */
function sarifFixes(f: ResolvedFinding, location: ArtifactLocation, file: string, cwd: string): NonNullable<SarifResult['fixes']> {
  const fixes: Fix[] = f.fixes?.() ?? [];
  const out: NonNullable<SarifResult['fixes']> = [];
  for (const fix of fixes) {
    if (fix.appendFiles?.length || !fix.edits.length) continue;
    const changes: NonNullable<SarifResult['fixes']>[number]['artifactChanges'] = [{
      artifactLocation: location,
      replacements: fix.edits.map(e => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
    }];
    for (const created of fix.createFiles ?? []) {
      const target = file === '<stdin>' ? created.path : path.join(path.dirname(path.resolve(cwd, file)), created.path);
      changes.push({ artifactLocation: artifactLocation(target, cwd), replacements: [{ deletedRegion: { charOffset: 0, charLength: 0 }, insertedContent: { text: created.content } }] });
    }
    out.push({ description: { text: plainText(fix.title), markdown: fix.title }, artifactChanges: changes, properties: { safe: fix.safe } });
  }
  return out;
}
