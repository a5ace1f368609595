// The store at scale (issue 4): import a ChatGPT export of BENCH_SIZE messages
// (default 1,000,000) through the real store, then search it, open the newest page
// of a 10,000-message conversation, and stream four replies while watching the
// main thread's event loop. Everything runs through openStore: the worker
// threads, the real SQLite file, the real import path.
//   npm run bench -- store            every figure
//   BENCH_SIZE=20000 npm run bench -- store.search
// The generated export and the imported database are kept in the OS temp folder
// (keyed by size, and by a version bumped when a new database is laid out
// differently: v3 has 16 KB pages) so a later run of only the search figures
// skips the import.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { uuidv7 } from '../src-shared/ids';
import { openStore, type LocalStore } from '../src-main/core/store';
import { derivedTimeId } from '../src-main/core/store/testing';
import { LONG_CONVERSATION_CREATED, LONG_CONVERSATION_ID, writeChatGptExport } from './support/chatgpt-export';
import { benchSize, percentile, report, wanted } from './support/report';
import { TextGenerator } from './support/text';

const SIZE = benchSize();
const LONG = Math.min(10_000, Math.floor(SIZE / 2));
const dir = join(tmpdir(), `rmllm-bench-store-${SIZE}-v3`);
const exportFile = join(dir, 'conversations.json');
const databaseFile = join(dir, 'store', 'realmultillm.sqlite');
let failures = 0;
const check = (pass: boolean) => {
  if (!pass) failures += 1;
};

async function ensureExport(): Promise<void> {
  if (existsSync(exportFile)) return;
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  await writeChatGptExport(`${exportFile}.partial`, { messages: SIZE, longConversation: LONG });
  renameSync(`${exportFile}.partial`, exportFile);
  const mb = statSync(exportFile).size / 1e6;
  console.log(`# generated a ChatGPT export of ${SIZE} messages (${mb.toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function importFigure(print: boolean): Promise<void> {
  rmSync(join(dir, 'store'), { recursive: true, force: true });
  const store = await openStore({ file: databaseFile });
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    let checked = 0;
    const summary = await store.importFile(
      { path: exportFile },
      { jobId: uuidv7(), onProgress: (p) => (checked ||= p.phase === 'importing' ? performance.now() : 0) },
    );
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    console.log(
      `# first batch merged after ${((checked - started) / 1000).toFixed(1)} s (the file is read on a second thread while batches merge); ` +
        `CPU time ${((used.user + used.system) / 1e6).toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
    );
    if (summary.messages !== SIZE) throw new Error(`Imported ${summary.messages} messages, expected ${SIZE}.`);
    console.log(`# ${summary.imported} conversations, ${summary.messages} messages, ${Math.round(SIZE / seconds)} messages/s`);
    if (print) check(report('store.import', seconds, 's', { atMost: 30 }));
  } finally {
    await store.close();
  }
  console.log(`# database ${(statSync(databaseFile).size / 1e6).toFixed(0)} MB`);
}

