// An export, as run by the store's reader: one conversation or all of them, as
// our JSON (every message, every branch; importable again) or as Markdown (the
// shown branch of each). Written to a temporary file renamed into place at the
// end, so a cancelled or failed export never leaves half a file where the user looks.
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { AppError } from '../../../../src-shared/api/errors';
import { describeInvalidInput, inputProblems } from '../../../../src-shared/api/input-problems';
import type { Message } from '../../../../src-shared/domain';
import type { ConversationDetails } from '../../../../src-shared/entities/library';
import { ExportRequest, type ExportSummary, type TransferProgress } from '../../../../src-shared/entities/transfer';
import type { JobContext, JobControl } from '../worker/job-context';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../import/formats/realmultillm';
import { conversationMarkdown } from './markdown';

const PROGRESS_EVERY_MS = 100;

function explainWriteError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new AppError('transfer.disk-full', `The disk is full, so ${path} could not be written. Free some space and export again.`, { path });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('transfer.read-only', `RealMultiLLM may not write to ${path}. Choose a folder you can write to and export again.`, { path });
  }
  if (code === 'ENOENT') return new AppError('transfer.no-folder', `The folder for ${path} does not exist. Choose an existing folder.`, { path });
  return error;
}

function exportedConversation(conversation: ConversationDetails, messages: Message[]) {
  return {
    id: conversation.id,
    title: conversation.title,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    shownLeafId: conversation.shownLeafId,
    pinned: conversation.pinned,
    archived: conversation.archived,
    tags: conversation.tags,
    messages: messages.map((m) => ({
      id: m.id,
      parentId: m.parentId,
      role: m.role,
      content: m.content,
      status: m.status,
      model: m.model,
      providerId: m.providerId,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      error: m.error,
      usage: m.usage,
    })),
  };
}

export async function runExport(context: JobContext, rawRequest: unknown, control: JobControl): Promise<ExportSummary> {
  const parsed = ExportRequest.safeParse(rawRequest);
  if (!parsed.success) {
    throw new AppError('transfer.invalid', `The export request is not valid: ${describeInvalidInput(parsed.error)}.`).withProblems(inputProblems(parsed.error));
  }
  const request = parsed.data;
  const { conversations, messages } = context.repositories;
  const ids = request.conversationId
    ? [request.conversationId]
    : (context.db.prepare('SELECT id FROM conversations WHERE deleted = 0 ORDER BY created_at, id').all() as { id: string }[]).map((r) => r.id);
  if (request.conversationId && !conversations.details(request.conversationId)) {
    throw new AppError('transfer.missing', 'That conversation no longer exists, so there is nothing to export.');
  }

  const temp = `${request.path}.partial`;
  const out = createWriteStream(temp);
  let failed: Error | null = null;
  out.on('error', (error) => (failed = error));
  const write = async (text: string) => {
    if (failed) throw failed;
    if (!out.write(text)) await Promise.race([once(out, 'drain'), once(out, 'error')]);
    if (failed) throw failed;
  };
  let lastProgress = 0;
  const summary = { path: request.path, conversations: 0, messages: 0, bytes: 0 };
  try {
    if (request.format === 'json') {
      await write(`{"format":"${EXPORT_FORMAT}","version":${EXPORT_VERSION},"exportedAt":"${new Date().toISOString()}","conversations":[\n`);
    }
    for (const id of ids) {
      if (control.signal.aborted) throw new AppError('transfer.cancelled', 'The export was cancelled; no file was written.');
      const conversation = conversations.details(id);
      if (!conversation) continue;
      const all = messages.listByConversation(id);
      if (request.format === 'json') {
        await write((summary.conversations > 0 ? ',\n' : '') + JSON.stringify(exportedConversation(conversation, all)));
        summary.messages += all.length;
      } else {
        const branch = messages.branch(id, conversation.shownLeafId);
        await write((summary.conversations > 0 ? '\n\n---\n\n' : '') + conversationMarkdown(conversation, branch, all));
        summary.messages += branch.length;
      }
      summary.conversations += 1;
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        control.progress({ jobId: control.jobId, phase: 'exporting', conversations: summary.conversations, bytesDone: out.bytesWritten, bytesTotal: null } satisfies TransferProgress);
      }
    }
    if (request.format === 'json') await write('\n]}\n');
    out.end();
    await once(out, 'finish');
    if (failed) throw failed;
    renameSync(temp, request.path);
    summary.bytes = statSync(request.path).size;
    return summary;
  } catch (error) {
    out.destroy();
    rmSync(temp, { force: true });
    throw explainWriteError(error, request.path);
  }
}
