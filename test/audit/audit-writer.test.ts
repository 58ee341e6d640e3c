import { createAuditWriter } from '../../auth/audit/audit-writer';

describe('group commit of audit entries', () => {
  it('when 50 requests append at once, then they share a few writes and each gets its own position in order', async () => {
    const calls: string[][] = [];
    let next = 1;
    const writer = createAuditWriter(async (entries) => {
      calls.push(entries);
      await new Promise((r) => setTimeout(r, 5));
      return entries.map(() => next++);
    });
    const positions = await Promise.all(Array.from({ length: 50 }, (_, i) => writer.append(`{"n":${i}}`)));
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(calls.flat()).toHaveLength(50);
    expect(positions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(writer.stats).toMatchObject({ batches: calls.length, entries: 50 });
  });

  it('when the write fails, then every request of that batch fails (no answer leaves unaccounted) and the next batch is tried afresh', async () => {
    let fail = true;
    const writer = createAuditWriter(async (entries) => {
      if (fail) throw new Error('database down');
      return entries.map((_, i) => i + 1);
    });
    const failed = await Promise.allSettled([writer.append('{}'), writer.append('{}')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(writer.append('{}')).resolves.toBe(1);
  });
});
