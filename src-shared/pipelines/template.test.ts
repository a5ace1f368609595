import { describe, expect, it } from 'vitest';
import { renderTemplate, templateProblems, templateProblemText } from './template';

describe('pipeline templates', () => {
  const values = { input: 'the input', outputs: ['first out', 'second out'], names: ['Outline', 'Draft'] };

  it('fills input, the previous output and earlier steps by name or number', () => {
    expect(renderTemplate('A {{input}} B {{ previous_output }} C {{previous}}', values)).toBe('A the input B second out C second out');
    expect(renderTemplate('{{steps.outline}} / {{steps.2}}', values)).toBe('first out / second out');
  });

  it('appends the previous output to a template without placeholders', () => {
    expect(renderTemplate('Summarise this:', values)).toBe('Summarise this:\n\nsecond out');
    expect(renderTemplate('Translate:', { input: 'hola', outputs: [], names: [] })).toBe('Translate:\n\nhola');
  });

  it('names what is wrong with a template', () => {
    const names = ['Outline', 'Draft', 'Polish'];
    expect(templateProblems('{{input}}', 0, names)).toEqual([]);
    expect(templateProblems('{{previous_output}}', 0, names)).toEqual([{ code: 'template.no_previous', placeholder: '{{previous_output}}' }]);
    expect(templateProblems('{{steps.Polish}}', 1, names)).toEqual([{ code: 'template.not_earlier', placeholder: '{{steps.Polish}}' }]);
    expect(templateProblems('{{steps.3}}', 2, names)).toEqual([{ code: 'template.not_earlier', placeholder: '{{steps.3}}' }]);
    expect(templateProblems('{{ outpt }}', 1, names)).toEqual([{ code: 'template.unknown_placeholder', placeholder: '{{outpt}}' }]);
    expect(templateProblemText(templateProblems('{{outpt}}', 1, names)[0]!)).toMatch(/\{\{outpt\}\} is not a placeholder/);
    expect(templateProblems('{{steps.outline}} {{steps.1}}', 2, names)).toEqual([]);
  });
});
