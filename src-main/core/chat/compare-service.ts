// Compare: one prompt to 2–8 models at once. Each reply is a sibling under the
// prompt in the message tree, streamed and stored like any reply; a column that
// fails shows its error while the others finish. Votes feed the leaderboard.
import { AppError } from '../../../src-shared/api/errors';
import type { ReplyMetrics } from '../../../src-shared/api/methods/chat';
import { leaderboard, type Entrant } from '../../../src-shared/compare/leaderboard';
import type { CompareColumn, CompareColumnInput, CompareRunView, LeaderboardRow } from '../../../src-shared/api/methods/compare';
import type { Message, UserError } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import type { CompareRun, CompareVote } from '../../../src-shared/entities/compare';
import type { UsageEntry } from '../../../src-shared/entities/usage';
import type { CompareStore, ConversationStore, ProviderStore, UsageStore } from '../store';
import type { ChatService, EmitEvent } from './chat-service';

export interface CompareServiceOptions {
  /** The replies go in the message tree, the run and its votes in the compare tables; the leaderboard reads the usage ledger. */
  store: ConversationStore & CompareStore & ProviderStore & UsageStore;
  chat: ChatService;
  emit: EmitEvent;
}

const LEDGER_PAGE = 10_000;

function label(index: number): string {
  return String.fromCharCode(65 + index);
}

function asUserError(error: unknown): UserError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'This column could not start because of an error inside the app. Try again.' };
}

export class CompareService {
  /** Metrics of replies finished in this run of the app (the ledger has the rest). */
  private readonly metrics = new Map<string, ReplyMetrics>();

  constructor(private readonly options: CompareServiceOptions) {}

  async start(input: { conversationId?: string | undefined; text: string; columns: CompareColumnInput[]; blind: boolean }): Promise<CompareRunView> {
    const { store, chat, emit } = this.options;
    const existing = input.conversationId ? await store.getConversation(input.conversationId) : null;
    if (input.conversationId && !existing) throw new AppError('conversation.missing', 'That conversation was deleted. Start a new chat.');
    // Each column is prepared on its own: one without a key or provider fails alone.
    const prepared = await Promise.all(
      input.columns.map((column) =>
        chat
          .prepare(
            {
              providerId: column.providerId ?? null,
              ...(column.model !== undefined && { model: column.model }),
              ...(column.personaId !== undefined && { personaId: column.personaId }),
              ...(column.settings !== undefined && { settings: column.settings }),
            },
            input.conversationId ?? null,
          )
          .then((ready) => ({ ready, error: null }), (error: unknown) => ({ ready: null, error: asUserError(error) })),
      ),
    );
    if (prepared.every((p) => p.error)) throw new AppError(prepared[0]!.error!.code, prepared[0]!.error!.message);

    const { conversationId, user, history } = await chat.addUserMessage(input.conversationId, input.text);
    const runId = uuidv7();
    const replies: Message[] = [];
    for (const [index, column] of prepared.entries()) {
      if (column.ready) {
        const reply = await chat.startReply({
          conversationId,
          parentId: user.id,
          history,
          call: column.ready.call,
          apiKey: column.ready.apiKey,
          blind: input.blind,
          onFinished: (message, outcome) => {
            this.metrics.set(message.id, {
              ttftMs: outcome.ttftMs,
              durationMs: outcome.durationMs,
              costUsd: outcome.costUsd,
              attempts: outcome.attempts,
              model: outcome.model,
            });
            emit('compare.updated', { conversationId, runId });
          },
        });
        replies.push(reply);
      } else {
        replies.push(await this.failedColumn(conversationId, user.id, input.columns[index]!, column.error!));
      }
    }
    await chat.showBranch(existing?.conversation ?? null, replies[0]!.id);
    await store.insertCompareRun({
      id: runId,
      conversationId,
      promptMessageId: user.id,
      replyMessageIds: replies.map((r) => r.id),
      blind: input.blind,
      createdAt: Date.now(),
    });
    emit('conversation.changed', { conversationId });
    return this.get(conversationId, runId);
  }

  /** A column that could not start: stored as a failed reply, so it shows its error in its place. */
  private async failedColumn(conversationId: string, parentId: string, column: CompareColumnInput, error: UserError): Promise<Message> {
    const { store } = this.options;
    const provider = column.providerId ? await store.getProvider(column.providerId) : null;
    const message = await store.insertMessage({
      id: uuidv7(),
      conversationId,
      parentId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      providerId: provider?.id ?? null,
      model: column.model ?? provider?.model ?? null,
    });
    return store.finishMessage(message.id, { content: '', status: 'error', error, usage: { inputTokens: null, outputTokens: null } });
  }

  private async run(conversationId: string, runId: string): Promise<CompareRun> {
    const run = (await this.options.store.listCompareRuns(conversationId)).find((r) => r.id === runId);
    if (!run) throw new AppError('compare.missing', 'That comparison no longer exists.');
    return run;
  }

  async get(conversationId: string, runId: string): Promise<CompareRunView> {
    return this.view(await this.run(conversationId, runId));
  }

  async list(conversationId: string): Promise<CompareRunView[]> {
    const runs = await this.options.store.listCompareRuns(conversationId);
    return Promise.all(runs.map((run) => this.view(run)));
  }

