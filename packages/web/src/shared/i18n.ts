/** A tiny i18n: one map per language, a reactive current language, default from navigator.language. */
import { ref } from 'vue';

export type Lang = 'en' | 'zh';
export type Dict = Record<string, string>;

const STORAGE_KEY = 'pigeon:lang';

function initial(): Lang {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const lang = ref<Lang>(initial());

export function setLang(l: Lang): void {
  lang.value = l;
  globalThis.localStorage?.setItem(STORAGE_KEY, l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

/** Builds `t(key, vars)` over the two maps; a missing key shows itself, so it is noticed. */
export function makeT(maps: Record<Lang, Dict>) {
  return (key: string, vars: Record<string, string | number> = {}): string => {
    const s = maps[lang.value][key] ?? maps.en[key] ?? key;
    return s.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? `{${k}}`));
  };
}
