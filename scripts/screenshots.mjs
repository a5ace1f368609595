// Refreshes docs/screenshots, docs/ui and docs/UI.md: builds the app, then runs the
// accessibility end-to-end test (e2e/ui-screens.spec.ts), which visits every
// screen in both themes, and the reflow test (e2e/ui-reflow.spec.ts), which visits
// them in narrow windows; with SCREENSHOTS set, each saves every screen as a PNG.
//   node scripts/screenshots.mjs [--no-build]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs', 'screenshots');
const narrowOut = path.join(root, 'docs', 'ui');

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.argv.includes('--no-build')) run('npm', ['run', 'build']);
fs.rmSync(out, { recursive: true, force: true });
run('node', ['scripts/with-keyring.mjs', 'npx', 'playwright', 'test', 'e2e/ui-screens.spec.ts'], { SCREENSHOTS: out });
fs.rmSync(narrowOut, { recursive: true, force: true });
run('node', ['scripts/with-keyring.mjs', 'npx', 'playwright', 'test', 'e2e/ui-reflow.spec.ts'], { SCREENSHOTS: '1' });
// Team sync needs a team server and a signed-in device: its own test makes them (PostgreSQL on 127.0.0.1:5432).
run('node', ['scripts/with-keyring.mjs', 'npx', 'playwright', 'test', 'e2e/ui-sync.spec.ts'], { SCREENSHOTS: '1' });
const files = fs.readdirSync(out).filter((file) => file.endsWith('.png')).sort();
const narrowFiles = fs.readdirSync(narrowOut).filter((file) => file.endsWith('.png'));

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
  'settings-team-sync': 'Settings: Team sync, before a server is chosen',
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

// Team sync, signed in to a real team server (e2e/ui-sync.spec.ts).
const SYNC_SHOTS = {
  'team-sync': 'Settings → Team sync, signed in: server, account and device, status with the last sync, Sync now, Sign out, spaces to sync; the sidebar says “Synced” and labels the conversation in the shared space',
  'team-sync-offline': 'A device whose server is away: the sidebar says “Offline, 1 change waiting”; the rename is kept and sent when the server answers',
  'team-sync-move': 'Move to a shared space, from the conversation’s menu: the spaces the account can edit',
  'team-sync-phone-320': 'Settings → Team sync at 320 CSS px',
};
const syncShots = Object.entries(SYNC_SHOTS).filter(([name]) => narrowFiles.includes(`${name}.png`));
if (syncShots.length > 0) {
  gallery.push('## Team sync', '');
  gallery.push(
    'Through two browser hosts and two team server replicas on one PostgreSQL database; `e2e/ui-sync.spec.ts` signs in through the server’s page, syncs, goes offline, and checks these screens with axe-core too.',
    '',
  );
  gallery.push(syncShots.map(([name, title]) => `<img src="ui/${name}.png" alt="${title}" width="49%">`).join(' '), '');
}

// Narrow windows: what the layout does, how it is tested, and each screen in each mode.
const MODES = {
  'phone-320': '320×640 CSS px (a phone)',
  'zoom-400': '1280×800 at 400% zoom (320×200 CSS px)',
  'text-200': '1280×800 at 200% text size',
  'text-200-wide': '1920×1080 at 200% text size',
};
const NARROW_SCREENS = ['conversation', 'drawer', 'chat', 'compare', 'personas', 'pipelines', 'goals', 'analytics', 'settings'];
gallery.push(
  '## Narrow windows, zoom and large text (reflow)',
  '',
  'WCAG 2.1 success criterion 1.4.10 (Reflow), which axe does not check: every screen',
  'works at 320 CSS px wide without scrolling in two directions. The layout asks the',
  'window, not the device: `#root` is a size container (`styles/base.css`) and the',
  "layout's container queries are in rem, which follow the root's font size, so a",
  'larger text size reflows exactly as a narrower window does.',
  '',
  '- **Wider than 50rem** (750 px at the default text size): the navigation rail with',
  '  icons and words, the conversation sidebar, the view.',
  '- **50rem and narrower** (a phone, a window zoomed to 200-400%, 200% text in a',
  '  laptop window): the rail becomes a row of icon buttons across the top (their words',
  '  stay their names and tooltips), wrapping to a second row when needed; the sidebar',
  '  becomes a drawer opened by "Open menu" (focus moves into it, the rest is inert,',
  '  Escape, its Close button or the backdrop close it and focus returns to the button;',
  '  opening a conversation closes it and focuses the view); the view takes the whole',
  '  width; compare columns, library lists and forms stack.',
  '- **Lower than 22rem** (a wide window at 400% zoom): the window scrolls as a whole',
  '  instead of each view; the message list keeps its own scrolling (it is',
  '  virtualized) at most of the window\'s height.',
  '',
  'How it is tested: `e2e/ui-reflow.spec.ts` visits chat, compare, personas,',
  'pipelines, goals, analytics and every settings tab in the four modes below and',
  'asserts that nothing scrolls sideways (neither the page nor any scrolling part of',
  'it, except code and tables in their own boxes), that every navigation control is',
  'visible, is what a pointer at its centre hits (`elementFromPoint`) and takes a',
  'click, and that the view gets the width; it opens and closes the drawer from the',
  'keyboard. `node scripts/screenshots.mjs` refreshes these pictures (`docs/ui/`).',
  '',
);
for (const [mode, title] of Object.entries(MODES)) {
  const shots = NARROW_SCREENS.filter((screen) => narrowFiles.includes(`${screen}-${mode}.png`));
  if (shots.length === 0) continue;
  gallery.push(`### ${title}`, '');
  const width = mode.startsWith('text') ? '49%' : '24%';
  gallery.push(shots.map((screen) => `<img src="ui/${screen}-${mode}.png" alt="${screen}, ${title}" width="${width}">`).join(' '), '');
}
fs.writeFileSync(path.join(root, 'docs', 'UI.md'), gallery.join('\n'));
console.log(`Wrote ${files.length + narrowFiles.length} screenshots to ${path.relative(root, out)}/ and ${path.relative(root, narrowOut)}/ and the gallery docs/UI.md`);
