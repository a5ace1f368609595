// Runs a comparison: one prompt to 2-8 providers at once, each reply measured
// (time to first token, tokens per second, tokens, cost), a vote per run, and
// the leaderboard. With the core's compare engine (compare.*) the replies are
// siblings in one conversation and the core keeps votes and the leaderboard; a
// core without it gets one chat per column (chat.send) and votes kept here.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, EventPayload, MethodOutput } from '../../src-shared/api/contract';
import type { MessageStatus, ProviderView } from '../../src-shared/domain';
import { userMessage } from '../api/errors';
import { guarded, hasMethod, isNotAvailable } from '../api/features';
import { messageCost } from '../components/message-format';
import type { AppController } from '../state/app-store';
import type { CompareVoteRecord } from './leaderboard';

export const MIN_COLUMNS = 2;
export const MAX_COLUMNS = 8;
const VOTES_KEY = 'realmultillm.compareVotes';

export interface CompareReply {
  slot: number;
  providerId: string;
  label: string;
  model: string;
  conversationId: string | null;
  messageId: string | null;
  status: MessageStatus | 'starting';
  error: string | null;
  sentAt: number;
  firstTokenAt: number | null;
  endedAt: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  /** The final text (the live text is in the app store's `streaming`). */
  text: string;
}

type RunView = MethodOutput<'compare.get'>;
export type ServerLeaderboard = MethodOutput<'compare.leaderboard'>;

export interface CompareRun {
  id: string;
  /** Set when the core runs the comparison (compare.start). */
  server: { conversationId: string; runId: string; revealed: boolean } | null;
  prompt: string;
  blind: boolean;
  /** Display order: shuffled in blind mode so position gives nothing away. */
  order: number[];
  replies: CompareReply[];
  /** The winning slot, or null for a tie; undefined until voted. */
  vote?: number | null;
}

export interface CompareState {
  columns: string[];
  /** The persona of each column (by index); null for none. */
  personas: (string | null)[];
  blind: boolean;
  run: CompareRun | null;
  votes: CompareVoteRecord[];
  /** The core's leaderboard, when it keeps one. */
  serverLeaderboard: ServerLeaderboard | null;
  error: string | null;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'> | null;

export class CompareController {
  readonly store: StoreApi<CompareState>;
  private readonly ends = new Map<string, EventPayload<'stream.end'>>();
  private runSeq = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly app: AppController,
    private readonly storage: Storage = null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.store = createStore<CompareState>()(() => ({
      columns: [],
      personas: [],
      blind: false,
      run: null,
      votes: this.readVotes(),
      serverLeaderboard: null,
      error: null,
    }));
    api.on('stream.end', (end) => this.onEnd(end));
    api.on('compare.updated', ({ conversationId, runId }) => {
      const server = this.state.run?.server;
      if (server && server.runId === runId) void this.refreshServerRun(conversationId, runId);
    });
    // The first token of each reply: seen when its live text first appears.
    app.store.subscribe((state, previous) => {
      if (state.streaming === previous.streaming) return;
      const run = this.store.getState().run;
      if (!run) return;
      for (const reply of run.replies) {
        if (reply.firstTokenAt === null && reply.messageId && state.streaming[reply.messageId]) {
          this.patchReply(reply.slot, { firstTokenAt: this.now(), status: 'streaming' });
        }
      }
    });
  }

  get state(): CompareState {
    return this.store.getState();
  }

  /** Keeps the column choices valid as providers come and go; starts with two. */
  syncProviders(providers: readonly ProviderView[]): void {
    const ids = providers.map((p) => p.id);
    let columns = this.state.columns.filter((id) => ids.includes(id));
    if (columns.length < MIN_COLUMNS) {
      columns = [...columns];
      for (let i = 0; columns.length < MIN_COLUMNS && ids.length > 0; i++) columns.push(ids[i % ids.length]!);
    }
    if (columns.join() !== this.state.columns.join()) this.store.setState({ columns });
  }

  setColumn(index: number, providerId: string): void {
    this.store.setState((s) => ({ columns: s.columns.map((id, i) => (i === index ? providerId : id)) }));
  }

  addColumn(providerId: string): void {
    this.store.setState((s) => (s.columns.length >= MAX_COLUMNS ? {} : { columns: [...s.columns, providerId] }));
  }

  removeColumn(index: number): void {
    this.store.setState((s) =>
      s.columns.length <= MIN_COLUMNS
        ? {}
        : { columns: s.columns.filter((_, i) => i !== index), personas: s.personas.filter((_, i) => i !== index) },
    );
  }

  setPersona(index: number, personaId: string | null): void {
    this.store.setState((s) => {
      const personas = [...s.personas];
      personas[index] = personaId;
      return { personas };
    });
  }

  setBlind(blind: boolean): void {
    this.store.setState({ blind });
  }

  isRunning(): boolean {
    return this.state.run?.replies.some((r) => r.status === 'starting' || r.status === 'streaming') ?? false;
  }

