// Without timings from an earlier run (a clean clone, as in CI) Jest orders test files by size, so
// the few files that take minutes may start late and finish alone on one worker. Those go first
// then; once Jest has timings of its own, its order (slowest first) stands.
const Sequencer = require('@jest/test-sequencer').default;

const SLOW_FIRST = [
  'e2e/yugra-figures',
  'ops/crash-matrix',
  'sync/nats-crash-recovery',
  'sync/crash-recovery',
  'sync/production-processes',
  'auth/idp-browser-login',
  'portal/browser/portal',
  'e2e/role-matrix',
].map((name) => `/test/${name}.test.ts`);

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    const rank = (test) => {
      const index = SLOW_FIRST.findIndex((suffix) => test.path.replace(/\\/g, '/').endsWith(suffix));
      return index === -1 ? SLOW_FIRST.length : index;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