/** What people type: 3-letter prefixes of words, whole words, and two words with the second still being typed. */
function queries(count: number): string[] {
  const text = new TextGenerator(7);
  return Array.from({ length: count }, (_, i) => {
    const word = text.searchWord();
    if (i % 3 === 0) return word.slice(0, 3);
    if (i % 3 === 1) return word;
    return `${word} ${text.searchWord().slice(0, 4)}`;
  });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function searchFigures(store: LocalStore): Promise<void> {
  const list = queries(300);
  for (const order of ['newest', 'relevance'] as const) {
    const name = order === 'newest' ? 'store.search' : 'store.search.ranked';
    if (!wanted(name)) continue;
    for (const text of list.slice(0, 20)) await store.search({ text, order, limit: 50 });
    const times: number[] = [];
    let hits = 0;
    for (const text of list) {
      times.push(await timed(async () => (hits += (await store.search({ text, order, limit: 50 })).hits.length)));
    }
    console.log(`# ${name}: ${list.length} queries, ${(hits / list.length).toFixed(1)} hits each, median ${percentile(times, 50).toFixed(1)} ms`);
    check(report(name, percentile(times, 95), 'ms', { below: order === 'newest' ? 30 : 100 }));
  }
}

async function openFigure(store: LocalStore): Promise<void> {
  const id = derivedTimeId(Math.round(LONG_CONVERSATION_CREATED * 1000), 'chatgpt', LONG_CONVERSATION_ID);
  const first = await store.listMessagePage(id, { limit: 50 });
  if (first.messages.length !== 50) throw new Error('The long conversation is missing from the benchmark database.');
  const times: number[] = [];
  for (let i = 0; i < 300; i++) times.push(await timed(() => store.listMessagePage(id, { limit: 50 })));
  console.log(`# newest 50 of a ${LONG}-message conversation: median ${percentile(times, 50).toFixed(2)} ms`);
  check(report('store.open', percentile(times, 95), 'ms', { below: 5 }));
}

const SAMPLE_MS = 1;

/** Four replies streamed the way the chat service does: tokens every 15 ms, a flush every 250 ms, then finish. */
async function stallFigure(store: LocalStore): Promise<void> {
  const text = new TextGenerator(11);
  const conversation = await store.createConversation({ id: uuidv7(), title: 'stall' });
  const histogram = monitorEventLoopDelay({ resolution: SAMPLE_MS });
  const stream = async () => {
    const user = await store.insertMessage({
      id: uuidv7(), conversationId: conversation.id, parentId: null, role: 'user', content: text.text(200), status: 'done', providerId: null, model: null,
    });
    const reply = await store.insertMessage({
      id: uuidv7(), conversationId: conversation.id, parentId: user.id, role: 'assistant', content: '', status: 'streaming', providerId: null, model: 'bench',
    });
    let content = '';
    let flushed = 0;
    let lastFlush = performance.now();
    const flushes: Promise<void>[] = [];
    for (let token = 0; token < 400; token++) {
      content += `${text.word()} `;
      if (performance.now() - lastFlush >= 250) {
        flushes.push(store.appendStreamingText(reply.id, content.slice(flushed)));
        flushed = content.length;
        lastFlush = performance.now();
      }
      await sleep(15);
    }
    await Promise.all(flushes);
    await store.finishMessage(reply.id, { content, status: 'done', error: null, usage: { inputTokens: 200, outputTokens: 400 } });
  };
  // The same measurement with nothing streaming: what the machine itself adds.
  const idle = monitorEventLoopDelay({ resolution: SAMPLE_MS });
  idle.enable();
  await sleep(3000);
  idle.disable();
  histogram.enable();
  await Promise.all([stream(), stream(), stream(), stream()]);
  histogram.disable();
  // The histogram records the interval between 1 ms timer ticks: a loop never held up
  // records 1 ms. The delay is what comes on top of that.
  const delay = (ns: number) => Math.max(0, ns / 1e6 - SAMPLE_MS);
  console.log(
    `# event-loop delay while streaming 4 replies: p50 ${delay(histogram.percentile(50)).toFixed(2)} ms, ` +
      `max ${delay(histogram.max).toFixed(2)} ms (${histogram.count} samples); idle, the same process shows p99 ${delay(idle.percentile(99)).toFixed(2)} ms`,
  );
  check(report('store.stall', delay(histogram.percentile(99)), 'ms', { below: 2 }));
}

async function main(): Promise<void> {
  const needStore = ['store.search', 'store.search.ranked', 'store.open', 'store.stall'].some(wanted);
  if (wanted('store.import') || !existsSync(databaseFile)) {
    await ensureExport();
    if (!wanted('store.import')) console.log('# importing once to build the benchmark database');
    await importFigure(wanted('store.import'));
  }
  if (!needStore) return;
  const store = await openStore({ file: databaseFile });
  try {
    await searchFigures(store);
    if (wanted('store.open')) await openFigure(store);
    if (wanted('store.stall')) await stallFigure(store);
  } finally {
    await store.close();
  }
}

await main();
process.exit(failures > 0 ? 1 : 0);
