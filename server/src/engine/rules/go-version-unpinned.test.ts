import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'go-version-unpinned';
const run = (cmd: string) => check(ID, `FROM golang:1.22\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports @latest and go get without a version as info', () => {
    for (const cmd of ['go install golang.org/x/tools/gopls@latest', 'go get example.com/pkg', 'go get -tool foo@latest', 'go run example.com/pkg@none']) {
      const found = run(cmd);
      assert.equal(found.length, 1, cmd);
      assert.equal(found[0].severity, 'info', cmd);
    }
  });
  it('reports go install/run without any version as a hint (go.mod may pin it)', () => {
    const [f] = run('go install example.com/pkg');
    assert.equal(f.severity, 'hint');
    assert.match(f.message, /go\.mod/);
  });
  it('accepts versions, local paths, files, meta-packages, and does not read program arguments or flag values', () => {
    for (const cmd of ['go install example.com/pkg@v1.2.3', 'go install ./...', 'go install .', 'go run main.go --port 80', 'go run ./cmd/app serve', 'go run example.com/pkg@v1.2.3 foobar',
      'go install -ldflags "-s -w" -tags netgo ./cmd/x', 'go install tool', 'go build -o app .', 'go mod download']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
});

describe(`${ID} with a go.mod`, () => {
  it('trusts go.mod for packages without a version, but still reports @latest', () => {
    assert.equal(check(ID, 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go install example.com/tool\n').length, 0);
    assert.equal(check(ID, 'FROM golang:1.22\nRUN --mount=type=bind,source=go.mod,target=/app/go.mod go install tool example.com/x/cmd/y\n').length, 0);
    assert.equal(check(ID, 'FROM golang:1.22\nCOPY go.mod ./\nRUN go install example.com/tool@latest\n').length, 1);
  });
});
