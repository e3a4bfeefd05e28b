import { defineRule } from '../rule';
import { commandSites, listForMessage, unpinnedArguments, wordsRange, type CommandSite } from '../knowledge/command-sites';
import { ancestry } from '../knowledge/stages';
import { goCommand, goLocalPath, goPackagePinned } from '../knowledge/package-managers';

/** A `go.mod` bind-mounted into this RUN, or copied in by an earlier COPY/ADD of the stage (or a stage it is built on). */
function seesGoMod(c: CommandSite): boolean {
  if (c.script.mounts.some(m => m.type === 'bind' && /(^|\/)go\.(mod|work)$/.test(m.options.get('source') ?? m.options.get('src') ?? ''))) return true;
  return ancestry(c.stage).some(st => st.instructions.some(x =>
    (st !== c.stage || x.index < c.site.info.index) && (x.keyword === 'COPY' || x.keyword === 'ADD') &&
    x.node.getArguments().slice(0, -1).some(a => /(^|\/)go\.(mod|work|\*)$/.test(a.getValue()))));
}

const META = new Set(['tool', 'all', 'std', 'cmd', 'work']);

export default defineRule({
  id: 'go-version-unpinned',
  aliases: ['DL3062'],
  category: 'correctness',
  severity: 'info',
  fixable: false,
  docs: {
    summary: '`go install`, `go get` or `go run` fetches a module at `@latest` or without a version.',
    why: [
      '`go install golang.org/x/tools/gopls@latest` builds whatever version is newest when the image is built, so the',
      'same Dockerfile can produce different tools from one day to the next. Name the version',
      '(`gopls@v0.16.1`); Go then verifies the module against the checksum database, which makes the build both',
      'repeatable and tamper-evident.',
      '',
      'Without any `@version`, `go install pkg` and `go run pkg` use the version required by the `go.mod` of the module',
      'in the current folder (pinned through `go.sum`), and fail outside a module in recent Go versions; `go get pkg`',
      'updates `go.mod` to the newest version.',
    ].join('\n'),
    bad: [
      'FROM golang:1.22',
      'RUN go install golang.org/x/tools/gopls@latest',
    ].join('\n'),
    good: [
      'FROM golang:1.22',
      'RUN go install golang.org/x/tools/gopls@v0.16.1',
    ].join('\n'),
    notes: [
      'As in hadolint, local packages (`.`, `./cmd/app`, `/go/src/x`) need no version, `@latest` and `@none` are not',
      'versions, and for `go run` only the package is checked, not the program\'s own arguments. `go install pkg` and',
      '`go run pkg` without any `@version` are reported as hints, because inside a module they are pinned by `go.mod`, and',
      'not at all when the build visibly has a `go.mod` (copied in earlier, or bind-mounted into the RUN).',
      'Deviations from hadolint: `.go` files (`go run main.go`) count as local, and the meta-packages `all`, `std`,',
      '`cmd` and `work` are skipped like `tool`; `@upgrade` and `@patch` are not',
      'versions either; values of build flags (`-tags netgo`, `-ldflags "-s -w"`, `-o bin`) are not read as packages.',
      'Raise the rule in `.layerwise.yaml` (`rules: {DL3062: warning}`) to enforce it.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    for (const c of commandSites(model)) {
      const go = goCommand(c.cmd);
      const sub = go?.sub?.text;
      if (!go?.sub || (sub !== 'install' && sub !== 'get' && sub !== 'run')) continue;
      const operands = go.parsed.operands.slice(1);
      // `go run pkg args…`: only the package; the rest are the program's arguments.
      // Files and Go's meta-packages (`tool`, `all`, `std`, `cmd`, `work`) name no module version.
      const packages = (sub === 'run' ? operands.slice(0, 1) : operands).filter(o => !o.text.endsWith('.go') && !META.has(o.text));
      const loose = unpinnedArguments(model, c, packages, goPackagePinned).filter(p => !goLocalPath(p));
      if (!loose.length) continue;
      const noVersionOnly = sub !== 'get' && loose.every(p => !p.includes('@'));
      // Inside a module whose go.mod the build can see, `go install pkg` uses the version go.mod requires.
      if (noVersionOnly && seesGoMod(c)) continue;
      const name = loose[0].replace(/@.*$/, '');
      ctx.report({
        range: wordsRange(model, c, go.toolIndex, go.sub.index),
        severity: noVersionOnly ? 'hint' : undefined,
        message: noVersionOnly
          ? `\`go ${sub}\` names ${listForMessage(loose)} without a version; outside a module it needs \`${name}@<version>\` (inside one, \`go.mod\` decides).`
          : `\`go ${sub}\` fetches ${listForMessage(loose)} at whatever version is newest; write \`${name}@<version>\`.`,
      });
    }
  },
});
