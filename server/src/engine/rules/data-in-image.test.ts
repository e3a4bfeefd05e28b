import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../analyze';
import { MemoryBuildContext } from '../context';
import { check, lines } from '../testing';
import { ruleById } from '.';

const ID = 'data-in-image';
const MB = 1024 * 1024;

function withSizes(text: string, files: Record<string, string>, sizes: Record<string, number>) {
  return analyze(text, { rules: [ruleById(ID)!], buildContext: new MemoryBuildContext(files, { sizes }) }).findings;
}

describe(ID, () => {
  it('fires, as information, on a model artefact copied by name (the course\'s baked-in model)', () => {
    const found = check(ID, 'FROM python:3.10-slim\nCOPY models/churn_model_v1.joblib /app/models/\nENV MODEL_PATH=/app/models/churn_model_v1.joblib\n', { 'models/churn_model_v1.joblib': 'x' });
    assert.deepEqual(lines(found), [2]);
    assert.equal(found[0].severity, 'info');
    assert.match(found[0].message, /bakes model artefacts into the image: every retrain needs a new build and push/);
    assert.deepEqual(found[0].fixes?.() ?? [], []);
    for (const file of ['model.pt', 'w.pth', 'm.safetensors', 'm.onnx', 'm.pkl', 'm.h5', 'm.ckpt', 'models/pytorch_model.bin']) {
      assert.equal(check(ID, `FROM p:1\nCOPY ${file} /m/\n`, { [file]: 'x' }).length, 1, file);
    }
    assert.equal(check(ID, 'FROM p:1\nCOPY tools/helper.bin /bin/\n', { 'tools/helper.bin': 'x' }).length, 0, '*.bin only counts in a model folder');
  });
  it('fires on data folders and data files of real size, with the size, not on small fixtures or code', () => {
    const files = { 'data/train.csv': 'x', 'data/readme.md': 'x', 'lookup.csv': 'a,b\n', 'big.parquet': 'x', 'src/models/user.py': 'x' };
    const found = withSizes('FROM p:1\nCOPY data/ /app/data/\nCOPY lookup.csv big.parquet /app/\nCOPY src/models/ /app/models/\n', files, { 'big.parquet': 300 * MB });
    assert.deepEqual(lines(found), [2, 3]);
    assert.match(found[0].message, /^`COPY data\/ \/app\/data\/` copies data into the image, so every pull carries it/);
    assert.match(found[1].message, /big\.parquet.*\(300 MB\)/);
    assert.equal(found[1].range.start.character, 'COPY lookup.csv '.length, 'points at the big file, not the lookup table');
  });
  it('fires once on a whole-context copy that takes data, models or large files', () => {
    const files = { 'main.py': 'x', 'data/raw/events.jsonl': 'x', 'checkpoints/epoch1/state.json': 'x', 'weights.safetensors': 'x', 'video.mp4': 'x' };
    const found = withSizes('FROM p:1\nCOPY . /app\n', files, { 'video.mp4': 50 * MB });
    assert.deepEqual(lines(found), [2]);
    assert.match(found[0].message, /^`COPY \. \/app` also copies `data\/` \(data folder\), `checkpoints\/` \(model artefacts\), `video\.mp4` \(large file, 50 MB\) and 1 more into the image \(50 MB in all\)/);
  });
  it('stays silent for what .dockerignore excludes, stages that do not become the image, and without a context', () => {
    const files = { 'main.py': 'x', 'data/a.csv': 'x', '.dockerignore': 'data\n' };
    assert.equal(check(ID, 'FROM p:1\nCOPY . /app\n', files).length, 0);
    assert.equal(check(ID, 'FROM p:1 AS train\nCOPY data/ /data/\nRUN python train.py\nFROM p:1\nCOPY --from=train /out/model.pt /app/\n', { 'data/a.csv': 'x' }).length, 0);
    assert.equal(check(ID, 'FROM p:1\nCOPY model.pt /app/\n').length, 0);
  });
  it('a model copied by name is not reported again by a later whole-context copy', () => {
    const found = check(ID, 'FROM p:1\nCOPY models/ /app/models/\nCOPY . /app\n', { 'models/clf.joblib': 'x', 'main.py': 'x' });
    assert.deepEqual(lines(found), [2]);
  });
});
