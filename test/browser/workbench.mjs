// What the user-level browser checks share: recording checks as tests, waiting, driving the
// command palette and Quick Open, writing the summary, and running a check as a script.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULTS_DIR, ROOT, buildExtension, killAllGroups, noResultSummary, runSetup, sleep, writeSummary } from '../harness/host.mjs';

export const SCREENSHOTS = path.join(RESULTS_DIR, 'screenshots');

export const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

export async function waitFor(predicate, timeoutMs, describe) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await predicate()) return;
    await sleep(250);
  }
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s; ${describe ? await describe() : ''}`);
}

/**
 * Each check is one recorded test. Once a check the others depend on fails (any check when
 * `blockOnAnyFailure`, else only those marked `gate`), the rest are recorded as failed
 * ("not reached"), never skipped. A failure leaves a screenshot named after the check.
 */
export function createChecks({ prefix, log, deadline, page, blockOnAnyFailure = false }) {
  const state = { tests: [], blocked: null, timedOut: false };
  state.check = async (title, fn, { gate = blockOnAnyFailure } = {}) => {
    if (state.blocked) {
      state.tests.push({ title, state: 'failed', error: `not reached: "${state.blocked}" failed first` });
      return;
    }
    if (Date.now() > deadline) {
      state.timedOut = true;
      state.blocked = title;
      state.tests.push({ title, state: 'failed', error: 'not reached: overall time limit' });
      return;
    }
    try {
      await fn();
      state.tests.push({ title, state: 'passed', error: null });
      log(`✔ ${title}`);
    } catch (err) {
      const shot = path.join(SCREENSHOTS, `${prefix}-${slug(title)}.png`);
      await page()?.screenshot({ path: shot }).catch(() => {});
      state.tests.push({ title, state: 'failed', error: `${err?.message ?? err} (screenshot: ${path.relative(ROOT, shot)})` });
      log(`✘ ${title}: ${err?.message ?? err}`);
      if (gate) state.blocked = title;
    }
  };
  return state;
}

/**
 * Writes `test-results/<summaryName>.json`. Checks that did run keep their results; a start-up
 * failure or the time limit adds one failed entry and makes the exit code 2.
 */
export function finishChecks(summaryName, tests, infraError) {
  if (!infraError && tests.length === 0) infraError = 'no check ran';
  if (infraError) {
    tests.push({ title: `${summaryName} run`, state: 'failed', error: infraError });
    console.error(`[${summaryName}] NO COMPLETE RESULT: ${infraError}`);
  }
  const passed = tests.filter((t) => t.state === 'passed').length;
  writeSummary(summaryName, { passed, failed: tests.length - passed, tests });
  console.log(`${summaryName}: ${passed} passed, ${tests.length - passed} failed`);
  if (infraError) return 2;
  return passed === tests.length ? 0 : 1;
}

export async function runCommand(page, label, timeout = 10_000) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 5000 });
  await input.fill(`>${label}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout });
  await page.keyboard.press('Enter');
}

/** Ctrl+P, type the name, Enter; waits for its tab. */
export async function quickOpen(page, name) {
  await page.locator('.part.editor').click({ position: { x: 200, y: 200 } }).catch(() => {});
  const input = page.locator('.quick-input-widget input');
  for (let i = 0; i < 3 && !(await input.isVisible()); i++) {
    await page.keyboard.press('Control+P');
    await input.waitFor({ timeout: 5000 }).catch(() => {});
  }
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
}

/**
 * When `moduleUrl` is the script node was started with: set up the host, build the extension
 * unless `prebuilt`, then `run(deadline)`; exits with its code, killing every process group left.
 */
export function runAsScript(moduleUrl, { summaryName, label, timeoutMs, prebuilt, run }) {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  (async () => {
    try {
      runSetup();
      if (!prebuilt) { console.log(`[${summaryName}] npm run build`); buildExtension(); }
    } catch (err) {
      writeSummary(summaryName, noResultSummary(label, err.message));
      console.error(`[${summaryName}] ${err.message}`);
      console.log(`${summaryName}: 0 passed, 1 failed`);
      return 2;
    }
    return run(Date.now() + Number(process.env.LAYERWISE_TEST_TIMEOUT_MS || timeoutMs));
  })().then(
    (code) => { killAllGroups(); process.exit(code); },
    (err) => { console.error(err); killAllGroups(); process.exit(2); },
  );
}
