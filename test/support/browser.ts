import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureChromium } from '../../scripts/chromium';

/**
 * Debian's Chromium driven by playwright-core, for tests that go through pages as a person would.
 * Headless, Russian locale, a laptop-sized window; a fresh context (no cookies, no storage) per page.
 */
// Without the background-networking switches Chromium keeps calling Google's services, which this
// machine's closed network refuses; QUIC and the GPU are of no use headless.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await ensureChromium(), headless: true, args: CHROMIUM_ARGS });
}

/**
 * Runs `fn` with a page of a new context and closes the context afterwards. When `fn` throws, the
 * page as it was is saved to test-artifacts/screenshots/<name>.png first, then the error goes on.
 */
export async function withPage<T>(browser: Browser, name: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
  const page = await context.newPage();
  try {
    return await fn(page);
  } catch (error) {
    await onFailureScreenshot(page, name);
    throw error;
  } finally {
    await context.close();
  }
}

/** Saves the page's screenshot under test-artifacts/screenshots/<name>.png; never throws (the test's own error matters more). */
export async function onFailureScreenshot(page: Page, name: string): Promise<string | null> {
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.png`);
  try {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: file, fullPage: true, timeout: 5000 });
    return file;
  } catch {
    return null;
  }
}

/** Logs a demo person (password `demo`) in on the identity provider's page and waits for the portal to be back. */
export async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль').fill('demo');
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/portal/') && !u.pathname.startsWith('/portal/callback'));
}
