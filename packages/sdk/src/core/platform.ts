/**
 * The small neutral interface every runtime adapter implements (one file per platform in
 * ../platforms/). The SDK core only ever talks to these; it never touches wx, my, uni, window.
 */
import type { Platform as PlatformName } from '@pigeon/protocol';

export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: string | ArrayBuffer): void;
  /** Called exactly once per socket, whether closed by us, the server or the network. */
  onClose(code: number, reason: string): void;
  onError(message: string): void;
}

/** A neutral socket: what every platform's WebSocket / SocketTask can be mapped onto. */
export interface PlatformSocket {
  /** Text frames everywhere; ArrayBuffer (binary) frames where the platform supports them. */
  send(data: string | ArrayBuffer): void;
  /** Resolves when the socket is really closed (its close callback has fired). */
  close(code?: number, reason?: string): Promise<void>;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  /** JSON-serialisable body. */
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON when the response is JSON, otherwise the text. */
  data: unknown;
}

export interface UploadRequest {
  url: string;
  /** Platform file handle: a File/Blob in browsers, a temp file path on mini-programs, a path or Buffer in Node. */
  file: unknown;
  fileName?: string;
  fieldName?: string;
  headers?: Record<string, string>;
  formData?: Record<string, string>;
  onProgress?(sent: number, total: number): void;
}

export interface UploadHandle {
  done: Promise<HttpResponse>;
  abort(): void;
}

export interface DownloadRequest {
  url: string;
  headers?: Record<string, string>;
  onProgress?(received: number, total: number): void;
}

export interface DownloadHandle {
  /** `path` is the platform's temp file path (mini-programs) or URL; `data` the bytes where there is no file system. */
  done: Promise<{ status: number; path?: string; data?: ArrayBuffer }>;
  abort(): void;
}

export interface KeyValueStorage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** How many sockets a platform allows at once, and what opening one more does (seeds 000-003). */
export interface SocketRule {
  /** Maximum sockets open at once in the whole mini-program / page. */
  maxSockets: number;
  /** True where opening a new socket silently closes the old (Alipay). */
  newClosesOld: boolean;
  /** The platform's rule in words, quoted in SOCKET_LIMIT errors. */
  note?: string;
}

export interface PlatformAdapter {
  readonly name: PlatformName;
  readonly socketRule: SocketRule;
  /**
   * The runtime whose socket limit applies (the `wx`, `my`, ... object). Adapters with the same scope
   * share one count in core/socket-registry.ts; without it, adapters of the same name do.
   */
  readonly scope?: object;
  connect(url: string, handlers: SocketHandlers): PlatformSocket;
  request(req: HttpRequest): Promise<HttpResponse>;
  upload?(req: UploadRequest): UploadHandle;
  download?(req: DownloadRequest): DownloadHandle;
  storage?: KeyValueStorage;
  /** Subscribe to network status; returns an unsubscribe function. */
  onNetworkChange?(cb: (online: boolean) => void): () => void;
  /** Subscribe to app foreground; returns an unsubscribe function. */
  onAppShow?(cb: () => void): () => void;
  onAppHide?(cb: () => void): () => void;
}
