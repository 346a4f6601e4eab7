export * from './errors.js';
export * from './message.js';
export * from './conversation.js';
export * from './ops.js';
export * from './ops-contacts.js';
export * from './events.js';
export * from './frames.js';
export { renderErrorsDoc } from './errors-doc.js';