  async start(prompt: string, providers: readonly ProviderView[]): Promise<boolean> {
    const text = prompt.trim();
    if (!text || this.isRunning()) return false;
    const chosen = this.state.columns.map((id) => providers.find((p) => p.id === id)).filter((p): p is ProviderView => Boolean(p));
    if (chosen.length < MIN_COLUMNS) {
      this.store.setState({ error: 'needColumns' });
      return false;
    }
    const blind = this.state.blind;
    if (hasMethod('compare.start')) {
      try {
        const view = await guarded('compare.start', () =>
          this.api.call('compare.start', {
            text,
            blind,
            columns: chosen.map((p, i) => ({ providerId: p.id, ...(this.state.personas[i] ? { personaId: this.state.personas[i] } : {}) })),
          }),
        );
        this.ends.clear();
        this.store.setState({ run: this.runFromView(view, chosen, this.now()), error: null });
        for (const reply of this.state.run!.replies) {
          const ended = reply.messageId ? this.ends.get(reply.messageId) : undefined;
          if (ended) this.applyEnd(reply.slot, ended);
        }
        void this.app.refreshConversations();
        return true;
      } catch (error) {
        if (!isNotAvailable(error)) {
          this.store.setState({ error: userMessage(error) });
          return false;
        }
      }
    }
    const order = chosen.map((_, i) => i);
    if (blind) shuffle(order);
    const run: CompareRun = {
      id: `run-${++this.runSeq}-${Date.now()}`,
      server: null,
      prompt: text,
      blind,
      order,
      replies: chosen.map((provider, slot) => ({
        slot,
        providerId: provider.id,
        label: provider.name,
        model: provider.model,
        conversationId: null,
        messageId: null,
        status: 'starting',
        error: null,
        sentAt: this.now(),
        firstTokenAt: null,
        endedAt: null,
        inputTokens: null,
        outputTokens: null,
        costUsd: null,
        text: '',
      })),
    };
    this.ends.clear();
    this.store.setState({ run, error: null });
    await Promise.all(
      chosen.map(async (provider, slot) => {
        try {
          const personaId = this.state.personas[slot];
          const sent = await this.api.call('chat.send', { providerId: provider.id, text, ...(personaId ? { personaId } : {}) });
          if (this.state.run?.id !== run.id) return;
          this.patchReply(slot, { conversationId: sent.conversationId, messageId: sent.assistantMessageId });
          const ended = this.ends.get(sent.assistantMessageId);
          if (ended) this.applyEnd(slot, ended);
        } catch (error) {
          this.patchReply(slot, { status: 'error', error: userMessage(error), endedAt: this.now() });
        }
      }),
    );
    void this.app.refreshConversations();
    return true;
  }

  async stopAll(): Promise<void> {
    const run = this.state.run;
    if (!run) return;
    if (run.server) {
      await this.api.call('compare.stop', { conversationId: run.server.conversationId, runId: run.server.runId }).catch(() => undefined);
      return;
    }
    await Promise.all(
      run.replies
        .filter((r) => r.messageId && (r.status === 'streaming' || r.status === 'starting'))
        .map((r) => this.api.call('chat.stop', { messageId: r.messageId! }).catch(() => undefined)),
    );
  }

  vote(slot: number | null): void {
    const run = this.state.run;
    if (!run || run.vote !== undefined) return;
    if (run.server) {
      const server = run.server;
      const winner = slot === null ? null : run.replies[slot]!.messageId;
      this.api
        .call('compare.vote', { conversationId: server.conversationId, runId: server.runId, winnerMessageId: winner })
        .then((view) => {
          this.applyView(view);
          void this.loadLeaderboard();
        })
        .catch((error: unknown) => this.store.setState({ error: userMessage(error) }));
      return;
    }
    const record: CompareVoteRecord = {
      runId: run.id,
      models: run.replies.map((r) => r.model),
      winner: slot === null ? null : run.replies[slot]!.model,
      at: Date.now(),
    };
    const votes = [...this.state.votes, record];
    this.store.setState({ run: { ...run, vote: slot }, votes });
    try {
      this.storage?.setItem(VOTES_KEY, JSON.stringify(votes.slice(-5000)));
    } catch {
      // The vote still counts for this session.
    }
  }

  /** "Continue with this one": the reply's branch becomes the conversation's path. */
  async choose(slot: number): Promise<string | null> {
    const run = this.state.run;
    const reply = run?.replies[slot];
    if (!run || !reply?.messageId) return null;
    if (run.server) {
      try {
        await this.api.call('compare.choose', { conversationId: run.server.conversationId, runId: run.server.runId, messageId: reply.messageId });
      } catch (error) {
        this.store.setState({ error: userMessage(error) });
      }
    }
    return reply.conversationId;
  }

  /** The core's leaderboard, when it keeps one (otherwise the local one is computed from `votes`). */
  async loadLeaderboard(): Promise<void> {
    if (!hasMethod('compare.leaderboard')) return;
    try {
      const rows = await guarded('compare.leaderboard', () => this.api.call('compare.leaderboard', {}));
      this.store.setState({ serverLeaderboard: rows });
    } catch {
      this.store.setState({ serverLeaderboard: null });
    }
  }

