// Refreshes docs/screenshots and docs/UI.md: builds the app, then runs the
// accessibility end-to-end test (e2e/ui-screens.spec.ts), which visits every
// screen in both themes and, with SCREENSHOTS set, saves each one as a PNG.
//   node scripts/screenshots.mjs [--no-build]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs', 'screenshots');

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.argv.includes('--no-build')) run('npm', ['run', 'build']);
fs.rmSync(out, { recursive: true, force: true });
run('node', ['scripts/with-keyring.mjs', 'npx', 'playwright', 'test', 'e2e/ui-screens.spec.ts'], { SCREENSHOTS: out });
const files = fs.readdirSync(out).filter((file) => file.endsWith('.png')).sort();

// The gallery, in the order a user meets the screens.
const TITLES = {
  welcome: 'First start: add a provider',
  chat: 'Chat: streamed markdown, code with highlighting and Copy, tokens, cost and first-token time per reply',
  'chat-side-by-side': 'A comparison in its conversation: the replies side by side, “Continue with this one”',
  search: 'Search as you type over all history, snippets that jump to the message',
  'command-palette': 'Command palette (Ctrl/Cmd+K)',
  'conversation-menu': 'Conversation actions (delete with Undo; rename, pin, archive as the core allows)',
  compare: 'Compare: 2–8 columns with first token, tokens/s, tokens, cost; blind mode, vote, word diff, leaderboard',
  personas: 'Personas',
  pipelines: 'Pipelines: the editor and a run with per-step progress',
  goals: 'Goal hub',
  analytics: 'Analytics from the usage ledger',
  'settings-providers': 'Settings: providers (service, base URL, key, model with its price)',
  'settings-keys-and-vault': 'Settings: keys and vault status',
  'settings-models-and-prices': 'Settings: models and prices',
  'settings-appearance': 'Settings: theme and language',
  'settings-data': 'Settings: settings export and import, backups, conversation import and export',
  shortcuts: 'Keyboard shortcuts',
};
const screens = [...new Set(files.map((file) => file.replace(/-(light|dark)\.png$/, '')))];
screens.sort((a, b) => (Object.keys(TITLES).indexOf(a) + 1 || 99) - (Object.keys(TITLES).indexOf(b) + 1 || 99));
const gallery = [
  '# The UI, screen by screen',
  '',
  'Every screen in the light and the dark theme, as the end-to-end test',
  '`e2e/ui-screens.spec.ts` sees it: through the real browser host, the real core and',
  'the local provider server, each screen checked with axe-core at WCAG 2.1 AA (zero',
  'violations). `node scripts/screenshots.mjs` refreshes the pictures and this page',
  '(it builds first; `--no-build` skips that).',
  '',
  'Keyboard: Ctrl/Cmd+K opens the command palette, Ctrl/Cmd+/ lists every shortcut.',
  '',
];
for (const screen of screens) {
  const title = TITLES[screen] ?? screen;
  gallery.push(`## ${title}`, '');
  const shots = ['light', 'dark'].filter((theme) => files.includes(`${screen}-${theme}.png`));
  gallery.push(shots.map((theme) => `<img src="screenshots/${screen}-${theme}.png" alt="${title}, ${theme} theme" width="49%">`).join(' '), '');
}
fs.writeFileSync(path.join(root, 'docs', 'UI.md'), gallery.join('\n'));
console.log(`Wrote ${files.length} screenshots to ${path.relative(root, out)}/ and the gallery docs/UI.md`);
