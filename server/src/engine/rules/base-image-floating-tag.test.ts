import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, lines } from '../testing';

const RULE = 'base-image-floating-tag';
const severities = (text: string) => check(RULE, text).map(f => f.severity);

describe('base-image-floating-tag', () => {
  it('reports a release line without patch or OS release as a hint only (the seeds\' secure example)', () => {
    const [f] = check(RULE, 'FROM python:3.11-slim\nCMD ["python", "main.py"]\n');
    assert.equal(f.severity, 'hint');
    assert.match(f.message, /each Python 3\.11\.x release and to a new Debian release/);
    assert.match(f.message, /`python:3\.11\.<patch>-slim-<release>` or a digest/);
    assert.match(f.message, /Renovate or Dependabot/);
    assert.deepEqual(f.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 21 } }, 'points at the tag');
  });

  it('escalates tags coarser than a release line to info and versionless tags to warning', () => {
    assert.deepEqual(severities('FROM python:3-slim\n'), ['info']);
    assert.deepEqual(severities('FROM alpine:3\n'), ['info']);
    assert.deepEqual(severities('FROM python:slim\n'), ['warning']);
    assert.deepEqual(severities('FROM node:lts-alpine\n'), ['warning']);
    assert.deepEqual(severities('FROM debian:stable-slim\n'), ['warning']);
    assert.deepEqual(severities('FROM tensorflow/tensorflow:latest-gpu\n'), ['warning']);
    assert.deepEqual(severities('FROM node:22\n'), ['hint'], 'Node release lines are majors');
  });

  it('asks for the OS release when only the runtime is fully versioned', () => {
    const [f] = check(RULE, 'FROM python:3.12.8-slim\n');
    assert.match(f.message, /moves to a new Debian release/);
    assert.match(f.message, /`python:3\.12\.8-slim-<release>`/);
    assert.match(check(RULE, 'FROM node:22-slim\n')[0].message, /`node:22\.<minor>\.<patch>-<release>-slim`/, 'node names the release before slim');
    assert.match(check(RULE, 'FROM golang:1.23-alpine\n')[0].message, /`golang:1\.23\.<patch>-alpine<version>`/);
  });

  it('is quiet on fully versioned tags, OS releases and digests', () => {
    const quiet = [
      'FROM python:3.12.8-slim-bookworm', 'FROM node:22.11.0-bookworm-slim', 'FROM python:3.12.8-alpine3.20',
      'FROM ubuntu:22.04', 'FROM ubuntu:jammy', 'FROM ubuntu:jammy-20240808', 'FROM debian:12', 'FROM debian:bookworm-slim', 'FROM alpine:3.20',
      'FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04', 'FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime', 'FROM postgres:16.4-bookworm',
      'FROM python:3.11-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
    ];
    for (const line of quiet) assert.deepEqual(check(RULE, line + '\n').map(f => f.message), [], line);
  });

  it('leaves latest, untagged, unknown, digest-only, stage and unresolved references to others', () => {
    const text = [
      'FROM python:latest', 'FROM python', 'FROM example.com/team/tool:1', 'FROM gcr.io/distroless/static-debian12:nonroot',
      'FROM cgr.dev/chainguard/python:latest-dev', 'FROM scratch', 'FROM ${BASE}', 'FROM python:3.12.8-slim-bookworm AS base', 'FROM base',
    ].join('\n');
    assert.deepEqual(check(RULE, text).map(f => f.message), []);
  });

  it('resolves ARG defaults and reports every stage', () => {
    const text = 'ARG NODE=22-alpine\nFROM node:${NODE} AS deps\nFROM node:${NODE} AS build\nFROM python:3.12.8-slim-bookworm\n';
    const found = check(RULE, text);
    assert.deepEqual(lines(found), [2, 3]);
    assert.match(found[0].message, /^`node:22-alpine` floats/);
  });

  it('offers no fix: the current patch release cannot be known offline', () => {
    assert.equal(check(RULE, 'FROM python:3.12-slim\n')[0].fixes, undefined);
  });
});
