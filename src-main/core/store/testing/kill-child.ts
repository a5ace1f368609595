// The kill test's child: streams replies into the store as the app does, and
// prints a line after each write the store acknowledged. The parent kills it
// with SIGKILL at a random moment and checks the database against these lines.
//   node --import tsx kill-child.ts <database file> <conversation id> <round>
import { uuidv7 } from '../../../../src-shared/ids';
import { openStore } from '../index';
import { expectedText } from './kill-text';

const [file, conversationId, roundText] = process.argv.slice(2) as [string, string, string];
const round = Number(roundText);
const say = (line: string) => process.stdout.write(`${line}\n`);

const store = await openStore({ file });
if (!(await store.getConversation(conversationId))) await store.createConversation({ id: conversationId, title: 'kill test' });
say('ready');
let parentId: string | null = (await store.getBranch(conversationId)).at(-1)?.id ?? null;
for (let turn = 0; ; turn++) {
  const user = await store.insertMessage({
    id: uuidv7(), conversationId, parentId, role: 'user', content: expectedText(round, turn, 'user'), status: 'done', providerId: null, model: null,
  });
  say(`done ${user.id}`);
  const reply = await store.insertMessage({
    id: uuidv7(), conversationId, parentId: user.id, role: 'assistant', content: '', status: 'streaming', providerId: null, model: 'kill-test',
  });
  say(`streaming ${reply.id} ${round} ${turn}`);
  const full = expectedText(round, turn, 'assistant');
  const reasoning = expectedText(round, turn, 'reasoning');
  // Append the reasoning and the text 40 characters at a time, as the reply buffers do, far more often than the app would.
  for (let length = 40; length < full.length; length += 40) {
    await store.appendStreamingReasoning(reply.id, reasoning.slice(length - 40, length));
    await store.appendStreamingText(reply.id, full.slice(length - 40, length));
    say(`flushed ${reply.id} ${length}`);
  }
  await store.finishMessage(reply.id, { content: full, status: 'done', error: null, usage: { inputTokens: 1, outputTokens: 1 }, reasoning });
  say(`done ${reply.id}`);
  parentId = reply.id;
}
