/**
 * Verbatims go through this before any output: e-mail addresses and phone numbers (7 or more
 * digits, with spaces, dots, dashes, parentheses or a leading +) become `[email]` and `[phone]`
 * (an ISO date is kept).
 */
export function redact(text: string): string {
  return text
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[email]")
    .replace(/(?<![\w])\+?\d(?:[\s.()-]*\d){6,}(?![\w])/g, (m) => (/^\d{4}-\d{2}-\d{2}$/.test(m) ? m : "[phone]"));
}
