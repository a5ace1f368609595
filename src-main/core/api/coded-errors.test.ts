// What the renderer receives when the core fails: every error crosses the
// contract with a code from src-shared/api/error-codes.ts and the params its
// wording needs, so the renderer can say it in the user's language.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-shared/api/contract';
import { ERROR_PARAMS, isErrorCode } from '../../../src-shared/api/error-codes';
import type { UserError } from '../../../src-shared/domain';
import { createCore, type Core } from '../app';
import type { DispatchResult } from './dispatcher';

let core: Core;
let dataDir: string;
let closedPort: number;
const ends: EventPayload<'stream.end'>[] = [];

/** A port nothing listens on: one the system just handed out and took back. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function failure(reply: DispatchResult): UserError {
  if (reply.ok) throw new Error('expected the call to fail');
  return reply.error;
}

/** The code is one the renderer knows, and every param its wording uses is there. */
function expectCoded(error: UserError): void {
  expect(isErrorCode(error.code), error.code).toBe(true);
  if (!isErrorCode(error.code)) return;
  expect(Object.keys(error.params).filter((name) => name !== 'said').sort()).toEqual([...ERROR_PARAMS[error.code]].sort());
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-coded-'));
  core = await createCore({ dataDir, transport: 'browser' });
  core.onEvent((event, payload) => {
    if (event === 'stream.end') ends.push(payload as EventPayload<'stream.end'>);
  });
  const status = await core.dispatch('vault.status', {});
  if (status.ok && (status.result as { state: string }).state !== 'ready') await core.dispatch('vault.unlock', { passphrase: 'coded errors passphrase' });
  closedPort = await freePort();
});

afterAll(async () => {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function unreachableProvider(): Promise<string> {
  const saved = await core.dispatch('provider.save', {
    name: 'Nobody home',
    kind: 'openai-compatible',
    baseUrl: `http://127.0.0.1:${closedPort}/v1`,
    model: 'echo',
  });
  if (!saved.ok) throw new Error(saved.error.message);
  return (saved.result as { id: string }).id;
}

describe('errors over the contract', () => {
  it('carry the code and params of an unreachable provider, in a test and in a reply', async () => {
    const providerId = await unreachableProvider();
    const tested = failure(await core.dispatch('provider.test', { id: providerId }));
    expect(tested).toMatchObject({ code: 'provider.unreachable', params: { host: `127.0.0.1:${closedPort}`, cause: 'refused' } });
    expectCoded(tested);

    const sent = await core.dispatch('chat.send', { providerId, text: 'hello?' });
    expect(sent.ok).toBe(true);
    const { assistantMessageId } = (sent as { result: { assistantMessageId: string } }).result;
    await expect.poll(() => ends.find((end) => end.messageId === assistantMessageId), { timeout: 15_000 }).toBeDefined();
    const end = ends.find((e) => e.messageId === assistantMessageId)!;
    expect(end.error).toMatchObject({ code: 'provider.unreachable', params: { host: `127.0.0.1:${closedPort}`, cause: 'refused' } });
    expectCoded(end.error!);
  });

  it('carry params for input the contract refuses and for a handler’s own errors', async () => {
    const invalid = failure(await core.dispatch('chat.send', { providerId: 'not-a-uuid', text: 'hi' }));
    expect(invalid).toMatchObject({
      code: 'api.invalid_input',
      params: {},
      message: expect.stringContaining('providerId'),
      problems: [{ path: 'providerId', code: 'input.bad_format', params: {} }],
    });
    expectCoded(invalid);

    expect(failure(await core.dispatch('no.such.method', {}))).toMatchObject({ code: 'api.unknown_method', params: {} });

    await core.dispatch('folder.create', { name: 'Work' });
    const taken = failure(await core.dispatch('folder.create', { name: 'Work' }));
    expect(taken).toMatchObject({ code: 'folder.exists', params: { name: 'Work' } });
    expectCoded(taken);
  });
});
