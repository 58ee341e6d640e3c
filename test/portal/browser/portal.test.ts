import type { Browser } from 'playwright-core';
import { loadOrganisationRegistry } from '../../../auth/organisations/organisation-registry';
import { bankAnswers } from '../../support/bank-ready';
import { launchBrowser, withPage, logIn } from '../../support/browser';
import { personInput, signalInput } from '../../support/factories';
import { REGISTER_FAMILY, REGISTER_PERSON, reportSignal } from '../../support/operations';
import { startTestHub, TestHub } from '../../support/test-hub';

/**
 * The portal in a real browser against a whole hub: people log in on the identity provider's own
 * login page (authorization code + PKCE) and work through the pages; data is arranged through the
 * API as the agencies' systems and the commission would write it.
 */
const organisation = (code: string) =>
  loadOrganisationRegistry()
    .all()
    .find((o) => o.code === code)!.id;
const OPEN = `mutation O($input: OpenCaseParticipationInput!) { openCaseParticipation(input: $input) { id } }`;
const CONSENT = `mutation C($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`;
const CASE_DUE = `query D($number: String!) { kdnCase(number: $number) { number checkDue } }`;

const ddmmyyyy = (date: string) => date.split('-').reverse().join('.');

describe('the KDN portal in a browser', () => {
  let t: TestHub;
  let browser: Browser;
  let portal: string;
  let secretary: string;

  const ok = <T>(r: { data: T | null; errors?: unknown }): T => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!;
  };
  const register = async (overrides: Record<string, unknown> = {}) =>
    ok(await t.gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput(overrides) })).registerPerson.person.id;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestHub(), launchBrowser()]);
    if (!t.portalUrl) throw new Error('portal/dist is missing: run `npm run build:portal` (npm test does) before the browser tests');
    portal = t.portalUrl;
    secretary = await t.userToken('secretary.vlk');
    await bankAnswers(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('when the secretary registers a case from an incoming signal and assigns the check, then the page shows the deadline the hub’s calendar gives', async () => {
    const firstName = 'Журналия';
    const childId = await register({ firstName });
    ok(await t.gql(await t.systemToken('education'), reportSignal('education'), { input: signalInput(childId, { observedAt: new Date().toISOString() }) }));

    await withPage(browser, 'secretary-registers-case', async (page) => {
      await logIn(page, `${portal}journal`, 'secretary.vlk');
      await page.getByRole('heading', { name: 'Журнал входящих сигналов' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: firstName });
      await row.getByRole('button', { name: 'Зарегистрировать дело' }).click();
      await page.getByLabel('Краткое содержание').fill('Систематические пропуски занятий, сообщение школы');
      await page.getByRole('button', { name: 'Зарегистрировать', exact: true }).click();
      const registered = page.getByText(/Дело № .+ зарегистрировано/);
      await registered.waitFor();
      const number = (await registered.locator('a').innerText()).trim();

      await page.getByRole('checkbox', { name: 'Образование' }).check();
      await page.getByRole('button', { name: 'Назначить проверку' }).click();
      const due = page.locator('[data-check-due]');
      await due.waitFor();

      const api = ok(await t.gql<{ kdnCase: { checkDue: string } }>(secretary, CASE_DUE, { number })).kdnCase;
      expect(api.checkDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await due.innerText()).toBe(ddmmyyyy(api.checkDue));
      await expect(page.getByText(/Срок проверки: .*(осталось \d+ раб\. дн\.|срок сегодня)/).count()).resolves.toBe(1);
    });
  });

  it('when a specialist of a case reads the child under a consent without documents, then the SNILS is shown as withheld with its reason', async () => {
    const childId = await register({ firstName: 'Согласная' });
    const motherId = await register({ firstName: 'Мать', birthDate: '1987-03-03' });
    ok(
      await t.gql(secretary, REGISTER_FAMILY, {
        input: {
          idempotencyKey: `portal-family-${childId}`,
          municipality: '05701000',
          categories: [],
          members: [
            { personId: motherId, role: 'MOTHER' },
            { personId: childId, role: 'CHILD' },
          ],
        },
      }),
    );
    ok(await t.gql(secretary, OPEN, { input: { childId, organisationId: organisation('social-yol'), basis: 'Постановление КДН № 7', openedOn: '2026-11-01' } }));
    ok(
      await t.gql(secretary, CONSENT, {
        input: {
          childId,
          grantorId: motherId,
          grantees: ['SOCIAL'],
          territories: ['88701000'],
          categories: ['IDENTITY', 'EDUCATION'],
          purposes: ['INDIVIDUAL_PREVENTION'],
          validFrom: '2026-01-01',
          documentRef: 'Согласие № 12',
        },
      }),
    );

    await withPage(browser, 'specialist-sees-redaction', async (page) => {
      await logIn(page, `${portal}children/${childId}`, 'social.yol');
      await page.getByRole('heading', { level: 1, name: /Согласная/ }).waitFor();
      const snils = page.locator('dt', { hasText: 'СНИЛС' }).locator('xpath=following-sibling::dd[1]');
      await expect(snils.innerText()).resolves.toBe('Скрыто (документы): согласие не распространяется на эту категорию данных');
      await expect(page.locator('dt', { hasText: 'Адрес фактического проживания' }).locator('xpath=following-sibling::dd[1]').innerText()).resolves.toContain('Скрыто (контакты)');
      // Health is a special category: withheld by role, and said so, never shown as an empty section.
      await expect(page.getByRole('region', { name: 'Здравоохранение' }).innerText()).resolves.toContain('Нет доступа: записи другого ведомства');
    });
  });

  it('when a specialist of another municipality opens the child, then the portal says in Russian that it may not be opened', async () => {
    const childId = await register({ firstName: 'Чужая' });
    await withPage(browser, 'other-municipality-refused', async (page) => {
      await logIn(page, `${portal}children/${childId}`, 'education.art');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = await alert.innerText();
      expect(text).toContain('Открыть сведения о ребёнке нельзя');
      expect(text).toContain('вне территорий вашей организации');
      expect(text).toMatch(/Номер запроса: \S+/);
      await expect(page.getByText('Чужая').count()).resolves.toBe(0);
    });
  });

  it('when the secretary logs out, then nothing of the child stays in the page’s storage and the back button does not show it', async () => {
    const firstName = 'Выходная';
    const childId = await register({ firstName });
    await withPage(browser, 'logout-leaves-nothing', async (page) => {
      await logIn(page, `${portal}children/${childId}`, 'secretary.vlk');
      await page.getByRole('heading', { name: new RegExp(firstName) }).waitFor();

      await page.getByRole('button', { name: 'Выйти' }).click();
      // End-session at the identity provider, back to the portal, which sends a logged-out person to the login page.
      await page.getByLabel('Имя пользователя').waitFor();
      for (let i = 0; i < 4; i++) {
        await page.goBack({ waitUntil: 'load' }).catch(() => null);
        await page.waitForTimeout(300);
        expect(await page.locator('body').innerText()).not.toContain(firstName);
      }

      const storage = await page.context().newPage();
      await storage.goto(`${portal}config.json`);
      // A string, not a function: the server code's type-check has no DOM types.
      const kept = (await storage.evaluate(`(async () => ({
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
        databases: (await indexedDB.databases()).map((d) => d.name),
        caches: 'caches' in self ? await caches.keys() : [],
      }))()`)) as { local: string; session: string; databases: string[]; caches: string[] };
      expect(kept.local).toBe('{}');
      expect(kept.session).not.toContain(firstName);
      expect(kept.session).not.toContain('access_token');
      expect(kept.databases).toEqual([]);
      expect(kept.caches).toEqual([]);
    });
  });

  // Last: it stops a subgraph of the file's hub.
  it('when an agency’s service does not answer, then the case view names that agency as missing and still shows the others', async () => {
    const childId = await register({ firstName: 'Неполная' });
    ok(await t.gql(await t.systemToken('education'), reportSignal('education'), { input: signalInput(childId, { description: 'Пропуски занятий, сообщение школы' }) }));
    await t.hub.stopSubgraph('health');
    await withPage(browser, 'partial-answer', async (page) => {
      await logIn(page, `${portal}children/${childId}`, 'secretary.vlk');
      await page.getByRole('heading', { level: 1, name: /Неполная/ }).waitFor();
      await expect(page.getByRole('status').filter({ hasText: 'Ответ неполный' }).innerText()).resolves.toMatch(/не ответили «Здравоохранение».*Номер запроса: \S+/s);
      await expect(page.getByRole('region', { name: 'Здравоохранение' }).innerText()).resolves.toContain('Ведомство не ответило: сведения раздела в ответ не вошли');
      await expect(page.getByRole('region', { name: 'Образование' }).innerText()).resolves.toContain('Пропуски занятий, сообщение школы');
    });
  });
});
