// For the import tests (here and in core/store): a ChatGPT export of many small
// conversations, made in memory, each a question and its answer.

/** `conversations` ChatGPT conversations; the question repeats its words `repeat` times, the answer three times as often. */
export function chatGptConversations(conversations: number, repeat = 20) {
  return Array.from({ length: conversations }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    title: `conversation ${i}`,
    create_time: 1700000000 + i,
    current_node: 'b',
    mapping: {
      a: { id: 'a', parent: null, children: ['b'], message: { author: { role: 'user' }, create_time: 1700000000 + i, content: { content_type: 'text', parts: [`question ${i} `.repeat(repeat)] } } },
      b: { id: 'b', parent: 'a', children: [], message: { author: { role: 'assistant' }, create_time: 1700000001 + i, content: { content_type: 'text', parts: [`answer ${i} `.repeat(repeat * 3)] }, metadata: { model_slug: 'gpt-4o' } } },
    },
  }));
}
