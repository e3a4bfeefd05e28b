// The language server under an editor nobody on this project wrote: headless Neovim (0.7+,
// built-in LSP client). A Lua script starts `dist/server.js --stdio` with vim.lsp.start_client,
// attaches it to a Dockerfile buffer, waits for diagnostics, asks for a hover and code actions,
// and writes what Neovim saw as JSON. Missing nvim is a failure, never a skip.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { assertBuilt, makeTempDir, SERVER_JS } from '../helpers/paths';

const NVIM = process.env.LAYERWISE_NVIM ?? 'nvim';
const TIMEOUT_MS = 60_000;

const DOCKERFILE = [
  'FROM python:latest',
  'RUN apt-get update',
  'RUN apt-get install -y curl',
  'ENV API_TOKEN=abc',
  '',
].join('\n');

/** Runs inside Neovim: every step guarded, the result always written, Neovim always quits. */
const LUA = String.raw`
local env = vim.env
local result = { steps = {} }
local function step(name) table.insert(result.steps, name) end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.LAYERWISE_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = 'layerwise',
    cmd = { env.LAYERWISE_NODE, env.LAYERWISE_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(env.LAYERWISE_FILE, ':h'),
  }
  local options = vim.fn.json_decode(env.LAYERWISE_CLIENT_OPTIONS)
  if options.settings then
    config.settings = options.settings
    -- Neovim 0.7 has no workspace/configuration: settings are pushed once the server is up.
    config.on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end
  end
  if options.init_options then config.init_options = options.init_options end
  local client_id = vim.lsp.start_client(config)
  assert(client_id, 'vim.lsp.start_client returned nil')
  step('started')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  step('attached')

  local diagnostics_arrived = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics_arrived = diagnostics_arrived
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { code = d.code, source = d.source, message = d.message, lnum = d.lnum, col = d.col, severity = d.severity })
  end
  step('diagnostics')

  local uri = vim.uri_from_bufnr(bufnr)
  local hovers = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = 0, character = 8 } }, 15000)
  result.hover = hovers and hovers[client_id] and hovers[client_id].result or vim.NIL
  step('hover')

  local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 18 } },
    context = { diagnostics = {} },
  }, 15000)
  result.code_actions = actions and actions[client_id] and actions[client_id].result or vim.NIL
  step('code actions')

  -- An edit goes through Neovim's incremental didChange; the new version must be re-analysed.
  vim.api.nvim_buf_set_lines(bufnr, 0, 1, false, { 'FROM python:3.12-slim' })
  local function has_latest()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.code == 'base-image-latest' then return true end end
    return false
  end
  result.edit_cleared_latest = vim.wait(20000, function() return not has_latest() end, 50)
  result.diagnostics_after_edit = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(result.diagnostics_after_edit, d.code) end
  step('edit')

  local client = vim.lsp.get_client_by_id(client_id)
  result.server_capabilities = client.server_capabilities or client.resolved_capabilities
  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 50)
  result.stopped = client.is_stopped()
  step('stopped')
end)

result.ok = ok
if not ok then result.error = tostring(err) end
local file = io.open(env.LAYERWISE_OUT, 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qall!')
`;

interface NeovimResult {
  ok: boolean;
  error?: string;
  steps: string[];
  diagnostics_arrived: boolean;
  diagnostics: { code: string; source: string; message: string; lnum: number; col: number; severity: number }[];
  hover: { contents: { kind: string; value: string } } | null;
  code_actions: { title: string; kind?: string; edit?: { changes?: Record<string, unknown>; documentChanges?: unknown[] } }[] | null;
  server_capabilities: Record<string, unknown>;
  edit_cleared_latest: boolean;
  diagnostics_after_edit: string[];
  stopped: boolean;
  /** Warnings and errors Neovim logged about the session (its lsp.log). */
  lspLog: string;
}

function assertNeovimInstalled(): void {
  const probe = spawnSync(NVIM, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error || probe.status !== 0) {
    throw new Error(`Neovim (\`${NVIM}\`) is needed for this test and could not be run (${probe.error?.message ?? `exit ${probe.status}`}). ` +
      'Install it (Debian: apt-get install neovim; .ci/run does) or point LAYERWISE_NVIM at it.');
  }
}

