// Drives the built console in Debian's headless Chromium, through the gateway, as a person would:
// signs in as the platform admin (HB_PLATFORM_ADMIN_EMAIL / HB_PLATFORM_ADMIN_PASSWORD), the
// platform status shows UP, a tenant created in the form appears in the list, an empty name is
// refused with the API's field error and request id, an API key is created with its secret shown
// once, is listed without it, and is revoked; then signs out. Usage: node e2e/console.e2e.mjs URL
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const screenshot = process.argv[3];
const email = process.env.HB_PLATFORM_ADMIN_EMAIL;
const password = process.env.HB_PLATFORM_ADMIN_PASSWORD;
if (!email || !password) {
  console.log('  FAIL console: HB_PLATFORM_ADMIN_EMAIL and HB_PLATFORM_ADMIN_PASSWORD must be set');
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: process.env.HB_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = 0;
async function step(name, run) {
  try {
    await run();
    console.log(`  ok   console: ${name}`);
    return true;
  } catch (error) {
    failed++;
    console.log(`  FAIL console: ${name}: ${error.message.split('\n')[0]}`);
    return false;
  }
}

async function run(page) {
  await page.goto(base + '/');
  const signedIn = await step('signs in as the platform admin', async () => {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const refused = page.locator('p.error');
    await page.locator('header .who').or(refused).first().waitFor();
    if (await refused.isVisible()) {
      throw new Error(await refused.innerText());
    }
    await page.locator('header', { hasText: email }).getByText('PLATFORM_ADMIN').waitFor();
  });
  if (!signedIn) {
    return; // everything below needs a session
  }

  await step('shows the gateway UP', () => page.locator('section', { hasText: 'Platform status' })
    .locator('strong', { hasText: 'UP' }).waitFor());

  const name = `Browser Co ${Date.now()}`;
  await step('creates a tenant that appears in the list', async () => {
    await page.getByLabel('Tenant name').fill(name);
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.getByRole('cell', { name, exact: true }).waitFor();
  });

  await step('refuses an empty name with the field error and request id', async () => {
    await page.getByLabel('Tenant name').fill('');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    const error = page.locator('p.error');
    await error.waitFor();
    const text = await error.innerText();
    if (!/name/.test(text) || !/request [0-9a-f-]{36}/.test(text)) {
      throw new Error(`unexpected error text: ${text}`);
    }
  });

  const keyName = `browser-key-${Date.now()}`;
  const keyRow = page.getByRole('row').filter({ has: page.getByRole('cell', { name: keyName, exact: true }) });
  let secret = '';
  await step('creates an API key and shows its secret once, with a copy button', async () => {
    await page.getByRole('button', { name: 'API keys', exact: true }).click();
    await page.getByLabel('Key name').fill(keyName);
    await page.getByLabel('Scopes').fill('agents:run, agents:read');
    await page.getByLabel('Requests per minute').fill('120');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.locator('.secret');
    await shown.getByText('you will not see it again').waitFor();
    await shown.getByRole('button', { name: 'Copy' }).waitFor();
    secret = (await shown.locator('code').innerText()).trim();
    if (secret.length < 20) {
      throw new Error(`secret looks wrong: "${secret}"`);
    }
  });

  await step('lists the key by name and prefix, and never shows the secret again', async () => {
    await keyRow.waitFor();
    const prefix = (await keyRow.locator('td.id').innerText()).trim();
    if (!prefix || !secret.startsWith(prefix)) {
      throw new Error(`prefix "${prefix}" does not start the secret`);
    }
    await page.reload(); // the session survives a reload; the secret does not
    await page.getByRole('button', { name: 'API keys', exact: true }).click();
    await keyRow.waitFor();
    if (secret && (await page.content()).includes(secret)) {
      throw new Error('the secret is still on the page after a reload');
    }
  });

  if (screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true });
  }

  await step('revokes the key after a confirmation', async () => {
    page.once('dialog', (dialog) => dialog.accept());
    await keyRow.getByRole('button', { name: 'Revoke' }).click();
    await keyRow.waitFor({ state: 'detached' });
  });

  await step('signs out back to the sign-in form', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  });
}

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(15000);
  await run(page);
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
