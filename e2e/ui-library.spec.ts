// The screens around the chat, each on its main path through the real core:
// personas, pipelines (a run with per-step progress), goals, analytics from the
// usage ledger, and the data settings (a backup, a settings export, conversations
// exported to a typed path inside an allowed folder or as a download, imported by
// typed path or with the file picker; paths outside the allowed folders refused).
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProviderServer } from './fixtures/provider-server';
import { makeDataDir, startHost } from './support/host';
import { addProvider, goTo, send } from './support/ui';

let provider: Awaited<ReturnType<typeof startProviderServer>>;
let host: Awaited<ReturnType<typeof startHost>>;
const apiKey = 'sk-test-ui-library-0001';
const dataDir = makeDataDir('ui-library');
/** The folder the host is started with (`--allow-dir`): typed paths may lead here, and into the data folder. */
const exportsDir = makeDataDir('ui-library-exports');
const CHATGPT_EXPORT = fileURLToPath(new URL('../src-main/core/store/import/fixtures/chatgpt-conversations.json', import.meta.url));

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 5 });
  host = await startHost(dataDir, {}, ['--allow-dir', exportsDir]);
});
test.afterAll(async () => {
  await host.stop();
  await provider.close();
});

test('a persona is created, used for a message, edited and deleted', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo', baseUrl: provider.url, apiKey, model: 'echo' });
  await goTo(page, 'Personas');
  await page.getByRole('button', { name: 'New persona' }).click();
  await page.getByLabel('Persona name').fill('Pirate');
  await page.getByLabel('System prompt').fill('Talk like a pirate.');
  await page.getByLabel('Temperature').fill('0.7');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved “Pirate”.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Your personas' }).getByRole('button', { name: 'Pirate' })).toBeVisible();

  await goTo(page, 'Chat');
  await page.getByLabel('Persona').selectOption({ label: 'Pirate' });
  await send(page, 'Ahoy there');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  const request = provider.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
  expect(JSON.stringify(request.messages)).toContain('Talk like a pirate.');

  await goTo(page, 'Personas');
  await page.getByRole('button', { name: 'Pirate' }).click();
  await page.getByLabel('Persona name').fill('Polite pirate');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved “Polite pirate”.')).toBeVisible();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Polite pirate' })).toHaveCount(0);
});

test('a two-step pipeline runs with live per-step progress', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo steps', baseUrl: provider.url, apiKey, model: 'echo' });
  await goTo(page, 'Pipelines');
  await page.getByRole('button', { name: 'New pipeline' }).click();
  await page.getByLabel('Pipeline name').fill('Echo twice');
  await page.getByLabel('Step name').first().fill('first');
  await page.getByRole('button', { name: 'Add a step' }).click();
  await page.getByLabel('Step name').nth(1).fill('second');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved “Echo twice”.')).toBeVisible();

  await page.getByLabel('Input', { exact: true }).fill('hello pipeline');
  await page.getByRole('button', { name: 'Run pipeline' }).click();
  await expect(page.getByText('2 of 2 steps done').first()).toBeVisible();
  await expect(page.locator('.run-steps').first()).toContainText('You said: hello pipeline');
  await expect(page.getByRole('progressbar', { name: 'Steps done' }).first()).toHaveAttribute('value', '2');
});

test('a goal is created, links a conversation and is marked done', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo goal', baseUrl: provider.url, apiKey, model: 'echo' });
  await send(page, 'Work towards the goal');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await goTo(page, 'Goals');
  await page.getByRole('button', { name: 'New goal' }).click();
  await page.getByLabel('Goal', { exact: true }).fill('Ship the UI');
  await page.getByLabel('Description').fill('Every screen, accessible.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved “Ship the UI”.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Your goals' }).getByRole('button', { name: /Ship the UI/ })).toBeVisible();
  await page.getByLabel('Link a conversation').selectOption({ label: 'Work towards the goal' });
  await page.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Linked work' }).getByRole('link', { name: 'Work towards the goal' })).toBeVisible();
  await page.getByLabel('Status', { exact: true }).selectOption('done');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByLabel('Show').selectOption('done');
  await expect(page.getByRole('navigation', { name: 'Your goals' }).getByRole('button', { name: /Ship the UI/ })).toBeVisible();
});

