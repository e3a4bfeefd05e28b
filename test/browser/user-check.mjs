#!/usr/bin/env node
// User-level check of Layerwise in a real VS Code workbench (code-server +
// Debian's headless Chromium via playwright-core), done the way a person would:
// Quick Open the fixture Dockerfile, wait for squiggles, move the mouse onto
// them and read the hover, open the Problems panel and read the entries.
// No test payload: the extension is either installed from a VSIX (a real
// install, no smoke-test driver) or loaded as the development extension.
//
// How it runs:
//   - by test/harness/run-extension-tests.mjs, right after the in-host suite
//     (code-server backend; skip with --no-user-check, or run only this with
//     --user-check) — development extension = the repo;
//   - alone: node test/browser/user-check.mjs [--vsix <file.vsix>] [--extension-path <dir>]
//     (runs scripts/setup-vscode-host.sh, and `npm run build` unless --vsix or
//     --extension-path is given).
// Writes test-results/browser.json ({passed, failed, tests:[{title,state,error}]}),
// screenshots of failures (and one of the final state) to test-results/screenshots/.
// Exit codes: 0 all checks passed, 1 a check failed, 2 the workbench could not
// be started (no result).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  HostError, ROOT, freshWorkspace, installVsix, makeRunDir, remoteUri, removeRunDir, runSetup, sleep, startChromium,
  startCodeServer, stopGroup, workbenchUrl,
} from '../harness/host.mjs';
import { SCREENSHOTS, createChecks, finishChecks, quickOpen, runAsScript, runCommand, waitFor } from './workbench.mjs';
const RULES = {
  base: 'base-image-latest',
  secret: 'secret-in-env-or-arg',
  copy: 'copy-all-before-install',
};
const SQUIGGLES = '.part.editor .monaco-editor [class*="squiggly-"]';

const log = (msg) => console.log(`[user-check] ${msg}`);

/**
 * Runs the check; returns the exit code (0/1/2). `deadline` (ms epoch) bounds
 * the whole check; `skipSetup` when the caller already ran the setup script.
 */
export async function runUserCheck({ extensionPath = ROOT, vsix = '', deadline = Date.now() + 5 * 60_000, skipSetup = false } = {}) {
  const runDir = makeRunDir('lwu');
  const procs = [];
  let page;
  let infraError = null;

  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const f of fs.readdirSync(SCREENSHOTS)) if (f.startsWith('user-check-')) fs.rmSync(path.join(SCREENSHOTS, f));

  const remaining = () => Math.max(deadline - Date.now(), 1000);
  const checks = createChecks({ prefix: 'user-check', log, deadline, page: () => page });
  const check = checks.check;

  try {
    if (!skipSetup) runSetup();
    const ws = freshWorkspace(runDir);
    if (vsix) installVsix(runDir, path.resolve(vsix));
    const server = await startCodeServer({ runDir, workspace: ws, smokeTestDriver: !vsix });
    procs.push(server.child);
    const chrome = await startChromium({ runDir });
    procs.push(chrome.child);
    page = await (await chrome.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    // Development extension: loaded through the payload, which only the
    // smoke-test driver honours; a VSIX install needs neither.
    const payload = vsix ? undefined : [['extensionDevelopmentPath', remoteUri(server.port, extensionPath)]];
    await page.goto(workbenchUrl(server.base, ws, payload));

    await check('workbench opens the fixture folder', async () => {
      await page.locator('.monaco-workbench').waitFor({ timeout: Math.min(remaining(), 60_000) });
      await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 30_000 });
    }, { gate: true });

    await check('Quick Open opens the Dockerfile', async () => {
      await quickOpen(page, 'Dockerfile');
      await page.locator('.part.editor .monaco-editor .view-line', { hasText: 'python:latest' }).waitFor({ timeout: 15_000 });
    }, { gate: true });

    await check('squiggles appear under the three problem lines', async () => {
      await waitFor(async () => (await squigglesByLine(page)).size >= 3, Math.min(remaining(), 45_000),
        async () => `squiggled lines: ${JSON.stringify([...(await squigglesByLine(page)).keys()])}`);
    }, { gate: true });

    // The hover shows the problem (message + rule id) at once and the rule's
    // explanation from the hover provider a moment later: wait for both.
    await check(`hover on the COPY . . squiggle explains ${RULES.copy} and layer caching`, async () => {
      await hoverLine(page, 'COPY . .', `${RULES.copy} and a mention of cache/caching`,
        (text) => text.includes(RULES.copy) && /cach/i.test(text));
    });

    await check(`hover on the ENV API_TOKEN squiggle explains ${RULES.secret}`, async () => {
      await hoverLine(page, 'ENV API_TOKEN', `${RULES.secret} and "docker run -e" or "--mount=type=secret"`,
        (text) => text.includes(RULES.secret) && /docker run -e|--mount=type=secret/.test(text));
    });

    await check('Problems panel lists the layerwise entries', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      await panel.waitFor({ timeout: 10_000 }).catch(async () => {
        await runCommand(page, 'View: Focus Problems');
        await panel.waitFor({ timeout: 10_000 });
      });
      let text = '';
      await waitFor(async () => {
        text = (await panel.innerText()).replace(/\s+/g, ' ');
        return Object.values(RULES).every((id) => text.includes(id)) && text.includes('layerwise');
      }, 15_000, async () => `Problems panel text: ${JSON.stringify(text.slice(0, 600))}`);
    });

    if (!checks.blocked) await page.screenshot({ path: path.join(SCREENSHOTS, 'user-check-success.png') }).catch(() => {});
  } catch (err) {
    infraError = err instanceof HostError ? err.message : (err?.stack ?? String(err));
    await page?.screenshot({ path: path.join(SCREENSHOTS, 'user-check-no-result.png') }).catch(() => {});
  } finally {
    for (const p of procs.reverse()) await stopGroup(p);
    removeRunDir(runDir);
  }

  if (checks.timedOut) infraError ??= 'the overall time limit was reached before all checks ran';
  return finishChecks('browser', checks.tests, infraError);
}

