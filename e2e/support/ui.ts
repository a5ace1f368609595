import { expect, type Page } from '@playwright/test';

export async function addProvider(page: Page, provider: { name: string; baseUrl: string; apiKey: string; model: string }) {
  await page.getByRole('button', { name: 'Providers' }).click();
  const dialog = page.getByRole('dialog');
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
