// Pipelines: named chains of steps, each a prompt sent to a model, using
// {{input}} and {{previous}}. The editor, a run with live per-step progress,
// and past runs with each step's output, usage and error.
import { useEffect, useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../src-shared/api/contract';
import type { Pipeline, PipelineStep } from '../../src-shared/entities/pipelines';
import { userMessage } from '../api/errors';
import { i18n, useTranslation } from '../i18n';
import { useApi, useProviders } from '../state/context';
import { useQuery } from '../ui/useQuery';
import { costText } from '../chat/message-format';
import { Markdown } from '../markdown/Markdown';
import { EditorActions, LibraryPage } from './LibraryPage';
import { useLibraryEditor } from './useLibraryEditor';

type PipelineRun = MethodOutput<'pipeline.getRun'>;
type StepDraft = Pick<PipelineStep, 'name' | 'prompt'> & { id: string | null; providerId: string };
type Draft = { name: string; description: string; steps: StepDraft[] };

const newStep = (providerId: string, index: number): StepDraft => ({
  id: null,
  name: '',
  prompt: index === 0 ? '{{input}}' : '{{previous_output}}',
  providerId,
});

const EMPTY: Draft = { name: '', description: '', steps: [] };

function draftOf(pipeline: Pipeline | null, firstProvider: string): Draft {
  if (!pipeline) return { name: '', description: '', steps: [newStep(firstProvider, 0)] };
  return {
    name: pipeline.name,
    description: pipeline.description,
    steps: pipeline.steps.map((s) => ({ id: s.id, name: s.name, prompt: s.prompt, providerId: s.providerId ?? '' })),
  };
}

/** What a save sends besides the name. */
function fieldsOf(draft: Draft) {
  return {
    description: draft.description,
    steps: draft.steps.map((s) => ({ ...(s.id ? { id: s.id } : {}), name: s.name, prompt: s.prompt, providerId: s.providerId || null })),
  };
}

export default function PipelinesView() {
  const { t } = useTranslation();
  const api = useApi();
  const providers = useProviders((s) => s.providers);
  const firstProvider = providers[0]?.id ?? '';
  const { query: pipelines, list, editing, draft, setDraft, status, edit, save, remove } = useLibraryEditor<Pipeline, Draft>({
    section: 'pipelines',
    list: () => api.call('pipeline.list', {}),
    save: (id, saved) => api.call('pipeline.save', { ...(id ? { id } : {}), name: saved.name.trim(), ...fieldsOf(saved) }),
    remove: (id) => api.call('pipeline.delete', { id }),
    initial: EMPTY,
    draftOf: (pipeline) => draftOf(pipeline, firstProvider),
  });

  const setStep = (index: number, patch: Partial<StepDraft>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
  const moveStep = (index: number, by: number) =>
    setDraft((d) => {
      const steps = [...d.steps];
      const target = index + by;
      if (target < 0 || target >= steps.length) return d;
      [steps[index], steps[target]] = [steps[target]!, steps[index]!];
      return { ...d, steps };
    });

  return (
    <LibraryPage<Pipeline>
      title={t('pipelines.title')}
      listLabel={t('pipelines.list')}
      newLabel={t('pipelines.new')}
      emptyText={t('pipelines.none')}
      query={pipelines}
      items={list}
      editingId={editing}
      onNew={() => edit(null)}
      onPick={edit}
      renderItem={(pipeline) => pipeline.name}
    >
      <div>
        <form className="inline-form editor" onSubmit={(event) => void save(event)} noValidate>
          <h2 className="section-title">{editing ? t('pipelines.editTitle', { name: draft.name }) : t('pipelines.newTitle')}</h2>
          <div className="field">
            <label htmlFor="pipeline-name">{t('pipelines.name')}</label>
            <input id="pipeline-name" value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="pipeline-description">{t('pipelines.description')}</label>
            <input id="pipeline-description" value={draft.description} onChange={(event) => setDraft({ ...draft, description: event.target.value })} />
          </div>
          <p className="hint">{t('pipelines.templateHint', { input: '{{input}}', previous: '{{previous_output}}', named: '{{steps.NAME}}' })}</p>
          <ol className="step-list">
            {draft.steps.map((step, index) => (
              <li key={index} className="step-editor">
                <fieldset>
                  <legend>{t('pipelines.step', { index: index + 1 })}</legend>
                  <div className="field-row">
                    <div className="field">
                      <label htmlFor={`step-name-${index}`}>{t('pipelines.stepName')}</label>
                      <input id={`step-name-${index}`} value={step.name} onChange={(event) => setStep(index, { name: event.target.value })} />
                    </div>
                    <div className="field">
                      <label htmlFor={`step-provider-${index}`}>{t('pipelines.stepModel')}</label>
                      <select id={`step-provider-${index}`} value={step.providerId} onChange={(event) => setStep(index, { providerId: event.target.value })}>
                        {providers.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.name} · {p.model}
                          </option>
                        ))}
                      </select>
                    </div>
                  </div>
                  <div className="field">
                    <label htmlFor={`step-prompt-${index}`}>{t('pipelines.stepPrompt')}</label>
                    <textarea id={`step-prompt-${index}`} rows={3} value={step.prompt} onChange={(event) => setStep(index, { prompt: event.target.value })} />
                  </div>
                  <div className="form-actions">
                    <button type="button" className="small" onClick={() => moveStep(index, -1)} aria-label={t('pipelines.moveUp', { index: index + 1 })}>
                      ↑
                    </button>
                    <button type="button" className="small" onClick={() => moveStep(index, 1)} aria-label={t('pipelines.moveDown', { index: index + 1 })}>
                      ↓
                    </button>
                    <button
                      type="button"
                      className="small danger"
                      onClick={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, i) => i !== index) }))}
                      aria-label={t('pipelines.removeStep', { index: index + 1 })}
                    >
                      {t('common.remove')}
                    </button>
                  </div>
                </fieldset>
              </li>
            ))}
          </ol>
          <EditorActions editing={editing !== null} onDelete={() => void remove()} status={status}>
            <button type="button" onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, newStep(firstProvider, d.steps.length)] }))}>
              {t('pipelines.addStep')}
            </button>
          </EditorActions>
        </form>
        {editing && <RunPanel pipelineId={editing} />}
      </div>
    </LibraryPage>
  );
}

