// The provider form's fields and the checks worth making before asking the core
// (which validates again: it must not trust the renderer).

export interface ProviderFields {
  name: string;
  baseUrl: string;
  apiKey: string;
  model: string;
}

export interface FieldProblem {
  field: keyof ProviderFields;
  message: string;
}

export function validateProviderFields(fields: ProviderFields): FieldProblem | null {
  if (!fields.name.trim()) {
    return { field: 'name', message: 'Give the provider a name, such as “OpenAI” or “Local Ollama”.' };
  }
  const baseUrl = fields.baseUrl.trim();
  if (!baseUrl) {
    return { field: 'baseUrl', message: 'Enter the Base URL of the service, such as https://api.openai.com/v1.' };
  }
  if (!isHttpUrl(baseUrl)) {
    return {
      field: 'baseUrl',
      message: 'The Base URL must start with http:// or https://, such as https://api.openai.com/v1.',
    };
  }
  if (!fields.model.trim()) {
    return { field: 'model', message: 'Enter the model to use, such as gpt-4o-mini.' };
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
