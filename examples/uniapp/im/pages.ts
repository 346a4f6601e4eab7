/** Page state and actions, one function per page, used by the thin .vue files. */
import { ref } from 'vue';
import { conversations, history, login, logout, me, onMessage, sendText } from './client';
import { addBubble, toBubble, toRow, type Bubble, type Row } from './views';

export function loginPage() {
  const user = ref(String(uni.getStorageSync('pigeon:lastUser') || ''));
  const pwd = ref('');
  const busy = ref(false);
  const error = ref('');
  async function submit(): Promise<void> {
    busy.value = true;
    error.value = '';
    try {
      await login(user.value.trim(), pwd.value);
      uni.redirectTo({ url: '/pages/conversations/conversations' });
    } catch (e) {
      // PigeonError: a stable `type` (AUTH_FAILED, NETWORK, SOCKET_LIMIT, ...) and a readable message.
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      busy.value = false;
    }
  }
  return { user, pwd, busy, error, submit };
}

export function conversationsPage() {
  const rows = ref<Row[]>([]);
  const peer = ref('');
  let off: (() => void) | undefined;
  const refresh = async () => void (rows.value = (await conversations()).map(toRow));
  return {
    rows,
    peer,
    me,
    shown() {
      void refresh();
      off = onMessage(() => void refresh());
    },
    hidden: () => off?.(),
    open(id = peer.value.trim()) {
      if (id) uni.navigateTo({ url: `/pages/chat/chat?peer=${encodeURIComponent(id)}` });
    },
    async logout() {
      await logout();
      uni.reLaunch({ url: '/pages/login/login' });
    },
  };
}

export function chatPage() {
  const peer = ref('');
  const bubbles = ref<Bubble[]>([]);
  const draft = ref('');
  let off: (() => void) | undefined;
  return {
    peer,
    bubbles,
    draft,
    async load(p: string) {
      peer.value = p;
      uni.setNavigationBarTitle({ title: p });
      off = onMessage((m) => {
        if (m.conversationId === p) bubbles.value = addBubble(bubbles.value, toBubble(m, me()));
      });
      const past = (await history(p)).map((m) => toBubble(m, me()));
      // History first, then whatever arrived live while it loaded, without duplicates.
      bubbles.value = bubbles.value.reduce(addBubble, past);
    },
    unload: () => off?.(),
    async send() {
      const text = draft.value.trim();
      if (!text) return;
      draft.value = '';
      const sent = await sendText(peer.value, text);
      if (sent) bubbles.value = addBubble(bubbles.value, toBubble(sent, me()));
    },
  };
}
