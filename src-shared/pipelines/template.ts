// Pipeline prompt templates: {{input}} is the run's input, {{previous_output}}
// (or {{previous}}) the previous step's output, {{steps.NAME}} or {{steps.N}} the
// output of an earlier step by name or number. A template with no placeholder at
// all gets the previous output (the input, for the first step) after it.
// Pure, shared by the core (to run) and the renderer (to check as the user types).

export interface TemplateValues {
  input: string;
  /** Outputs of the steps so far, in order. */
  outputs: readonly string[];
  /** Names of the steps so far, in order (matched without case or surrounding space). */
  names: readonly string[];
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

type Reference = { kind: 'input' } | { kind: 'previous' } | { kind: 'step'; index: number } | { kind: 'unknown'; text: string };

function referenceOf(inner: string, names: readonly string[]): Reference {
  const key = inner.trim();
  if (/^input$/i.test(key)) return { kind: 'input' };
  if (/^previous(_output)?$/i.test(key)) return { kind: 'previous' };
  const step = /^steps\.(.+)$/i.exec(key);
  if (step) {
    const target = step[1]!.trim();
    if (/^\d+$/.test(target)) return { kind: 'step', index: Number(target) - 1 };
    const index = names.findIndex((name) => name.trim().toLowerCase() === target.toLowerCase());
    if (index >= 0) return { kind: 'step', index };
  }
  return { kind: 'unknown', text: key };
}

/** One thing wrong with a template: a problem code of api/error-codes.ts and the placeholder it is about. */
export type TemplateProblem =
  | { code: 'template.unknown_placeholder'; placeholder: string }
  | { code: 'template.no_previous'; placeholder: string }
  | { code: 'template.not_earlier'; placeholder: string };

/** What is wrong with step `index`'s template, given the names of all steps; empty when it is fine. */
export function templateProblems(template: string, index: number, names: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const ref = referenceOf(match[1]!, names);
    if (ref.kind === 'unknown') problems.push({ code: 'template.unknown_placeholder', placeholder: `{{${ref.text}}}` });
    else if (ref.kind === 'previous' && index === 0) problems.push({ code: 'template.no_previous', placeholder: match[0] });
    else if (ref.kind === 'step' && (ref.index < 0 || ref.index >= index)) problems.push({ code: 'template.not_earlier', placeholder: match[0] });
  }
  return problems;
}

/** A template problem in English, for logs and the error's `message`. */
export function templateProblemText(problem: TemplateProblem): string {
  switch (problem.code) {
    case 'template.unknown_placeholder':
      return `${problem.placeholder} is not a placeholder; use {{input}}, {{previous_output}} or {{steps.NAME}}`;
    case 'template.no_previous':
      return `${problem.placeholder} has nothing to refer to in the first step; use {{input}}`;
    case 'template.not_earlier':
      return `${problem.placeholder} must name an earlier step`;
  }
}

export function renderTemplate(template: string, values: TemplateValues): string {
  const previous = values.outputs.at(-1) ?? values.input;
  let used = false;
  const rendered = template.replace(PLACEHOLDER, (whole, inner: string) => {
    const ref = referenceOf(inner, values.names);
    used = true;
    switch (ref.kind) {
      case 'input':
        return values.input;
      case 'previous':
        return previous;
      case 'step':
        return values.outputs[ref.index] ?? '';
      default:
        return whole;
    }
  });
  if (used) return rendered;
  return rendered.trim() ? `${rendered}\n\n${previous}` : previous;
}
