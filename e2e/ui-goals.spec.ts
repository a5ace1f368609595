// The goal hub's progress measure and linking a conversation from its menu,
// through the real core: a checklist checked step by step, a number reached,
// a bad number refused, and a conversation linked to a goal with the keyboard.
import { expect, test } from '@playwright/test';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost } from './support/host';
import { addProvider, goTo, send } from './support/ui';

let provider: Awaited<ReturnType<typeof startProviderServer>>;
let host: Awaited<ReturnType<typeof startHost>>;
const apiKey = 'sk-test-ui-goals-0001';

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 2 });
  host = await startHost(makeDataDir('ui-goals'));
});
test.afterAll(async () => {
  await host.stop();
  await provider.close();
});

test('a goal measures progress by a checklist or a number, and keeps it after a reload', async ({ page }) => {
  await page.goto(host.url);
  await goTo(page, 'Goals');
  await page.getByRole('button', { name: 'New goal' }).click();
  await page.getByLabel('Goal', { exact: true }).fill('Write the book');
  await page.getByLabel('Measure progress by').selectOption({ label: 'A checklist of steps' });
  await page.getByLabel('Steps, one per line').fill('Outline\nDraft\nEdit');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved “Write the book”.')).toBeVisible();
  const progress = page.getByRole('region', { name: 'Progress' });
  await expect(progress.getByRole('progressbar', { name: 'Progress of the goal' })).toHaveAttribute('value', '0');
  await progress.getByLabel('Outline').click();
  await expect(progress.getByLabel('Outline')).toBeChecked();
  await expect(progress.getByRole('progressbar')).toHaveAttribute('value', '33');
  // Keyboard: Tab to the next step and Space to check it.
  await progress.getByLabel('Outline').press('Tab');
  await expect(progress.getByLabel('Draft')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(progress.getByRole('progressbar')).toHaveAttribute('value', '67');
  await expect(page.getByRole('navigation', { name: 'Your goals' }).getByRole('button', { name: /Write the book/ })).toContainText('67 %');

  await page.getByRole('button', { name: 'New goal' }).click();
  await page.getByLabel('Goal', { exact: true }).fill('Run 100 km');
  await page.getByLabel('Measure progress by').selectOption({ label: 'A number to reach' });
  await page.getByLabel('Number to reach').fill('100');
  await page.getByLabel('Unit (optional)').fill('km');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved “Run 100 km”.')).toBeVisible();
  await page.getByLabel(/Reached so far/).fill('25');
  await page.getByLabel(/Reached so far/).press('Enter');
  await expect(progress.getByRole('progressbar')).toHaveAttribute('value', '25');
  await page.getByLabel(/Reached so far/).fill('-5');
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(progress.getByRole('alert')).toContainText('must be at least 0');
  await expect(progress.getByRole('progressbar')).toHaveAttribute('value', '25');

  await page.reload();
  await goTo(page, 'Goals');
  const list = page.getByRole('navigation', { name: 'Your goals' });
  await expect(list.getByRole('button', { name: /Write the book/ })).toContainText('67 %');
  await expect(list.getByRole('button', { name: /Run 100 km/ })).toContainText('25 %');
});

test('a conversation is linked to a goal from its menu, with the keyboard', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo goals', baseUrl: provider.url, apiKey, model: 'echo' });
  await goTo(page, 'Goals');
  await page.getByRole('button', { name: 'New goal' }).click();
  await page.getByLabel('Goal', { exact: true }).fill('Plan the trip');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved “Plan the trip”.')).toBeVisible();

  await goTo(page, 'Chat');
  await send(page, 'Trains to Lisbon');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  const row = page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'Trains to Lisbon' });
  await row.focus();
  await page.keyboard.press('Shift+F10');
  await page.getByRole('menuitem', { name: 'Link to a goal…' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Goals for “Trains to Lisbon”' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Plan the trip').focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByLabel('Plan the trip')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await goTo(page, 'Goals');
  await page.getByRole('navigation', { name: 'Your goals' }).getByRole('button', { name: /Plan the trip/ }).click();
  await expect(page.getByRole('region', { name: 'Linked work' }).getByRole('link', { name: 'Trains to Lisbon' })).toBeVisible();
});
