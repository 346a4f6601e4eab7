/** Hash routing (#/apps/org/name/users): no server fallback routes, works from any path. */
import { ref } from 'vue';

const parse = () => (location.hash.replace(/^#/, '') || '/').split('/').filter(Boolean).map(decodeURIComponent);

export const route = ref<string[]>(parse());
window.addEventListener('hashchange', () => (route.value = parse()));

export function go(path: string): void {
  location.hash = path;
}
