#!/usr/bin/env node
// User-level check of Layerwise: Build and Run in a real VS Code workbench (code-server +
// Debian's headless Chromium via playwright-core), done the way a person does the seeds'
// "Failing Container" exercise: open the Dockerfile, run "Layerwise: Build and Run" from
// the command palette, answer the prompts by typing, and read the terminal and the
// notifications. Needs the real Docker engine (scripts/docker-engine.sh --python).
//
//   node test/browser/build-run-check.mjs [--extension-path <dir>]
//
// Writes test-results/browser-build-run.json ({passed, failed, tests}) and screenshots of
// failures to test-results/screenshots/. Exit 0 all passed, 1 a check failed, 2 no result.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  HostError, ROOT, makeRunDir, remoteUri, removeRunDir, runSetup, sleep, startChromium, startCodeServer, stopGroup, workbenchUrl,
} from '../harness/host.mjs';
import { SCREENSHOTS, createChecks, finishChecks, quickOpen, runAsScript, runCommand, waitFor } from './workbench.mjs';
const SEED = path.join(ROOT, 'test', 'fixtures', 'build', 'seed-app');
const TAG = 'layerwise-browser-secure-ai-app:v1';
const SECRET = `sk-browser-${Date.now().toString(36)}`;
const log = (msg) => console.log(`[build-run-check] ${msg}`);

export async function runBuildRunCheck({ extensionPath = ROOT, deadline = Date.now() + 5 * 60_000, skipSetup = false } = {}) {
  const runDir = makeRunDir('lwb');
  const procs = [];
  let page;
  let infraError = null;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Each step needs the one before it, so the first failure stops the rest.
  const checks = createChecks({ prefix: 'build-run', log, deadline, page: () => page, blockOnAnyFailure: true });
  const check = checks.check;

  try {
    if (!skipSetup) runSetup();
    try {
      execFileSync('docker', ['image', 'inspect', 'python:3.11-slim'], { stdio: 'ignore' });
    } catch {
      throw new HostError('no Docker engine with python:3.11-slim answers; run scripts/docker-engine.sh --python');
    }
    const ws = path.join(runDir, 'secure-ai-app');
    fs.cpSync(SEED, ws, { recursive: true });
    const server = await startCodeServer({ runDir, workspace: ws });
    procs.push(server.child);
    // The DOM terminal renderer, so the terminal's text can be read like any other text.
    const settingsFile = path.join(runDir, 'ud', 'User', 'settings.json');
    fs.writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(settingsFile, 'utf8')), 'terminal.integrated.gpuAcceleration': 'off' }, null, 2));
    const chrome = await startChromium({ runDir });
    procs.push(chrome.child);
    page = await (await chrome.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(workbenchUrl(server.base, ws, [['extensionDevelopmentPath', remoteUri(server.port, extensionPath)]]));

    await check('the workbench opens the exercise folder and its Dockerfile', async () => {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 30_000 });
      await quickOpen(page, 'Dockerfile');
      await page.locator('.part.editor .monaco-editor .view-line', { hasText: 'python:3.11-slim' }).waitFor({ timeout: 15_000 });
    });

    await check('the Dockerfile’s editor title has Build Image, Run Image and Build and Run buttons', async () => {
      for (const label of ['Build and Run', 'Build Image', 'Run Image']) {
        await page.locator(`.editor-actions .action-label[aria-label*="${label}"]`).first().waitFor({ timeout: 15_000 });
      }
    });

    await check('the explorer’s context menu on the Dockerfile offers the three commands', async () => {
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'Dockerfile' }).first().click({ button: 'right' });
      const menu = page.locator('.monaco-menu');
      await menu.first().waitFor({ timeout: 10_000 });
      const text = (await menu.first().innerText()).replace(/\s+/g, ' ');
      for (const label of ['Build Image', 'Run Image', 'Build and Run']) if (!text.includes(label)) throw new Error(`menu: ${text}`);
      await page.keyboard.press('Escape');
    });

    await check('"Layerwise: Build and Run" is in the command palette and asks for the tag first', async () => {
      await runCommand(page, 'Layerwise: Build and Run');
      await waitForTitle(page, 'Layerwise: Build and Run (1/4)');
      const input = page.locator('.quick-input-widget input');
      if ((await input.inputValue()) !== 'secure-ai-app:dev') throw new Error(`default tag ${JSON.stringify(await input.inputValue())}, expected secure-ai-app:dev`);
      await input.fill(TAG);
      await page.keyboard.press('Enter');
    });

    await check('the environment step lists MODEL_API_KEY, found in main.py, as required and secret', async () => {
      await waitForTitle(page, 'Layerwise: Build and Run (2/4)');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'MODEL_API_KEY' }).first();
      await row.waitFor({ timeout: 10_000 });
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      if (!/required · secret/.test(text) || !/main\.py:12 os\.environ\.get without a default/.test(text)) throw new Error(`row text: ${text}`);
      await page.keyboard.press('Enter');
    });

    await check('MODEL_API_KEY is asked for in a masked input that says where it was found', async () => {
      await waitForTitle(page, 'Layerwise: Build and Run (3/4)');
      const input = page.locator('.quick-input-widget input');
      if ((await input.getAttribute('type')) !== 'password') throw new Error('the input is not masked');
      const prompt = await page.locator('.quick-input-widget .quick-input-message').innerText();
      if (!/main\.py:12/.test(prompt)) throw new Error(`prompt: ${prompt}`);
      // Left empty: Layerwise warns, and lets the user go on.
      const warning = await page.locator('.quick-input-widget').innerText();
      if (!/Left empty, MODEL_API_KEY is not passed/.test(warning)) throw new Error(`no warning shown: ${warning.slice(0, 300)}`);
      await page.keyboard.press('Enter');
      await waitForTitle(page, 'Layerwise: Build and Run (4/4)');
      await page.keyboard.press('Enter');
    });

    await check('left empty, the user sees the container’s error and its exit code', async () => {
      await waitForTerminalText(page, "CRITICAL ERROR: 'MODEL_API_KEY' environment variable not set.", 240_000);
      await waitForTerminalText(page, 'The container exited with code 1', 30_000);
      const notifications = await notificationText(page);
      if (!/exited with code 1/.test(notifications)) throw new Error(`notifications: ${notifications.slice(0, 500)}`);
    });

    await check('run again: the tag is remembered, Back works, and given a value the container prints its success line', async () => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'Layerwise: Build and Run');
      await waitForTitle(page, 'Layerwise: Build and Run (1/4)');
      const tag = await page.locator('.quick-input-widget input').inputValue();
      if (tag !== TAG) throw new Error(`the tag was not remembered: ${tag}`);
      await page.keyboard.press('Enter');
      await waitForTitle(page, 'Layerwise: Build and Run (2/4)');
      await page.keyboard.press('Enter');
      await waitForTitle(page, 'Layerwise: Build and Run (3/4)');
      // Back goes to the previous step, and forward again keeps the flow intact.
      await page.locator('.quick-input-widget .quick-input-titlebar .codicon-quick-input-back').first().click();
      await waitForTitle(page, 'Layerwise: Build and Run (2/4)');
      await page.keyboard.press('Enter');
      await waitForTitle(page, 'Layerwise: Build and Run (3/4)');
      await page.locator('.quick-input-widget input').fill(SECRET);
      await page.keyboard.press('Enter');
      await waitForTitle(page, 'Layerwise: Build and Run (4/4)');
      await page.keyboard.press('Enter');
      await waitForTerminalText(page, 'SUCCESS: Model_V1 is running on secure port.', 240_000);
    });

    await check('the value is nowhere on screen: not in the terminal, not in its command line', async () => {
      await page.keyboard.press('Escape');
      // A bigger panel shows more terminal rows (only the visible ones are in the page).
      await runCommand(page, 'View: Toggle Maximized Panel');
      await sleep(500);
      const text = await terminalText(page);
      if (!/--env=MODEL_API_KEY/.test(text.replace(/\n/g, ''))) throw new Error(`the docker run command line is not shown: ${JSON.stringify(text.slice(-1500))}`);
      if (text.includes(SECRET)) throw new Error('the secret value is in the terminal');
      const body = await page.evaluate(() => document.body.innerText);
      if (body.includes(SECRET)) throw new Error('the secret value is visible in the workbench');
    });

    if (!checks.blocked) await page.screenshot({ path: path.join(SCREENSHOTS, 'build-run-success.png') }).catch(() => {});
  } catch (err) {
    infraError = err instanceof HostError ? err.message : (err?.stack ?? String(err));
    await page?.screenshot({ path: path.join(SCREENSHOTS, 'build-run-no-result.png') }).catch(() => {});
  } finally {
    for (const p of procs.reverse()) await stopGroup(p);
    try { execFileSync('docker', ['rmi', '--force', TAG], { stdio: 'ignore' }); } catch { /* not built */ }
    removeRunDir(runDir);
  }

  if (checks.timedOut) infraError ??= 'the overall time limit was reached before all checks ran';
  return finishChecks('browser-build-run', checks.tests, infraError);
}

