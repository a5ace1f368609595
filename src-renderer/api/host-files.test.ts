import { describe, expect, it } from 'vitest';
import { ChosenFileError, pathForChosenFile } from './host-files';

const file = new File(['[]'], 'conversations.json', { type: 'application/json' });

describe('the path of a chosen export file', () => {
  it("under Electron is the file's own path, and nothing is sent anywhere", async () => {
    const asked: File[] = [];
    const win = { realmultillmFiles: { pathFor: (f: File) => (asked.push(f), '/home/me/Downloads/conversations.json') } } as unknown as Window;
    await expect(pathForChosenFile(file, () => {}, win)).resolves.toBe('/home/me/Downloads/conversations.json');
    expect(asked).toEqual([file]);
  });

  it('in a browser that has not connected to the host is refused, for the page to explain', async () => {
    const error = await pathForChosenFile(file, () => {}, {} as Window).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChosenFileError);
    expect((error as ChosenFileError).appMessage).toBeNull();
  });
});
