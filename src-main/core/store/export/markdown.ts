// A conversation as Markdown: the branch the user sees, one section per message.
import type { Message } from '../../../../src-shared/domain';
import type { ConversationDetails } from '../../../../src-shared/entities/library';

const ROLE_NAMES: Record<Message['role'], string> = { user: 'You', assistant: 'Assistant', system: 'System' };

function heading(message: Message): string {
  const who = message.role === 'assistant' && message.model ? `${ROLE_NAMES.assistant} (${message.model})` : ROLE_NAMES[message.role];
  const note = message.status === 'interrupted' ? ' — cut off' : message.status === 'error' ? ' — failed' : '';
  return `### ${who}${note}\n_${new Date(message.createdAt).toISOString()}_`;
}

export function conversationMarkdown(conversation: ConversationDetails, branch: Message[], otherBranches: number): string {
  const lines = [`# ${conversation.title.replace(/\n/g, ' ') || 'Untitled conversation'}`, ''];
  const facts = [`Created ${new Date(conversation.createdAt).toISOString()}`];
  if (conversation.tags.length > 0) facts.push(`Tags: ${conversation.tags.join(', ')}`);
  if (otherBranches > 0) facts.push(`${otherBranches} other ${otherBranches === 1 ? 'reply is' : 'replies are'} in the JSON export only`);
  lines.push(`_${facts.join(' · ')}_`, '');
  for (const message of branch) {
    lines.push(heading(message), '', message.content, '');
    if (message.error) lines.push(`> ${message.error.message}`, '');
  }
  return lines.join('\n');
}
