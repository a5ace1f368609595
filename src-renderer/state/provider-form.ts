// The provider form's fields and the checks worth making before asking the core
// (which validates again: it must not trust the renderer).
import { kindInfo } from '../../src-shared/catalog/kinds';
import type { ProviderKind } from '../../src-shared/domain';
import { t } from '../i18n';

export interface ProviderFields {
  name: string;
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Which service this is; an OpenAI-compatible server when not said. */
  kind?: ProviderKind;
}

export interface FieldProblem {
  field: keyof ProviderFields;
  message: string;
}

export function validateProviderFields(fields: ProviderFields): FieldProblem | null {
  if (!fields.name.trim()) {
    return { field: 'name', message: t('providers.needName') };
  }
  const baseUrl = fields.baseUrl.trim();
  // Services with a known address need none typed.
  const hasDefault = kindInfo(fields.kind ?? 'openai-compatible').defaultBaseUrl !== null;
  if (!baseUrl && !hasDefault) {
    return { field: 'baseUrl', message: t('providers.needBaseUrl') };
  }
  if (baseUrl && !isHttpUrl(baseUrl)) {
    return { field: 'baseUrl', message: t('providers.badBaseUrl') };
  }
  if (!fields.model.trim()) {
    return { field: 'model', message: t('providers.needModel') };
  }
  return null;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** How a saved key is shown: its last characters only, never the key. */
export function keyHintText(hint: string | null): string {
  return hint ? `•••• ${hint}` : '••••';
}