test('analytics shows the calls made, by model', async ({ page }) => {
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo counted', baseUrl: provider.url, apiKey, model: 'echo' });
  await send(page, 'Count this call');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await goTo(page, 'Analytics');
  await expect(page.getByRole('img', { name: /Tokens by Model/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Tokens by Model/ })).toContainText('echo');
  await page.getByLabel('Show', { exact: true }).selectOption('calls');
  await expect(page.getByRole('img', { name: /Calls by Model/ })).toBeVisible();
});

test('data settings make a backup and export the settings', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Data' }).click();
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  await expect(dialog.getByRole('list', { name: 'Kept backups' }).getByRole('listitem')).not.toHaveCount(0);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export settings' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  await expect(dialog.getByText('Settings exported, without keys.')).toBeVisible();
});

test('conversations go out as Markdown and come back from our own JSON, with a summary', async ({ page }) => {
  const folder = fs.mkdtempSync(path.join(exportsDir, 'ui-transfer-'));
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo transfer', baseUrl: provider.url, apiKey, model: 'echo' });
  await send(page, 'A conversation to carry over');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Data' }).click();

  await dialog.getByLabel('Export to (path)').fill(path.join(folder, 'all.md'));
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText(/^Exported \d+ conversations .* Saved as all\.md\.$/)).toBeVisible();
  expect(fs.readFileSync(path.join(folder, 'all.md'), 'utf8')).toContain('A conversation to carry over');

  // Or as a download, without naming a path (the browser host sends the file).
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download instead' }).click();
  const downloaded = await downloading;
  expect(downloaded.suggestedFilename()).toMatch(/^realmultillm-\d{4}-\d{2}-\d{2}\.md$/);
  expect(fs.readFileSync((await downloaded.path())!, 'utf8')).toContain('A conversation to carry over');
  await expect(dialog.getByText(/^Exported [1-9]\d* conversations \([1-9]\d* messages\)\./)).toBeVisible();
  // The host's scratch copy is deleted once sent.
  await expect.poll(() => fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);

  await dialog.getByLabel('Format', { exact: true }).last().selectOption('json');
  await dialog.getByLabel('Export to (path)').fill(path.join(folder, 'all.json'));
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText(/^Exported \d+ conversations .* Saved as all\.json\.$/)).toBeVisible();
  await dialog.getByLabel('File to import (path)').fill(path.join(folder, 'all.json'));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  // Importing what is already here adds nothing: the summary says it was skipped.
  await expect(dialog.getByText(/^Imported 0 conversations .* were already here\./)).toBeVisible();
});

test('a typed path outside the data folder and the allowed folders is refused, also through .. or a symlink, and nothing is written', async ({ page }) => {
  const outside = makeDataDir('ui-outside');
  fs.symlinkSync(outside, path.join(exportsDir, 'door'));
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Data' }).click();
  await expect(dialog.getByText(/A typed path must lie in the app’s data folder/)).toBeVisible();
  for (const typed of [path.join(outside, 'stolen.md'), `${exportsDir}/../${path.basename(outside)}/stolen.md`, path.join(exportsDir, 'door', 'stolen.md')]) {
    await dialog.getByLabel('Export to (path)').fill(typed);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog.getByText(`${typed} is outside the folders RealMultiLLM may use in browser mode`)).toBeVisible();
  }
  expect(fs.readdirSync(outside)).toEqual([]);
});

