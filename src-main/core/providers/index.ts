export { DEFAULT_IDLE_TIMEOUT_MS, streamChat, testConnection } from './openai-compatible';
export { ProviderError, toProviderError } from './errors';
export type { ChatTurn, ConnectionTestRequest, ConnectionTestResult, StreamRequest, StreamResult } from './types';
