/** Tables of webhooks (migration 0008); merged into `Database` in schema.ts. */
export interface WebhookOutboxTable {
  id: string;
  app_id: string;
  event_id: string;
  type: string;
  url: string;
  payload: string;
  /** pending | dead */
  state: string;
  attempts: number;
  next_attempt_at: number;
  /** The node delivering the row until lease_until. */
  lease_owner: string | null;
  lease_until: number;
  last_error: string | null;
  created_at: number;
}

export interface WebhookTables {
  webhook_outbox: WebhookOutboxTable;
}
