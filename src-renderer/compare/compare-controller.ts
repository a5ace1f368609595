// Runs a comparison through the core's compare engine: one prompt to 2-8
// providers at once, the replies siblings in one conversation, each measured
// (time to first token, tokens per second, tokens, cost); a vote per run, and
// the core's leaderboard.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, EventPayload, MethodOutput } from '../../src-shared/api/contract';
import type { MessageStatus, ProviderView } from '../../src-shared/domain';
import { userMessage } from '../api/errors';
import type { Stores } from '../state/stores';

export const MIN_COLUMNS = 2;
export const MAX_COLUMNS = 8;

export interface CompareReply {
  slot: number;
  providerId: string;
  label: string;
  model: string;
  messageId: string;
  status: MessageStatus;
  error: string | null;
  sentAt: number;
  firstTokenAt: number | null;
  endedAt: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  /** The final text (the live text is in the streaming store). */
  text: string;
}

type RunView = MethodOutput<'compare.get'>;
export type Leaderboard = MethodOutput<'compare.leaderboard'>;

export interface CompareRun {
  id: string;
  conversationId: string;
  prompt: string;
  blind: boolean;
  /** False while a blind run has no vote: the core hides providers and models until then. */
  revealed: boolean;
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
  leaderboard: Leaderboard | null;
  error: string | null;
}

export type CompareStores = Pick<Stores, 'api' | 'streaming' | 'conversations' | 'providers'>;

export class CompareController {
  readonly store: StoreApi<CompareState>;
  private readonly api: ApiClient;
  private readonly ends = new Map<string, EventPayload<'stream.end'>>();

  constructor(
    private readonly stores: CompareStores,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.api = stores.api;
    this.store = createStore<CompareState>()(() => ({
      columns: [],
      personas: [],
      blind: false,
      run: null,
      leaderboard: null,
      error: null,
    }));
    this.api.on('stream.end', (end) => this.onEnd(end));
    this.api.on('compare.updated', ({ conversationId, runId }) => {
      if (this.state.run?.id === runId) void this.refreshRun(conversationId, runId);
    });
    // The first token of each reply: seen when its live text first appears.
    stores.streaming.store.subscribe((state, previous) => {
      if (state.text === previous.text) return;
      const run = this.store.getState().run;
      if (!run) return;
      for (const reply of run.replies) {
        if (reply.firstTokenAt === null && state.text[reply.messageId]) {
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
    return this.state.run?.replies.some((r) => r.status === 'streaming') ?? false;
  }

  async start(prompt: string, providers: readonly ProviderView[]): Promise<boolean> {
    const text = prompt.trim();
    if (!text || this.isRunning()) return false;
    const chosen = this.state.columns.map((id) => providers.find((p) => p.id === id)).filter((p): p is ProviderView => Boolean(p));
    if (chosen.length < MIN_COLUMNS) {
      this.store.setState({ error: 'needColumns' });
      return false;
    }
    try {
      const view = await this.api.call('compare.start', {
        text,
        blind: this.state.blind,
        columns: chosen.map((p, i) => ({ providerId: p.id, ...(this.state.personas[i] ? { personaId: this.state.personas[i] } : {}) })),
      });
      this.ends.clear();
      this.store.setState({ run: this.runFromView(view, chosen, this.now()), error: null });
      for (const reply of this.state.run!.replies) {
        const ended = this.ends.get(reply.messageId);
        if (ended) this.applyEnd(reply.slot, ended);
      }
      void this.stores.conversations.refresh();
      return true;
    } catch (error) {
      this.store.setState({ error: userMessage(error) });
      return false;
    }
  }

  async stopAll(): Promise<void> {
    const run = this.state.run;
    if (!run) return;
    await this.api.call('compare.stop', { conversationId: run.conversationId, runId: run.id }).catch(() => undefined);
  }

  vote(slot: number | null): void {
    const run = this.state.run;
    if (!run || run.vote !== undefined) return;
    const winner = slot === null ? null : run.replies[slot]!.messageId;
    this.api
      .call('compare.vote', { conversationId: run.conversationId, runId: run.id, winnerMessageId: winner })
      .then((view) => {
        this.applyView(view);
        void this.loadLeaderboard();
      })
      .catch((error: unknown) => this.store.setState({ error: userMessage(error) }));
  }

  /**
   * "Continue with this one": the reply's branch becomes the conversation's path,
   * and its provider the composer's (the core remembers its model for the conversation).
   */
  async choose(slot: number): Promise<string | null> {
    const run = this.state.run;
    const reply = run?.replies[slot];
    if (!run || !reply) return null;
    try {
      const chosen = await this.api.call('compare.choose', { conversationId: run.conversationId, runId: run.id, messageId: reply.messageId });
      this.stores.providers.selectIfListed(chosen.providerId);
    } catch (error) {
      this.store.setState({ error: userMessage(error) });
    }
    return run.conversationId;
  }

  async loadLeaderboard(): Promise<void> {
    try {
      this.store.setState({ leaderboard: await this.api.call('compare.leaderboard', {}) });
    } catch {
      this.store.setState({ leaderboard: null });
    }
  }

  private runFromView(view: RunView, providers: readonly ProviderView[], sentAt: number): CompareRun {
    return {
      id: view.id,
      conversationId: view.conversationId,
      prompt: view.prompt,
      blind: view.blind,
      revealed: view.revealed,
      ...(view.vote ? { vote: this.voteSlot(view) } : {}),
      replies: view.columns.map((column, slot) => {
        const provider = providers[slot];
        return {
          slot,
          providerId: column.providerId ?? provider?.id ?? '',
          label: view.blind && !view.revealed ? column.label : (providers.find((p) => p.id === column.providerId)?.name ?? column.label),
          model: column.model ?? column.metrics?.model ?? '',
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

  private async refreshRun(conversationId: string, runId: string): Promise<void> {
    try {
      this.applyView(await this.api.call('compare.get', { conversationId, runId }));
    } catch {
      // The next update event, or the stream ends, will bring it.
    }
  }

  /** Takes the core's view of the run, keeping what we measured that it does not say. */
  private applyView(view: RunView): void {
    const run = this.state.run;
    if (run?.id !== view.id) return;
    const providers = this.stores.providers.state.providers;
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
      costUsd: end.metrics?.costUsd ?? end.message.costUsd ?? null,
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
