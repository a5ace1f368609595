// A refused request says what is wrong with which field as problem codes the
// renderer words; zod's English stays in the message only.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputProblems } from './input-problems';

const Schema = z
  .object({
    title: z.string().min(1).max(5),
    code: z.string().min(3),
    tags: z.array(z.string()).max(1),
    count: z.number().int().positive(),
    ratio: z.number().max(1),
    kind: z.enum(['a', 'b']),
    id: z.uuid(),
    flag: z.boolean(),
    target: z.number().refine((n) => n !== 13, 'must not be 13'),
  })
  .strict();

function problemsOf(input: unknown) {
  const parsed = Schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return inputProblems(parsed.error);
}

const valid = { title: 'ok', code: 'abc', tags: [], count: 1, ratio: 0.5, kind: 'a', id: '0190a0b2-0000-7000-8000-000000000001', flag: true, target: 1 };

describe('input problems', () => {
  it('names the field and the kind of problem, with the limit it broke', () => {
    expect(problemsOf({ ...valid, title: '' })).toEqual([{ path: 'title', code: 'input.empty', params: {} }]);
    expect(problemsOf({ ...valid, title: 'too long' })).toEqual([{ path: 'title', code: 'input.too_long', params: { max: 5 } }]);
    expect(problemsOf({ ...valid, code: 'ab' })).toEqual([{ path: 'code', code: 'input.too_short', params: { min: 3 } }]);
    expect(problemsOf({ ...valid, tags: ['x', 'y'] })).toEqual([{ path: 'tags', code: 'input.too_many', params: { max: 1 } }]);
    expect(problemsOf({ ...valid, count: 0 })).toEqual([{ path: 'count', code: 'input.not_above', params: { min: 0 } }]);
    expect(problemsOf({ ...valid, ratio: 2 })).toEqual([{ path: 'ratio', code: 'input.too_big', params: { max: 1 } }]);
    expect(problemsOf({ ...valid, kind: 'c' })).toEqual([{ path: 'kind', code: 'input.not_one_of', params: { allowed: '"a", "b"' } }]);
    expect(problemsOf({ ...valid, id: 'no' })).toEqual([{ path: 'id', code: 'input.bad_format', params: {} }]);
    expect(problemsOf({ ...valid, flag: 'yes' })).toEqual([{ path: 'flag', code: 'input.wrong_type', params: {} }]);
    const { flag: _flag, ...withoutFlag } = valid;
    expect(problemsOf(withoutFlag)).toEqual([{ path: 'flag', code: 'input.missing', params: {} }]);
    expect(problemsOf({ ...valid, colour: 'red' })).toEqual([{ path: '', code: 'input.unknown_fields', params: { names: 'colour' } }]);
  });

  it('keeps a schema’s own English check out of the problem, and at most three problems', () => {
    expect(problemsOf({ ...valid, target: 13 })).toEqual([{ path: 'target', code: 'input.invalid', params: {} }]);
    expect(problemsOf({})).toHaveLength(3);
  });
});
