// The composer's files: attached with the button, by pasting or by dropping; shown
// as chips that can be removed; refused with a sentence when too large, too many
// or neither image nor text. Images are not sent to a model the catalog says
// takes none, and the composer says so.
import { useRef, useState } from 'react';
import { ATTACHMENT_LIMITS } from '../../src-shared/entities/attachment-limits';
import { useTranslation } from '../i18n';
import { readFile, sizeText, takesImages, uploadsOf, withFiles, type FileProblem, type PendingFile } from '../state/attachments';
import { useApi, useProviders } from '../state/context';
import { useQuery } from '../ui/useQuery';
import { FileLabel } from './MessageFiles';

export function useComposerFiles() {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [problems, setProblems] = useState<FileProblem[]>([]);
  const current = useRef(files);
  current.current = files;
  const api = useApi();
  const provider = useProviders((s) => s.providers.find((p) => p.id === s.selectedId) ?? null);
  const hasImages = files.some((f) => f.image);
  // The user's own catalog entries may say a model takes images; asked only once an image is attached.
  const kind = provider?.kind ?? null;
  const catalog = useQuery(async () => (kind !== null && hasImages ? api.call('model.catalog', { kind }) : []), [kind, hasImages]);
  const custom = catalog.status === 'ready' ? catalog.data.filter((m) => m.source === 'custom') : [];
  const images = provider === null || takesImages(provider.kind, provider.model, custom);

  return {
    files,
    problems,
    /** The model that will not be sent the images, or null. */
    blindModel: hasImages && !images ? provider!.model : null,
    async add(list: Iterable<File>) {
      const read = await Promise.all([...list].map((file) => readFile(file)));
      const result = withFiles(current.current, read);
      setFiles(result.files);
      setProblems(result.problems);
    },
    remove(key: string) {
      setFiles((all) => all.filter((f) => f.key !== key));
      setProblems([]);
    },
    clear() {
      setFiles([]);
      setProblems([]);
    },
    uploads: () => uploadsOf(current.current, images),
  };
}

export type ComposerFilesState = ReturnType<typeof useComposerFiles>;

export function ComposerFiles({ state }: { state: ComposerFilesState }) {
  const { t, i18n } = useTranslation();
  const size = (bytes: number) => sizeText(bytes, i18n.language);
  const problemText = (problem: FileProblem) => {
    switch (problem.kind) {
      case 'tooLarge':
        return t('composer.tooLarge', { name: problem.fileName, size: size(problem.size), limit: size(ATTACHMENT_LIMITS.fileBytes) });
      case 'totalTooLarge':
        return t('composer.totalTooLarge', { size: size(problem.size), limit: size(ATTACHMENT_LIMITS.totalBytes) });
      case 'tooMany':
        return t('composer.tooMany', { count: ATTACHMENT_LIMITS.count });
      case 'unsupported':
        return t('composer.unsupported', { name: problem.fileName });
    }
  };

  return (
    <>
      {state.files.length > 0 && (
        <ul className="file-chips" aria-label={t('composer.attached')}>
          {state.files.map((file) => (
            <li key={file.key} className="file-chip">
              {file.image && <img className="thumbnail" src={`data:${file.mime};base64,${file.dataBase64}`} alt="" />}
              <FileLabel name={file.fileName} size={file.size} />
              {file.image && state.blindModel && <span className="file-note"> · {t('composer.notSent')}</span>}
              <button type="button" className="quiet icon" aria-label={t('composer.removeFile', { name: file.fileName })} onClick={() => state.remove(file.key)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {state.blindModel && (
        <p className="composer-note" role="status">
          {t('composer.noVision', { model: state.blindModel })}
        </p>
      )}
      {state.problems.length > 0 && (
        <p className="composer-error" role="alert">
          {state.problems.map(problemText).join(' ')}
        </p>
      )}
    </>
  );
}
