export { checkedBaseUrl, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS, streamChat, testConnection } from './stream';
export { DEFAULT_RETRY_POLICY, retryDelayMs, streamWithRetries, type RetriedResult, type RetryNotice, type RetryPolicy } from './retry';
export { listLiveModels } from './listing';
export { preloadSdks } from './language-model';
export { ProviderError, toProviderError } from './errors';
export type {
  ChatImage,
  ChatTurn,
  ConnectionTestRequest,
  ConnectionTestResult,
  GenerationParams,
  ProviderTarget,
  StreamRequest,
  StreamResult,
} from './types';
