// The meta key/value table: this device's identity and the clock's high-water mark.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../../src-shared/ids';
import { storeErrors } from '../errors';

export interface Identity {
  /** This device's HLC node id, 16 lowercase hex. */
  nodeId: string;
  personalSpaceId: string;
}

const NODE_ID = /^[0-9a-f]{16}$/;

export class MetaRepository {
  private readonly select;
  private readonly upsert;

  constructor(private readonly db: Database.Database) {
    this.select = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(key: string): string | null {
    return this.select.get(key)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.upsert.run(key, value);
  }

  /**
   * Reads this device's identity, making it on first open. `seedNodeId` is used only
   * then: once stored, the node id never changes, or the clock would lose its order.
   */
  ensureIdentity(seedNodeId?: string): Identity {
    if (seedNodeId !== undefined && !NODE_ID.test(seedNodeId)) {
      throw storeErrors.invalid(`The HLC node id "${seedNodeId}" is not 16 lowercase hex characters.`);
    }
    return this.db.transaction(() => {
      let nodeId = this.get('node_id');
      if (nodeId === null) {
        nodeId = seedNodeId ?? randomBytes(8).toString('hex');
        this.set('node_id', nodeId);
      }
      let personalSpaceId = this.get('personal_space_id');
      if (personalSpaceId === null) {
        personalSpaceId = uuidv7();
        this.set('personal_space_id', personalSpaceId);
      }
      return { nodeId, personalSpaceId };
    })();
  }
}
