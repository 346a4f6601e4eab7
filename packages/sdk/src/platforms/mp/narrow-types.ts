/**
 * Narrow types for the Baidu (`swan`) and ByteDance (`tt`) APIs Pigeon uses, written from their
 * public docs (no official typings package): both follow WeChat's shapes where shown here.
 * smartprogram.baidu.com/docs/develop/api/net/ · developer.open-douyin.com/docs/.../api/network/
 */
type Header = Record<string, string>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export interface ErrRes {
  errMsg?: string;
  errCode?: number;
  errNo?: number;
}

export interface SocketTaskLike<M> {
  onOpen(cb: (res: { header?: Header }) => void): void;
  onMessage(cb: (res: M) => void): void;
  onClose(cb: (res: { code?: number; reason?: string }) => void): void;
  onError(cb: (res: ErrRes) => void): void;
  send(o: { data: string | ArrayBuffer; success?(): void; fail?(e: ErrRes): void }): void;
  close(o: { code?: number; reason?: string; success?(): void; fail?(e: ErrRes): void }): void;
}

interface Task<P> {
  abort(): void;
  onProgressUpdate(cb: (p: P) => void): void;
}
type UploadProgress = { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number };
type DownloadProgress = { progress: number; totalBytesWritten: number; totalBytesExpectedToWrite: number };

/** What swan and tt share. */
export interface NarrowMpApi<M, C> {
  connectSocket(o: {
    url: string;
    header?: Header;
    protocols?: string[];
    success?(res: C): void;
    fail?(e: ErrRes): void;
    complete?(): void;
  }): SocketTaskLike<M> | undefined;
  request(o: {
    url: string;
    method?: Method;
    header?: Header;
    data?: string | object;
    dataType?: string;
    timeout?: number;
    success?(res: { statusCode: number; data: unknown; header?: Header }): void;
    fail?(e: ErrRes): void;
  }): unknown;
  uploadFile(o: {
    url: string;
    filePath: string;
    name: string;
    header?: Header;
    formData?: Record<string, string>;
    success?(res: { statusCode: number; data: string }): void;
    fail?(e: ErrRes): void;
  }): Task<UploadProgress>;
  downloadFile(o: {
    url: string;
    header?: Header;
    success?(res: { statusCode: number; tempFilePath: string }): void;
    fail?(e: ErrRes): void;
  }): Task<DownloadProgress>;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, data: unknown): void;
  removeStorageSync(key: string): void;
  onNetworkStatusChange(cb: (res: { isConnected: boolean; networkType: string }) => void): void;
  onAppShow?(cb: (res: unknown) => void): void;
  onAppHide?(cb: (res: unknown) => void): void;
}

/** Baidu: SocketTask from base library 1.9.4; onAppShow/onAppHide from 3.60.2, and their off* take no listener. */
export type SwanApi = NarrowMpApi<{ data: string | ArrayBuffer }, unknown>;

/** ByteDance: onAppShow from 1.46.0; off* take the listener. */
export interface TtApi extends NarrowMpApi<
  { data: string | ArrayBuffer; socketType?: 'ttnet' | 'tradition' },
  { errMsg: string; socketTaskId: number }
> {
  offNetworkStatusChange?(cb: (res: { isConnected: boolean; networkType: string }) => void): void;
}