// ------------------------------------------------------------------ helpers
async function waitForTitle(page, title) {
  const locator = page.locator('.quick-input-widget .quick-input-title');
  await waitFor(async () => (await locator.isVisible()) && (await locator.innerText()).trim() === title, 30_000,
    async () => `quick input title: ${JSON.stringify(await locator.innerText().catch(() => '(none)'))}`);
}

async function terminalText(page) {
  return page.evaluate(() => [...document.querySelectorAll('.terminal .xterm-rows')].map((el) => el.innerText.replace(/\u00a0/g, ' ')).join('\n'));
}

async function waitForTerminalText(page, text, timeoutMs) {
  await waitFor(async () => (await terminalText(page)).includes(text), timeoutMs,
    async () => `terminal text (end): ${JSON.stringify((await terminalText(page)).slice(-800))}`);
}

/** The smoke-test driver hides toasts; the notification center still lists them. */
async function notificationText(page) {
  await runCommand(page, 'Notifications: Show Notifications');
  const center = page.locator('.notifications-center');
  await center.waitFor({ timeout: 10_000 });
  await sleep(300);
  return (await center.innerText()).replace(/\s+/g, ' ');
}

// --------------------------------------------------------------------- CLI
const extensionPathArg = process.argv.indexOf('--extension-path') > 0 ? path.resolve(process.argv[process.argv.indexOf('--extension-path') + 1]) : '';
runAsScript(import.meta.url, {
  summaryName: 'browser-build-run', label: 'browser build-and-run check', timeoutMs: 8 * 60_000, prebuilt: !!extensionPathArg,
  run: (deadline) => runBuildRunCheck({ extensionPath: extensionPathArg || ROOT, deadline, skipSetup: true }),
});
