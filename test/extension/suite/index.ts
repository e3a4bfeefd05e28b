// Entry point loaded by the VS Code extension host (extensionTestsPath). It
// runs every *.test.js compiled next to it with mocha (TDD UI: suite/test),
// prints mocha's spec report to the host console, and, when the runner set
// LAYERWISE_TEST_RESULTS, writes {passed, failed, tests} there so the runner
// can read results without parsing console output (plus `complete`, false
// while mocha is still running).
// LAYERWISE_TEST_GREP (optional) limits the run to matching test titles.
// LAYERWISE_TEST_LOG (optional) receives a copy of mocha's report as plain
// text: code-server forwards host console output only as comma-joined
// arguments, so the runner prints this file instead.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

interface TestRecord {
  title: string;
  state: 'passed' | 'failed';
  error: string | null;
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    // Stack traces through bundled code are long; the top frames are enough.
    const stack = (err.stack ?? err.message).split('\n').slice(0, 8).join('\n');
    return stack.includes(err.message) ? stack : `${err.message}\n${stack}`;
  }
  return String(err);
}

export function run(): Promise<void> {
  const logFile = process.env.LAYERWISE_TEST_LOG;
  if (logFile) {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    fs.writeFileSync(logFile, '');
    Mocha.reporters.Base.consoleLog = (...args: unknown[]): void => {
      const line = util.format(...args);
      fs.appendFileSync(logFile, line + '\n');
      console.log(line);
    };
  }

  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000 });
  const grep = process.env.LAYERWISE_TEST_GREP;
  if (grep) mocha.grep(new RegExp(grep));

  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const tests: TestRecord[] = [];
  const resultsFile = process.env.LAYERWISE_TEST_RESULTS;
  // Rewritten after every test so a run cut short still shows how far it got;
  // `complete` tells the runner whether mocha finished.
  const writeResults = (complete: boolean): void => {
    if (!resultsFile) return;
    const passed = tests.filter((t) => t.state === 'passed').length;
    const summary = { passed, failed: tests.length - passed, tests, complete };
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, JSON.stringify(summary, null, 2) + '\n');
  };

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        writeResults(true);
        if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
        else if (tests.length === 0) reject(new Error('no extension tests ran'));
        else resolve();
      });
      runner.on('pass', (t) => {
        tests.push({ title: t.fullTitle(), state: 'passed', error: null });
        writeResults(false);
      });
      // Also fires for failing hooks ("before each" ...), which must count too.
      runner.on('fail', (t, err) => {
        tests.push({ title: t.fullTitle(), state: 'failed', error: describeError(err) });
        writeResults(false);
      });
    } catch (err) {
      // A test file that throws while loading (e.g. a bad import) lands here.
      tests.push({ title: 'loading extension test files', state: 'failed', error: describeError(err) });
      writeResults(true);
      reject(err);
    }
  });
}
