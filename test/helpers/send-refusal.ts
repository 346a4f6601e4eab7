/** What the storage fault tests send, and how they read a refused send. */
import SDK from '@pigeon/sdk';

export const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg });

/** Why a send failed: the server's refusal, itself or as the cause of the outbox's OUTBOX_TIMEOUT. */
export async function refusal(send: Promise<unknown>): Promise<string> {
  try {
    await send;
    return 'sent';
  } catch (e) {
    const err = e as { type: string; cause?: { type?: string } };
    return err.type === 'OUTBOX_TIMEOUT' ? `${err.cause?.type}` : err.type;
  }
}
