import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShellCommands } from '../shell/commands';
import {
  canonicalImageName, describeImage, imageFacts, jreTagFor, pyprojectNames, pythonInstallOf, requirementName,
  requirementsFileNames, runtimeTagFor, slimTagFor, splitTag,
} from './images';

const info = (ref: string) => {
  const colon = ref.lastIndexOf(':');
  const hasTag = colon > ref.lastIndexOf('/');
  const d = describeImage(hasTag ? ref.slice(0, colon) : ref, hasTag ? ref.slice(colon + 1) : undefined);
  assert.ok(d, `${ref} should be a known image`);
  return d;
};

describe('image knowledge: names', () => {
  it('keeps the existing exports working', () => {
    assert.equal(canonicalImageName('docker.io/library/Python'), 'python');
    assert.equal(canonicalImageName('library/node'), 'node');
    assert.equal(imageFacts('python')?.pins[0], '3.13-slim');
    assert.equal(imageFacts('example.com/team/tool'), undefined);
  });
  it('recognises mirrors, aliases and prefix families', () => {
    assert.equal(imageFacts('public.ecr.aws/docker/library/python')?.name, 'python');
    assert.equal(imageFacts('nvcr.io/nvidia/cuda')?.name, 'nvidia/cuda');
    assert.equal(imageFacts('astral/uv')?.name, 'ghcr.io/astral-sh/uv');
    assert.equal(imageFacts('gcr.io/distroless/static-debian12')?.title, 'Distroless');
    assert.equal(imageFacts('cgr.dev/chainguard/python')?.title, 'Chainguard Images');
    assert.equal(imageFacts('mcr.microsoft.com/dotnet/aspnet')?.title, '.NET');
  });
});

describe('image knowledge: tags', () => {
  it('splits version, alias, release, snapshot and variant tokens', () => {
    assert.deepEqual(splitTag('3.12.8-slim-bookworm'), { raw: '3.12.8-slim-bookworm', version: '3.12.8', precision: 'patch', tokens: ['slim'], release: { token: 'bookworm', label: 'Debian 12 (bookworm)', os: 'debian' } });
    const lts = splitTag('lts-alpine3.20');
    assert.equal(lts.alias, 'lts');
    assert.equal(lts.release?.label, 'Alpine 3.20');
    assert.equal(splitTag('jammy-20240808').snapshot, '20240808');
    assert.equal(splitTag('21.0.4_7-jdk-noble').precision, 'patch');
    assert.equal(splitTag('20').precision, 'major');
  });

  it('reads Python variants: full, slim, alpine, windows', () => {
    assert.deepEqual([info('python:3.12').variant.id, info('python:3.12').variant.libc, info('python:3.12').variant.buildTools], ['full', 'glibc', true]);
    assert.deepEqual([info('python:3.12-slim').variant.id, info('python:3.12-slim').variant.size], ['slim', '~50 MB']);
    assert.deepEqual([info('python:3.12-alpine3.20').variant.id, info('python:3.12-alpine3.20').variant.libc], ['alpine', 'musl']);
    assert.equal(info('python:3.12-windowsservercore-ltsc2022').variant.libc, 'windows');
    assert.equal(info('python:3.12-slim-bookworm').releaseLabel, 'Debian 12 (bookworm)');
  });

  it('reads CUDA, PyTorch and TensorFlow flavours', () => {
    assert.equal(info('nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04').variant.id, 'cudnn-devel');
    assert.equal(info('nvidia/cuda:11.2.2-cudnn8-runtime-ubuntu20.04').variant.id, 'cudnn-runtime');
    assert.equal(info('nvidia/cuda:12.4.1-devel-ubi9').variant.id, 'cuda-devel');
    assert.equal(info('nvidia/cuda:12.3.2-base-ubuntu22.04').variant.id, 'cuda-base');
    assert.equal(info('pytorch/pytorch:2.3.1-cuda12.1-cudnn8-devel').variant.buildTools, true);
    assert.equal(info('pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime').variant.buildTools, false);
    assert.equal(info('tensorflow/tensorflow:2.16.1-gpu').variant.id, 'gpu');
  });

  it('reads distroless, Chainguard, uv, .NET and Java images', () => {
    const distroless = info('gcr.io/distroless/static-debian12:nonroot');
    assert.deepEqual([distroless.variant.libc, distroless.variant.shellless, distroless.missing], ['none', true, []]);
    assert.equal(info('gcr.io/distroless/base-debian12:debug').variant.shellless, undefined, 'debug tags have a shell');
    assert.equal(info('cgr.dev/chainguard/python:latest-dev').variant.id, 'wolfi-dev');
    assert.equal(info('ghcr.io/astral-sh/uv:0.5.11').variant.id, 'distroless');
    assert.equal(info('ghcr.io/astral-sh/uv:python3.12-alpine').variant.libc, 'musl');
    assert.equal(info('mcr.microsoft.com/dotnet/sdk:8.0').variant.buildTools, true);
    assert.equal(info('mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled').variant.shellless, true);
    assert.equal(info('eclipse-temurin:21-jre').variant.id, 'jre');
    assert.equal(info('eclipse-temurin:21').variant.id, 'jdk');
    assert.ok(info('openjdk:17-jdk-slim').family.deprecated);
  });

  it('decides what is fully versioned, per family', () => {
    const missing = (ref: string) => info(ref).missing;
    assert.deepEqual(missing('python:3.12-slim'), ['patch version', 'OS release']);
    assert.deepEqual(missing('python:3.12.8-slim'), ['OS release']);
    assert.deepEqual(missing('python:3.12.8-slim-bookworm'), []);
    assert.deepEqual(missing('python:3.12.8-alpine3.20'), []);
    assert.deepEqual(missing('node:22.11.0-bookworm-slim'), []);
    assert.deepEqual(missing('postgres:16.4-bookworm'), [], 'PostgreSQL releases are major.minor');
    assert.deepEqual(missing('nvidia/cuda:12.4.1-runtime-ubuntu22.04'), []);
    assert.deepEqual(missing('pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime'), [], 'no OS release in PyTorch tags');
    // OS images: the release is the version.
    for (const ref of ['ubuntu:22.04', 'ubuntu:jammy', 'debian:12', 'debian:bookworm-slim', 'alpine:3.20', 'mcr.microsoft.com/windows/servercore:ltsc2022']) {
      assert.deepEqual(missing(ref), [], ref);
    }
    assert.deepEqual(missing('alpine:3'), ['release']);
    assert.deepEqual(missing('debian:stable-slim'), ['release']);
  });

  it('tells versionless tags and tags coarser than the release line apart', () => {
    assert.equal(info('python:slim').versionless, true);
    assert.equal(info('node:lts-alpine').versionless, true);
    assert.equal(info('tensorflow/tensorflow:latest-gpu').versionless, true);
    assert.equal(info('python:latest').versionless, false, '`latest` belongs to its own rule');
    assert.equal(info('ubuntu:jammy').versionless, false);
    assert.equal(info('python:3-slim').belowLine, true);
    assert.equal(info('python:3.12-slim').belowLine, false);
    assert.equal(info('node:22').belowLine, false, 'Node release lines are majors');
    assert.equal(info('alpine:3').belowLine, true);
    assert.equal(info('ghcr.io/astral-sh/uv:python3.12-bookworm-slim').belowLine, true, 'no uv version');
  });

  it('flags end-of-life versions', () => {
    assert.equal(info('node:8.17.0-stretch').endOfLife, true);
    assert.equal(info('ruby:2.4').endOfLife, true);
    assert.equal(info('debian:buster-slim').endOfLife, true);
    assert.equal(info('python:3.12-slim').endOfLife, false);
  });

  it('strips quotes kept from the FROM line', () => {
    assert.equal(info('mcr.microsoft.com/windows/servercore:"ltsc2022"').releaseLabel, 'Windows Server LTSC 2022');
  });
});

