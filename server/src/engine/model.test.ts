import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './analyze';
import { DockerfileModel } from './model';

describe('DockerfileModel', () => {
  it('survives a heredoc marker dockerfile-ast cannot read (it throws in getHeredocs): no heredoc, no rule failure (fuzz find)', () => {
    const text = 'FROM a\nRUN set -eux; \\\n\tapt-get update; \\\n\t\\# download\n<<EOF <<EOT\tdpkgArch=1; \\\n\tgosu true\n\nRUN x\n';
    const model = new DockerfileModel(text);
    for (const info of model.instructions) assert.ok(Array.isArray((info.node as unknown as { getHeredocs(): unknown[] }).getHeredocs()));
    assert.deepEqual(analyze(text).failures.map(f => f.ruleId), []);
  });
});
