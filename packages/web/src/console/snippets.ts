/** Copy-paste SDK init code per platform, filled with an app's appKey and a region's addresses. */
export interface SnippetInput {
  appKey: string;
  restUrl: string;
  wsUrl: string;
}

export const PLATFORMS = ['web', 'wechat', 'qq', 'alipay', 'baidu', 'bytedance', 'uniapp', 'node'] as const;
export type SnippetPlatform = (typeof PLATFORMS)[number];

const IMPORTS: Record<SnippetPlatform, string> = {
  web: "import SDK from '@pigeon/sdk/web';",
  node: "import SDK from '@pigeon/sdk/node';",
  wechat:
    "// copy node_modules/@pigeon/sdk/dist/miniprogram/pigeon-wechat.js into your project\nimport SDK from './sdk/pigeon-wechat';",
  qq: "// copy node_modules/@pigeon/sdk/dist/miniprogram/pigeon-qq.js into your project\nimport SDK from './sdk/pigeon-qq';",
  alipay:
    "// copy node_modules/@pigeon/sdk/dist/miniprogram/pigeon-alipay.js into your project\nimport SDK from './sdk/pigeon-alipay';",
  baidu:
    "// copy node_modules/@pigeon/sdk/dist/miniprogram/pigeon-baidu.js into your project\nimport SDK from './sdk/pigeon-baidu';",
  bytedance:
    "// copy node_modules/@pigeon/sdk/dist/miniprogram/pigeon-bytedance.js into your project\nimport SDK from './sdk/pigeon-bytedance';",
  uniapp:
    "// copy node_modules/@pigeon/sdk/dist/miniprogram/pigeon-uniapp.js into your project\nimport SDK from './sdk/pigeon-uniapp';",
};

export function snippet(platform: SnippetPlatform, i: SnippetInput): string {
  return `${IMPORTS[platform]}

const conn = new SDK.connection({
  appKey: '${i.appKey}',
  url: '${i.wsUrl}',
  apiUrl: '${i.restUrl}',
});
conn.addEventHandler('app', {
  onTextMessage: (msg) => console.log(msg.from, msg.msg),
  onDisconnected: (err) => console.log('disconnected', err && err.type),
});
await conn.open({ user: 'alice', pwd: 'password' }); // or { user, accessToken } from your backend
await conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'bob', msg: 'hello' }));`;
}
