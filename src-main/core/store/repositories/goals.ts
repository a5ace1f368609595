// Goals and their links to conversations and pipeline runs.
import type Database from 'better-sqlite3';
import { GoalProgress, type Goal, type GoalInput, type GoalLinkTarget, type GoalProgressChange, type GoalStatus } from '../../../../src-shared/entities/goals';
import { applyProgressChange } from '../../../../src-shared/goals/progress';
import { derivedId } from './derived-id';
import { storeErrors } from '../errors';
import type { SyncedRows } from './synced-rows';

interface GoalRow {
  id: string;
  space_id: string;
  title: string;
  description: string;
  status: GoalStatus;
  target_at: number | null;
  progress: string;
  created_at: number;
  updated_at: number;
  hlc: string;
  deleted: number;
}

export class GoalRepository {
  private readonly selectAll;
  private readonly selectLinks;

  constructor(
    db: Database.Database,
    private readonly rows: SyncedRows,
  ) {
    this.selectAll = db.prepare<[], GoalRow>('SELECT * FROM goals WHERE deleted = 0 ORDER BY created_at, id');
    this.selectLinks = db.prepare<[string], { target_kind: GoalLinkTarget['kind']; target_id: string }>(
      'SELECT target_kind, target_id FROM goal_links WHERE goal_id = ? AND deleted = 0 ORDER BY created_at, id',
    );
  }

  list(): Goal[] {
    return this.selectAll.all().map((row) => this.toGoal(row));
  }

  find(id: string): Goal | null {
    const row = this.rows.live<GoalRow>('goals', id);
    return row ? this.toGoal(row) : null;
  }

  save(goal: GoalInput, spaceId: string): Goal {
    const columns = {
      title: goal.title,
      description: goal.description,
      status: goal.status,
      target_at: goal.targetAt,
      progress: JSON.stringify(goal.progress),
    };
    this.rows.saveEdited('goals', goal.id, spaceId, columns, goal.createdAt);
    return this.find(goal.id)!;
  }

  /** Applies one step of progress; a change that does not fit the goal's measure is refused, nothing written. */
  changeProgress(goalId: string, change: GoalProgressChange): Goal {
    const row = this.rows.live<GoalRow>('goals', goalId);
    if (!row) throw storeErrors.notFound('Goal', goalId);
    const progress = applyProgressChange(readProgress(row.progress), change);
    this.rows.saveEdited('goals', goalId, row.space_id, { progress: JSON.stringify(progress) }, row.created_at);
    return this.find(goalId)!;
  }

  delete(id: string): boolean {
    return this.rows.tombstone('goals', id);
  }

  link(goalId: string, target: GoalLinkTarget, linked: boolean): Goal {
    const goal = this.rows.live<GoalRow>('goals', goalId);
    if (!goal) throw storeErrors.notFound('Goal', goalId);
    const table = target.kind === 'conversation' ? 'conversations' : 'pipeline_runs';
    if (linked && !this.rows.live(table, target.id)) {
      throw storeErrors.notFound(target.kind === 'conversation' ? 'Conversation' : 'Pipeline run', target.id);
    }
    const linkId = derivedId('goal-link', goalId, target.kind, target.id);
    if (linked) {
      if (!this.rows.live('goal_links', linkId)) {
        this.rows.upsert('goal_links', linkId, goal.space_id, {
          goal_id: goalId,
          target_kind: target.kind,
          target_id: target.id,
          created_at: Date.now(),
        });
      }
    } else {
      this.rows.tombstone('goal_links', linkId);
    }
    return this.find(goalId)!;
  }

  private toGoal(row: GoalRow): Goal {
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      status: row.status,
      targetAt: row.target_at,
      progress: readProgress(row.progress),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      links: this.selectLinks.all(row.id).map((link) => ({ kind: link.target_kind, id: link.target_id })),
    };
  }
}

/** A measure that does not read (written by a newer version, or damaged) shows as none rather than failing the list. */
function readProgress(json: string): GoalProgress {
  try {
    const parsed = GoalProgress.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : { kind: 'none' };
  } catch {
    return { kind: 'none' };
  }
}
