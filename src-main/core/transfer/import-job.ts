// An import, as run by the store's writer: read and check the whole file into a
// staging database (nothing in the store changes), then merge it in batches.
// Progress is reported at most every 100 ms; cancelling stops between
// conversations while checking (nothing imported) or between batches while merging.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../src-shared/api/errors';
import { ImportRequest, type ImportSummary, type TransferProgress } from '../../../src-shared/models/transfer';
import type { JobContext, JobControl } from './context';
import { detectFormat, READERS, type ConcreteFormat } from './formats';
import { readConversationElements, transferErrors } from './json-stream';
import { mergeStaging } from './merge';
import { Staging } from './staging';

const PROGRESS_EVERY_MS = 100;

export async function runImport(context: JobContext, rawRequest: unknown, control: JobControl): Promise<ImportSummary> {
  const parsed = ImportRequest.safeParse(rawRequest);
  if (!parsed.success) throw new AppError('transfer.invalid', `The import request is not valid: ${parsed.error.issues[0]!.message}.`);
  const request = parsed.data;
  let bytesTotal: number;
  try {
    bytesTotal = statSync(request.path).size;
  } catch (error) {
    throw transferErrors.unreadable(request.path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  let lastProgress = 0;
  const report = (progress: Omit<TransferProgress, 'jobId' | 'bytesTotal'>, force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    control.progress({ jobId: control.jobId, bytesTotal, ...progress } satisfies TransferProgress);
  };

  const staging = new Staging(dirname(context.file), control.jobId);
  try {
    let format: ConcreteFormat | null = request.format === 'auto' ? null : request.format;
    for await (const element of readConversationElements(request.path, { signal: control.signal })) {
      if (format === null) {
        format = detectFormat(element.value);
        if (format === null) {
          throw transferErrors.malformed(request.path, 'its conversations look like none of the exports RealMultiLLM reads (ChatGPT, Claude, RealMultiLLM)');
        }
      }
      staging.add(READERS[format](element.value, element.index));
      report({ phase: 'checking', conversations: element.index + 1, bytesDone: element.bytesRead });
    }
    if (control.signal.aborted) throw new AppError('transfer.cancelled', 'The import was cancelled. Nothing was imported.');
    const staged = staging.finish();
    report({ phase: 'checking', conversations: staged.conversations, bytesDone: bytesTotal }, true);
    const result = await mergeStaging(context, staging.path, {
      signal: control.signal,
      onProgress: (done) => report({ phase: 'importing', conversations: done, bytesDone: bytesTotal }, done === staged.conversations),
    });
    return { format: format ?? 'realmultillm', ...result };
  } finally {
    staging.discard();
  }
}
