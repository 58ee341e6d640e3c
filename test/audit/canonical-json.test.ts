import { canonicalJson } from '../../auth/audit/canonical-json';

describe('canonical JSON, the text the access log chain covers', () => {
  it('when an entry holds arrays of strings among other values, then its text has sorted keys, no spaces, and strings escaped as JSON escapes them', () => {
    const entry = { z: ['b', 'a"\\\n', 'ё'], a: [1, 'x', null, { d: 1, c: [] }], m: [], k: undefined, t: new Date('2026-01-02T03:04:05.000Z') };

    const text = canonicalJson(entry);

    expect(text).toBe('{"a":[1,"x",null,{"c":[],"d":1}],"m":[],"t":"2026-01-02T03:04:05.000Z","z":["b","a\\"\\\\\\n","ё"]}');
    expect(JSON.parse(text)).toEqual({ a: [1, 'x', null, { c: [], d: 1 }], m: [], t: '2026-01-02T03:04:05.000Z', z: ['b', 'a"\\\n', 'ё'] });
  });
});
