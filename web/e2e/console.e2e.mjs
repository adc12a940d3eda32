// Drives the built console in Debian's headless Chromium, through the gateway, as a person would:
// the platform status shows UP, a tenant created in the form appears in the list, and an empty
// name is refused with the API's field error and request id. Usage: node e2e/console.e2e.mjs URL
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const screenshot = process.argv[3];
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
  } catch (error) {
    failed++;
    console.log(`  FAIL console: ${name}: ${error.message.split('\n')[0]}`);
  }
}

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(base + '/');
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
  if (screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true });
  }
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