describe('image knowledge: twin tags', () => {
  it('finds the slim twin with each family\'s naming', () => {
    assert.equal(slimTagFor(info('python:3.12')), '3.12-slim');
    assert.equal(slimTagFor(info('python:3.12-bookworm')), '3.12-slim-bookworm');
    assert.equal(slimTagFor(info('python:3.12-alpine3.20')), '3.12-slim');
    assert.equal(slimTagFor(info('python:latest')), 'slim');
    assert.equal(slimTagFor(info('node:22-bookworm')), '22-bookworm-slim');
    assert.equal(slimTagFor(info('ruby:3.3.4-bookworm')), '3.3.4-slim-bookworm');
    assert.equal(slimTagFor(info('python:3.12-windowsservercore')), undefined);
    assert.equal(slimTagFor(info('golang:1.23')), undefined);
  });
  it('finds the CUDA runtime twin and the Temurin JRE twin', () => {
    assert.equal(runtimeTagFor(info('nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04')), '12.4.1-cudnn-runtime-ubuntu22.04');
    assert.equal(runtimeTagFor(info('pytorch/pytorch:2.3.1-cuda12.1-cudnn8-devel')), '2.3.1-cuda12.1-cudnn8-runtime');
    assert.equal(runtimeTagFor(info('nvidia/cuda:12.4.1-runtime-ubuntu22.04')), undefined);
    assert.equal(jreTagFor(info('eclipse-temurin:21-jdk-noble')), '21-jre-noble');
    assert.equal(jreTagFor(info('eclipse-temurin:21')), '21-jre');
  });
});

describe('image knowledge: Python packages', () => {
  const install = (line: string) => pythonInstallOf(parseShellCommands(line)[0]);
  it('reads pip, python -m pip, uv and poetry installs', () => {
    assert.deepEqual(install('pip install --no-cache-dir -i https://x numpy==1.26 "uvicorn[standard]" -r req.txt ./local'), { tool: 'pip', packages: ['numpy', 'uvicorn'], requirementFiles: ['req.txt'], project: true });
    assert.deepEqual(install('python3 -m pip install --user Scikit_Learn')?.packages, ['scikit-learn']);
    assert.deepEqual(install('uv pip sync requirements.lock')?.requirementFiles, ['requirements.lock']);
    assert.equal(install('uv sync --frozen')?.project, true);
    assert.deepEqual(install('poetry add pandas')?.packages, ['pandas']);
    assert.deepEqual(install('pip --no-cache-dir install scipy')?.packages, ['scipy'], 'general options before install');
    assert.deepEqual(install('sudo -H pip3 install lxml')?.packages, ['lxml']);
    assert.equal(install('pip download numpy'), undefined);
    assert.equal(install('npm install numpy'), undefined);
  });
  it('reads requirement names from files and pyproject.toml', () => {
    assert.equal(requirementName('git+https://github.com/x/y'), undefined);
    assert.deepEqual(requirementsFileNames('-r base.txt\nnumpy==1.2 # pinned\n--index-url x\ntorch ; sys_platform == "linux"\n'), ['numpy', 'torch']);
    const toml = '[build-system]\nrequires = ["setuptools"]\n[project]\ndependencies = [\n  "pandas>=2",\n  "uvicorn[standard]",\n]\n[tool.poetry.dependencies]\npython = "^3.12"\nlxml = "^5"\n';
    assert.deepEqual(pyprojectNames(toml), ['pandas', 'uvicorn', 'lxml']);
  });
});
