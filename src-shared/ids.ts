// UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Time-ordered, so
// rows sort by creation and ids made on different devices never collide.

type RandomSource = (bytes: Uint8Array) => Uint8Array;

const webCrypto = (globalThis as { crypto?: { getRandomValues(bytes: Uint8Array): Uint8Array } }).crypto;

const defaultRandom: RandomSource = (bytes) => {
  if (!webCrypto) throw new Error('No secure random source (globalThis.crypto) is available.');
  return webCrypto.getRandomValues(bytes);
};

let lastMs = -1;
let lastSeq = 0;

export function uuidv7(now: number = Date.now(), random: RandomSource = defaultRandom): string {
  const bytes = random(new Uint8Array(16));
  // A 12-bit sequence in rand_a keeps ids made in the same millisecond in order.
  if (now <= lastMs) {
    lastSeq += 1;
    if (lastSeq > 0xfff) {
      lastMs += 1;
      lastSeq = 0;
    }
  } else {
    lastMs = now;
    lastSeq = bytes[6]! & 0x07;
  }
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((lastSeq >>> 8) & 0x0f);
  bytes[7] = lastSeq & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The creation time encoded in a UUIDv7, in Unix milliseconds. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
