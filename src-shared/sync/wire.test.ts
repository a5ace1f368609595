import { describe, expect, it } from 'vitest';
import { PullQuery, PUSH_MAX_CHANGES, PushRequest } from './wire';

const SPACE = '0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
const change = (n: number) => ({
  id: `0193a1b2-c3d4-7e5f-8a6b-${n.toString(16).padStart(12, '0')}`,
  table: 'conversations',
  row: '0193a1b2-0000-7000-8000-000000000001',
  fields: { title: 'x' },
  hlc: '2026-11-25T06:50:06.123Z-0001-8f3a2c1d9e0b4a7f',
  deleted: false,
});

describe('the wire schemas', () => {
  it('take a batch up to the limit and refuse one past it', () => {
    expect(PushRequest.safeParse({ space: SPACE, changes: [change(1)] }).success).toBe(true);
    const full = Array.from({ length: PUSH_MAX_CHANGES }, (_, i) => change(i));
    expect(PushRequest.safeParse({ space: SPACE, changes: full }).success).toBe(true);
    expect(PushRequest.safeParse({ space: SPACE, changes: [...full, change(PUSH_MAX_CHANGES)] }).success).toBe(false);
  });

  it('takes the change ids of an imported conversation (outbox id and message id)', () => {
    const id = `${change(1).id}:${change(2).id}`;
    expect(PushRequest.safeParse({ space: SPACE, changes: [{ ...change(1), id }] }).success).toBe(true);
  });

  it('refuses a change with a field it does not know or a malformed clock', () => {
    expect(PushRequest.safeParse({ space: SPACE, changes: [{ ...change(1), extra: 1 }] }).success).toBe(false);
    expect(PushRequest.safeParse({ space: SPACE, changes: [{ ...change(1), hlc: 'yesterday' }] }).success).toBe(false);
  });

  it('reads pull parameters from a query string with defaults and limits', () => {
    expect(PullQuery.parse({ space: SPACE })).toEqual({ space: SPACE, since: 0, limit: 1000 });
    expect(PullQuery.parse({ space: SPACE, since: '12', limit: '5000' })).toEqual({ space: SPACE, since: 12, limit: 5000 });
    expect(PullQuery.safeParse({ space: SPACE, limit: '5001' }).success).toBe(false);
    expect(PullQuery.safeParse({ space: SPACE, since: '-1' }).success).toBe(false);
  });
});
