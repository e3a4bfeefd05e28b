import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileModel } from '../model';
import { signatureHelpAt, type Signatures } from './signature-help';

function help(text: string): Signatures | undefined {
  const offset = text.indexOf('|');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const model = new DockerfileModel(clean);
  return signatureHelpAt(model, model.lines.positionAt(offset));
}

/** The text of the highlighted parameter. */
function active(text: string): string | undefined {
  const h = help(text);
  if (!h) return undefined;
  const sig = h.signatures[h.activeSignature];
  const [s, e] = sig.parameters[h.activeParameter].label;
  return sig.label.slice(s, e);
}

describe('signature help', () => {
  it('COPY: flags while typing them, then sources, then the destination on the last word', () => {
    assert.equal(active('FROM a\nCOPY --ch|'), '[--chown=<user>[:<group>]]');
    assert.equal(active('FROM a\nCOPY |'), '<src>...');
    assert.equal(active('FROM a\nCOPY src/ |'), '<dest>');
    assert.equal(active('FROM a\nCOPY a.txt b.txt |'), '<dest>');
    assert.equal(active('FROM a\nCOPY a.t| b.txt /dst/'), '<src>...');
    assert.equal(active('FROM a\nCOPY --from=build a.txt /d|'), '<dest>');
  });

  it('FROM: flag, image, then AS name', () => {
    assert.equal(active('FROM --pl|'), '[--platform=<os>/<arch>[/<variant>]]');
    assert.equal(active('FROM pyth|'), '<image>[:<tag>|@<digest>]');
    assert.equal(active('FROM python:3.12 A|'), '[AS <name>]');
    assert.equal(active('FROM --platform=$BUILDPLATFORM golang |'), '[AS <name>]');
  });

  it('ENV, ARG, USER, EXPOSE: the part after the separator', () => {
    assert.equal(active('FROM a\nENV NAME|'), '<key>');
    assert.equal(active('FROM a\nENV NAME=val|'), '<value>');
    assert.equal(active('FROM a\nARG V=|'), '[=<default>]');
    assert.equal(active('FROM a\nUSER app:|'), '[:<group>]');
    assert.equal(active('FROM a\nEXPOSE 53/|'), '[/<tcp|udp>]');
  });

  it('HEALTHCHECK and RUN pick the signature that matches the form being typed', () => {
    const none = help('FROM a\nHEALTHCHECK N|')!;
    assert.equal(none.activeSignature, 1);
    assert.equal(active('FROM a\nHEALTHCHECK --interval=5s CMD curl|'), 'CMD <command>');
    const exec = help('FROM a\nRUN ["sh", |')!;
    assert.equal(exec.activeSignature, 1);
    assert.equal(active('FROM a\nRUN --mount=type=cache,target=/x apt|'), '<command>');
    assert.equal(help('FROM a\nRUN apt-get install |'), undefined, 'no popup over a command being typed');
    assert.equal(help('FROM a\nCMD python app.py|'), undefined);
  });

  it('--mount: the options of the mount type, the one being typed highlighted', () => {
    assert.equal(active('FROM a\nRUN --mount=type=cache,shar|'), 'sharing=<shared|private|locked>');
    assert.equal(active('FROM a\nRUN --mount=type=secret,id=x,env|'), 'env=<NAME>');
    assert.equal(active('FROM a\nRUN --mount=ty|'), 'type=bind');
    const h = help('FROM a\nRUN --mount=type=ssh,|')!;
    assert.match(h.signatures[0].label, /^--mount=type=ssh,id=<id>,target=<path>/);
  });

  it('nothing at the start of a line, in comments or for unknown instructions, and never throws', () => {
    assert.equal(help('FROM a\n|'), undefined);
    assert.equal(help('FROM a\n# COPY |'), undefined);
    assert.equal(help('FROM a\nFOO bar|'), undefined);
    for (const text of ['', 'COPY', 'RUN --mount=', 'RUN --mount=type=nope,', 'ONBUILD COPY a |', 'HEALTHCHECK', 'CMD [']) {
      const model = new DockerfileModel(text);
      for (let line = -1; line <= 2; line++) for (const character of [-1, 0, 4, 50]) assert.doesNotThrow(() => signatureHelpAt(model, { line, character }));
    }
  });

  it('ONBUILD: the trigger\'s own signature', () => {
    assert.equal(active('FROM a\nONBUILD COPY a |'), '<dest>');
  });
});

describe('signature help: property — any text, any position', () => {
  it('never throws; the active signature and parameter always exist', async () => {
    const fc = (await import('fast-check')).default;
    const pieces = ['FROM ', 'RUN ', 'COPY ', 'ADD ', 'ONBUILD ', 'HEALTHCHECK ', 'ENV ', 'CMD ', 'NONE', '--mount=', 'type=secret,', 'type=nope,', 'id=', '--chmod=', '[', '"a"', ' ', '\\\n', '\n', '=', ':', '/', ',', 'x'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 25 }).map(a => a.join(''));
    fc.assert(fc.property(text, fc.nat(20), fc.nat(80), (t, line, character) => {
      const model = new DockerfileModel(t);
      const h = signatureHelpAt(model, { line: line % (model.lines.lineCount + 1), character });
      if (!h) return;
      const sig = h.signatures[h.activeSignature];
      assert.ok(sig, 'active signature exists');
      assert.ok(h.activeParameter >= 0 && h.activeParameter < sig.parameters.length, `parameter ${h.activeParameter} of ${sig.parameters.length}`);
    }), { numRuns: 1500 });
  });
});
