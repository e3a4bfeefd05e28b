import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'env-self-reference';

describe(ID, () => {
  it('reports values that use a variable defined in the same ENV', () => {
    for (const env of ['BLA="blubb" BLUBB="$BLA/$BLAFOO/blubb"', 'BLA="blubb" BLUBB="${BLA}/blubb"', 'BLA="blubb" BLUBB="$BLA/blubb"', 'BLA="blubb" BLUBB="$BLA"', 'BLA="blubb" BLUBB="${BLA}"', 'PATH=/bla:${PATH} PATH=/blubb:${PATH}', 'B=$A A=1', 'A=1 B=${A:-x}']) {
      assert.deepEqual(lines(check(ID, `ENV ${env}\n`)), [1], env);
    }
  });
  it('accepts partial name matches, own-name references and earlier definitions', () => {
    for (const text of [
      'ENV BLA="blubb"\nENV BLUBB="${BLA}/blubb"',
      'ENV BLA="blubb" BLUBB="${FOOBLA}/blubb"',
      'ENV BLA="blubb" BLUBB="${BLAFOO}/blubb"',
      'ENV BLA="blubb" BLUBB="$FOOBLA/blubb"',
      'ENV BLA="blubb" BLUBB="$BLAFOO/blubb"',
      'ENV BLA="blubb" BLUBB="BLA/$BLAFOO/BLA"',
      'ARG BLA\nENV BLA=${BLA}',
      'ENV BLA blubb\nENV BLA=${BLA}',
      'ENV PATH=/bla:${PATH}',
      'ENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}',
      'FROM x\nARG A=0\nENV A=1 B=$A',
      "ENV A=1 B='$A'",
      'ENV A=1 B=\\$A',
    ]) assert.deepEqual(check(ID, text + '\n'), [], text);
  });
  it('only counts earlier definitions of this stage and the stages it is built on', () => {
    assert.deepEqual(lines(check(ID, 'FROM x AS a\nENV A=0\nFROM y\nENV A=1 B=$A\n')), [4]);
    assert.deepEqual(check(ID, 'FROM x AS a\nENV A=0\nFROM a\nENV A=1 B=$A\n'), []);
  });
  it('points at the pair and splits the ENV so the value sees the definition', () => {
    const [f] = check(ID, 'FROM x\nENV APP_HOME=/app APP_BIN=$APP_HOME/bin\n');
    assert.equal(f.range.start.character, 18);
    assert.equal(fixOnce(ID, 'FROM x\nENV APP_HOME=/app APP_BIN=$APP_HOME/bin\n'), 'FROM x\nENV APP_HOME=/app\nENV APP_BIN=$APP_HOME/bin\n');
    assert.equal(fixOnce(ID, 'FROM x\nENV A=1 \\\n    B=$A \\\n    C=3\n'), 'FROM x\nENV A=1\nENV B=$A \\\n    C=3\n');
    assert.equal(f.fixes!()[0].safe, false);
    assert.deepEqual(check(ID, 'FROM x\nENV B=$A A=1\n')[0].fixes!(), [], 'a reference before the definition needs reordering');
  });
});
