/** Small display helpers shared by the console pages. */
import { ElMessage } from 'element-plus';
import { t } from './i18n';

export const when = (ms: number): string => new Date(ms).toLocaleString();

export async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    ElMessage.success(t('copied'));
  } catch {
    ElMessage.info(text);
  }
}

export function fail(e: unknown): void {
  ElMessage.error((e as Error).message);
}
