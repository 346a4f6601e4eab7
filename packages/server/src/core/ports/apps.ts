import type { App, AppSettings } from '../types.js';

export interface AppRepository {
  insert(app: App): Promise<void>;
  byId(id: string): Promise<App | undefined>;
  byName(org: string, name: string): Promise<App | undefined>;
  list(): Promise<App[]>;
  updateSettings(id: string, settings: AppSettings): Promise<void>;
  updateSecret(id: string, clientSecret: string): Promise<void>;
}
