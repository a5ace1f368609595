// An import's summary says what was left out in the user's language, naming the
// conversation, the message and what the file called it.
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportNote } from '../../src-shared/entities/transfer';
import { setLanguage } from '../i18n';
import { describeImportNote } from './import-notes';

afterEach(() => setLanguage('en'));

const note = (fields: Partial<ImportNote> & Pick<ImportNote, 'code'>): ImportNote => ({ conversation: 1, title: '', message: null, count: 1, name: '', ...fields });

describe('import notes', () => {
  it('word each kind of note in German, with the conversation, the message and the count', () => {
    setLanguage('de');
    expect(describeImportNote(note({ code: 'unknown-sender', title: 'Quartal', message: 3, name: 'system' }))).toBe(
      'Unterhaltung 1 („Quartal“): Nachricht 3 wurde ausgelassen: Ihr Absender ist „system“, und nur Nachrichten von Mensch und Assistent werden gelesen.',
    );
    expect(describeImportNote(note({ code: 'blocks-left-out', message: 2, count: 2, name: 'tool_use' }))).toBe(
      'Unterhaltung 1: Nachricht 2: 2 Blöcke vom Typ „tool_use“ wurden ausgelassen.',
    );
    expect(describeImportNote(note({ code: 'reasoning-left-out', conversation: 4, title: 'Himmel' }))).toBe(
      'Unterhaltung 4 („Himmel“): 1 Denkschritt ohne folgende Antwort wurde ausgelassen.',
    );
    expect(describeImportNote(note({ code: 'more-left-out', conversation: null, count: 12 }))).toBe('12 weitere Einträge wurden auf dieselbe Weise ausgelassen.');
  });

  it('keeps the English sentences the summary had', () => {
    expect(describeImportNote(note({ code: 'blocks-left-out', title: 'Reviewing the quarterly notes', message: 2, name: 'tool_use' }))).toBe(
      'Conversation 1 (“Reviewing the quarterly notes”): message 2: 1 “tool_use” block was left out.',
    );
  });
});
