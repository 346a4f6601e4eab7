// @ts-check
/**
 * Where the Pigeon server is. These hosts must be on the mini-program's domain whitelist
 * (request, socket, uploadFile, downloadFile): see README.md.
 */
export const config = Object.freeze({
  appKey: 'pigeon#demo',
  /** WebSocket gateway ("socket" whitelist). */
  url: 'wss://im.example.com/ws',
  /** REST API ("request" whitelist); files go to the same host ("uploadFile"/"downloadFile"). */
  apiUrl: 'https://im.example.com',
});
