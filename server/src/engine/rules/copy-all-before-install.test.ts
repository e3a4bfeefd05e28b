import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const ID = 'copy-all-before-install';
const REQ = { 'requirements.txt': 'flask\n' };

describe(ID, () => {
  it('fires on the COPY for pip, pip3, python -m pip and uv pip, with -r and --requirement=', () => {
    for (const install of ['pip install -r requirements.txt', 'pip3 install --requirement=requirements.txt', 'python3 -m pip install -rrequirements.txt', 'uv pip install --system -r requirements.txt']) {
      assert.deepEqual(lines(check(ID, `FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN ${install}\n`)), [3], install);
    }
  });
  it('resolves the manifest path through WORKDIR, absolute destinations and cd', () => {
    assert.equal(check(ID, 'FROM p:1\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n').length, 1);
    assert.equal(check(ID, 'FROM p:1\nCOPY . /app\nRUN cd /app && pip install -r requirements.txt\n').length, 1);
    assert.equal(check(ID, 'FROM p:1\nCOPY . /src\nRUN pip install -r /other/requirements.txt\n').length, 0, 'the manifest does not come from this copy');
  });
  it('does not fire when the manifest is installed first, or in another stage', () => {
    assert.equal(check(ID, 'FROM p:1\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n').length, 0);
    assert.equal(check(ID, 'FROM p:1 AS a\nCOPY . .\nFROM p:1\nRUN pip install -r requirements.txt\n').length, 0);
    assert.equal(check(ID, 'FROM p:1\nCOPY --from=build /app .\nRUN pip install -r requirements.txt\n').length, 0, 'COPY --from is not the build context');
  });
  it('handles continuation lines and exec form', () => {
    assert.equal(check(ID, 'FROM p:1\nCOPY . .\nRUN pip install \\\n    --no-cache-dir \\\n    -r requirements.txt\n').length, 1);
    assert.equal(check(ID, 'FROM p:1\nCOPY . .\nRUN ["pip", "install", "-r", "requirements.txt"]\n').length, 1);
  });
  it('the fix keeps flags, destination and the install command, and moves comments with the copy', () => {
    const before = 'FROM p:1\nWORKDIR /app\n# the code\nCOPY --chown=app:app --chmod=644 . /app\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python"]\n';
    const after = fixOnce(ID, before, REQ);
    assert.equal(after, 'FROM p:1\nWORKDIR /app\nCOPY --chown=app:app --chmod=644 requirements.txt /app/\nRUN pip install --no-cache-dir -r requirements.txt\n# the code\nCOPY --chown=app:app --chmod=644 . /app\nCMD ["python"]\n');
    assert.equal(check(ID, after, REQ).length, 0);
  });
  it('the fix copies requirements files that the manifest includes, and keeps CRLF', () => {
    const files = { 'requirements.txt': '-r base.txt\n-c constraints.txt\nflask\n', 'base.txt': 'x\n', 'constraints.txt': 'y\n' };
    const after = fixOnce(ID, 'FROM p:1\r\nCOPY . .\r\nRUN pip install -r requirements.txt', files);
    assert.equal(after, 'FROM p:1\r\nCOPY requirements.txt base.txt constraints.txt .\r\nRUN pip install -r requirements.txt\r\nCOPY . .');
  });
  it('moves the copy past inert instructions and system package installs only', () => {
    const ok = fixOnce(ID, 'FROM p:1\nCOPY . .\nENV A=1\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\nRUN pip install -r requirements.txt\n', REQ);
    assert.match(ok, /COPY requirements\.txt \.\nENV A=1\nRUN apt-get.*\nRUN pip install -r requirements\.txt\nCOPY \. \.\n$/);
    const risky = check(ID, 'FROM p:1\nCOPY . .\nRUN python generate.py\nRUN pip install -r requirements.txt\n', REQ);
    assert.equal(risky.length, 1, 'still reported');
    assert.deepEqual(risky[0].fixes!(), [], 'but no fix: the script in between may need the source');
  });
  it('offers no fix when the install needs the source itself, or a manifest is missing from the context', () => {
    const needsSource = check(ID, 'FROM p:1\nCOPY . .\nRUN pip install -r requirements.txt .\n', REQ);
    assert.equal(needsSource.length, 1);
    assert.deepEqual(needsSource[0].fixes!(), []);
    const editable = check(ID, 'FROM p:1\nCOPY . .\nRUN pip install -r requirements.txt\n', { 'requirements.txt': '-e .\n' });
    assert.deepEqual(editable[0].fixes!(), []);
    assert.deepEqual(check(ID, 'FROM p:1\nCOPY . .\nRUN pip install -r requirements.txt\n', { 'other.txt': '' })[0].fixes!(), []);
  });
  it('does not copy a manifest twice when it was already copied', () => {
    const after = fixOnce(ID, 'FROM p:1\nCOPY requirements.txt .\nCOPY . .\nRUN pip install -r requirements.txt\n', REQ);
    assert.equal(after, 'FROM p:1\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n');
  });
  it('can be ignored per instruction', () => {
    assert.equal(check(ID, 'FROM p:1\n# layerwise ignore=copy-all-before-install\nCOPY . .\nRUN pip install -r requirements.txt\n').length, 0);
  });
});
