import type { Property } from 'dockerfile-ast';
import { detectInstall } from './knowledge/installers';
import { isSecretName } from './knowledge/secrets';
import { DockerfileModel, flagValue, type InstructionInfo } from './model';
import { runScript } from './run';

/**
 * The cache and lifetime story of one instruction, in Markdown: what rebuilds this layer,
 * what it rebuilds in turn, and how long its values live. Used by the keyword hover.
 */
export function explainInstruction(model: DockerfileModel, info: InstructionInfo): string | undefined {
  switch (info.keyword) {
    case 'RUN': return explainRun(info);
    case 'COPY':
    case 'ADD': return explainCopy(info);
    case 'ENV': return explainEnv(model, info);
    case 'ARG': return explainArg(model, info);
    default: return undefined;
  }
}

function line(info: InstructionInfo): number {
  return info.range.start.line + 1;
}

/** Instructions before `info` in its stage whose inputs change independently of the Dockerfile text. */
function upstreamInputs(info: InstructionInfo): string[] {
  const stage = info.stage;
  if (!stage) return [];
  const inputs: string[] = [];
  const base = stage.image;
  inputs.push(base.stage ? `stage \`${base.stage.name}\` (line ${base.stage.from.getRange().start.line + 1})` : `the base image \`${base.resolved ?? base.raw}\``);
  for (const prev of stage.instructions) {
    if (prev === info) break;
    if (prev.keyword === 'COPY' || prev.keyword === 'ADD') {
      const from = flagValue(prev.node, 'from');
      const sources = prev.node.getArguments().slice(0, -1).map(a => a.getValue()).join(' ');
      inputs.push(from ? `what line ${line(prev)} copies from \`${from}\`` : `the files line ${line(prev)} copies (\`${sources}\`)`);
    }
  }
  return inputs;
}

function laterRuns(info: InstructionInfo): InstructionInfo[] {
  const list = info.stage?.instructions ?? [];
  return list.slice(list.indexOf(info) + 1).filter(i => i.keyword === 'RUN');
}

function explainRun(info: InstructionInfo): string {
  const script = runScript(info.node);
  const parts = ['**Layer cache.** Docker reuses this layer while the instruction text is unchanged *and* every layer before it was reused. It never checks what the command fetches: a cached `apt-get update` or `pip install` stays as old as the cache.'];
  const inputs = upstreamInputs(info);
  if (inputs.length) parts.push(`Rebuilt when any of these change: ${inputs.join('; ')}.`);
  const installs = script.commands.map(detectInstall).filter(Boolean);
  if (installs.length) {
    const wholeCopy = (info.stage?.instructions ?? []).slice(0, (info.stage?.instructions ?? []).indexOf(info))
      .find(i => (i.keyword === 'COPY' || i.keyword === 'ADD') && !flagValue(i.node, 'from') && i.node.getArguments().slice(0, -1).some(a => ['.', './', '*'].includes(a.getValue())));
    parts.push(wholeCopy
      ? `This installs dependencies, but line ${line(wholeCopy)} copies the whole build context first, so **any source edit reinstalls them**.`
      : 'This installs dependencies; keep only their manifests copied before it so code edits leave it cached.');
  }
  for (const mount of script.mounts) {
    if (mount.type === 'cache') parts.push(`\`--mount=type=cache\` keeps \`${mount.options.get('target') ?? mount.options.get('dst') ?? '?'}\` between builds without storing it in the image: downloads are reused even when this layer rebuilds.`);
    if (mount.type === 'secret') parts.push(`\`--mount=type=secret\` (${mount.options.get('id') ?? 'secret'}) exists only while this command runs; it is not written to any layer or the history.`);
    if (mount.type === 'bind') parts.push('`--mount=type=bind` reads files without copying them into a layer; the layer still rebuilds when they change.');
  }
  return parts.join('\n\n');
}

