import { describe, expect, it } from 'vitest';
import { checkFields, SYNCED_TABLES } from './schema';

describe('the sync schema', () => {
  it('lists every table the store syncs, and never the vault', () => {
    expect(SYNCED_TABLES).toHaveLength(17);
    expect(SYNCED_TABLES).toContain('usage_ledger');
    expect(SYNCED_TABLES).not.toContain('vault_records');
    expect(SYNCED_TABLES).not.toContain('outbox');
  });

  it('takes the columns a change may set, with values of their types', () => {
    expect(checkFields('conversations', { title: 'Trip', updated_at: 1764053406123, folder_id: null, pinned: 1 })).toBeNull();
    expect(checkFields('folders', { position: 1.5 })).toBeNull();
    expect(checkFields('settings', { value: '"dark"', updated_at: 1 })).toBeNull();
  });

  it('refuses unknown tables and columns, and the columns a change never carries', () => {
    expect(checkFields('vault_records', {})).toMatch(/does not sync/);
    expect(checkFields('conversations', { colour: 'red' })).toMatch(/no synced column "colour"/);
    expect(checkFields('conversations', { space_id: 'x' })).toMatch(/no synced column "space_id"/);
    expect(checkFields('messages', { seq: 1 })).toMatch(/no synced column "seq"/);
    expect(checkFields('settings', { synced: 1 })).toMatch(/no synced column "synced"/);
  });

  it('refuses wrong types, nulls in required columns and values a CHECK refuses', () => {
    expect(checkFields('conversations', { title: 3 })).toBe('conversations.title must be a string');
    expect(checkFields('conversations', { title: null })).toBe('conversations.title may not be null');
    expect(checkFields('conversations', { created_at: 1.5 })).toBe('conversations.created_at must be a whole number');
    expect(checkFields('conversations', { pinned: 2 })).toBe('conversations.pinned must be one of 0, 1');
    expect(checkFields('messages', { role: 'robot' })).toMatch(/messages.role must be one of system/);
    expect(checkFields('attachments', { hash: 'abc' })).toMatch(/attachments.hash does not have the expected form/);
    expect(checkFields('usage_ledger', { duration_ms: 'slow' })).toBe('usage_ledger.duration_ms must be a finite number');
  });
});
