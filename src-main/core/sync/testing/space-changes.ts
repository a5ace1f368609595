// A space's worth of changes as devices would have pushed them: conversations,
// each with a thread of messages, stamped by one device's clock an hour ago; and
// a push of them to a real server, a thousand at a time.
import { uuidv7 } from '../../../../src-shared/ids';
import { formatHlc } from '../../../../src-shared/sync/hlc';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type Change } from '../../../../src-shared/sync/wire';

export function spaceChanges(messages: number, perConversation: number, startMs = Date.now() - 3_600_000, node = '00000000000000be'): Change[] {
  const changes: Change[] = [];
  let tick = 0;
  const hlc = () => formatHlc({ wallMs: startMs + Math.floor(tick / 100), counter: tick++ % 100, node });
  const conversations = Math.max(1, Math.ceil(messages / perConversation));
  for (let c = 0; c < conversations; c++) {
    const conversation = uuidv7();
    const at = startMs + c;
    changes.push({ id: uuidv7(), table: 'conversations', row: conversation, fields: { title: `Conversation ${c}`, created_at: at, updated_at: at }, hlc: hlc(), deleted: false });
    let parent: string | null = null;
    for (let m = 0; m < perConversation && c * perConversation + m < messages; m++) {
      const id = uuidv7();
      const fields = {
        conversation_id: conversation,
        parent_id: parent,
        role: m % 2 ? 'assistant' : 'user',
        content: `Message ${c}-${m} about topic${c % 97} and the ${'lorem ipsum dolor sit amet '.repeat(4)}`,
        status: 'done',
        created_at: at,
        updated_at: at,
      };
      changes.push({ id: uuidv7(), table: 'messages', row: id, fields, hlc: hlc(), deleted: false });
      parent = id;
    }
  }
  return changes;
}

/** Pushes `changes` into the account's personal space; returns the space's id. */
export async function pushToPersonalSpace(serverUrl: string, accessToken: string, changes: readonly Change[]): Promise<string> {
  const headers = { Authorization: `Bearer ${accessToken}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), 'Content-Type': 'application/json' };
  const me = (await (await fetch(`${serverUrl}/api/v1/me`, { headers })).json()) as { spaces: { id: string; kind: string }[] };
  const space = me.spaces.find((s) => s.kind === 'personal')!.id;
  for (let i = 0; i < changes.length; i += 1000) {
    const response = await fetch(`${serverUrl}/api/v1/sync/push`, { method: 'POST', headers, body: JSON.stringify({ space, changes: changes.slice(i, i + 1000) }) });
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${await response.text()}`);
  }
  return space;
}
