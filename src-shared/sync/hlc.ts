// Hybrid logical clock (see docs/SYNC.md). Written as a string that sorts in time
// order: `2026-11-25T06:50:06.123Z-0001-8f3a2c1d9e0b4a7f`.

export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface HlcState {
  wallMs: number;
  counter: number;
  node: string;
}

export class ClockSkewError extends Error {
  constructor(readonly remoteNode: string, readonly aheadMs: number) {
    super(
      `Device ${remoteNode} has a clock ${Math.round(aheadMs / 1000)} s ahead of this one; ` +
        'its change was refused. Correct that device\'s date and time, then sync again.',
    );
    this.name = 'ClockSkewError';
  }
}

const NODE_PATTERN = /^[0-9a-f]{16}$/;

export function formatHlc({ wallMs, counter, node }: HlcState): string {
  return `${new Date(wallMs).toISOString()}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

export function parseHlc(value: string): HlcState {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/.exec(value);
  if (!match) throw new Error(`Not a hybrid logical clock value: ${value}`);
  return { wallMs: Date.parse(match[1]!), counter: parseInt(match[2]!, 16), node: match[3]! };
}

export class HybridLogicalClock {
  private wallMs = 0;
  private counter = 0;

  constructor(readonly node: string, private readonly now: () => number = Date.now) {
    if (!NODE_PATTERN.test(node)) throw new Error('An HLC node id is 16 lowercase hex characters.');
  }

  /** Stamps a local change. */
  send(): string {
    const physical = this.now();
    if (physical > this.wallMs) {
      this.wallMs = physical;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    this.checkCounter();
    return formatHlc({ wallMs: this.wallMs, counter: this.counter, node: this.node });
  }

  /** Merges a remote clock; refuses one too far ahead of ours. */
  recv(remote: string): string {
    const theirs = parseHlc(remote);
    const physical = this.now();
    if (theirs.wallMs - physical > MAX_CLOCK_SKEW_MS) {
      throw new ClockSkewError(theirs.node, theirs.wallMs - physical);
    }
    const wall = Math.max(this.wallMs, theirs.wallMs, physical);
    if (wall === this.wallMs && wall === theirs.wallMs) {
      this.counter = Math.max(this.counter, theirs.counter) + 1;
    } else if (wall === this.wallMs) {
      this.counter += 1;
    } else if (wall === theirs.wallMs) {
      this.counter = theirs.counter + 1;
    } else {
      this.counter = 0;
    }
    this.wallMs = wall;
    this.checkCounter();
    return formatHlc({ wallMs: this.wallMs, counter: this.counter, node: this.node });
  }

  private checkCounter(): void {
    if (this.counter > 0xffff) throw new Error('HLC counter overflow: too many changes in one millisecond.');
  }
}
