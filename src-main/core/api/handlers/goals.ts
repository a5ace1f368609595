import { AppError } from '../../../../src-shared/api/errors';
import { uuidv7 } from '../../../../src-shared/ids';
import type { GoalStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

export function goalHandlers({ store }: StoreDeps<GoalStore>): HandlersOf<'goal'> {
  return {
    'goal.list': async () => store.listGoals(),
    'goal.save': async ({ id, ...fields }) => {
      const existing = id ? (await store.listGoals()).find((g) => g.id === id) : undefined;
      if (id && !existing) throw new AppError('goal.missing', 'That goal no longer exists.');
      const now = Date.now();
      return store.saveGoal({ id: existing?.id ?? uuidv7(), ...fields, createdAt: existing?.createdAt ?? now, updatedAt: now });
    },
    'goal.delete': async ({ id }) => ({ deleted: await store.deleteGoal(id) }),
    'goal.link': async ({ goalId, target, linked }) => store.linkGoal(goalId, target, linked),
  };
}
