import { createAuditWriter, LINGER_MS } from '../../auth/audit/audit-writer';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  it('when five expected requests finish one after another with nothing in flight, then one call carries their five entries', async () => {
    const calls: string[][] = [];
    const writer = createAuditWriter(async (entries) => {
      calls.push(entries);
      return entries.map((_, i) => i + 1);
    });
    const requests = Array.from({ length: 5 }, () => writer.expect('view-1'));

    const appended = requests.map(async (done, i) => {
      await later(i * 0.2);
      done();
      return writer.append(`{"n":${i}}`, undefined, 'view-1');
    });
    await Promise.all(appended);

    expect(calls.map((c) => c.length)).toEqual([5]);
  });

  it('when an expected request never appends, then the others are written after the linger, not held for it', async () => {
    const calls: string[][] = [];
    const writer = createAuditWriter(async (entries) => {
      calls.push(entries);
      return entries.map((_, i) => i + 1);
    });
    writer.expect('view-1'); // a slow section, or one that failed without saying so
    const done = writer.expect('view-1');
    const started = Date.now();

    done();
    await writer.append('{}', undefined, 'view-1');

    expect(calls).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LINGER_MS - 1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("when no sibling of its own client request is running, then an entry is written at once, even while another client's request runs", async () => {
    const calls: string[][] = [];
    const writer = createAuditWriter(async (entries) => {
      calls.push(entries);
      return entries.map((_, i) => i + 1);
    });
    const done = writer.expect('view-1');
    writer.expect('another-client'); // another client's request, still running
    let timerFired = false;
    const timer = setTimeout(() => (timerFired = true), LINGER_MS);

    done();
    await writer.append('{}', undefined, 'view-1');

    expect(timerFired).toBe(false);
    clearTimeout(timer);
    expect(calls).toHaveLength(1);
  });
});
