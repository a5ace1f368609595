// The message tree from the chat: regenerate a reply (by its model or another one)
// and switch between its versions, edit a question into a new branch (the old one a
// click away), a reload that keeps the branch and each reply's tokens and cost, and
// files sent with a message (attached, pasted or dropped; a text file inlined, an
// image as the provider's image part; one too large refused with a sentence).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PIXEL_PNG_BASE64 } from './fixtures/pixel';
import { startProviderServer } from './fixtures/provider-server';
import { callApi } from './support/api';
import { makeDataDir, startHost } from './support/host';
import { addProvider, send } from './support/ui';

let provider: Awaited<ReturnType<typeof startProviderServer>>;
let host: Awaited<ReturnType<typeof startHost>>;
const apiKey = 'sk-test-ui-branches-0001';

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 5 });
  host = await startHost(makeDataDir('ui-branches'));
});
test.afterAll(async () => {
  await host.stop();
  await provider.close();
});

const replies = (page: Page) => page.getByTestId('message-assistant');
const questions = (page: Page) => page.getByTestId('message-user');
const done = (message: Locator) => expect(message).toHaveAttribute('data-status', 'done');

/** What the provider was last asked, as [role, text] pairs (image parts as "[image]"). */
function lastPrompt(): [string, string][] {
  const body = provider.requests.at(-1)!.body as { messages: { role: string; content: string | { type: string; text?: string }[] }[] };
  return body.messages.map((m) => [
    m.role,
    typeof m.content === 'string' ? m.content : m.content.map((part) => (part.type === 'text' ? part.text! : '[image]')).join(''),
  ]);
}

