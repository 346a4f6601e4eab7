/**
 * `@pigeon/sdk/uniapp`, and the single-file build `dist/miniprogram/pigeon-uniapp.js` a project copies
 * into its `sdk/` folder: uni-app (every mini-program it compiles to, and native Android/iOS) only.
 * Same default export as `@pigeon/sdk`; App.vue onShow/onHide call uniAppShown()/uniAppHidden().
 */
import { defineSdk } from '../core/sdk.js';
import { uniappPlatform } from '../platforms/uniapp.js';

const sdk = defineSdk([uniappPlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/index.js';
export { uniappAdapter, uniAppShown, uniAppHidden } from '../platforms/uniapp.js';
export default sdk;
