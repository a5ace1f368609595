// The message list follows the newest text in a long conversation: the list's own
// corrections (heights measured after a guess) never stop it, only the reader's
// scrolling does, and sending or End brings the newest text back.
import { expect, test, type Page } from '@playwright/test';
import { SLOW_DELTAS, startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost } from './support/host';
import { addProvider } from './support/ui';

let provider: Awaited<ReturnType<typeof startProviderServer>>;
let host: Awaited<ReturnType<typeof startHost>>;
const apiKey = 'sk-test-ui-follow-0001';
const LAST_WORD = `word${SLOW_DELTAS}`;

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 2 });
  host = await startHost(makeDataDir('ui-follow'));
});
test.afterAll(async () => {
  await host.stop();
  await provider.close();
});

/** Whether the last word of the newest reply lies inside the message list's visible area. */
function lastWordInView(page: Page, word: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const list = document.querySelector('.messages');
    const replies = document.querySelectorAll('[data-testid="message-assistant"]');
    const reply = replies[replies.length - 1];
    if (!list || !reply) return false;
    const walker = document.createTreeWalker(reply, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const word = range.getBoundingClientRect();
      const view = list.getBoundingClientRect();
      return word.height > 0 && word.top >= view.top && word.bottom <= view.bottom;
    }
    return false;
  }, word);
}

async function sendText(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** Waits until the reply to `sent` is done, checking every frame (expect's back-off would make a hundred round trips slow). */
async function replyDone(page: Page, sent: string) {
  await page.waitForFunction(
    (question) => {
      const messages = [...document.querySelectorAll('[data-testid^="message-"]')];
      const asked = messages.findLastIndex((m) => m.getAttribute('data-testid') === 'message-user');
      return asked !== -1 && messages[asked]!.textContent!.includes(question) && messages[asked + 1]?.getAttribute('data-status') === 'done';
    },
    sent,
    { polling: 'raf', timeout: 15_000 },
  );
}

async function sendAndWait(page: Page, text: string) {
  await sendText(page, text);
  await replyDone(page, text);
}

test('after 100 quickly sent messages a long streamed reply ends in view', async ({ page }) => {
  test.setTimeout(360_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host.url);
  await addProvider(page, { name: 'Slow writer', baseUrl: provider.url, apiKey, model: 'slow' });
  await addProvider(page, { name: 'Echo', baseUrl: provider.url, apiKey, model: 'echo' });
  const picker = page.getByLabel('Provider', { exact: true });
  await picker.selectOption({ label: 'Echo · echo' });
  for (let i = 1; i <= 100; i++) {
    // Varied lengths, so every guessed height is corrected once measured.
    await sendAndWait(page, `Message ${i}: ${'and some more words '.repeat(i % 7)}`.trim());
  }
  await picker.selectOption({ label: 'Slow writer · slow' });
  await sendAndWait(page, 'Now write at length, please');
  await expect.poll(() => lastWordInView(page, LAST_WORD), { timeout: 3_000 }).toBe(true);
});

test('scrolling up stops following; sending and End bring the newest text back', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host.url);
  await addProvider(page, { name: 'Slow again', baseUrl: provider.url, apiKey, model: 'slow' });
  await addProvider(page, { name: 'Echo again', baseUrl: provider.url, apiKey, model: 'echo' });
  await page.getByRole('button', { name: 'New chat' }).click();
  const picker = page.getByLabel('Provider', { exact: true });
  await picker.selectOption({ label: 'Echo again · echo' });
  for (let i = 1; i <= 20; i++) {
    await sendAndWait(page, `Filler ${i}: ${'words to fill the list '.repeat(i % 5)}`.trim());
  }
  await picker.selectOption({ label: 'Slow again · slow' });
  const longOne = 'A long one while I read above';
  await sendText(page, longOne);
  await expect(page.getByTestId('message-assistant').last()).toContainText('word20');
  // The reader scrolls up with the wheel: the list stays where they are.
  const list = page.getByRole('region', { name: 'Chat history' });
  await list.hover();
  await page.mouse.wheel(0, -2_000);
  const readingAt = await list.evaluate((element) => element.scrollTop);
  // Its reply is out of view (and out of the DOM): done when Stop goes away.
  await expect(page.getByRole('button', { name: 'Stop' })).toBeHidden({ timeout: 15_000 });
  expect(await lastWordInView(page, LAST_WORD)).toBe(false);
  expect(await list.evaluate((element) => element.scrollTop)).toBeLessThanOrEqual(readingAt);

  // End brings the newest text back.
  await list.focus();
  await page.keyboard.press('End');
  await expect.poll(() => lastWordInView(page, LAST_WORD), { timeout: 3_000 }).toBe(true);

  // Scrolled up again, sending a message brings the view back to its reply.
  await list.hover();
  await page.mouse.wheel(0, -3_000);
  await expect.poll(() => lastWordInView(page, LAST_WORD)).toBe(false);
  await picker.selectOption({ label: 'Echo again · echo' });
  await sendAndWait(page, 'Back to the end please');
  await expect.poll(() => lastWordInView(page, 'Back to the end please'), { timeout: 3_000 }).toBe(true);
});