test('regenerate, switch versions, edit a question; after a reload the branch, tokens and cost are still there', async ({ page }) => {
  await page.goto(host.url);
  // A price for the fixture's model, so each reply has a cost: $1,000 / $2,000 per million tokens.
  await callApi(page, host, 'model.saveOverride', {
    kind: 'openai-compatible',
    id: 'echo',
    label: 'Echo',
    capabilities: { vision: true, tools: false, reasoning: false },
    price: { inputPerMTok: 1000, outputPerMTok: 2000 },
  });
  await addProvider(page, { name: 'Echo', baseUrl: provider.url, apiKey, model: 'echo' });
  await send(page, 'Tell me about rivers');
  await done(replies(page).last());
  // 4 words in, 6 deltas out: (4 × 1,000 + 6 × 2,000) / 1,000,000 = $0.016.
  await expect(replies(page).last()).toContainText('4 tokens in · 6 out · $0.016');

  await replies(page).last().getByRole('button', { name: 'Regenerate' }).click();
  const versions = page.getByRole('group', { name: /^Version \d of \d$/ });
  await expect(versions).toHaveAccessibleName('Version 2 of 2');
  await expect(versions).toContainText('2 / 2');
  await done(replies(page).last());
  expect(lastPrompt()).toEqual([['user', 'Tell me about rivers']]);
  const second = await replies(page).last().getAttribute('id');

  // Back to the first version and forth again, from the keyboard: focus stays on the switcher.
  await versions.getByRole('button', { name: 'Previous version' }).click();
  await expect(versions).toHaveAccessibleName('Version 1 of 2');
  expect(await replies(page).last().getAttribute('id')).not.toBe(second);
  await expect(page.getByRole('button', { name: 'Previous version' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Next version' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(versions).toHaveAccessibleName('Version 2 of 2');
  expect(await replies(page).last().getAttribute('id')).toBe(second);

  // A follow-up, then that follow-up edited: a new branch, the old question a click away.
  await send(page, 'And lakes?');
  await expect(replies(page).last()).toContainText('You said: And lakes?');
  await done(replies(page).last());
  await questions(page).last().getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('textbox', { name: 'Edited text' });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('And lakes?');
  // Escape leaves it as it was.
  await editor.press('Escape');
  await expect(editor).toBeHidden();
  await expect(questions(page).last().getByRole('button', { name: 'Edit' })).toBeFocused();
  await questions(page).last().getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('textbox', { name: 'Edited text' }).fill('And oceans?');
  await page.getByRole('textbox', { name: 'Edited text' }).press('Control+Enter');
  await expect(questions(page).last()).toContainText('And oceans?');
  await done(replies(page).last());
  await expect(replies(page).last()).toContainText('You said: And oceans?');
  expect(lastPrompt()).toEqual([
    ['user', 'Tell me about rivers'],
    ['assistant', 'You said: Tell me about rivers'],
    ['user', 'And oceans?'],
  ]);
  const questionVersions = questions(page).last().getByRole('group', { name: /^Version/ });
  await expect(questionVersions).toHaveAccessibleName('Version 2 of 2');
  await questionVersions.getByRole('button', { name: 'Previous version' }).click();
  await expect(questions(page).last()).toContainText('And lakes?');
  await expect(replies(page).last()).toContainText('You said: And lakes?');
  await questions(page).last().getByRole('button', { name: 'Next version' }).click();
  await expect(questions(page).last()).toContainText('And oceans?');

  // The core remembers the branch: a reload shows the same one, and each reply's tokens and cost.
  await page.reload();
  await expect(questions(page).last()).toContainText('And oceans?');
  await expect(questions(page).last().getByRole('group', { name: /^Version/ })).toHaveAccessibleName('Version 2 of 2');
  await expect(replies(page).first()).toContainText('4 tokens in · 6 out · $0.016');
  // "Tell me about rivers / You said: Tell me about rivers / And oceans?": 12 words in, 4 deltas out.
  await expect(replies(page).last()).toContainText('12 tokens in · 4 out · $0.020');
  await expect(page.getByRole('group', { name: /^Version/ }).first()).toHaveAccessibleName('Version 2 of 2');
});

test('regenerate with another model from a keyboard menu: the new version comes from that model, the first a click away', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo first', baseUrl: provider.url, apiKey, model: 'echo' });
  await addProvider(page, { name: 'Markdown second', baseUrl: provider.url, apiKey, model: 'markdown' });
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Echo first · echo' });
  await send(page, 'Which model answers?');
  await done(replies(page).last());
  await expect(replies(page).last()).toHaveAccessibleName('Assistant · Echo first · echo');
  const first = await replies(page).last().getAttribute('id');

  // The menu opens from the keyboard on its first item; Escape closes it and focus goes back.
  const askAgain = replies(page).last().getByRole('button', { name: 'Ask again with…' });
  await expect(askAgain).toHaveAttribute('aria-haspopup', 'menu');
  await askAgain.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Ask again with…' });
  await expect(menu).toBeVisible();
  await expect(askAgain).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  // Regenerate already asks the reply's own model: the menu offers the others.
  await expect(menu.getByRole('menuitem', { name: 'Echo first · echo', exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(askAgain).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  const markdown = menu.getByRole('menuitem', { name: 'Markdown second · markdown', exact: true });
  // Earlier tests' providers are listed too: arrow down to this one.
  for (let i = 0; i < 10 && !(await markdown.evaluate((item) => item === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
  await expect(markdown).toBeFocused();
  const before = provider.requests.length;
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();

  const versions = page.getByRole('group', { name: /^Version \d of \d$/ });
  await expect(versions).toHaveAccessibleName('Version 2 of 2');
  await expect(versions).toContainText('2 / 2');
  await done(replies(page).last());
  expect(await replies(page).last().getAttribute('id')).not.toBe(first);
  await expect(replies(page).last()).toHaveAccessibleName('Assistant · Markdown second · markdown');
  await expect(replies(page).last()).toContainText('Fixture heading');
  await expect(replies(page).last()).toContainText('End of reply.');
  // One call, to the chosen model, with the same question.
  expect(provider.requests.length).toBe(before + 1);
  expect((provider.requests.at(-1)!.body as { model: string }).model).toBe('markdown');
  expect(lastPrompt()).toEqual([['user', 'Which model answers?']]);

  // The first version is still there, from its own model.
  await versions.getByRole('button', { name: 'Previous version' }).click();
  await expect(versions).toHaveAccessibleName('Version 1 of 2');
  expect(await replies(page).last().getAttribute('id')).toBe(first);
  await expect(replies(page).last()).toHaveAccessibleName('Assistant · Echo first · echo');
  await expect(replies(page).last()).toContainText('You said: Which model answers?');
});

type FileSpec = { name: string; type: string } & ({ base64: string } | { size: number });

/**
 * Hands files to the message box as the browser does: a paste whose clipboard
 * holds them, or a drag that enters, hovers and drops them (each file the given
 * bytes, or `size` bytes of "a"). True when the composer took the event over:
 * the paste's or the dragover's default prevented.
 */
async function handOver(page: Page, how: 'paste' | 'drop', files: FileSpec[]): Promise<boolean> {
  return page.getByRole('textbox', { name: 'Message' }).evaluate(
    (element, { how, files }) => {
      const data = new DataTransfer();
      for (const file of files) {
        const bytes = 'base64' in file ? Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)) : new Uint8Array(file.size).fill(97);
        data.items.add(new File([bytes], file.name, { type: file.type }));
      }
      if (how === 'paste') return !element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      const fire = (type: string) => element.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      fire('dragenter');
      const accepted = !fire('dragover');
      fire('drop');
      return accepted;
    },
    { how, files },
  );
}
const paste = (page: Page, files: FileSpec[]) => handOver(page, 'paste', files);
const drop = (page: Page, files: FileSpec[]) => handOver(page, 'drop', files);
const base64 = (text: string) => Buffer.from(text).toString('base64');

test('a pasted image and a dropped text file are attached and sent, and show again after a reload', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo paste', baseUrl: provider.url, apiKey, model: 'echo' });
  const attached = page.getByRole('list', { name: 'Attached files' });
  // A screenshot comes without text: the composer takes the paste over.
  expect(await paste(page, [{ name: 'image.png', type: 'image/png', base64: PIXEL_PNG_BASE64 }])).toBe(true);
  await expect(attached.getByRole('listitem')).toHaveCount(1);
  await expect(attached).toContainText('image.png');
  expect(await drop(page, [{ name: 'lakes.txt', type: 'text/plain', base64: base64('Lakes are still.') }])).toBe(true);
  await expect(attached.getByRole('listitem')).toHaveCount(2);
  await expect(attached).toContainText('lakes.txt');

  const before = provider.requests.length;
  await send(page, 'What did I paste and drop?');
  await done(replies(page).last());
  await expect(attached).toBeHidden();
  expect(provider.requests.length).toBe(before + 1);
  const body = provider.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
  expect(body.messages).toEqual([
    {
      role: 'user',
      content: [
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL_PNG_BASE64}` } },
        { type: 'text', text: 'What did I paste and drop?\n\n<file name="lakes.txt">\nLakes are still.\n</file>' },
      ],
    },
  ]);

  await page.reload();
  const sent = page.getByRole('list', { name: 'Files sent with this message' });
  await expect(sent.getByRole('img', { name: 'Image: image.png' })).toBeVisible();
  await expect(sent).toContainText('lakes.txt');
});

test('a dropped file over the size limit is refused with a sentence and not sent', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo limits', baseUrl: provider.url, apiKey, model: 'echo' });
  expect(await drop(page, [{ name: 'huge.log', type: 'text/plain', size: 5 * 1024 * 1024 }])).toBe(true);
  await expect(page.locator('.composer').getByRole('alert')).toHaveText('“huge.log” is 5 MB; a file can be at most 4 MB.');
  await expect(page.getByRole('list', { name: 'Attached files' })).toHaveCount(0);

  // A file within the limit still goes, without the refused one.
  expect(await drop(page, [{ name: 'small.log', type: 'text/plain', base64: base64('fits') }])).toBe(true);
  await expect(page.getByRole('list', { name: 'Attached files' }).getByRole('listitem')).toHaveCount(1);
  await send(page, 'Only the small one');
  await done(replies(page).last());
  expect(lastPrompt()).toEqual([['user', 'Only the small one\n\n<file name="small.log">\nfits\n</file>']]);
  expect(JSON.stringify(provider.requests.at(-1)!.body)).not.toContain('huge.log');
});

test('a text file is inlined under its name and an image goes as an image part; both show again after a reload', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo files', baseUrl: provider.url, apiKey, model: 'echo' });
  const picker = page.locator('.composer input[type=file]');
  await picker.setInputFiles([
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Rivers flow to the sea.') },
    { name: 'pixel.png', mimeType: 'image/png', buffer: Buffer.from(PIXEL_PNG_BASE64, 'base64') },
  ]);
  const attached = page.getByRole('list', { name: 'Attached files' });
  await expect(attached.getByRole('listitem')).toHaveCount(2);
  await expect(attached).toContainText('notes.txt');
  // One more, then removed again.
  await picker.setInputFiles([{ name: 'extra.md', mimeType: '', buffer: Buffer.from('# Extra') }]);
  await expect(attached.getByRole('listitem')).toHaveCount(3);
  await attached.getByRole('button', { name: 'Remove extra.md' }).click();
  await expect(attached.getByRole('listitem')).toHaveCount(2);
  // Neither image nor text: refused with a sentence.
  await picker.setInputFiles([{ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from([0x4d, 0x5a, 0x00, 0xff]) }]);
  await expect(page.locator('.composer').getByRole('alert')).toContainText('“tool.exe” is neither an image (PNG, JPEG, GIF, WebP) nor a text file');

  await send(page, 'What do these say?');
  await done(replies(page).last());
  await expect(attached).toBeHidden();
  const body = provider.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
  expect(body.messages.at(-1)).toEqual({
    role: 'user',
    content: [
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL_PNG_BASE64}` } },
      { type: 'text', text: 'What do these say?\n\n<file name="notes.txt">\nRivers flow to the sea.\n</file>' },
    ],
  });

  const sent = page.getByRole('list', { name: 'Files sent with this message' });
  await expect(sent.getByRole('img', { name: 'Image: pixel.png' })).toBeVisible();
  await expect(sent).toContainText('notes.txt');
  await page.reload();
  await expect(page.getByRole('list', { name: 'Files sent with this message' }).getByRole('img', { name: 'Image: pixel.png' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Files sent with this message' })).toContainText('notes.txt');
});

test('a model the catalog says takes no images: the composer says so and sends the text without the image', async ({ page }) => {
  await page.goto(host.url);
  await callApi(page, host, 'model.saveOverride', { kind: 'openai-compatible', id: 'markdown', label: 'Markdown', capabilities: { vision: false, tools: false, reasoning: false }, price: null });
  await addProvider(page, { name: 'Blind markdown', baseUrl: provider.url, apiKey, model: 'markdown' });
  await page.locator('.composer input[type=file]').setInputFiles([{ name: 'pixel.png', mimeType: 'image/png', buffer: Buffer.from(PIXEL_PNG_BASE64, 'base64') }]);
  await expect(page.getByRole('status').filter({ hasText: 'markdown does not take images, so the images will not be sent' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Attached files' })).toContainText('not sent');
  const before = provider.requests.length;
  await send(page, 'Here is a picture');
  await done(replies(page).last());
  expect(provider.requests.length).toBe(before + 1);
  expect(JSON.stringify(provider.requests.at(-1)!.body)).not.toContain(PIXEL_PNG_BASE64);
  await expect(page.getByRole('list', { name: 'Files sent with this message' })).toHaveCount(0);
});
