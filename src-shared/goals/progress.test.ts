import { describe, expect, it } from 'vitest';
import type { GoalProgress } from '../entities/goals';
import { applyProgressChange, progressFromInput, progressPercent } from './progress';

const A = '01890a5d-ac97-7000-8000-00000000000a';
const B = '01890a5d-ac97-7000-8000-00000000000b';
const C = '01890a5d-ac97-7000-8000-00000000000c';
const checklist: GoalProgress = {
  kind: 'steps',
  steps: [
    { id: A, text: 'Outline', done: true },
    { id: B, text: 'Draft', done: false },
    { id: C, text: 'Edit', done: false },
  ],
};
const distance: GoalProgress = { kind: 'number', target: 100, current: 25, unit: 'km' };

describe('goal progress', () => {
  it('is the share of steps done, or of the target reached, in whole percent', () => {
    expect(progressPercent({ kind: 'none' })).toBeNull();
    expect(progressPercent(checklist)).toBe(33);
    expect(progressPercent(distance)).toBe(25);
    expect(progressPercent({ ...distance, current: 99.99 })).toBe(99);
  });

  it('counts going past the target as 100', () => {
    expect(progressPercent({ ...distance, current: 130 })).toBe(100);
  });

  it('checks and unchecks one step, leaving the others', () => {
    const next = applyProgressChange(checklist, { kind: 'step', stepId: B, done: true });
    expect(next).toEqual({ kind: 'steps', steps: [checklist.steps[0], { id: B, text: 'Draft', done: true }, checklist.steps[2]] });
    expect(progressPercent(next)).toBe(67);
    expect(progressPercent(applyProgressChange(next, { kind: 'step', stepId: A, done: false }))).toBe(33);
  });

  it('sets the number reached so far', () => {
    expect(applyProgressChange(distance, { kind: 'number', current: 60 })).toEqual({ ...distance, current: 60 });
  });

  it('refuses a step that is not on the checklist, and a change that does not fit the measure', () => {
    expect(() => applyProgressChange(checklist, { kind: 'step', stepId: '01890a5d-ac97-7000-8000-0000000000ff', done: true })).toThrow(
      expect.objectContaining({ code: 'goal.step-missing', message: expect.stringMatching(/no longer on the goal’s checklist/) }),
    );
    expect(() => applyProgressChange(distance, { kind: 'step', stepId: A, done: true })).toThrow(expect.objectContaining({ code: 'goal.progress-kind' }));
    expect(() => applyProgressChange(checklist, { kind: 'number', current: 3 })).toThrow(expect.objectContaining({ code: 'goal.progress-kind' }));
    expect(() => applyProgressChange({ kind: 'none' }, { kind: 'number', current: 3 })).toThrow(/not measured by a number/);
  });

  it('gives new steps an id and keeps the ids of existing ones', () => {
    const ids = ['01890a5d-ac97-7000-8000-000000000100'];
    const made = progressFromInput({ kind: 'steps', steps: [{ id: A, text: 'Outline', done: true }, { text: 'Publish', done: false }] }, () => ids.shift()!);
    expect(made).toEqual({
      kind: 'steps',
      steps: [
        { id: A, text: 'Outline', done: true },
        { id: '01890a5d-ac97-7000-8000-000000000100', text: 'Publish', done: false },
      ],
    });
  });

  it('refuses a checklist naming the same step twice', () => {
    const twice = { kind: 'steps' as const, steps: [{ id: A, text: 'One', done: false }, { id: A, text: 'Two', done: false }] };
    expect(() => progressFromInput(twice, () => B)).toThrow(expect.objectContaining({ code: 'goal.invalid' }));
  });
});
