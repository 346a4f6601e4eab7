/** Shapes the console API returns. */
export interface AppView {
  appKey: string;
  org: string;
  name: string;
  clientId: string;
  createdAt: number;
  settings: Record<string, unknown> & { limits?: Record<string, number> };
  connections: number;
}

export interface SettingField {
  key: string;
  type: 'boolean' | 'integer' | 'enum' | 'list' | 'text';
  options?: string[];
  min?: number;
  unit?: string;
  optional?: boolean;
  label: { en: string; zh: string };
  help: { en: string; zh: string };
}

export interface RegionView {
  name: string;
  restUrl: string;
  wsUrl: string;
  uploadUrl: string;
  downloadUrl: string;
  whitelist: { request: string[]; socket: string[]; uploadFile: string[]; downloadFile: string[] };
}

export interface UserView {
  username: string;
  nickname: string | null;
  activated: boolean;
  createdAt: number;
  online: boolean;
}

export interface ConversationView {
  conv: string;
  chat: string;
  peer: string;
  lastSeq: number;
  unread: number;
  ts: number;
}

export interface MessageView {
  id: string;
  conv: string;
  seq: number;
  from: string;
  to: string;
  type: string;
  body: Record<string, unknown>;
  ts: number;
  recalled?: boolean;
}
