import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium, headless, with none of its calls home (this machine has no network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Signs in through the gateway and the provider's real login page, as a person would. */
export async function signIn(page: Page, gatewayUrl: string, username: string): Promise<void> {
  await page.goto(gatewayUrl);
  await page.click('#sign-in');
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', username);
  await page.click('button[type=submit]');
  await page.waitForURL(`${gatewayUrl}/`);
}
