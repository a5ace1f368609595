// The method names the personas, pipelines, goals and analytics screens use. They
// come with the provider and store engines; until a name is in the contract the
// screen shows "not available yet".
export const LIBRARY_METHODS = {
  personaList: 'persona.list',
  personaSave: 'persona.save',
  personaDelete: 'persona.delete',
  pipelineList: 'pipeline.list',
  pipelineSave: 'pipeline.save',
  pipelineDelete: 'pipeline.delete',
  pipelineRun: 'pipeline.run',
  pipelineRuns: 'pipeline.listRuns',
  pipelineCancel: 'pipeline.cancel',
  goalList: 'goal.list',
  goalSave: 'goal.save',
  goalDelete: 'goal.delete',
  usageTotals: 'analytics.totals',
  usageLatency: 'analytics.latency',
} as const;