test('in the desktop app the system’s dialogs hand over grants: an export goes where the save dialog says, a cancelled dialog exports nothing, and the open dialog imports', async ({ page }) => {
  const target = path.join(exportsDir, 'chosen', 'from-dialog');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // The preload's dialogs as the page sees them (src-preload/bridge.ts createFileDialogs):
  // they answer with a grant and a name, never a path. Here the browser host mints the
  // grant for the path the "dialog" chose, as Electron's main process would. The first
  // save is cancelled, the second chooses a name without an extension, as a Linux dialog
  // gives it (the main process adds it: src-main/electron/file-dialogs.ts).
  await page.addInitScript((chosen) => {
    const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
    const asked: string[] = [];
    const grant = async (file: string, access: 'read' | 'write') => {
      const response = await fetch('/grant', {
        method: 'POST',
        headers: { 'x-realmultillm-token': token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ path: file, access }),
      });
      return (await response.json()) as { grant: string; name: string };
    };
    Object.assign(window, {
      realmultillmFiles: {
        chooseExportFile: async (format: string, labels: { title: string; button: string }) => {
          asked.push(`save ${format}: ${labels.title} / ${labels.button}`);
          return asked.length === 1 ? null : grant(`${chosen}.${format === 'json' ? 'json' : 'md'}`, 'write');
        },
        chooseImportFile: async (labels: { title: string; button: string }) => {
          asked.push(`open: ${labels.title} / ${labels.button}`);
          return grant(`${chosen}.json`, 'read');
        },
      },
      fileDialogAsks: asked,
    });
  }, target);
  await page.goto(host.url);
  await addProvider(page, { name: 'Echo save as', baseUrl: provider.url, apiKey, model: 'echo' });
  await send(page, 'Saved through the dialog');
  await expect(page.getByTestId('message-assistant').last()).toHaveAttribute('data-status', 'done');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Data' }).click();
  // With the system's dialogs there is no page file picker (it could not hand over a grant).
  await expect(dialog.getByLabel('Or choose the export file (it is imported at once)')).toHaveCount(0);
  await dialog.getByLabel('Format', { exact: true }).last().selectOption('json');

  const asks = () => page.evaluate(() => (window as unknown as { fileDialogAsks: string[] }).fileDialogAsks);
  await dialog.getByRole('button', { name: 'Save as…' }).click();
  await expect.poll(asks).toEqual(['save json: Export conversations / Export']);
  await expect(dialog.getByText(/^Exported /)).toHaveCount(0);
  expect(fs.readdirSync(path.dirname(target))).toEqual([]);

  await dialog.getByRole('button', { name: 'Save as…' }).click();
  await expect(dialog.getByText(/^Exported [1-9]\d* conversations .* Saved as from-dialog\.json\.$/)).toBeVisible();
  const written = JSON.parse(fs.readFileSync(`${target}.json`, 'utf8')) as unknown;
  expect(JSON.stringify(written)).toContain('Saved through the dialog');

  await dialog.getByRole('button', { name: 'Choose the export file…' }).click();
  await expect(dialog.getByText(/^Imported 0 conversations .* were already here\./)).toBeVisible();
  expect(await asks()).toEqual(['save json: Export conversations / Export', 'save json: Export conversations / Export', 'open: Import conversations / Import']);
});

test('an export chosen with the file picker is imported at once, and the copy the app kept is deleted after', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Data' }).click();
  // A page cannot name a path: the browser host receives the file, and the import reads that copy.
  await dialog.getByLabel('Or choose the export file (it is imported at once)').setInputFiles(CHATGPT_EXPORT);
  await expect(dialog.getByText(/^Imported 2 conversations \(\d+ messages\); 0 were already here\./)).toBeVisible();
  expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
  await page.keyboard.press('Escape');
  const conversations = page.getByLabel('Conversations', { exact: true });
  await expect(conversations.getByRole('link', { name: 'Rust borrow checker' })).toBeVisible();
  await expect(conversations.getByRole('link', { name: 'Haiku about tea' })).toBeVisible();

  // The same file again adds nothing.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await dialog.getByRole('tab', { name: 'Data' }).click();
  await dialog.getByLabel('Or choose the export file (it is imported at once)').setInputFiles(CHATGPT_EXPORT);
  await expect(dialog.getByText(/^Imported 0 conversations .*2 were already here\./)).toBeVisible();
});
