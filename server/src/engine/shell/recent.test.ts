import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RecentByText } from './recent';

describe('RecentByText', () => {
  it('drops the least recently used entry past the entry limit', () => {
    const recent = new RecentByText<number>(2, 1000);
    recent.set('a', 1);
    recent.set('b', 2);
    assert.equal(recent.get('a'), 1);
    recent.set('c', 3);
    assert.equal(recent.get('b'), undefined);
    assert.equal(recent.get('a'), 1);
    assert.equal(recent.get('c'), 3);
  });
  it('drops old entries when the texts together grow past the character limit, but keeps the newest', () => {
    const recent = new RecentByText<number>(100, 10);
    recent.set('12345', 1);
    recent.set('67890', 2);
    recent.set('x', 3);
    assert.deepEqual([recent.get('12345'), recent.get('67890'), recent.get('x')], [undefined, 2, 3]);
    recent.set('a'.repeat(50), 4);
    assert.equal(recent.size, 1);
    assert.equal(recent.get('a'.repeat(50)), 4);
  });
  it('setting a key again counts its text once', () => {
    const recent = new RecentByText<number>(100, 10);
    for (let i = 0; i < 20; i++) recent.set('abcde', i);
    recent.set('fghij', 1);
    assert.equal(recent.get('abcde'), 19);
  });
});