// ------------------------------------------------------------------ helpers
/** Map of editor line text -> squiggle boxes on that line (by vertical overlap). */
async function squigglesByLine(page) {
  const { lines, squiggles } = await page.evaluate((sel) => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
    return {
      lines: [...document.querySelectorAll('.part.editor .monaco-editor .view-lines .view-line')]
        .map((el) => ({ text: el.textContent.replace(/\u00a0/g, ' '), box: box(el) })),
      squiggles: [...document.querySelectorAll(sel)].map(box).filter((b) => b.w > 0 && b.h > 0),
    };
  }, SQUIGGLES);
  const byLine = new Map();
  for (const s of squiggles) {
    const mid = s.y + s.h / 2;
    const line = lines.find((l) => mid >= l.box.y && mid <= l.box.y + l.box.h);
    if (!line) continue;
    byLine.set(line.text, [...(byLine.get(line.text) ?? []), s]);
  }
  return byLine;
}

/**
 * Moves the mouse onto the squiggle of the line starting with `lineStart`
 * (not locator.hover(), which scrolls and times out) and returns the text of
 * the hover once `accept(text)` holds (`expected` describes it for errors).
 */
async function hoverLine(page, lineStart, expected, accept) {
  const byLine = await squigglesByLine(page);
  const entry = [...byLine.entries()].find(([text]) => text.trimStart().startsWith(lineStart));
  if (!entry) throw new Error(`no squiggle on the "${lineStart}" line; squiggled lines: ${JSON.stringify([...byLine.keys()])}`);
  const s = entry[1][0];
  let text = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await sleep(200);
    await page.mouse.move(s.x + Math.min(s.w / 2, 12), s.y + s.h / 2, { steps: 4 });
    const end = Date.now() + 4000;
    while (Date.now() < end) {
      text = await page.evaluate(() => [...document.querySelectorAll('.monaco-hover')]
        .filter((el) => el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility !== 'hidden')
        .map((el) => el.innerText).join('\n'));
      if (accept(text)) return text;
      await sleep(200);
    }
  }
  throw new Error(`hover over "${lineStart}" never showed ${expected}; last hover text: ${JSON.stringify(text.slice(0, 700))}`);
}

// --------------------------------------------------------------------- CLI
function parseArgs(argv) {
  const opts = { vsix: '', extensionPath: '' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--vsix' && argv[i + 1]) opts.vsix = argv[++i];
    else if (argv[i] === '--extension-path' && argv[i + 1]) opts.extensionPath = path.resolve(argv[++i]);
    else { console.error(`user-check: unknown option ${argv[i]}; see the top of this file`); process.exit(2); }
  }
  return opts;
}

const cliOptions = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) ? parseArgs(process.argv.slice(2)) : undefined;
runAsScript(import.meta.url, {
  summaryName: 'browser', label: 'browser user check', timeoutMs: 5 * 60_000,
  prebuilt: !!(cliOptions?.vsix || cliOptions?.extensionPath),
  run: (deadline) => runUserCheck({ extensionPath: cliOptions.extensionPath || ROOT, vsix: cliOptions.vsix, deadline, skipSetup: true }),
});
