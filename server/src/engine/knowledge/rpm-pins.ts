import type { RuleContext } from '../rule';
import { commandSites, listForMessage, unpinnedArguments, wordsRange } from './command-sites';
import { rpmCommand, rpmInstallTargets, rpmPackagePinned, type RpmTool } from './package-managers';

/**
 * Reports `install` / `module install` commands of the given Red Hat package tools that leave
 * packages unpinned (`name` instead of `name-version`) or modules without a stream. Shared by
 * the yum and dnf rules, which differ only in the tools they cover.
 */
export function reportUnpinnedRpmInstalls(ctx: RuleContext, covers: (family: RpmTool) => boolean): void {
  const model = ctx.model;
  for (const c of commandSites(model)) {
    const rpm = rpmCommand(c.cmd);
    if (!rpm || !covers(rpm.family) || !rpm.sub) continue;
    const targets = rpmInstallTargets(rpm);
    if (!targets) continue;
    const loose = [
      ...unpinnedArguments(model, c, targets.packages, rpmPackagePinned),
      ...unpinnedArguments(model, c, targets.modules, m => m.includes(':')),
    ];
    if (!loose.length) continue;
    ctx.report({
      range: wordsRange(model, c, rpm.toolIndex, rpm.sub.index),
      message: targets.modules.length > 0
        ? `\`${rpm.tool} module install\` does not name the stream of ${listForMessage(loose)}; write \`${loose[0]}:<stream>\`.`
        : `\`${rpm.tool} install\` does not pin ${listForMessage(loose)}; write \`${loose[0]}-<version>\` if your team pins OS packages.`,
    });
  }
}
