// An image sent with a user turn reaches each provider as that provider's own image
// part (OpenAI chat: image_url with a data URL; Responses: input_image; Anthropic:
// a base64 image source; Gemini: inlineData), before the turn's text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIXEL_PNG_BASE64 } from '../../../e2e/fixtures/pixel';
import { startProviderServer, type FixtureKind, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import type { ProviderKind } from '../../../src-shared/domain';
import { streamChat } from './stream';
import { chatRequest, TEST_KEY } from './test-helpers';

const pixel = new Uint8Array(Buffer.from(PIXEL_PNG_BASE64, 'base64'));
const dataUrl = `data:image/png;base64,${PIXEL_PNG_BASE64}`;

let server: ProviderServer;

beforeAll(async () => {
  server = await startProviderServer({ apiKey: TEST_KEY, tokenDelayMs: 1 });
});
afterAll(() => server.close());

async function lastUserContent(kind: ProviderKind & FixtureKind): Promise<unknown> {
  const result = await streamChat(
    chatRequest(server.urlFor(kind), 'echo', {
      kind,
      messages: [{ role: 'user', content: 'What is in this picture?', images: [{ mediaType: 'image/png', data: pixel, fileName: 'pixel.png' }] }],
    }),
  );
  expect(result.text).toBe('You said: What is in this picture?');
  const body = server.requests.at(-1)!.body as Record<string, unknown>;
  const turns = (body.messages ?? body.input ?? body.contents) as { role: string; content?: unknown; parts?: unknown }[];
  const user = turns.filter((t) => t.role === 'user').at(-1)!;
  return user.content ?? user.parts;
}

describe('an image in a user turn', () => {
  it('reaches OpenAI chat completions as an image_url part with a data URL', async () => {
    expect(await lastUserContent('openai-chat')).toEqual([
      { type: 'image_url', image_url: { url: dataUrl } },
      { type: 'text', text: 'What is in this picture?' },
    ]);
  });

  it('reaches OpenAI Responses as an input_image part', async () => {
    expect(await lastUserContent('openai')).toEqual([
      { type: 'input_image', image_url: dataUrl },
      { type: 'input_text', text: 'What is in this picture?' },
    ]);
  });

  it('reaches Anthropic Messages as a base64 image block', async () => {
    expect(await lastUserContent('anthropic')).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL_PNG_BASE64 } },
      { type: 'text', text: 'What is in this picture?' },
    ]);
  });

  it('reaches Gemini as inlineData', async () => {
    expect(await lastUserContent('google')).toEqual([
      { inlineData: { mimeType: 'image/png', data: PIXEL_PNG_BASE64 } },
      { text: 'What is in this picture?' },
    ]);
  });
});
