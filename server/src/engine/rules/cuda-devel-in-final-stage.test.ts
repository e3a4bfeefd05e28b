import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const RULE = 'cuda-devel-in-final-stage';

describe('cuda-devel-in-final-stage', () => {
  it('fires on a devel image in the final stage and offers the runtime tag', () => {
    const [f] = check(RULE, 'FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04\nCMD ["python3", "serve.py"]\n');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /ships the CUDA toolkit/);
    assert.equal(f.fixes!()[0].safe, false);
    assert.equal(fixOnce(RULE, 'FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04\n'), 'FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04\n');
    assert.equal(fixOnce(RULE, 'FROM nvcr.io/nvidia/cuda:11.2.2-cudnn8-devel-ubuntu20.04\n'), 'FROM nvcr.io/nvidia/cuda:11.2.2-cudnn8-runtime-ubuntu20.04\n');
    assert.equal(fixOnce(RULE, 'FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-devel\n'), 'FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\n');
  });

  it('is quiet on runtime and base images and on devel builder stages', () => {
    for (const text of [
      'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n', 'FROM nvidia/cuda:12.3.2-base-ubuntu22.04\n', 'FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\n',
      'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nRUN nvcc -o /k k.cu\nFROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nCOPY --from=build /k /k\n',
      'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS dev\n',
    ]) assert.deepEqual(check(RULE, text).map(f => f.message), [], text);
  });

  it('follows FROM <stage> chains from the final stage', () => {
    const text = 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS base\nRUN true\nFROM base\nCMD ["x"]\n';
    const found = check(RULE, text);
    assert.deepEqual(lines(found), [1]);
    assert.match(found[0].message, /the final stage on line 3 builds on it/);
  });

  it('offers no fix and says so when the shipped stages compile code', () => {
    for (const run of ['RUN nvcc -o k k.cu', 'RUN cd src && make -j8', 'RUN pip install flash-attn --no-build-isolation', 'RUN python3 setup.py install', 'ENV TORCH_CUDA_ARCH_LIST="8.0"']) {
      const [f] = check(RULE, `FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\n${run}\n`);
      assert.match(f.message, /Line 2 compiles code/, run);
      assert.deepEqual(f.fixes!(), [], run);
    }
  });

  it('offers no fix when the tag comes from an ARG', () => {
    assert.deepEqual(check(RULE, 'ARG CUDA=12.4.1\nFROM nvidia/cuda:${CUDA}-devel-ubuntu22.04\n')[0].fixes!(), []);
  });
});
