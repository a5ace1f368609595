// ui.startup: from starting the browser host to a usable composer showing the
// last conversation, with a warm disk cache (median of 5 starts after a warm-up;
// target < 1 s). The real host (dist/main/host.js) with a real data folder holding
// one conversation, made first through the UI against the local provider server.
import { chromium } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startProviderServer } from '../e2e/fixtures/provider-server';
import { addProvider, send } from '../e2e/support/ui';
import { percentile, report, wanted } from './support/report';
import { CHROMIUM_ARGS, root } from './ui-harness';

const RUNS = 5;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function startHost(dataDir: string, port: number): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(root, 'dist/main/host.js'), '--no-open', '--port', String(port), '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host did not start. Output:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64})/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`The host exited with ${code}. Output:\n${output}`)));
  });
}

if (!fs.existsSync(path.join(root, 'dist/main/host.js'))) throw new Error('dist/main/host.js is missing: run `npm run build` first.');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-bench-startup-'));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-bench-profile-'));
const port = await freePort();
const provider = await startProviderServer({ tokenDelayMs: 2 });
// One browser profile throughout, as a user's: it remembers the last conversation.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 800 },
});
let ok = true;
const running = new Set<{ stop: () => Promise<void> }>();
try {
  const first = await startHost(dataDir, port);
  running.add(first);
  const page = await context.newPage();
  await page.goto(first.url);
  await addProvider(page, { name: 'Local', baseUrl: provider.url, apiKey: '', model: 'markdown' });
  await send(page, 'The conversation that should come back at start-up');
  await page.locator('[data-testid="message-assistant"][data-status="done"]').waitFor();
  await page.close();
  await first.stop();
  running.delete(first);

  const times: number[] = [];
  const hostTimes: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const host = await startHost(dataDir, port);
    running.add(host);
    const hostReady = performance.now() - started;
    const tab = await context.newPage();
    await tab.goto(host.url);
    await tab.locator('[data-testid="message-assistant"][data-status="done"]').waitFor();
    await tab.getByRole('textbox', { name: 'Message' }).waitFor();
    const elapsed = performance.now() - started;
    if (!(await tab.getByRole('textbox', { name: 'Message' }).isEditable())) throw new Error('The composer is not usable.');
    if (run > 0) {
      times.push(elapsed);
      hostTimes.push(hostReady);
    }
    await tab.close();
    await host.stop();
    running.delete(host);
  }
  console.log(`# warm starts: ${times.map((t) => t.toFixed(0)).join(', ')} ms, of which the host took ${hostTimes.map((t) => t.toFixed(0)).join(', ')} ms to listen`);
  if (wanted('ui.startup')) ok = report('ui.startup', percentile(times, 50), 'ms', { below: 1_000 });
} finally {
  for (const host of running) await host.stop();
  await context.close();
  await provider.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
