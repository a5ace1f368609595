// A conversation as Markdown: the branch the user sees, one section per message.
import type { Message } from '../../../../src-shared/domain';
import type { ConversationDetails } from '../../../../src-shared/entities/library';

const ROLE_NAMES: Record<Message['role'], string> = { user: 'You', assistant: 'Assistant', system: 'System' };

function heading(message: Message): string {
  const who = message.role === 'assistant' && message.model ? `${ROLE_NAMES.assistant} (${message.model})` : ROLE_NAMES[message.role];
  const note = message.status === 'interrupted' ? ' — cut off' : message.status === 'error' ? ' — failed' : '';
  return `### ${who}${note}\n_${new Date(message.createdAt).toISOString()}_`;
}

/** "1 other reply and 2 other messages of yours are in the JSON export only": off-branch messages, each called what it is. */
function offBranchNote(others: readonly Message[]): string | null {
  if (others.length === 0) return null;
  const replies = others.filter((m) => m.role === 'assistant').length;
  const yours = others.length - replies;
  const parts = [
    ...(replies > 0 ? [`${replies} other ${replies === 1 ? 'reply' : 'replies'}`] : []),
    ...(yours > 0 ? [`${yours} other ${yours === 1 ? 'message' : 'messages'} of yours`] : []),
  ];
  return `${parts.join(' and ')} ${others.length === 1 ? 'is' : 'are'} in the JSON export only`;
}

/** `all`: every message of the conversation; those off the branch are only counted. */
export function conversationMarkdown(conversation: ConversationDetails, branch: Message[], all: readonly Message[]): string {
  const lines = [`# ${conversation.title.replace(/\n/g, ' ') || 'Untitled conversation'}`, ''];
  const facts = [`Created ${new Date(conversation.createdAt).toISOString()}`];
  if (conversation.tags.length > 0) facts.push(`Tags: ${conversation.tags.join(', ')}`);
  const shown = new Set(branch.map((m) => m.id));
  const note = offBranchNote(all.filter((m) => !shown.has(m.id)));
  if (note) facts.push(note);
  lines.push(`_${facts.join(' · ')}_`, '');
  for (const message of branch) {
    lines.push(heading(message), '', message.content, '');
    if (message.error) lines.push(`> ${message.error.message}`, '');
  }
  return lines.join('\n');
}
