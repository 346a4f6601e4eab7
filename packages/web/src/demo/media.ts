/** Browser helpers for media messages. */

/** A voice file's length in whole seconds, as the browser reads it; 0 when it cannot. */
export function audioSeconds(file: Blob): Promise<number> {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const audio = new Audio();
    const done = (n: number) => {
      URL.revokeObjectURL(url);
      resolve(Number.isFinite(n) && n > 0 ? Math.max(1, Math.round(n)) : 0);
    };
    audio.preload = 'metadata';
    audio.onloadedmetadata = () => done(audio.duration);
    audio.onerror = () => done(0);
    audio.src = url;
  });
}

/** 1536 -> "1.5 KB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A recording in progress: `stop()` ends it and gives the voice file with its length in whole seconds. */
export interface Recording {
  stop(): Promise<{ file: File; seconds: number }>;
}

/**
 * Records the microphone with MediaRecorder (WebM/Opus in Chromium, MP4/AAC in Safari). The length comes
 * from the clock, since a recorded WebM carries no duration for the browser to read back.
 */
export async function startRecording(): Promise<Recording> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const recorder = new MediaRecorder(stream);
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => e.data.size && chunks.push(e.data);
  const started = Date.now();
  recorder.start();
  return {
    stop: () =>
      new Promise((resolve) => {
        recorder.onstop = () => {
          stream.getTracks().forEach((t) => t.stop());
          const type = (recorder.mimeType || 'audio/webm').split(';')[0]!;
          const ext = type.includes('mp4') ? 'm4a' : 'webm';
          const file = new File(chunks, `voice.${ext}`, { type });
          resolve({ file, seconds: Math.max(1, Math.round((Date.now() - started) / 1000)) });
        };
        recorder.stop();
      }),
  };
}
