// The text the kill test's child writes, so the parent can check it byte for byte.
export function expectedText(round: number, turn: number, role: 'user' | 'assistant' | 'reasoning'): string {
  const words = role === 'user' ? 12 : 400;
  return Array.from({ length: words }, (_, i) => `${role}-${round}-${turn}-w${i}`).join(' ');
}