  private runFromView(view: RunView, providers: readonly ProviderView[], sentAt: number): CompareRun {
    return {
      id: view.id,
      server: { conversationId: view.conversationId, runId: view.id, revealed: view.revealed },
      prompt: view.prompt,
      blind: view.blind,
      order: view.columns.map((_, i) => i),
      ...(view.vote ? { vote: this.voteSlot(view) } : {}),
      replies: view.columns.map((column, slot) => {
        const provider = providers[slot];
        return {
          slot,
          providerId: column.providerId ?? provider?.id ?? '',
          label: view.blind && !view.revealed ? column.label : (providers.find((p) => p.id === column.providerId)?.name ?? column.label),
          model: column.model ?? column.metrics?.model ?? '',
          conversationId: view.conversationId,
          messageId: column.messageId,
          status: column.status,
          error: column.error?.message ?? null,
          sentAt,
          firstTokenAt: column.metrics?.ttftMs != null ? sentAt + column.metrics.ttftMs : null,
          endedAt: column.metrics ? sentAt + column.metrics.durationMs : null,
          inputTokens: column.usage.inputTokens,
          outputTokens: column.usage.outputTokens,
          costUsd: column.metrics?.costUsd ?? null,
          text: column.content,
        };
      }),
    };
  }

  private voteSlot(view: RunView): number | null {
    const winner = view.vote?.winnerMessageId ?? null;
    const index = winner ? view.columns.findIndex((c) => c.messageId === winner) : -1;
    return index === -1 ? null : index;
  }

  private async refreshServerRun(conversationId: string, runId: string): Promise<void> {
    try {
      this.applyView(await this.api.call('compare.get', { conversationId, runId }));
    } catch {
      // The next update event, or the stream ends, will bring it.
    }
  }

  /** Takes the core's view of the run, keeping what we measured that it does not say. */
  private applyView(view: RunView): void {
    const run = this.state.run;
    if (!run?.server || run.server.runId !== view.id) return;
    const providers = this.app.store.getState().providers;
    const fresh = this.runFromView(view, providers, run.replies[0]?.sentAt ?? this.now());
    fresh.replies = fresh.replies.map((reply) => {
      const old = run.replies[reply.slot];
      return {
        ...reply,
        sentAt: old?.sentAt ?? reply.sentAt,
        firstTokenAt: reply.firstTokenAt ?? old?.firstTokenAt ?? null,
        endedAt: reply.endedAt ?? old?.endedAt ?? null,
      };
    });
    if (view.vote === null && run.vote !== undefined) fresh.vote = run.vote;
    this.store.setState({ run: fresh });
  }

  private onEnd(end: EventPayload<'stream.end'>): void {
    const run = this.state.run;
    if (!run) return;
    const reply = run.replies.find((r) => r.messageId === end.messageId);
    if (reply) this.applyEnd(reply.slot, end);
    else this.ends.set(end.messageId, end);
  }

  private applyEnd(slot: number, end: EventPayload<'stream.end'>): void {
    const reply = this.state.run?.replies[slot];
    if (!reply) return;
    const now = this.now();
    this.patchReply(slot, {
      status: end.status,
      error: end.error?.message ?? null,
      endedAt: now,
      firstTokenAt: reply.firstTokenAt ?? (end.message.content ? now : null),
      inputTokens: end.usage.inputTokens,
      outputTokens: end.usage.outputTokens,
      costUsd: end.metrics?.costUsd ?? messageCost(end.message as typeof end.message & Record<string, unknown>),
      ...(end.metrics?.ttftMs != null ? { firstTokenAt: reply.sentAt + end.metrics.ttftMs } : {}),
      ...(end.metrics ? { endedAt: reply.sentAt + end.metrics.durationMs } : {}),
      text: end.message.content,
    });
  }

  private patchReply(slot: number, patch: Partial<CompareReply>): void {
    this.store.setState((s) => {
      if (!s.run) return {};
      return { run: { ...s.run, replies: s.run.replies.map((r) => (r.slot === slot ? { ...r, ...patch } : r)) } };
    });
  }

  private readVotes(): CompareVoteRecord[] {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(VOTES_KEY) ?? '[]');
      return Array.isArray(parsed) ? (parsed as CompareVoteRecord[]) : [];
    } catch {
      return [];
    }
  }
}

function shuffle(values: number[]): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
}

/** Time to first token, tokens per second and tokens of a reply, as far as known. */
export function replyMetrics(reply: CompareReply, liveText: string | undefined) {
  const ttftMs = reply.firstTokenAt !== null ? reply.firstTokenAt - reply.sentAt : null;
  const text = liveText ?? reply.text;
  const estimated = reply.outputTokens === null;
  const tokens = reply.outputTokens ?? (text ? Math.max(1, Math.round(text.length / 4)) : null);
  const end = reply.endedAt ?? (reply.status === 'streaming' ? performance.now() : null);
  const seconds = reply.firstTokenAt !== null && end !== null ? (end - reply.firstTokenAt) / 1000 : null;
  const tokensPerSecond = tokens !== null && seconds !== null && seconds > 0.05 ? tokens / seconds : null;
  return { ttftMs, tokens, estimated, tokensPerSecond, costUsd: reply.costUsd };
}
