// Writes a ChatGPT-shaped conversations.json for benchmarks: conversations of 50
// messages (one in ten with a regenerated reply, a second branch), one long
// conversation for store.open, realistic message lengths, spread over two years.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { TextGenerator } from './text';

export const LONG_CONVERSATION_ID = '0b0b0b0b-0000-4000-8000-000000010000';
const START = Date.UTC(2024, 0, 1) / 1000;
const SPAN = 2 * 365 * 86_400;
/** When the long conversation was created, in ChatGPT's seconds. */
export const LONG_CONVERSATION_CREATED = START + SPAN - 86_400 * 30;

export interface ExportShape {
  messages: number;
  /** Messages in the long conversation (store.open reads its newest page). */
  longConversation: number;
  seed?: number;
}

export async function writeChatGptExport(path: string, shape: ExportShape): Promise<void> {
  const text = new TextGenerator(shape.seed ?? 42);
  const out = createWriteStream(path);
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  let written = 0;
  let index = 0;
  await write('[');
  while (written < shape.messages) {
    const isLong = index === 0;
    const size = Math.min(isLong ? shape.longConversation : 50, shape.messages - written);
    const created = isLong ? LONG_CONVERSATION_CREATED : START + (SPAN * index) / (shape.messages / 50 + 1);
    const mapping: Record<string, unknown> = {};
    const root = randomUUID();
    mapping[root] = { id: root, message: null, parent: null, children: [] };
    let parent = root;
    let time = created;
    let last = root;
    for (let i = 0; i < size; i++) {
      const role = i % 2 === 0 ? 'user' : 'assistant';
      const id = randomUUID();
      time += 5 + text.float() * 120;
      mapping[id] = {
        id,
        message: {
          id,
          author: { role, name: null, metadata: {} },
          create_time: time,
          update_time: null,
          content: { content_type: 'text', parts: [text.text(text.messageLength(role))] },
          status: 'finished_successfully',
          end_turn: role === 'assistant' ? true : null,
          weight: 1.0,
          metadata: role === 'assistant' ? { model_slug: text.float() < 0.5 ? 'gpt-4o' : 'gpt-4o-mini' } : {},
          recipient: 'all',
        },
        parent,
        children: [],
      };
      (mapping[parent] as { children: string[] }).children.push(id);
      // One reply in ten was regenerated: the earlier reply stays, as a sibling.
      const regenerated = role === 'assistant' && i + 1 < size && text.float() < 0.1;
      if (!regenerated) parent = id;
      last = id;
    }
    const conversation = {
      title: text.text(30).slice(0, 40),
      create_time: created,
      update_time: time,
      mapping,
      moderation_results: [],
      current_node: last,
      id: isLong ? LONG_CONVERSATION_ID : randomUUID(),
      default_model_slug: 'gpt-4o',
    };
    await write((index > 0 ? ',' : '') + JSON.stringify(conversation));
    written += size;
    index += 1;
  }
  await write(']');
  out.end();
  await once(out, 'finish');
}
