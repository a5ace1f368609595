// Faults between the client and a real team server: a device whose clock is
// ahead is refused with its name and what to do, and a device killed while it
// applies pulled pages loses and repeats nothing when it starts again.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import { openDevice, type Device } from './testing/device';
import { pushToPersonalSpace, spaceChanges } from './testing/space-changes';
import { signInWithBrowser, startTeamServer, type TeamServer } from './testing/team-server';

const EMAIL = 'grace@example.com';
const PASSWORD = 'a long enough password';
const CHILD = fileURLToPath(new URL('./testing/sync-child.ts', import.meta.url));

let server: TeamServer | null = null;
const devices: Device[] = [];
afterEach(async () => {
  await Promise.allSettled(devices.splice(0).map((device) => device.close()));
  await server?.stop();
  server = null;
}, 60_000);

async function signedIn(url: string): Promise<Device> {
  const device = await openDevice();
  devices.push(device);
  await device.call('sync.configure', { serverUrl: url });
  const { url: page } = await device.call('sync.signIn', {});
  await signInWithBrowser(page, EMAIL, PASSWORD);
  await device.waitForStatus((s) => s.account !== null && (s.status.state === 'synced' || s.status.state === 'error'));
  return device;
}

/** Runs the child device on `dataDir`; `killAfter` kills it once a status line matches. */
function runChild(dataDir: string, killAfter?: RegExp): Promise<{ killed: boolean; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let killed = false;
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
    if (killAfter && !killed && killAfter.test(output)) {
      killed = true;
      child.kill('SIGKILL');
    }
  });
  return new Promise((resolve) => child.on('exit', () => resolve({ killed, output })));
}

describe('sync faults', () => {
  it('refuses the changes of a device whose clock is ahead, naming the device and by how much', async () => {
    // The server's clock 10 minutes behind: every device is 10 minutes ahead of it.
    server = await startTeamServer('sqlite', { clockOffsetMs: -10 * 60_000 });
    await server.createAdmin(EMAIL, PASSWORD);
    const device = await signedIn(server.url);
    await device.store.createConversation({ id: uuidv7(), title: 'From the future' });
    device.core.sync.nudge();
    const status = await device.waitForStatus((s) => s.status.state === 'error');
    expect(status.status).toMatchObject({ state: 'error', error: { code: 'sync.clock_ahead', params: { device: status.device!.name } } });
    const seconds = status.status.state === 'error' ? Number(status.status.error.params.seconds) : 0;
    expect(seconds).toBeGreaterThan(590);
    expect(seconds).toBeLessThan(620);
    // Nothing was lost: the change waits in the outbox.
    expect(await device.store.countOutbox()).toBe(1);
  }, 90_000);

  it('loses and repeats nothing when the device is killed while it applies pulled pages', async () => {
    server = await startTeamServer('sqlite');
    await server.createAdmin(EMAIL, PASSWORD);
    const seeder = await signedIn(server.url);
    const device = await signedIn(server.url);
    await device.close({ keep: true });
    devices.splice(devices.indexOf(device), 1);
    // 20,000 messages in 500 conversations: five pulled pages of 5,000 (and one more).
    const changes = spaceChanges(20_000, 40);
    await pushToPersonalSpace(server.url, (await seeder.credentials())!.accessToken, changes);

    const first = await runChild(device.dataDir, /"state":"syncing","done":[1-9]/);
    expect(first.killed, first.output).toBe(true);
    const second = await runChild(device.dataDir);
    const done = /done (\d+) (\d+)/.exec(second.output);
    expect(done, second.output).not.toBeNull();
    expect(Number(done![1])).toBe(500);
    expect(Number(done![2])).toBe(20_000);
    await openDevice(device.dataDir).then((reopened) => {
      devices.push(reopened);
    });
  }, 180_000);
});
