// Drives the built console in Debian's headless Chromium, through the gateway, as a person would:
// signs in as the platform admin (HB_PLATFORM_ADMIN_EMAIL / HB_PLATFORM_ADMIN_PASSWORD), the
// platform status shows UP, a tenant created in the form appears in the list, an empty name is
// refused with the API's field error and request id, an API key is created with its secret shown
// once, is listed without it, and is revoked; then signs out. Then signs in as the tenant admin
// (HB_TENANT_ADMIN_EMAIL / HB_TENANT_ADMIN_PASSWORD): the Agents tab lists the simulator as
// simulated, an agent created in the form appears in the list and runs with its answer streaming,
// the Knowledge tab takes a dropped file to READY and finds it in search, the "career-assistant" template
// instantiates a "Career assistant" workflow that appears in the list; then signs out.
// Usage: node e2e/console.e2e.mjs URL [screenshot.png]
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const screenshot = process.argv[3];
const email = process.env.HB_PLATFORM_ADMIN_EMAIL;
const password = process.env.HB_PLATFORM_ADMIN_PASSWORD;
const tenantEmail = process.env.HB_TENANT_ADMIN_EMAIL;
const tenantPassword = process.env.HB_TENANT_ADMIN_PASSWORD;
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

async function signIn(page, who, pass, role) {
  await page.getByLabel('Email').fill(who);
  await page.getByLabel('Password').fill(pass);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const refused = page.locator('p.error');
  await page.locator('header .who').or(refused).first().waitFor();
  if (await refused.isVisible()) {
    throw new Error(await refused.innerText());
  }
  await page.locator('header', { hasText: who }).getByText(role).waitFor();
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
}

async function run(page) {
  await page.goto(base + '/');
  const signedIn = await step('signs in as the platform admin', () => signIn(page, email, password, 'PLATFORM_ADMIN'));
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

  await step('signs out back to the sign-in form', () => signOut(page));
}

async function runTenant(page) {
  const signedIn = await step('signs in as the tenant admin', async () => {
    if (!tenantEmail || !tenantPassword) {
      throw new Error('HB_TENANT_ADMIN_EMAIL and HB_TENANT_ADMIN_PASSWORD must be set');
    }
    await page.goto(base + '/');
    const signOutButton = page.getByRole('button', { name: 'Sign out' });
    await page.getByLabel('Email').or(signOutButton).first().waitFor();
    if (await signOutButton.isVisible()) {
      await signOut(page); // the platform admin's steps stopped before signing out
    }
    await signIn(page, tenantEmail, tenantPassword, 'TENANT_ADMIN');
  });
  if (!signedIn) {
    return;
  }

  await step('opens the Agents tab and lists the simulator model as simulated', async () => {
    await page.getByRole('button', { name: 'Agents', exact: true }).click();
    const simulator = page.locator('ul.models li', { hasText: 'simulator/sim-1' });
    await simulator.locator('.badge', { hasText: 'simulated' }).waitFor();
    await simulator.getByText('available', { exact: true }).waitFor();
  });

  const agentName = `Browser agent ${Date.now()}`;
  await step('creates an agent on the simulator that appears in the list', async () => {
    await page.getByLabel('Agent name').fill(agentName);
    await page.getByLabel('Model', { exact: true }).selectOption('simulator/sim-1');
    await page.getByLabel('System prompt').fill('You review resumes.');
    await page.getByRole('button', { name: 'Create agent' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: agentName, exact: true }) });
    await row.getByRole('cell', { name: 'simulator/sim-1', exact: true }).waitFor();
  });

  await step('runs the agent: the answer streams in, then SUCCEEDED with its tokens', async () => {
    await page.getByRole('button', { name: `Run ${agentName}`, exact: true }).click();
    const panel = page.getByRole('region', { name: `Run of ${agentName}` });
    await panel.getByLabel(`Message to ${agentName}`).fill('Review my resume [[sim:tokens=24]]');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: 'SUCCEEDED' }).filter({ hasText: '24 out' }).waitFor();
    const streamed = (await panel.getByTestId('run-output').innerText()).trim();
    if (streamed.length === 0) throw new Error('no text streamed');
  });

  await step('shows the run in this month\'s usage, then sets and removes a monthly budget', async () => {
    await page.getByRole('button', { name: 'Billing', exact: true }).click();
    const billing = page.getByRole('region', { name: 'Billing' });
    const priced = billing.getByRole('cell', { name: 'simulator/sim-1', exact: true });
    // the run's call reaches the ledger within moments of its end
    for (let i = 0; i < 30 && (await priced.count()) === 0; i++) {
      await page.waitForTimeout(500);
      await billing.getByRole('button', { name: 'Refresh' }).click();
    }
    await priced.waitFor();
    await billing.getByLabel('Monthly budget in dollars').fill('500');
    await billing.getByRole('button', { name: 'Set budget' }).click();
    await billing.locator('p', { hasText: 'monthly budget' }).filter({ hasText: '$500.00' }).waitFor();
    // the demo tenant's later checks run without a budget
    await billing.getByLabel('Monthly budget in dollars').fill('');
    await billing.getByRole('button', { name: 'Set budget' }).click();
    await billing.locator('p', { hasText: 'monthly budget' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Agents', exact: true }).click();
  });

  await step('Knowledge: creates a knowledge base, drops a file on it, watches it become READY, finds it in search, deletes it', async () => {
    await page.getByRole('button', { name: 'Knowledge', exact: true }).click();
    const knowledge = page.getByRole('region', { name: 'Knowledge' });
    const name = `Console handbook ${Date.now()}`;
    await knowledge.getByLabel('Knowledge base name').fill(name);
    await knowledge.getByRole('button', { name: 'Create knowledge base' }).click();
    const base = knowledge.getByRole('region', { name: `Knowledge base ${name}` });
    await base.waitFor();
    // a file dropped on the drop zone, as a person drags it from their desktop
    const drop = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['# Leave\n\nThe notice period is three months for both sides.\n'], 'leave.md',
        { type: 'text/markdown' }));
      return transfer;
    });
    await base.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: drop });
    const row = base.getByRole('row').filter({ hasText: 'leave.md' });
    await row.getByRole('cell', { name: 'READY', exact: true }).waitFor({ timeout: 60000 });
    await base.getByLabel('Search query').fill('How long is the notice period?');
    await base.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = base.getByTestId('search-hit').first();
    await hit.getByText('leave.md').waitFor();
    await hit.getByText('three months').waitFor();
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    await knowledge.getByRole('row').filter({ hasText: name }).getByRole('button', { name: 'Delete' }).click();
    await base.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Agents', exact: true }).click();
  });

  await step('instantiates the career-assistant template into a listed "Career assistant" workflow', async () => {
    const template = page.getByRole('row').filter({ hasText: 'career-assistant' });
    await template.getByRole('button', { name: 'Use template' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Career assistant' });
    await status.waitFor();
    const id = (await status.locator('.id').innerText()).trim();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: id, exact: true }) });
    await row.getByRole('cell', { name: 'Career assistant', exact: true }).waitFor();
  });

  await step('signs the tenant admin out', () => signOut(page));
}

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(15000);
  await run(page);
  await runTenant(page);
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