function RunPanel({ pipelineId }: { pipelineId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [input, setInput] = useState('');
  const [run, setRun] = useState<PipelineRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runs = useQuery(() => api.call('pipeline.listRuns', { pipelineId }), [pipelineId, run?.status]);

  // Live progress: a step changed, text arrived for the running step, the run ended.
  useEffect(() => {
    const offs = [
      api.on('pipeline.progress', ({ runId, step }) =>
        setRun((current) => {
          if (!current || current.id !== runId) return current;
          const steps = current.steps.some((s) => s.index === step.index)
            ? current.steps.map((s) => (s.index === step.index ? step : s))
            : [...current.steps, step].sort((a, b) => a.index - b.index);
          return { ...current, steps };
        }),
      ),
      api.on('pipeline.delta', ({ runId, index, text }) =>
        setRun((current) =>
          current && current.id === runId
            ? { ...current, steps: current.steps.map((s) => (s.index === index ? { ...s, output: s.output + text } : s)) }
            : current,
        ),
      ),
      api.on('pipeline.end', ({ runId, run: ended }) => setRun((current) => (current && current.id === runId ? ended : current))),
    ];
    return () => offs.forEach((off) => off());
  }, [api]);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setRun(await api.call('pipeline.run', { pipelineId, input }));
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  return (
    <section className="run-panel" aria-labelledby="run-title">
      <h2 id="run-title" className="section-title">
        {t('pipelines.runTitle')}
      </h2>
      <form className="inline-form" onSubmit={(event) => void start(event)}>
        <div className="field">
          <label htmlFor="pipeline-input">{t('pipelines.input')}</label>
          <textarea id="pipeline-input" rows={3} value={input} onChange={(event) => setInput(event.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" aria-disabled={run?.status === 'running'}>
            {t('pipelines.run')}
          </button>
          {run?.status === 'running' && (
            <button type="button" onClick={() => void api.call('pipeline.cancel', { runId: run.id })}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
      {error && (
        <p className="form-status error" role="alert">
          {error}
        </p>
      )}
      {run && <RunSteps run={run} />}
      {runs.status === 'ready' && runs.data.length > 0 && (
        <details>
          <summary>{t('pipelines.pastRuns', { count: runs.data.length })}</summary>
          {runs.data.map((past) => (
            <RunSteps key={past.id} run={past} />
          ))}
        </details>
      )}
    </section>
  );
}

function RunSteps({ run, stepCount }: { run: PipelineRun; stepCount?: number }) {
  const { t } = useTranslation();
  const done = run.steps.filter((s) => s.status === 'done').length;
  return (
    <div className="run-steps">
      <p>
        <strong>{t(`pipelines.status.${run.status}`)}</strong> · {new Date(run.startedAt).toLocaleString(i18n.language)} ·{' '}
        {t('pipelines.stepsDone', { done, total: Math.max(run.steps.length, stepCount ?? 0) })}
        {run.costUsd !== null ? ` · ${costText(run.costUsd)}` : ''}
      </p>
      <progress max={Math.max(1, run.steps.length, stepCount ?? 0)} value={done} aria-label={t('pipelines.progress')} />
      {run.error && <p className="message-error">{run.error.message}</p>}
      <ol>
        {run.steps.map((step) => (
          <li key={step.index} data-status={step.status}>
            <p>
              <strong>{step.name || t('pipelines.step', { index: step.index + 1 })}</strong> · {t(`pipelines.status.${step.status}`)}
              {step.model ? ` · ${step.model}` : ''}
              {step.outputTokens !== null ? ` · ${t('usage.outOnly', { count: step.outputTokens, formatted: String(step.outputTokens) })}` : ''}
              {step.costUsd !== null ? ` · ${costText(step.costUsd)}` : ''}
            </p>
            {step.output && (
              // Model output: rendered by the safe markdown renderer, never as raw text or HTML.
              <div className="message-text step-output" tabIndex={0} role="group" aria-label={t('pipelines.stepOutput', { name: step.name || step.index + 1 })}>
                <Markdown text={step.output} streaming={step.status === 'running'} />
              </div>
            )}
            {step.error && <p className="message-error">{step.error.message}</p>}
          </li>
        ))}
      </ol>
    </div>
  );
}
