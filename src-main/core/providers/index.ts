export { streamChat, testConnection } from './openai-compatible';
export { ProviderError, toProviderError } from './errors';
export type { ChatTurn, StreamRequest, StreamResult } from './types';
