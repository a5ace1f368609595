// What an import left out, in the user's language: the core sends each note as a
// code with the conversation and message it is about; the file's own names (a
// sender, a block type, a title) are shown as text.
import type { ImportNote } from '../../src-shared/entities/transfer';
import { t } from '../i18n';

export function describeImportNote(note: ImportNote): string {
  const text = t(`transfer.notes.${note.code}`, { count: note.count, message: note.message ?? 0, name: note.name });
  if (note.conversation === null) return text;
  return note.title
    ? t('transfer.noteAt', { conversation: note.conversation, title: note.title, note: text })
    : t('transfer.noteAtUntitled', { conversation: note.conversation, note: text });
}
