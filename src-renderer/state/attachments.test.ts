import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '../../src-shared/entities/attachment-limits';
import { readFile, takesImages, uploadsOf, withFiles, type PendingFile } from './attachments';

const file = (name: string, type: string, bytes: Uint8Array<ArrayBuffer> | string) => new File([bytes], name, { type });

describe('attaching files', () => {
  it('takes images and text (whatever the browser calls it) and refuses the rest, saying which', async () => {
    const image = await readFile(file('dot.png', 'image/png', new Uint8Array([137, 80, 78, 71])));
    expect(image).toMatchObject({ fileName: 'dot.png', mime: 'image/png', image: true, size: 4, dataBase64: 'iVBORw==' });
    expect(await readFile(file('notes.md', '', '# Title\nSome text'))).toMatchObject({ image: false, mime: '', size: 17 });
    expect(await readFile(file('photo.heic', 'image/heic', 'x'))).toEqual({ kind: 'unsupported', fileName: 'photo.heic' });
    expect(await readFile(file('tool.exe', 'application/octet-stream', new Uint8Array([0x4d, 0x5a, 0x00, 0xff])))).toEqual({
      kind: 'unsupported',
      fileName: 'tool.exe',
    });
    const big = { name: 'big.txt', type: 'text/plain', size: ATTACHMENT_LIMITS.fileBytes + 1, arrayBuffer: () => Promise.reject(new Error('not read')) };
    expect(await readFile(big)).toEqual({ kind: 'tooLarge', fileName: 'big.txt', size: ATTACHMENT_LIMITS.fileBytes + 1 });
  });

  it('keeps to the count and total limits, naming what was left out', () => {
    const pending = (size: number, i: number): PendingFile => ({ key: `k${i}`, fileName: `f${i}.txt`, mime: 'text/plain', size, image: false, dataBase64: '' });
    const many = Array.from({ length: ATTACHMENT_LIMITS.count + 2 }, (_, i) => pending(10, i));
    const counted = withFiles([], many);
    expect(counted.files).toHaveLength(ATTACHMENT_LIMITS.count);
    expect(counted.problems).toEqual([{ kind: 'tooMany' }]);

    const heavy = withFiles([pending(ATTACHMENT_LIMITS.totalBytes - 5, 1)], [pending(10, 2), { kind: 'unsupported', fileName: 'x.bin' }]);
    expect(heavy.files.map((f) => f.key)).toEqual(['k1']);
    expect(heavy.problems).toEqual([{ kind: 'totalTooLarge', size: ATTACHMENT_LIMITS.totalBytes + 5 }, { kind: 'unsupported', fileName: 'x.bin' }]);
  });

  it('sends images only to a model that takes them, as the catalog (and the user’s entries) say', () => {
    expect(takesImages('openai-chat', 'gpt-4o', [])).toBe(true);
    expect(takesImages('openai-chat', 'o3-mini', [])).toBe(false);
    expect(takesImages('openai-compatible', 'my-own-model', [])).toBe(true);
    const custom = { id: 'o3-mini', kind: 'openai-chat', label: '', contextWindow: null, maxOutputTokens: null, capabilities: { vision: true, tools: false, reasoning: false }, price: null, source: 'custom' } as const;
    expect(takesImages('openai-chat', 'o3-mini', [custom])).toBe(true);

    const files: PendingFile[] = [
      { key: 'a', fileName: 'a.png', mime: 'image/png', size: 1, image: true, dataBase64: 'AA==' },
      { key: 'b', fileName: 'b.txt', mime: 'text/plain', size: 1, image: false, dataBase64: 'YQ==' },
    ];
    expect(uploadsOf(files, false)).toEqual([{ fileName: 'b.txt', mime: 'text/plain', dataBase64: 'YQ==' }]);
    expect(uploadsOf(files, true)).toHaveLength(2);
  });
});
