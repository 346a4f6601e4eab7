// Writes docs/errors.md from the error catalogue: `npx tsx scripts/gen-errors-doc.ts`.
import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../packages/protocol/src/errors-doc.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
