import { AppError } from '../../../../src-shared/api/errors';
import { progressFromInput } from '../../../../src-shared/goals/progress';
import { uuidv7 } from '../../../../src-shared/ids';
import type { GoalStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

const missing = () => new AppError('goal.missing', 'That goal no longer exists.');

export function goalHandlers({ store }: StoreDeps<GoalStore>): HandlersOf<'goal'> {
  return {
    'goal.list': async () => store.listGoals(),
    'goal.save': async ({ id, progress, ...fields }) => {
      const existing = id ? (await store.listGoals()).find((g) => g.id === id) : undefined;
      if (id && !existing) throw missing();
      const now = Date.now();
      return store.saveGoal({
        id: existing?.id ?? uuidv7(),
        ...fields,
        progress: progress ? progressFromInput(progress, uuidv7) : (existing?.progress ?? { kind: 'none' }),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      });
    },
    'goal.progress': async ({ goalId, change }) => store.changeGoalProgress(goalId, change),
    'goal.delete': async ({ id }) => ({ deleted: await store.deleteGoal(id) }),
    'goal.link': async ({ goalId, target, linked }) => store.linkGoal(goalId, target, linked),
  };
}
