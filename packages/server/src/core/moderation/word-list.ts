/** Managing an app's sensitive-word list: add, remove, replace. Stored in the app's settings. */
import { PigeonError } from '@pigeon/protocol';
import type { AppService } from '../apps/app-service.js';
import type { App } from '../types.js';
import { MAX_WORDS } from '../webhooks/hook-settings.js';

/** Trimmed, distinct (case-insensitively), in first-seen order; throws BAD_REQUEST on a bad entry. */
export function cleanWords(words: unknown, path = '/words'): string[] {
  if (!Array.isArray(words))
    throw new PigeonError('BAD_REQUEST', 'words must be a list of strings', { details: { path } });
  const seen = new Set<string>();
  const out: string[] = [];
  words.forEach((w, i) => {
    if (typeof w !== 'string' || !w.trim() || w.trim().length > 100)
      throw new PigeonError('BAD_REQUEST', 'A word is a string of 1 to 100 characters', {
        details: { path: `${path}/${i}` },
      });
    const key = w.trim().toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(w.trim());
  });
  if (out.length > MAX_WORDS)
    throw new PigeonError('BAD_REQUEST', `At most ${MAX_WORDS} words`, { details: { path, limit: MAX_WORDS } });
  return out;
}

export class WordList {
  readonly #apps: AppService;

  constructor(apps: AppService) {
    this.#apps = apps;
  }

  list(app: App): string[] {
    return app.settings.moderation.words;
  }

  async replace(app: App, words: unknown): Promise<string[]> {
    return this.#save(app, cleanWords(words));
  }

  async add(app: App, words: unknown): Promise<string[]> {
    return this.#save(app, cleanWords([...app.settings.moderation.words, ...cleanWords(words)]));
  }

  async remove(app: App, words: unknown): Promise<string[]> {
    const gone = new Set(cleanWords(words).map((w) => w.toLowerCase()));
    return this.#save(
      app,
      app.settings.moderation.words.filter((w) => !gone.has(w.toLowerCase())),
    );
  }

  async #save(app: App, words: string[]): Promise<string[]> {
    const updated = await this.#apps.updateSettings(app.appKey, { moderation: { words } });
    return updated.settings.moderation.words;
  }
}
