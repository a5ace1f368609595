import type { PipelineStore } from '../../store';
import type { HandlersOf, ServiceDeps, StoreDeps } from './deps';

export function pipelineHandlers({ store, pipelines }: StoreDeps<PipelineStore, ServiceDeps>): HandlersOf<'pipeline'> {
  return {
    'pipeline.list': async () => store.listPipelines(),
    'pipeline.get': async ({ id }) => pipelines.get(id),
    'pipeline.save': async (input) => pipelines.save(input),
    'pipeline.delete': async ({ id }) => ({ deleted: await store.deletePipeline(id) }),
    'pipeline.run': async (input) => pipelines.start(input),
    'pipeline.cancel': async ({ runId }) => ({ cancelled: pipelines.cancel(runId) }),
    'pipeline.getRun': async ({ runId }) => pipelines.getRun(runId),
    'pipeline.listRuns': async ({ pipelineId, limit }) => pipelines.listRuns(pipelineId, limit),
  };
}