/** One headless Neovim session over a fresh Dockerfile; resolves with what Neovim saw. */
async function runNeovim(clientOptions: { settings?: unknown; init_options?: unknown }): Promise<NeovimResult> {
  assertBuilt(SERVER_JS);
  assertNeovimInstalled();
  const dir = makeTempDir({ Dockerfile: DOCKERFILE }, 'layerwise-nvim-');
  const home = path.join(dir, '.nvim-home');
  fs.mkdirSync(home);
  const script = path.join(home, 'init.lua');
  const out = path.join(home, 'result.json');
  fs.writeFileSync(script, LUA);
  const child = spawn(NVIM, ['--headless', '--clean', '-n', '-c', `luafile ${script}`], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // Neovim's log, state and caches stay in the temporary folder.
      XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_CACHE_HOME: home, XDG_STATE_HOME: home,
      LAYERWISE_FILE: path.join(dir, 'Dockerfile'),
      LAYERWISE_NODE: process.execPath,
      LAYERWISE_SERVER: SERVER_JS,
      LAYERWISE_OUT: out,
      LAYERWISE_CLIENT_OPTIONS: JSON.stringify(clientOptions),
    },
  });
  let output = '';
  child.stdout.on('data', chunk => { output += chunk; });
  child.stderr.on('data', chunk => { output += chunk; });
  const exit = await new Promise<number | string | null>(resolve => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve('timeout'); }, TIMEOUT_MS);
    child.on('exit', code => { clearTimeout(timer); resolve(code); });
  });
  const lspLog = ['nvim/lsp.log', 'lsp.log'].map(f => path.join(home, f)).filter(f => fs.existsSync(f)).map(f => fs.readFileSync(f, 'utf8').slice(-3000)).join('\n');
  const context = `\nnvim exit: ${exit}\nnvim output: ${output.slice(-2000) || '(none)'}\nlsp.log: ${lspLog || '(none)'}`;
  assert.notEqual(exit, 'timeout', `Neovim did not finish within ${TIMEOUT_MS} ms.${context}`);
  assert.ok(fs.existsSync(out), `Neovim wrote no result.${context}`);
  const result = { ...JSON.parse(fs.readFileSync(out, 'utf8')), lspLog } as NeovimResult;
  assert.ok(result.ok, `the Lua session failed after steps [${result.steps.join(', ')}]: ${result.error}${context}`);
  return result;
}

describe('language server: Neovim built-in LSP client (headless)', () => {
  it('publishes Layerwise diagnostics, answers hovers and code actions, and stops cleanly', async () => {
    const result = await runNeovim({});
    assert.ok(result.diagnostics_arrived, 'no diagnostics reached Neovim');
    const codes = result.diagnostics.map(d => d.code);
    const latest = result.diagnostics.find(d => d.code === 'base-image-latest');
    assert.ok(latest, `expected base-image-latest among ${JSON.stringify(codes)}`);
    assert.equal(latest.source, 'layerwise');
    assert.equal(latest.lnum, 0);
    assert.equal(latest.severity, 2, 'a warning in Neovim terms (vim.diagnostic.severity.WARN)');
    assert.match(latest.message, /latest/);
    assert.ok(codes.includes('apt-update-alone'), `expected apt-update-alone among ${JSON.stringify(codes)}`);

    assert.ok(result.hover, 'no hover on the FROM image');
    assert.equal(result.hover.contents.kind, 'markdown');
    assert.match(result.hover.contents.value, /python:latest/);

    assert.ok(Array.isArray(result.code_actions) && result.code_actions.length > 0, `no code actions on line 1: ${JSON.stringify(result.code_actions)}`);
    const ignore = result.code_actions.find(a => a.title === 'Ignore base-image-latest for this instruction');
    assert.ok(ignore?.edit, `expected an ignore action with an edit among ${JSON.stringify(result.code_actions.map(a => a.title))}`);
    assert.equal(result.server_capabilities.hoverProvider, true);

    assert.ok(result.edit_cleared_latest, `base-image-latest stayed after pinning the image: ${JSON.stringify(result.diagnostics_after_edit)}`);
    assert.ok(result.diagnostics_after_edit.includes('apt-update-alone'), `the edited version lost its other findings: ${JSON.stringify(result.diagnostics_after_edit)}`);
    assert.ok(result.stopped, 'the server did not stop when Neovim asked it to');
    // Neovim logs warnings and errors only: a request it did not announce (registerCapability) or a protocol error shows here.
    assert.doesNotMatch(result.lspLog, /\[(ERROR|WARN)\]/, `Neovim logged problems:\n${result.lspLog}`);
  });

  it('applies settings that on_init pushes with workspace/didChangeConfiguration', async () => {
    const result = await runNeovim({ settings: { layerwise: { rules: { 'apt-update-alone': 'off', 'base-image-latest': 'error' } } } });
    const codes = result.diagnostics.map(d => d.code);
    assert.ok(!codes.includes('apt-update-alone'), `apt-update-alone is off in settings: ${JSON.stringify(codes)}`);
    assert.equal(result.diagnostics.find(d => d.code === 'base-image-latest')?.severity, 1, 'base-image-latest raised to an error');
  });

  it('falls back to init_options when the client has no settings for Layerwise', async () => {
    const result = await runNeovim({ init_options: { rules: { 'apt-update-alone': 'off' } } });
    const codes = result.diagnostics.map(d => d.code);
    assert.ok(codes.includes('base-image-latest'), `expected base-image-latest among ${JSON.stringify(codes)}`);
    assert.ok(!codes.includes('apt-update-alone'), `apt-update-alone is off in init_options: ${JSON.stringify(codes)}`);
  });
});
