/**
 * Apps (tenants): creation with fresh credentials, lookup by appKey, settings. Cached in memory on
 * every node; a change made on one node drops every node's copy through the bus (topic
 * `cache:apps`), so new settings and a rotated secret apply across the cluster at once.
 */
import { randomBytes } from 'node:crypto';
import { PigeonError } from '@pigeon/protocol';
import { uuid } from '../ids.js';
import type { AppRepository } from '../ports/apps.js';
import type { Bus, BusMessage } from '../ports/bus.js';
import type { Clock } from '../ports/clock.js';
import type { App } from '../types.js';
import { DEFAULT_APP_SETTINGS, mergeSettings, type AppSettingsInput } from './app-settings.js';

/** Org and app names: Easemob's rule (letters, digits, `-`; the app name also `_`). */
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/;

export interface CreateAppInput {
  org: string;
  name: string;
  settings?: AppSettingsInput;
}

const secret = (bytes: number) => randomBytes(bytes).toString('base64url');
const TOPIC = 'cache:apps';
/** A copy is re-read after this even without an invalidation (one missed while Redis was down). */
const MAX_AGE_MS = 60_000;

export class AppService {
  readonly #repo: AppRepository;
  readonly #clock: Clock;
  readonly #bus: Bus | undefined;
  readonly #byKey = new Map<string, { app: App; at: number }>();
  /** Bumped by every invalidation: a lookup that read the database before it does not cache. */
  #version = 0;

  constructor(repo: AppRepository, clock: Clock, bus?: Bus) {
    this.#repo = repo;
    this.#clock = clock;
    this.#bus = bus;
    bus?.subscribe(TOPIC, (m: BusMessage) => {
      if (m.t === 'invalidate') this.#drop(m.key);
    });
  }

  async create(input: CreateAppInput): Promise<App> {
    for (const [path, v] of [
      ['/org', input.org],
      ['/name', input.name],
    ] as const) {
      if (!NAME_PATTERN.test(v))
        throw new PigeonError('BAD_REQUEST', `Invalid ${path.slice(1)} "${v}"`, { details: { path } });
    }
    if (await this.#repo.byName(input.org, input.name)) {
      throw new PigeonError('BAD_REQUEST', `App ${input.org}#${input.name} already exists`, {
        details: { path: '/name' },
      });
    }
    const app: App = {
      id: uuid(),
      org: input.org,
      name: input.name,
      appKey: `${input.org}#${input.name}`,
      clientId: `YXA6${secret(16)}`,
      clientSecret: `YXA6${secret(24)}`,
      settings: mergeSettings(DEFAULT_APP_SETTINGS, input.settings),
      createdAt: this.#clock.now(),
    };
    await this.#repo.insert(app);
    this.#keep(app);
    return app;
  }

  /** Finds an app by `org#name`; undefined when there is none. */
  async find(appKey: string): Promise<App | undefined> {
    const cached = this.#byKey.get(appKey);
    if (cached && this.#clock.now() - cached.at < MAX_AGE_MS) return cached.app;
    const [org, name, ...rest] = appKey.split('#');
    if (!org || !name || rest.length) return undefined;
    const version = this.#version;
    const app = await this.#repo.byName(org, name);
    if (app && version === this.#version) this.#keep(app);
    return app;
  }

  async get(appKey: string): Promise<App> {
    const app = await this.find(appKey);
    if (!app) throw new PigeonError('APP_NOT_FOUND', `No app ${appKey}`);
    return app;
  }

  /** By internal id, for work that carries only the id (webhook delivery, contact events). */
  async byId(id: string): Promise<App | undefined> {
    const now = this.#clock.now();
    for (const c of this.#byKey.values()) if (c.app.id === id && now - c.at < MAX_AGE_MS) return c.app;
    const version = this.#version;
    const app = await this.#repo.byId(id);
    if (app && version === this.#version) this.#keep(app);
    return app;
  }

  list(): Promise<App[]> {
    return this.#repo.list();
  }

  /** A new client secret: every token signed with the old one (admin and user) stops working. */
  async rotateSecret(appKey: string): Promise<App> {
    const app = await this.get(appKey);
    const updated: App = { ...app, clientSecret: `YXA6${secret(24)}` };
    await this.#repo.updateSecret(app.id, updated.clientSecret);
    this.#changed(updated);
    return updated;
  }

  async updateSettings(appKey: string, patch: AppSettingsInput): Promise<App> {
    const app = await this.get(appKey);
    const updated: App = { ...app, settings: mergeSettings(app.settings, patch) };
    await this.#repo.updateSettings(app.id, updated.settings);
    this.#changed(updated);
    return updated;
  }

  /** Other nodes drop their copy (their next lookup reads the database); this node keeps the new one. */
  #changed(app: App): void {
    this.#bus?.publish(TOPIC, { t: 'invalidate', key: app.appKey });
    this.#keep(app);
  }

  #keep(app: App): void {
    this.#byKey.set(app.appKey, { app, at: this.#clock.now() });
  }

  #drop(appKey: string): void {
    this.#version++;
    this.#byKey.delete(appKey);
  }
}
