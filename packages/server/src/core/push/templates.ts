/** Push templates: `{{name}}` placeholders, unknown ones left empty. */
import type { Message } from '@pigeon/protocol';

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** How a message reads in a notification: its text, or its kind in brackets. */
export function previewOf(m: Message): string {
  if (m.type === 'txt') return m.body.text.slice(0, 200);
  return `[${m.type}]`;
}

export function templateValues(m: Message, user: string): Record<string, string> {
  return { from: m.from, to: m.to, user, text: previewOf(m), type: m.type, chat: m.chat, conv: m.conv };
}

export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_, k: string) => values[k] ?? '');
}
