// A stored error is three columns: its code, its English message and its params
// (JSON), so the renderer can word it in the user's language later. Params may
// come from another device: only text and numbers are read back.
import type { UserError } from '../../../../src-shared/domain';

export interface ErrorColumns {
  error_code: string | null;
  error_message: string | null;
  error_params: string | null;
}

export function errorColumns(error: UserError | null): ErrorColumns {
  return {
    error_code: error?.code ?? null,
    error_message: error?.message ?? null,
    error_params: error && Object.keys(error.params).length > 0 ? JSON.stringify(error.params) : null,
  };
}

function readParams(json: string | null): UserError['params'] {
  if (json === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as UserError['params'];
}

export function errorFromColumns(row: ErrorColumns): UserError | null {
  return row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '', params: readParams(row.error_params) };
}
