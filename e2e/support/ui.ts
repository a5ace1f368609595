import { expect, type Page } from '@playwright/test';

export async function addProvider(page: Page, provider: { name: string; baseUrl: string; apiKey: string; model: string }) {
  await page.getByRole('button', { name: 'Providers' }).click();
  const dialog = page.getByRole('dialog');
  // With providers saved, the form opens on one of them: start a new one instead.
  const editing = dialog.getByLabel('Editing');
  if (await editing.isVisible()) await editing.selectOption({ label: 'New…' });
  await dialog.getByLabel('Name', { exact: true }).fill(provider.name);
  await dialog.getByLabel('Base URL').fill(provider.baseUrl);
  await dialog.getByLabel('API key').fill(provider.apiKey);
  await dialog.getByLabel('Model', { exact: true }).fill(provider.model);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(`Saved “${provider.name}”.`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

export async function send(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** Records the WebSocket frames the page receives from the core. */
export function recordReceivedFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  return frames;
}

/** Runs a command from the command palette (Ctrl+K), by typing its label. */
export async function runCommand(page: Page, label: string) {
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  // Right after a load the shortcut can come before React has rendered and bound it
  // (assets from the browser's cache make the load event early): press again until
  // the palette opens, never while it is open (the shortcut toggles it).
  await expect(async () => {
    if (!(await palette.isVisible())) await page.keyboard.press('Control+K');
    await expect(palette).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await palette.getByRole('combobox').fill(label);
  await expect(palette.getByRole('option').first()).toContainText(label);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

export async function setTheme(page: Page, theme: 'Light' | 'Dark' | 'System') {
  await runCommand(page, `Theme: ${theme}`);
  if (theme !== 'System') await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
}

/** Opens a view from the navigation rail. */
export async function goTo(page: Page, view: 'Chat' | 'Compare' | 'Personas' | 'Pipelines' | 'Goals' | 'Analytics') {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: true }).click();
  await expect(page.locator('main h1').first()).toBeVisible();
}
