import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../testing';

const ID = 'gem-version-unpinned';
const run = (cmd: string) => check(ID, `FROM ruby:3.3\nRUN ${cmd}\n`);

describe(ID, () => {
  it('reports gems without a version', () => {
    for (const cmd of ['gem install bundler', 'gem i bundler:1 nokogiri', 'gem install --no-document rails']) assert.equal(run(cmd).length, 1, cmd);
  });
  it('accepts name:version, -v/--version, .gem files, and ignores build options after --', () => {
    for (const cmd of ['gem install bundler:2.5.11', "gem install bundler -v '2.0.1'", 'gem install bundler --version=2.0.1', 'gem install bundler:2 -- --use-system-libraries true', 'gem install ./x-1.0.gem', 'gem update --system', 'gem install bundler:2.0.1 --use-system-libraries true']) {
      assert.equal(run(cmd).length, 0, cmd);
    }
  });
});
