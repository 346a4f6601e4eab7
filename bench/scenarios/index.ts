/** Every scenario `npm run bench -- <name>` knows, in the order `all` runs them. */
import type { Scenario } from '../lib/scenario.js';
import { coldstart } from './coldstart.js';
import { connect } from './connect.js';
import { idle } from './idle.js';
import { messages } from './messages.js';
import { chatroom, group } from './fanout.js';
import { soak } from './soak.js';
import { storage } from './storage.js';

export const SCENARIOS: readonly Scenario[] = [idle, connect, messages, storage, coldstart, soak, group, chatroom];

export const scenarioByName = (name: string): Scenario | undefined => SCENARIOS.find((s) => s.name === name);
