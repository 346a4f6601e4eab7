/**
 * Where the Pigeon server is. On mini-program targets these hosts must be on the domain
 * whitelist (request, socket, uploadFile, downloadFile): see README.md.
 */
export const config = Object.freeze({
  appKey: 'pigeon#demo',
  /** WebSocket gateway ("socket" whitelist). */
  url: 'wss://im.example.com/ws',
  /** REST API ("request" whitelist); files use the same host ("uploadFile"/"downloadFile"). */
  apiUrl: 'https://im.example.com',
});
