// A device in a child process, so a test can kill it mid-sync: opens the core on
// the data folder given (already signed in), syncs, and prints one line per
// status; at the end `done <conversations> <messages>` counted from its store.
import { eventually, openDevice } from './device';

const dataDir = process.argv[2]!;
const device = await openDevice(dataDir);
device.core.onEvent((event, payload) => {
  if (event === 'sync.status') process.stdout.write(`status ${JSON.stringify((payload as { status: unknown }).status)}\n`);
});
await device.call('sync.now', {});
const status = await eventually(async () => {
  const now = await device.call('sync.status', {});
  return now.status.state === 'synced' ? now : undefined;
}, 120_000, 'the sync to finish');
const conversations = await device.store.listConversations(100_000);
let messages = 0;
for (const conversation of conversations) messages += (await device.store.getConversation(conversation.id))!.messages.length;
process.stdout.write(`done ${conversations.length} ${messages} ${JSON.stringify(status.status)}\n`);
await device.close({ keep: true });
process.exit(0);
