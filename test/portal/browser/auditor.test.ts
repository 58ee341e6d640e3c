import { readFile } from 'node:fs/promises';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { falsifyOutcome, rewriteTail } from '../../support/audit-tamper';
import { launchBrowser, withPage, logIn } from '../../support/browser';
import { personInput } from '../../support/factories';
import { REGISTER_PERSON } from '../../support/operations';
import { startTestHub, TestHub } from '../../support/test-hub';

/**
 * The auditor's pages in a real browser against a whole hub: the secretary reads a child's case
 * through the portal, then the auditor finds exactly those reads in the access log (as the API
 * answers them) and downloads the child's subject access report.
 */
const JOURNAL = `mutation J($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const LOG = `query L($filter: AccessLogFilter!) { accessLog(filter: $filter, first: 1000) { position operationName service username } }`;
const AUDIT = { 'x-hub-purpose': 'AUDIT' };

/** What only a database superuser can do: drop the checkpoints from a position on, as someone covering a rewrite would. */
async function deleteCheckpointsFrom(admin: Client, position: number): Promise<void> {
  await admin.query('BEGIN');
  try {
    await admin.query(`SET LOCAL session_replication_role = replica`);
    await admin.query(`DELETE FROM audit.checkpoint WHERE position >= $1`, [position]);
    await admin.query('COMMIT');
  } catch (error) {
    await admin.query('ROLLBACK');
    throw error;
  }
}

describe("the auditor's pages in a browser", () => {
  let t: TestHub;
  let browser: Browser;
  let portal: string;

  const ok = <T>(r: { data: T | null; errors?: unknown }): T => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!;
  };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestHub(), launchBrowser()]);
    if (!t.portalUrl) throw new Error('portal/dist is missing: run `npm run build:portal` (npm test does) before the browser tests');
    portal = t.portalUrl;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("when the secretary has opened a child's case in the portal, then the auditor finds those reads in the access log as the API gives them and downloads the child's subject access report", async () => {
    const secretary = await t.userToken('secretary.vlk');
    const firstName = 'Аудитория';
    const childId = ok(await t.gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput({ firstName }) })).registerPerson.person.id;
    const today = new Date().toISOString().slice(0, 10);
    const kase = ok(
      await t.gql<{ registerSignalInJournal: { id: string; number: string } }>(secretary, JOURNAL, {
        i: { childId, urgency: 'ROUTINE', receivedOn: today, sourceKind: 'NEIGHBOURS', summary: 'Соседи сообщают, что ребёнок часто остаётся один' },
      }),
    ).registerSignalInJournal;

    await withPage(browser, 'auditor-secretary-reads-case', async (page) => {
      await logIn(page, `${portal}cases/${encodeURIComponent(kase.number)}`, 'secretary.vlk');
      await page.getByRole('heading', { level: 1, name: `Дело № ${kase.number}` }).waitFor();
      await page.getByText(firstName).first().waitFor();
    });

    // The API's answer: every entry about the child written for the secretary, the portal's case read among them.
    const auditor = await t.userToken('auditor.vlk');
    const api = ok(
      await t.gql<{ accessLog: Array<{ position: number; operationName: string | null; service: string; username: string }> }>(
        auditor,
        LOG,
        { filter: { childId, actor: 'secretary.vlk' } },
        undefined,
        AUDIT,
      ),
    ).accessLog;
    expect(api.filter((e) => e.operationName === 'PortalCase').length).toBeGreaterThan(0);
    expect(new Set(api.map((e) => e.username))).toEqual(new Set(['secretary.vlk']));

    await withPage(browser, 'auditor-searches-log', async (page) => {
      await logIn(page, `${portal}audit/log`, 'auditor.vlk');
      await page.getByRole('heading', { level: 1, name: 'Журнал доступа' }).waitFor();
      await page.getByLabel('Идентификатор ребёнка').fill(childId);
      await page.getByLabel('Сотрудник (имя пользователя или sub)').fill('secretary.vlk');
      await page.getByRole('button', { name: 'Найти' }).click();
      const table = page.getByRole('table', { name: /Записи журнала доступа/ });
      await table.waitFor();
      const shown = (await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-position'))))).sort((a, b) => a - b);
      expect(shown).toEqual(api.map((e) => e.position).sort((a, b) => a - b));
      await expect(table.locator('tbody tr').first().innerText()).resolves.toContain('secretary.vlk');
      await expect(
        page
          .getByRole('status')
          .filter({ hasText: `Найдено записей на странице: ${api.length}.` })
          .count(),
      ).resolves.toBe(1);

      // The subject access report: the file the parent is handed, saved straight from the page's memory.
      await page.getByRole('link', { name: 'Отчёт о доступе к данным этого ребёнка' }).click();
      await page.getByRole('heading', { level: 1, name: 'Отчёт о доступе к данным ребёнка' }).waitFor();
      await expect(page.getByLabel('Идентификатор ребёнка').inputValue()).resolves.toBe(childId);
      await page.getByRole('button', { name: 'Сформировать отчёт' }).click();
      const save = page.getByRole('button', { name: 'Скачать отчёт (CSV)' });
      await save.waitFor();
      // The type the page gives the file it saves (the download itself carries only a name).
      await page.evaluate(() => {
        const g = globalThis as unknown as { savedTypes: string[]; URL: { createObjectURL: (blob: Blob) => string } };
        const original = g.URL.createObjectURL.bind(g.URL);
        g.savedTypes = [];
        g.URL.createObjectURL = (blob: Blob) => {
          g.savedTypes.push(blob.type);
          return original(blob);
        };
      });
      const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
      expect(download.suggestedFilename()).toBe(`отчёт-о-доступе-${childId}.csv`);
      await expect(page.evaluate(() => (globalThis as unknown as { savedTypes: string[] }).savedTypes)).resolves.toEqual(['text/csv;charset=utf-8']);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const lines = csv.slice(1).split(/\r?\n/).filter(Boolean);
      expect(lines[0]).toContain('Дата и время');
      expect(lines.filter((l) => l.includes('secretary.vlk')).length).toBe(api.length);
    });
  });

  it("when the auditor holds the log against a checkpoint saved from the portal, then it reads intact, and after entries are rewritten and the hub's checkpoints deleted it reads broken though the hub's own check passes", async () => {
    const signed = (await t.hub.audit.signCheckpoint(t.hub.auditSigningKey, 'dev-run'))!;
    await withPage(browser, 'auditor-verifies-chain', async (page) => {
      await logIn(page, `${portal}audit/chain`, 'auditor.vlk');
      await page.getByRole('heading', { level: 1, name: 'Проверка журнала' }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Сохранить последнюю контрольную точку' }).click()]);
      const saved = JSON.parse(await readFile((await download.path())!, 'utf8')) as { position: number; hash: string; signature: string; publicKey: string };
      expect(saved.position).toBeGreaterThanOrEqual(signed.position);
      expect(saved.publicKey).toContain('BEGIN PUBLIC KEY');

      const verdict = page.locator('[data-verdict]');
      await page.getByLabel(/Сохранённая контрольная точка \(JSON\)/).fill(JSON.stringify(saved));
      await page.getByRole('button', { name: 'Проверить' }).click();
      await page.locator('[data-verdict="intact"]').waitFor();
      await expect(verdict.innerText()).resolves.toContain(`Журнал цел: цепочка доходит до сохранённой контрольной точки на позиции ${saved.position}`);

      const admin = new Client({ connectionString: t.adminUrl });
      await admin.connect();
      try {
        await deleteCheckpointsFrom(admin, 1);
        await rewriteTail(admin, saved.position - 1, ([entry, ...rest]) => [falsifyOutcome(entry), ...rest]);
      } finally {
        await admin.end();
      }
      await page.getByRole('button', { name: 'Проверить' }).click();
      await page.locator('[data-verdict="broken"]').waitFor();
      const text = await verdict.innerText();
      expect(text).toContain(`Журнал нарушен: хаб больше не хранит контрольную точку позиции ${saved.position}`);
      // Without the saved copy the forgery passes: the hub's check alone finds its (rewritten) chain whole.
      expect(text).toMatch(/Журнал цел/);
    });
  });
});
