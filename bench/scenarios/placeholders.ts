/**
 * Group and chatroom scenarios wait for the social issue (groups, chatrooms). Until then they say
 * so plainly and write a result that records it, so `all` and the smoke test still cover them.
 */
import type { ScenarioReport } from '../lib/report.js';
import { columnsOf, type Scenario } from '../lib/scenario.js';

function placeholder(name: string, title: string, what: string, goal: string): Scenario {
  return {
    name,
    title,
    summary: `${what} (not available until ${name === 'group' ? 'groups' : 'chatrooms'} land)`,
    params: {},
    async run(ctx) {
      const message = `${name}: not available until groups/chatrooms land (the social issue is not built yet)`;
      ctx.reporter.log(message);
      return {
        scenario: name,
        title,
        columns: columnsOf(ctx),
        rows: [{ metric: what, unit: '', goal, values: {} }],
        checks: [],
        notes: [message],
        figures: { available: false },
        params: ctx.params,
      } satisfies ScenarioReport;
    },
  };
}

export const group = placeholder(
  'group',
  '1,000-member group, all online',
  'deliveries/s to 1,000 online members',
  '≥ 100,000/s, p99 ≤ 50 ms',
);
export const chatroom = placeholder(
  'chatroom',
  '10,000-member chatroom',
  'one broadcast to 10,000 members',
  '≤ 50 ms; 10 msg/s at p99 ≤ 100 ms',
);