  private async view(run: CompareRun): Promise<CompareRunView> {
    const { store } = this.options;
    const found = await store.getConversation(run.conversationId);
    const byId = new Map((found?.messages ?? []).map((m) => [m.id, m]));
    const [vote] = await store.listVotes(run.id);
    const revealed = !run.blind || vote !== undefined;
    const ledger = await this.ledgerFor(run);
    const columns = run.replyMessageIds.map((id, index): CompareColumn => {
      const message = byId.get(id);
      const metrics = this.metrics.get(id) ?? ledger.get(id) ?? null;
      return {
        messageId: id,
        label: label(index),
        providerId: revealed ? (message?.providerId ?? null) : null,
        model: revealed ? (message?.model ?? null) : null,
        status: message?.status ?? 'error',
        content: message?.content ?? '',
        error: message?.error ?? null,
        usage: message?.usage ?? { inputTokens: null, outputTokens: null },
        metrics: metrics && message?.status !== 'streaming' ? (revealed ? metrics : { ...metrics, model: null, costUsd: null }) : null,
      };
    });
    return {
      id: run.id,
      conversationId: run.conversationId,
      promptMessageId: run.promptMessageId,
      prompt: byId.get(run.promptMessageId)?.content ?? '',
      blind: run.blind,
      revealed,
      createdAt: run.createdAt,
      vote: vote ?? null,
      columns,
    };
  }

  /** The ledger rows of a run's replies (calls start just before the run is recorded). */
  private async ledgerFor(run: CompareRun): Promise<Map<string, ReplyMetrics>> {
    const wanted = new Set(run.replyMessageIds.filter((id) => !this.metrics.has(id)));
    const found = new Map<string, ReplyMetrics>();
    if (wanted.size === 0) return found;
    const rows = await this.options.store.queryUsage({ from: run.createdAt - 60_000, to: run.createdAt + 60_000, limit: LEDGER_PAGE });
    for (const row of rows) {
      if (row.messageId && wanted.has(row.messageId)) {
        found.set(row.messageId, { ttftMs: row.ttftMs, durationMs: row.durationMs, costUsd: row.costUsd, attempts: 1, model: row.model });
      }
    }
    return found;
  }

  async stop(conversationId: string, runId: string, messageId?: string): Promise<number> {
    const run = await this.run(conversationId, runId);
    if (messageId && !run.replyMessageIds.includes(messageId)) throw new AppError('compare.not_a_reply', 'That reply is not part of this comparison.');
    const targets = messageId ? [messageId] : run.replyMessageIds;
    const stopped = targets.filter((id) => this.options.chat.stop(id));
    await Promise.all(stopped.map((id) => this.options.chat.settled(id)));
    return stopped.length;
  }

  async vote(input: { conversationId: string; runId: string; winnerMessageId: string | null; ranking?: string[] | undefined }): Promise<CompareRunView> {
    const run = await this.run(input.conversationId, input.runId);
    const replies = new Set(run.replyMessageIds);
    if (input.winnerMessageId && !replies.has(input.winnerMessageId)) {
      throw new AppError('compare.not_a_reply', 'The chosen reply is not part of this comparison.');
    }
    if (input.ranking?.some((id) => !replies.has(id))) throw new AppError('compare.not_a_reply', 'The ranking names a reply that is not part of this comparison.');
    const winner = input.winnerMessageId;
    const ranking = input.ranking ?? (winner ? [winner, ...run.replyMessageIds.filter((id) => id !== winner)] : []);
    const [previous] = await this.options.store.listVotes(run.id);
    const vote: CompareVote = { id: previous?.id ?? uuidv7(), runId: run.id, winnerMessageId: winner, ranking, createdAt: Date.now() };
    await this.options.store.recordVote(vote);
    this.options.emit('compare.updated', { conversationId: run.conversationId, runId: run.id });
    return this.view(run);
  }

  async choose(conversationId: string, runId: string, messageId: string) {
    const run = await this.run(conversationId, runId);
    if (!run.replyMessageIds.includes(messageId)) throw new AppError('compare.not_a_reply', 'That reply is not part of this comparison.');
    const { store, emit } = this.options;
    const found = await store.getConversation(conversationId);
    const reply = found?.messages.find((m) => m.id === messageId);
    await store.setShownLeaf(conversationId, messageId);
    // The conversation goes on with the chosen reply's provider and model: remembered
    // in its settings, so the next message (also after a restart) asks them, not
    // whatever the composer had before the comparison.
    if (found && reply?.providerId && reply.model) {
      await store.updateConversation(conversationId, {
        settings: { ...found.conversation.settings, providerId: reply.providerId, model: reply.model },
      });
    }
    emit('conversation.changed', { conversationId });
    return { conversationId, shownLeafId: messageId, providerId: reply?.providerId ?? null, model: reply?.model ?? null };
  }

  async leaderboard(): Promise<LeaderboardRow[]> {
    const votes = await this.options.store.listVotes();
    const wanted = new Set(votes.flatMap((v) => [...v.ranking, ...(v.winnerMessageId ? [v.winnerMessageId] : [])]));
    const entrants = await this.entrantsOf(wanted);
    const replies = new Map(votes.map((v) => [v.runId, v.ranking]));
    const names = new Map((await this.options.store.listProviders()).map((p) => [p.id, p.name]));
    return leaderboard(votes, replies, entrants).map((row) => ({ ...row, provider: row.providerId ? (names.get(row.providerId) ?? null) : null }));
  }

  /** Which provider and model wrote each reply, from the usage ledger (newest pages first, until all are found). */
  private async entrantsOf(wanted: Set<string>): Promise<Map<string, Entrant>> {
    const found = new Map<string, Entrant>();
    let to: number | undefined;
    while (found.size < wanted.size) {
      const page: UsageEntry[] = await this.options.store.queryUsage({ ...(to !== undefined && { to }), limit: LEDGER_PAGE });
      for (const row of page) if (row.messageId && wanted.has(row.messageId)) found.set(row.messageId, { providerId: row.providerId, model: row.model });
      const oldest = page.at(-1)?.createdAt;
      if (page.length < LEDGER_PAGE || oldest === undefined || oldest === to) break;
      to = oldest;
    }
    return found;
  }
}
