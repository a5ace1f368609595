// Pipelines and their runs. A run's steps are rows of their own (one per step
// index), so a step's output syncs as soon as that step finishes.
import type Database from 'better-sqlite3';
import type { NewPipelineRun, Pipeline, PipelineRun, PipelineRunPatch, PipelineRunStep, PipelineStep, RunStatus } from '../../../../src-shared/entities/pipelines';
import { derivedId } from './derived-id';
import { errorColumns, errorFromColumns } from './error-columns';
import { storeErrors } from '../errors';
import type { FieldValue } from '../interfaces';
import { jsonColumn, parseJsonColumn, type SyncedRows } from './synced-rows';

interface PipelineRow {
  id: string;
  name: string;
  description: string;
  steps: string;
  created_at: number;
  updated_at: number;
}

interface RunRow {
  id: string;
  space_id: string;
  pipeline_id: string;
  conversation_id: string | null;
  status: RunStatus;
  input: string;
  error_code: string | null;
  error_message: string | null;
  error_params: string | null;
  started_at: number;
  finished_at: number | null;
  hlc: string;
  deleted: number;
}

interface StepRow {
  step_index: number;
  step_id: string;
  status: RunStatus;
  output: string;
  message_id: string | null;
  provider_id: string | null;
  model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  error_code: string | null;
  error_message: string | null;
  error_params: string | null;
  started_at: number;
  finished_at: number | null;
}

const toPipeline = (row: PipelineRow): Pipeline => ({
  id: row.id,
  name: row.name,
  description: row.description,
  steps: parseJsonColumn<PipelineStep[]>(row.steps, []),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toStep = (row: StepRow): PipelineRunStep => ({
  index: row.step_index,
  stepId: row.step_id,
  status: row.status,
  output: row.output,
  messageId: row.message_id,
  providerId: row.provider_id,
  model: row.model,
  inputTokens: row.input_tokens,
  outputTokens: row.output_tokens,
  error: errorFromColumns(row),
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

export class PipelineRepository {
  private readonly selectAll;
  private readonly selectRuns;
  private readonly selectSteps;
  private readonly selectRunning;

  constructor(
    db: Database.Database,
    private readonly rows: SyncedRows,
  ) {
    this.selectAll = db.prepare<[], PipelineRow>('SELECT * FROM pipelines WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id');
    this.selectRuns = db.prepare<[string, number], RunRow>(
      'SELECT * FROM pipeline_runs WHERE pipeline_id = ? AND deleted = 0 ORDER BY started_at DESC, id DESC LIMIT ?',
    );
    this.selectSteps = db.prepare<[string], StepRow>('SELECT * FROM pipeline_run_steps WHERE run_id = ? AND deleted = 0 ORDER BY step_index');
    this.selectRunning = db.prepare<[], RunRow>("SELECT * FROM pipeline_runs WHERE status = 'running' AND deleted = 0");
  }

  list(): Pipeline[] {
    return this.selectAll.all().map(toPipeline);
  }

  find(id: string): Pipeline | null {
    const row = this.rows.live<PipelineRow & { space_id: string; hlc: string; deleted: number }>('pipelines', id);
    return row ? toPipeline(row) : null;
  }

  save(pipeline: Pipeline, spaceId: string): Pipeline {
    const columns = { name: pipeline.name, description: pipeline.description, steps: jsonColumn(pipeline.steps) };
    this.rows.saveEdited('pipelines', pipeline.id, spaceId, columns, pipeline.createdAt);
    return this.find(pipeline.id)!;
  }

  delete(id: string): boolean {
    return this.rows.tombstone('pipelines', id);
  }

  insertRun(run: NewPipelineRun, spaceId: string): PipelineRun {
    if (this.rows.find('pipeline_runs', run.id)) throw storeErrors.conflict(`A pipeline run with id ${run.id} already exists.`);
    if (!this.find(run.pipelineId)) throw storeErrors.notFound('pipeline', run.pipelineId);
    this.rows.upsert('pipeline_runs', run.id, spaceId, {
      pipeline_id: run.pipelineId,
      conversation_id: run.conversationId,
      status: 'running',
      input: run.input,
      ...errorColumns(null),
      started_at: run.startedAt,
      finished_at: null,
    });
    return this.findRun(run.id)!;
  }

  updateRun(id: string, patch: PipelineRunPatch): PipelineRun {
    const row = this.liveRun(id);
    const columns: Record<string, FieldValue> = {};
    if (patch.status !== undefined) columns.status = patch.status;
    if (patch.error !== undefined) Object.assign(columns, errorColumns(patch.error));
    if (patch.finishedAt !== undefined) columns.finished_at = patch.finishedAt;
    this.rows.upsert('pipeline_runs', id, row.space_id, columns);
    return this.findRun(id)!;
  }

  recordStep(runId: string, step: PipelineRunStep): PipelineRun {
    const run = this.liveRun(runId);
    this.rows.upsert('pipeline_run_steps', derivedId('pipeline-run-step', runId, String(step.index)), run.space_id, {
      run_id: runId,
      step_index: step.index,
      step_id: step.stepId,
      status: step.status,
      output: step.output,
      message_id: step.messageId,
      provider_id: step.providerId,
      model: step.model,
      input_tokens: step.inputTokens,
      output_tokens: step.outputTokens,
      ...errorColumns(step.error),
      started_at: step.startedAt,
      finished_at: step.finishedAt,
    });
    return this.findRun(runId)!;
  }

  findRun(id: string): PipelineRun | null {
    const row = this.rows.live<RunRow>('pipeline_runs', id);
    return row ? this.toRun(row) : null;
  }

  listRuns(pipelineId: string, limit: number): PipelineRun[] {
    return this.selectRuns.all(pipelineId, limit).map((row) => this.toRun(row));
  }

  /** Start-up recovery: a run still `running` was cut off by a crash or quit, as were its running steps. */
  interruptRunning(now: number): void {
    for (const run of this.selectRunning.all()) {
      for (const step of this.selectSteps.all(run.id).filter((s) => s.status === 'running')) {
        this.recordStep(run.id, { ...toStep(step), status: 'interrupted', finishedAt: now });
      }
      this.updateRun(run.id, { status: 'interrupted', finishedAt: now });
    }
  }

  private liveRun(id: string): RunRow {
    const row = this.rows.live<RunRow>('pipeline_runs', id);
    if (!row) throw storeErrors.notFound('pipeline_run', id);
    return row;
  }

  private toRun(row: RunRow): PipelineRun {
    return {
      id: row.id,
      pipelineId: row.pipeline_id,
      conversationId: row.conversation_id,
      status: row.status,
      input: row.input,
      error: errorFromColumns(row),
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      steps: this.selectSteps.all(row.id).map(toStep),
    };
  }
}
