/** Friends: requests (add, accept, decline), delete, the backend's two-way bind, list and remarks. */
import { CONTACT_LIMITS, PigeonError, type OpReply, type OpRequest } from '@pigeon/protocol';
import type { RelationRepository } from '../ports/relations.js';
import type { ContactMutation, ContactRepository } from '../ports/contacts.js';
import type { UserRepository } from '../ports/users.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import type { ContactLog } from './contact-log.js';
import { existingPeer } from './peers.js';

export interface ContactServiceDeps {
  users: UserRepository;
  relations: RelationRepository;
  contacts: ContactRepository;
  log: ContactLog;
}

const PAGE_DEFAULT = 20;

export class ContactService {
  readonly #d: ContactServiceDeps;

  constructor(deps: ContactServiceDeps) {
    this.#d = deps;
  }

  /** Sends (or renews) a friend request; the invitee gets `invite`. Friends already: nothing to do. */
  async request(caller: Caller, req: OpRequest<'contact.add'>): Promise<OpReply<'contact.add'>> {
    const peer = await existingPeer(this.#d.users, caller, req.user);
    const { relations } = this.#d;
    if (await relations.has(caller.app.id, peer, caller.user, 'block'))
      throw new PigeonError('BLOCKED', `${peer} has blocked ${caller.user}.`);
    if (await relations.has(caller.app.id, caller.user, peer, 'friend')) return {};
    await this.#roomFor(caller.app.id, caller.user);
    const message = req.message ?? '';
    await this.#d.log.commit(
      caller.app.id,
      [{ t: 'request', from: caller.user, to: peer, message }],
      [{ user: peer, op: 'invite', peer: caller.user, message }],
    );
    return {};
  }

  /** Accepts `user`'s pending request: both become friends; the requester gets `accept`, both get `add`. */
  async accept(caller: Caller, req: OpRequest<'contact.accept'>): Promise<OpReply<'contact.accept'>> {
    const requester = await this.#pending(caller, req.user);
    await this.#roomFor(caller.app.id, caller.user);
    await this.#roomFor(caller.app.id, requester);
    await this.#d.log.commit(caller.app.id, befriend(caller.user, requester), [
      { user: requester, op: 'accept', peer: caller.user },
      { user: requester, op: 'add', peer: caller.user },
      { user: caller.user, op: 'add', peer: requester },
    ]);
    return {};
  }

  async decline(caller: Caller, req: OpRequest<'contact.decline'>): Promise<OpReply<'contact.decline'>> {
    const requester = await this.#pending(caller, req.user);
    await this.#d.log.commit(
      caller.app.id,
      [{ t: 'dropRequest', from: requester, to: caller.user }],
      [{ user: requester, op: 'decline', peer: caller.user }],
    );
    return {};
  }

  /** Ends a friendship; both get `delete`. */
  async remove(caller: Caller, req: OpRequest<'contact.delete'>): Promise<OpReply<'contact.delete'>> {
    await this.unbind(caller, req.user, '/user');
    return {};
  }

  /** Delete for SDK and REST alike; returns the former friend's name. */
  async unbind(caller: Caller, friend: unknown, path = '/friend'): Promise<string> {
    const peer = await existingPeer(this.#d.users, caller, friend, path);
    if (!(await this.#d.relations.has(caller.app.id, caller.user, peer, 'friend')))
      throw new PigeonError('NOT_A_CONTACT', `${peer} is not a contact of ${caller.user}.`, {
        details: { user: peer },
      });
    await this.#d.log.commit(
      caller.app.id,
      [{ t: 'unfriend', a: caller.user, b: peer }],
      [
        { user: peer, op: 'delete', peer: caller.user },
        { user: caller.user, op: 'delete', peer },
      ],
    );
    return peer;
  }

  /** The app's backend makes two users friends at once, both ways (both get `add`). */
  async bind(caller: Caller, friend: unknown): Promise<string> {
    const peer = await existingPeer(this.#d.users, caller, friend, '/friend');
    if (await this.#d.relations.has(caller.app.id, caller.user, peer, 'friend')) return peer;
    await this.#roomFor(caller.app.id, caller.user);
    await this.#roomFor(caller.app.id, peer);
    await this.#d.log.commit(caller.app.id, befriend(caller.user, peer), [
      { user: caller.user, op: 'add', peer },
      { user: peer, op: 'add', peer: caller.user },
    ]);
    return peer;
  }

  async list(caller: Caller, req: OpRequest<'contact.list'>): Promise<OpReply<'contact.list'>> {
    const limit = Math.max(1, Math.min(req.limit ?? PAGE_DEFAULT, CONTACT_LIMITS.pageMax));
    const after = req.cursor ? normalizeUsername(req.cursor, '/cursor') : undefined;
    const rows = await this.#d.relations.list(caller.app.id, caller.user, 'friend', after, limit + 1);
    const page = rows.slice(0, limit);
    return {
      contacts: page.map((r) => ({ user: r.peer, remark: r.remark })),
      cursor: rows.length > limit ? page[page.length - 1]!.peer : null,
    };
  }

  /** Every friend's name (at most the per-user limit), for REST and getContacts. */
  async names(caller: Caller): Promise<string[]> {
    const rows = await this.#d.relations.list(
      caller.app.id,
      caller.user,
      'friend',
      undefined,
      CONTACT_LIMITS.contactsPerUser,
    );
    return rows.map((r) => r.peer);
  }

  async remark(caller: Caller, req: OpRequest<'contact.remark'>): Promise<OpReply<'contact.remark'>> {
    const peer = normalizeUsername(req.user, '/user');
    if (!(await this.#d.relations.setRemark(caller.app.id, caller.user, peer, req.remark)))
      throw new PigeonError('NOT_A_CONTACT', `${peer} is not a contact of ${caller.user}.`, {
        details: { user: peer },
      });
    return {};
  }

  async #pending(caller: Caller, raw: unknown): Promise<string> {
    const requester = await existingPeer(this.#d.users, caller, raw);
    if (!(await this.#d.contacts.request(caller.app.id, requester, caller.user)))
      throw new PigeonError('NO_CONTACT_REQUEST', `No pending request from ${requester}.`, {
        details: { user: requester },
      });
    return requester;
  }

  async #roomFor(appId: string, user: string): Promise<void> {
    const n = await this.#d.relations.count(appId, user, 'friend');
    if (n >= CONTACT_LIMITS.contactsPerUser)
      throw new PigeonError('LIMIT_EXCEEDED', `${user} has ${n} contacts, the most allowed.`, {
        details: { user, limit: CONTACT_LIMITS.contactsPerUser },
      });
  }
}

/** Friends both ways, and no request left pending in either direction. */
const befriend = (a: string, b: string): ContactMutation[] => [
  { t: 'befriend', a, b },
  { t: 'dropRequest', from: a, to: b },
  { t: 'dropRequest', from: b, to: a },
];
