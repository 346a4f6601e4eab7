/**
 * The demo chat in headless Chromium against the real server and the SDK's browser build. The
 * administrator creates an app in the console (open registration, friends required) and reads its
 * appKey; two people register in it in separate browser contexts (a desktop and a phone-sized screen),
 * are refused a chat until they become friends (request + accept), chat with text and emoji, see unread
 * badges, send images, read receipts, recall a message, scroll back through history, see each other
 * typing, send a voice message and a file, chat in a group and a chatroom, and edit their profiles.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/helpers/server.js';
import { ensureBuilt, launch, shot, watchErrors } from './browser.js';
import { badge, consoleCreatesApp, registerAndLogin, wav } from './demo-helpers.js';

const PASSWORD = 'demo-e2e-admin-password';

describe('demo chat in Chromium', () => {
  let s: TestServer;
  let browser: Browser;
  let admin: Page;
  let alice: Page;
  let bob: Page;
  let appKey = '';
  const errors: string[][] = [];

  beforeAll(async () => {
    await ensureBuilt();
    s = await startTestServer({ console: { adminPassword: PASSWORD } });
    browser = await launch();
    admin = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
    const desktop: BrowserContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1200, height: 760 },
    });
    // A phone-sized screen in Chinese: how a mini-program user meets the app.
    const phone: BrowserContext = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 780 },
      isMobile: true,
      hasTouch: true,
    });
    alice = await desktop.newPage();
    bob = await phone.newPage();
    // Fail fast: one broken step should not make every later one wait out the 30 s default.
    for (const page of [admin, alice, bob]) page.setDefaultTimeout(15_000);
    errors.push(watchErrors(admin), watchErrors(alice), watchErrors(bob));
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('the administrator creates an app in the console and reads its appKey', async () => {
    appKey = await consoleCreatesApp(admin, s.httpUrl, PASSWORD, 'acme', 'chat');
    expect(appKey).toBe('acme#chat');
    await expect
      .poll(async () => (await s.core.apps.get(appKey)).settings)
      .toMatchObject({ openRegistration: true, friendsRequired: true });
    await shot(admin, 'demo-00-console-app-settings');
  }, 60_000);

  it('registers and logs in two people in that app', async () => {
    await alice.goto(`${s.httpUrl}/demo/`);
    await alice.locator('[data-test=demo-user]').waitFor();
    await shot(alice, 'demo-01-login-desktop');
    await registerAndLogin(alice, `${s.httpUrl}/demo/`, appKey, 'alice');
    await registerAndLogin(bob, `${s.httpUrl}/demo/`, appKey, 'bob');
    await shot(bob, 'demo-02-empty-list-phone');
  }, 60_000);

  it('is refused a chat before being friends; a request and its acceptance make them friends', async () => {
    await alice.fill('[data-test=demo-new-chat]', 'bob');
    await alice.click('[data-test=demo-start]');
    await alice.locator('[data-test=chat-peer]').getByText('bob').waitFor();
    await alice.fill('[data-test=chat-input]', 'hi');
    await alice.click('[data-test=chat-send]');
    await alice.getByText('alice and bob are not friends.').waitFor();
    await alice.locator('[data-test=msg-status]').getByText('Failed').waitFor();

    await alice.click('[data-test=tab-friends]');
    await alice.fill('[data-test=friend-name]', 'bob');
    await alice.fill('[data-test=friend-message]', "Hi, it's Alice");
    await alice.click('[data-test=friend-ask]');
    await alice.locator('[data-test=friend-asked]').getByText('bob').waitFor();
    await expect.poll(() => bob.locator('[data-test=requests-badge] sup').textContent()).toBe('1');
    await shot(bob, 'demo-02a-request-badge-phone');
    await bob.click('[data-test=tab-friends]');
    const request = bob.locator('[data-test=request-alice]');
    await request.getByText("Hi, it's Alice").waitFor();
    await shot(bob, 'demo-02b-friend-request-phone');
    await request.locator('[data-test=request-accept]').click();
    await bob.locator('[data-test=friend-alice]').waitFor();
    await alice.locator('[data-test=friend-bob]').waitFor();
    expect(await alice.locator('[data-test=friend-asked]').count()).toBe(0);
    await expect.poll(() => bob.locator('[data-test=requests-badge] sup').isVisible()).toBe(false);
    await shot(alice, 'demo-02c-friends-desktop');
    await bob.click('[data-test=tab-chats]');
    await alice.click('[data-test=friend-bob]'); // opens the chat with bob
    await alice.locator('[data-test=chat-peer]').getByText('bob').waitFor();
    // Friends now: the refused message goes through on a retry.
    await alice.click('[data-test=msg-retry]');
    await expect.poll(() => badge(bob, 'alice').textContent()).toBe('1');
    expect(await alice.locator('[data-test=msg-status]').allTextContents()).not.toContain('Failed');
  }, 60_000);

  it('sends text with emoji; the recipient sees an unread badge and the last message', async () => {
    await alice.fill('[data-test=chat-input]', 'Hello Bob ');
    await alice.click('[data-test=chat-emoji]');
    await alice.click('[data-test="emoji-😀"]');
    await alice.click('[data-test=chat-send]');
    await alice.locator('[data-test=msg-text]').getByText('Hello Bob 😀').waitFor();
    await alice.fill('[data-test=chat-input]', '<img src=x onerror=alert(1)> is just text');
    await alice.press('[data-test=chat-input]', 'Enter');
    await alice.locator('[data-test=msg-text]').getByText('<img src=x onerror=alert(1)> is just text').waitFor();

    await expect.poll(() => badge(bob, 'alice').textContent()).toBe('3');
    // Bob's SDK sends delivery receipts: Alice sees "Delivered" before Bob opens the chat.
    await expect
      .poll(() => alice.locator('[data-test=msg-status]').allTextContents())
      .toEqual(['Delivered', 'Delivered', 'Delivered']);
    expect(await bob.locator('[data-test=last-alice]').textContent()).toBe('<img src=x onerror=alert(1)> is just text');
    expect(await bob.title()).toBe('(3) Pigeon 聊天');
    await shot(bob, 'demo-03-unread-phone');
  }, 60_000);

  it('sends an image by URL', async () => {
    await alice.click('[data-test=chat-image]');
    await alice.fill('.el-message-box__input input', `${s.httpUrl}/demo/pigeon.svg`);
    await alice.click('.el-message-box__btns .el-button--primary');
    await alice.locator('[data-test=msg-image]').waitFor();
    await expect.poll(() => badge(bob, 'alice').textContent()).toBe('4');
    expect(await bob.locator('[data-test=last-alice]').textContent()).toBe('[图片]');
  }, 60_000);

  it('uploads an image file to the server and sends it', async () => {
    const png = await sharp({ create: { width: 48, height: 32, channels: 3, background: '#e6a23c' } })
      .png()
      .toBuffer();
    await alice.setInputFiles('[data-test=chat-file]', { name: 'orange.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => alice.locator('[data-test=msg-image]').count()).toBe(2);
    await expect.poll(() => badge(bob, 'alice').textContent()).toBe('5');
  }, 60_000);

  it('opening the chat reads it: the badge goes, the sender sees "Read"', async () => {
    await bob.click('[data-test=conv-alice]');
    await expect.poll(() => bob.locator('[data-test=msg-image]').count()).toBe(2);
    expect(await bob.locator('[data-test=msg-text]').allTextContents()).toEqual([
      'hi',
      'Hello Bob 😀',
      '<img src=x onerror=alert(1)> is just text',
    ]);
    // Rendered as text, so the peer's markup made no element.
    expect(await bob.locator('[data-test=chat-messages] img[src=x]').count()).toBe(0);
    // Both load: the URL one, and the upload (its secret in the query, as an <img> sends no header).
    await expect
      .poll(() =>
        bob
          .locator('[data-test=msg-image]')
          .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)),
      )
      .toEqual([64, 48]);
    await shot(bob, 'demo-04-chat-phone');
    await expect
      .poll(() => alice.locator('[data-test=msg-status]').allTextContents())
      .toEqual(['Read', 'Read', 'Read', 'Read', 'Read']);
    await bob.fill('[data-test=chat-input]', '收到 👍');
    await bob.click('[data-test=chat-send]');
    await alice.locator('[data-test=msg-text]').getByText('收到 👍').waitFor();
    await shot(alice, 'demo-05-chat-read-desktop');
    const unread = await s.rest('GET', '/acme/chat/users/bob', { token: await s.adminToken(appKey) });
    expect(unread.status).toBe(200);
  }, 60_000);

  it('recalls a message on both sides', async () => {
    const mine = alice.locator('[data-test=msg-mine]').filter({ hasText: 'is just text' });
    await mine.locator('[data-test=msg-recall]').click();
    await alice.locator('[data-test=msg-recalled]').getByText('You recalled a message').waitFor();
    await bob.locator('[data-test=msg-recalled]').getByText('alice 撤回了一条消息').waitFor();
    expect(await bob.locator('[data-test=msg-text]').allTextContents()).not.toContain(
      '<img src=x onerror=alert(1)> is just text',
    );
    await shot(bob, 'demo-06-recalled-phone');
    await bob.click('button.back');
    await bob.locator('[data-test=conv-alice]').waitFor();
    expect(await badge(bob, 'alice').isVisible()).toBe(false);
    // A reload keeps the tab logged in (its token in sessionStorage) and the list comes back from the server.
    await bob.reload();
    await bob.locator('[data-test=demo-me]').getByText('bob').waitFor();
    expect(await bob.locator('[data-test=last-alice]').textContent()).toBe('收到 👍');
    expect(await bob.title()).toBe('Pigeon 聊天');
  }, 60_000);

  it('shows the peer typing, then plays a voice message and downloads a file', async () => {
    await bob.click('[data-test=conv-alice]');
    await bob.locator('[data-test=chat-input]').pressSequentially('voice coming');
    await alice.locator('[data-test=chat-typing]').getByText('typing…').waitFor();
    await shot(alice, 'demo-06a-typing-desktop');
    await bob.fill('[data-test=chat-input]', '');
    await bob.setInputFiles('[data-test=chat-attach-file]', {
      name: 'hello.wav',
      mimeType: 'audio/wav',
      buffer: wav(2),
    });
    // The voice message ends the typing; it plays in Alice's browser (its secret in the URL).
    const audio = alice.locator('[data-test=msg-audio]');
    await audio.waitFor();
    await alice.locator('[data-test=chat-typing]').waitFor({ state: 'detached' });
    await expect
      .poll(() => audio.evaluate((a) => Math.round((a as HTMLAudioElement).duration)), { timeout: 15_000 })
      .toBe(2);
    await bob.setInputFiles('[data-test=chat-attach-file]', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('meeting at 10'),
    });
    const file = alice.locator('[data-test=msg-file]');
    await file.getByText('notes.txt').waitFor();
    const body = await file.evaluate(async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
    expect(body).toBe('meeting at 10');
    expect(await bob.locator('[data-test=msg-file]').textContent()).toContain('13 B');
    // Recorded in Bob's browser (a fake microphone): WebM from MediaRecorder, sent as a voice message.
    await bob.click('[data-test=chat-record]');
    await bob.locator('[data-test=chat-record]').getByText('⏹').waitFor();
    await new Promise((r) => setTimeout(r, 1500));
    await bob.click('[data-test=chat-record]');
    const recorded = alice.locator('[data-test=msg-audio]').nth(1);
    await recorded.waitFor();
    const head = await recorded.evaluate(async (a) => {
      const bytes = new Uint8Array(await (await fetch((a as HTMLAudioElement).src)).arrayBuffer());
      return Array.from(bytes.subarray(0, 4));
    });
    expect(head).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // the EBML magic of a WebM file
    expect(await alice.locator('.voice small').nth(1).textContent()).toMatch(/^[12]″$/);
    await shot(alice, 'demo-06b-voice-file-desktop');
    await shot(bob, 'demo-06c-voice-file-phone');
    await bob.click('button.back');
  }, 60_000);

  it('scrolls back through history page by page', async () => {
    await s.createUsers(['carol'], appKey);
    const token = await s.adminToken(appKey);
    for (let i = 1; i <= 45; i++)
      await s.rest('POST', '/acme/chat/messages/users', {
        token,
        body: { from: 'carol', to: ['alice'], type: 'txt', body: { msg: `history ${i}` } },
      });
    await expect.poll(() => badge(alice, 'carol').textContent()).toBe('45');
    await alice.click('[data-test=conv-carol]');
    await alice.locator('[data-test=msg-text]').getByText('history 45').waitFor();
    expect(await alice.locator('[data-test=msg-text]').count()).toBe(20);
    for (const count of [40, 45]) {
      await alice.locator('[data-test=chat-messages]').evaluate((el) => el.scrollTo(0, 0));
      await expect.poll(() => alice.locator('[data-test=msg-text]').count()).toBe(count);
    }
    await alice.locator('[data-test=chat-messages]').evaluate((el) => el.scrollTo(0, 0));
    await alice.getByText('Start of the conversation').waitFor();
    const texts = await alice.locator('[data-test=msg-text]').allTextContents();
    expect(texts).toEqual(Array.from({ length: 45 }, (_, i) => `history ${i + 1}`));
    await shot(alice, 'demo-07-history-desktop');
  }, 90_000);

  it('creates a group: members see it at once, chat in it with sender names and unread badges', async () => {
    await alice.click('[data-test=demo-new-group]');
    await alice.fill('[data-test=group-name]', 'Weekend <i>trip</i>');
    await alice.fill('[data-test=group-members]', 'bob, carol');
    await alice.click('[data-test=group-create]');
    await alice.locator('[data-test=chat-peer]').getByText('Weekend <i>trip</i>').waitFor();
    // Bob was added directly: the group shows up in his list before any message.
    const bobGroup = bob.locator('[data-test^="conv-g:"]');
    await bobGroup.getByText('Weekend <i>trip</i>').waitFor();
    await alice.fill('[data-test=chat-input]', 'Hi all');
    await alice.click('[data-test=chat-send]');
    await expect.poll(() => bob.locator('[data-test^="unread-g:"] sup').textContent()).toBe('1');
    expect(await bob.locator('[data-test^="last-g:"]').textContent()).toBe('alice: Hi all');
    await shot(bob, 'demo-10-group-unread-phone');
    await bobGroup.click();
    await bob.locator('[data-test=msg-sender]').getByText('alice').waitFor();
    await bob.fill('[data-test=chat-input]', '周六见');
    await bob.click('[data-test=chat-send]');
    await alice.locator('[data-test=msg-text]').getByText('周六见').waitFor();
    expect(await alice.locator('[data-test=msg-sender]').allTextContents()).toEqual(['bob']);
    await shot(alice, 'demo-11-group-desktop');
    await shot(bob, 'demo-12-group-phone');
  }, 60_000);

  it('invites someone into the group, and a member leaves it', async () => {
    await s.createUsers(['dave'], appKey);
    await alice.click('[data-test=group-manage]');
    const members = alice.locator('[data-test=group-member-list] li');
    await expect.poll(() => members.allTextContents()).toEqual(['alice · owner', 'bob', 'carol']);
    await alice.fill('[data-test=group-invite-input]', 'dave');
    await alice.click('[data-test=group-invite]');
    await expect.poll(() => members.count()).toBe(4);
    await shot(alice, 'demo-12a-group-members-desktop');
    expect(await alice.locator('[data-test=group-leave]').count()).toBe(0); // the owner dissolves, not leaves
    await alice.keyboard.press('Escape');

    await bob.click('[data-test=group-manage]');
    await bob.click('[data-test=group-leave]');
    await bob.locator('[data-test^="conv-g:"]').waitFor({ state: 'detached' });
    await alice.click('[data-test=group-manage]');
    await expect.poll(() => members.allTextContents()).toEqual(['alice · owner', 'carol', 'dave']);
    await alice.keyboard.press('Escape');
  }, 60_000);

  it('joins a chatroom from the rooms tab and chats in it', async () => {
    const caller = { app: await s.core.apps.get(appKey), user: 'admin', admin: true };
    const { roomId } = (await s.core.chatrooms.service.create(caller, { name: 'Lobby' }, 'carol')) as {
      roomId: string;
    };
    for (const page of [alice, bob]) {
      await page.click('[data-test=tab-rooms]');
      await page.locator(`[data-test="room-${roomId}"]`).getByText('Lobby').click();
      await page.locator('[data-test=chat-peer]').getByText('Lobby').waitFor();
    }
    await shot(bob, 'demo-13-rooms-phone');
    await alice.fill('[data-test=chat-input]', 'hello room');
    await alice.click('[data-test=chat-send]');
    const line = bob.locator('[data-test=msg-theirs]').filter({ hasText: 'hello room' });
    await line.locator('[data-test=msg-sender]').getByText('alice').waitFor();
    await shot(bob, 'demo-14-room-chat-phone');
    await bob.click('[data-test=room-leave]');
    await bob.locator(`[data-test="conv-r:${roomId}"]`).waitFor({ state: 'detached' });
    await alice.locator('[data-test=chat-peer]').getByText('Lobby').waitFor();
  }, 60_000);

  it('joins a public group from the list', async () => {
    const caller = { app: await s.core.apps.get(appKey), user: 'admin', admin: true };
    const { groupId } = (await s.core.groups.service.create(caller, { name: 'Hikers', public: true }, 'carol')) as {
      groupId: string;
    };
    await bob.click('[data-test=tab-rooms]');
    await bob.locator(`[data-test="public-${groupId}"]`).getByText('Hikers').click();
    await bob.locator('[data-test=chat-peer]').getByText('Hikers').waitFor();
    await bob.fill('[data-test=chat-input]', 'hello hikers');
    await bob.click('[data-test=chat-send]');
    await bob.locator('[data-test=msg-status]').getByText('已发送').waitFor();
    await shot(bob, 'demo-14a-public-group-phone');
    await bob.click('button.back');
  }, 60_000);

  it('edits a profile: friends see the new nickname', async () => {
    await bob.click('[data-test=demo-profile]');
    await bob.fill('[data-test=profile-nickname]', 'Bobby 🐦');
    await bob.fill('[data-test=profile-sign]', '周末爬山');
    await bob.click('[data-test=profile-save]');
    await bob.locator('[data-test=demo-nickname]').getByText('Bobby 🐦').waitFor();
    await alice.click('[data-test=tab-chats]');
    await alice.locator('[data-test=conv-bob]').getByText('Bobby 🐦').waitFor();
    await alice.click('[data-test=tab-friends]');
    await alice.locator('[data-test=friend-bob]').getByText('周末爬山').waitFor();
    await shot(bob, 'demo-15-profile-phone');
    await shot(alice, 'demo-16-friend-profile-desktop');
    const profile = await s.rest('GET', '/acme/chat/metadata/user/bob', { token: await s.adminToken(appKey) });
    expect(profile.body.data).toMatchObject({ nickname: 'Bobby 🐦', sign: '周末爬山' });
    expect(errors.flat()).toEqual([]);
  }, 60_000);
});
