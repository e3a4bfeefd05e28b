import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, fixOnce, lines } from '../testing';

const RULE = 'full-base-image-in-final-stage';

describe('full-base-image-in-final-stage', () => {
  it('fires on full language images in the final stage and offers the slim twin', () => {
    const [f] = check(RULE, 'FROM python:3.12\nCMD ["python"]\n');
    assert.equal(f.severity, 'info');
    assert.match(f.message, /`python:3\.12` is a build image .*Use `python:3\.12-slim`/);
    assert.equal(f.fixes!()[0].safe, false);
    assert.equal(fixOnce(RULE, 'FROM node:22-bookworm\n'), 'FROM node:22-bookworm-slim\n');
    assert.equal(fixOnce(RULE, 'FROM ruby:3.3.4-bookworm AS app\n'), 'FROM ruby:3.3.4-slim-bookworm AS app\n');
  });

  it('is quiet on slim, alpine, distroless images and builder stages', () => {
    for (const text of [
      'FROM python:3.12-slim\n', 'FROM node:22-alpine\n', 'FROM gcr.io/distroless/python3-debian12\n', 'FROM eclipse-temurin:21-jre\n',
      'FROM python:3.12 AS build\nRUN pip wheel -w /w numpy\nFROM python:3.12-slim\nCOPY --from=build /w /w\n',
      'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n',
      'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\n',
    ]) assert.deepEqual(check(RULE, text).map(f => f.message), [], text);
  });

  it('follows the final stage back to the image it is built on', () => {
    const text = 'FROM python:3.12 AS base\nRUN true\nFROM base AS app\nCMD ["python"]\n';
    const found = check(RULE, text);
    assert.deepEqual(lines(found), [1]);
    assert.match(found[0].message, /the final stage on line 3 builds on it/);
  });

  it('skips final stages that are development, test or CI targets', () => {
    for (const name of ['dev', 'test', 'integration-test', 'validate', 'ci']) {
      assert.equal(check(RULE, `FROM python:3.12 AS ${name}\n`).length, 0, name);
    }
    assert.equal(check(RULE, 'FROM python:3.12 AS production\n').length, 1);
  });

  it('gives toolchain advice without a fix for Go, Rust and .NET', () => {
    const [go] = check(RULE, 'FROM golang:1.23-alpine\nRUN go build -o /app\n');
    assert.match(go.message, /whole Go toolchain.*distroless\/static-debian12.*scratch/);
    assert.deepEqual(go.fixes!(), []);
    assert.match(check(RULE, 'FROM rust:1-slim\n')[0].message, /whole Rust toolchain/);
    assert.match(check(RULE, 'FROM mcr.microsoft.com/dotnet/sdk:8.0\n')[0].message, /dotnet\/aspnet/);
  });

  it('switches a Temurin JDK to the JRE unless the image still compiles Java', () => {
    assert.equal(fixOnce(RULE, 'FROM eclipse-temurin:21-jdk-noble\n'), 'FROM eclipse-temurin:21-jre-noble\n');
    assert.deepEqual(check(RULE, 'FROM eclipse-temurin:21-jdk\nRUN ./mvnw package\n')[0].fixes!(), []);
  });

  it('leaves latest and untagged images to the pinning rules', () => {
    assert.equal(check(RULE, 'FROM python:latest\n').length, 0);
    assert.equal(check(RULE, 'FROM node\n').length, 0);
  });

  it('offers no fix for ARG-built tags', () => {
    assert.deepEqual(check(RULE, 'ARG V=3.12\nFROM python:${V}\n')[0].fixes!(), []);
  });
});
