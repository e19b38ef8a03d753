import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/** Where the browser tests leave their screenshots. */
export const screenshotsDir = path.join(import.meta.dirname, 'screenshots');

export async function makeScreenshotsDir() {
  await mkdir(screenshotsDir, { recursive: true });
}

/** `shot(page, name)`: the page (its full length unless `fullPage` is false) as `<prefix><name>.png`. */
export function shooter(prefix: string) {
  return (page: Page, name: string, fullPage = true) =>
    page.screenshot({ path: path.join(screenshotsDir, `${prefix}${name}.png`), fullPage });
}

/** A desktop browser window. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

/**
 * `problems`: every console error and uncaught page error of the pages watched, each with the name
 * of who saw it and the page's address. `newContext(browser, base, name, options)` opens a context
 * on `base` whose pages are all watched; its options are `defaults` with `options` over them.
 */
export function createProblemLog(defaults: BrowserContextOptions = DESKTOP) {
  const problems: string[] = [];
  function watch(name: string, page: Page) {
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`[${name}] console error: ${msg.text()} (${page.url()})`);
    });
    page.on('pageerror', (err) => problems.push(`[${name}] page error: ${err.message} (${page.url()})`));
  }
  async function newContext(
    browser: Browser,
    base: string,
    name: string,
    options: BrowserContextOptions = {},
  ) {
    const context = await browser.newContext({ baseURL: base, ...defaults, ...options });
    context.on('page', (page) => watch(name, page));
    return context;
  }
  return { problems, newContext };
}

/** Signs in on the dashboard's form and waits for the interviews list. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Interviews', level: 1 }).waitFor();
}