function explainCopy(info: InstructionInfo): string {
  const from = flagValue(info.node, 'from');
  const parts = [from
    ? `**Layer cache.** Rebuilt when the copied files in \`${from}\` change.`
    : '**Layer cache.** Docker checksums every file this copies (content and metadata); if any differs from the cached build, this layer and every later one in the stage are rebuilt.'];
  const runs = laterRuns(info);
  if (runs.length) {
    const installs = runs.filter(r => runScript(r.node).commands.some(c => detectInstall(c)));
    parts.push(`When its files change, ${runs.length} later RUN${runs.length === 1 ? '' : 's'} in this stage rebuild${runs.length === 1 ? 's' : ''} (line${runs.length === 1 ? '' : 's'} ${runs.map(line).join(', ')})${installs.length ? `, including the dependency install on line ${installs.map(line).join(', ')}` : ''}.`);
  } else {
    parts.push('No RUN follows it in this stage, so a change here rebuilds little.');
  }
  return parts.join('\n\n');
}

function properties(info: InstructionInfo): Property[] {
  return (info.node as unknown as { getProperties(): Property[] }).getProperties();
}

function explainEnv(model: DockerfileModel, info: InstructionInfo): string {
  const parts = ['**Lifetime.** Stored in the image configuration: every container started from the image has it, and `docker inspect` shows it to anyone who can pull the image. Override it at run time with `docker run -e NAME=value`.'];
  const values = properties(info).map(p => describeValue(model, info, p));
  if (values.length) parts.push(values.join('\n'));
  const secrets = properties(info).filter(p => isSecretName(p.getName()));
  if (secrets.length) parts.push(`${secrets.map(p => `\`${p.getName()}\``).join(', ')} look${secrets.length === 1 ? 's' : ''} like a credential: leave ${secrets.length === 1 ? 'it' : 'them'} out of the image and pass ${secrets.length === 1 ? 'it' : 'them'} with \`docker run -e ${secrets[0].getName()}\` or \`--env-file\`.`);
  return parts.join('\n\n');
}

function explainArg(model: DockerfileModel, info: InstructionInfo): string {
  const global = !info.stage;
  const parts = [global
    ? '**Lifetime.** Declared before the first FROM: only FROM lines can use it. Repeat `ARG NAME` (without a value) inside a stage to use it there.'
    : '**Lifetime.** Exists only during the build, set with `docker build --build-arg NAME=value`. Running containers do not see it, but every RUN after it gets it as an environment variable, and its value is recorded in the image history of those layers. Changing the value rebuilds the first RUN that follows.'];
  const values = properties(info).map(p => describeValue(model, info, p));
  if (values.length) parts.push(values.join('\n'));
  const secrets = properties(info).filter(p => isSecretName(p.getName()));
  if (secrets.length) parts.push(`For credentials use a build secret instead: \`RUN --mount=type=secret,id=${secrets[0].getName().toLowerCase()},env=${secrets[0].getName()} ...\` with \`docker build --secret id=${secrets[0].getName().toLowerCase()},env=${secrets[0].getName()}\`.`);
  return parts.join('\n\n');
}

/** ARG and ENV values in scope just before `info` (global ARGs only when redeclared in the stage). */
function variablesBefore(model: DockerfileModel, info: InstructionInfo): Map<string, string | undefined> {
  const vars = new Map<string, string | undefined>();
  const list = info.stage ? info.stage.instructions : model.instructions.filter(i => !i.stage);
  for (const prev of list) {
    if (prev === info) break;
    if (prev.keyword !== 'ARG' && prev.keyword !== 'ENV') continue;
    for (const p of properties(prev)) {
      const value = p.getValue();
      const inherited = prev.keyword === 'ARG' && info.stage ? model.globalArgs.get(p.getName()) : undefined;
      vars.set(p.getName(), value === null ? (vars.get(p.getName()) ?? inherited) : DockerfileModel.substitute(value, vars));
    }
  }
  return vars;
}

function describeValue(model: DockerfileModel, info: InstructionInfo, p: Property): string {
  const raw = p.getValue();
  if (raw === null) return `- \`${p.getName()}\`: no default${info.keyword === 'ARG' ? ' (empty unless passed with --build-arg)' : ''}`;
  const resolved = raw.includes('$') ? DockerfileModel.substitute(raw, variablesBefore(model, info)) : raw;
  const shown = isSecretName(p.getName()) ? '•••' : `\`${resolved ?? raw}\``;
  const note = resolved === undefined ? ' (depends on a value given at build time)' : resolved !== raw ? ` (written \`${raw}\`)` : '';
  return `- \`${p.getName()}\` = ${shown}${note}`;
}
