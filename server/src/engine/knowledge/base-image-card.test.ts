import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileModel } from '../model';
import { describeBaseImage, descendantStages, rootStage, shippedStages, stageUses } from './base-image-card';

/** The card for the FROM of stage `index`. */
function card(text: string, index = 0): string {
  const model = new DockerfileModel(text);
  const stage = model.stages[index];
  return describeBaseImage(stage.image, stage, model);
}

describe('base image card: known images', () => {
  it('shows family, variant, OS release, libc, pinning and size', () => {
    const md = card('FROM python:3.12-slim-bookworm\nCMD ["python"]\n');
    assert.match(md, /\*\*`python:3\.12-slim-bookworm`\*\*: Python · Docker Official Image/);
    assert.match(md, /\*\*Variant:\*\* slim/);
    assert.match(md, /\*\*OS release:\*\* Debian 12 \(bookworm\)/);
    assert.match(md, /\*\*C library:\*\* glibc/);
    assert.match(md, /\*\*Pinned:\*\* Python 3\.12 \(minor version\) · floating: patch version not pinned · no digest/);
    assert.match(md, /\*\*Size:\*\* ~50 MB compressed \(approximate/);
    assert.match(md, /Single-stage build/);
  });

  it('explains musl and suggests slim for Python on Alpine', () => {
    const md = card('FROM python:3.12-alpine3.20\n');
    assert.match(md, /musl \(Alpine\)/);
    assert.match(md, /musllinux/);
    assert.match(md, /Prefer `python:3\.12-slim`/);
  });

  it('a full image in the final stage points to slim or multi-stage; in a builder stage it is fine', () => {
    assert.match(card('FROM python:3.12\nCMD ["python"]\n'), /full image .* ships in the final image\. Use `python:3\.12-slim`/);
    const builder = card('FROM python:3.12 AS build\nRUN pip wheel -w /w numpy\nFROM python:3.12-slim\nCOPY --from=build /w /w\n');
    assert.match(builder, /A build image fits a builder stage/);
    assert.doesNotMatch(builder, /ships in the final image/);
  });

  it('CUDA devel: runtime advice in the final stage, builder advice elsewhere', () => {
    const final = card('FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04\n');
    assert.match(final, /use `nvidia\/cuda:12\.4\.1-cudnn-runtime-ubuntu22\.04`/);
    assert.match(final, /There is no `latest` tag/);
    const builder = card('FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nFROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nCOPY --from=build /a /a\n');
    assert.match(builder, /right tool for compiling CUDA code in a builder stage/);
  });

  it('gives pinning advice from floating to digest', () => {
    assert.match(card('FROM python:slim\n'), /names no version, so just like `latest` it moves to each new release, major ones included/);
    assert.match(card('FROM python:3-slim\n'), /Pin the minor version \(`3\.x`\)/);
    assert.match(card('FROM python:3.11-slim\n'), /Floating tag \(missing patch version and OS release\).*Renovate or Dependabot/);
    assert.match(card('FROM python:3.12.8-slim-bookworm\n'), /Fully versioned tag/);
    const digest = card('FROM python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n');
    assert.match(digest, /Pinned by digest/);
    assert.match(digest, /digest `sha256:0123456789ab…` \(exact image\)/);
    assert.match(card('FROM python\n'), /no tag, so `latest`: floating/);
    assert.match(card('FROM gcr.io/distroless/static-debian12:nonroot\n'), /no versioned tags, so pin a digest/);
  });

  it('mentions deprecation and end of life', () => {
    assert.match(card('FROM openjdk:17-jdk-slim\n'), /deprecated/);
    assert.match(card('FROM node:8.17.0-stretch\n'), /past the end of its upstream support/);
  });

  it('shows what the ARG defaults resolve to', () => {
    const md = card('ARG PY=3.12\nFROM python:${PY}-slim\n');
    assert.match(md, /Written as `python:\$\{PY\}-slim`; with the ARG defaults of this file that is `python:3\.12-slim`/);
  });
});

describe('base image card: other references', () => {
  it('is honest about images outside the table and still gives pinning advice', () => {
    const md = card('FROM example.com/team/tool:1.2\n');
    assert.match(md, /not in Layerwise's offline table/);
    assert.match(md, /a digest \(`example\.com\/team\/tool:1\.2@sha256:…`\) pins the exact image/);
    assert.match(card('FROM example.com/team/tool\n'), /No tag, so Docker uses `latest`/);
  });

  it('describes scratch and unresolved build arguments', () => {
    assert.match(card('FROM scratch\n'), /the empty image/);
    const md = card('ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n');
    assert.match(md, /chosen at build time/);
    assert.match(md, /`ARG BASE_IMAGE=<image>:<tag>`/);
  });

  it('for FROM <stage>, says which stage it builds on and where the chain starts', () => {
    const md = card('FROM golang:1.23 AS base\nRUN true\nFROM base AS test\nRUN go test\n', 1);
    assert.match(md, /\*\*Builds on stage `base`\*\* \(line 1\)/);
    assert.match(md, /The chain starts from `golang:1\.23` on line 1: Go/);
  });
});

describe('base image card: stage roles and users', () => {
  const text = [
    'FROM python:3.12 AS deps',                                   // 1
    'RUN pip wheel -w /wheels numpy',                             // 2
    'FROM deps AS test',                                          // 3
    'RUN pytest',                                                 // 4
    'FROM python:3.12-slim',                                      // 5
    'COPY --from=deps /wheels /wheels',                           // 6
    'RUN --mount=type=bind,from=deps,source=/wheels,target=/w ls', // 7
    'COPY --from=0 /etc/hostname /tmp/h',                         // 8
    '',
  ].join('\n');

  it('lists FROM, COPY --from (by name or index) and RUN --mount=from users', () => {
    const md = card(text, 0);
    assert.match(md, /builder stage/);
    assert.match(md, /- `FROM deps` in stage `test` \(line 3\)/);
    assert.match(md, /- `COPY --from=deps` in stage 2 \(line 6\)/);
    assert.match(md, /- `RUN --mount=from=deps` in stage 2 \(line 7\)/);
    assert.match(md, /- `COPY --from=deps` in stage 2 \(line 8\)/);
  });

  it('says when nothing uses a stage', () => {
    assert.match(card(text, 1), /No later stage uses it: BuildKit skips it unless you build it with `--target test`/);
  });

  it('marks the final stage and the stages it is built on', () => {
    assert.match(card(text, 2), /final stage\.\*\* Everything in it ends up in the image you ship/);
    const chain = card('FROM node:22-slim AS base\nFROM base\n', 0);
    assert.match(chain, /The final stage builds on it, so its contents ship too/);
  });

  it('stage graph helpers follow FROM chains', () => {
    const model = new DockerfileModel(text);
    const [deps, test, final] = model.stages;
    assert.equal(rootStage(test), deps);
    assert.deepEqual(descendantStages(deps, model), [test]);
    assert.deepEqual([...shippedStages(model)], [final]);
    assert.deepEqual(stageUses(deps, model).map(u => u.kind), ['from', 'copy', 'mount', 'copy']);
  });
});
