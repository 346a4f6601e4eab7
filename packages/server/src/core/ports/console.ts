/** Storage of the web console's administrators and sessions. */
export interface ConsoleAdmin {
  username: string;
  passwordHash: string;
  createdAt: number;
}

export interface ConsoleSession {
  /** SHA-256 (hex) of the session id the cookie carries. */
  idHash: string;
  username: string;
  /** Anti-CSRF token the console sends back in a header on every change. */
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

export interface ConsoleRepository {
  admin(username: string): Promise<ConsoleAdmin | undefined>;
  countAdmins(): Promise<number>;
  insertAdmin(admin: ConsoleAdmin): Promise<void>;
  setAdminPassword(username: string, passwordHash: string): Promise<void>;
  insertSession(session: ConsoleSession): Promise<void>;
  session(idHash: string): Promise<ConsoleSession | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Drops sessions that expired before `now`. */
  deleteExpired(now: number): Promise<void>;
}
