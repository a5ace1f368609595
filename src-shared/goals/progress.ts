// A goal's progress, as arithmetic: how far along it is, and what one change
// (a step checked, a number reached) makes of it. Pure and zod-free, so the core
// applies it inside the store's transaction and the renderer shows the same figure.
import { AppError } from '../api/errors';
import type { GoalProgress, GoalProgressChange, GoalProgressInputValue } from '../entities/goals';

/** How far along, 0 to 100, or null when the goal has no measure. Past the target counts as 100. */
export function progressPercent(progress: GoalProgress): number | null {
  if (progress.kind === 'none') return null;
  if (progress.kind === 'steps') {
    const done = progress.steps.filter((step) => step.done).length;
    return Math.round((done / progress.steps.length) * 100);
  }
  return Math.min(100, Math.floor((progress.current / progress.target) * 100));
}

/** The progress after `change`; refuses a change that does not fit the goal's measure. */
export function applyProgressChange(progress: GoalProgress, change: GoalProgressChange): GoalProgress {
  if (change.kind === 'step') {
    if (progress.kind !== 'steps') {
      throw new AppError('goal.progress-kind', 'This goal has no checklist, so a step cannot be checked. Reload the goal and try again.');
    }
    if (!progress.steps.some((step) => step.id === change.stepId)) {
      throw new AppError('goal.step-missing', 'That step is no longer on the goal’s checklist. Reload the goal and try again.');
    }
    return { ...progress, steps: progress.steps.map((step) => (step.id === change.stepId ? { ...step, done: change.done } : step)) };
  }
  if (progress.kind !== 'number') {
    throw new AppError('goal.progress-kind', 'This goal is not measured by a number. Reload the goal and try again.');
  }
  return { ...progress, current: change.current };
}

/** The measure a person saved, with an id for each new step. */
export function progressFromInput(input: GoalProgressInputValue, newId: () => string): GoalProgress {
  if (input.kind !== 'steps') return input;
  const steps = input.steps.map((step) => ({ id: step.id ?? newId(), text: step.text, done: step.done }));
  if (new Set(steps.map((step) => step.id)).size !== steps.length) {
    throw new AppError('goal.invalid', 'Two steps of the checklist are the same step. Remove one of them and save again.');
  }
  return { kind: 'steps', steps };
}
