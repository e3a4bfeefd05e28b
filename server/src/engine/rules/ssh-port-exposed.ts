import { DockerfileModel } from '../model';
import { defineRule } from '../rule';
import { argumentWords, triggerOf } from '../knowledge/instruction-args';
import { baseStages, lintStages, variablesAt } from '../knowledge/stages';

export default defineRule({
  id: 'ssh-port-exposed',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'The image exposes port 22: an SSH server in a container is an extra way in that needs its own keys, patches and monitoring.',
    why: [
      'Running `sshd` inside a container gives the container a second entry point next to its application, with its',
      'own credentials (often baked into the image), its own vulnerabilities to patch and a root-level process to keep',
      'alive. It is rarely needed: `docker exec -it <container> sh` (or `kubectl exec`) opens a shell in a running',
      'container through the container runtime, with its access control and audit log, and `docker cp` copies files.',
      '',
      'If the container really is an SSH endpoint (a Git or SFTP server, a bastion), keep the keys out of the image, mount',
      'them at run time, and disable password logins; then ignore this rule for that line.',
    ].join('\n'),
    bad: [
      'FROM debian:bookworm-slim',
      'EXPOSE 22 8080',
    ].join('\n'),
    good: [
      'FROM debian:bookworm-slim',
      'EXPOSE 8080',
    ].join('\n'),
    notes: [
      'Checks `22`, `22/tcp` and port ranges that include 22 (`20-25`), with variables resolved (`EXPOSE $SSH_PORT`).',
      'Only stages that end up in an image are checked: the final stage and stages another is built `FROM` (EXPOSE in',
      'a stage that is only copied from has no effect). Trivy (DS004) and Checkov have this check; hadolint and',
      'BuildKit do not.',
    ].join(' '),
  },
  check(ctx) {
    const model = ctx.model;
    const bases = baseStages(model);
    for (const stage of lintStages(model)) {
      if (!stage.isFinal && !bases.has(stage)) continue;
      for (const info of stage.instructions) {
        const t = triggerOf(info);
        if (!t || t.keyword !== 'EXPOSE') continue;
        for (const word of argumentWords(model, t.node)) {
          let text = word.text;
          if (text.includes('$')) text = DockerfileModel.substitute(text, variablesAt(model, stage, info.index)) ?? '';
          for (const spec of text.split(/\s+/).filter(Boolean)) {
            const [ports, proto = 'tcp'] = spec.split('/');
            if (proto.toLowerCase() !== 'tcp') continue;
            const m = /^(\d+)(?:-(\d+))?$/.exec(ports);
            if (!m) continue;
            const low = Number(m[1]), high = m[2] === undefined ? low : Number(m[2]);
            if (low > 22 || high < 22) continue;
            ctx.report({
              range: { start: model.lines.positionAt(word.start), end: model.lines.positionAt(word.end) },
              message: `\`EXPOSE ${word.text}\` ${low === high ? 'publishes' : 'includes'} the SSH port${t.onbuild ? ' in every image built from this one' : ''}; use \`docker exec\` to get a shell instead of running sshd in the container.`,
            });
          }
        }
      }
    }
  },
});
