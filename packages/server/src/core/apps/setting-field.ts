/** One field of the console's settings form (see app-settings-fields.ts). */
export interface SettingField {
  key: string;
  /** `list`: strings, edited as one comma-separated line; `text`: one string. */
  type: 'boolean' | 'integer' | 'enum' | 'list' | 'text';
  options?: readonly string[];
  min?: number;
  /** Unit shown next to numbers, e.g. 's' or 'bytes'. */
  unit?: string;
  /** Optional numbers may be left empty (the server's default applies). */
  optional?: boolean;
  label: { en: string; zh: string };
  help: { en: string; zh: string };
}
