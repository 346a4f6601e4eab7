/** @pigeon/server-sdk: what an app's backend needs (token minting, the admin REST client). */
export const SERVER_SDK_VERSION = '0.1.0';
