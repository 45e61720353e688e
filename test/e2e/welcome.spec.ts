import { stat } from 'node:fs/promises';

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { locales } from '../../electron/shared/locales';
import { startPreview, type Preview } from '../preview/start-preview';
import { launchChromium, openPage, screenshot } from './support/browser';

let preview: Preview;
let browser: Browser;

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchChromium()]);
});
afterAll(async () => {
  await Promise.allSettled([browser.close(), preview.close()]);
});

describe('welcome screen in the browser preview', () => {
  it('greets an English browser in English, with no console error', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-US' });
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Welcome');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('IoT Box Assistant');
    expect(await page.getByRole('button', { name: 'Set up a new box' }).isVisible()).toBe(true);
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');
    const file = await screenshot(page, 'welcome-en');
    expect((await stat(file)).size).toBeGreaterThan(5_000);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['fr-FR', 'fr'],
    ['es-MX', 'es'],
    ['de-AT', 'de'],
    ['nl-BE', 'nl'],
    ['pt-BR', 'pt'],
  ] as const)('greets a %s browser in its language', async (locale, language) => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale });
    const texts = locales[language];
    await page.getByRole('heading', { level: 2, name: texts.welcome.title }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    expect(await page.getByRole('button', { name: texts.welcome.start }).isVisible()).toBe(true);
    await screenshot(page, `welcome-${language}`);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('follows an Italian browser language', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'it-IT' });
    await expect
      .poll(() => page.getByRole('heading', { level: 2 }).textContent())
      .toBe('Benvenuto');
    expect(await page.getByRole('button', { name: 'Configura un nuovo box' }).isVisible()).toBe(
      true,
    );
    await screenshot(page, 'welcome-it');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('loads only the active language at start, and the next one when switched', async () => {
    const { page, consoleErrors, scripts } = await openPage(browser, preview.url, {
      locale: 'it-IT',
    });
    const localeFiles = () =>
      scripts.flatMap((script) => /\/(en|it|fr|es|de|nl|pt)-[\w-]+\.js$/.exec(script)?.[1] ?? []);
    await page.getByRole('heading', { name: 'Benvenuto' }).waitFor();
    expect(localeFiles()).toEqual(['it']);
    await page.getByLabel('Lingua').selectOption('de');
    await page.getByRole('heading', { name: locales.de.welcome.title }).waitFor();
    expect(localeFiles()).toEqual(['it', 'de']);
    // Back to the system language for the other tests sharing this preview.
    await page.getByLabel(locales.de.language.label).selectOption('system');
    await page.getByRole('heading', { name: 'Benvenuto' }).waitFor();
    expect(localeFiles()).toEqual(['it', 'de']);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('switches language from the switcher and remembers it', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-GB' });
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await page.getByLabel('Language').selectOption('it');
    await page.getByRole('heading', { name: 'Benvenuto' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('it');
    await page.reload();
    await page.getByRole('heading', { name: 'Benvenuto' }).waitFor();
    expect(await page.getByLabel('Lingua').inputValue()).toBe('it');
    // Back to the system language for the other tests sharing this preview.
    await page.getByLabel('Lingua').selectOption('system');
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('moves to the first step with the keyboard, and back', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { locale: 'en-US' });
    await page.getByRole('button', { name: 'Set up a new box' }).focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: 'Find your IoT box' });
    await heading.waitFor();
    // Focus follows the new step's heading, so screen readers announce it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Find your IoT box');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('switches the theme from the settings panel and remembers it', async () => {
    const { page, consoleErrors } = await openPage(browser, preview.url, { colorScheme: 'light' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Settings');
    // Update checks belong to the installed app, not the browser preview.
    expect(await page.getByLabel('Check for updates automatically').count()).toBe(0);
    await page.getByLabel('Appearance').selectOption('dark');
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor))
      .toBe('rgb(21, 23, 27)');
    await page.keyboard.press('Escape');
    expect(await page.getByLabel('Appearance').count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Appearance').selectOption('system');
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset['theme']))
      .toBeUndefined();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('uses a dark theme when the system prefers it', async () => {
    const { page } = await openPage(browser, preview.url, { colorScheme: 'dark' });
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(21, 23, 27)');
    await screenshot(page, 'welcome-en-dark');
    await page.context().close();
  });
});
