// The goal hub's API as the renderer calls it: through the dispatcher, so every
// input and output passes its schema. A real store in a temp folder.
import { describe, expect, it } from 'vitest';
import type { Goal } from '../../../../src-shared/entities/goals';
import { progressPercent } from '../../../../src-shared/goals/progress';
import { uuidv7 } from '../../../../src-shared/ids';
import { useHandlers } from './test-support';

const harness = useHandlers();
const { call } = harness;

const listed = async () => call<Goal[]>('goal.list', {});

async function expectRefused(method: string, input: unknown, code: string, message: RegExp) {
  const reply = await harness.dispatch(method, input);
  expect(reply.ok).toBe(false);
  if (!reply.ok) {
    expect(reply.error.code).toBe(code);
    expect(reply.error.message).toMatch(message);
  }
}

describe('goal API', () => {
  it('saves a checklist, checks its steps one by one, and the percentage follows', async () => {
    const goal = await call<Goal>('goal.save', {
      title: 'Write the book',
      progress: { kind: 'steps', steps: [{ text: 'Outline' }, { text: 'Draft' }, { text: 'Edit' }] },
    });
    expect(goal.progress.kind).toBe('steps');
    if (goal.progress.kind !== 'steps') return;
    expect(goal.progress.steps.map((s) => [s.text, s.done])).toEqual([['Outline', false], ['Draft', false], ['Edit', false]]);
    expect(progressPercent(goal.progress)).toBe(0);

    const [outline, draft] = goal.progress.steps;
    await call('goal.progress', { goalId: goal.id, change: { kind: 'step', stepId: outline!.id, done: true } });
    const after = await call<Goal>('goal.progress', { goalId: goal.id, change: { kind: 'step', stepId: draft!.id, done: true } });
    expect(progressPercent(after.progress)).toBe(67);
    expect((await listed())[0]!.progress).toEqual(after.progress);
  });

  it('sets the number reached, and keeps the measure when a save leaves it out', async () => {
    const goal = await call<Goal>('goal.save', { title: 'Run 100 km', progress: { kind: 'number', target: 100, unit: 'km' } });
    expect(goal.progress).toEqual({ kind: 'number', target: 100, current: 0, unit: 'km' });
    await call('goal.progress', { goalId: goal.id, change: { kind: 'number', current: 42.5 } });
    const renamed = await call<Goal>('goal.save', { id: goal.id, title: 'Run 100 km this year' });
    expect(renamed.progress).toEqual({ kind: 'number', target: 100, current: 42.5, unit: 'km' });
    expect(progressPercent(renamed.progress)).toBe(42);
  });

  it('refuses bad progress with a clear error and changes nothing', async () => {
    const goal = await call<Goal>('goal.save', { title: 'Checklist', progress: { kind: 'steps', steps: [{ text: 'Only step' }] } });
    const numbered = await call<Goal>('goal.save', { title: 'Numbered', progress: { kind: 'number', target: 10, current: 3 } });
    const before = await listed();

    await expectRefused('goal.save', { id: goal.id, title: 'Checklist', progress: { kind: 'number', target: 0 } }, 'api.invalid_input', /target must be above zero/);
    await expectRefused('goal.save', { id: goal.id, title: 'Checklist', progress: { kind: 'steps', steps: [] } }, 'api.invalid_input', /needs a step/);
    await expectRefused('goal.save', { id: goal.id, title: 'Checklist', progress: { kind: 'steps', steps: [{ text: '   ' }] } }, 'api.invalid_input', /step needs a text/);
    await expectRefused('goal.progress', { goalId: numbered.id, change: { kind: 'number', current: -1 } }, 'api.invalid_input', /cannot be below zero/);
    await expectRefused('goal.progress', { goalId: numbered.id, change: { kind: 'number', current: Number.NaN } }, 'api.invalid_input', /./);
    await expectRefused('goal.progress', { goalId: goal.id, change: { kind: 'step', stepId: uuidv7(), done: true } }, 'goal.step-missing', /no longer on the goal’s checklist/);
    await expectRefused('goal.progress', { goalId: numbered.id, change: { kind: 'step', stepId: uuidv7(), done: true } }, 'goal.progress-kind', /no checklist/);
    await expectRefused('goal.progress', { goalId: goal.id, change: { kind: 'number', current: 4 } }, 'goal.progress-kind', /not measured by a number/);
    await expectRefused('goal.progress', { goalId: uuidv7(), change: { kind: 'number', current: 4 } }, 'store.not-found', /does not exist/);

    expect(await listed()).toEqual(before);
  });

  it('links a conversation to a goal and unlinks it', async () => {
    const conversation = await harness.store.createConversation({ id: uuidv7(), title: 'research' });
    const goal = await call<Goal>('goal.save', { title: 'Learn' });
    const linked = await call<Goal>('goal.link', { goalId: goal.id, target: { kind: 'conversation', id: conversation.id } });
    expect(linked.links).toEqual([{ kind: 'conversation', id: conversation.id }]);
    const unlinked = await call<Goal>('goal.link', { goalId: goal.id, target: { kind: 'conversation', id: conversation.id }, linked: false });
    expect(unlinked.links).toEqual([]);
  });
});
