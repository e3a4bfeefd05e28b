import { spawn } from 'node:child_process';
import { assertBuilt, CLI_JS } from './paths';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** For assertion messages. */
  describe(): string;
}

/**
 * Runs `node dist/cli.js ...args` in `cwd`, with optional stdin. Asynchronous, so independent
 * tests can run their processes side by side (`describe(..., { concurrency: true })`).
 */
export function runCli(args: string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = { cwd: process.cwd() }): Promise<CliResult> {
  assertBuilt(CLI_JS);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', e => { clearTimeout(timer); reject(e); });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({
        status,
        stdout,
        stderr,
        describe: () => `\n  $ layerwise ${args.join(' ')}   (in ${options.cwd})\n  exit: ${status}${signal ? ` signal ${signal}` : ''}\n  stdout:\n${indent(stdout)}\n  stderr:\n${indent(stderr)}`,
      });
    });
    child.stdin.on('error', () => { /* the CLI may exit before reading stdin */ });
    child.stdin.end(options.input ?? '');
  });
}

function indent(s: string): string {
  return s ? s.replace(/^/gm, '    ') : '    (empty)';
}

export interface JsonFinding {
  ruleId: string;
  aliases: string[];
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

export interface JsonFileResult { file: string; findings: JsonFinding[] }
