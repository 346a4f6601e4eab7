import type { UserRecord } from '../core/types.js';

/** A user as Easemob's REST API shows it. */
export function userEntity(u: UserRecord) {
  const e: {
    uuid: string;
    type: 'user';
    created: number;
    modified: number;
    username: string;
    activated: boolean;
    nickname?: string;
  } = {
    uuid: u.uuid,
    type: 'user',
    created: u.createdAt,
    modified: u.modifiedAt,
    username: u.username,
    activated: u.activated,
  };
  if (u.nickname !== null) e.nickname = u.nickname;
  return e;
}
