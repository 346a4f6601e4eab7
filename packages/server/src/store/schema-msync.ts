/** Tables of migration 0010 (msync delivery cursors); merged into `Database`. */
export interface MsyncCursorsTable {
  app_id: string;
  username: string;
  /** The Easemob SDK's resource (`webim_web_<ts>`…): one per device. */
  resource: string;
  conv: string;
  seq: number;
  updated_at: number;
}

export interface MsyncTables {
  msync_cursors: MsyncCursorsTable;
}
