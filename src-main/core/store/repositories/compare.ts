// Compare runs (one prompt, sibling replies) and the user's votes on them.
import type Database from 'better-sqlite3';
import type { CompareRun, CompareVote } from '../../../../src-shared/entities/compare';
import { storeErrors } from '../errors';
import type { ConversationRepository } from './conversations';
import type { MessageRepository } from './messages';
import { jsonColumn, parseJsonColumn, type SyncedRows } from './synced-rows';

interface RunRow {
  id: string;
  space_id: string;
  conversation_id: string;
  prompt_message_id: string;
  reply_message_ids: string;
  blind: number;
  created_at: number;
  hlc: string;
  deleted: number;
}

interface VoteRow {
  id: string;
  run_id: string;
  winner_message_id: string | null;
  ranking: string;
  created_at: number;
}

const toRun = (row: RunRow): CompareRun => ({
  id: row.id,
  conversationId: row.conversation_id,
  promptMessageId: row.prompt_message_id,
  replyMessageIds: parseJsonColumn<string[]>(row.reply_message_ids, []),
  blind: row.blind === 1,
  createdAt: row.created_at,
});

const toVote = (row: VoteRow): CompareVote => ({
  id: row.id,
  runId: row.run_id,
  winnerMessageId: row.winner_message_id,
  ranking: parseJsonColumn<string[]>(row.ranking, []),
  createdAt: row.created_at,
});

export class CompareRepository {
  private readonly selectRuns;
  private readonly selectVotes;
  private readonly selectAllVotes;

  constructor(
    db: Database.Database,
    private readonly rows: SyncedRows,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
  ) {
    this.selectRuns = db.prepare<[string], RunRow>(
      'SELECT * FROM compare_runs WHERE conversation_id = ? AND deleted = 0 ORDER BY created_at, id',
    );
    this.selectVotes = db.prepare<[string], VoteRow>('SELECT * FROM compare_votes WHERE run_id = ? AND deleted = 0 ORDER BY created_at, id');
    this.selectAllVotes = db.prepare<[], VoteRow>('SELECT * FROM compare_votes WHERE deleted = 0 ORDER BY created_at, id');
  }

  insertRun(run: CompareRun): CompareRun {
    const conversation = this.conversations.findRow(run.conversationId);
    if (!conversation) throw storeErrors.notFound('conversation', run.conversationId);
    for (const id of [run.promptMessageId, ...run.replyMessageIds]) {
      const message = this.messages.findRow(id);
      if (!message || message.conversation_id !== run.conversationId) {
        throw storeErrors.invalid(`Message ${id} is not in conversation ${run.conversationId}, so it cannot be part of this comparison.`);
      }
    }
    if (this.rows.find('compare_runs', run.id)) throw storeErrors.conflict(`A comparison with id ${run.id} already exists.`);
    this.rows.upsert('compare_runs', run.id, conversation.space_id, {
      conversation_id: run.conversationId,
      prompt_message_id: run.promptMessageId,
      reply_message_ids: jsonColumn(run.replyMessageIds),
      blind: run.blind ? 1 : 0,
      created_at: run.createdAt,
    });
    return toRun(this.rows.live<RunRow>('compare_runs', run.id)!);
  }

  listRuns(conversationId: string): CompareRun[] {
    return this.selectRuns.all(conversationId).map(toRun);
  }

  recordVote(vote: CompareVote): CompareVote {
    const row = this.rows.live<RunRow>('compare_runs', vote.runId);
    if (!row) throw storeErrors.notFound('comparison', vote.runId);
    const replies = new Set(toRun(row).replyMessageIds);
    const named = vote.winnerMessageId === null ? vote.ranking : [vote.winnerMessageId, ...vote.ranking];
    const stranger = named.find((id) => !replies.has(id));
    if (stranger) throw storeErrors.invalid(`Message ${stranger} is not one of the replies being compared.`);
    if (vote.winnerMessageId !== null && vote.ranking.length > 0 && vote.ranking[0] !== vote.winnerMessageId) {
      throw storeErrors.invalid('The ranking must start with the winner.');
    }
    this.rows.upsert('compare_votes', vote.id, row.space_id, {
      run_id: vote.runId,
      winner_message_id: vote.winnerMessageId,
      ranking: jsonColumn(vote.ranking),
      created_at: vote.createdAt,
    });
    return toVote(this.rows.live<VoteRow & { space_id: string; hlc: string; deleted: number }>('compare_votes', vote.id)!);
  }

  listVotes(runId?: string): CompareVote[] {
    return (runId === undefined ? this.selectAllVotes.all() : this.selectVotes.all(runId)).map(toVote);
  }
}
