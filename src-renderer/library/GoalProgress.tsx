// A goal's progress: the measure in the editor (a checklist, one step a line, or
// a number to reach), and beside it the progress itself, changed one step at a
// time (a step checked, the number reached so far) and saved at once.
import { useState, type FormEvent } from 'react';
import type { Goal, GoalProgress, GoalProgressChange, GoalProgressInput } from '../../src-shared/entities/goals';
import { progressPercent } from '../../src-shared/goals/progress';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useStores } from '../state/context';

export type MeasureDraft = { kind: GoalProgress['kind']; steps: string; target: string; unit: string };

export function measureDraftOf(progress: GoalProgress | null): MeasureDraft {
  if (progress?.kind === 'steps') return { kind: 'steps', steps: progress.steps.map((s) => s.text).join('\n'), target: '', unit: '' };
  if (progress?.kind === 'number') return { kind: 'number', steps: '', target: String(progress.target), unit: progress.unit };
  return { kind: 'none', steps: '', target: '', unit: '' };
}

/** The measure to save; steps whose text is unchanged keep their id and whether they are done. */
export function measureInput(draft: MeasureDraft, previous: GoalProgress | null): GoalProgressInput {
  if (draft.kind === 'steps') {
    const kept = previous?.kind === 'steps' ? [...previous.steps] : [];
    const steps = draft.steps
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((text) => {
        const index = kept.findIndex((step) => step.text === text);
        const old = index === -1 ? undefined : kept.splice(index, 1)[0];
        return old ? { id: old.id, text, done: old.done } : { text, done: false };
      });
    return { kind: 'steps', steps };
  }
  if (draft.kind === 'number') {
    const current = previous?.kind === 'number' ? previous.current : 0;
    return { kind: 'number', target: Number(draft.target.replace(',', '.')), current, unit: draft.unit };
  }
  return { kind: 'none' };
}

export function MeasureFields({ draft, onChange }: { draft: MeasureDraft; onChange(draft: MeasureDraft): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="goal-measure">
      <legend>{t('goals.measure')}</legend>
      <div className="field">
        <label htmlFor="goal-measure">{t('goals.measureBy')}</label>
        <select id="goal-measure" value={draft.kind} onChange={(event) => onChange({ ...draft, kind: event.target.value as MeasureDraft['kind'] })}>
          <option value="none">{t('goals.measures.none')}</option>
          <option value="steps">{t('goals.measures.steps')}</option>
          <option value="number">{t('goals.measures.number')}</option>
        </select>
      </div>
      {draft.kind === 'steps' && (
        <div className="field">
          <label htmlFor="goal-steps">{t('goals.steps')}</label>
          <textarea id="goal-steps" rows={4} value={draft.steps} onChange={(event) => onChange({ ...draft, steps: event.target.value })} />
        </div>
      )}
      {draft.kind === 'number' && (
        <div className="field-row">
          <div className="field">
            <label htmlFor="goal-number-target">{t('goals.targetNumber')}</label>
            <input id="goal-number-target" inputMode="decimal" value={draft.target} onChange={(event) => onChange({ ...draft, target: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="goal-unit">{t('goals.unit')}</label>
            <input id="goal-unit" value={draft.unit} onChange={(event) => onChange({ ...draft, unit: event.target.value })} />
          </div>
        </div>
      )}
    </fieldset>
  );
}

/** "40 %" with a bar, or nothing for a goal without a measure. */
export function ProgressBadge({ progress }: { progress: GoalProgress }) {
  const { t } = useTranslation();
  const percent = progressPercent(progress);
  if (percent === null) return null;
  return <span className="badge">{t('goals.percent', { percent })}</span>;
}

export function ProgressPanel({ goal, onChanged }: { goal: Goal; onChanged(): void }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [reached, setReached] = useState(goal.progress.kind === 'number' ? String(goal.progress.current) : '');
  const [error, setError] = useState<string | null>(null);
  const percent = progressPercent(goal.progress);
  if (percent === null) return null;

  const change = async (input: GoalProgressChange) => {
    try {
      await api.call('goal.progress', { goalId: goal.id, change: input });
      setError(null);
      onChanged();
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  const submitNumber = (event: FormEvent) => {
    event.preventDefault();
    const current = Number(reached.replace(',', '.'));
    if (!reached.trim() || !Number.isFinite(current)) {
      setError(t('goals.needNumber'));
      return;
    }
    void change({ kind: 'number', current });
  };

  return (
    <section aria-labelledby="goal-progress-title" className="goal-progress">
      <h2 id="goal-progress-title" className="section-title">
        {t('goals.progress')}
      </h2>
      <p>
        <progress max={100} value={percent} aria-label={t('goals.progressBar')} /> {t('goals.percent', { percent })}
      </p>
      {goal.progress.kind === 'steps' && (
        <ul className="goal-steps">
          {goal.progress.steps.map((step) => (
            <li key={step.id}>
              <label className="choice">
                <input type="checkbox" checked={step.done} onChange={(event) => void change({ kind: 'step', stepId: step.id, done: event.target.checked })} />
                {step.text}
              </label>
            </li>
          ))}
        </ul>
      )}
      {goal.progress.kind === 'number' && (
        <form className="inline-form" onSubmit={submitNumber} noValidate>
          <div className="field">
            <label htmlFor="goal-reached">{t('goals.reached', { target: goal.progress.target, unit: goal.progress.unit })}</label>
            <input id="goal-reached" inputMode="decimal" value={reached} onChange={(event) => setReached(event.target.value)} />
          </div>
          <div className="form-actions">
            <button type="submit">{t('goals.update')}</button>
          </div>
        </form>
      )}
      {error && (
        <p className="form-status error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
