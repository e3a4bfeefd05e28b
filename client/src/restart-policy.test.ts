import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy, type CrashDecision } from './restart-policy';

/** A policy on a clock the test moves by hand. */
function policyAt(options: ConstructorParameters<typeof RestartPolicy>[0] = {}) {
  let t = 1_000_000;
  const policy = new RestartPolicy(options, () => t);
  return { policy, advance: (ms: number) => { t += ms; } };
}

const delays = (ds: CrashDecision[]) => ds.map(d => (d.action === 'restart' ? d.delayMs : d.action));

describe('RestartPolicy', () => {
  it('doubles the delay from 0.5 s within a series and stops after the budget, saying so once', () => {
    const { policy, advance } = policyAt({ crashBudget: 5 });
    const decisions: CrashDecision[] = [];
    for (let i = 0; i < 6; i++) {
      policy.onRunning();
      advance(100);
      decisions.push(policy.onCrash());
    }
    assert.deepEqual(delays(decisions), [500, 1000, 2000, 4000, 8000, 'stop']);
    assert.deepEqual(decisions.map(d => d.action === 'restart' && d.attempt), [1, 2, 3, 4, 5, false]);
    const stop = decisions[5];
    assert.equal(stop.action === 'stop' && stop.notify, true);
    assert.equal(stop.action === 'stop' && stop.crashes, 6);
    // A server that keeps dying after the give-up (say it was started by another path) is not announced again.
    const again = policy.onCrash();
    assert.deepEqual([again.action, again.action === 'stop' && again.notify], ['stop', false]);
  });

  it('caps the delay', () => {
    const { policy } = policyAt({ crashBudget: 20, maxDelayMs: 3000 });
    const got = Array.from({ length: 6 }, () => policy.onCrash());
    assert.deepEqual(delays(got), [500, 1000, 2000, 3000, 3000, 3000]);
  });

  it('a crash after a healthy stretch starts a new series: first delay again, full budget, may tell again', () => {
    const { policy, advance } = policyAt({ crashBudget: 2, healthyAfterMs: 60_000 });
    policy.onRunning();
    assert.deepEqual(delays([policy.onCrash(), policy.onCrash(), policy.onCrash()]), [500, 1000, 'stop']);
    policy.onRunning();
    advance(59_999);
    // Not healthy long enough: still the same series, already told.
    const early = policy.onCrash();
    assert.deepEqual([early.action, early.action === 'stop' && early.notify], ['stop', false]);
    policy.onRunning();
    advance(60_000);
    assert.deepEqual(delays([policy.onCrash()]), [500]);
    const next = [policy.onCrash(), policy.onCrash()];
    assert.deepEqual(delays(next), [1000, 'stop']);
    assert.equal(next[1].action === 'stop' && next[1].notify, true);
  });

  it('only crashes inside the window count against the budget', () => {
    const { policy, advance } = policyAt({ crashBudget: 2, windowMs: 10_000, healthyAfterMs: 1e9 });
    policy.onCrash();
    advance(6000);
    policy.onCrash();
    advance(6000);
    // The first crash has left the window: two inside it, within budget; the delay keeps growing.
    assert.deepEqual(delays([policy.onCrash()]), [2000]);
    assert.deepEqual(delays([policy.onCrash()]), ['stop']);
  });

  it('time spent down does not count as healthy', () => {
    const { policy, advance } = policyAt({ crashBudget: 3, healthyAfterMs: 1000 });
    policy.onRunning();
    policy.onCrash();
    // Never reported running again (it died while starting), however long that took.
    advance(5000);
    assert.deepEqual(delays([policy.onCrash()]), [1000]);
  });

  it('a manual restart resets the series', () => {
    const { policy } = policyAt({ crashBudget: 1 });
    assert.deepEqual(delays([policy.onCrash(), policy.onCrash()]), [500, 'stop']);
    policy.reset();
    const after = [policy.onCrash(), policy.onCrash()];
    assert.deepEqual(delays(after), [500, 'stop']);
    assert.equal(after[1].action === 'stop' && after[1].notify, true);
  });

  it('other give-ups (a connection that keeps failing) share the one message per series', () => {
    const { policy } = policyAt({ crashBudget: 1 });
    assert.equal(policy.claimNotification(), true);
    assert.equal(policy.claimNotification(), false);
    const stop = [policy.onCrash(), policy.onCrash()][1];
    assert.deepEqual([stop.action, stop.action === 'stop' && stop.notify], ['stop', false]);
    policy.reset();
    assert.equal(policy.claimNotification(), true);
  });

  it('a zero budget never restarts', () => {
    const { policy } = policyAt({ crashBudget: 0 });
    assert.equal(policy.onCrash().action, 'stop');
  });

  it('rejects inconsistent options', () => {
    assert.throws(() => new RestartPolicy({ firstDelayMs: 5000, maxDelayMs: 1000 }), RangeError);
    assert.throws(() => new RestartPolicy({ crashBudget: -1 }), RangeError);
    assert.throws(() => new RestartPolicy({ windowMs: 0 }), RangeError);
  });
});
