// Keyboard only, no mouse: add a provider, create a conversation and send, run a
// comparison and vote, search the history and open a hit, open settings.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost } from './support/host';

/** Presses Tab until `target` has focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 30) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('create, send, compare, vote, search and open settings with the keyboard alone', async ({ page }) => {
  test.setTimeout(90_000);
  const apiKey = 'sk-test-keyboard-0001';
  const provider = await startProviderServer({ apiKey, tokenDelayMs: 5 });
  const host = await startHost(makeDataDir('keyboard'));
  try {
    await page.goto(host.url);
    const keys = page.keyboard;

    // Settings (Ctrl+,) opens on the provider form.
    await keys.press('Control+Comma');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings).toBeVisible();
    await tabTo(page, settings.getByLabel('Name', { exact: true }));
    await keys.type('Keyboard echo');
    await keys.press('Tab');
    await keys.type(provider.url);
    await keys.press('Tab');
    await keys.type(apiKey);
    await tabTo(page, settings.getByLabel('Model', { exact: true }));
    await keys.type('echo');
    await keys.press('Enter');
    await expect(settings.getByText('Saved “Keyboard echo”.')).toBeVisible();
    await keys.press('Escape');
    await expect(settings).toBeHidden();

    // New chat (Ctrl+Alt+N) puts the cursor in the message box.
    await keys.press('Control+Alt+N');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await keys.type('Typed without a mouse');
    await keys.press('Enter');
    const reply = page.getByTestId('message-assistant').last();
    await expect(reply).toHaveAttribute('data-status', 'done');
    await expect(reply).toContainText('You said: Typed without a mouse');

    // Compare (Alt+2): two columns of the one provider, run with Ctrl+Enter, vote.
    await keys.press('Alt+2');
    await expect(page.getByRole('heading', { name: 'Compare models' })).toBeVisible();
    await tabTo(page, page.getByLabel('Prompt'));
    await keys.type('Which is better?');
    await keys.press('Control+Enter');
    const columns = page.getByTestId('compare-column');
    await expect(columns).toHaveCount(2);
    await expect(columns.nth(0)).toHaveAttribute('data-status', 'done');
    await expect(columns.nth(1)).toHaveAttribute('data-status', 'done');
    await tabTo(page, page.getByRole('button', { name: /^Vote for/ }).first(), 60);
    await keys.press('Enter');
    await expect(page.getByText(/^Voted for/)).toBeVisible();

    // Search (Ctrl+Shift+F), then open the hit.
    await keys.press('Control+Shift+F');
    await expect(page.getByLabel('Search history')).toBeFocused();
    await keys.type('without a mouse');
    const hit = page.getByLabel('Search results').getByRole('link').first();
    await expect(hit).toBeVisible();
    await tabTo(page, hit);
    await keys.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Typed without a mouse');

    // The command palette opens settings.
    await keys.press('Control+K');
    await keys.type('open settings');
    await keys.press('Enter');
    await expect(settings).toBeVisible();
    await keys.press('Escape');
    await expect(settings).toBeHidden();
  } finally {
    await host.stop();
    await provider.close();
  }
});
